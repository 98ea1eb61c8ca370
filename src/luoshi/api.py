"""`luoshi.open(db)`: a stored corpus as a `Corpus` whose methods return pandas DataFrames (see luoshi.corpus).

pandas is imported on first use, so `import luoshi` stays light for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import Corpus


def open(db: str | None = None) -> Corpus:
    """Open a luoshi database (a SQLite path or a postgresql:// URL; default $LUOSHI_DB or ./luoshi.db).

    >>> import luoshi
    >>> corpus = luoshi.open("luoshi.db")
    >>> corpus.search("低空经济", year=2024).head()
    """
    from .corpus import open_corpus

    return open_corpus(db)
