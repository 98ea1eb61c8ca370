"""`luoshi serve`: the web app over a database, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import typer

from .common import err

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    db: str = typer.Option(None, "--db", envvar="LUOSHI_DB",
                           help="SQLite file or postgresql:// URL (default: $LUOSHI_DB, else ./luoshi.db)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default serves this machine only."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    allow_upload: bool = typer.Option(False, "--allow-upload", help="Accept uploaded reports (read-only otherwise)."),
    data_dir: str = typer.Option("luoshi-data", "--data-dir", help="Folder that keeps uploaded files."),
    max_upload_mb: float = typer.Option(20.0, "--max-upload-mb", help="Largest upload (and archive member), in MB."),
    upload_host: list[str] = typer.Option(  # noqa: B008
        [], "--upload-host", help="Another Host name uploads may be addressed to (e.g. behind a proxy); repeatable."),
) -> None:
    """Serve the web app: overview, reports, targets, regions, search, trends, upload.

    Example: luoshi serve --db luoshi.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from ..web import create_app

    try:
        app = create_app(db, allow_upload=allow_upload, data_dir=data_dir,
                         max_upload_bytes=int(max_upload_mb * 1024 * 1024),
                         upload_hosts=bound_hosts(host, port) + list(upload_host))
    except (FileNotFoundError, OSError) as e:
        err(f"luoshi: cannot open the database: {e} (fill one with: luoshi ingest PATH --db FILE)")
        raise typer.Exit(2) from e
    if host not in LOOPBACK:
        err(f"luoshi: serving on {host}: other machines on the network can reach this server")
    uvicorn.run(app, host=host, port=port, log_level="info")


def bound_hosts(host: str, port: int) -> list[str]:
    """The Host values that name this server: the address bound (all loopback names for a loopback address; every
    address of this machine for 0.0.0.0 or ::), with the port (also without it on port 80)."""
    import socket

    if host in LOOPBACK:
        names = ["127.0.0.1", "localhost", "[::1]"]
    elif host in ("0.0.0.0", "::", ""):
        names = ["127.0.0.1", "localhost", "[::1]"]
        try:
            infos = socket.getaddrinfo(socket.gethostname(), None)
        except OSError:
            infos = []
        addresses = {str(i[4][0]) for i in infos}
        names += sorted(f"[{a}]" if ":" in a else a for a in addresses)
    else:
        names = [f"[{host}]" if ":" in host else host]
    return [f"{n}:{port}" for n in names] + (names if port == 80 else [])


def register(app: typer.Typer) -> None:
    app.command()(serve)
