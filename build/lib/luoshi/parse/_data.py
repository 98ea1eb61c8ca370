"""Loading the parse stage's data files once (importlib.resources; module-level caches)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file."""
    text = files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def data_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of a data file."""
    return tuple(tuple(line.split("\t")) for line in data_lines(name))
