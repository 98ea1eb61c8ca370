"""Five-year plans: each plan's average-growth targets against the results stated at the end of the period.

A plan (五年规划纲要) sets targets as average annual growth over its five years ("国内生产总值年均增长7%"); the
first work report after the period reviews it ("国内生产总值年均增长7.8%"). Both are facts the extract stage marks
`basis = "average"`; the verdict rules are those of annual targets (verdict.py).
"""

from __future__ import annotations

from ..extract import plan_period
from ..models import Fact, Report
from .pairing import pair_target, report_year
from .verdict import Verdict, comparable

__all__ = ["plan_period", "track_five_year"]

TARGET_STATUSES = ("target", "plan")


def _averages(report: Report, statuses: tuple[str, ...], period: int | None) -> dict[str, list[Fact]]:
    """Average-growth facts of the whole jurisdiction over the span ending in `period`, by metric."""
    by_metric: dict[str, list[Fact]] = {}
    for fact in report.facts:
        if fact.basis == "average" and fact.status in statuses and fact.metric and not fact.scope \
                and fact.growth is not None and fact.period == period:
            by_metric.setdefault(fact.metric, []).append(fact)
    return by_metric


def track_five_year(plans: list[Report], reports: list[Report]) -> list[Verdict]:
    """Verdicts for each plan whose period's closing review (the work report of the year after) is present."""
    by_year = {y: r for r in reports if (y := report_year(r)) is not None}
    verdicts: list[Verdict] = []
    for plan in plans:
        period = plan_period(plan.meta.title or "")
        if period is None or period[1] + 1 not in by_year:
            continue
        review = by_year[period[1] + 1]
        results = _averages(review, ("actual", "estimate"), period[1])
        for targets in _averages(plan, TARGET_STATUSES, period[1]).values():
            target = targets[0]
            verdict, result, conf, note = pair_target(target, results.get(target.metric or "", []),
                                                      source="work_report")
            v = Verdict(region=review.meta.region or "全国", year=period[1], metric=target.metric, verdict=verdict,
                        kind="five_year", target=target, result=result, target_report=plan.id,
                        result_report=review.id if result else None, confidence=conf, note=note,
                        level=review.meta.level, province=review.meta.province, extra={"period": period})
            if result is not None and (pair := comparable(target, result)):
                v.target_value, v.result_value, v.unit = pair[0].value, pair[1].value, pair[0].unit
            verdicts.append(v)
    return verdicts
