"""Full-text search over stored reports: ranked sentences with highlighted snippets and exact offsets.

    hits = search(store, "低空经济", year=2024, level="district", limit=20)
    hits[0]["report_id"], hits[0]["start"], hits[0]["matches"]   # offsets into reports.text

Each hit is one sentence; `start`/`end` are its offsets in the report's clean text and `matches` the [start, end)
offsets of every query term found in it, so a hit can be traced to the exact characters. SQLite ranks by FTS5's
bm25, PostgreSQL by ts_rank; both give whole-word matches more weight than substring-only ones.
"""

from __future__ import annotations

import math
from typing import Any

from ..store import Store
from ..store.search_index import POS_BITS, WINDOW_LEVELS, ensure_index, pg_grams, span_join, window_lexemes
from ..store.segment import fold, folded_with_offsets, word_tokens
from ..store.sqlite import SQLiteStore
from .expr import Any as AnyOf
from .expr import Node, Term, needle, parse, sentence_matches, terms, to_fts5, to_tsquery, ts_lexeme, word_hits

RANK_WINDOW = 1000  # SQLite: queries with more matches rank the last 1,000 stored by brevity (see _ranked_sqlite)
# SQLite: bm25 needs every match's sentence, so each report's text (~0.1 ms a report): matches in more reports than
# this are ranked by brevity too (at 3,000 reports, 低空经济's 486 matches in as many reports took 110 ms to score)
SCORE_REPORTS = 100
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
# The section through its table (section_rows, keyed by report number since schema version 100): a LEFT JOIN of
# the view `sections` would make SQLite build the whole view first.
SECTION_JOIN = ("LEFT JOIN report_keys rk ON rk.report_id = sp.report_id "
                "LEFT JOIN section_rows sec ON sec.report_num = rk.num AND sec.idx = sp.section_idx")
DETAIL_JOIN = f"JOIN reports r ON r.id = sp.report_id {SECTION_JOIN}"
# SQLite: a hit's row in sentence_rows (sp) and its report key (spk), see search_index.span_join.
SQLITE_SECTION_JOIN = "LEFT JOIN section_rows sec ON sec.report_num = sp.report_num AND sec.idx = sp.section_idx"
SQLITE_DETAIL = (f"SELECT {DETAIL_SELECT.replace('sp.report_id', 'spk.report_id')} FROM sentence_rows sp "
                 "JOIN report_keys spk ON spk.num = sp.report_num JOIN reports r ON r.id = spk.report_id "
                 f"{SQLITE_SECTION_JOIN} WHERE sp.report_num = ? AND sp.pos = ?")


