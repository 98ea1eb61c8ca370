"""Loading the stage's data files (module-level constants, read once)."""

from __future__ import annotations

from functools import cache
from importlib import resources


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of data/<name>."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def hanzi_freq() -> dict[str, int]:
    out: dict[str, int] = {}
    for ln in data_lines("hanzi_freq.tsv"):
        ch, n = ln.split("\t")
        out[ch] = int(n)
    return out
