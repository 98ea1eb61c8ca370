"""Upload: a dropped file is ingested, processed, stored and opened. Off unless the server allows uploads."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...models import printable
from ..render import render
from ..uploads import (
    MULTIPART_OVERHEAD,
    BadUpload,
    UploadTooLarge,
    parse_multipart,
    read_limited,
    safe_name,
    save_upload,
)

router = APIRouter()


def upload_error(request: Request, status: int, message: str, detail: str = "") -> HTMLResponse:
    return render(request, "upload.html", status_code=status, error=message, detail=detail, nav="upload")


def host_allowed(host: str, allowed: frozenset[str]) -> bool:
    """Host is one of the addresses the server was bound to ("name:port", or a name allowed on any port)."""
    host = host.lower()
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return host in allowed or name in allowed


def same_origin(request: Request) -> bool:
    """The server's own page, or a client that is not a browser (no Origin). A page of another site is refused,
    also one that rebinds its name to this server's address (DNS rebinding): its Host is its own name."""
    host = request.headers.get("host", "")
    if not host_allowed(host, request.app.state.upload_hosts):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin != "null" and urlsplit(origin).netloc.lower() == host.lower()


def ingest(request: Request, name: str, data: bytes) -> tuple[list[str], list[str]]:
    """Read (within the upload limits), process and store; returns the stored report ids and the per-document
    errors (CLI wording). The file is kept only when a report from it was stored: a refused file leaves nothing."""
    from ...ingest import iter_bytes
    from ...models import IngestError
    from ...pipeline import process

    store: Any = request.app.state.stores.get()
    ids, errors = [], []
    with request.app.state.upload_lock:
        for item in iter_bytes(name, data, limits=request.app.state.upload_limits):
            if isinstance(item, IngestError):
                errors.append(str(item))
                continue
            try:
                report = process(item)
            except Exception as e:  # noqa: BLE001 - one bad report gets the CLI's line, not a 500
                errors.append(printable(f"{item.source}: {type(e).__name__}: {e}"))
                continue
            store.add_report(report, raw=item.data)
            ids.append(report.id)
            del report, item
    if ids:
        save_upload(request.app.state.data_dir, name, data)
    return ids, errors


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    return render(request, "upload.html", nav="upload")


@router.post("/upload")
async def upload(request: Request) -> Response:
    if not request.app.state.allow_upload:
        return upload_error(request, 403, "upload.disabled")
    if not same_origin(request):
        return upload_error(request, 403, "upload.error", "refused: Host or Origin is not this server's address")
    limit: int = request.app.state.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD:
        return upload_error(request, 413, "upload.too_large")
    try:
        body = await read_limited(request.stream(), limit + MULTIPART_OVERHEAD)
        uploaded = parse_multipart(request.headers.get("content-type", ""), body)
    except UploadTooLarge:
        return upload_error(request, 413, "upload.too_large")
    except (BadUpload, ValueError) as e:
        return upload_error(request, 400, "upload.error", str(e))
    if uploaded is None or not uploaded.data:
        return upload_error(request, 400, "upload.empty")
    if len(uploaded.data) > limit:
        return upload_error(request, 413, "upload.too_large")
    name = safe_name(uploaded.filename)
    ids, errors = await run_in_threadpool(ingest, request, name, uploaded.data)
    if len(ids) == 1 and not errors:
        return RedirectResponse(f"/report/{ids[0]}", status_code=303)
    if not ids:
        return upload_error(request, 400, "upload.error", "\n".join(errors))
    return render(request, "upload.html", stored=ids, detail="\n".join(errors), nav="upload")