def _ranked_sqlite(store: Store, node: Node, where: list[str], params: list, limit: int, offset: int,
                   words_only: bool) -> list[dict]:
    """The index (search_fts) gives candidate sentences, newest first; the text decides (see `to_fts5`).

    Ranking: RANK_WINDOW candidates or more, or candidates in more than SCORE_REPORTS reports → the last RANK_WINDOW
    stored, shortest first (bm25's single-term order without its cost), checked against their text only as far as
    the page asked for; else → all checked, then
    `score_rows`: bm25 computed on the sentences with whole words weighted 4 (as the words column of index version
    6 was). A query whose every term is one token of the index (one or two Chinese characters, a word of letters)
    needs no check: its candidates are its matches. `words_only` checks every candidate's words (jieba), newest
    first, until RANK_WINDOW match: the slow path, as the index holds no words.
    """
    cond = "".join(f" AND {w}" for w in where)
    joins = f" {span_join()}"
    if where:
        joins += " JOIN reports r ON r.id = spk.report_id" + (f" {SQLITE_SECTION_JOIN}" if "sec." in cond else "")
    sql = (f'SELECT search_fts.rowid AS id, spk.report_id, sp.start, sp."end" FROM search_fts{joins} '
           f"WHERE search_fts MATCH ?{cond} ORDER BY search_fts.rowid DESC")
    window = -(-(offset + limit) // RANK_WINDOW) * RANK_WINDOW  # the same window for every page within it
    texts = _Texts(store)
    if words_only:
        spans, full = _checked(store, node, sql, [to_fts5(node), *params], window, texts)
        checked = True
    else:
        spans = [(r["id"], r["report_id"], r["start"], r["end"]) for r in store.query(f"{sql} LIMIT ?",
                                                                                       [to_fts5(node), *params, window])]
        full, checked = len(spans) >= window, exact(node)
    if full or (not words_only and len({r[1] for r in spans}) > SCORE_REPORTS):  # brevity: shortest, then oldest
        ranked = sorted(spans, key=lambda r: (r[3] - r[2], r[0]))
        if not checked:
            ranked = _first_matching(node, ranked, offset + limit, texts)
        scores = {i: 1 / max(b - a, 1) for i, _, a, b in ranked}
    else:
        texts.load({r[1] for r in spans})
        if not checked:
            spans = [r for r in spans if sentence_matches(node, fold(texts.cut(*r[1:])))]
        scores = score_rows(store, node, [(i, texts.cut(rid, a, b)) for i, rid, a, b in spans], words_only)
        ranked = sorted(spans, key=lambda r: (-scores[r[0]], r[1], r[2]))
    page = ranked[offset:offset + limit]
    details = {r["id"]: r for r in _details(store, [r[0] for r in page])}
    out = []
    for i, *_ in page:
        row = details[i]
        row.pop("id")
        row["score"] = round(scores[i], 4)
        out.append(row)
    return out


COUNT_CAP = 1000  # matches counted up to this, "1,000+" beyond (see docs/query.md: counting to 10,000 cost 20-170 ms)
COUNT_TEXTS = 200  # a count that checks candidates on their text reads at most this many reports' texts (~0.1 ms each)
COUNT_BLOCK = 5000  # candidates read from the index at once when they are checked on their text
COUNT_BATCH = 32  # reports whose candidates are checked together (one query for their texts)
COUNT_KEYS = 256  # candidate reports whose filters are looked up at once
COUNT_FILTERS = {*FILTER_COLUMNS, "year", "year_from", "year_to", "canonical_only"}


def count(store: Store, query: str, *, cap: int = COUNT_CAP, **filters: Any) -> dict[str, Any]:
    """How many sentences `search` finds for a query, counted up to `cap`: {"matches", "reports", "capped"}.

    `capped`: counting stopped before the candidates ran out, so `matches` is a lower bound (cap, or what a
    checked count found within COUNT_TEXTS texts); `reports` is then the reports of the matches counted, not of all.
    Filters as `search` (no `role`). A query the index decides alone counts in SQL; any other checks its
    candidates on their text, grouped by report, reports with the most candidates first (the fewest texts to read).
    """
    unknown = set(filters) - COUNT_FILTERS
    if unknown:
        raise TypeError(f"count() got unexpected filters: {', '.join(sorted(unknown))}")
    ensure_index(store)
    node = parse(query)
    where, params = report_filters("r", **filters)
    cond = "".join(f" AND {w}" for w in where)
    if store.dialect != "sqlite":  # tsquery phrases with positions: the index decides every query
        inner = ("SELECT sp.report_id AS num FROM search_spans sp JOIN reports r ON r.id = sp.report_id "
                 f"WHERE {pg_grams()} @@ ?::tsquery{cond} LIMIT ?")
        return _counted(store, inner, [to_tsquery(node, "substring"), *params, cap + 1], cap)
    if exact(node):
        joins = (f" JOIN report_keys k ON k.num = (search_fts.rowid >> {POS_BITS}) JOIN reports r ON r.id = k.report_id"
                 if where else "")
        inner = f"SELECT search_fts.rowid >> {POS_BITS} AS num FROM search_fts{joins} WHERE search_fts MATCH ?{cond} LIMIT ?"
        return _counted(store, inner, [to_fts5(node), *params, cap + 1], cap)
    return _count_checked(store, node, cond, params, cap)


def _counted(store: Store, inner: str, args: list, cap: int) -> dict[str, Any]:
    row = store.query(f"SELECT COUNT(*) AS n, COUNT(DISTINCT h.num) AS reports FROM ({inner}) h", args)[0]
    n = int(row["n"] or 0)
    return {"matches": min(n, cap), "reports": int(row["reports"] or 0), "capped": n > cap}


def _count_checked(store: Store, node: Node, cond: str, params: list, cap: int) -> dict[str, Any]:
    """`count` for a query whose candidates need their text: index blocks newest first, each block's reports in
    order of their candidates (most first), every candidate of a report checked once its text is read."""
    assert isinstance(store, SQLiteStore), "the FTS5 candidates are SQLite's"
    conn = store.conn
    fts = to_fts5(node)
    # CROSS JOIN keeps SQLite from reading every canonical report through reports_canonical_year (330 ms a batch)
    keys = ("SELECT k.num, k.report_id FROM report_keys k"
            + (" CROSS JOIN reports r ON r.id = k.report_id" if cond else "") + " WHERE k.num IN ({}){}")
    spans = 'SELECT start, "end" FROM sentence_rows WHERE report_num = ? AND pos IN ({})'
    mask = (1 << POS_BITS) - 1
    texts = _Texts(store)
    matches, reports, before = 0, set[int](), None
    while True:
        block = [r[0] for r in conn.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?" + (" AND rowid < ?" if before is not None else "")
            + " ORDER BY rowid DESC LIMIT ?", [fts, *([before] if before is not None else []), COUNT_BLOCK])]
        if not block:
            break
        before = block[-1]
        found: dict[int, list[int]] = {}
        for rowid in block:
            found.setdefault(rowid >> POS_BITS, []).append(rowid & mask)
        order = sorted(found, key=lambda num: -len(found[num]))  # stable: newest first among equals
        for k in range(0, len(order), COUNT_KEYS):
            chunk = order[k:k + COUNT_KEYS]
            allowed = dict(conn.execute(keys.format(", ".join("?" * len(chunk)), cond), [*chunk, *params]).fetchall())
            kept = [num for num in chunk if num in allowed]
            for j in range(0, len(kept), COUNT_BATCH):
                if len(texts.texts) >= COUNT_TEXTS:
                    return {"matches": matches, "reports": len(reports), "capped": True}
                batch = kept[j:j + COUNT_BATCH]
                texts.load({allowed[num] for num in batch})
                for num in batch:
                    rid, pos = allowed[num], found[num]
                    for start, end in conn.execute(spans.format(", ".join("?" * len(pos))), [num, *pos]):
                        if sentence_matches(node, fold(texts.cut(rid, start, end))):
                            matches += 1
                            reports.add(num)
                            if matches > cap:
                                return {"matches": cap, "reports": len(reports), "capped": True}
        if len(block) < COUNT_BLOCK:
            break
    return {"matches": matches, "reports": len(reports), "capped": False}


