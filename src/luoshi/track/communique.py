"""National results from the NBS statistical communiqués (国家统计局年度统计公报), a second source for national targets.

The extract stage reads a communiqué's figures as actuals of the year it reports on (the year in its title, the
year before its publication); the first figure of each metric is the headline one.
"""

from __future__ import annotations

from collections import Counter

from ..models import Fact, Report
from .pairing import main_targets, pair_target, report_year
from .verdict import RESEARCH, Convention, Verdict, comparable


def communique_year(report: Report) -> int | None:
    """The year a communiqué reports on: the period of its results, else meta.year (parse gives a communiqué the
    year it reports on, not the year it was published)."""
    periods = Counter(f.period for f in report.facts if f.status == "actual" and f.period is not None)
    if periods:
        return periods.most_common(1)[0][0]
    return report.meta.year


def is_communique(report: Report) -> bool:
    return report.meta.doc_type == "communique"


def communique_results(report: Report) -> dict[str, list[Fact]]:
    """The communiqué's results for its year by metric, in text order (the first one is the headline figure)."""
    year = communique_year(report)
    by_metric: dict[str, list[Fact]] = {}
    for fact in report.facts:
        if fact.metric and not fact.scope and fact.status == "actual" and fact.period == year \
                and fact.basis == "annual":
            by_metric.setdefault(fact.metric, []).append(fact)
    return by_metric


def track_national(reports: list[Report], communiques: list[Report], *, year: int | None = None,
                   convention: Convention = RESEARCH) -> list[Verdict]:
    """Each national target of year N against the communiqué for year N."""
    by_year = {communique_year(c): c for c in communiques}
    verdicts: list[Verdict] = []
    for report in reports:
        n = report_year(report)
        if n is None or (year is not None and n != year) or n not in by_year:
            continue
        source = by_year[n]
        results = communique_results(source)
        for target in main_targets(report, n):
            verdict, result, conf, note = pair_target(target, results.get(target.metric or "", []), source="communique",
                                                     convention=convention)
            v = Verdict(region=report.meta.region or "全国", year=n, metric=target.metric, verdict=verdict,
                        target=target, result=result, target_report=report.id,
                        result_report=source.id if result else None, confidence=conf, source="communique",
                        note=note, level=report.meta.level, province=report.meta.province)
            if result is not None and (pair := comparable(target, result)):
                v.target_value, v.result_value, v.unit = pair[0].value, pair[1].value, pair[0].unit
            verdicts.append(v)
    return verdicts


def national_references(communiques: list[Report]) -> dict[tuple[str, int, str], float]:
    """{("全国", year, metric): growth} from the communiqués' headline figures: what "与全国同步" is set against."""
    refs: dict[tuple[str, int, str], float] = {}
    for c in communiques:
        year = communique_year(c)
        for metric, facts in communique_results(c).items():
            growth = next((f.growth for f in facts if f.growth is not None and f.growth_unit == "%"), None)
            if year is not None and growth is not None:
                refs.setdefault(("全国", year, metric), growth)
    return refs
