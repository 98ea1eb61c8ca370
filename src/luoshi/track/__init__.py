"""TRACK: did they deliver? Targets and commitments linked to the results reported a year later.

Pure functions over `Report`s (`track_series`, `track_national`, `track_plans`) and thin adapters over a Store.
Method, tolerances and verdict definitions: docs/track.md.
"""

from __future__ import annotations

from typing import Any

from ..models import Report
from .combined import track
from .communique import communique_results, track_national
from .fiveyear import plan_period, track_five_year
from .pairing import report_year, track_series
from .panel import panel_frame
from .plans import track_plans
from .references import jurisdiction_references
from .sources import fold_sources
from .summary import amplification, share_met, verdict_frame
from .verdict import RESEARCH, VERDICTS, Convention, Verdict, judge

__all__ = [
    "RESEARCH",
    "VERDICTS",
    "Convention",
    "Verdict",
    "amplification",
    "communique_results",
    "fold_sources",
    "judge",
    "jurisdiction_references",
    "load_region",
    "panel_frame",
    "plan_period",
    "report_year",
    "share_met",
    "track",
    "track_five_year",
    "track_frame",
    "track_national",
    "track_plans",
    "track_series",
    "verdict_frame",
]


def load_region(store: Any, region: str) -> list[Report]:
    """The reports of one region from a Store (by name or adcode), canonical copies only."""
    rows = store.reports(region=region) or store.query(
        "SELECT id FROM reports WHERE adcode = ? OR region = ?", [region, region])
    reports = []
    for row in rows:
        if row.get("canonical_id"):
            continue
        report = store.get_report(row["id"])
        if report is not None:
            reports.append(report)
    return reports


def track_frame(source: Any, region: str | None = None, *, year: int | None = None, plans: bool = True,
                convention: Convention = RESEARCH):
    """The verdicts as a pandas DataFrame; `source` is a Store (with `region`) or a list of Reports."""
    reports = load_region(source, region) if region is not None and hasattr(source, "get_report") else list(source)
    return verdict_frame(track(reports, year=year, plans=plans, convention=convention))
