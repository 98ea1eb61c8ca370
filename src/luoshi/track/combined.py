"""Every verdict for one region's reports: main targets, national targets against the communiqué, five-year
goals and commitments, in one call (the CLI, the web app and the panel all judge through it)."""

from __future__ import annotations

from ..models import Report
from .communique import is_communique, national_references, track_national
from .fiveyear import plan_period, track_five_year
from .pairing import track_series
from .plans import track_plans
from .sources import fold_sources
from .verdict import RESEARCH, Convention, Verdict


def track(reports: list[Report], *, year: int | None = None, plans: bool = True,
          convention: Convention = RESEARCH, references: dict | None = None) -> list[Verdict]:
    """All verdicts for one region's reports; communiqués among them serve as a second source for national targets
    (one verdict per target: `fold_sources`) and give the national figures a relation target ("与全国同步") is set
    against. `references` adds such figures: {(to, year, metric): growth}, e.g. {("全省", 2015, "gdp"): 8.0}."""
    communiques = [r for r in reports if is_communique(r)]
    five_year = [r for r in reports if r.meta.doc_type == "five_year_plan"
                 or (r.meta.doc_type != "work_report" and plan_period(r.meta.title or ""))]
    work = [r for r in reports if r not in communiques and r not in five_year]
    references = {**national_references(communiques), **(references or {})}
    verdicts = track_series(work, year=year, convention=convention, references=references)
    if communiques:
        verdicts = fold_sources(verdicts + track_national(work, communiques, year=year, convention=convention))
    if five_year:
        verdicts += [v for v in track_five_year(five_year, work) if year is None or v.year == year]
    if plans:
        verdicts += track_plans(work, year=year)
    return verdicts
