"""The clean texts of a database's canonical reports, held in memory for exact term counts in milliseconds.

Counting a term exactly means reading every text it may occur in. In SQL (`LENGTH - LENGTH(REPLACE(...))`) that
is one scan of the reports table per term: measured 0.11 s per 13 M characters with the file in the page cache,
about 1 s when it is not. A long-lived process (the web app) reads the texts once (0.1 s per 13 M characters)
and then counts with `str.count` (0.03 s per 13 M characters and term, the same non-overlapping count as
REPLACE), so a trends page over the whole corpus answers in tens of milliseconds. Memory: 2 bytes per
character of CJK text (Python's compact strings), about 26 MB per 13 M characters; `load` refuses a corpus over
`max_chars` and callers then count in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .search import FILTER_COLUMNS

COLUMNS = ("year", *FILTER_COLUMNS)  # what a trend groups or filters by: year, region, province, level, kind, doc_type
DEFAULT_MAX_CHARS = 200_000_000  # ~400 MB of strings: beyond this a long-lived process should not hold them


@dataclass(frozen=True)
class ReportTexts:
    """One entry per canonical report: its grouping columns, its character count (`n_chars`) and clean text."""

    columns: dict[str, tuple[Any, ...]]
    chars: tuple[int, ...]
    texts: tuple[str, ...]

    @classmethod
    def load(cls, store: Any, *, max_chars: int = DEFAULT_MAX_CHARS) -> ReportTexts | None:
        """The canonical reports' texts, or None when they add up to more than `max_chars` characters."""
        total = store.query("SELECT COALESCE(SUM(n_chars), 0) AS n FROM reports WHERE canonical_id IS NULL", [])
        if int(total[0]["n"]) > max_chars:
            return None
        rows = store.query(f"SELECT {', '.join(COLUMNS)}, n_chars, text FROM reports WHERE canonical_id IS NULL "
                           "ORDER BY id", [])
        return cls(columns={c: tuple(r[c] for r in rows) for c in COLUMNS},
                   chars=tuple(int(r["n_chars"] or 0) for r in rows),
                   texts=tuple(r["text"] or "" for r in rows))

    def __len__(self) -> int:
        return len(self.texts)

    def select(self, **filters: Any) -> list[int]:
        """Positions of the reports matching the filters of `luoshi.query.search.report_filters` (None ignored)."""
        keep: Sequence[int] = range(len(self.texts))
        for name in FILTER_COLUMNS:
            if filters.get(name) is not None:
                values = self.columns[name]
                keep = [i for i in keep if values[i] == filters[name]]
        years = self.columns["year"]
        for name, test in (("year", lambda y, v: y == v), ("year_from", lambda y, v: y >= v),
                           ("year_to", lambda y, v: y <= v)):
            if filters.get(name) is not None:
                wanted = int(filters[name])
                keep = [i for i in keep if years[i] is not None and test(years[i], wanted)]
        return list(keep)

    def count_by(self, needle: str, by: str, positions: Sequence[int]) -> dict[Any, int]:
        """Occurrences of `needle` (non-overlapping, as SQL's REPLACE counts them) per value of column `by`."""
        groups = self.columns[by]
        counts: dict[Any, int] = {}
        for i in positions:
            n = self.texts[i].count(needle)
            if n:
                counts[groups[i]] = counts.get(groups[i], 0) + n
        return counts

    def totals_by(self, by: str, positions: Sequence[int]) -> dict[Any, tuple[int, int]]:
        """(characters, reports) per value of column `by`."""
        groups = self.columns[by]
        totals: dict[Any, tuple[int, int]] = {}
        for i in positions:
            chars, reports = totals.get(groups[i], (0, 0))
            totals[groups[i]] = (chars + self.chars[i], reports + 1)
        return totals