def _first_matching(node: Node, ranked: list[tuple], n: int, texts: _Texts) -> list[tuple]:
    """The first `n` ranked candidates whose sentence matches (each checked on its text, in rank order)."""
    out = []
    for r in ranked:
        if sentence_matches(node, fold(texts.cut(*r[1:]))):
            out.append(r)
            if len(out) >= n:
                break
    return out


class _Texts:
    """Report texts fetched once each (a sentence is a slice of its report's clean text): SQLite's substr would
    load the whole text for every sentence cut from it."""

    def __init__(self, store: Store):
        self.store = store
        self.texts: dict[str, str] = {}

    def load(self, rids: set[str]) -> None:
        todo = [r for r in rids if r not in self.texts]
        for k in range(0, len(todo), 500):
            chunk = todo[k:k + 500]
            self.texts.update({r["id"]: r["text"] or "" for r in self.store.query(
                f"SELECT id, text FROM reports WHERE id IN ({', '.join('?' * len(chunk))})", chunk)})

    def cut(self, rid: str, start: int, end: int) -> str:
        if rid not in self.texts:
            self.load({rid})
        return self.texts.get(rid, "")[start:end]


CHECK_CHUNK = 256  # candidates fetched at once while checking them against their text


def exact(node: Node) -> bool:
    """Whether the index alone decides the query: every term is a single token of it (`to_fts5`)."""
    if isinstance(node, Term):
        return node.substring[1] == [needle(node)]
    if isinstance(node, AnyOf):
        return all(exact(p) for p in node.parts)
    return all(exact(p) for p in (*node.positive, *node.negative))


def _checked(store: Store, node: Node, sql: str, args: list, window: int, texts: _Texts) -> tuple[list[tuple], bool]:
    """Candidates whose words match (`words_only`), newest first, until `window` match: (spans, full)."""
    assert isinstance(store, SQLiteStore), "the FTS5 candidates are SQLite's: PostgreSQL ranks in _ranked_postgres"
    cur = store.conn.execute(sql, args)
    out: list[tuple] = []
    try:
        while len(out) < window:
            chunk = cur.fetchmany(CHECK_CHUNK)
            if not chunk:
                return out, False
            texts.load({c[1] for c in chunk})
            for rowid, rid, a, b in chunk:
                folded = fold(texts.cut(rid, a, b))
                if sentence_matches(node, folded, word_tokens(folded, folded=True)):
                    out.append((rowid, rid, a, b))
                    if len(out) >= window:
                        break
    finally:
        cur.close()
    return out, True


