"""A region's values of one metric over the years, each with the report and sentence it came from.

Per report year and status, the first whole-jurisdiction fact of the metric in the report is kept (the headline
figure comes before the district-by-district detail); near-duplicate copies of a report are skipped.
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from .facts import facts

SERIES_COLUMNS = ("year", "status", "value", "high", "unit", "growth", "growth_unit", "bound", "period",
                  "region", "report_id", "source", "start", "end", "sentence")


def series(store: Store, region: str, metric: str, *, status: str | None = None, **filters: Any) -> list[dict]:
    """Rows of SERIES_COLUMNS, one per (year, status), in year order."""
    rows = facts(store, region=region, metric=metric, status=status, scope=None, canonical_only=True, **filters)
    picked: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        key = (r["year"], r["status"])
        if key not in picked:
            picked[key] = {c: r.get(c) for c in SERIES_COLUMNS}
    return sorted(picked.values(), key=lambda r: (r["year"] is None, r["year"] or 0, r["status"] or ""))
