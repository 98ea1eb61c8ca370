"""The one loader of a stage's lexicon (<package>/data/lexicon.tsv), shared by the stages so that word classes are
read one way; stage-neutral (it imports no stage), so that parse, which runs before extract, never imports extract.

A row is `class<TAB>word`; a `# class: comment` line before a class says what its words do. `Lexicon.words(cls)`
gives a class's words in file order; `Lexicon.pattern(cls)` a regular expression alternation of them, longest first
(so that "省控" is tried before "省")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from . import data_file


@cache
def load(package: str, name: str = "lexicon.tsv") -> dict[str, tuple[str, ...]]:
    """class -> words (in file order) of <package>/data/<name>, read once."""
    return parse(data_file.text(package, name), f"{package}/data/{name}")


def parse(text: str, where: str) -> dict[str, tuple[str, ...]]:
    """class -> words of a lexicon's text; a row that is not `class<TAB>word` is an error naming the file and line."""
    out: dict[str, list[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            if len(cells) != 2 or not all(cells):
                raise ValueError(f"{where}:{n}: a lexicon row is class<TAB>word, not {line!r}")
            out.setdefault(cells[0], []).append(cells[1])
    return {k: tuple(v) for k, v in out.items()}


def alternation(words: Iterable[str]) -> str:
    """Words as a regex alternation, longest first (a stable sort: words of one length keep their order)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _pattern(package: str, cls: str) -> str:
    return alternation(load(package)[cls])


class Lexicon:
    """The lexicon of one stage's package: `words(cls)`, `pattern(cls)` (KeyError for a class it does not have)."""

    def __init__(self, package: str) -> None:
        self.package = package

    def classes(self) -> dict[str, tuple[str, ...]]:
        return load(self.package)

    def words(self, cls: str) -> tuple[str, ...]:
        """The words of one class, in file order."""
        return load(self.package)[cls]

    def pattern(self, cls: str) -> str:
        """The class as an alternation for a regular expression, longest word first."""
        return _pattern(self.package, cls)
