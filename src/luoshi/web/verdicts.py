"""Tracking verdicts for the Region page, from the facts table of that region only (no JSON records).

`luoshi track` loads every report of a region whole (`Store.get_report`: the record JSON, parsed, and the
original text besides the clean one): most of its seconds per region on a large database. The page rebuilds
each canonical report of the region from its listing columns, its rows of the facts table and the record's
absent_targets (what `luoshi.track` judges from), and hands those to the same `luoshi.track.track`.
Main targets are cheap to judge; plans (hundreds of commitments matched against later results) are not, so the
page judges them only when asked (`plans=True`).
"""

from __future__ import annotations

from typing import Any

from ..store.fact_reports import MAIN_FACTS, PLAN_FACTS, reports_from_facts


def region_verdicts(store: Any, region: str, *, plans: bool = False) -> list[dict]:
    """The tracking stage's verdicts for the region as flat rows: main targets (and five-year goals), or with
    `plans` only the plan commitments judged against later results."""
    try:
        from ..track import track
    except ImportError:  # the tracking stage is optional for the web app
        return []
    reports = reports_from_facts(store, region, facts_where=PLAN_FACTS if plans else MAIN_FACTS)
    verdicts = track(reports, plans=plans)
    rows = [v.row() for v in verdicts if (v.kind == "plan") == plans]
    return sorted(rows, key=lambda r: (-(r["year"] or 0), r["metric"] or "", r["kind"] or ""))
