"""Five-year plans: each plan's average-growth targets against the results stated at the end of the period.

A plan (五年规划纲要) sets targets as average annual growth over its five years ("国内生产总值年均增长7%"); the
first work report after the period reviews it ("国内生产总值年均增长7.8%"). Both are read with
`reader.read_averages`; the verdict rules are those of annual targets (verdict.py).
"""

from __future__ import annotations

import re

from ..models import Report
from . import reader
from .pairing import pair_target, report_year
from .verdict import Verdict, comparable

PLAN_NUMBER_RE = re.compile(r"(?:第(十[一二三四五]?|[六七八九])个五年|“(十[一二三四五]?|[六七八九])五”)(?:计划|规划)[^\n。]{0,20}纲要")
GOALS_RE = re.compile(r"(?:主要|预期|奋斗|发展)目标(?:是|为)?：|(?:主要|预期|奋斗)目标是")
FORWARD_RE = re.compile(r"今后|目标|预期|提出|力争|将|规划|纲要")
CN = {"六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15}


def plan_period(text: str) -> tuple[int, int] | None:
    """The years a plan covers, from its title ("第十二个五年规划纲要" → 2011-2015); plans from the sixth on."""
    match = PLAN_NUMBER_RE.search(text[:300])  # the title: a plan's body names other plans too
    if not match:
        return None
    start = 1981 + 5 * (CN[match.group(1) or match.group(2)] - 6)
    return start, start + 4


def track_five_year(plans: list[Report], reports: list[Report]) -> list[Verdict]:
    """Verdicts for each plan whose period's closing review (the work report of the year after) is present."""
    by_year = {y: r for r in reports if (y := report_year(r)) is not None}
    verdicts: list[Verdict] = []
    for plan in plans:
        period = plan_period(plan.text)
        if period is None or period[1] + 1 not in by_year:
            continue
        review = by_year[period[1] + 1]
        results: dict[str, list] = {}
        for fact in reader.read_averages(review.text, status="actual", period=period[1]):
            if not FORWARD_RE.search(fact.sentence):  # "今后五年国内生产总值年均增长7.5%" is the next plan's target
                results.setdefault(fact.metric or "", []).append(fact)
        goals = GOALS_RE.search(plan.text)  # skip the review of the previous plan that opens the document
        offset = goals.start() if goals else 0
        for target in reader.read_averages(plan.text[offset:], status="target", period=period[1]):
            target.start, target.end = target.start + offset, target.end + offset
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
