"""A `Report` as table rows, and back: the one place that knows how the record maps onto the schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ..models import Report, Sentence

REPORT_COLUMNS = (
    "id", "source", "fmt", "title", "region", "adcode", "level", "province", "year", "kind", "date", "meeting",
    "speaker", "speaker_title", "doc_type", "confidence", "partial", "encoding", "canonical_id", "n_chars", "n_bytes",
    "text", "raw_text", "record_json", "minhash", "ingested_at",
)
# The columns `reports()` lists: everything but the bulky texts and the signature.
LISTING_COLUMNS = tuple(c for c in REPORT_COLUMNS if c not in ("text", "raw_text", "record_json", "minhash"))

SECTION_COLUMNS = ("report_id", "idx", "level", "number", "title", "role", "start", "end")
SENTENCE_COLUMNS = ("report_id", "idx", "start", "end", "section_idx", "text")
FACT_COLUMNS = (
    "report_id", "idx", "metric", "metric_text", "value", "unit", "value_text", "high", "growth", "growth_unit",
    "bound", "status", "period", "rank_scope", "rank_n", "start", "end", "sentence", "action", "object", "scope",
    "rule",
)
REPAIR_COLUMNS = ("report_id", "idx", "kind", "start", "end", "before", "after")
REMOVAL_COLUMNS = ("report_id", "idx", "kind", "text")


def record_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False)


def report_row(report: Report, *, canonical_id: str | None, minhash: str | None, n_bytes: int | None,
               record: str | None = None) -> dict:
    m, q = report.meta, report.quality
    return {
        "id": report.id, "source": report.source, "fmt": report.fmt, "title": m.title, "region": m.region,
        "adcode": m.adcode, "level": m.level, "province": m.province, "year": m.year, "kind": m.kind,
        "date": m.date, "meeting": m.meeting, "speaker": m.speaker, "speaker_title": m.speaker_title,
        "doc_type": m.doc_type, "confidence": q.confidence, "partial": int(bool(q.partial)), "encoding": q.encoding,
        "canonical_id": canonical_id, "n_chars": len(report.text), "n_bytes": n_bytes, "text": report.text,
        "raw_text": report.raw_text, "record_json": record or record_json(report),
        "minhash": minhash, "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def child_rows(report: Report) -> dict[str, list[tuple]]:
    """Rows of the per-report tables, keyed by table name, as tuples in the *_COLUMNS order."""
    rid = report.id
    sections = [(rid, i, s.level, s.number, s.title, s.role, s.start, s.end) for i, s in enumerate(report.sections)]
    sentences = [
        (rid, i, s.start, s.end, s.section, report.text[s.start:s.end]) for i, s in enumerate(report.sentences)
    ]
    facts = []
    for i, f in enumerate(report.facts):
        rank = f.rank or {}
        facts.append((
            rid, i, f.metric, f.metric_text, f.value, f.unit, f.value_text, f.high, f.growth, f.growth_unit,
            f.bound, f.status, f.period, rank.get("scope"), rank.get("n"), f.start, f.end, f.sentence, f.action,
            f.object, f.scope, f.rule,
        ))
    repairs = [(rid, i, r.kind, r.start, r.end, r.before, r.after) for i, r in enumerate(report.quality.repairs)]
    removals = [(rid, i, r.kind, r.text) for i, r in enumerate(report.quality.removed)]
    return {"sections": sections, "sentences": sentences, "facts": facts, "repairs": repairs, "removals": removals}


CHILD_COLUMNS = {
    "sections": SECTION_COLUMNS, "sentences": SENTENCE_COLUMNS, "facts": FACT_COLUMNS,
    "repairs": REPAIR_COLUMNS, "removals": REMOVAL_COLUMNS,
}


def report_from_row(row: dict[str, Any], sentences: list[dict[str, Any]]) -> Report:
    """The full Report from its stored JSON record, its texts and its sentence rows."""
    record = json.loads(row["record_json"])
    record["text"] = row["text"] or ""
    report = Report.from_dict(record)
    report.raw_text = row["raw_text"] or ""
    report.fmt = row["fmt"] or report.fmt
    report.sentences = [Sentence(start=s["start"], end=s["end"], section=s["section_idx"]) for s in sentences]
    return report
