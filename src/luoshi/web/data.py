"""What each page reads from the store: small, parameterised, index-friendly queries (no whole texts on lists).

Where the query stage offers a function (search, trends) it is used; otherwise the same answer is read with
plain SQL through `store.query`, so the app works against the bare database contract.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .filters import PAGE_SIZE, Filters
from .names import chart_key

REPORT_LIST_COLUMNS = ("r.id, r.source, r.title, r.region, r.level, r.province, r.year, r.kind, r.date, r.confidence, "
                       "r.n_chars, r.doc_type, r.canonical_id")
LOW_CONFIDENCE = 0.8
TARGET_SORTS = {
    "region": "r.region", "year": "r.year", "province": "r.province", "level": "r.level",
    "metric": "f.metric", "value": "f.value", "growth": "f.growth", "period": "f.period",
}
ACTUAL_STATUSES = ("actual", "estimate")


def newest_first(store: Any) -> str:
    """ORDER BY for the latest stored reports. SQLite's rowid is insertion order and needs no scan (ingested_at is
    the last column, behind the texts, so sorting on it reads every overflow page); PostgreSQL keeps texts apart."""
    return "r.rowid DESC" if store.dialect == "sqlite" else "r.ingested_at DESC, r.id"


def fingerprint(store: Any) -> tuple:
    """Changes whenever a report is added or removed: part of every cache key, so no cached answer goes stale."""
    last = "MAX(rowid)" if store.dialect == "sqlite" else "MAX(ingested_at)"
    row = store.query(f"SELECT COUNT(*) AS n, {last} AS m FROM reports", [])[0]
    return row["n"], str(row["m"])


def overview(store: Any) -> dict[str, Any]:
    q = store.query
    return {
        "total": q("SELECT COUNT(*) AS n FROM reports", [])[0]["n"],
        "by_year": q("SELECT year, COUNT(*) AS n FROM reports GROUP BY year ORDER BY year", []),
        "by_level": q("SELECT level, COUNT(*) AS n FROM reports GROUP BY level ORDER BY n DESC", []),
        "by_province": q("SELECT province, COUNT(*) AS n FROM reports GROUP BY province ORDER BY n DESC", []),
        "recent": q(f"SELECT {REPORT_LIST_COLUMNS} FROM reports r ORDER BY {newest_first(store)} LIMIT 15", []),
        "low_confidence": q(
            f"SELECT {REPORT_LIST_COLUMNS} FROM reports r WHERE r.confidence < ? ORDER BY r.confidence, r.id LIMIT 20",
            [LOW_CONFIDENCE],
        ),
        "partial": q(
            f"SELECT {REPORT_LIST_COLUMNS} FROM reports r WHERE r.partial = ? ORDER BY r.year DESC, r.id LIMIT 20",
            [1],
        ),
    }


def report_list(store: Any, filters: Filters, *, copies: bool = False, limit: int | None = PAGE_SIZE
                ) -> tuple[list[dict], int]:
    """One page of reports matching the filters: near-duplicates shown once (under their canonical report, see
    `attach_copies`) unless `copies`; `limit` None gives every row (CSV)."""
    where, params = filters.where()
    if not copies:
        where += " AND r.canonical_id IS NULL"
    total = store.query(f"SELECT COUNT(*) AS n FROM reports r WHERE 1=1{where}", params)[0]["n"]
    sql = f"SELECT {REPORT_LIST_COLUMNS} FROM reports r WHERE 1=1{where} ORDER BY r.year DESC, r.region, r.id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, filters.offset]
    return attach_copies(store, store.query(sql, params)), total


def attach_copies(store: Any, rows: list[dict]) -> list[dict]:
    """Each row gets `copies`: the near-duplicates stored as copies of it (reports.canonical_id), read for these
    rows only through the canonical_id index."""
    ids = [r["id"] for r in rows if not r.get("canonical_id")]
    copies: dict[str, list[dict]] = defaultdict(list)
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for c in store.query(f"SELECT {REPORT_LIST_COLUMNS} FROM reports r WHERE r.canonical_id IN "
                             f"({', '.join('?' * len(chunk))}) ORDER BY r.id", chunk):
            copies[c["canonical_id"]].append(c)
    for r in rows:
        r["copies"] = copies.get(r["id"], [])
    return rows


def group_copies(rows: list[dict]) -> list[dict]:
    """A list holding canonical reports and their copies, each canonical once with its copies under it (a copy
    whose canonical report is not in the list stays, marked by its canonical_id)."""
    ids = {r["id"] for r in rows}
    copies: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r.get("canonical_id") in ids:
            copies[r["canonical_id"]].append(r)
    return [{**r, "copies": copies.get(r["id"], [])} for r in rows if r.get("canonical_id") not in ids]


def region_names(store: Any) -> list[dict]:
    """Every region with its number of reports (a GROUP BY on the region index; for search and suggestions)."""
    return store.query("SELECT region, COUNT(*) AS n FROM reports WHERE region IS NOT NULL GROUP BY region", [])


def nearest_regions(store: Any, query: str, limit: int = 12) -> list[dict]:
    """Regions whose name holds the query (江苏 -> 江苏省) or is held by it, then the closest by spelling."""
    import difflib

    query = query.strip()
    if not query:
        return []
    scored = []
    for r in region_names(store):
        name = r["region"]
        if query in name or name in query:
            score = 2 + len(query) / max(len(name), 1)
        else:
            score = difflib.SequenceMatcher(None, query, name).ratio()
            if score < 0.5:
                continue
        scored.append((-score, -r["n"], name, r))
    return [r for *_, r in sorted(scored, key=lambda x: x[:3])[:limit]]


def filter_choices(store: Any) -> dict[str, list]:
    """Values for the filter drop-downs (small GROUP BYs over indexed columns)."""
    return {
        "years": [r["year"] for r in store.query(
            "SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC", [])],
        "provinces": [r["province"] for r in store.query(
            "SELECT DISTINCT province FROM reports WHERE province IS NOT NULL ORDER BY province", [])],
    }


def report_row(store: Any, report_id: str) -> dict[str, Any] | None:
    """Stored fields the Report record does not carry (the raw text is fetched separately, only when asked)."""
    try:  # raw_chars: a column since schema version 70; rows stored before count their raw_text
        rows = store.query(
            "SELECT id, canonical_id, confidence, partial, encoding, ingested_at, n_bytes, "
            "COALESCE(raw_chars, length(raw_text)) AS raw_chars FROM reports WHERE id = ?", [report_id])
    except Exception:  # noqa: BLE001 - a file older than version 70 opened read-only
        rows = store.query(
            "SELECT id, canonical_id, confidence, partial, encoding, ingested_at, n_bytes, "
            "length(raw_text) AS raw_chars FROM reports WHERE id = ?", [report_id])
    return rows[0] if rows else None


def raw_text(store: Any, report_id: str) -> str | None:
    """The decoded original (stored compressed: the store unpacks it)."""
    return store.raw_text(report_id) if store.resolve(report_id) else None


def metric_names(store: Any) -> dict[str, str]:
    return {r["id"]: r["name_zh"] for r in store.query("SELECT id, name_zh FROM metrics", [])}


def targets(store: Any, filters: Filters, sort: str, desc: bool, *, limit: int | None = PAGE_SIZE
            ) -> tuple[list[dict], int]:
    """Main targets (status 'target') of canonical reports matching the filters, sorted by a whitelisted column."""
    where, params = filters.where()
    base = (
        "FROM facts f JOIN reports r ON r.id = f.report_id "
        f"WHERE f.status = ? AND r.canonical_id IS NULL{where}"
    )
    params = ["target", *params]
    total = store.query(f"SELECT COUNT(*) AS n {base}", params)[0]["n"]
    order = TARGET_SORTS.get(sort, "r.year")
    direction = "DESC" if desc else "ASC"
    sql = (
        "SELECT f.report_id, r.region, r.province, r.level, r.year, r.doc_type, f.metric, f.metric_text, f.value, "
        "f.unit, f.value_text, f.high, f.growth, f.growth_unit, f.bound, f.period, f.basis, f.start, f.\"end\", "
        f"f.sentence {base} "
        f"ORDER BY {order} {direction}, r.id, f.idx"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, filters.offset]
    return store.query(sql, params), total


def region_reports(store: Any, region: str) -> list[dict]:
    return store.query(
        f"SELECT {REPORT_LIST_COLUMNS} FROM reports r WHERE r.region = ? ORDER BY r.year, r.id",
        [region],
    )


def region_facts(store: Any, region: str) -> list[dict]:
    """The region's metric facts that charts are drawn from (targets and results of canonical reports), with the
    sentence and offsets each figure comes from (CSV, hover) and its basis (a year's change or a span's)."""
    return store.query(
        "SELECT r.year, r.id AS report_id, f.metric, f.metric_text, f.status, f.value, f.unit, f.value_text, f.high, "
        'f.growth, f.growth_unit, f.period, f.bound, f.basis, f.start, f."end", f.sentence '
        "FROM facts f JOIN reports r ON r.id = f.report_id "
        "WHERE r.region = ? AND r.canonical_id IS NULL AND f.metric IS NOT NULL AND f.status IN (?, ?, ?) "
        "AND f.scope IS NULL ORDER BY r.year, f.start",
        [region, "target", *ACTUAL_STATUSES],
    )


def is_annual(fact: dict) -> bool:
    """A year's figure: cumulative (累计) and multi-year average (年均) figures are never a year's result."""
    return (fact.get("basis") or "annual") == "annual"


def fact_point(f: dict, y: float, period: int, series: str) -> dict:
    """One plotted (or listed) figure with where it comes from."""
    return {"series": series, "period": period, "y": y, "status": f.get("status"), "basis": f.get("basis") or "annual",
            "report_id": f.get("report_id"), "start": f.get("start"), "end": f.get("end"),
            "value_text": f.get("value_text"), "metric_text": f.get("metric_text"), "sentence": f.get("sentence")}


def _fact_dict(fact: Any, report_id: str | None) -> dict:
    return {"status": fact.status, "basis": fact.basis, "report_id": report_id, "start": fact.start, "end": fact.end,
            "value_text": fact.value_text, "metric_text": fact.metric_text, "sentence": fact.sentence}


def metric_series(facts: list[dict], verdicts: list[Any] | None = None) -> dict[str, dict[str, Any]]:
    """For each metric (or named variant, `names.chart_key`) with a target: one measure (growth if its targets
    state growth, else value) and the target and result per year, a year's figures only. The first figure of a
    period wins, an actual beats an estimate, and where the tracking stage judged a target (`verdicts`, Verdict
    objects) its target and result are the points, so the chart says what the verdict table says.
    Cumulative and multi-year figures are kept apart (`apart`), never plotted."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    judged_by_metric: dict[str, list[Any]] = defaultdict(list)
    for v in verdicts or ():
        if v.kind == "target" and v.target is not None:
            judged_by_metric[v.metric or ""].append(v)
    for f in facts:
        by_key[chart_key(f["metric"], f.get("metric_text"))].append(f)
    out: dict[str, dict[str, Any]] = {}
    for key, rows in by_key.items():
        annual = [f for f in rows if is_annual(f)]
        target_rows = [f for f in annual if f["status"] == "target"]
        if not target_rows:
            continue
        if any(f["growth"] is not None for f in target_rows):
            measure, unit = "growth", _most_common(f["growth_unit"] for f in target_rows if f["growth"] is not None)
        else:
            measure, unit = "value", _most_common(f["unit"] for f in target_rows if f["value"] is not None)
        unit_key = "growth_unit" if measure == "growth" else "unit"
        target: dict[int, dict] = {}
        result: dict[int, tuple[int, dict]] = {}
        for f in annual:
            y = f[measure]
            if y is None or f[unit_key] != unit:
                continue
            if f["status"] == "target":
                period = f["period"] or f["year"]
                if period is not None:
                    target.setdefault(period, fact_point(f, float(y), period, "target"))
            else:
                period = f["period"] or (f["year"] - 1 if f["year"] else None)
                rank = 0 if f["status"] == "actual" else 1
                if period is not None and (period not in result or rank < result[period][0]):
                    result[period] = (rank, fact_point(f, float(y), period, "result"))
        for v in judged_by_metric.get(key.partition("~")[0], ()):
            _judged_points(v, key, measure, unit, target, result)
        if target:
            out[key] = {
                "measure": measure, "unit": unit or "",
                "target": sorted((p, d["y"]) for p, d in target.items()),
                "result": sorted((p, d["y"]) for p, (_, d) in result.items()),
                "points": [target[p] for p in sorted(target)] + [result[p][1] for p in sorted(result)],
                "apart": [fact_point(f, float(f["growth"] if f["growth"] is not None else f["value"] or 0),
                                     f["period"] or f["year"], "target" if f["status"] == "target" else "result")
                          for f in rows if not is_annual(f)],
            }
    return dict(sorted(out.items(), key=lambda kv: -(len(kv[1]["target"]) + len(kv[1]["result"]))))


