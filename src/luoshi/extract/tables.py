"""The data tables of the extract stage (data/*.tsv), loaded once with importlib.resources."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def rows(name: str) -> list[list[str]]:
    """Tab-separated rows of data/<name>, without comment lines and the header of metrics.tsv."""
    text = files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


@cache
def units() -> dict[str, str]:
    return {r[0]: r[1] for r in rows("units.tsv")}


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
