"""Data steps of schema migrations: rows rewritten into a new form, run after the version's SQL file in the same
transaction (so a file is either fully upgraded to that version or left as it was).

Each step takes the store and works through its `_execute`; it must be safe on a database with no rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .packing import pack_raw, spans_json

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


UPGRADES: dict[int, Callable[[Any], None]] = {70: pack_raw_texts, 80: pack_sentences}
