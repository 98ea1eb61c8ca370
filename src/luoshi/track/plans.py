"""Commitments of year N ("新增公共停车位2万个") against the evidence in year N+1's review.

Only the commitments worth tracking are judged (commitments.why_not_tracked). Objects match head-final: through
synonym groups (data/objects.tsv) with the same qualifier, or one key ending the other; quantities must share a unit;
a total is not compared with an addition, nor starts with completions. The confidence follows the object match.
Method and figures: docs/track.md.
"""

from __future__ import annotations

import re

from ..models import Fact, Report
from .commitments import (
    action_of,
    clause_before,
    object_class,
    review_text,
    stage_of,
    superseded_aims,
    why_not_tracked,
)
from .lexicon import pattern, words
from .objects import fact_key, match_score, mentioned, several_kinds
from .pairing import multi_year, report_year
from .verdict import Verdict

STOCK_WORDS = f"(?:{pattern('stock_words')})"
ADDITION_RE = re.compile(pattern("addition_words"))


def candidates(report: Report, year: int) -> list[Fact]:
    """The report's extracted plan facts for its year that have an object (candidates for commitments)."""
    return [f for f in report.facts if f.status == "plan" and f.period in (year, None) and f.object]


def _evidence(report: Report, year: int) -> list[Fact]:
    """Results of the reviewed year stated in the next report, not totals over several years ("五年来…")."""
    return [f for f in report.facts if f.status in ("actual", "estimate") and f.period in (year, None)
            and not multi_year(f)]


def _is_stock(fact: Fact) -> bool:
    """A total ("累计", "达到1.7万家", "总数") rather than the year's addition."""
    return fact.action in words("stock_actions") or bool(
        re.search(STOCK_WORDS + r"[^，。；、]{0,4}" + re.escape(fact.value_text), fact.sentence))


def _is_total(fact: Fact) -> bool:
    """A total as reported ("高标准农田达到35.1万亩", "累计建成…"), not an addition stated with "达" ("新增就业达10万人")."""
    clause = clause_before(fact)
    return "累计" in clause or (_is_stock(fact) and not ADDITION_RE.search(clause))


def judge_commitment(plan: Fact, evidence: list[Fact], *, in_review: bool = False) -> tuple[str, Fact | None, float, str]:
    """met / exceeded (≥110 %) / partly (≥50 %) / missed (20-50 %) / not_reported / not_comparable, the evidence,
    a confidence that follows how surely the evidence is about the same object, and the rule that decided.

    `in_review`: the object is found as a phrase in the next year's review (a not_reported is then less sure).
    """
    key = fact_key(plan)
    scored = [(score, e) for e in evidence if key and (score := match_score(plan, e)) > 0]
    if not scored:
        if in_review:
            return "not_reported", None, 0.6, "object named in the next review, but with no figure found"
        return "not_reported", None, 0.8, "object not named in the next review"
    same_unit = [(s, e) for s, e in scored if e.unit == plan.unit and e.value is not None]
    if not same_unit or plan.value is None:
        return "not_comparable", max(scored, key=lambda se: se[0])[1], 0.5, "object reported, in another unit"
    score, best = min(same_unit, key=lambda se: (-se[0], _is_total(se[1])))  # best match, additions first, text order
    how = "same object" if score == 1 else f"object match {score:.0%}"
    conf = 0.5 + 0.4 * score
    ratio = (best.value or 0) / plan.value if plan.value else 0
    if _is_stock(plan) and not _is_total(best) and ratio < 1:
        return "not_comparable", best, 0.4, "a total committed, an addition reported"
    if _is_total(best) and not _is_stock(plan):
        return "not_comparable", best, 0.4, "an addition committed, a total reported"  # "高标准农田达到35.1万亩"
    if {stage_of(plan), stage_of(best)} == {"start", "finish"}:
        return "not_comparable", best, 0.4, "one counts starts (开工), the other completions (建成)"
    if ratio >= 3:  # "新增城镇就业28.6万人" in "过去五年工作回顾" against 4.5万: far more often than a real overshoot
        return "not_comparable", best, 0.3, "three times the commitment or more: a total or a wider scope, most likely"
    if several_kinds(plan) and not several_kinds(best):
        conf -= 0.1
        how += ", several kinds committed together"
    conf = round(max(conf, 0.1), 2)
    if ratio >= 1.1:
        return "exceeded", best, conf, how
    if ratio >= 1:
        return "met", best, conf, how
    if ratio < 0.2:
        return "not_comparable", best, 0.3, "under 20 % of the commitment: most likely a total against an addition"
    return ("partly" if ratio >= 0.5 else "missed"), best, conf, how


def track_plans(reports: list[Report], *, year: int | None = None, worth_only: bool = True) -> list[Verdict]:
    """Verdicts for each quantified commitment of year N whose year-N+1 report is present.

    worth_only: keep only the commitments worth tracking (commitments.why_not_tracked); False judges every plan
    fact with an object, as before the filter (for measurement).
    """
    by_year = {y: r for r in reports if (y := report_year(r)) is not None}
    verdicts = []
    for n, report in sorted(by_year.items()):
        if (year is not None and n != year) or n + 1 not in by_year:
            continue
        follow = by_year[n + 1]
        evidence = _evidence(follow, n)
        review = review_text(follow)
        plans = candidates(report, n)
        superseded = superseded_aims(plans)
        for i, plan in enumerate(plans):
            key = fact_key(plan)
            in_review = mentioned(key, review)
            if worth_only and why_not_tracked(plan, n, key, in_review, superseded=i in superseded):
                continue
            verdict, found, conf, note = judge_commitment(plan, evidence, in_review=in_review)
            verdicts.append(Verdict(region=report.meta.region, year=n, metric=key or plan.object, verdict=verdict,
                                    kind="plan", target=plan, result=found, target_report=report.id,
                                    result_report=follow.id if found else None, target_value=plan.value,
                                    result_value=found.value if found else None, unit=plan.unit, confidence=conf,
                                    note=note, level=report.meta.level, province=report.meta.province,
                                    extra={"object_class": object_class(plan.object), "action": action_of(plan)}))
    return verdicts
