"""How often terms are used, per year, province or level: occurrences per 10,000 characters of report text.

The rate normalises for report length (a 40,000-character provincial report is not "more about" 就业 than a
10,000-character county one just for being long). Occurrences are substring counts in the clean text of the
reports the search index says contain the term, so a term split by the index's tokens is still counted exactly.
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from .expr import parse, terms
from .index import ensure_index
from .search import report_filters
from .segment import normalize_query

GROUPS = ("year", "province", "level", "region", "kind")


def trend(store: Store, words: list[str], *, by: str = "year", **filters: Any) -> list[dict[str, Any]]:
    """Rows {by, term, count, chars, reports, per_10k} for each term and each group value, in group order."""
    if by not in GROUPS:
        raise ValueError(f"--by must be one of {', '.join(GROUPS)}")
    ensure_index(store)
    where, params = report_filters("r", **filters)
    cond = " WHERE " + " AND ".join(where) if where else ""
    totals = store.query(f"SELECT r.{by} AS grp, SUM(r.n_chars) AS chars, COUNT(*) AS reports FROM reports r{cond} "
                         f"GROUP BY r.{by}", params)
    rows = []
    for word in words:
        needle = "".join(t.text for t in terms(parse(word))[:1]) or normalize_query(word)
        counts = {r["grp"]: int(r["n"] or 0) for r in store.query(
            f"SELECT r.{by} AS grp, SUM((LENGTH(r.text) - LENGTH(REPLACE(r.text, ?, ''))) / LENGTH(?)) AS n "
            f"FROM reports r WHERE r.id IN (SELECT DISTINCT sp.report_id FROM search_spans sp "
            f"WHERE {_contains(store)})"
            + "".join(f" AND {w}" for w in where) + f" GROUP BY r.{by}",
            [needle, needle, _match_arg(store, word), *params])}
        for t in totals:
            chars = int(t["chars"] or 0)
            n = counts.get(t["grp"], 0)
            rows.append({by: t["grp"], "term": word, "count": n, "chars": chars, "reports": t["reports"],
                         "per_10k": round(n * 10000 / chars, 3) if chars else 0.0})
    rows.sort(key=lambda r: (r[by] is None, r[by] if r[by] is not None else "", words.index(r["term"])))
    return rows


def _contains(store: Store) -> str:
    if store.dialect == "sqlite":
        return "sp.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)"
    return "sp.grams @@ ?::tsquery"


def _match_arg(store: Store, word: str) -> str:
    from .expr import to_fts5, to_tsquery

    node = parse(word)
    return to_fts5(node) if store.dialect == "sqlite" else to_tsquery(node, "substring")
