"""The search index: one row per sentence of every stored report, kept in step with `reports` on demand.

It lives in the store because both the store (ingest writes a report's rows in the report's transaction) and the
query stage (search, trends) use it: the store never imports a later stage. Tables (created here rather than in the
store's portable migrations because they are dialect-specific):
  search_spans    id, report_id, sent_idx, start, "end", section_idx: the sentence each index row stands for
  search_indexed  report_id: reports already indexed
  search_version  the version of the token streams the index was built with (another version: rebuilt)
  SQLite:     search_fts, an FTS5 table (contentless: the text stays in reports.text; detail=none: row ids only,
              no positions) with one column `grams`: the distinct pairs and single characters of the sentence
              (see `luoshi.store.segment.sentence_grams`). It is a candidate filter: a sentence holding every
              pair (or character) of a term is then checked against its text (luoshi.query.search), so phrases
              need no positions (169 kB per report before version 7, with jieba words and positions; ~40 kB so).
              Its rowid is report_num * 2^20 + pos of the sentence's row in sentence_rows (the store's table of
              sentence spans, schema version 110: the spans are stored once); search_spans is a view of those
              rows with the report id and that rowid as `id` (for reading: SQL that looks rows up by id goes
              to sentence_rows by (report_num, pos), see `span_of`)
  PostgreSQL: search_spans.words and .grams (chars as c:X, pairs as b:XY) are tsvectors of the same tokens, with
              GIN indexes; the grams one is on `search_grams(grams, id)`: the grams plus window lexemes naming the
              aligned id blocks the row is in (`WINDOW_LEVELS`), so a query for the newest matches adds the blocks
              of an id window to its tsquery (`window_lexemes`) and the index intersects them (only the window's
              rows are read from the heap; a GIN index cannot return ids, and the planner, estimating a phrase's
              rows as the product of its pairs', would not combine an id range with it)

`luoshi ingest` writes a report's index rows in the report's own transaction (segmented in the worker
processes). `ensure_index(store)` is the catch-up path: it indexes reports stored without them (databases made
before, `Store.add_report` called directly) since the last call (it is cheap when nothing is new) and rebuilds
from scratch when reports were deleted, so callers simply call it before searching.
"""

from __future__ import annotations

from collections import defaultdict
from weakref import WeakKeyDictionary

from ..models import Report
from .base import Store
from .grams import fold_spans, grams_of_sentences
from .records import sentence_spans_of, split_with_sections
from .segment import bigram_tokens, char_tokens, fold, word_tokens

# SQLite: an index row's id is report_num << POS_BITS | pos. 12 bits: 4,096 spans a report (the largest report of
# the corpus has 2,038; spans past the 4,096th are not indexed); with 20 bits the index was 10 kB per report larger
# (FTS5 stores row-id deltas as varints: wider gaps between reports cost bytes in every posting list).
POS_BITS = 12
SQLITE_DDL = [
    "CREATE TABLE IF NOT EXISTS search_indexed (num INTEGER PRIMARY KEY, report_id TEXT NOT NULL UNIQUE)",
    (f"CREATE VIEW IF NOT EXISTS search_spans AS SELECT (s.report_num << {POS_BITS}) + s.pos AS id, k.report_id, "
     'CASE WHEN s.split IS NULL THEN s.pos END AS sent_idx, s.start, s."end", s.section_idx FROM sentence_rows s '
     "JOIN report_keys k ON k.num = s.report_num"),
    ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(grams, content='', detail=none, columnsize=0, "
    "tokenize='unicode61 remove_diacritics 0')"),
]
# Set once, when search_fts is made: merge segments two at a time (default four), 2.5 kB per report smaller for
# ~2.5 ms CPU per report more at ingest.
SQLITE_FTS_CONFIG = "INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 2)"
# And on every file written to: FTS5 holds up to this many bytes of new rows in memory before writing them as a
# segment (default 1 MB: several segments per batch of ingest, each merged again later). 16 MB holds a batch
# (BATCH_REPORTS reports of ~0.1 MB of rows): ~30% less FTS5 CPU at ingest and ~2 kB per report smaller (221 bulk
# reports). It bounds the memory of one writer; a read-only reader never uses it.
SQLITE_FTS_HASHSIZE = 16 << 20
POSTGRES_DDL = ["DROP INDEX IF EXISTS search_spans_report",
    ('CREATE TABLE IF NOT EXISTS search_spans (id BIGSERIAL PRIMARY KEY, report_id TEXT NOT NULL, sent_idx INTEGER, '
    'start INTEGER, "end" INTEGER, section_idx INTEGER, words TSVECTOR, grams TSVECTOR)'),
    "CREATE INDEX IF NOT EXISTS search_spans_words ON search_spans USING GIN (words)",
    "CREATE TABLE IF NOT EXISTS search_indexed (report_id TEXT PRIMARY KEY)",
]
# PostgreSQL id windows: a row's id falls in one block of 2^k rows for each k; its window lexemes are 'i<k>:<id >> k>'.
# 256 rows is the smallest window (a term in 40% of sentences finds its newest 1,000 in a few windows of it), each
# level 8 times the one below it, so any window [lo, newest] is a few lexemes a level. Changing the levels needs a
# new function and index name (the index is built from the function).
WINDOW_LEVELS = (8, 11, 14, 17, 20)
WINDOW_SPAN = 8  # blocks of one level a window may take (16 measured no faster: more entries in every query)
PG_GRAMS_FUNCTION = ("CREATE FUNCTION search_grams(grams tsvector, id bigint) RETURNS tsvector LANGUAGE sql IMMUTABLE "
                     "PARALLEL SAFE AS $$ SELECT grams || array_to_tsvector(ARRAY["
                     + ", ".join(f"'i{k}:' || (id >> {k})::text" for k in WINDOW_LEVELS) + "]) $$")
