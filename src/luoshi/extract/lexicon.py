"""The lexicon: every word class of the extract stage in one data file (data/lexicon.tsv), loaded once by the shared
loader (luoshi.lexicon_file, which parse's lexicon uses too).

`words(cls)` gives a class's words in file order; `pattern(cls)` a regular expression alternation of them, longest
first (so that "省控" is tried before "省")."""

from __future__ import annotations

from ..lexicon_file import Lexicon

LEXICON = Lexicon("luoshi.extract")
lexicon = LEXICON.classes
words = LEXICON.words
pattern = LEXICON.pattern
