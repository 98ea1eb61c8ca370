"""Facts queries on read-only SQLite connections with page caches of several sizes (`PRAGMA cache_size`; SQLite's
default is 2 MB, which luoshi keeps), in one process, alternating, so all see the same machine load.

    .venv/bin/python bench/bench_readonly_cache.py DB [--rounds 5] [--kib 2000,16384,65536]

The filters are bench_national.py's (`pick` chooses the year, province and regions from the database). Each query
runs once untimed on each connection (the first run reads the pages in), then `--rounds` times alternating; the
figure is the best (min) of the rounds, in ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_national import pick

from luoshi.query.facts import facts
from luoshi.store import open_store

DEFAULT_KIB = 2000  # SQLite's default cache_size (-2000: 2,048,000 bytes)


def filters(picks: dict) -> list[dict]:
    y, prov, regions = picks["year"], picks["province"], picks["regions"]
    out = [{"metric": "gdp", "status": "target", "year": y}, {"metric": "gdp", "status": "actual", "year": y},
           {"status": "target", "year": y, "limit": 1000}, {"province": prov, "year": y, "limit": 1000},
           {"metric": "general_budget_revenue", "year_from": y - 5, "year_to": y},
           {"level": "county", "metric": "gdp", "limit": 1000}]
    return out + [{"region": r, "metric": "gdp"} for r in regions[:4]]


def ms(store, f: dict) -> tuple[float, int]:
    t0 = time.perf_counter()
    rows = facts(store, **f)
    return (time.perf_counter() - t0) * 1000, len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--kib", default=f"{DEFAULT_KIB},16384,32768,65536")
    args = ap.parse_args()
    sizes = [int(k) for k in args.kib.split(",")]
    stores = [open_store(args.db, readonly=True) for _ in sizes]
    for store, kib in zip(stores, sizes, strict=True):
        store.conn.execute(f"PRAGMA cache_size=-{kib}")
    picks = pick(stores[0])
    print(f"picks: {picks['year']} {picks['province']} {picks['regions'][:4]}")
    print("| query | rows | " + " | ".join(f"{k / 1024:.0f} MB cache, ms" for k in sizes) + " |")
    print("|---|---:|" + "---:|" * len(sizes))
    totals = [0.0] * len(sizes)
    for f in filters(picks):
        for store in stores:
            ms(store, f)  # untimed: the first run reads the pages in
        best: list[list[float]] = [[] for _ in sizes]
        rows = 0
        for _ in range(args.rounds):
            for i, store in enumerate(stores):
                t, rows = ms(store, f)
                best[i].append(t)
        for i in range(len(sizes)):
            totals[i] += min(best[i])
        print(f"| {f} | {rows} | " + " | ".join(f"{min(b):.1f}" for b in best) + " |", flush=True)
    print(f"| all {len(filters(picks))} | | " + " | ".join(f"{t:.1f}" for t in totals) + " |")
    for store in stores:
        store.close()


if __name__ == "__main__":
    main()
