"""PostgreSQL back end (psycopg 3) for a shared server: the same schema files and SQL as SQLite.

SQL is written with `?` placeholders and translated to psycopg's `%s`. Autocommit outside `transaction()`, so a
read never holds a transaction open.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .base import Store, translate

MIGRATION_LOCK = 0x6C756F736869  # "luoshi": an advisory lock key of our own


class PostgresStore(Store):
    dialect = "postgresql"
    # A fact row keeps its sentence's text as well as its span (schema 120): reports.text is TOAST-compressed, and
    # cutting a sentence from it costs ~80 µs a fact (a query of 284 facts 3 -> 37 ms, of 6,444 58 -> 540 ms)
    cuts_fact_sentences = False

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as e:  # pragma: no cover - depends on the install
            raise RuntimeError("PostgreSQL needs psycopg: pip install 'luoshi[postgres]'") from e
        self.url = url
        self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        self._depth = 0

    def _execute(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        with self.conn.cursor() as cur:
            cur.execute(translate(sql), _no_nul(params) if params else None)
            return cur.fetchall() if cur.description else []

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(translate(sql), [_no_nul(r) for r in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def _lock_for_migration(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))

    def close(self) -> None:
        self.conn.close()


def _no_nul(params: Any) -> Any:
    """PostgreSQL text cannot hold U+0000; U+FFFD (one character too) keeps every stored offset valid."""
    if isinstance(params, dict):
        return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) else v for k, v in params.items()}
    return [v.replace("\x00", "\ufffd") if isinstance(v, str) else v for v in params]
