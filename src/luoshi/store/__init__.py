"""Storage: reports in SQLite (a file, the default) or PostgreSQL (a server), each report written whole or not at all.

    store = open_store()            # ./luoshi.db, or $LUOSHI_DB
    store.add_report(report, raw=doc.data)
    store.get_report("3fa2")        # id, id prefix or source path
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import Store

DEFAULT_DB = "luoshi.db"


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def default_target() -> str:
    return os.environ.get("LUOSHI_DB") or DEFAULT_DB


def open_store(url_or_path: str | Path | None = None, *, readonly: bool = False, migrate: bool = True) -> Store:
    """Open (and create or migrate) the store at a SQLite path or a postgresql:// URL; default $LUOSHI_DB or ./luoshi.db."""
    target = str(url_or_path) if url_or_path else default_target()
    if is_postgres_url(target):
        from .postgres import PostgresStore

        store: Store = PostgresStore(target)
    else:
        from .sqlite import SQLiteStore

        if readonly and not Path(target).exists():
            raise FileNotFoundError(f"no database at {target}")
        store = SQLiteStore(target, readonly=readonly)
    if migrate and not readonly:
        store.migrate()
        if store.count("metrics") == 0:
            store.sync_metrics()
    return store


__all__ = ["DEFAULT_DB", "Store", "default_target", "is_postgres_url", "open_store"]
