"""A `Report` as table rows, and back: the one place that knows how the record maps onto the schema.

The tables hold the record: `reports` (meta, quality figures, texts), `sections`, `sentences` (a report's
sentence spans, rows of sentence_rows), `facts`, `repairs` and
`removals`. `reports.record_json` keeps only what none of them holds (`record_rest`: e.g. meta.parent,
quality.reasons/damaged/page, absent_targets, relative_targets, and fact fields without a column when they differ from the default,
packed by `pack_extras`; records stored before version 70 hold them as `fact_fields` and are read as they are),
so the database does not store every fact twice. Databases written before (record_json = the whole record) are
read as they are.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from ..models import Fact, Report, Sentence
from .packing import pack_raw, stored_raw_text
from .segment import split_spans

REPORT_COLUMNS = (
    "id", "source", "fmt", "title", "region", "adcode", "level", "province", "year", "kind", "date", "meeting",
    "speaker", "speaker_title", "doc_type", "confidence", "partial", "encoding", "canonical_id", "n_chars", "n_bytes",
    "text", "raw_z", "raw_chars", "record_json", "minhash", "ingested_at",
)  # raw_text: NULL since version 70 (raw_z holds it, packing.pack_raw); rows stored before keep it
# The columns `reports()` lists: everything but the bulky texts and the signature.
LISTING_COLUMNS = tuple(c for c in REPORT_COLUMNS if c not in ("text", "raw_z", "record_json", "minhash"))
META_COLUMNS = ("title", "region", "adcode", "level", "province", "year", "kind", "date", "meeting", "speaker",
                "speaker_title", "doc_type")
QUALITY_IN_TABLES = ("encoding", "confidence", "partial", "repairs", "removed")

SECTION_COLUMNS = ("report_id", "idx", "level", "number", "title", "role", "start", "end")
# A report's sentence spans (sentence_rows, version 110): pos its place (the sentence's idx), split 1 for a span cut
# only for search (a report without sentences); the view `sentences` shows the others
SENTENCE_COLUMNS = ("report_id", "pos", "split", "start", "end", "section_idx")
FACT_COLUMNS = (
    "report_id", "idx", "metric", "metric_text", "value", "unit", "value_text", "high", "growth", "growth_unit",
    "bound", "status", "period", "rank_scope", "rank_n", "start", "end", "sentence", "action", "object", "scope",
    "rule",
) + (("basis",) if "basis" in {f.name for f in dataclasses.fields(Fact)} else ())  # column: migration 002
# What fact_rows stores (version 120): the view's columns, `sentence` NULL when the span holds it, and the span
FACT_ROW_COLUMNS = (*FACT_COLUMNS, "sentence_start", "sentence_end")
_SENTENCE_AT = FACT_COLUMNS.index("sentence")
REPAIR_COLUMNS = ("report_id", "idx", "kind", "start", "end", "before", "after")
REMOVAL_COLUMNS = ("report_id", "idx", "kind", "text")
FACT_FIELDS_IN_TABLE = frozenset(FACT_COLUMNS[2:]) - {"rank_scope", "rank_n"}
_RANK_AT = FACT_COLUMNS.index("rank_scope")  # the rank dict's two columns; every other column is a Fact field
_FACT_GET = attrgetter(*(c if c not in ("rank_scope", "rank_n") else "period" for c in FACT_COLUMNS[2:]))
FACT_FIELDS_ELSEWHERE = tuple(f.name for f in dataclasses.fields(Fact) if f.name not in FACT_FIELDS_IN_TABLE | {"rank"})
FACT_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Fact) if f.default is not dataclasses.MISSING}


def record_json(report: Report) -> str:
    """The whole JSON record (shared/spec/report-json.md), as `luoshi show --json` prints it."""
    return json.dumps(report.to_dict(), ensure_ascii=False)


def record_rest(report: Report) -> str:
    """The parts of the JSON record that no table column holds (stored in reports.record_json)."""
    # repairs and removals are rows of their own: not copied into dicts only to be dropped (asdict is deep)
    m = dataclasses.asdict(report.meta)
    q = dataclasses.asdict(dataclasses.replace(report.quality, repairs=[], removed=[]))
    rest: dict[str, Any] = {
        "meta": {k: v for k, v in m.items() if k not in META_COLUMNS},
        "quality": {k: v for k, v in q.items() if k not in QUALITY_IN_TABLES},
        "absent_targets": list(report.absent_targets),
    }
    if report.relative_targets:  # no table holds them: few per report ("收入与经济增长同步"), whole here
        rest["relative_targets"] = [relative_dict(f) for f in report.relative_targets]
    extras = {}
    for i, f in enumerate(report.facts):
        extra = {k: v for k in FACT_FIELDS_ELSEWHERE if (v := getattr(f, k)) != FACT_DEFAULTS.get(k, dataclasses.MISSING)}
        if f.rank is not None and (set(f.rank) - {"scope", "n"} or (f.rank.get("scope"), f.rank.get("n")) == (None,) * 2):
            extra["rank"] = f.rank  # a rank the two columns cannot give back as it was
        if extra:
            extras[str(i)] = extra
    if extras:
        rest["fact_extra"] = pack_extras(extras)
    rest["rows"] = {table: len(rows) for table, rows in  # what a complete report has: checked by the tests
                    (("sections", report.sections), ("facts", report.facts), ("repairs", report.quality.repairs),
                     ("removals", report.quality.removed))}
    return json.dumps(rest, ensure_ascii=False)


def relative_dict(fact: Fact) -> dict[str, Any]:
    """A relative target as stored: its fields that differ from a Fact's defaults (value, growth … are always None)."""
    return {k: v for k, v in dataclasses.asdict(fact).items() if k in ("metric", "metric_text", "value_text")
            or v != FACT_DEFAULTS.get(k, dataclasses.MISSING)}


