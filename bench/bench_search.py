"""Search latency (p50/p95) over a fixed list of 50 queries, side by side with grep and SQLite FTS5 trigram.

    .venv/bin/python bench/bench_search.py [--db bench/out/search.db] [--corpus ../shared/corpus/bulk] [--limit 20]

With `--db` pointing at an existing luoshi database (e.g. the 10,000-report one of bench/bench_corpus.py) it is
used as is; otherwise the database is built from every report in the corpus folder (the pipeline's full record;
a file the pipeline fails on is stored with its decoded text so the bench still covers it, and counted).
The same clean texts (reports.text) are written to files for grep -F, and indexed in an FTS5 trigram table.
Queries come from bench/search_queries.txt; grep and trigram are given each query's first term (trigram cannot
match 1- and 2-character terms at all: it returns nothing for them, and that is reported).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from luoshi.models import Report
from luoshi.query.expr import parse, terms
from luoshi.query.search import search
from luoshi.store import open_store
from luoshi.store.search_index import ensure_index

HERE = Path(__file__).resolve().parent


def queries() -> list[str]:
    lines = (HERE / "search_queries.txt").read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.startswith("#")]


def build(db: str, corpus: Path) -> None:
    from luoshi.cli.common import iter_documents
    from luoshi.pipeline import process

    files = sorted(str(p) for p in corpus.rglob("*") if p.is_file())
    store = open_store(db)
    fallback = 0
    t0 = time.perf_counter()
    for doc in iter_documents(files):
        try:
            report = process(doc)
        except Exception:  # noqa: BLE001 - the bench measures search; a pipeline failure must not shrink the corpus
            report = Report(id=doc.id, source=doc.source, text=doc.text, fmt=doc.fmt)
            fallback += 1
        store.add_report(report, raw=doc.data)
    print(f"stored {store.count()} reports in {time.perf_counter() - t0:.0f} s ({fallback} with text only)")
    t0 = time.perf_counter()
    ensure_index(store)
    print(f"indexed {store.count('sentences') or 'the'} sentences in {time.perf_counter() - t0:.0f} s")
    store.close()


def percentiles(ms: list[float]) -> str:
    q = statistics.quantiles(ms, n=20)
    return f"p50 {statistics.median(ms):7.1f} ms   p95 {q[18]:7.1f} ms   max {max(ms):7.1f} ms"


def timed(fn, items) -> tuple[list[float], list]:
    ms, results = [], []
    for item in items:
        t0 = time.perf_counter()
        results.append(fn(item))
        ms.append((time.perf_counter() - t0) * 1000)
    return ms, results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(HERE / "out" / "search.db"))
    ap.add_argument("--corpus", default=str(HERE.parents[1] / "shared" / "corpus" / "bulk"))
    ap.add_argument("--limit", type=int, default=20)
    args = ap.parse_args()
    if not Path(args.db).exists() and not args.db.startswith("postgres"):
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
        build(args.db, Path(args.corpus))
    store = open_store(args.db)
    t0 = time.perf_counter()
    ensure_index(store)
    print(f"index up to date in {time.perf_counter() - t0:.1f} s")
    n_reports = store.count()
    n_chars = store.query("SELECT SUM(n_chars) AS n FROM reports")[0]["n"] or 0
    print(f"{n_reports} reports, {n_chars / 1e6:.1f} M characters, {store.dialect}")
    qs = queries()
    first_terms = [terms(parse(q))[0].text for q in qs]
    search(store, qs[0], limit=1)  # load jieba once, outside the timings

    ms, hits = timed(lambda q: search(store, q, limit=args.limit), qs)
    print(f"luoshi search (top {args.limit}):          {percentiles(ms)}")
    ms_y, _ = timed(lambda q: search(store, q, limit=args.limit, year_from=2015), qs)
    print(f"luoshi search, year >= 2015:          {percentiles(ms_y)}")
    empty = [q for q, h in zip(qs, hits, strict=True) if not h]
    print(f"queries with no hit: {len(empty)} {empty}")

    if store.dialect == "sqlite":
        trigram(store, first_terms, args.limit)
    grep(store, first_terms)
    store.close()


def trigram(store, words: list[str], limit: int) -> None:
    conn = store.conn
    if not conn.execute("SELECT name FROM sqlite_master WHERE name = 'bench_trigram'").fetchone():
        t0 = time.perf_counter()
        conn.execute("CREATE VIRTUAL TABLE bench_trigram USING fts5(text, content='', tokenize='trigram')")
        conn.execute("BEGIN")
        conn.execute("INSERT INTO bench_trigram (rowid, text) SELECT sp.id, substr(r.text, sp.start + 1, "
                     "sp.\"end\" - sp.start) FROM search_spans sp JOIN reports r ON r.id = sp.report_id")
        conn.execute("COMMIT")
        print(f"trigram index built in {time.perf_counter() - t0:.0f} s")

    def run(word: str) -> list:
        if len(word) < 3:
            return []
        phrase = '"' + word.replace('"', '""') + '"'
        return conn.execute("SELECT rowid FROM bench_trigram WHERE bench_trigram MATCH ? ORDER BY rank LIMIT ?",
                            (phrase, limit)).fetchall()

    ms, results = timed(run, words)
    print(f"sqlite fts5 trigram (top {limit}):     {percentiles(ms)}   "
          f"no hit (1-2 chars cannot match): {sum(1 for r in results if not r)}")


def grep(store, words: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for i, row in enumerate(store.query("SELECT text FROM reports")):
            Path(tmp, f"{i}.txt").write_text(row["text"] or "", encoding="utf-8")

        def run(word: str) -> int:
            out = subprocess.run(["grep", "-rlF", word, tmp], check=False, capture_output=True, text=True)
            return len(out.stdout.splitlines())

        run(words[0])  # warm the page cache
        ms, _ = timed(run, words)
    print(f"grep -rlF over the clean texts:        {percentiles(ms)}")


if __name__ == "__main__":
    sys.exit(main())
