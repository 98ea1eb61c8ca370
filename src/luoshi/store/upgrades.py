"""Data steps of schema migrations: rows rewritten into a new form, run after the version's SQL file in the same
transaction (so a file is either fully upgraded to that version or left as it was).

Each step takes the store and works through its `_execute`; it must be safe on a database with no rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .packing import pack_raw, spans_from_json, spans_json
from .records import CHILD_COLUMNS, KEYED_TABLES, sentence_span, split_with_sections

BATCH = 200  # rows read at once: bounds memory on large files


def pack_raw_texts(store: Any) -> None:
    """Version 70: every stored raw_text becomes a raw_z blob (and raw_chars), raw_text NULL."""
    while True:
        rows = store._execute("SELECT id, text, raw_text FROM reports WHERE raw_text IS NOT NULL AND raw_z IS NULL "
                              "LIMIT ?", (BATCH,))
        if not rows:
            return
        store._executemany("UPDATE reports SET raw_z = ?, raw_chars = ?, raw_text = NULL WHERE id = ?",
                           [(pack_raw(r["raw_text"], r["text"] or ""), len(r["raw_text"]), r["id"]) for r in rows])


SENTENCES_VIEW = {
    "sqlite": ("CREATE VIEW sentences AS SELECT p.report_id AS report_id, CAST(j.key AS INTEGER) AS idx, "
               "json_extract(j.value, '$[0]') AS start, json_extract(j.value, '$[1]') AS \"end\", "
               "json_extract(j.value, '$[2]') AS section_idx, NULL AS text FROM sentence_spans p, json_each(p.spans) j"),
    "postgresql": ("CREATE VIEW sentences AS SELECT p.report_id, (j.ord - 1)::integer AS idx, "
                   "(j.v ->> 0)::integer AS start, (j.v ->> 1)::integer AS \"end\", "
                   "(j.v ->> 2)::integer AS section_idx, NULL::text AS text FROM sentence_spans p "
                   "CROSS JOIN LATERAL jsonb_array_elements(p.spans::jsonb) WITH ORDINALITY AS j(v, ord)"),
}
SENTENCES_TEXT_VIEW = (
    'CREATE VIEW sentences_text AS SELECT s.report_id, s.idx, s.start, s."end", s.section_idx, '
    'substr(r.text, s.start + 1, s."end" - s.start) AS text FROM sentences s JOIN reports r ON r.id = s.report_id')


def pack_sentences(store: Any) -> None:
    """Version 80: the rows of the sentences table become one sentence_spans row per report; the table a view."""
    for r in store._execute("SELECT DISTINCT report_id FROM sentences"):
        rows = store._execute('SELECT start, "end", section_idx FROM sentences WHERE report_id = ? ORDER BY idx',
                              (r["report_id"],))
        store._execute("INSERT INTO sentence_spans (report_id, spans) VALUES (?, ?)",
                       (r["report_id"], spans_json([(x["start"], x["end"], x["section_idx"]) for x in rows])))
    store._execute("DROP VIEW IF EXISTS sentences_text")
    store._execute("DROP TABLE sentences")
    store._execute(SENTENCES_VIEW[store.dialect])
    store._execute(SENTENCES_TEXT_VIEW)


def keyed_view(table: str) -> str:
    """The view that shows a keyed table's rows (`KEYED_TABLES`) with the report's id, as the table was."""
    columns = ", ".join(f't."{c}"' if c == "end" else f"t.{c}" for c in CHILD_COLUMNS[table][1:])
    return (f"CREATE VIEW {table} AS SELECT k.report_id, {columns} FROM {KEYED_TABLES[table]} t "
            "JOIN report_keys k ON k.num = t.report_num")


KEYED_INDEXES = (
    "CREATE INDEX fact_rows_metric ON fact_rows (metric) WHERE metric IS NOT NULL",  # version 90's partial index
    "CREATE INDEX fact_rows_status ON fact_rows (status, report_num)",  # /targets: version 50's facts_status_report
)


BANDS_VIEW = ("CREATE VIEW near_dup_bands AS SELECT b.band, b.hash, k.report_id FROM band_rows b "
              "JOIN report_keys k ON k.num = b.report_num")


def key_reports(store: Any) -> None:
    """Version 100: number every stored report (report_keys), move the rows of facts, sections, repairs and removals
    to their *_rows tables under that number, and make the old tables views."""
    store._execute("INSERT INTO report_keys (report_id) SELECT id FROM reports ORDER BY ingested_at, id")
    for table in ("sections", "facts", "repairs", "removals"):
        target = KEYED_TABLES[table]
        columns = ", ".join(f'"{c}"' if c == "end" else c for c in CHILD_COLUMNS[table][1:])
        old = ", ".join(f't."{c}"' if c == "end" else f"t.{c}" for c in CHILD_COLUMNS[table][1:])
        store._execute(f"INSERT INTO {target} (report_num, {columns}) SELECT k.num, {old} FROM {table} t "
                       "JOIN report_keys k ON k.report_id = t.report_id")
        store._execute(f"DROP TABLE {table}")
        store._execute(keyed_view(table))
    store._execute("INSERT INTO band_rows (band, hash, report_num) SELECT b.band, b.hash, k.num FROM near_dup_bands b "
                   "JOIN report_keys k ON k.report_id = b.report_id")
    store._execute("DROP TABLE near_dup_bands")
    store._execute(BANDS_VIEW)
    for stmt in KEYED_INDEXES:
        store._execute(stmt)


SENTENCE_ROWS_VIEW = {
    "sqlite": ('CREATE VIEW sentences AS SELECT k.report_id, s.pos AS idx, s.start, s."end", s.section_idx, '
               "NULL AS text FROM sentence_rows s JOIN report_keys k ON k.num = s.report_num WHERE s.split IS NULL"),
    "postgresql": ('CREATE VIEW sentences AS SELECT k.report_id, s.pos AS idx, s.start, s."end", s.section_idx, '
                   "NULL::text AS text FROM sentence_rows s JOIN report_keys k ON k.num = s.report_num "
                   "WHERE s.split IS NULL"),
}


def sentence_rows(store: Any) -> None:
    """Version 110: every report's spans into sentence_rows (its sentence_spans array; split at sentence ends when
    it has none, as the search index did), then `sentences` and `sentences_text` views of that table."""
    last = 0
    while True:
        reports = store._execute(
            "SELECT k.num, r.text, p.spans FROM report_keys k JOIN reports r ON r.id = k.report_id "
            "LEFT JOIN sentence_spans p ON p.report_id = k.report_id WHERE k.num > ? ORDER BY k.num LIMIT ?",
            (last, BATCH))
        if not reports:
            break
        rows = []
        for r in reports:
            if r["spans"]:
                spans = [(s["start"], s["end"], s["idx"], s["section_idx"]) for s in spans_from_json(r["spans"])]
            else:
                sections = store._execute('SELECT idx, start, "end" FROM section_rows WHERE report_num = ?',
                                          (r["num"],))
                spans = split_with_sections(r["text"] or "", [(x["idx"], x["start"], x["end"]) for x in sections])
            rows += [(r["num"], pos, None if idx is not None else 1, a, b, sec)
                     for pos, (a, b, idx, sec) in enumerate(spans)]
        store._executemany('INSERT INTO sentence_rows (report_num, pos, split, start, "end", section_idx) '
                           "VALUES (?, ?, ?, ?, ?, ?)", rows)
        last = reports[-1]["num"]
    store._execute("DROP VIEW IF EXISTS sentences_text")
    store._execute("DROP VIEW IF EXISTS sentences")
    store._execute("DROP TABLE sentence_spans")
    store._execute(SENTENCE_ROWS_VIEW[store.dialect])
    store._execute(SENTENCES_TEXT_VIEW)


FACT_SENTENCE = ("COALESCE(t.sentence, (SELECT substr(r.text, t.sentence_start + 1, t.sentence_end - t.sentence_start) "
                 "FROM reports r WHERE r.id = k.report_id))")


def facts_view() -> str:
    """Version 120: `facts` with the same columns as before, its `sentence` cut from the report's text by the
    fact's span (character offsets on both databases; substr counts from 1). A subquery, not a join: a query that
    does not ask for the sentence never reads the report, and its plan is the one it had before."""
    columns = ", ".join(f"{FACT_SENTENCE} AS sentence" if c == "sentence" else f't."{c}"' if c == "end" else f"t.{c}"
                        for c in CHILD_COLUMNS["facts"][1:])
    return (f"CREATE VIEW facts AS SELECT k.report_id, {columns} FROM fact_rows t "
            "JOIN report_keys k ON k.num = t.report_num")


def fact_sentence_spans(store: Any) -> None:
    """Version 120: each stored fact's sentence found in its report's text (`records.sentence_span`, as the
    writer does): the span kept, the copy dropped (kept where the text does not hold it, and on a store that keeps
    copies: `Store.cuts_fact_sentences`); then the new view."""
    last = 0
    while True:
        reports = store._execute("SELECT k.num, r.text FROM report_keys k JOIN reports r ON r.id = k.report_id "
                                 "WHERE k.num > ? ORDER BY k.num LIMIT ?", (last, BATCH))
        if not reports:
            break
        rows = []
        for r in reports:
            for f in store._execute("SELECT idx, start, sentence FROM fact_rows WHERE report_num = ? "
                                    "AND sentence IS NOT NULL", (r["num"],)):
                span = sentence_span(r["text"] or "", f["sentence"], f["start"])
                if span is not None:
                    rows.append((*span, r["num"], f["idx"]))
        drop = ", sentence = NULL" if store.cuts_fact_sentences else ""  # PostgreSQL keeps it: postgres.py
        store._executemany(f"UPDATE fact_rows SET sentence_start = ?, sentence_end = ?{drop} "
                           "WHERE report_num = ? AND idx = ?", rows)
        last = reports[-1]["num"]
    store._execute("DROP VIEW facts")
    store._execute(facts_view())


UPGRADES: dict[int, Callable[[Any], None]] = {70: pack_raw_texts, 80: pack_sentences, 100: key_reports,
                                              110: sentence_rows, 120: fact_sentence_spans}
