"""The Corpus `luoshi.open` returns: the query stage's questions (luoshi.query.api) and the tracking stage's panel.

It sits above both stages, so neither imports the other.
"""

from __future__ import annotations

import pandas as pd

from .query.api import Corpus as QueryCorpus
from .store import open_store
from .store.fact_reports import MAIN_FACTS, reports_from_facts
from .track import RESEARCH, Convention, panel_frame


class Corpus(QueryCorpus):
    """A luoshi database with query methods and the research panel, every answer a pandas DataFrame."""

    def panel(self, *, metrics: list[str] | None = None, levels: list[str] | None = None,
              years: tuple[int, int] | None = None, convention: Convention = RESEARCH) -> pd.DataFrame:
        """One row per region, year and metric: target, result a year later, verdict, gap and the parent's target
        (docs/panel.md). `convention`: a `luoshi.track.Convention` (default: research practice).

        >>> corpus.panel(metrics=["gdp"], levels=["province"], years=(2010, 2024))
        """
        reports = reports_from_facts(self.store, facts_where=MAIN_FACTS)
        return panel_frame(reports, metrics=metrics, levels=levels, years=years, convention=convention)


def open_corpus(db: str | None = None) -> Corpus:
    """Open a luoshi database (path or postgresql:// URL; default $LUOSHI_DB or ./luoshi.db) as a Corpus."""
    return Corpus(open_store(db))
