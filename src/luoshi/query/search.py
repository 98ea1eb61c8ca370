"""Full-text search over stored reports: ranked sentences with highlighted snippets and exact offsets.

    hits = search(store, "低空经济", year=2024, level="district", limit=20)
    hits[0]["report_id"], hits[0]["start"], hits[0]["matches"]   # offsets into reports.text

Each hit is one sentence; `start`/`end` are its offsets in the report's clean text and `matches` the [start, end)
offsets of every query term found in it, so a hit can be traced to the exact characters. SQLite ranks by FTS5's
bm25, PostgreSQL by ts_rank; both give whole-word matches more weight than substring-only ones.
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..store.search_index import ensure_index
from ..store.segment import folded_with_offsets
from .expr import Node, Term, parse, terms, to_fts5, to_tsquery

RANK_WINDOW = 1000  # SQLite: queries with more matches rank the last 1,000 stored by brevity (see _ranked_sqlite)
FILTER_COLUMNS = ("region", "province", "level", "kind", "doc_type")
HIT_COLUMNS = ("rank", "score", "report_id", "source", "title", "region", "province", "level", "year", "kind",
               "section", "role", "start", "end", "sentence", "snippet", "matches")


def report_filters(alias: str = "r", **filters: Any) -> tuple[list[str], list[Any]]:
    """SQL conditions (with `?`) on the reports table for the filters given; None values are ignored."""
    where: list[str] = []
    params: list[Any] = []
    for name in FILTER_COLUMNS:
        if filters.get(name) is not None:
            where.append(f"{alias}.{name} = ?")
            params.append(filters[name])
    if filters.get("year") is not None:
        where.append(f"{alias}.year = ?")
        params.append(int(filters["year"]))
    if filters.get("year_from") is not None:
        where.append(f"{alias}.year >= ?")
        params.append(int(filters["year_from"]))
    if filters.get("year_to") is not None:
        where.append(f"{alias}.year <= ?")
        params.append(int(filters["year_to"]))
    if filters.get("canonical_only"):
        where.append(f"{alias}.canonical_id IS NULL")
    return where, params


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0, role: str | None = None,
           words_only: bool = False, **filters: Any) -> list[dict[str, Any]]:
    """Ranked sentence hits for a query (see luoshi.query.expr for the syntax), best first.

    Filters: region, province, level, kind, doc_type, year, year_from, year_to, canonical_only, and `role` (the
    section role: review, problems, targets, plan, ...). `words_only` keeps only whole-word matches.
    """
    ensure_index(store)
    node = parse(query)
    where, params = report_filters("r", **filters)
    if role is not None:
        where.append("sec.role = ?")
        params.append(role)
    if store.dialect == "sqlite":
        ranked = _ranked_sqlite(store, node, where, params, limit, offset, words_only)
    else:
        ranked = _ranked_postgres(store, node, where, params, limit, offset, words_only)
    return [_hit(i + offset + 1, row, terms(node)) for i, row in enumerate(ranked)]


# Columns of a hit row, fetched only for the page of results (the sentence is cut out of reports.text in SQL).
DETAIL_SELECT = (
    "sp.report_id, sp.start, sp.\"end\", sp.section_idx, r.source, r.title, r.region, r.province, r.level, r.year, "
    "r.kind, sec.title AS section, sec.role, substr(r.text, sp.start + 1, sp.\"end\" - sp.start) AS sentence"
)
DETAIL_JOIN = ("JOIN reports r ON r.id = sp.report_id "
               "LEFT JOIN sections sec ON sec.report_id = sp.report_id AND sec.idx = sp.section_idx")


def _ranked_sqlite(store: Store, node: Node, where: list[str], params: list, limit: int, offset: int,
                   words_only: bool) -> list[dict]:
    cond = "".join(f" AND {w}" for w in where)
    joins = f" JOIN search_spans sp ON sp.id = search_fts.rowid {DETAIL_JOIN}" if where else ""
    match = to_fts5(node, words_only=words_only)
    # bm25 first counts the sentences holding each phrase (a full pass over its posting list) and then scores every
    # match: for 发展 (120,000 sentences of the bulk corpus) a quarter of a second. So a query with more than
    # RANK_WINDOW matches ranks the last RANK_WINDOW stored (found walking the index in rowid order, no scoring)
    # by brevity, the single-term bm25 order without its cost: the shortest sentences using the term come first.
    window = -(-(offset + limit) // RANK_WINDOW) * RANK_WINDOW  # the same window for every page within it
    cutoff = store.query(f"SELECT search_fts.rowid AS id FROM search_fts{joins} WHERE search_fts MATCH ?{cond} "
                         "ORDER BY search_fts.rowid DESC LIMIT 1 OFFSET ?", [match, *params, window - 1])
    if cutoff:
        inner = (f"SELECT search_fts.rowid AS id, (sp2.\"end\" - sp2.start) AS score FROM search_fts "
                 f"JOIN search_spans sp2 ON sp2.id = search_fts.rowid{joins} "
                 f"WHERE search_fts MATCH ? AND search_fts.rowid >= ?{cond} ORDER BY score, id LIMIT ? OFFSET ?")
        args = [match, cutoff[0]["id"], *params, limit, offset]
    else:
        inner = (f"SELECT search_fts.rowid AS id, bm25(search_fts, 4.0, 1.0, 1.0) AS score FROM search_fts{joins} "
                 f"WHERE search_fts MATCH ?{cond} ORDER BY score LIMIT ? OFFSET ?")
        args = [match, *params, limit, offset]
    # Rank the matching rowids first (cheap), then fetch details for the page only.
    sql = (f"WITH hits AS ({inner}) SELECT hits.score, {DETAIL_SELECT} FROM hits "
           f"JOIN search_spans sp ON sp.id = hits.id {DETAIL_JOIN} ORDER BY hits.score, sp.report_id, sp.start")
    rows = store.query(sql, args)
    for r in rows:  # higher is better: -bm25, or 1/length for the brevity order
        r["score"] = round(1 / max(r["score"], 1), 4) if cutoff else round(-r["score"], 4)
    return rows


def _ranked_postgres(store: Store, node: Node, where: list[str], params: list, limit: int, offset: int,
                     words_only: bool) -> list[dict]:
    cond = "".join(f" AND {w}" for w in where)
    match_col = "words" if words_only else "grams"
    sql = (f"SELECT ts_rank(sp.words, ?::tsquery) * 4 + ts_rank(sp.grams, ?::tsquery) AS score, {DETAIL_SELECT} "
           f"FROM search_spans sp {DETAIL_JOIN} WHERE sp.{match_col} @@ ?::tsquery{cond} "
           "ORDER BY score DESC, sp.report_id, sp.start LIMIT ? OFFSET ?")
    words_q, chars_q = to_tsquery(node, "words"), to_tsquery(node, "substring")
    rows = store.query(sql, [words_q, chars_q, words_q if words_only else chars_q, *params, limit, offset])
    for r in rows:
        r["score"] = round(float(r["score"]), 4)
    return rows


def find_matches(sentence: str, query_terms: list[Term]) -> list[tuple[int, int]]:
    """[start, end) offsets in `sentence` of every occurrence of each term (compared in folded form)."""
    folded, origin = folded_with_offsets(sentence)
    spans: set[tuple[int, int]] = set()
    for t in query_terms:
        needle = t.text.replace(" ", "")
        if not needle:
            continue
        pos = folded.find(needle)
        while pos >= 0:
            spans.add((origin[pos], origin[pos + len(needle) - 1] + 1))
            pos = folded.find(needle, pos + 1)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a < merged[-1][1]:  # overlapping (not merely adjacent) occurrences become one
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def highlight(sentence: str, matches: list[tuple[int, int]], *, open_mark: str = "【", close_mark: str = "】") -> str:
    out, pos = [], 0
    for a, b in matches:
        out += [sentence[pos:a], open_mark, sentence[a:b], close_mark]
        pos = b
    out.append(sentence[pos:])
    return "".join(out)


def _hit(rank: int, row: dict, query_terms: list[Term]) -> dict[str, Any]:
    sentence = row["sentence"] or ""
    local = find_matches(sentence, query_terms)
    return {
        "rank": rank, "score": row["score"], "report_id": row["report_id"], "source": row["source"],
        "title": row["title"], "region": row["region"], "province": row["province"], "level": row["level"],
        "year": row["year"], "kind": row["kind"], "section": row["section"], "role": row["role"],
        "section_idx": row["section_idx"], "start": row["start"], "end": row["end"], "sentence": sentence,
        "snippet": highlight(sentence, local),
        "matches": [[row["start"] + a, row["start"] + b] for a, b in local],
    }


def kwic(store: Store, term: str, *, width: int = 20, limit: int = 200, **filters: Any) -> list[dict[str, Any]]:
    """Keyword-in-context lines: `width` characters of the report text either side of each occurrence."""
    hits = search(store, term, limit=limit, **filters)
    lines = []
    ids = {h["report_id"] for h in hits}
    texts = {r["id"]: r["text"] for rid in ids for r in store.query("SELECT id, text FROM reports WHERE id = ?", (rid,))}
    for h in hits:
        text = texts.get(h["report_id"]) or ""
        for a, b in h["matches"]:
            lines.append({
                "report_id": h["report_id"], "region": h["region"], "year": h["year"], "section": h["section"],
                "start": a, "end": b, "left": text[max(0, a - width):a].replace("\n", " "),
                "keyword": text[a:b], "right": text[b:b + width].replace("\n", " "),
            })
            if len(lines) >= limit:
                return lines
    return lines
