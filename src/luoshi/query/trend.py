"""How often terms are used, per year, province or level: occurrences per 10,000 characters of report text.

The rate normalises for report length (a 40,000-character provincial report is not "more about" 就业 than a
10,000-character county one just for being long). Occurrences are substring counts in the clean text of the
reports the search index says contain the term (of every report, for a common term), so a term split by the
index's tokens is still counted exactly.
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..store.search_index import POS_BITS, ensure_index, pg_grams
from ..store.segment import normalize_query
from .expr import QueryError, parse, terms
from .search import report_filters
from .texts import ReportTexts

GROUPS = ("year", "province", "level", "region", "kind")
# A term found in at least COMMON_SHARE of a sample of SAMPLE_REPORTS reports is counted in every report's text
# directly: the index would list nearly every report anyway, and collecting their ids from hundreds of thousands
# of matching sentences took 2/3 of the time (发展 on 3,000 reports: 1.06 s -> 0.32 s).
SAMPLE_REPORTS = 40
COMMON_SHARE = 0.5


def trend(store: Store, words: list[str], *, by: str = "year", texts: ReportTexts | None = None,
          **filters: Any) -> list[dict[str, Any]]:
    """Rows {by, term, count, chars, reports, per_10k} for each term and each group value, in group order.

    `texts`: the canonical reports' texts already in memory (`ReportTexts.load`, for long-lived processes such as
    the web app); the counts are then made there instead of in SQL, with identical results. It requires
    `canonical_only=True`, the set it holds."""
    if by not in GROUPS:
        raise ValueError(f"--by must be one of {', '.join(GROUPS)}")
    if texts is not None:
        if not filters.get("canonical_only"):
            raise ValueError("in-memory texts hold the canonical reports only: pass canonical_only=True")
        positions = texts.select(**filters)
        totals = texts.totals_by(by, positions)
        counts = {word: texts.count_by(needle_of(word), by, positions) for word in words}
    else:
        totals, counts = _sql_counts(store, words, by, filters)
    rows = []
    for word in words:
        for grp, (chars, reports) in totals.items():
            n = counts[word].get(grp, 0)
            rows.append({by: grp, "term": word, "count": n, "chars": chars, "reports": reports,
                         "per_10k": round(n * 10000 / chars, 3) if chars else 0.0})
    rows.sort(key=lambda r: (r[by] is None, r[by] if r[by] is not None else "", words.index(r["term"])))
    return rows


def needle_of(word: str) -> str:
    """The exact string counted for a term: its first search term, folded (Traditional and full-width forms); a
    term that is not a search term (punctuation only: "');--") is counted as written, folded."""
    try:
        return "".join(t.text for t in terms(parse(word))[:1]) or normalize_query(word)
    except QueryError:
        return normalize_query(word)


def _sql_counts(store: Store, words: list[str], by: str,
                filters: dict[str, Any]) -> tuple[dict[Any, tuple[int, int]], dict[str, dict[Any, int]]]:
    """(characters, reports) per group, and per term its occurrences per group, counted by the database."""
    ensure_index(store)
    where, params = report_filters("r", **filters)
    cond = " WHERE " + " AND ".join(where) if where else ""
    totals = {t["grp"]: (int(t["chars"] or 0), int(t["reports"])) for t in store.query(
        f"SELECT r.{by} AS grp, SUM(r.n_chars) AS chars, COUNT(*) AS reports FROM reports r{cond} GROUP BY r.{by}",
        params)}
    counts = {}
    for word in words:
        needle = needle_of(word)
        match = _match_arg(store, word)
        if _common(store, needle, where, params):  # in most reports anyway: listing them through the index costs more than it saves
            candidates, candidate_params = "1 = 1", []
        else:
            candidates = f"r.id IN ({_containing(store)})"
            candidate_params = [match]
        counts[word] = {r["grp"]: int(r["n"] or 0) for r in store.query(
            f"SELECT r.{by} AS grp, SUM((LENGTH(r.text) - LENGTH(REPLACE(r.text, ?, ''))) / LENGTH(?)) AS n "
            f"FROM reports r WHERE {candidates}"
            + "".join(f" AND {w}" for w in where) + f" GROUP BY r.{by}",
            [needle, needle, *candidate_params, *params])}
    return totals, counts


def _common(store: Store, needle: str, where: list[str], params: list[Any]) -> bool:
    """Whether most of a small sample of the reports asked for contain the term (a bounded check, exact either way:
    it only chooses how the reports to count are found)."""
    find = "strpos(x.text, ?)" if store.dialect == "postgresql" else "instr(x.text, ?)"
    cond = " WHERE " + " AND ".join(where) if where else ""
    row = store.query(f"SELECT COUNT(*) AS n, SUM(CASE WHEN {find} > 0 THEN 1 ELSE 0 END) AS k FROM "
                      f"(SELECT r.text FROM reports r{cond} LIMIT ?) x", [needle, *params, SAMPLE_REPORTS])[0]
    return bool(row["n"]) and (row["k"] or 0) >= COMMON_SHARE * row["n"]


def _containing(store: Store) -> str:
    """SQL for the ids of the reports with a sentence the index finds for the term (a superset: counts are exact)."""
    if store.dialect == "sqlite":
        return (f"SELECT k.report_id FROM report_keys k WHERE k.num IN "
                f"(SELECT rowid >> {POS_BITS} FROM search_fts WHERE search_fts MATCH ?)")
    return f"SELECT DISTINCT sp.report_id FROM search_spans sp WHERE {pg_grams()} @@ ?::tsquery"


def _match_arg(store: Store, word: str) -> str:
    from .expr import to_fts5, to_tsquery

    node = parse(word)
    return to_fts5(node) if store.dialect == "sqlite" else to_tsquery(node, "substring")