PG_WINDOWS_INDEX = "CREATE INDEX IF NOT EXISTS search_spans_windows ON search_spans USING GIN (search_grams(grams, id))"
# Index build memory for that index (the session's default, 64 MB, makes many more passes at 4 million rows)
PG_BUILD_MEMORY = "SET LOCAL maintenance_work_mem = '256MB'"


def pg_grams(alias: str = "sp") -> str:
    """PostgreSQL: the indexed expression a `grams` tsquery is matched against (`... @@ ?::tsquery`), so the
    windows index answers it; without window lexemes in the query it matches as `grams` alone."""
    return f"search_grams({alias}.grams, {alias}.id)"


def window_lexemes(lo: int, top: int) -> list[str]:
    """The window lexemes of the blocks that hold every id from `lo` to `top`: blocks of one level, the smallest
    at which WINDOW_SPAN or fewer do (the window then starts at the edge of the block holding `lo`). Same-sized blocks,
    not an exact cover: GIN steps through the items of the smallest entries of a query (until leaving them out
    would make it false), so many small blocks made it visit every row of a large window (居民人均可支配收入,
    25 blocks of 256 to 131,072 rows: 200 ms in the index against 37 ms for the phrase alone)."""
    lo = max(lo, 0)
    k = next((k for k in WINDOW_LEVELS if (top >> k) - (lo >> k) < WINDOW_SPAN), WINDOW_LEVELS[-1])
    return [f"i{k}:{n}" for n in range(lo >> k, (top >> k) + 1)]


INDEX_VERSION = 8  # bump when the index changes: it is then rebuilt (5: search_rows; 6: the single-character stream
# back after version 4 had dropped it: one character found as a prefix of pairs costs seconds at scale; 7: one
# `grams` column without positions, no jieba words: phrases and word boundaries are checked on the text; 8: rows
# are sentence_rows, row id report_num << POS_BITS | pos)
TABLES = ("search_fts", "search_rows", "search_spans", "search_indexed")
MAX_TS_POSITION = 16383  # PostgreSQL's limit; tokens past it share the last position


def ensure_index(store: Store) -> int:
    """Bring the search index up to date with `reports`; return how many reports were (re)indexed.

    On a read-only database the index is used as it stands (reports added since it was built are not found).
    Once in step, nothing is checked again until the file changes (`file_state`; PostgreSQL: until a write on
    the server). SQLite's check compares the tables (~45 ms at 70,000 reports; the LEFT JOINs on report ids
    before took 250-450 ms, on every search); PostgreSQL's is those LEFT JOINs.
    """
    state = file_state(store)
    if state is not None and _IN_STEP.get(store) == state:
        return 0
    sqlite = store.dialect == "sqlite"
    try:
        prepare(store)
        if not sqlite:
            state = file_state(store)  # after prepare's own writes, before the check
        stale, complete = _sqlite_step(store) if sqlite else (bool(store.query(
            "SELECT i.report_id FROM search_indexed i LEFT JOIN reports r ON r.id = i.report_id "
            "WHERE r.id IS NULL LIMIT 1")), False)
        if stale:
            _clear(store)
        todo = [] if complete and not stale else [r["id"] for r in store.query(
            "SELECT r.id FROM reports r LEFT JOIN search_indexed i ON i.report_id = r.id WHERE i.report_id IS NULL")]
        for rid in todo:
            index_report(store, rid)
    except Exception as e:
        if "readonly" in str(e).lower().replace(" ", "") and _has_index(store):
            return 0
        raise
    now = file_state(store) if sqlite else (state if not todo and not stale else None)
    if now is not None:
        _IN_STEP[store] = now
    return len(todo)


