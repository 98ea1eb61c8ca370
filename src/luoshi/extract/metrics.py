"""The metric table (data/metrics.tsv): phrase -> metric id, longest alias wins, and unit compatibility."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .tables import rows
from .tables import units as _units


@dataclass(frozen=True)
class Metric:
    id: str
    name: str
    kind: str  # currency | count | percent | mass | concentration | ratio


@cache
def table() -> dict[str, Metric]:
    out = {}
    for r in rows("metrics.tsv")[1:]:
        out[r[0]] = Metric(r[0], r[1], r[3])
    return out


@cache
def aliases() -> dict[str, str]:
    """Every alias (and the name itself) -> metric id."""
    out: dict[str, str] = {}
    for r in rows("metrics.tsv")[1:]:
        for a in [r[1], *r[2].split("|")]:
            if a and not a.startswith("="):
                out.setdefault(normalise(a), r[0])
    return out


@cache
def whole_phrase_aliases() -> dict[str, str]:
    """Aliases written '=经济' in metrics.tsv: they name the metric only as the whole phrase ('经济增长5%')."""
    out: dict[str, str] = {}
    for r in rows("metrics.tsv")[1:]:
        for a in r[2].split("|"):
            if a.startswith("="):
                out[normalise(a[1:])] = r[0]
    return out


@cache
def alias_re() -> re.Pattern:
    """At every position, the longest alias starting there (a lookahead, so matches may overlap)."""
    return re.compile("(?=(" + "|".join(re.escape(a) for a in sorted(aliases(), key=len, reverse=True)) + "))")


WHOLE_PREFIX = re.compile(r"^(?:全国|全省|全市|全区|全县|全镇|全州|全盟|我国|我省|我市|我区|本市)")
NOT_AFTER = {"出口": "进", "高企": "农"}  # "进出口" is trade, not exports; "农高企" are agricultural firms


def normalise(phrase: str) -> str:
    """Fold the spelling variants of a phrase: full-width brackets, spaces."""
    return phrase.replace("（", "(").replace("）", ")").replace(" ", "").replace("\u3000", "")


@lru_cache(maxsize=8192)  # a memo of a pure function: phrases repeat across clauses and reports
def find(phrase: str, *, whole: bool = True) -> tuple[str, int, int] | None:
    """(metric id, start, end) of the longest alias in phrase (rightmost among equals), or None."""
    p = normalise(phrase)
    best: tuple[int, int, str] | None = None
    for m in alias_re().finditer(p):
        alias, i = m.group(1), m.start()
        if i and NOT_AFTER.get(alias[:2]) == p[i - 1]:
            continue
        if best is None or len(alias) >= best[1] - best[0]:
            best = (i, i + len(alias), aliases()[alias])
    if best is None:
        metric = whole_phrase_aliases().get(WHOLE_PREFIX.sub("", p)) if whole else None
        return (metric, len(p) - len(WHOLE_PREFIX.sub("", p)), len(p)) if metric else None
    return best[2], best[0], best[1]


COMPATIBLE = {
    "currency": {"currency"},
    "count": {"count"},
    "mass": {"mass"},
    "concentration": {"concentration"},
    "percent": {"%"},
    "ratio": {"energy", "%"},
}


def compatible(metric_id: str, unit: str | None) -> bool:
    """Can a value in this unit be a figure of the metric? (A currency metric never has a value in %.)"""
    if unit is None:
        return True
    kind = table()[metric_id].kind
    unit_kind = "%" if unit == "%" else _units().get(unit, "other")
    return unit_kind in COMPATIBLE.get(kind, {unit_kind})


def units() -> dict[str, str]:
    return _units()


def kind(metric_id: str | None) -> str | None:
    return table()[metric_id].kind if metric_id else None


@cache
def direction(metric: str | None) -> str:
    """"up" when more is better, "down" when a target is a ceiling (CPI, unemployment, energy intensity)."""
    for r in rows("metrics.tsv")[1:]:
        if r[0] == metric:
            return r[5] if len(r) > 5 and r[5] else "up"
    return "up"
