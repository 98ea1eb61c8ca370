"""`luoshi serve`: the web app over a database, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import typer


def serve(
    db: str = typer.Option(None, "--db", help="SQLite file or postgresql:// URL (default: $LUOSHI_DB or luoshi.db)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default serves this machine only."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    allow_upload: bool = typer.Option(False, "--allow-upload", help="Accept uploaded reports (read-only otherwise)."),
    data_dir: str = typer.Option("luoshi-data", "--data-dir", help="Folder that keeps uploaded files."),
    max_upload_mb: float = typer.Option(20.0, "--max-upload-mb", help="Largest upload accepted, in MB."),
) -> None:
    """Serve the web app: overview, reports, targets, regions, search, trends, upload.

    Example: luoshi serve --db luoshi.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from ..web import create_app

    app = create_app(db, allow_upload=allow_upload, data_dir=data_dir, max_upload_bytes=int(max_upload_mb * 1024 * 1024))
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command()(serve)