# Stores whose index was last found in step, with the file's (the server's) state then (`file_state`).
_IN_STEP: WeakKeyDictionary[Store, tuple] = WeakKeyDictionary()


def file_state(store: Store) -> tuple | None:
    """What changes when anything is written to a SQLite file: PRAGMA data_version (commits by other connections),
    the connection's own row changes and the schema's version (DROP TABLE is no row change). PostgreSQL: the
    server's snapshot (xmin:xmax:running transactions): a write takes a transaction id, which moves xmax, and
    its commit leaves the list; reads take none (the check of the index in step was 31 ms a search at 10,000
    reports). None when neither (a store without a connection)."""
    conn = getattr(store, "conn", None)
    if store.dialect == "postgresql":
        return ("snapshot", store.query("SELECT pg_current_snapshot()::text AS s")[0]["s"])
    if store.dialect != "sqlite" or conn is None:
        return None
    return (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes,
            conn.execute("PRAGMA schema_version").fetchone()[0])


def _sqlite_step(store: Store) -> tuple[bool, bool]:
    """(stale, complete) by integer keys: search_indexed mirrors report_keys (same num, same id; one key a report),
    so an indexed row without its key is a deleted report's, and with none such, as many rows as reports means
    every report is indexed."""
    if store.query("SELECT 1 AS x FROM search_indexed i WHERE NOT EXISTS (SELECT 1 FROM report_keys k "
                   "WHERE k.num = i.num AND k.report_id = i.report_id) LIMIT 1"):
        return True, False
    return False, (store.query("SELECT COUNT(*) AS n FROM search_indexed")[0]["n"]
                   == store.query("SELECT COUNT(*) AS n FROM reports")[0]["n"])


def missing_reports(store: Store) -> int:
    """Reports not indexed yet: 0 at once while the file is as `ensure_index` last found it in step, else counted
    (SQLite by integer keys first: a LEFT JOIN on text ids is ~60-250 ms at 70,000 reports)."""
    state = file_state(store)
    if state is not None and _IN_STEP.get(store) == state:
        return 0
    if store.dialect == "sqlite" and state is not None:
        stale, complete = _sqlite_step(store)
        if complete and not stale:
            return 0
    return store.query("SELECT COUNT(*) AS n FROM reports r LEFT JOIN search_indexed i ON i.report_id = r.id "
                       "WHERE i.report_id IS NULL")[0]["n"]


def compact_index(store: Store) -> None:
    """SQLite: merge the index's segments into one (FTS5 'optimize'; ~15% smaller on a few hundred reports, less
    as the corpus grows). It rewrites the whole index, so `luoshi migrate` does it, not every ingest."""
    if store.dialect == "sqlite" and _has_index(store):
        with store.transaction():
            store.query("INSERT INTO search_fts (search_fts) VALUES ('optimize')")


def _check_version(store: Store) -> None:
    """Drop an index built with other token streams (it is rebuilt from the reports)."""
    store.query("CREATE TABLE IF NOT EXISTS search_version (version INTEGER)")
    rows = store.query("SELECT version FROM search_version")
    if rows and rows[0]["version"] == INDEX_VERSION:
        return
    with store.transaction():
        drop(store)
        store.query("DELETE FROM search_version")
        store.query("INSERT INTO search_version (version) VALUES (?)", (INDEX_VERSION,))


def drop(store: Store) -> None:
    """Drop the index's tables and views (each as what it is: search_spans was a table before version 5)."""
    for table in TABLES:
        if store.dialect == "sqlite":
            kind = store.query("SELECT type FROM sqlite_master WHERE name = ?", (table,))
            if kind:
                store.query(f"DROP {kind[0]['type'].upper()} {table}")
        elif table not in ("search_fts", "search_rows"):
            store.query(f"DROP TABLE IF EXISTS {table}")


def _has_index(store: Store) -> bool:
    try:
        store.query("SELECT 1 FROM search_indexed LIMIT 1")
    except Exception:  # noqa: BLE001 - any failure means there is no usable index
        return False
    return True


