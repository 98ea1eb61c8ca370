"""The data tables of the extract stage (data/*), each loaded once (`rows`, cached) with importlib.resources."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of data/<name>, without comment lines (the header of metrics.tsv stays): the one loader of
    the stage's data files, each read once."""
    text = files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def units() -> dict[str, str]:
    return {r[0]: r[1] for r in rows("units.tsv")}


@cache
def unit_spellings() -> dict[str, str]:
    """Other spellings of a unit (μg/m3), each read as the unit units.tsv names (微克/立方米)."""
    return {r[0]: r[1] for r in rows("unit_spellings.tsv")}


@cache
def bounds() -> tuple[dict[str, str], dict[str, str]]:
    """(prefix word -> bound, suffix word -> bound)."""
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    for word, position, bound, *_ in rows("bounds.tsv"):
        (prefix if position == "prefix" else suffix)[word] = bound
    return prefix, suffix


@cache
def growth_verbs() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in rows("growth.tsv")}


def alternation(words) -> str:
    """A regex alternation, longest first so that '个百分点' wins over '个'."""
    import re

    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
