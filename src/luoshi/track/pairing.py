"""Pairing each main target of year N with the result for year N, reported in year N+1's report.

Pure functions over `Report`s: the reports of one region (same adcode, or same name for towns) in any order.
"""

from __future__ import annotations

import re

from ..models import Fact, Report
from .lexicon import pattern
from .relation import judge_relation, judge_relative
from .verdict import RESEARCH, Convention, Verdict, comparable, confidence, judge, quantities

RESULT_STATUSES = ("actual", "estimate")


def report_year(report: Report) -> int | None:
    """The report's year (the year whose targets it sets), from the parse stage's metadata."""
    return report.meta.year


FIVE_YEAR_NEAR = re.compile(pattern("five_year_near"))


def multi_year(fact: Fact) -> bool:
    """A figure over several years ("年均增长6.3%", "累计完成…", "五年来增长45%") is not the year's result."""
    if fact.basis != "annual":
        return True
    at = fact.sentence.find(fact.value_text)
    return bool(FIVE_YEAR_NEAR.search(fact.sentence[:at] if at >= 0 else fact.sentence))


def main_targets(report: Report, year: int) -> list[Fact]:
    """The first target fact of each metric for the report's own year, whole jurisdiction only."""
    chosen: dict[str, Fact] = {}
    for fact in report.facts:
        if fact.status == "target" and fact.period in (year, None) and fact.basis == "annual" and fact.metric \
                and not fact.scope and fact.metric not in chosen:
            chosen[fact.metric] = fact
    return list(chosen.values())


def relative_targets(report: Report, year: int) -> list[Fact]:
    """The report's relative targets for its own year ("城乡居民收入增长与经济增长同步"), whole jurisdiction only,
    each metric's relation to each reference once."""
    chosen: dict[tuple, Fact] = {}
    for fact in report.relative_targets:
        if fact.period in (year, None) and fact.basis == "annual" and fact.metric and not fact.scope:
            chosen.setdefault((fact.metric, (fact.relation or {}).get("to")), fact)
    return list(chosen.values())


def relative_verdicts(report: Report, follow: Report, n: int, results: dict[str, list[Fact]],
                      references: dict | None) -> list[Verdict]:
    """A verdict (kind `relative`) for each relative target of year N, with the figure it had to reach (the
    referenced figure plus the gap set) as the target value and the reference in `extra`."""
    out = []
    for target in relative_targets(report, n):
        verdict, result, conf, note, figures = judge_relative(target, results, n, references)
        v = _verdict(report, n, target.metric, verdict, kind="relative", target=target, result=result,
                     result_report=follow.id if result else None, confidence=conf, note=note)
        v.target_value, v.result_value = figures.get("target_value"), figures.get("result_value")
        v.unit = "%" if v.result_value is not None else None
        v.extra.update({k: figures[k] for k in ("reference", "reference_metric", "reference_value") if k in figures})
        out.append(v)
    return out


def reported_results(report: Report, year: int) -> dict[str, list[Fact]]:
    """Results for `year` stated in `report`, by metric, actual before estimate, in text order."""
    by_metric: dict[str, list[Fact]] = {}
    for fact in report.facts:
        if fact.status in RESULT_STATUSES and fact.period == year and fact.metric and not fact.scope \
                and not multi_year(fact):
            by_metric.setdefault(fact.metric, []).append(fact)
    for facts_of_metric in by_metric.values():
        facts_of_metric.sort(key=lambda f: RESULT_STATUSES.index(f.status))
    return by_metric


def absent_targets(report: Report) -> list[str]:
    return sorted(set(report.absent_targets))


def pair_target(target: Fact, candidates: list[Fact], *, source: str, convention: Convention = RESEARCH,
                year: int | None = None, references: dict | None = None) -> tuple[str, Fact | None, float, str]:
    """The verdict for one target against the results stated for its metric (the first like-with-like one); a
    relation target ("高于全省1个百分点") against the referenced figure (track/relation.py)."""
    if not candidates:
        return "not_reported", None, 0.8, "no result for this metric in the next report"
    if target.relation:
        note = "no figure to compare the relation with"
        for result in candidates:
            verdict, note, _ = judge_relation(target, result, year, references)
            if verdict != "not_comparable":
                return verdict, result, 0.85 if source != "communique" else 0.9, note
        return "not_comparable", candidates[0], 0.6, note
    for result in candidates:
        if comparable(target, result):
            verdict, note = judge(target, result, convention)
            return verdict, result, confidence(target, result, verdict, source=source), note
    return "not_comparable", candidates[0], 0.7, "result stated, but not as the same kind of figure"


def _verdict(report: Report, year: int, metric: str | None, verdict: str, **kw) -> Verdict:
    v = Verdict(region=report.meta.region, year=year, metric=metric, verdict=verdict, target_report=report.id,
                level=report.meta.level, province=report.meta.province, **kw)
    if v.target is not None and v.result is not None and (pair := comparable(v.target, v.result)):
        v.target_value, v.result_value, v.unit = pair[0].value, pair[1].value, pair[0].unit
        v.extra["kind"] = pair[0].kind
    elif v.target is not None and (own := quantities(v.target)):
        v.target_value, v.unit = own[0].value, own[0].unit  # no like-with-like result: still show the target
    return v


def work_reports_by_year(reports: list[Report]) -> tuple[dict[int, Report], list[tuple[int, Report]]]:
    """The annual work report judged for each year (the first one given) and the half-year reports."""
    by_year: dict[int, Report] = {}
    half_year: list[tuple[int, Report]] = []
    for report in reports:
        y = report_year(report)
        if y is None or report.meta.doc_type not in ("work_report", None):
            continue
        if report.meta.kind == "half_year":
            half_year.append((y, report))
        else:
            by_year.setdefault(y, report)
    return by_year, half_year


def track_series(reports: list[Report], *, year: int | None = None, convention: Convention = RESEARCH,
                 references: dict | None = None) -> list[Verdict]:
    """Verdicts for every main target of every year N whose year-N+1 report is in `reports`."""
    by_year, half_year = work_reports_by_year(reports)
    verdicts: list[Verdict] = []
    for n, report in half_year:  # a half-year report states the year's targets and its results so far
        if year is not None and n != year:
            continue
        results = reported_results(report, n)
        for target in main_targets(report, n):
            verdict, result, conf, note = pair_target(target, results.get(target.metric or "", []), source="same_report",
                                                     convention=convention, year=n, references=references)
            verdicts.append(_verdict(report, n, target.metric, verdict, target=target, result=result,
                                     result_report=report.id if result else None, confidence=conf * 0.8,
                                     source="same_report", note=note + " (half-year report)"))
    for n, report in sorted(by_year.items()):
        if (year is not None and n != year) or n + 1 not in by_year:
            continue
        follow = by_year[n + 1]
        results = reported_results(follow, n)
        targets = main_targets(report, n)
        for target in targets:
            verdict, result, conf, note = pair_target(target, results.get(target.metric or "", []), source="work_report",
                                                     convention=convention, year=n, references=references)
            verdicts.append(_verdict(report, n, target.metric, verdict, target=target, result=result,
                                     result_report=follow.id if result else None, confidence=conf, note=note))
        targeted = {t.metric for t in targets}
        for metric in absent_targets(report):
            if metric in targeted:
                continue
            found = results.get(metric, [])
            verdicts.append(_verdict(report, n, metric, "no_target", result=found[0] if found else None,
                                     result_report=follow.id if found else None, confidence=0.9,
                                     note="the report explicitly set no target for this metric"))
        verdicts += relative_verdicts(report, follow, n, results, references)
    return verdicts
