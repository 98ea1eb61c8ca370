"""Compare one metric across regions (or provinces, or levels) for one year.

`by="region"`: one row per report (its headline figure, as in `series`). `by="province"` or `"level"`: one row per
group with the number of regions and the median, minimum and maximum of their values (only figures in the group's
most common unit, so 亿元 and 万元 are never mixed).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import median
from typing import Any

from ..store import Store
from .facts import facts
from .series import headlines

GROUPS = ("region", "province", "level")


def compare(store: Store, metric: str, *, year: int | None = None, by: str = "region", status: str | None = "actual",
            **filters: Any) -> list[dict[str, Any]]:
    if by not in GROUPS:
        raise ValueError(f"--by must be one of {', '.join(GROUPS)}")
    rows = facts(store, metric=metric, status=status, year=year, scope=None, canonical_only=True, **filters)
    headline = headlines(rows, key=lambda r: r["report_id"])
    if by == "region":
        out = [{"region": r["region"], "province": r["province"], "level": r["level"], "year": r["year"],
                "value": r["value"], "unit": r["unit"], "growth": r["growth"], "growth_unit": r["growth_unit"],
                "status": r["status"], "report_id": r["report_id"], "sentence": r["sentence"]}
               for r in headline.values()]
        return sorted(out, key=lambda r: (r["value"] is None, -(r["value"] or 0)))
    groups: dict[Any, list[dict]] = defaultdict(list)
    for r in headline.values():
        groups[r[by]].append(r)
    out = []
    for key, members in groups.items():
        unit = Counter(m["unit"] for m in members).most_common(1)[0][0]
        values = [m["value"] for m in members if m["unit"] == unit and m["value"] is not None]
        growths = [m["growth"] for m in members if m["growth"] is not None]
        out.append({by: key, "regions": len(members), "unit": unit, "n_values": len(values),
                    "median": median(values) if values else None, "min": min(values) if values else None,
                    "max": max(values) if values else None,
                    "median_growth": median(growths) if growths else None})
    return sorted(out, key=lambda r: (r[by] is None, str(r[by] or "")))
