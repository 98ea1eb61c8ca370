"""Facts tables: the figures of stored reports, filtered by metric, status and where/when the report is from.

    facts(store, metric="gdp", status="target", year=2024, province="江苏省")

One row per fact with its report's region, year and source, and the sentence and offsets it was read from.
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from .search import report_filters

FACT_SELECT = (
    "f.report_id, r.source, r.title, r.region, r.adcode, r.level, r.province, r.year, r.kind, f.idx, f.metric, "
    "f.metric_text, f.value, f.unit, f.value_text, f.high, f.growth, f.growth_unit, f.bound, f.status, f.period, "
    'f.rank_scope, f.rank_n, f.scope, f.action, f.object, f.start, f."end", f.sentence'
)

FACT_SELECT_COLUMNS = [c.split(".")[-1].strip('"') for c in FACT_SELECT.split(", ")]


def region_condition(region: str) -> tuple[str, list[str]]:
    """Match a region by its exact name, or by a name containing it (苏州 → 苏州市, 江苏省苏州市)."""
    return "(r.region = ? OR r.region LIKE ?)", [region, f"%{region}%"]


def facts(store: Store, *, metric: str | None = None, status: str | None = None, scope: str | None = "any",
          limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
    """Fact rows, ordered by year, province, region, report and position in the report.

    Filters: metric, status (actual | target | plan | ...), region (name or part of it), province, level, kind,
    doc_type, year, year_from, year_to, canonical_only. `scope=None` keeps only facts about the whole jurisdiction.
    """
    region = filters.pop("region", None)
    where, params = report_filters("r", **filters)
    if region:
        cond, args = region_condition(region)
        where.append(cond)
        params += args
    if metric:
        where.append("f.metric = ?")
        params.append(metric)
    if status:
        where.append("f.status = ?")
        params.append(status)
    if scope is None:
        where.append("f.scope IS NULL")
    sql = f"SELECT {FACT_SELECT} FROM facts f JOIN reports r ON r.id = f.report_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY r.year, r.province, r.region, f.report_id, f.idx"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return store.query(sql, params)


def metric_names(store: Store) -> dict[str, str]:
    """metric id → Chinese name, from the `metrics` table."""
    return {r["id"]: r["name_zh"] for r in store.query("SELECT id, name_zh FROM metrics")}
