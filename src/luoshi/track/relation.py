"""Judging a target set relative to another jurisdiction or quantity ("增速高于全省1个百分点", "与全国同步").

The target is met when the result reaches the referenced figure (plus the gap it names). The referenced figure comes
from the result's own sentence when it states the gap achieved ("全省生产总值增长8.3%、高于全国1.4个百分点"), else
from `references` ({(to, year, metric): growth}: e.g. the national growth a communiqué gives); without either the
verdict is not_comparable.

A relative target of another metric (`Report.relative_targets`: "城乡居民收入增长与经济增长同步") is judged the same
way (`judge_relative`): its metric's result for year N against the referenced figure, which for a quantity of the same
report ("经济增长" -> gdp: extract's `reference_metric`) is that metric's result in the same next-year report.
"""

from __future__ import annotations

from ..extract import direction, find_relations, reference_metric
from ..models import Fact
from .verdict import RATE_EXCEED, RATE_TOLERANCE

SIGN = {"above": 1, "not_below": 1, "equal": 0, "below": -1, "not_above": -1}


def achieved_gap(result: Fact, to: str) -> float | None:
    """The gap to `to` in points that the result's sentence states, after the result's own figure."""
    at = result.sentence.find(result.value_text)
    for _, rel in find_relations(result.sentence[at + len(result.value_text):] if at >= 0 else result.sentence):
        if rel["to"] != to:
            continue
        if rel["comparison"] == "equal":
            return 0.0
        if "by" in rel and rel.get("by_unit") == "个百分点":
            return SIGN[rel["comparison"]] * rel["by"]
    return None


def judge_relation(target: Fact, result: Fact, year: int | None, references: dict | None) -> tuple[str, str, dict]:
    """(verdict, note, what was compared) for a relation target against one result of its metric."""
    rel = target.relation or {}
    to = rel.get("to", "")
    gap = achieved_gap(result, to)
    how = "stated in the result's sentence"
    rate = rate_of(result, target.metric)
    if gap is None and references and rate is not None:
        ref = references.get((to, year, target.metric))
        if ref is not None:
            gap, how = rate - ref, f"against {to} {ref:g}%"
    if gap is None:
        return "not_comparable", f"the figure of {to} it is set against is not in the corpus", {}
    want = SIGN[rel["comparison"]] * (rel.get("by") or 0.0)
    seen = {"gap": round(gap, 2), "wanted_gap": want}
    comparison = rel["comparison"]
    if comparison == "equal" and direction(target.metric) == "down":  # "CPI涨幅与全国持平": above it is no feat
        return ("met" if gap <= RATE_TOLERANCE else "missed"), f"gap {gap:+g} points ({how})", seen
    if comparison == "equal":
        return ("met" if abs(gap) <= RATE_TOLERANCE else "missed" if gap < 0 else "exceeded"), \
            f"gap {gap:+g} points ({how})", seen
    if comparison == "not_above":
        return ("met" if gap <= 0 else "missed"), f"gap {gap:+g} points ({how})", seen
    if comparison == "below":
        return ("met" if gap <= want else "missed"), f"gap {gap:+g} points against {want:+g} ({how})", seen
    if gap < want:
        return "missed", f"gap {gap:+g} points, below the {want:+g} set ({how})", seen
    if rel.get("by") and gap >= want + RATE_EXCEED:
        return "exceeded", f"gap {gap:+g} points, at least {RATE_EXCEED:g} above the {want:+g} set ({how})", seen
    return "met", f"gap {gap:+g} points, at least the {want:+g} set ({how})", seen


def rate_of(result: Fact, metric: str | None) -> float | None:
    """The rate a result gives in %: its growth, or for a metric where less is better its level in % ("居民消费价格
    涨幅2.1%", "城镇登记失业率3.5%": the rate itself)."""
    if result.growth is not None and result.growth_unit == "%":
        return result.growth
    if result.value is not None and result.unit == "%" and direction(metric) == "down":
        return result.value
    return None


def judge_relative(target: Fact, results: dict[str, list[Fact]], year: int | None,
                   references: dict | None) -> tuple[str, Fact | None, float, str, dict]:
    """(verdict, result, confidence, note, figures) for a relative target against the results of year N stated in
    one report (`results` by metric). A reference that is a quantity of the report ("经济增长") takes that metric's
    result in the same report; a jurisdiction ("全国") the `references` figures. `figures`: the reference, its
    figure, the figure the metric had to reach (the reference plus the gap set) and the result's."""
    rel = target.relation or {}
    to = rel.get("to", "")
    candidates = results.get(target.metric or "", [])
    refs = dict(references or {})
    named = reference_metric(to)
    if named is not None:
        ref_fact = next((f for f in results.get(named, []) if rate_of(f, named) is not None), None)
        refs.pop((to, year, target.metric), None)  # a quantity of this report: never another document's figure
        if ref_fact is not None:
            refs[(to, year, target.metric)] = rate_of(ref_fact, named)
    if not candidates:
        return "not_reported", None, 0.8, "no result for this metric in the next report", {"reference": to}
    note = "no figure to compare the relation with"
    for result in candidates:
        verdict, note, seen = judge_relation(target, result, year, refs)
        if verdict == "not_comparable":
            continue
        rate = rate_of(result, target.metric)
        figures = {"reference": to, "reference_metric": named}
        if rate is not None:
            ref = rate - seen["gap"]
            figures.update(result_value=rate, reference_value=round(ref, 2),
                           target_value=round(ref + seen["wanted_gap"], 2))
        return verdict, result, 0.8, note, figures
    return "not_comparable", candidates[0], 0.5, note, {"reference": to, "reference_metric": named}
