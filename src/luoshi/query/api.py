"""The Python API for notebooks: a Corpus over a luoshi database, every answer a pandas DataFrame.

    >>> import luoshi
    >>> corpus = luoshi.open("luoshi.db")                      # or "postgresql://user@host/db"
    >>> corpus.search("低空经济", year=2024).head()            # ranked sentences, offsets, snippets
    >>> corpus.facts(metric="gdp", status="target", province="江苏省")
    >>> corpus.series("苏州市", "general_budget_revenue")      # one value per year, with its source
    >>> corpus.trend(["就业", "新质生产力"], by="year")         # uses per 10,000 characters
    >>> corpus.compare("gdp", year=2024, by="region")
"""

from __future__ import annotations

from typing import Any, Self

import pandas as pd

from ..store import Store, open_store
from . import compare as _compare
from . import facts as _facts
from . import search as _search
from . import series as _series
from . import trend as _trend


class Corpus:
    """A luoshi database (SQLite file or PostgreSQL URL) with query methods returning DataFrames.

    Use as a context manager, or call `close()`, to release the connection.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        return f"<luoshi.Corpus {self.store.dialect}: {self.store.count()} reports>"

    def reports(self, **filters: Any) -> pd.DataFrame:
        """One row per report (no texts): `corpus.reports(province="江苏省", year_from=2020)`."""
        return pd.DataFrame(self.store.reports(**filters))

    def facts(self, metric: str | None = None, *, status: str | None = None, **filters: Any) -> pd.DataFrame:
        """One row per fact: `corpus.facts("gdp", status="target", year=2024)`; filters as `reports()` plus region."""
        return pd.DataFrame(_facts.facts(self.store, metric=metric, status=status, **filters),
                            columns=_facts.FACT_SELECT_COLUMNS)

    def search(self, query: str, *, limit: int = 50, **filters: Any) -> pd.DataFrame:
        """Ranked sentence hits: `corpus.search('就业 -青年', level="province", role="targets")`.

        Columns include report_id, start/end (the sentence's offsets in the clean text), matches (offsets of each
        term found), snippet (terms in 【】) and score.
        """
        return pd.DataFrame(_search.search(self.store, query, limit=limit, **filters))

    def count(self, query: str, *, cap: int = _search.COUNT_CAP, **filters: Any) -> dict[str, Any]:
        """Sentences `search` finds, counted up to `cap`: {"matches", "reports", "capped"} (capped: at least)."""
        return _search.count(self.store, query, cap=cap, **filters)

    def kwic(self, term: str, *, width: int = 20, limit: int = 200, **filters: Any) -> pd.DataFrame:
        """Keyword-in-context lines: left context, keyword, right context, with offsets."""
        return pd.DataFrame(_search.kwic(self.store, term, width=width, limit=limit, **filters))

    def trend(self, terms: str | list[str], *, by: str = "year", **filters: Any) -> pd.DataFrame:
        """Uses of each term per 10,000 characters, by year, province, level, region or kind (long format).

        Each report counts once (in its canonical copy) unless `canonical_only=False`."""
        words = [terms] if isinstance(terms, str) else list(terms)
        filters.setdefault("canonical_only", True)
        return pd.DataFrame(_trend.trend(self.store, words, by=by, **filters))

    def series(self, region: str, metric: str, *, status: str | None = None, **filters: Any) -> pd.DataFrame:
        """A region's values of a metric over the years: `corpus.series("苏州市", "gdp", status="actual")`."""
        return pd.DataFrame(_series.series(self.store, region, metric, status=status, **filters),
                            columns=_series.SERIES_COLUMNS)

    def compare(self, metric: str, *, year: int | None = None, by: str = "region", status: str | None = "actual",
                **filters: Any) -> pd.DataFrame:
        """One metric across regions (or provinces/levels) for a year: `corpus.compare("gdp", year=2024)`."""
        return pd.DataFrame(_compare.compare(self.store, metric, year=year, by=by, status=status, **filters))


def open_corpus(db: str | None = None) -> Corpus:
    """Open a luoshi database (path or postgresql:// URL; default $LUOSHI_DB or ./luoshi.db) as a Corpus."""
    return Corpus(open_store(db))