def _details(store: Store, ids: list[int]) -> list[dict]:
    """The hit rows of a page of index row ids (each looked up by its key: report_num, pos)."""
    out = []
    for i in ids:
        for r in store.query(SQLITE_DETAIL, (i >> POS_BITS, i & ((1 << POS_BITS) - 1))):
            out.append({"id": i, **r})
    return out


def _indexed_rows(store: Store, fallback: int) -> int:
    """Rows in the index: the first varint of FTS5's averages record (search_fts_data id 1), without a count."""
    rows = store.query("SELECT block FROM search_fts_data WHERE id = 1")
    block = bytes(rows[0]["block"]) if rows and rows[0]["block"] else b""
    n = 0
    for i, byte in enumerate(block[:9]):
        if i == 8:
            return (n << 8) | byte
        n = (n << 7) | (byte & 0x7F)
        if byte < 0x80:
            return n
    return fallback


K1, B = 1.2, 0.75  # FTS5's bm25 constants
WORD_WEIGHT = 4.0  # a whole-word occurrence counts 4 times a substring one (the words column's weight before)
AVG_TOKENS = 75.0  # mean tokens per sentence in the three streams bm25 counted (words, chars, pairs) on the corpus


def score_rows(store: Store, node: Node, rows: list[tuple[int, str]], words_only: bool) -> dict[int, float]:
    """bm25 per sentence ({id: score}, higher is better) as FTS5 computed it over index version 6's columns, from
    the text: each term is two phrases, its substring occurrences (weight 1) and its whole-word runs (weight 4,
    the only one with `words_only`). The document frequency of a phrase is counted among these rows, the row
    count is the index's; the length is the sentence's words plus twice its characters, over AVG_TOKENS."""
    query_terms = terms(node)
    total = _indexed_rows(store, len(rows)) or len(rows)
    stats = []
    for rowid, sentence in rows:
        folded = fold(sentence or "")
        words = word_tokens(folded, folded=True)
        length = len(words) + 2 * len(folded)  # the characters and pairs streams: about two tokens a character
        freqs = []
        for t in query_terms:
            sub = 0 if words_only else _count(folded, needle(t))
            freqs.append((sub, WORD_WEIGHT * word_hits(t, words)))
        stats.append((rowid, length, freqs))
    n_sub = [sum(1 for _, _, f in stats if f[k][0]) for k in range(len(query_terms))]
    n_word = [sum(1 for _, _, f in stats if f[k][1]) for k in range(len(query_terms))]
    scores = {}
    for rowid, length, freqs in stats:
        norm = K1 * (1 - B + B * length / AVG_TOKENS)
        score = 0.0
        for k, (sub, word) in enumerate(freqs):
            for f, n in ((sub, n_sub[k]), (word, n_word[k])):
                if f:
                    score += _idf(total, n) * f * (K1 + 1) / (f + norm)
        scores[rowid] = round(score, 4)
    return scores


def _idf(total: int, n: int) -> float:
    idf = math.log((total - n + 0.5) / (n + 0.5))
    return idf if idf > 0 else 1e-6


def _count(text: str, sub: str) -> int:
    """Occurrences of sub in text, overlapping ones included (as a phrase of pairs matched them)."""
    n, pos = 0, text.find(sub)
    while pos >= 0 and sub:
        n, pos = n + 1, text.find(sub, pos + 1)
    return n


