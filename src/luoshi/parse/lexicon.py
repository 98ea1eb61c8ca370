"""The lexicon of the parse stage: its word classes in one data file (data/lexicon.tsv), loaded by the shared loader
(luoshi.lexicon_file). Parse runs before extract, so it has its own lexicon and never reads extract's.

`words(cls)` gives a class's words in file order; `pattern(cls)` a regular expression alternation of them, longest
first."""

from __future__ import annotations

from ..lexicon_file import Lexicon

LEXICON = Lexicon("luoshi.parse")
lexicon = LEXICON.classes
words = LEXICON.words
pattern = LEXICON.pattern
