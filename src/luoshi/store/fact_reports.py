"""Reports rebuilt from the listing columns and the facts table only (no record JSON, no text).

Tracking judges from facts alone, so the region page (web) and the panel (track.panel) need not load whole
reports (`Store.get_report` parses the record and reads both texts: most of the time on a large database).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from typing import Any

from ..models import Fact, Meta, Report
from .records import unpack_extras

FACT_FIELDS = tuple(f.name for f in dataclasses.fields(Fact) if f.name != "rank")
# The facts each kind of verdict is judged from (luoshi.track): main targets pair target facts with actual or
# estimate ones of a metric, five-year plans compare average-growth plan facts; commitments (plan facts with an
# object) are matched against any actual or estimate fact. Reading only these halves the rows of a large region.
MAIN_FACTS = ("f.metric IS NOT NULL AND (f.status IN ('target', 'actual', 'estimate') "
              "OR (f.status = 'plan' AND f.basis = 'average'))")
PLAN_FACTS = "f.status IN ('plan', 'actual', 'estimate')"
META_COLUMNS = ("title", "region", "adcode", "level", "province", "year", "kind", "doc_type")


def reports_from_facts(store: Any, region: str | None = None, facts_where: str | None = None,
                       years: tuple[int, int] | None = None) -> list[Report]:
    """The canonical reports (of one region, or all) with metadata, facts, absent and relative targets, in `Store.reports`
    order (the first report of a year is the one judged). `facts_where`: only facts meeting this fixed SQL condition
    on `f` (MAIN_FACTS, PLAN_FACTS; never user input); the other facts are not read. `years` (low, high): only work
    reports of those years (documents of other kinds, few and needed whole by track, are all kept)."""
    conds: list[str] = []
    params: list[Any] = []
    if region is not None:
        conds.append("r.region = ?")
        params.append(region)
    if years is not None:
        conds.append("(r.year BETWEEN ? AND ? OR r.doc_type IS NULL OR r.doc_type <> 'work_report')")
        params += [years[0], years[1]]
    where = "".join(c + " AND " for c in conds)
    rows = store.query(
        f"SELECT r.id, r.source, {_record_field(store, 'absent_targets')} AS absent, "
        f"{_record_field(store, 'fact_extra')} AS extra, {_record_field(store, 'relative_targets')} AS relative, "
        f"{', '.join('r.' + c for c in META_COLUMNS)} "
        f"FROM reports r WHERE {where}r.canonical_id IS NULL ORDER BY r.year, r.province, r.region, r.source", params)
    extras = {r["id"]: unpack_extras(json.loads(r["extra"])) if r["extra"] else {} for r in rows}
    facts: dict[str, list[Fact]] = defaultdict(list)
    only = f" AND ({facts_where})" if facts_where else ""
    for f in store.query(
            "SELECT f.* FROM facts f JOIN reports r ON r.id = f.report_id "
            f"WHERE {where}r.canonical_id IS NULL{only} ORDER BY f.report_id, f.idx", params):
        fields = {k: f[k] for k in FACT_FIELDS if k in f and f[k] is not None}
        extra = extras.get(f["report_id"], {}).get(str(f["idx"]), {})  # fields without a column (relation, trails)
        fields.update({k: v for k, v in extra.items() if k in FACT_FIELDS})
        rank = {"scope": f["rank_scope"], "n": f["rank_n"]} if f.get("rank_scope") or f.get("rank_n") else None
        facts[f["report_id"]].append(Fact(**{"metric_text": "", "value_text": "", "metric": None, "value": None,
                                             "unit": None, **fields, "rank": rank}))
    reports = []
    for r in rows:
        meta = Meta(**{k: r[k] for k in META_COLUMNS if r[k] is not None})
        reports.append(Report(id=r["id"], source=r["source"], text="", meta=meta, facts=facts.get(r["id"], []),
                              absent_targets=json.loads(r["absent"] or "[]"),
                              relative_targets=[Fact(**{"value": None, "unit": None, **f})
                                                for f in json.loads(r["relative"] or "[]")]))
    return reports


def _record_field(store: Any, key: str) -> str:
    """One top-level field of the record (absent_targets, fact_extra: the packed fact fields) as JSON text,
    extracted by the database (no record parsed in Python). `key` is a fixed name, never user input."""
    if store.dialect == "sqlite":
        return f"json_extract(r.record_json, '$.{key}')"
    return f"(r.record_json::json -> '{key}')::text"