"""Shared route helpers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request


def get_store(request: Request) -> Any:
    """The store of this worker thread (see StoreProvider)."""
    return request.app.state.stores.get()


StoreDep = Annotated[Any, Depends(get_store)]
