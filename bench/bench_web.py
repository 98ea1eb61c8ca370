"""Web app latency per page on a large database: cold (first request) and warm p50/p95, in-process.

    .venv/bin/python bench/bench_web.py [--db /tmp/luoshi_bench.db] [--repeat 5] [--json out.json]

The app (`luoshi.web.create_app`, read-only: the SQLite file is opened with mode=ro and never modified) is
driven through Starlette's TestClient, in this process: no socket, so nothing leaves the machine. Every URL of
the fixed set below is requested once (the cold figure: nothing cached by the app, though the OS may hold pages
of the file) and then --repeat more times (warm). Times are wall clock per request, server work included.

The URL set (chosen from the database by fixed rules, so the same database gives the same URLs):
  overview      /
  reports       /reports, ?page=2, the last page, ?year=<year with most reports>, ?province=<most reports>
  report        the smallest canonical report with facts, and the canonical report with the most facts
  targets       /targets (latest year), /targets?year= (all years), all years sorted by value descending
  region        /region/<region with the most targets (canonical reports)>, and its /verdicts fragment (main targets)
  plans         that region's /verdicts/plans fragment (fetched only when its section is opened)
  search        the 10 queries of SEARCH_QUERIES
  trends        the 5 term sets of TREND_TERMS
  upload        /upload (the form; uploads are off on a read-only server, so it shows the notice)
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

# 养老|医疗 is 养老 OR 医疗 (`|` without spaces is OR since 2026-12-07; before, one term with no match)
SEARCH_QUERIES = ["就业", "乡村振兴", "高质量发展", "营商环境", "税", "新质生产力", "粮食 安全", "改革 -开放",
                  "养老|医疗", "碳达峰"]
TREND_TERMS = ["发展", "乡村振兴,脱贫攻坚", "就业,民生", "数字经济,人工智能", "生态文明,绿色"]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def pick_urls(db: str) -> dict[str, list[str]]:
    """The fixed URL set, chosen from the database by the rules in the module docstring."""
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    one = lambda sql: conn.execute(sql).fetchone()
    total = one("SELECT COUNT(*) FROM reports")[0]
    year = one("SELECT year FROM reports WHERE year IS NOT NULL GROUP BY year ORDER BY COUNT(*) DESC, year LIMIT 1")[0]
    province = one("SELECT province FROM reports WHERE province IS NOT NULL GROUP BY province "
                   "ORDER BY COUNT(*) DESC, province LIMIT 1")[0]
    small = one("SELECT r.id FROM reports r WHERE r.canonical_id IS NULL AND r.n_chars > 0 AND EXISTS "
                "(SELECT 1 FROM facts f WHERE f.report_id = r.id) ORDER BY r.n_chars, r.id LIMIT 1")[0]
    largest = one("SELECT f.report_id FROM facts f JOIN reports r ON r.id = f.report_id WHERE r.canonical_id IS NULL "
                  "GROUP BY f.report_id ORDER BY COUNT(*) DESC, f.report_id LIMIT 1")[0]
    region = one("SELECT r.region FROM facts f JOIN reports r ON r.id = f.report_id WHERE f.status = 'target' "
                 "AND r.canonical_id IS NULL AND r.region IS NOT NULL GROUP BY r.region "
                 "ORDER BY COUNT(*) DESC, r.region LIMIT 1")[0]
    conn.close()
    last_page = max(1, (total + 49) // 50)
    return {
        "overview": ["/"],
        "reports": ["/reports", "/reports?page=2", f"/reports?page={last_page}", f"/reports?year={year}",
                    "/reports?" + urlencode({"province": province})],
        "report": [f"/report/{small}", f"/report/{largest}"],
        "targets": ["/targets", "/targets?year=", "/targets?year=&sort=value&desc=1"],
        "region": [f"/region/{quote(region)}", f"/region/{quote(region)}/verdicts"],
        "plans": [f"/region/{quote(region)}/verdicts/plans"],
        "search": ["/search?" + urlencode({"q": q}) for q in SEARCH_QUERIES],
        "trends": ["/trends?" + urlencode({"terms": t}) for t in TREND_TERMS],
        "upload": ["/upload"],
    }


def run(db: str, repeat: int) -> dict:
    from fastapi.testclient import TestClient

    from luoshi.web import create_app

    urls = pick_urls(db)
    app = create_app(db, allow_upload=False)
    results: dict[str, dict] = {}
    started = time.perf_counter()
    with TestClient(app, base_url="http://127.0.0.1") as client:
        # The app's start-up thread loads the tokenizer, the tracking stage and the canonical texts (for trends);
        # a server is used after it has started, so wait for it and report its time apart from the pages.
        for thread in threading.enumerate():
            if thread.name == "luoshi-warm-up":
                thread.join()
        results["start-up"] = {"seconds": round(time.perf_counter() - started, 2)}
        for page, page_urls in urls.items():
            cold, warm, per_url, every = [], [], [], []
            for url in page_urls:
                times = []
                for i in range(1 + repeat):
                    t0 = time.perf_counter()
                    resp = client.get(url)
                    ms = (time.perf_counter() - t0) * 1000
                    if resp.status_code != 200:
                        raise SystemExit(f"{url}: HTTP {resp.status_code}")
                    times.append(ms)
                cold.append(times[0])
                every.extend(times)
                warm.extend(times[1:])
                per_url.append({"url": url, "cold_ms": round(times[0], 1),
                                "warm_p50_ms": round(statistics.median(times[1:]), 1) if repeat else None,
                                "bytes": len(resp.content)})
            results[page] = {
                "urls": per_url,
                "cold_p50": statistics.median(cold), "cold_p95": percentile(cold, 95),
                "warm_p50": statistics.median(warm) if warm else None,
                "warm_p95": percentile(warm, 95) if warm else None,
                "all_ms": every,
            }
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="/tmp/luoshi_bench.db", help="SQLite file made by bench_corpus.py (read-only)")
    ap.add_argument("--repeat", type=int, default=5, help="warm requests per URL after the first")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"no database at {args.db}: build one with bench/bench_corpus.py --db {args.db}")
    conn = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
    n_reports, n_facts = (conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("reports", "facts"))
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    conn.close()
    print(f"db {args.db}: {n_reports} reports, {n_facts} facts, {os.path.getsize(args.db) / 1e9:.2f} GB, "
          f"facts_status_report index: {'yes' if 'facts_status_report' in indexes else 'NO (open it writable once)'}; "
          f"load average {os.getloadavg()[0]:.2f}")
    started = time.perf_counter()
    results = run(args.db, args.repeat)
    print(f"\n{'page':<10} {'urls':>4} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9}   slowest URL (cold)")
    startup = results.pop("start-up")["seconds"]
    print(f"start-up (tokenizer, tracking stage, canonical texts in memory; in the background): {startup} s")
    for page, r in results.items():
        worst = max(r["urls"], key=lambda u: u["cold_ms"])
        print(f"{page:<10} {len(r['urls']):>4} {r['cold_p50']:>9.1f} {r['cold_p95']:>9.1f} "
              f"{r['warm_p50'] or 0:>9.1f} {r['warm_p95'] or 0:>9.1f}   {worst['url'][:60]} {worst['cold_ms']:.0f} ms")
    all_cold = [u["cold_ms"] for r in results.values() for u in r["urls"]]
    every = [t for r in results.values() for t in r["all_ms"]]
    print(f"every request (cold and warm, {len(every)}): p50 {statistics.median(every):.1f} ms, "
          f"p95 {percentile(every, 95):.1f} ms")
    print(f"\nall {len(all_cold)} URLs: cold p50 {statistics.median(all_cold):.1f} ms, p95 {percentile(all_cold, 95):.1f} "
          f"ms, max {max(all_cold):.1f} ms; load average after {os.getloadavg()[0]:.2f}; "
          f"{time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"db": args.db, "reports": n_reports, "facts": n_facts,
                                               "startup_s": startup, "pages": results}, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