def _judged_points(v: Any, key: str, measure: str, unit: str | None, target: dict, result: dict) -> None:
    """A judged target's figures replace the chart's for its year, when they are this chart's measure."""
    t = v.target
    if (v.kind != "target" or t is None or v.year is None or v.unit != unit or v.target_value is None
            or chart_key(t.metric or "", t.metric_text) != key or getattr(t, measure) != v.target_value
            or (t.basis or "annual") != "annual"):
        return
    target[v.year] = {**_fact_dict(t, v.target_report), "series": "target", "period": v.year,
                      "y": float(v.target_value)}
    r = v.result
    if (r is not None and v.result_value is not None and (r.basis or "annual") == "annual"
            and chart_key(r.metric or "", r.metric_text) == key):  # a result of another measure stays off this chart
        result[v.year] = (-1, {**_fact_dict(r, v.result_report), "series": "result", "period": v.year,
                               "y": float(v.result_value), "verdict": v.verdict})


def _most_common(values: Any) -> Any:
    counts: dict[Any, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return max(counts, key=lambda v: counts[v]) if counts else None


MAX_INDEX_CATCH_UP = 20  # a writable store indexes a few new reports (uploads) on demand, never a whole corpus


def search_index_ready(store: Any, *, writable: bool) -> bool:
    """Whether the query stage's full-text index covers every report (then search and trends use it).

    A read-only server cannot build the index; a writable one catches up only when few reports are missing,
    so no request ever waits for a whole corpus to be indexed (`luoshi search` once does that).
    """
    if store.dialect == "sqlite":
        exists = store.query("SELECT 1 AS x FROM sqlite_master WHERE name = ?", ["search_indexed"])
    else:
        exists = store.query("SELECT to_regclass(?) AS x", ["search_indexed"])
        exists = [r for r in exists if r["x"]]
    if not exists:
        return False
    from ..store.search_index import ensure_index, missing_reports

    missing = missing_reports(store)  # no count while the file is unchanged since the index was last in step
    if missing and writable and missing <= MAX_INDEX_CATCH_UP:
        ensure_index(store)
        return True
    return missing == 0


SEARCH_WINDOW = 100  # indexed search: the best matches grouped by report (ranking more would cost every query)
COUNT_CAP = 1_000  # matches counted up to this, shown as "1,000+" beyond (docs/query.md: 10,000 cost 20-170 ms)
SEARCH_SORTS = ("rank", "year_desc", "year_asc")


def search(store: Any, query: str, filters: Filters, *, use_index: bool, sort: str = "rank", context: int = 40,
           limit: int | None = PAGE_SIZE) -> dict[str, Any]:
    """Hits grouped by report: `groups` (one page of reports, each with `hits`: `start`/`end` of the match,
    `snippet` with `marks`), `total` matches and `reports` (the number of reports), `capped` when the count
    stopped early (`total` is then a lower bound and `reports` only those of the matches counted), `more` when
    another page follows. `limit` None: every group (CSV)."""
    if use_index:
        from ..query.search import search as indexed_search

        rows = indexed_search(store, query, limit=SEARCH_WINDOW, canonical_only=True, **filters.as_params())
        groups: dict[str, dict] = {}
        for h in rows:
            if not h["matches"]:
                continue
            start, end = h["matches"][0]
            g = groups.setdefault(h["report_id"], {
                "id": h["report_id"], "title": h["title"], "source": h["source"], "region": h["region"],
                "year": h["year"], "hits": []})
            g["hits"].append({"start": start, "end": end, "snippet": h["sentence"],
                              "marks": [(a - h["start"], b - h["start"]) for a, b in h["matches"]]})
        found = list(groups.values())
        total, reports, capped = indexed_count(store, query, filters)
    else:
        found, total, reports = substring_search(store, query, filters, context=context, sort=sort, limit=limit)
        capped = False
    if sort == "year_desc":
        found.sort(key=lambda g: (-(g["year"] or 0)))
    elif sort == "year_asc":
        found.sort(key=lambda g: (g["year"] or 0))
    page = found if limit is None else found[filters.offset:filters.offset + limit] if use_index else found
    doc_types = {}
    ids = [g["id"] for g in page]
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        doc_types.update({r["id"]: r["doc_type"] for r in store.query(
            f"SELECT id, doc_type FROM reports WHERE id IN ({', '.join('?' * len(chunk))})", chunk)})
    for g in page:
        g["doc_type"] = doc_types.get(g["id"])
    more = limit is not None and (filters.offset + limit < (len(found) if use_index else reports))
    return {"groups": page, "total": total, "reports": reports, "capped": capped, "more": more,
            "window": SEARCH_WINDOW if use_index else None}


def indexed_count(store: Any, query: str, filters: Filters) -> tuple[int, int, bool]:
    """(matching sentences, their reports, capped): the query stage's count of what its search finds, the
    canonical reports only, up to COUNT_CAP (`capped`: at least that many; see luoshi.query.search.count)."""
    from ..query.search import count

    c = count(store, query, cap=COUNT_CAP, canonical_only=True, **filters.as_params())
    return c["matches"], c["reports"], c["capped"]


def substring_search(store: Any, query: str, filters: Filters, *, context: int = 40, sort: str = "rank",
                     limit: int | None = PAGE_SIZE) -> tuple[list[dict], int, int]:
    """Without the index: reports containing the phrase, the first occurrence of each with the text around it and
    the number of occurrences; returns (one page of groups, occurrences in all matching reports, reports).

    Positions come from the database (instr/strpos count characters, as Python offsets do); only the snippet,
    never the whole text, leaves the database. This scans texts, so it is for small or unindexed databases.
    """
    where, params = filters.where()
    find = "strpos(r.text, ?)" if store.dialect == "postgresql" else "instr(r.text, ?)"
    occurrences = "(length(r.text) - length(replace(r.text, ?, ''))) / ?"
    totals = store.query(
        f"SELECT COUNT(*) AS reports, SUM({occurrences}) AS n FROM reports r "
        f"WHERE {find} > 0 AND r.canonical_id IS NULL{where}", [query, len(query), query, *params])[0]
    order = "r.year ASC, r.region, r.id" if sort == "year_asc" else "r.year DESC, r.region, r.id"
    sql = (f"SELECT r.id, r.title, r.source, r.region, r.year, {find} - 1 AS pos, {occurrences} AS n, "
           f"substr(r.text, CASE WHEN {find} - ? < 1 THEN 1 ELSE {find} - ? END, ? + ?) AS snippet "
           f"FROM reports r WHERE {find} > 0 AND r.canonical_id IS NULL{where} ORDER BY {order}")
    args = [query, query, len(query), query, context, query, context, 2 * context, len(query), query, *params]
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [limit, filters.offset]
    groups = []
    for r in store.query(sql, args):
        at = r["pos"] - max(0, r["pos"] - context)
        hit = {"start": r["pos"], "end": r["pos"] + len(query), "snippet": r["snippet"], "marks": [(at, at + len(query))]}
        groups.append({"id": r["id"], "title": r["title"], "source": r["source"], "region": r["region"],
                       "year": r["year"], "n": r["n"], "hits": [hit]})
    return groups, int(totals["n"] or 0), totals["reports"]


def trend(store: Any, terms: list[str], filters: Filters, *, use_index: bool,
          texts: Any = None) -> dict[str, list[dict]]:
    """Per term, per year: occurrences (`count`), occurrences per 10,000 characters, and the reports that year.

    Counted in `texts` (the canonical texts in memory, `luoshi.query.texts.ReportTexts`) when given, else by the
    database through the search index when it is ready, else by a plain scan of the reports table."""
    if texts is not None or use_index:
        from ..query.trend import trend as query_trend

        out: dict[str, list[dict]] = {term: [] for term in terms}
        for r in query_trend(store, terms, by="year", texts=texts, canonical_only=True, **filters.as_params()):
            if r["year"] is not None:
                out[r["term"]].append({"year": r["year"], "count": r["count"], "per_10k": r["per_10k"],
                                       "reports": r["reports"]})
        return out
    where, params = filters.where()
    out = {}
    for term in terms:
        rows = store.query(
            "SELECT r.year, COUNT(*) AS reports, SUM(r.n_chars) AS chars, "
            "SUM((length(r.text) - length(replace(r.text, ?, ''))) / ?) AS hits "
            f"FROM reports r WHERE r.year IS NOT NULL AND r.canonical_id IS NULL{where} "
            "GROUP BY r.year ORDER BY r.year",
            [term, len(term), *params],
        )
        out[term] = [
            {"year": r["year"], "count": int(r["hits"] or 0), "reports": r["reports"],
             "per_10k": round((r["hits"] or 0) * 10000 / r["chars"], 3) if r["chars"] else 0.0}
            for r in rows
        ]
    return out
