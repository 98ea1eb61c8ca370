"""Plausibility of single facts: growth and value within sane bounds for the metric, units that fit the metric.

Only whole-jurisdiction figures are checked (a park or a county inside the region may grow at any pace), every
status alike (a target of 80% GDP growth is as wrong as a result of 80%). Bounds: data/bounds.tsv; unit classes:
data/units.tsv.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .corpus import Corpus, record_failure_fields
from .model import Failure, Outcome
from .select import figure_text
from .tables import bounds, unit_classes


def _facts(corpus: Corpus) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(record, fact) for every whole-jurisdiction fact of a metric in data/bounds.tsv, in every report."""
    table = bounds()
    for r in corpus.records:
        for f in r.get("facts") or []:
            if f.get("metric") in table and not f.get("scope"):
                yield r, f


def _row(check: str, record: dict, fact: dict, why: str) -> Failure:
    return Failure(check, **record_failure_fields(record), metric=fact.get("metric"),
                   values=f"{figure_text(fact)} ({fact.get('status')}, {fact.get('period')})",
                   sentence=fact.get("sentence", ""), why=why)


def _outside(x: float, low: float | None, high: float | None) -> bool:
    return (low is not None and x < low) or (high is not None and x > high)


def growth_in_bounds(corpus: Corpus) -> Outcome:
    """An annual growth in % lies within the metric's bounds (data/bounds.tsv)."""
    out = Outcome()
    for r, f in _facts(corpus):
        b = bounds()[f["metric"]]
        if f.get("growth") is None or f.get("growth_unit") != "%" or (f.get("basis") or "annual") != "annual" \
                or (b.growth_min is None and b.growth_max is None):
            continue
        out.checked += 1
        figures = [f["growth"]] + ([f["high"]] if f.get("high") is not None else [])
        if any(_outside(x, b.growth_min, b.growth_max) for x in figures):
            out.failures.append(_row("growth_bounds", r, f, f"growth outside {b.growth_min:g}..{b.growth_max:g}% "
                                                            f"for {f['metric']}"))
    return out


def value_in_bounds(corpus: Corpus) -> Outcome:
    """A value in its class's base unit (元, %, 人 ...) lies within the metric's bounds (data/bounds.tsv)."""
    out = Outcome()
    for r, f in _facts(corpus):
        b = bounds()[f["metric"]]
        values = unit_classes().get(b.unit_class, (frozenset(), frozenset()))[0]
        if f.get("value") is None or f.get("unit") not in values or (f.get("basis") or "annual") == "cumulative" \
                or (b.value_min is None and b.value_max is None) or f.get("unit") == "美元":
            continue
        out.checked += 1
        if _outside(f["value"], b.value_min, b.value_max):
            low = "" if b.value_min is None else f"{b.value_min:g}"
            high = "" if b.value_max is None else f"{b.value_max:g}"
            out.failures.append(_row("value_bounds", r, f, f"value {f['value']:g}{f['unit']} outside {low}..{high} "
                                                           f"for {f['metric']}"))
    return out


def units_fit(corpus: Corpus) -> Outcome:
    """A value's unit and a growth's unit belong to the metric's unit class (GDP in 元, rates in %)."""
    out = Outcome()
    for r, f in _facts(corpus):
        cls = bounds()[f["metric"]].unit_class
        values, growths = unit_classes().get(cls, (frozenset(), frozenset()))
        wrong = []
        if f.get("unit") is not None:
            wrong += [f"value unit {f['unit']} is not a {cls} unit"] if f["unit"] not in values else []
        if f.get("growth_unit") is not None:
            wrong += [f"growth unit {f['growth_unit']} does not fit a {cls} metric"] \
                if f["growth_unit"] not in growths else []
        if f.get("unit") is None and f.get("growth_unit") is None:
            continue
        out.checked += 1
        if wrong:
            out.failures.append(_row("units_fit", r, f, "; ".join(wrong)))
    return out
