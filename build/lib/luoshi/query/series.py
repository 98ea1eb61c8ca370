"""A region's values of one metric over the years, each with the report and sentence it came from.

Per report year and status, the headline fact is kept: the first whole-jurisdiction fact of the metric that gives
a value (the headline figure comes before the district-by-district detail; a growth-only mention such as 年均增长
6.1% is used only when no value is given); near-duplicate copies of a report are skipped.
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from .facts import facts

SERIES_COLUMNS = ("year", "status", "value", "high", "unit", "growth", "growth_unit", "bound", "period",
                  "region", "report_id", "source", "start", "end", "sentence")


def headlines(rows: list[dict], key) -> dict:
    """The headline row per key: the first with a value, else the first with a growth rate, else the first."""
    best: dict = {}
    for r in rows:
        k = key(r)
        rank = 0 if r["value"] is not None else 1 if r["growth"] is not None else 2
        if k not in best or rank < best[k][0]:
            best[k] = (rank, r)
    return {k: r for k, (_, r) in best.items()}


def series(store: Store, region: str, metric: str, *, status: str | None = None, **filters: Any) -> list[dict]:
    """Rows of SERIES_COLUMNS, one per (year, status), in year order."""
    rows = facts(store, region=region, metric=metric, status=status, scope=None, canonical_only=True, **filters)
    picked: dict[tuple, dict[str, Any]] = {}
    for r in headlines(rows, key=lambda r: (r["year"], r["status"])).values():
        picked[(r["year"], r["status"])] = {c: r.get(c) for c in SERIES_COLUMNS}
    return sorted(picked.values(), key=lambda r: (r["year"] is None, r["year"] or 0, r["status"] or ""))
