"""The extract stage's small tables of the quantity grammar (data/units.tsv, unit_spellings.tsv, bounds.tsv,
growth.tsv) as the code uses them; read with luoshi.data_file, like every data file."""

from __future__ import annotations

from functools import cache

from .. import data_file


@cache
def units() -> dict[str, str]:
    return {r[0]: r[1] for r in data_file.rows(__package__, "units.tsv")}


@cache
def unit_spellings() -> dict[str, str]:
    """Other spellings of a unit (μg/m3), each read as the unit units.tsv names (微克/立方米)."""
    return {r[0]: r[1] for r in data_file.rows(__package__, "unit_spellings.tsv")}


@cache
def bounds() -> tuple[dict[str, str], dict[str, str]]:
    """(prefix word -> bound, suffix word -> bound)."""
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    for word, position, bound, *_ in data_file.rows(__package__, "bounds.tsv"):
        (prefix if position == "prefix" else suffix)[word] = bound
    return prefix, suffix


@cache
def growth_verbs() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in data_file.rows(__package__, "growth.tsv")}


def alternation(words) -> str:
    """A regex alternation, longest first so that '个百分点' wins over '个'."""
    import re

    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
