"""PostgreSQL back end (psycopg 3) for a shared server: the same schema files and SQL as SQLite.

SQL is written with `?` placeholders and translated to psycopg's `%s`. Autocommit outside `transaction()`, so a
read never holds a transaction open.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .base import Store, translate


class PostgresStore(Store):
    dialect = "postgresql"

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
            cur.execute(translate(sql), params if params else None)
            return cur.fetchall() if cur.description else []

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(translate(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def close(self) -> None:
        self.conn.close()
