"""The audit's data tables (data/*.tsv): sane bounds per metric and the units each class of metric may carry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import data_file


@dataclass(frozen=True)
class Bounds:
    metric: str
    unit_class: str
    growth_min: float | None
    growth_max: float | None
    value_min: float | None
    value_max: float | None


def _num(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


@cache
def bounds() -> dict[str, Bounds]:
    """metric -> its bounds (data/bounds.tsv; the first row is the header)."""
    out = {}
    for cells in data_file.rows(__package__, "bounds.tsv")[1:]:
        row = (*cells, *[""] * 6)[:6]
        out[row[0]] = Bounds(row[0], row[1], *(_num(c) for c in row[2:6]))
    return out


@cache
def unit_classes() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """class -> (units a value may carry, units a growth may carry) (data/units.tsv)."""
    return {cls: (frozenset(values.split("|")), frozenset(growths.split("|")))
            for cls, values, growths, *_ in data_file.rows(__package__, "units.tsv")}
