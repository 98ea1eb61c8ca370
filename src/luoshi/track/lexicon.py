"""The lexicon of the track stage: its word classes in one data file (data/lexicon.tsv), loaded by the shared loader
(luoshi.lexicon_file) as extract's and parse's are. Track reads extract only through its public names, so it keeps
its own classes.

`words(cls)` gives a class's words in file order; `pattern(cls)` a regular expression alternation of them, longest
first."""

from __future__ import annotations

from ..lexicon_file import Lexicon

LEXICON = Lexicon("luoshi.track")
lexicon = LEXICON.classes
words = LEXICON.words
pattern = LEXICON.pattern
