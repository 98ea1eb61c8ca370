"""PostgreSQL search latency on an existing database (by default the national benchmark's 10,000 reports): the
query set and timing of bench_national.py's query phase (bench/search_queries.txt, one untimed warm-up query, 20
hits a query), repeated `--rounds` times, with every query's hits dumped so that two runs (before and after a
change) can be compared hit for hit, and the CPU time of the client and of the server's backend per query (the
figure other load on the machine does not inflate).

    .venv/bin/python bench/bench_pg_search.py [--pg-base /tmp/luoshi_national/pg | --pg-url URL] [--rounds 2]
        [--dump run.json] [--compare before.json] [--migrate] [--plain]

--pg-base: a server data folder as bench_national.py keeps it (<workdir>/pg/data), started and stopped here with
its ThrowawayPostgres; the database is luoshi_national. --migrate runs `luoshi migrate` on it first (the search
index's upgrade), timed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_national import ThrowawayPostgres, p50, p95, timed
from bench_search import queries


def one_query(store, tsquery: str, joins: str, cond: str, params: list, need: int) -> list[dict]:
    """The newest matches as search asked for them before the id windows: one query over the whole index."""
    from luoshi.store.search_index import pg_grams

    return store.query(f'SELECT sp.id, sp.report_id, sp.start, sp."end" - sp.start AS n FROM search_spans sp{joins} '
                       f"WHERE {pg_grams()} @@ ?::tsquery{cond} ORDER BY sp.id DESC LIMIT ?", [tsquery, *params, need])


def run(url: str, rounds: int, plain: bool = False) -> dict:
    from luoshi.query import search as search_module
    from luoshi.query.search import search
    from luoshi.store import open_store

    out: dict = {"rounds": []}
    windows = search_module.newest_matches
    with open_store(url, readonly=True) as store:
        qs = queries()
        search(store, qs[0], limit=20)  # loads the tokenizer: not a query's time (as bench_national)
        backend = store.query("SELECT pg_backend_pid() AS p")[0]["p"]
        for i in range(rounds * (2 if plain else 1)):
            mode = "one query" if plain and i % 2 else "windows"
            search_module.newest_matches = one_query if mode == "one query" else windows
            cpu0, server0 = time.process_time(), process_cpu(backend)
            ms, hits = zip(*(timed(search, store, q, limit=20) for q in qs), strict=True)
            cpu, server = time.process_time() - cpu0, process_cpu(backend) - server0
            slow = sorted(zip(ms, qs, strict=True), reverse=True)[:5]
            out["rounds"].append({"mode": mode, "p50_ms": p50(list(ms)), "p95_ms": p95(list(ms)), "max_ms": round(max(ms), 1),
                                  "cpu_ms_per_query": {"client": round(cpu * 1000 / len(qs), 1),
                                                       "server": round(server * 1000 / len(qs), 1)},
                                  "slowest": [[q, round(m, 1)] for m, q in slow],
                                  "per_query_ms": {q: round(m, 1) for q, m in zip(qs, ms, strict=True)}})
            print(f"{mode}: p50 {p50(list(ms))} ms, p95 {p95(list(ms))} ms, max {max(ms):.1f} ms; CPU a query: client "
                  f"{cpu * 1000 / len(qs):.1f} ms, server {server * 1000 / len(qs):.1f} ms; slowest "
                  + ", ".join(f"{q} {m:.0f}" for m, q in slow), flush=True)
            if mode == "windows":
                out["hits"] = {q: [[h["report_id"], h["start"], h["end"], h["score"]] for h in hs]
                               for q, hs in zip(qs, hits, strict=True)}
        search_module.newest_matches = windows
    return out


def process_cpu(pid: int) -> float:
    """CPU seconds of a process (the server's backend serving the searches: a figure the machine's other load
    does not inflate, as it does wall-clock time); 0 when /proc cannot tell (a remote server)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def compare(got: dict, want: dict) -> list[str]:
    """The queries whose hits (report, offsets, score, order) differ between two dumps."""
    return [q for q in want["hits"] if [list(h[:4]) for h in got["hits"].get(q, [])]
            != [list(h[:4]) for h in want["hits"][q]]]


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pg-base", type=Path, default=Path("/tmp/luoshi_national/pg"))
    ap.add_argument("--pg-url", help="a running server's database instead of --pg-base")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--migrate", action="store_true")
    ap.add_argument("--plain", action="store_true", help="each round also with one query over the whole index, as "
                    "search asked before the id windows (same server, same load)")
    args = ap.parse_args(argv)
    server = None if args.pg_url else ThrowawayPostgres(args.pg_base)
    try:
        url = args.pg_url or server.__enter__().rsplit("/", 1)[0] + "/luoshi_national"
        result: dict = {}
        if args.migrate:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "luoshi", "migrate", "--db", url], check=True)
            result["migrate_s"] = round(time.perf_counter() - t0, 1)
            print(f"luoshi migrate: {result['migrate_s']} s", flush=True)
        result.update(run(url, args.rounds, args.plain))
    finally:
        if server is not None:
            server.__exit__(None, None, None)
    if args.dump:
        args.dump.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.compare:
        differ = compare(result, json.loads(args.compare.read_text(encoding="utf-8")))
        print(f"hits differ from {args.compare} for {len(differ)} queries" + (f": {', '.join(differ)}" if differ else ""))
        result["differ"] = differ
    return result


if __name__ == "__main__":
    main()
