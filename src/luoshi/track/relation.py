"""Judging a target set relative to another jurisdiction or quantity ("增速高于全省1个百分点", "与全国同步").

The target is met when the result reaches the referenced figure (plus the gap it names). The referenced figure comes
from the result's own sentence when it states the gap achieved ("全省生产总值增长8.3%、高于全国1.4个百分点"), else
from `references` ({(to, year, metric): growth}: e.g. the national growth a communiqué gives); without either the
verdict is not_comparable.
"""

from __future__ import annotations

from ..extract import find_relations
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
    if gap is None and references and result.growth is not None and result.growth_unit == "%":
        ref = references.get((to, year, target.metric))
        if ref is not None:
            gap, how = result.growth - ref, f"against {to} {ref:g}%"
    if gap is None:
        return "not_comparable", f"the figure of {to} it is set against is not in the corpus", {}
    want = SIGN[rel["comparison"]] * (rel.get("by") or 0.0)
    seen = {"gap": round(gap, 2), "wanted_gap": want}
    comparison = rel["comparison"]
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
