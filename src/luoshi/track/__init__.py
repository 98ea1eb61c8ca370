"""TRACK: did they deliver? Targets and commitments linked to the results reported a year later.

Pure functions over `Report`s (`track_series`, `track_national`, `track_plans`) and thin adapters over a Store.
Method, tolerances and verdict definitions: docs/track.md.
"""

from __future__ import annotations

from typing import Any

from ..models import Report
from .communique import communique_results, is_communique, national_references, track_national
from .fiveyear import plan_period, track_five_year
from .pairing import report_year, track_series
from .plans import track_plans
from .summary import amplification, share_met, verdict_frame
from .verdict import VERDICTS, Verdict, judge

__all__ = [
    "VERDICTS", "Verdict", "amplification", "communique_results", "judge", "load_region", "report_year", "share_met", "track",
    "track_five_year", "track_frame", "track_national", "track_plans", "track_series", "verdict_frame",
]


def track(reports: list[Report], *, year: int | None = None, plans: bool = True,
          references: dict | None = None) -> list[Verdict]:
    """All verdicts for one region's reports; communiqués among them serve as a second source for national targets
    and give the national figures a relation target ("与全国同步") is set against. `references` adds such figures:
    {(to, year, metric): growth}, e.g. {("全省", 2015, "gdp"): 8.0}."""
    communiques = [r for r in reports if is_communique(r)]
    five_year = [r for r in reports if r.meta.doc_type == "five_year_plan"
                 or (r.meta.doc_type != "work_report" and plan_period(r.meta.title or ""))]
    work = [r for r in reports if r not in communiques and r not in five_year]
    references = {**national_references(communiques), **(references or {})}
    verdicts = track_series(work, year=year, references=references)
    if communiques:
        verdicts += track_national(work, communiques, year=year)
    if five_year:
        verdicts += [v for v in track_five_year(five_year, work) if year is None or v.year == year]
    if plans:
        verdicts += track_plans(work, year=year)
    return verdicts


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


def track_frame(source: Any, region: str | None = None, *, year: int | None = None, plans: bool = True):
    """The verdicts as a pandas DataFrame; `source` is a Store (with `region`) or a list of Reports."""
    reports = load_region(source, region) if region is not None and hasattr(source, "get_report") else list(source)
    return verdict_frame(track(reports, year=year, plans=plans))
