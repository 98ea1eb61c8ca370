"""Tracking verdicts for the Region page, from the facts table of that region only (no JSON records).

`luoshi track` loads every report of a region whole (`Store.get_report`: the record JSON, parsed, and the
original text besides the clean one): most of its seconds per region on a large database. The page rebuilds
each canonical report of the region from its listing columns, its rows of the facts table and the record's
absent_targets (what `luoshi.track` judges from), and hands those to the same `luoshi.track.track`.
Main targets are cheap to judge; plans (hundreds of commitments matched against later results) are not, so the
page judges them only when asked (`plans=True`).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from typing import Any

from ..models import Fact, Meta, Report

FACT_FIELDS = tuple(f.name for f in dataclasses.fields(Fact) if f.name != "rank")
# The facts each kind of verdict is judged from (luoshi.track): main targets pair target facts with actual or
# estimate ones of a metric, five-year plans compare average-growth plan facts; commitments (plan facts with an
# object) are matched against any actual or estimate fact. Reading only these halves the rows of a large region.
MAIN_FACTS = ("f.metric IS NOT NULL AND (f.status IN ('target', 'actual', 'estimate') "
              "OR (f.status = 'plan' AND f.basis = 'average'))")
PLAN_FACTS = "f.status IN ('plan', 'actual', 'estimate')"
META_COLUMNS = ("title", "region", "adcode", "level", "province", "year", "kind", "doc_type")


def region_reports_from_facts(store: Any, region: str, facts_where: str | None = None) -> list[Report]:
    """The region's canonical reports with metadata, facts and absent targets (no text: the tracking stage
    judges from facts only), in `Store.reports` order (the first report of a year is the one judged).
    `facts_where`: only facts meeting this fixed SQL condition on `f` (MAIN_FACTS, PLAN_FACTS; never user input);
    the other facts are not read."""
    rows = store.query(
        f"SELECT id, source, {_absent_targets(store)} AS absent, {', '.join(META_COLUMNS)} FROM reports "
        "WHERE region = ? AND canonical_id IS NULL ORDER BY year, province, region, source", [region])
    facts: dict[str, list[Fact]] = defaultdict(list)
    only = f" AND ({facts_where})" if facts_where else ""
    for f in store.query(
            "SELECT f.* FROM facts f JOIN reports r ON r.id = f.report_id "
            f"WHERE r.region = ? AND r.canonical_id IS NULL{only} ORDER BY f.report_id, f.idx",
            [region]):
        fields = {k: f[k] for k in FACT_FIELDS if k in f and f[k] is not None}
        rank = {"scope": f["rank_scope"], "n": f["rank_n"]} if f.get("rank_scope") or f.get("rank_n") else None
        facts[f["report_id"]].append(Fact(**{"metric_text": "", "value_text": "", "metric": None, "value": None,
                                             "unit": None, **fields, "rank": rank}))
    reports = []
    for r in rows:
        meta = Meta(**{k: r[k] for k in META_COLUMNS if r[k] is not None})
        reports.append(Report(id=r["id"], source=r["source"], text="", meta=meta, facts=facts.get(r["id"], []),
                              absent_targets=json.loads(r["absent"] or "[]")))
    return reports


def _absent_targets(store: Any) -> str:
    """The record's absent_targets as JSON text, extracted by the database (no record parsed in Python)."""
    if store.dialect == "sqlite":
        return "json_extract(record_json, '$.absent_targets')"
    return "(record_json::json -> 'absent_targets')::text"


def region_verdicts(store: Any, region: str, *, plans: bool = False) -> list[dict]:
    """The tracking stage's verdicts for the region as flat rows: main targets (and five-year goals), or with
    `plans` only the plan commitments judged against later results."""
    try:
        from ..track import track
    except ImportError:  # the tracking stage is optional for the web app
        return []
    reports = region_reports_from_facts(store, region, facts_where=PLAN_FACTS if plans else MAIN_FACTS)
    verdicts = track(reports, plans=plans)
    rows = [v.row() for v in verdicts if (v.kind == "plan") == plans]
    return sorted(rows, key=lambda r: (-(r["year"] or 0), r["metric"] or "", r["kind"] or ""))
