"""The Store API shared by the SQLite and PostgreSQL back ends.

SQL here uses `?` placeholders; a back end translates them for its driver (`translate`). Every report is written
in one transaction: either all its rows are stored or none are, so a killed batch never leaves half a report.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from .. import data_file
from ..models import Report, sha256_hex
from . import neardup
from .packing import stored_raw_text
from .records import (
    CHILD_COLUMNS,
    KEYED_TABLES,
    LISTING_COLUMNS,
    REPORT_COLUMNS,
    STORED_COLUMNS,
    report_from_row,
    store_rows,
    with_sentences,
)
from .upgrades import UPGRADES

FILTERS = ("region", "province", "level", "year", "kind", "doc_type", "fmt")


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every file in schema/, in order: NNN_name.sql. A version may also have a data step in
    `upgrades.UPGRADES` (Python: rows rewritten into a new form), run after its SQL in the same transaction."""
    return [(int(name.split("_", 1)[0]), data_file.text(__package__, name, "schema"))
            for name in data_file.listing(__package__, "schema", ".sql")]


SCHEMA_VERSION = max(v for v, _ in migrations())  # what this code writes; older files are upgraded on open


def split_statements(script: str) -> list[str]:
    """Statements of a migration file (no semicolons inside literals in our schema files)."""
    lines = [ln.split("--", 1)[0] for ln in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


class Store(AbstractContextManager, ABC):
    dialect: str = ""
    last_near_duplicate: str | None = None  # set by add_report: the report the last one stored was linked to
    cuts_fact_sentences = True  # fact_rows hold a sentence's span only, the `facts` view cuts it (schema 120)

    # --- what a back end provides -------------------------------------------------------------------
    @abstractmethod
    def _execute(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        """Run one statement (SQL with `?` placeholders); rows as dicts (empty for statements without rows)."""

    @abstractmethod
    def _executemany(self, sql: str, rows: list[tuple]) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager:
        """A context manager: commit on success, roll back on any exception."""

    @abstractmethod
    def close(self) -> None: ...

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ---------------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the schema files not yet recorded in schema_migrations; return the versions applied."""
        applied = []
        with self.transaction():  # serialised: two processes opening a new database at once migrate it once
            self._lock_for_migration()
            self._execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
        for version, script in migrations():
            with self.transaction():
                self._lock_for_migration()
                if self._execute("SELECT 1 AS x FROM schema_migrations WHERE version = ?", (version,)):
                    continue
                for stmt in split_statements(self.dialect_sql(script)):
                    self._execute(stmt)
                if version in UPGRADES:
                    UPGRADES[version](self)
                self._execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                              (version, _now()))
            applied.append(version)
        return applied

    def _lock_for_migration(self) -> None:
        """Hold the database's writer lock for the rest of the transaction (SQLite's BEGIN IMMEDIATE already does)."""

    def dialect_sql(self, script: str) -> str:
        """Schema text for this database: `/*sqlite: X*/` becomes X on SQLite and stays a comment elsewhere (and
        `/*postgresql: X*/` X on PostgreSQL)."""
        return re.sub(rf"/\*{self.dialect}: (.*?)\*/", r"\1", script)

    @property
    def schema_version(self) -> int:
        rows = self._execute("SELECT MAX(version) AS v FROM schema_migrations")
        return rows[0]["v"] or 0

    def sync_metrics(self) -> int:
        """Copy the extract stage's metric table (extract/data/metrics.tsv) into `metrics`; return its size."""
        try:
            table = data_file.table("luoshi.extract", "metrics.tsv")
        except (FileNotFoundError, ModuleNotFoundError):
            return 0
        rows = [(r["id"], r.get("name_zh"), r.get("aliases"), r.get("kind")) for r in table if r.get("id")]
        stored = {(r["id"], r["name_zh"], r["aliases"], r["kind"]) for r in self._execute("SELECT * FROM metrics")}
        if stored != set(rows):
            with self.transaction():
                self._lock_for_migration()
                self._execute("DELETE FROM metrics")
                self._executemany("INSERT INTO metrics (id, name_zh, aliases, kind) VALUES (?, ?, ?, ?)", rows)
        return len(rows)

    # --- writing --------------------------------------------------------------------------------------
    def has(self, report_id: str) -> bool:
        return bool(self._execute("SELECT 1 AS x FROM reports WHERE id = ?", (report_id,)))

    def add_report(self, report: Report, *, raw: bytes | None = None, minhash: str | None = None,
                   record_json: str | None = None, raw_z: bytes | None = None,
                   rows: tuple[dict, dict[str, list[tuple]]] | None = None) -> bool:
        """Store one report and all its rows in one transaction; False when its id is already stored.

        `raw` (the bytes the id was computed from) is checked against the id and its size recorded. A near-
        duplicate of a stored report gets `canonical_id` = that report's canonical id (see `near_duplicate_of`),
        unless it is the better copy (`_better_copy`): then the group is relinked to it.
        `minhash`, `record_json` (`records.record_rest(report)`: the parts of the record no column holds) and
        `raw_z` (`packing.pack_raw`) may be given when computed elsewhere (ingest workers do); else they are made here.
        So may `rows` (`records.store_rows` with the same minhash, record and raw_z): then only the report's id,
        meta.year and quality are read from `report`, the rest from the rows.
        """
        if raw is not None and sha256_hex(raw) != report.id:
            raise ValueError(f"report id {report.id[:12]} is not the sha256 of the raw bytes given")
        if minhash is None:
            minhash = neardup.signature(report.text)
        self.last_near_duplicate = None
        with self.transaction():
            if self.has(report.id):
                return False
            canonical = self.near_duplicate_of(minhash, year=report.meta.year) if minhash else None
            self.last_near_duplicate = canonical
            promote = canonical is not None and self._better_copy(report, canonical)
            if promote:  # the new copy becomes the group's canonical report, after its row exists
                canonical, old_canonical = None, canonical
            if rows is None:
                rows = store_rows(report, minhash=minhash, n_bytes=len(raw) if raw is not None else None,
                                  record=record_json, raw_z=raw_z)
            row = {**rows[0], "canonical_id": canonical, "ingested_at": _now()}
            if not self.cuts_fact_sentences:
                rows = (rows[0], {**rows[1], "facts": with_sentences(rows[1]["facts"], row["text"] or "")})
            cols = ", ".join(_quote(c) for c in REPORT_COLUMNS)
            # ON CONFLICT: a concurrent writer (another ingest on the same PostgreSQL) stored it meanwhile
            if not self._execute(f"INSERT INTO reports ({cols}) VALUES ({', '.join('?' * len(REPORT_COLUMNS))}) "
                                 "ON CONFLICT (id) DO NOTHING RETURNING id", tuple(row[c] for c in REPORT_COLUMNS)):
                return False
            num = self._execute("INSERT INTO report_keys (report_id) VALUES (?) RETURNING num", (report.id,))[0]["num"]
            for table, children in rows[1].items():
                if children:
                    columns = STORED_COLUMNS[table]
                    if table in KEYED_TABLES:  # stored under the report's number (schema version 100)
                        table, columns = KEYED_TABLES[table], ("report_num", *columns[1:])
                        children = [(num, *r[1:]) for r in children]
                    self._executemany(
                        f"INSERT INTO {table} ({', '.join(_quote(c) for c in columns)}) "
                        f"VALUES ({', '.join('?' * len(columns))})", children)
            if minhash:
                self._executemany("INSERT INTO band_rows (band, hash, report_num) VALUES (?, ?, ?)",
                                  [(b, h, num) for b, h in neardup.bands(minhash)])
            if promote:
                self._execute("UPDATE reports SET canonical_id = ? WHERE id = ? OR canonical_id = ?",
                              (report.id, old_canonical, old_canonical))
        return True

    def _better_copy(self, report: Report, canonical_id: str) -> bool:
        """Whether a new near-duplicate should replace the canonical copy: complete beats partial, and a clearly
        more confident copy beats a less confident one. Otherwise the first stored stays (stable links)."""
        old = self._execute("SELECT partial, confidence FROM reports WHERE id = ?", (canonical_id,))[0]
        if bool(old["partial"]) != bool(report.quality.partial):
            return bool(old["partial"])
        return report.quality.confidence >= (old["confidence"] or 0) + 0.1
    def near_duplicate_of(self, minhash: str, *, year: int | None = None) -> str | None:
        """The canonical id of the most similar stored report at or above the threshold, or None.

        Reports of different (known) years are never the same report, however alike their wording.
        """
        keys = neardup.bands(minhash)
        where = " OR ".join("(b.band = ? AND b.hash = ?)" for _ in keys)
        params = [v for k in keys for v in k]
        rows = self._execute(
            f"SELECT DISTINCT r.id, r.canonical_id, r.minhash, r.year FROM near_dup_bands b "
            f"JOIN reports r ON r.id = b.report_id WHERE {where}", params)
        best, best_sim = None, neardup.THRESHOLD
        for r in rows:
            if year is not None and r["year"] is not None and r["year"] != year:
                continue
            sim = neardup.similarity(minhash, r["minhash"])
            if sim >= best_sim and (best is None or sim > best_sim or r["id"] < best["id"]):
                best, best_sim = r, sim
        return (best["canonical_id"] or best["id"]) if best else None

    def delete_report(self, report_id: str) -> bool:
        with self.transaction():
            for table in CHILD_COLUMNS:
                if table in KEYED_TABLES:
                    self._execute(f"DELETE FROM {KEYED_TABLES[table]} WHERE report_num IN "
                                  "(SELECT num FROM report_keys WHERE report_id = ?)", (report_id,))
                else:
                    self._execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))
            self._execute("DELETE FROM band_rows WHERE report_num IN (SELECT num FROM report_keys WHERE report_id = ?)",
                          (report_id,))
            self._execute("DELETE FROM report_keys WHERE report_id = ?", (report_id,))
            self._execute("UPDATE reports SET canonical_id = NULL WHERE canonical_id = ?", (report_id,))
            return bool(self._execute("DELETE FROM reports WHERE id = ? RETURNING id", (report_id,)))

    # --- reading --------------------------------------------------------------------------------------
    def resolve(self, key: str) -> str | None:
        """The id of the report named by an id, a unique id prefix (≥ 4 hex digits), or its source path."""
        key = key.strip()
        if self.has(key):
            return key
        if len(key) >= 4 and all(c in "0123456789abcdef" for c in key.lower()):
            rows = self._execute("SELECT id FROM reports WHERE id LIKE ? LIMIT 2", (key.lower() + "%",))
            if len(rows) == 1:
                return rows[0]["id"]
        rows = self._execute("SELECT id FROM reports WHERE source = ? ORDER BY ingested_at LIMIT 1", (key,))
        if rows:
            return rows[0]["id"]
        rows = self._execute("SELECT id FROM reports WHERE source LIKE ? LIMIT 2", ("%" + _like_escape(key),))
        return rows[0]["id"] if len(rows) == 1 else None

    def get_report(self, key: str) -> Report | None:
        """The full Report (text, sections, sentences, facts, quality) by id, id prefix or source."""
        rid = self.resolve(key)
        if rid is None:
            return None
        row = self._execute("SELECT * FROM reports WHERE id = ?", (rid,))[0]
        children = {table: self._execute(f"SELECT * FROM {table} WHERE report_id = ?"
                                         " ORDER BY idx", (rid,))
                    for table in CHILD_COLUMNS}
        return report_from_row(row, children)

    def record(self, key: str) -> dict[str, Any] | None:
        """The JSON record (shared/spec/report-json.md) of a stored report, rebuilt from its rows."""
        report = self.get_report(key)
        return report.to_dict() if report else None

    def raw_text(self, key: str) -> str | None:
        """The decoded original as ingested (before cleaning), or None when no such report is stored."""
        rid = self.resolve(key)
        rows = self._execute("SELECT * FROM reports WHERE id = ?", (rid,)) if rid else []
        return stored_raw_text(rows[0]) if rows else None

    def get_row(self, key: str) -> dict[str, Any] | None:
        rid = self.resolve(key)
        return self._execute("SELECT * FROM reports WHERE id = ?", (rid,))[0] if rid else None

    def reports(self, **filters: Any) -> list[dict[str, Any]]:
        """Listing rows (no texts), filtered by region, province, level, year, year_from, year_to, kind, ...

        Filters that are None are ignored; `canonical_only=True` leaves out near-duplicates.
        """
        where, params = [], []
        for name in FILTERS:
            if filters.get(name) is not None:
                where.append(f"{name} = ?")
                params.append(filters[name])
        if filters.get("year_from") is not None:
            where.append("year >= ?")
            params.append(filters["year_from"])
        if filters.get("year_to") is not None:
            where.append("year <= ?")
            params.append(filters["year_to"])
        if filters.get("canonical_only"):
            where.append("canonical_id IS NULL")
        unknown = set(filters) - set(FILTERS) - {"year_from", "year_to", "canonical_only"}
        if unknown:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        sql = f"SELECT {', '.join(_quote(c) for c in LISTING_COLUMNS)} FROM reports"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._execute(sql + " ORDER BY year, province, region, source", params)

    def iter_ids(self) -> Iterator[str]:
        for r in self._execute("SELECT id FROM reports"):
            yield r["id"]

    def refresh_statistics(self, changed: int) -> bool:
        """Re-gather the query planner's statistics (ANALYZE) after `changed` reports were stored, when they are at
        least a tenth of the database: a planner working from stale or no statistics starts joins from the wrong
        table (the targets of one year read every target fact: 114 ms instead of 0.8 ms at 10,000 reports)."""
        if changed <= 0 or changed * 10 < self.count():
            return False
        self._analyze()
        return True

    def _analyze(self) -> None:
        self._execute("ANALYZE")

    def count(self, table: str = "reports") -> int:
        if table not in (*CHILD_COLUMNS, "sentences", "reports", "metrics", "near_dup_bands"):
            raise ValueError(f"unknown table {table}")
        return self._execute(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]

    def query(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        """Run parameterised SQL written with `?` placeholders (translated for PostgreSQL); rows as dicts."""
        return self._execute(sql, params)


def translate(sql: str) -> str:
    """`?` placeholders to psycopg's `%s` (and literal `%` to `%%`), leaving quoted strings and names alone."""
    out, quote = [], None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


def _quote(column: str) -> str:
    return f'"{column}"' if column == "end" else column


def _like_escape(s: str) -> str:
    return s.replace("%", "")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
