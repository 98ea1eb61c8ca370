"""The search index: one row per sentence of every stored report, kept in step with `reports` on demand.

It lives in the store because both the store (ingest writes a report's rows in the report's transaction) and the
query stage (search, trends) use it: the store never imports a later stage. Tables (created here rather than in the
store's portable migrations because they are dialect-specific):
  search_spans    id, report_id, sent_idx, start, "end", section_idx: the sentence each index row stands for
  search_indexed  report_id: reports already indexed
  search_version  the version of the token streams the index was built with (another version: rebuilt)
  SQLite:     search_fts, an FTS5 table (contentless: the text stays in reports.text; detail=none: row ids only,
              no positions) with one column `grams`: the distinct pairs and single characters of the sentence
              (see luoshi.store.segment), rowid = search_spans.id. It is a candidate filter: a sentence holding
              every pair (or character) of a term is then checked against its text (luoshi.query.search), so
              phrases need no positions (169 kB per report before version 7, with jieba words and positions;
              ~35 kB so). search_spans is a view: the rows are in search_rows with a report number
              (search_indexed.num) instead of the 64-character id
  PostgreSQL: search_spans.words and .grams (chars as c:X, pairs as b:XY) are tsvectors of the same tokens, with
              GIN indexes

`luoshi ingest` writes a report's index rows in the report's own transaction (segmented in the worker
processes). `ensure_index(store)` is the catch-up path: it indexes reports stored without them (databases made
before, `Store.add_report` called directly) since the last call (it is cheap when nothing is new) and rebuilds
from scratch when reports were deleted, so callers simply call it before searching.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Report
from .base import Store
from .segment import bigram_tokens, char_tokens, fold, split_spans, word_tokens

# No index on search_spans.report_id: nothing looks spans up by report (searches go by rowid from the FTS match,
# a rebuild clears everything) and it cost ~36 kB per report. Databases made before drop it.
SQLITE_DDL = [
    "CREATE TABLE IF NOT EXISTS search_indexed (num INTEGER PRIMARY KEY, report_id TEXT NOT NULL UNIQUE)",
    ('CREATE TABLE IF NOT EXISTS search_rows (id INTEGER PRIMARY KEY, report_num INTEGER NOT NULL, sent_idx INTEGER, '
    'start INTEGER, "end" INTEGER, section_idx INTEGER)'),
    ('CREATE VIEW IF NOT EXISTS search_spans AS SELECT s.id, i.report_id, s.sent_idx, s.start, s."end", s.section_idx '
     "FROM search_rows s JOIN search_indexed i ON i.num = s.report_num"),
    ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(grams, content='', detail=none, columnsize=0, "
    "tokenize='unicode61 remove_diacritics 0')"),
]
POSTGRES_DDL = ["DROP INDEX IF EXISTS search_spans_report",
    ('CREATE TABLE IF NOT EXISTS search_spans (id BIGSERIAL PRIMARY KEY, report_id TEXT NOT NULL, sent_idx INTEGER, '
    'start INTEGER, "end" INTEGER, section_idx INTEGER, words TSVECTOR, grams TSVECTOR)'),
    "CREATE INDEX IF NOT EXISTS search_spans_words ON search_spans USING GIN (words)",
    "CREATE INDEX IF NOT EXISTS search_spans_grams ON search_spans USING GIN (grams)",
    "CREATE TABLE IF NOT EXISTS search_indexed (report_id TEXT PRIMARY KEY)",
]
INDEX_VERSION = 7  # bump when the index changes: it is then rebuilt (5: search_rows; 6: the single-character stream
# back after version 4 had dropped it: one character found as a prefix of pairs costs seconds at scale; 7: one
# `grams` column without positions, no jieba words: phrases and word boundaries are checked on the text)
TABLES = ("search_fts", "search_rows", "search_spans", "search_indexed")
MAX_TS_POSITION = 16383  # PostgreSQL's limit; tokens past it share the last position


def ensure_index(store: Store) -> int:
    """Bring the search index up to date with `reports`; return how many reports were (re)indexed.

    On a read-only database the index is used as it stands (reports added since it was built are not found).
    """
    try:
        prepare(store)
        stale = store.query("SELECT i.report_id FROM search_indexed i LEFT JOIN reports r ON r.id = i.report_id "
                            "WHERE r.id IS NULL LIMIT 1")
        if stale:
            _clear(store)
        todo = [r["id"] for r in store.query(
            "SELECT r.id FROM reports r LEFT JOIN search_indexed i ON i.report_id = r.id WHERE i.report_id IS NULL")]
        for rid in todo:
            index_report(store, rid)
    except Exception as e:
        if "readonly" in str(e).lower().replace(" ", "") and _has_index(store):
            return 0
        raise
    return len(todo)


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
        if store.dialect == "sqlite":
            store.query("DELETE FROM search_fts")
            store.query("DELETE FROM search_rows")
        else:
            store.query("DELETE FROM search_spans")
        store.query("DELETE FROM search_indexed")


def report_spans(store: Store, rid: str, text: str) -> list[tuple[int, int, int | None, int | None]]:
    """(start, end, sentence idx, section idx) of a stored report's sentences; split here when parse stored none."""
    rows = store.query('SELECT idx, start, "end", section_idx FROM sentences WHERE report_id = ? ORDER BY idx', (rid,))
    if rows:
        return [(r["start"], r["end"], r["idx"], r["section_idx"]) for r in rows]
    sections = store.query('SELECT idx, start, "end" FROM sections WHERE report_id = ? ORDER BY idx', (rid,))
    return _split_with_sections(text, [(s["idx"], s["start"], s["end"]) for s in sections])


