"""The lexicon: every word class of the extract stage in one data file (data/lexicon.tsv), loaded once.

A row is `class<TAB>word`; a comment line before a class says what its words do. `words(cls)` gives a class's words in file order; `pattern(cls)` a regular
expression alternation of them, longest first (so that "省控" is tried before "省")."""

from __future__ import annotations

import re
from functools import cache

from .tables import rows


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for r in rows("lexicon.tsv"):
        out.setdefault(r[0], []).append(r[1])
    return {k: tuple(v) for k, v in out.items()}


def words(cls: str) -> tuple[str, ...]:
    """The words of one class, in file order (KeyError for a class the lexicon does not have)."""
    return lexicon()[cls]


@cache
def pattern(cls: str) -> str:
    """The class as an alternation for a regular expression, longest word first."""
    return "|".join(re.escape(w) for w in sorted(words(cls), key=len, reverse=True))