def pack_extras(extras: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Fact fields without a column, columnar: each distinct value once (the rule trails `checks`, `steps` repeat
    the same few lists in most facts: 16 kB per report as plain JSON, ~2 kB so), each fact a row of value indexes
    in `keys` order (-1: the field's default). The rows repeat a few patterns too: each distinct row once (`kinds`),
    and `kind_of` the kind of each fact in idx order, comma-separated, empty for a fact without such fields (3.2 kB
    per report as {idx: row}, ~0.6 kB so). Records packed before hold `rows` ({idx: row}) and are read as such."""
    keys = sorted({k for e in extras.values() for k in e})
    values: list[Any] = []
    seen: dict[str | tuple, int] = {}
    kinds: list[list[int]] = []
    kind_at: dict[tuple, int] = {}
    kind_of: dict[int, int] = {}
    for idx, extra in extras.items():
        row = []
        for k in keys:
            if k not in extra:
                row.append(-1)
                continue
            key = _value_key(extra[k])
            if key not in seen:
                seen[key] = len(values)
                values.append(extra[k])
            row.append(seen[key])
        kind_of[int(idx)] = kind_at.setdefault(tuple(row), len(kinds))
        if kind_of[int(idx)] == len(kinds):
            kinds.append(row)
    last = max(kind_of, default=-1)
    return {"keys": keys, "values": values, "kinds": kinds,
            "kind_of": ",".join(str(kind_of[i]) if i in kind_of else "" for i in range(last + 1))}


_JSON_KEY = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps(..., sort_keys=True)


def _value_key(value: Any) -> str | tuple:
    """Equal for two values exactly when their JSON is (what `pack_extras` keeps once): a list of strings (nearly
    every value: steps, checks, vetoed) as the tuple of them, anything else as its JSON (a str never equals a
    tuple). 1.5 -> 0.8 ms a report, where a json.dumps each took half of record_rest."""
    if isinstance(value, list | tuple) and all(isinstance(x, str) for x in value):
        return tuple(value)
    return _JSON_KEY(value)


def unpack_extras(packed: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """`pack_extras` undone: {fact idx: {field: value}}."""
    if not packed:
        return {}
    keys, values = packed["keys"], packed["values"]
    def fresh(value: Any) -> Any:  # a list of its own per fact: facts never share a mutable value
        return list(value) if isinstance(value, list) else value

    rows = packed.get("rows")
    if rows is None:
        kinds = packed["kinds"]
        rows = {str(i): kinds[int(k)] for i, k in enumerate(packed["kind_of"].split(",")) if k}
    return {idx: {k: fresh(values[v]) for k, v in zip(keys, row, strict=True) if v >= 0} for idx, row in rows.items()}


def report_row(report: Report, *, canonical_id: str | None, minhash: str | None, n_bytes: int | None,
               record: str | None = None, raw_z: bytes | None = None) -> dict:
    m, q = report.meta, report.quality
    return {
        "id": report.id, "source": report.source, "fmt": report.fmt, "title": m.title, "region": m.region,
        "adcode": m.adcode, "level": m.level, "province": m.province, "year": m.year, "kind": m.kind,
        "date": m.date, "meeting": m.meeting, "speaker": m.speaker, "speaker_title": m.speaker_title,
        "doc_type": m.doc_type, "confidence": q.confidence, "partial": int(bool(q.partial)), "encoding": q.encoding,
        "canonical_id": canonical_id, "n_chars": len(report.text), "n_bytes": n_bytes, "text": report.text,
        "raw_z": raw_z if raw_z is not None else pack_raw(report.raw_text or "", report.text or ""),
        "raw_chars": len(report.raw_text or ""), "record_json": record or record_rest(report),
        "minhash": minhash, "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def store_rows(report: Report, *, minhash: str | None, n_bytes: int | None, record: str | None = None,
               raw_z: bytes | None = None) -> tuple[dict, dict[str, list[tuple]]]:
    """All that `Store.add_report` writes for a report, made where the CPU is (an ingest worker): the `reports` row
    (its canonical_id and ingested_at are set when it is stored) and `child_rows`."""
    return (report_row(report, canonical_id=None, minhash=minhash, n_bytes=n_bytes, record=record, raw_z=raw_z),
            child_rows(report))


def child_rows(report: Report) -> dict[str, list[tuple]]:
    """Rows of the per-report tables, keyed by table name, as tuples in the `STORED_COLUMNS` order."""
    rid = report.id
    sections = [(rid, i, s.level, s.number, s.title, s.role, s.start, s.end) for i, s in enumerate(report.sections)]
    sentences = [(rid, pos, None if idx is not None else 1, a, b, sec)
                 for pos, (a, b, idx, sec) in enumerate(sentence_spans_of(report))]
    facts = []
    text = report.text or ""
    for i, f in enumerate(report.facts):
        row = [rid, i, *_FACT_GET(f)]
        rank = f.rank or {}
        row[_RANK_AT], row[_RANK_AT + 1] = rank.get("scope"), rank.get("n")
        span = sentence_span(text, f.sentence, f.start)
        if span is not None:
            row[_SENTENCE_AT] = None
        facts.append((*row, *(span or (None, None))))
    repairs = [(rid, i, r.kind, r.start, r.end, r.before, r.after) for i, r in enumerate(report.quality.repairs)]
    removals = [(rid, i, r.kind, r.text) for i, r in enumerate(report.quality.removed)]
    return {"sections": sections, "sentences": sentences, "facts": facts, "repairs": repairs, "removals": removals}


def sentence_span(text: str, sentence: str | None, start: int | None) -> tuple[int, int] | None:
    """Where a fact's sentence (a clause or sentence of the text, stripped) stands in the text, so that fact_rows
    need not copy it (version 120): the last place at or before the fact's own offset, else the first anywhere;
    None when the text does not hold it verbatim, or holds a NUL before its end (SQLite's substr stops at a NUL):
    then the row keeps the text."""
    if not sentence:
        return None
    n = len(sentence)
    at = text.rfind(sentence, 0, start + n) if start is not None else -1
    if at < 0:
        at = text.find(sentence)
    return (at, at + n) if at >= 0 and text.find("\x00", 0, at + n) < 0 else None


def with_sentences(facts: list[tuple], text: str) -> list[tuple]:
    """Fact rows (`FACT_ROW_COLUMNS`) with the sentence's text in `sentence` as well as its span (for a store that
    keeps the copy: PostgreSQL)."""
    start = len(FACT_COLUMNS)
    return [(*r[:_SENTENCE_AT], text[r[start]:r[start + 1]], *r[_SENTENCE_AT + 1:]) if r[start] is not None else r
            for r in facts]


def sentence_spans_of(report: Report) -> list[tuple[int, int, int | None, int | None]]:
    """(start, end, sentence idx, section idx) of a report's sentences; split at sentence ends (idx None) when parse
    gave none, so that every report can be searched."""
    if report.sentences:
        return [(s.start, s.end, i, s.section) for i, s in enumerate(report.sentences)]
    return split_with_sections(report.text or "", [(i, s.start, s.end) for i, s in enumerate(report.sections)])


def split_with_sections(text: str, sections: list[tuple[int, int | None, int | None]]) -> list[tuple]:
    """`segment.split_spans` of a text, each span with the innermost section holding it."""
    spans = []
    for a, b in split_spans(text):
        holding = [(idx, st) for idx, st, en in sections if st is not None and st <= a < (en or 0)]
        inner = max(holding, key=lambda h: h[1])[0] if holding else None
        spans.append((a, b, None, inner))
    return spans


CHILD_COLUMNS = {
    "sections": SECTION_COLUMNS, "sentences": SENTENCE_COLUMNS, "facts": FACT_COLUMNS,
    "repairs": REPAIR_COLUMNS, "removals": REMOVAL_COLUMNS,
}
# The columns a table's rows are written with (`child_rows`), where they are not the view's (CHILD_COLUMNS)
STORED_COLUMNS = {**CHILD_COLUMNS, "facts": FACT_ROW_COLUMNS}
# Version 100: these tables' rows are stored under the report's number (report_keys.num) in the table named here;
# the name on the left is a view of them with the report's id (upgrades.keyed_view).
KEYED_TABLES = {"sections": "section_rows", "sentences": "sentence_rows", "facts": "fact_rows",
                "repairs": "repair_rows", "removals": "removal_rows"}


def report_from_row(row: dict[str, Any], children: dict[str, list[dict[str, Any]]]) -> Report:
    """The full Report from its `reports` row and its child rows (`children[table]`, ordered by idx)."""
    stored = json.loads(row["record_json"] or "{}")
    if "facts" in stored:  # written before the record was split into the tables: the whole record
        report = Report.from_dict({**stored, "text": row["text"] or ""})
    else:
        report = _rebuild(row, stored, children)
    report.raw_text = stored_raw_text(row)
    report.fmt = row["fmt"] or report.fmt
    report.sentences = [Sentence(start=s["start"], end=s["end"], section=s["section_idx"])
                        for s in children.get("sentences", [])]  # the view: sentences only, by idx
    return report


def _rebuild(row: dict[str, Any], rest: dict[str, Any], children: dict[str, list[dict[str, Any]]]) -> Report:
    quality = dict(rest.get("quality") or {})
    quality.update(encoding=row["encoding"], confidence=row["confidence"], partial=bool(row["partial"]),
                   repairs=[{k: r[k] for k in REPAIR_COLUMNS[2:]} for r in children.get("repairs", [])],
                   removed=[{k: r[k] for k in REMOVAL_COLUMNS[2:]} for r in children.get("removals", [])])
    extras = rest.get("fact_fields") or unpack_extras(rest.get("fact_extra"))
    facts = []
    for r in children.get("facts", []):
        fact = {k: r[k] for k in FACT_FIELDS_IN_TABLE}
        if r["rank_scope"] is not None or r["rank_n"] is not None:
            fact["rank"] = {"scope": r["rank_scope"], "n": r["rank_n"]}
        fact.update(extras.get(str(r["idx"]), {}))
        facts.append(fact)
    record = {
        "id": row["id"], "source": row["source"], "text": row["text"] or "",
        "meta": {**{k: row[k] for k in META_COLUMNS}, **(rest.get("meta") or {})},
        "quality": quality,
        "sections": [{k: s[k] for k in SECTION_COLUMNS[2:]} for s in children.get("sections", [])],
        "facts": facts,
        "absent_targets": rest.get("absent_targets") or [],
        "relative_targets": [{"value": None, "unit": None, **f} for f in rest.get("relative_targets") or []],
    }
    return Report.from_dict(record)