def _split_with_sections(text: str, sections: list[tuple[int, int | None, int | None]]) -> list[tuple]:
    spans = []
    for a, b in split_spans(text):
        holding = [(idx, st) for idx, st, en in sections if st is not None and st <= a < (en or 0)]
        inner = max(holding, key=lambda h: h[1])[0] if holding else None
        spans.append((a, b, None, inner))
    return spans


def spans_of(report: Report) -> list[tuple[int, int, int | None, int | None]]:
    """`report_spans` for an in-memory Report (the rows add_report stores), without a database."""
    if report.sentences:
        return [(s.start, s.end, i, s.section) for i, s in enumerate(report.sentences)]
    return _split_with_sections(report.text or "", [(i, s.start, s.end) for i, s in enumerate(report.sections)])


def index_rows(text: str, spans: list, *, words: bool = False) -> list[tuple]:
    """One row per sentence, tokens space-separated: (sent_idx, start, end, section_idx, grams) for SQLite, where
    grams are the distinct pairs and characters (`sentence_grams`); with `words` (PostgreSQL's ranked vectors)
    (sent_idx, start, end, section_idx, words, chars, bigrams) in order, words by jieba.

    Pure CPU work (the segmentation): ingest workers call it, so the main process only writes the rows. Each
    sentence is folded once for all streams.
    """
    rows = []
    for a, b, sent_idx, section_idx in spans:
        sentence = fold(text[a:b])
        if words:
            rows.append((sent_idx, a, b, section_idx, " ".join(word_tokens(sentence, folded=True)),
                         " ".join(char_tokens(sentence, folded=True)), " ".join(bigram_tokens(sentence, folded=True))))
        else:
            rows.append((sent_idx, a, b, section_idx, sentence_grams(sentence)))
    return rows


def sentence_grams(folded: str) -> str:
    """The distinct tokens of a (folded) sentence for the SQLite index: pairs (and lone characters) of each run of
    Chinese, every single Chinese character, other words whole. Without positions, a token once is enough."""
    return " ".join(dict.fromkeys([*bigram_tokens(folded, folded=True), *char_tokens(folded, folded=True)]))


def report_index_rows(report: Report, *, words: bool = False) -> list[tuple]:
    """`index_rows` of an in-memory Report, as an ingest worker computes them."""
    return index_rows(report.text or "", spans_of(report), words=words)


def prepare(store: Store) -> None:
    """Create the index tables (dropping an index of another version) so ingest can write rows as it stores."""
    _check_version(store)
    for stmt in SQLITE_DDL if store.dialect == "sqlite" else POSTGRES_DDL:
        store.query(stmt)


def index_report(store: Store, rid: str) -> int:
    """Index one stored report's sentences in one transaction; return the number of sentences indexed."""
    row = store.query("SELECT text FROM reports WHERE id = ?", (rid,))
    text = (row[0]["text"] if row else "") or ""
    rows = index_rows(text, report_spans(store, rid, text), words=store.dialect != "sqlite")
    with store.transaction():
        write_rows(store, rid, rows)
    return len(rows)


def write_rows(store: Store, rid: str, rows: list[tuple]) -> None:
    """Write a report's index rows (from `index_rows`) and mark it indexed; call inside the report's transaction."""
    if store.dialect == "sqlite":
        rows = [r if len(r) == 5 else (*r[:4], " ".join(dict.fromkeys([*_split(r[6]), *_split(r[5])]))) for r in rows]
        num = store.query("INSERT INTO search_indexed (report_id) VALUES (?) RETURNING num", (rid,))[0]["num"]
        first = store.query("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM search_rows")[0]["n"]
        store._executemany('INSERT INTO search_rows (id, report_num, sent_idx, start, "end", section_idx) '
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           [(first + k, num, *r[:4]) for k, r in enumerate(rows)])
        store._executemany("INSERT INTO search_fts (rowid, grams) VALUES (?, ?)",
                           [(first + k, r[4]) for k, r in enumerate(rows)])
    else:
        if rows and len(rows[0]) == 5:  # rows made for SQLite: PostgreSQL ranks with the words too
            raise ValueError("PostgreSQL index rows need words: index_rows(..., words=True)")
        store._executemany(
            'INSERT INTO search_spans (report_id, sent_idx, start, "end", section_idx, words, grams) '
            "VALUES (?, ?, ?, ?, ?, ?::tsvector, ?::tsvector)",
            [(rid, *r[:4], tsvector_literal(_split(r[4])),
              tsvector_literal(["c:" + t for t in _split(r[5])], ["b:" + t for t in _split(r[6])])) for r in rows])
        store.query("INSERT INTO search_indexed (report_id) VALUES (?)", (rid,))


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