def _clear(store: Store) -> None:
    with store.transaction():
        if store.dialect == "sqlite":  # contentless: DELETE FROM is refused ("does not support scanning")
            store.query("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
        else:
            store.query("DELETE FROM search_spans")
        store.query("DELETE FROM search_indexed")


def report_spans(store: Store, rid: str, text: str) -> list[tuple[int, int, int | None, int | None]]:
    """(start, end, sentence idx, section idx) of a stored report's spans (sentence_rows, in order); split here for
    a file not upgraded to schema version 110 (no sentence_rows), as before."""
    try:
        rows = store.query('SELECT CASE WHEN s.split IS NULL THEN s.pos END AS idx, s.start, s."end", s.section_idx '
                           "FROM sentence_rows s JOIN report_keys k ON k.num = s.report_num WHERE k.report_id = ? "
                           "ORDER BY s.pos", (rid,))
    except Exception:  # noqa: BLE001 - an older file read as it is
        rows = store.query('SELECT idx, start, "end", section_idx FROM sentences WHERE report_id = ? ORDER BY idx',
                           (rid,))
    if rows:
        return [(r["start"], r["end"], r["idx"], r["section_idx"]) for r in rows]
    sections = store.query('SELECT idx, start, "end" FROM sections WHERE report_id = ? ORDER BY idx', (rid,))
    return split_with_sections(text, [(s["idx"], s["start"], s["end"]) for s in sections])


def spans_of(report: Report) -> list[tuple[int, int, int | None, int | None]]:
    """`report_spans` for an in-memory Report (the rows add_report stores), without a database."""
    return sentence_spans_of(report)


def index_rows(text: str, spans: list, *, words: bool = False) -> list[tuple]:
    """One row per sentence, tokens space-separated: (sent_idx, start, end, section_idx, grams) for SQLite, where
    grams are the distinct pairs and characters (`segment.sentence_grams`); with `words` (PostgreSQL's ranked vectors)
    (sent_idx, start, end, section_idx, words, chars, bigrams) in order, words by jieba.

    Pure CPU work (the segmentation): ingest workers call it, so the main process only writes the rows. Each
    sentence is folded once for all streams; SQLite's grams are `segment.sentence_grams` of each, computed for the whole
    report at once (luoshi.store.grams).
    """
    if not words:  # the sentences folded and cut into grams all at once (luoshi.store.grams: 8 ms a report -> ~3)
        grams = grams_of_sentences(fold_spans(text, [(a, b) for a, b, _, _ in spans]))
        return [(sent_idx, a, b, section_idx, g) for (a, b, sent_idx, section_idx), g in zip(spans, grams, strict=True)]
    rows: list[tuple] = []
    for a, b, sent_idx, section_idx in spans:
        sentence = fold(text[a:b])
        rows.append((sent_idx, a, b, section_idx, " ".join(word_tokens(sentence, folded=True)),
                     " ".join(char_tokens(sentence, folded=True)), " ".join(bigram_tokens(sentence, folded=True))))
    return rows


def report_index_rows(report: Report, *, words: bool = False) -> list[tuple]:
    """`index_rows` of an in-memory Report, as an ingest worker computes them."""
    return index_rows(report.text or "", spans_of(report), words=words)


def prepare(store: Store) -> None:
    """Create the index tables (dropping an index of another version) so ingest can write rows as it stores.

    One write transaction: two ingests starting on a new file must not both see it fresh, and a read that turns
    into a write outside one is refused at once (SQLITE_BUSY) when the other has written meanwhile."""
    with store.transaction():
        _check_version(store)
        fresh = store.dialect == "sqlite" and not store.query(
            "SELECT 1 AS x FROM sqlite_master WHERE name = 'search_fts'")
        for stmt in SQLITE_DDL if store.dialect == "sqlite" else POSTGRES_DDL:
            store.query(stmt)
        if fresh:
            store.query(SQLITE_FTS_CONFIG)
        if store.dialect == "sqlite" and not store.query(
                "SELECT 1 AS x FROM search_fts_config WHERE k = 'hashsize' AND v = ?", (SQLITE_FTS_HASHSIZE,)):
            store.query("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?)", (SQLITE_FTS_HASHSIZE,))
        if store.dialect == "postgresql":
            _windows_index(store)


def _windows_index(store: Store) -> None:
    """PostgreSQL: the grams index on `search_grams(grams, id)` (id windows, see WINDOW_LEVELS) in place of the
    plain GIN (grams) index of before: built here once for a database made before it (`luoshi migrate` does it, or
    else the first search or ingest; 4.2 million rows: see bench/RESULTS.md), then ANALYZE for the expression's
    statistics. Nothing is written when both are there (a write would change the state `ensure_index` keeps)."""
    def missing() -> bool:
        row = store.query("SELECT to_regprocedure('search_grams(tsvector,bigint)') IS NULL AS f, "
                          "to_regclass('search_spans_windows') IS NULL AS i")[0]
        return bool(row["f"] or row["i"])

    if missing():
        store._lock_for_migration()  # two processes starting at once: one builds, the other then finds it built
        if missing():
            if store.query("SELECT to_regprocedure('search_grams(tsvector,bigint)') IS NULL AS f")[0]["f"]:
                store.query(PG_GRAMS_FUNCTION)
            store.query(PG_BUILD_MEMORY)
            store.query(PG_WINDOWS_INDEX)
            store.query("ANALYZE search_spans")
    store.query("DROP INDEX IF EXISTS search_spans_grams")


def index_report(store: Store, rid: str) -> int:
    """Index one stored report's sentences in one transaction; return the number of sentences indexed."""
    row = store.query("SELECT text FROM reports WHERE id = ?", (rid,))
    text = (row[0]["text"] if row else "") or ""
    rows = index_rows(text, report_spans(store, rid, text), words=store.dialect != "sqlite")
    with store.transaction():
        write_rows(store, rid, rows)
    return len(rows)


def write_rows(store: Store, rid: str, rows: list[tuple], *, pending: list[tuple[int, str]] | None = None) -> None:
    """Write a report's index rows (from `index_rows`) and mark it indexed; call inside the report's transaction.

    `pending` (SQLite): the full-text rows are appended to it instead, for `write_pending` to insert later in the
    same transaction. Why: FTS5 flushes what it holds in memory as a new segment at every savepoint, so rows
    written report by report under savepoints make a segment per report, and merging them was most of the main
    process's time at ingest; written once per batch, outside any savepoint, they make one."""
    if store.dialect == "sqlite":
        if rows and len(rows[0]) != 5:  # rows made with words (PostgreSQL's): the pairs and characters as grams
            rows = [(*r[:4], " ".join(dict.fromkeys([*_split(r[6]), *_split(r[5])]))) for r in rows]
        num = store.query("SELECT num FROM report_keys WHERE report_id = ?", (rid,))[0]["num"]
        store.query("INSERT INTO search_indexed (num, report_id) VALUES (?, ?)", (num, rid))
        first = num << POS_BITS
        fts = list(zip(range(first, first + (1 << POS_BITS)), [r[4] for r in rows]))
        if pending is not None:
            pending.extend(fts)
        else:
            write_pending(store, fts)
    else:
        if rows and len(rows[0]) == 5:  # rows made for SQLite: PostgreSQL ranks with the words too
            raise ValueError("PostgreSQL index rows need words: index_rows(..., words=True)")
        store._executemany(
            'INSERT INTO search_spans (report_id, sent_idx, start, "end", section_idx, words, grams) '
            "VALUES (?, ?, ?, ?, ?, ?::tsvector, ?::tsvector)",
            [(rid, *r[:4], tsvector_literal(_split(r[4])),
              tsvector_literal(["c:" + t for t in _split(r[5])], ["b:" + t for t in _split(r[6])])) for r in rows])
        store.query("INSERT INTO search_indexed (report_id) VALUES (?)", (rid,))


def write_pending(store: Store, rows: list[tuple[int, str]]) -> None:
    """SQLite: insert full-text rows collected by `write_rows(..., pending=...)` (one statement)."""
    if rows:
        store._executemany("INSERT INTO search_fts (rowid, grams) VALUES (?, ?)", rows)


def _split(tokens: str) -> list[str]:
    return tokens.split(" ") if tokens else []


def tsvector_literal(tokens: list[str], *more: list[str]) -> str:
    """A tsvector in its text form with positions ('tok':1,5 …), so PostgreSQL's own parser never splits Chinese.

    Further token lists follow the first after a gap of one position, so a phrase never spans two lists.
    """
    positions: dict[str, list[int]] = defaultdict(list)
    numbered, start = [], 1
    for stream in (tokens, *more):
        numbered += [(start + i, t) for i, t in enumerate(stream)]
        start += len(stream) + 1
    for i, tok in numbered:
        if len(positions[tok]) < 256:
            positions[tok].append(min(i, MAX_TS_POSITION))
    return " ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(map(str, p))
                    for t, p in positions.items())


def span_join(fts: str = "search_fts", alias: str = "sp") -> str:
    """SQLite: the JOIN from an index row to its span (`alias`, sentence_rows) and the report's key (`alias`k, with
    report_id), by primary keys (the view search_spans computes its id, so a lookup by id would scan it)."""
    return (f"JOIN sentence_rows {alias} ON {alias}.report_num = ({fts}.rowid >> {POS_BITS}) "
            f"AND {alias}.pos = ({fts}.rowid & {(1 << POS_BITS) - 1}) JOIN report_keys {alias}k ON {alias}k.num = {alias}.report_num")
