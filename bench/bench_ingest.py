"""Ingest cost and store size on real files: CPU per report (main process + workers) and bytes per report by table.

    .venv/bin/python bench/bench_ingest.py PATH... [--db /tmp/x.db] [--jobs 2] [--profile]

Run it with another checkout's code to compare on the same input in the same session (the baseline):
    PYTHONPATH=/tmp/base/src .venv/bin/python bench/bench_ingest.py PATH... --db /tmp/base.db
CPU is getrusage(SELF) + getrusage(CHILDREN) of this process (the workers are its children and are reaped at the
end of the ingest), so it does not depend on what else runs on the machine. Sizes: SQLite's dbstat table after a
checkpoint (pages per table and index, an FTS5 table's shadow tables grouped under its name).
--profile runs the main process under cProfile (workers are not profiled: with --jobs 1 everything is) and prints
the top functions by internal time.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import time
from collections import defaultdict


def cpu() -> tuple[float, float]:
    """(main process, reaped children) CPU seconds."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime


def table_sizes(path: str) -> dict[str, int]:
    """Bytes per table (its indexes and FTS5 shadow tables included), from dbstat."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    parent = {r[0]: r[1] for r in con.execute("SELECT name, tbl_name FROM sqlite_master")}
    sizes: dict[str, int] = defaultdict(int)
    for name, size in con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
        owner = parent.get(name, name)
        for fts in ("search_fts",):
            if owner.startswith(fts + "_"):
                owner = fts
        sizes[owner] += size
    con.close()
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--db", default="/tmp/luoshi_bench_ingest.db")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="Do not delete the database first (measure a re-run).")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.db + suffix):
                os.remove(args.db + suffix)

    import luoshi
    from luoshi.store import open_store
    from luoshi.store.ingest import ingest

    print(f"code: {os.path.dirname(luoshi.__file__)}", file=sys.stderr)
    c0, t0 = cpu(), time.perf_counter()
    with open_store(args.db) as store:
        if args.profile:
            import cProfile
            import pstats

            import luoshi.store.ingest as store_ingest

            init = store_ingest._worker_init

            def unprofiled(*a: object) -> None:  # forked workers inherit the profiler: 5x slower, profiled for nothing
                sys.setprofile(None)
                init(*a)

            store_ingest._worker_init = unprofiled

            prof = cProfile.Profile(time.process_time)
            summary = prof.runcall(ingest, store, args.paths, jobs=args.jobs)
            pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        else:
            summary = ingest(store, args.paths, jobs=args.jobs)
        n = store.count()
    c1, t1 = cpu(), time.perf_counter()
    print("\n".join(summary.lines()[:1]))
    stored = summary.stored
    size = sum(os.path.getsize(args.db + s) for s in ("", "-wal") if os.path.exists(args.db + s))
    main_s, workers_s = c1[0] - c0[0], c1[1] - c0[1]
    per = 1000 / max(stored, summary.read, 1)
    print(f"stored {stored} (reports in db {n}); wall {t1 - t0:.1f} s; CPU {main_s + workers_s:.1f} s = "
          f"{per * (main_s + workers_s):.0f} ms per document read (main {per * main_s:.0f}, "
          f"workers {per * workers_s:.0f})")
    sizes = table_sizes(args.db)
    size = os.path.getsize(args.db)
    print(f"file {size / 1e6:.1f} MB = {size / max(n, 1) / 1e3:.0f} kB per report")
    for name, b in sizes.items():
        if b >= 0.005 * size:
            print(f"  {name:32s} {b / 1e6:8.2f} MB {b / max(n, 1) / 1e3:7.1f} kB/report")


if __name__ == "__main__":
    main()
