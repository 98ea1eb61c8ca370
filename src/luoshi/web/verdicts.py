"""Tracking verdicts for the Region page, from the facts table of that region only (no JSON records).

`luoshi track` loads every report of a region whole (`Store.get_report`: the record JSON, parsed, and the
original text besides the clean one): most of its seconds per region on a large database. The page rebuilds
each canonical report of the region from its listing columns, its rows of the facts table and the record's
absent_targets (what `luoshi.track` judges from), and hands those to the same `luoshi.track.track`.
Main targets are cheap to judge; plans (hundreds of commitments matched against later results) are not, so the
page judges them only when asked (`plans=True`). A target with two sources (work report, communiqué) is one
verdict (the tracking stage folds them); the other source is shown beside it, never counted again.
"""

from __future__ import annotations

from typing import Any

from ..store.fact_reports import MAIN_FACTS, PLAN_FACTS, reports_from_facts


def judged(store: Any, region: str, *, plans: bool = False) -> list[Any]:
    """The tracking stage's Verdict objects for the region: main targets (and five-year goals), or with `plans`
    only the plan commitments judged against later results; newest first."""
    try:
        from ..track import track
    except ImportError:  # the tracking stage is optional for the web app
        return []
    reports = reports_from_facts(store, region, facts_where=PLAN_FACTS if plans else MAIN_FACTS)
    verdicts = [v for v in track(reports, plans=plans) if (v.kind == "plan") == plans]
    return sorted(verdicts, key=lambda v: (-(v.year or 0), v.metric or "", v.kind or ""))


def as_row(v: Any) -> dict:
    """A verdict as a flat row: `Verdict.row()` and what the page shows besides (exact ends, other sources)."""
    row = v.row()
    row.update(
        target_end=v.target.end if v.target else None, result_end=v.result.end if v.result else None,
        target_metric_text=v.target.metric_text if v.target else None,
        target_basis=v.target.basis if v.target else None, result_basis=v.result.basis if v.result else None,
        other_sources=v.extra.get("other_sources", []),
    )
    return row


def region_verdicts(store: Any, region: str, *, plans: bool = False) -> list[dict]:
    """The region's verdicts as flat rows (see `judged`)."""
    return [as_row(v) for v in judged(store, region, plans=plans)]


def sentence_at(store: Any, report_id: str | None, start: int | None, end: int | None) -> dict | None:
    """The stored sentence holding [start, end) of a report's clean text, with the figure's offsets inside it
    (`mark`), read from the sentences table and the text (one report's sentences, not the database)."""
    if not report_id or start is None:
        return None
    end = end if end is not None else start
    rows = store.query(
        'SELECT s.start, s."end", substr(r.text, s.start + 1, s."end" - s.start) AS text '
        "FROM sentences s JOIN reports r ON r.id = s.report_id "
        'WHERE s.report_id = ? AND s.start <= ? AND s."end" >= ? ORDER BY s.start DESC LIMIT 1',
        [report_id, start, end])
    if not rows or rows[0]["text"] is None:
        return None
    s = rows[0]
    return {"report_id": report_id, "start": s["start"], "end": s["end"], "text": s["text"],
            "mark": (start - s["start"], end - s["start"])}
