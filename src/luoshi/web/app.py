"""The FastAPI app factory: one store per worker thread, server-rendered pages, bundled static assets."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..ingest.limits import UPLOAD_LIMITS, Limits
from .cache import LRUCache
from .i18n import COOKIE, LANGS
from .render import STATIC_DIR, render
from .texts import SharedTexts

DEFAULT_MAX_UPLOAD_BYTES = UPLOAD_LIMITS.file_bytes
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")  # a rebinding page's Host is its own name, never these


class StoreProvider:
    """Opens the store lazily, once per thread (SQLite connections must stay on the thread that made them)."""

    def __init__(self, url: str | None, *, readonly: bool = False):
        self.url = url
        self.readonly = readonly
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Any] = []

    def get(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            from ..store import open_store

            store = open_store(self.url, readonly=self.readonly)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close_all(self) -> None:
        with self._lock:
            stores, self._opened = self._opened, []
        for store in stores:
            with contextlib.suppress(Exception):  # a connection may refuse from another thread; we are ending
                store.close()


def warm_up(stores: StoreProvider, texts: SharedTexts) -> None:
    """Before the first requests ask for them: load the search tokenizer (jieba's dictionary, about a second), the
    tracking stage (it imports pandas: 0.7 s of the first region page otherwise) and the canonical texts that
    trends count in (0.2-0.7 s for the 1,858 canonical reports of the 10,000-report bench corpus)."""
    with contextlib.suppress(Exception):  # only an optimisation: a failure here shows again on the request itself
        from ..store.segment import query_words

        query_words("政府工作报告")
    with contextlib.suppress(Exception):
        from .. import track  # noqa: F401
    with contextlib.suppress(Exception):
        texts.get(stores.get())


def check_store(url: str | None, *, readonly: bool) -> None:
    """Fail at start (not on the first request) when the database cannot be opened, e.g. a missing file."""
    from ..store import open_store

    open_store(url, readonly=readonly).close()


def create_app(
    store_url: str | None = None,
    *,
    allow_upload: bool = False,
    data_dir: str | Path | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    upload_hosts: Collection[str] | None = None,
    upload_limits: Limits | None = None,
) -> FastAPI:
    """The web app over one database. Read-only unless allow_upload; uploads are kept under data_dir/uploads.

    `upload_hosts`: the Host header values an upload may carry ("127.0.0.1:8000", or a name alone for any port;
    default: the loopback names on any port); `luoshi serve` passes the addresses it binds. `upload_limits`:
    ingest.UPLOAD_LIMITS unless given, with the file size set to max_upload_bytes."""
    from .routes import ROUTERS

    stores = StoreProvider(store_url, readonly=not allow_upload)
    check_store(store_url, readonly=not allow_upload)
    texts = SharedTexts()
    background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="luoshi-prefetch")  # one thread, one store

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        warm = threading.Thread(target=warm_up, args=(stores, texts), name="luoshi-warm-up", daemon=True)
        warm.start()
        yield
        # Connections are closed from this thread: first let the threads that may be using theirs finish (closing a
        # SQLite connection in the middle of another thread's query crashes the process).
        warm.join()
        background.shutdown(wait=True, cancel_futures=True)
        stores.close_all()

    app = FastAPI(title="luoshi", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.stores = stores
    app.state.allow_upload = allow_upload
    app.state.data_dir = Path(data_dir) if data_dir else Path.cwd() / "luoshi-data"
    app.state.max_upload_bytes = max_upload_bytes
    app.state.upload_hosts = frozenset(h.lower() for h in (upload_hosts or LOOPBACK_HOSTS))
    app.state.upload_limits = dataclasses.replace(upload_limits or UPLOAD_LIMITS, file_bytes=max_upload_bytes)
    app.state.upload_lock = threading.Lock()  # one upload processed at a time: memory is one report's, not N's
    app.state.cache = LRUCache()
    app.state.texts = texts
    app.state.background = background
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.middleware("http")
    async def remember_language(request: Request, call_next):
        response = await call_next(request)
        lang = request.query_params.get("lang")
        if lang in LANGS and request.cookies.get(COOKIE) != lang:
            response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'",
        )
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":  # the framework's English default: use ours
            message = "error.not_found"
        return render(request, "error.html", status_code=exc.status_code, message=message)

    return app