def _ranked_postgres(store: Store, node: Node, where: list[str], params: list, limit: int, offset: int,
                     words_only: bool) -> list[dict]:
    """As on SQLite, only what is returned is ranked: the newest RANK_WINDOW matches (ids, from the GIN index), then
    ts_rank (words weighted 4) over those when they are all the matches, else brevity; details for the page only.
    Ranking every match before the limit took 5.4 s (p95) at 1,000 reports."""
    cond = "".join(f" AND {w}" for w in where)
    joins = f" JOIN reports r ON r.id = sp.report_id {SECTION_JOIN}" if where else ""
    words_q, chars_q = to_tsquery(node, "words"), to_tsquery(node, "substring")
    window = -(-(offset + limit) // RANK_WINDOW) * RANK_WINDOW
    if words_only:  # the words index has no id windows (the slow path, as on SQLite)
        found = store.query(f'SELECT sp.id, sp.report_id, sp.start, sp."end" - sp.start AS n FROM search_spans sp'
                            f"{joins} WHERE sp.words @@ ?::tsquery{cond} ORDER BY sp.id DESC LIMIT ?",
                            [words_q, *params, window])
    else:
        found = newest_matches(store, chars_q, joins, cond, params, window)
    if len(found) >= window:  # brevity: shortest first, then oldest stored
        scores = {r["id"]: 1 / max(r["n"], 1) for r in found}
        ranked = sorted(found, key=lambda r: (r["n"], r["id"]))
    else:
        ids = [r["id"] for r in found]
        scores = {r["id"]: float(r["score"]) for r in store.query(
            "SELECT sp.id, ts_rank(sp.words, ?::tsquery) * 4 + ts_rank(sp.grams, ?::tsquery) AS score "
            "FROM search_spans sp WHERE sp.id = ANY(?)", [words_q, chars_q, ids])} if ids else {}
        ranked = sorted(found, key=lambda r: (-scores[r["id"]], r["report_id"], r["start"]))
    page = [r["id"] for r in ranked[offset:offset + limit]]
    details = {r["id"]: r for r in store.query(
        f"SELECT sp.id, {DETAIL_SELECT} FROM search_spans sp {DETAIL_JOIN} WHERE sp.id = ANY(?)", [page])} if page else {}
    out = []
    for i in page:
        row = details[i]
        row.pop("id")
        row["score"] = round(scores[i], 4)
        out.append(row)
    return out


WINDOW_GROWTH = 1.2  # the next window: the rows the matches so far say are needed, times this
WINDOW_SAMPLE = 30  # matches from which their density sizes the next window (fewer: 8 times the rows)
WINDOW_BLOCKS = 8  # at most this many blocks of the last window's size added below it (more: a window anew)


def newest_matches(store: Store, tsquery: str, joins: str, cond: str, params: list, need: int) -> list[dict]:
    """PostgreSQL: the newest `need` index rows matching a `grams` tsquery (all when fewer), newest first.

    Asked in id windows from the newest row down (search_index.window_lexemes: the GIN index intersects the
    window with the query, so only the window's candidates are read from the table and rechecked): 256 rows
    first, then 8 times the rows while fewer than WINDOW_SAMPLE matched, then as many as their density says
    `need` takes (x WINDOW_GROWTH): the blocks below the last window, of its size, when WINDOW_BLOCKS of them
    do, else a window anew; one query over the whole index once a window would reach the first row. The rows
    are those of one query ordered by id, as every row outside a window is older than those in it. One query
    read every candidate's row (高质量发展: 54,025, 0.7-1.3 s at 10,000 reports) or walked the primary key
    backwards (ＧＤＰ: 820,000 rows, 1.2 s). `id + 0`: the planner must not walk the key for a window's rows.
    """
    select = (f'SELECT sp.id, sp.report_id, sp.start, sp."end" - sp.start AS n FROM search_spans sp{joins} '
              f"WHERE {pg_grams()} @@ ?::tsquery{cond} ORDER BY sp.id + 0 DESC LIMIT ?")

    def ask(blocks: list[str], limit: int) -> list[dict]:
        return store.query(select, [f"({tsquery}) & ({' | '.join(ts_lexeme(b) for b in blocks)})", *params, limit])

    top = store.query("SELECT MAX(id) AS m FROM search_spans")[0]["m"] or 0
    rows, found = 1 << WINDOW_LEVELS[0], []
    while rows < top:
        blocks = window_lexemes(top - rows + 1, top)
        found = ask(blocks, need)
        while True:
            if len(found) >= need:
                return found
            k, first = (int(x) for x in blocks[0][1:].split(":"))
            seen = top - (first << k) + 1  # the rows of the windows asked
            if len(found) < WINDOW_SAMPLE:
                rows = 8 * seen
                break
            more = math.ceil((need - len(found)) * seen / len(found) * WINDOW_GROWTH)
            below = -(-more >> k)  # blocks of the window's size
            if below > WINDOW_BLOCKS or below >= first:
                rows = seen + more
                break
            blocks = [f"i{k}:{n}" for n in range(first - below, first)]
            found += ask(blocks, need - len(found))
    return store.query(select, [tsquery, *params, need])


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
