"""National scale: N reports (default 70,000) ingested with `luoshi ingest`, then searched, queried, tracked, served.

    .venv/bin/python bench/bench_national.py [--n 70000] [--jobs 0] [--workdir /tmp/luoshi_national]
        [--backend sqlite|postgres|both] [--pg-n 10000] [--pg-url URL] [--skip-web] [--resume] [--seed 16]

The corpus (bench/national_corpus.py says exactly how): every real document of ../shared/corpus once, then
variants (bench_corpus.perturb: paragraphs shuffled, digits jittered) relabelled to the national list of
(province/prefecture/county/district, year 2005-2026) slots, written to <workdir>/corpus under neutral names;
deterministic for a seed, and a prefix of the plan does not depend on N. It is reused when already written.

A full run, nothing extrapolated (the summary adds an extrapolation to 70,000 only when N is smaller, labelled so):
- ingest: `python -m luoshi ingest <corpus> --db <db> --jobs J` as a child process (J = 0: luoshi's auto). Wall
  time; CPU time of the command and its workers (os.wait4: the child's rusage includes the workers it reaped);
  peak RSS from /proc every 0.5 s: the main process's VmHWM, the largest worker's VmHWM, and the largest sum of
  VmRSS over the process tree; database size (SQLite file + WAL; PostgreSQL pg_database_size) per stored report.
- then on that database, in this process: `luoshi.query.search` over bench/search_queries.txt (50 queries, one
  untimed warm-up query first), `query.facts` (a fixed set of filters, 3 rounds), `query.series` (the 10 regions
  with most targets x 2 metrics), `luoshi track --all --year Y` as a child process (Y: the year with most reports),
  and web pages through the FastAPI TestClient (bench_web's way): /region/<r> for the same 10 regions and
  /search?q= for bench_web's 10 queries, once cold then --web-repeat warm.
PostgreSQL: a throwaway server as tests/pg_fixture.py starts one (Debian's /usr/lib/postgresql/*/bin, a free
port, fsync off, data in <workdir>/pg-data so --resume can restart it), or --pg-url; the first --pg-n files.

Results: <workdir>/state.json (for --resume: finished phases are not run again; an unfinished ingest goes on
from what is stored, and its timing is marked partial), --json (default bench/national.json), and a dated
section in --results-md (default bench/RESULTS.md, under "## national scale").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_web import SEARCH_QUERIES, percentile
from national_corpus import generate, subset

GOALS = {"ingest_s": 3600, "peak_rss_mb": 1000, "search_p95_ms": 100, "region_p95_ms": 300, "track_s": 30}
FULL_N = 70_000
MARKER = "<!-- bench_national runs: newest first -->"
FACT_METRICS = ("gdp", "general_budget_revenue")


def p95(values: list[float]) -> float | None:
    return round(percentile(values, 95), 1) if values else None


def p50(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


# --- process-tree memory -------------------------------------------------------------------------------------

def _status(pid: int) -> dict[str, int]:
    out = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    out[line[:5]] = int(line.split()[1])  # kB
    except OSError:
        pass
    return out


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


class TreeMemory(threading.Thread):
    """Samples a process and its descendants every `every` seconds: peak RSS of each, peak of the sum (MB)."""

    def __init__(self, pid: int, every: float = 0.5, log=None):
        super().__init__(daemon=True)
        self.pid, self.every, self.log = pid, every, log
        self.main_mb = self.worker_mb = self.tree_mb = 0.0
        self.workers_seen: set[int] = set()
        self.stop = threading.Event()

    def run(self) -> None:
        started = last = time.perf_counter()
        while not self.stop.wait(self.every):
            main = _status(self.pid)
            if not main:
                break
            self.main_mb = max(self.main_mb, main.get("VmHWM", 0) / 1024)
            total = main.get("VmRSS", 0)
            todo = _children(self.pid)
            while todo:
                kid = todo.pop()
                self.workers_seen.add(kid)
                s = _status(kid)
                self.worker_mb = max(self.worker_mb, s.get("VmHWM", 0) / 1024)
                total += s.get("VmRSS", 0)
                todo += _children(kid)
            self.tree_mb = max(self.tree_mb, total / 1024)
            if self.log and time.perf_counter() - last > 300:
                last = time.perf_counter()
                self.log(f"  … {last - started:.0f} s; RSS now {total / 1024:.0f} MB (tree), peak main "
                         f"{self.main_mb:.0f} MB; load average {os.getloadavg()[0]:.1f}")


def run_measured(cmd: list[str], *, stdout=None, stderr=None, log=None) -> dict:
    """Run a command; wall and CPU seconds (itself and its reaped children), peak RSS of the tree."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr)
    mem = TreeMemory(proc.pid, log=log)
    mem.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    mem.stop.set()
    mem.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"exit": proc.returncode, "wall_s": round(wall, 1), "cpu_s": round(ru.ru_utime + ru.ru_stime, 1),
            "peak_rss_main_mb": round(mem.main_mb), "peak_rss_largest_worker_mb": round(mem.worker_mb),
            "peak_rss_tree_mb": round(mem.tree_mb), "workers_seen": len(mem.workers_seen),
            # the kernel's figure: the largest of the command and its descendants
            "ru_maxrss_mb": round(ru.ru_maxrss / 1024)}


# --- PostgreSQL ----------------------------------------------------------------------------------------------

class ThrowawayPostgres:
    """A local server as tests/pg_fixture.py starts one; data kept in `data` so a resumed run can restart it."""

    def __init__(self, base: Path):
        self.base = base
        self.data = base / "data"
        self.owner = None
        self.bin = None

    def __enter__(self) -> str:
        import glob
        import socket

        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4].split(".")[0]))
        self.bin = os.path.dirname(found[-1]) if found else (os.path.dirname(shutil.which("initdb") or "") or None)
        if not self.bin:
            raise SystemExit("no PostgreSQL server binaries (apt-get install postgresql) and no --pg-url")
        if os.geteuid() == 0:
            import pwd

            try:
                pwd.getpwnam("postgres")
                self.owner = "postgres"
            except KeyError:
                self.owner = "nobody"
        self.base.mkdir(parents=True, exist_ok=True)
        if self.owner:
            shutil.chown(self.base, user=self.owner)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if not (self.data / "PG_VERSION").exists():
            self._run([f"{self.bin}/initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                       "--no-locale"])
        self._run([f"{self.bin}/pg_ctl", "-D", str(self.data), "-l", str(self.base / "log"), "-w", "-t", "60", "-o",
                   f"-p {port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
        return f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def _run(self, cmd: list[str], check: bool = True) -> None:
        cmd = ["runuser", "-u", self.owner, "--", *cmd] if self.owner else cmd
        subprocess.run(cmd, check=check, capture_output=True)

    def __exit__(self, *exc) -> None:
        self._run([f"{self.bin}/pg_ctl", "-D", str(self.data), "-m", "fast", "stop"], check=False)


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, of its reaped children and of its live descendants (/proc/<pid>/stat)."""
    total, todo, first = 0, [pid], True
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15 if first else 13])  # utime stime (+ cutime cstime for the root)
        first = False
        todo += _children(p)
    return total / os.sysconf("SC_CLK_TCK")


def postmaster_cpu(data: Path) -> float | None:
    """The PostgreSQL server's CPU seconds so far (its backends are not children of luoshi: counted apart)."""
    try:
        return tree_cpu(int((data / "postmaster.pid").read_text(encoding="ascii").split()[0]))
    except (OSError, ValueError, IndexError):
        return None


def pg_database(server: str, name: str, fresh: bool) -> str:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if fresh or not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(server)._replace(path="/" + name))


# --- phases --------------------------------------------------------------------------------------------------

def db_bytes(db: str) -> int:
    if db.startswith("postgres"):
        from luoshi.store import open_store

        with open_store(db, readonly=True) as store:
            return int(store.query("SELECT pg_database_size(current_database()) AS n")[0]["n"])
    return sum(os.path.getsize(db + s) for s in ("", "-wal", "-shm") if os.path.exists(db + s))


def ingest_phase(paths: list[str], db: str, jobs: int, workdir: Path, resumed: bool, log, server_cpu=None) -> dict:
    err = workdir / f"ingest-{'pg' if db.startswith('postgres') else 'sqlite'}.log"
    cmd = [sys.executable, "-m", "luoshi", "ingest", *paths, "--db", db, "--jobs", str(jobs), "--quiet"]
    log(f"ingest: luoshi ingest <{len(paths)} paths> --db {db} --jobs {jobs} (log {err})")
    before = server_cpu() if server_cpu else None
    with open(err, "w", encoding="utf-8") as f:
        out = run_measured(cmd, stdout=f, stderr=subprocess.STDOUT, log=log)
    after = server_cpu() if server_cpu else None
    out["server_cpu_s"] = round(after - before, 1) if before is not None and after is not None else None
    out["summary"] = [line for line in err.read_text(encoding="utf-8").splitlines() if line.strip()][-8:]
    out["partial_timing"] = resumed
    if out["exit"] not in (0, 1):  # 1: some inputs failed (listed), the rest stored
        raise SystemExit(f"luoshi ingest exited {out['exit']}; see {err}")
    return out


def database_facts(store) -> dict:
    one = lambda sql: store.query(sql)[0]["n"]
    return {
        "reports": one("SELECT COUNT(*) AS n FROM reports"),
        "canonical": one("SELECT COUNT(*) AS n FROM reports WHERE canonical_id IS NULL"),
        "facts": one("SELECT COUNT(*) AS n FROM facts"),
        "regions": one("SELECT COUNT(DISTINCT region) AS n FROM reports"),
        "years": one("SELECT COUNT(DISTINCT year) AS n FROM reports"),
    }


def relabel_check(store, corpus: Path) -> dict:
    """How many stored variants luoshi reads as the region and year they were relabelled to (from MANIFEST.tsv)."""
    import csv

    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as f:
        targets = {r["file"]: r for r in csv.DictReader(f, delimiter="\t") if r["variant"] != "0"}
    seen = region = year = 0
    for row in store.query("SELECT source, region, year FROM reports"):
        t = targets.get("/".join(Path(row["source"] or "").parts[-2:]))
        if t is None:
            continue
        seen += 1
        region += bool(row["region"] and row["region"].endswith(t["target_region"]))
        year += row["year"] == int(t["target_year"])
    return {"variants_stored": seen, "read_as_target_region": region, "read_as_target_year": year}


def pick(store) -> dict:
    """The year, province and regions the queries use, chosen from the database by fixed rules."""
    year = store.query("SELECT year FROM reports WHERE year BETWEEN 2005 AND 2026 GROUP BY year "
                       "ORDER BY COUNT(*) DESC, year LIMIT 1")
    province = store.query("SELECT province FROM reports WHERE province IS NOT NULL GROUP BY province "
                           "ORDER BY COUNT(*) DESC, province LIMIT 1")
    regions = store.query("SELECT r.region FROM facts f JOIN reports r ON r.id = f.report_id WHERE f.status = 'target' "
                          "AND r.canonical_id IS NULL AND r.region IS NOT NULL GROUP BY r.region "
                          "ORDER BY COUNT(*) DESC, r.region LIMIT 10")
    return {"year": year[0]["year"] if year else None, "province": province[0]["province"] if province else None,
            "regions": [r["region"] for r in regions]}


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return (time.perf_counter() - t0) * 1000, out


def query_phase(db: str, picks: dict) -> dict:
    from bench_search import queries

    from luoshi.query.facts import facts
    from luoshi.query.search import search
    from luoshi.query.series import series
    from luoshi.store import open_store

    out: dict = {}
    with open_store(db, readonly=True) as store:
        qs = queries()
        search(store, qs[0], limit=20)  # loads the tokenizer: not a query's time
        ms, hits = zip(*(timed(search, store, q, limit=20) for q in qs), strict=True)
        out["search"] = {"queries": len(qs), "p50_ms": p50(list(ms)), "p95_ms": p95(list(ms)),
                         "max_ms": round(max(ms), 1), "with_hits": sum(1 for h in hits if h),
                         "slowest": qs[max(range(len(qs)), key=lambda i: ms[i])]}
        y, prov, regions = picks["year"], picks["province"], picks["regions"]
        filters = [{"metric": "gdp", "status": "target", "year": y}, {"metric": "gdp", "status": "actual", "year": y},
                   {"status": "target", "year": y, "limit": 1000}, {"province": prov, "year": y, "limit": 1000},
                   {"metric": "general_budget_revenue", "year_from": y - 5, "year_to": y},
                   {"level": "county", "metric": "gdp", "limit": 1000}]
        filters += [{"region": r, "metric": "gdp"} for r in regions[:4]]
        ms_f, rows_f = [], []
        for _ in range(3):
            for f in filters:
                t, rows = timed(facts, store, **f)
                ms_f.append(t)
                rows_f.append(len(rows))
        out["facts"] = {"queries": len(filters), "rounds": 3, "p50_ms": p50(ms_f), "p95_ms": p95(ms_f),
                        "max_ms": round(max(ms_f), 1), "rows": rows_f[:len(filters)],
                        "slowest": filters[max(range(len(ms_f)), key=lambda i: ms_f[i]) % len(filters)]}
        ms_s, rows_s = [], []
        for r in regions:
            for m in FACT_METRICS:
                t, rows = timed(series, store, r, m)
                ms_s.append(t)
                rows_s.append(len(rows))
        out["series"] = {"queries": len(ms_s), "p50_ms": p50(ms_s), "p95_ms": p95(ms_s),
                         "max_ms": round(max(ms_s), 1) if ms_s else None, "rows": rows_s}
    return out


def track_phase(db: str, year: int, workdir: Path) -> dict:
    target = workdir / f"track-{year}-{'pg' if db.startswith('postgres') else 'sqlite'}.csv"
    cmd = [sys.executable, "-m", "luoshi", "track", "--all", "--year", str(year), "--db", db, "--format", "csv",
           "--output", str(target)]
    with open(workdir / "track.log", "w", encoding="utf-8") as f:
        out = run_measured(cmd, stdout=f, stderr=subprocess.STDOUT)
    rows = max(0, len(target.read_text(encoding="utf-8").splitlines()) - 1) if target.exists() else 0
    return {"year": year, "exit": out["exit"], "wall_s": out["wall_s"], "cpu_s": out["cpu_s"],
            "peak_rss_mb": out["peak_rss_main_mb"], "rows": rows}


def web_phase(db: str, regions: list[str], repeat: int) -> dict:
    from urllib.parse import quote, urlencode

    from fastapi.testclient import TestClient

    from luoshi.web import create_app

    pages = {"region": [f"/region/{quote(r)}" for r in regions],
             "search": ["/search?" + urlencode({"q": q}) for q in SEARCH_QUERIES]}
    out: dict = {}
    t0 = time.perf_counter()
    with TestClient(create_app(db, allow_upload=False), base_url="http://127.0.0.1") as client:
        for thread in threading.enumerate():  # the app's start-up work, apart from the pages (see bench_web)
            if thread.name == "luoshi-warm-up":
                thread.join()
        out["startup_s"] = round(time.perf_counter() - t0, 1)
        for page, urls in pages.items():
            cold, every, status = [], [], []
            for url in urls:
                for i in range(1 + repeat):
                    t, resp = timed(client.get, url)
                    status.append(resp.status_code)
                    every.append(t)
                    if i == 0:
                        cold.append(t)
            out[page] = {"urls": len(urls), "requests": len(every), "cold_p95_ms": p95(cold), "p50_ms": p50(every),
                         "p95_ms": p95(every), "max_ms": round(max(every), 1) if every else None,
                         "not_200": sum(1 for s in status if s != 200)}
    return out


# --- one backend ---------------------------------------------------------------------------------------------

def run_backend(backend: str, args, corpus: Path, state: dict, save, log) -> dict:
    n = args.n if backend == "sqlite" else args.pg_n
    res = state.setdefault(backend, {})
    if not args.resume:
        res.clear()
    res["n"] = n
    res["db"] = backend
    paths = subset(corpus, n)
    server = None
    if backend == "sqlite":
        db = str(args.workdir / "national.db")
        if not args.resume:
            for s in ("", "-wal", "-shm"):
                if os.path.exists(db + s):
                    os.remove(db + s)
    else:
        server = None if args.pg_url else ThrowawayPostgres(args.workdir / "pg")
        if server is not None and not args.resume and server.base.exists():
            shutil.rmtree(server.base)
        url = args.pg_url or server.__enter__()
    try:
        if backend == "postgres":
            db = pg_database(url, "luoshi_national", fresh=not args.resume)
        if "ingest" not in res or not res["ingest"].get("complete"):
            resumed = bool(args.resume and res.get("ingest_started"))  # what is stored stays: timing covers the rest
            res["ingest_started"] = True
            save()
            res["ingest"] = ingest_phase(paths, db, args.jobs, args.workdir, resumed, log,
                                         server_cpu=(lambda: postmaster_cpu(server.data)) if server else None)
            res["ingest"]["complete"] = True
            save()
        ing = res["ingest"]
        from luoshi.store import open_store

        with open_store(db, readonly=True) as store:
            res["database"] = database_facts(store)
            res["database"]["relabel"] = relabel_check(store, corpus)
            picks = res["picks"] = pick(store)
        size = db_bytes(db)
        stored = max(res["database"]["reports"], 1)
        res["size"] = {"bytes": size, "mb": round(size / 1e6), "kb_per_report": round(size / 1e3 / stored, 1)}
        ing["reports_per_s"] = round(stored / max(ing["wall_s"], 1e-9), 2)
        ing["cpu_ms_per_report"] = round((ing["cpu_s"] + (ing.get("server_cpu_s") or 0)) * 1000 / stored, 1)
        log(f"{backend}: {res['database']['reports']} reports stored in {ing['wall_s']} s wall, {ing['cpu_s']} s CPU; "
            f"{res['size']['mb']} MB ({res['size']['kb_per_report']} kB/report); peak RSS main "
            f"{ing['peak_rss_main_mb']} MB, largest worker {ing['peak_rss_largest_worker_mb']} MB, tree "
            f"{ing['peak_rss_tree_mb']} MB")
        save()
        res["queries"] = query_phase(db, picks)
        log(f"{backend}: search p95 {res['queries']['search']['p95_ms']} ms, facts p95 {res['queries']['facts']['p95_ms']}"
            f" ms, series p95 {res['queries']['series']['p95_ms']} ms")
        save()
        if picks["year"] is not None and ("track" not in res or not args.resume):
            res["track"] = track_phase(db, picks["year"], args.workdir)
            log(f"{backend}: track --all --year {picks['year']}: {res['track']['wall_s']} s ({res['track']['rows']} rows)")
            save()
        if not args.skip_web and picks["regions"]:
            res["web"] = web_phase(db, picks["regions"], args.web_repeat)
            log(f"{backend}: web region p95 {res['web']['region']['p95_ms']} ms, search page p95 "
                f"{res['web']['search']['p95_ms']} ms")
            save()
    finally:
        if server is not None:
            server.__exit__(None, None, None)
    return res


# --- report --------------------------------------------------------------------------------------------------

def _fmt(v, unit: str = "") -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        v = f"{v:,.1f}"
    elif isinstance(v, int):
        v = f"{v:,}"
    return f"{v}{unit}"


def markdown(result: dict) -> str:
    backends = [b for b in ("sqlite", "postgres") if b in result["backends"]]
    head = "| | " + " | ".join(f"{'SQLite' if b == 'sqlite' else 'PostgreSQL'} ({result['backends'][b]['n']:,} files)"
                                for b in backends) + " | goal at 70,000 (issue 16) |"
    lines = [f"### {result['date']} — `{result['command']}`", "",
             (f"Machine: {result['machine']['cores']} cores, load average {result['machine']['load_before']} before, "
             f"{result['machine']['load_after']} after (the cores were shared: CPU seconds are the figure that does not "
             f"depend on the other load). Corpus: {result['corpus']['files']:,} files ({result['corpus']['originals']:,}"
             f" real documents as they are, {result['corpus']['variants']:,} relabelled variants), "
             f"{result['corpus']['bytes'] / 1e6:,.0f} MB; generated in {result['corpus'].get('seconds', '—')} s (not "
             f"part of any figure)."), "", head, "|---|" + "---:|" * len(backends) + "---|"]

    def row(label: str, get, goal: str = "") -> None:
        cells = []
        for b in backends:
            try:
                cells.append(_fmt(get(result["backends"][b])))
            except (KeyError, TypeError):
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {goal} |")

    row("reports stored (canonical)", lambda r: f"{r['database']['reports']:,} ({r['database']['canonical']:,})")
    row("regions / years / facts", lambda r: f"{r['database']['regions']:,} / {r['database']['years']} / "
        f"{r['database']['facts']:,}")
    row("variants read as their target region / year", lambda r: f"{r['database']['relabel']['read_as_target_region']:,}"
        f" / {r['database']['relabel']['read_as_target_year']:,} of {r['database']['relabel']['variants_stored']:,}")
    row("ingest wall (reports/s)", lambda r: f"{r['ingest']['wall_s']:,.0f} s ({r['ingest']['reports_per_s']})"
        + (" partial" if r['ingest'].get('partial_timing') else ""), "≤ 3,600 s on 2 cores")
    row("ingest CPU, main + workers [+ PostgreSQL server] (per report)", lambda r: f"{r['ingest']['cpu_s']:,.0f} s"
        + (f" + {r['ingest']['server_cpu_s']:,.0f} s" if r["ingest"].get("server_cpu_s") is not None else
           " + server not measured" if "postgres" in r.get("db", "") else "")
        + f" ({r['ingest']['cpu_ms_per_report']:,.0f} ms)")
    row("peak RSS main / largest worker / tree sum", lambda r: f"{r['ingest']['peak_rss_main_mb']} / "
        f"{r['ingest']['peak_rss_largest_worker_mb']} / {r['ingest']['peak_rss_tree_mb']} MB", "< 1 GB")
    row("database size (per report)", lambda r: f"{r['size']['mb']:,} MB ({r['size']['kb_per_report']} kB)",
        "≤ 150 kB per report")
    row("search p50 / p95 (50 queries)", lambda r: f"{r['queries']['search']['p50_ms']} / "
        f"{r['queries']['search']['p95_ms']} ms", "p95 < 100 ms")
    row("facts queries p50 / p95", lambda r: f"{r['queries']['facts']['p50_ms']} / {r['queries']['facts']['p95_ms']} ms")
    row("series p50 / p95", lambda r: f"{r['queries']['series']['p50_ms']} / {r['queries']['series']['p95_ms']} ms")
    row("`track --all --year Y` (rows)", lambda r: f"{r['track']['wall_s']} s, Y={r['track']['year']} "
        f"({r['track']['rows']:,})", "< 30 s")
    row("web region page p95 (cold p95)", lambda r: f"{r['web']['region']['p95_ms']} ms "
        f"({r['web']['region']['cold_p95_ms']} ms)", "p95 < 300 ms")
    row("web search page p95 (cold p95)", lambda r: f"{r['web']['search']['p95_ms']} ms "
        f"({r['web']['search']['cold_p95_ms']} ms)")
    extra = []
    for b in backends:
        r = result["backends"][b]
        n = r["database"]["reports"]
        if n and n < FULL_N:
            cpu = r["ingest"]["cpu_ms_per_report"] / 1000
            extra.append(f"- **Extrapolated, not measured** ({b}, linear from {n:,} reports): 70,000 reports would "
                         f"take ~{FULL_N * cpu / 2 / 60:,.0f} min of ingest on 2 idle cores at this CPU cost per "
                         f"report, and ~{FULL_N * r['size']['kb_per_report'] / 1e6:,.1f} GB at this size per report. "
                         f"Query and page times at 70,000 are not predictable from {n:,}: run the full benchmark.")
    return "\n".join(lines + [""] + extra) + "\n"


def write_results_md(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARKER not in text:
        text = text.rstrip("\n") + f"\n\n## national scale\n\n{MARKER}\n"
    text = text.replace(MARKER, MARKER + "\n\n" + section.rstrip("\n"), 1)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=FULL_N, help="files in the corpus and ingested into SQLite")
    ap.add_argument("--pg-n", type=int, default=10_000, help="files ingested into PostgreSQL (the first of the corpus)")
    ap.add_argument("--jobs", type=lambda v: 0 if v == "auto" else int(v), default=0,
                    help="worker processes for luoshi ingest (auto or 0: luoshi's default, the number of cores)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/luoshi_national"))
    ap.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--pg-url", help="an existing server's maintenance database (else a throwaway server)")
    ap.add_argument("--skip-web", action="store_true")
    ap.add_argument("--web-repeat", type=int, default=3, help="warm requests per URL after the first")
    ap.add_argument("--resume", action="store_true", help="keep the database and the finished phases")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--sources", nargs="+", help="real documents to build from (default ../shared/corpus)")
    ap.add_argument("--json", type=Path, default=HERE / "national.json")
    ap.add_argument("--results-md", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--no-results-md", action="store_true", help="do not add a section to --results-md")
    args = ap.parse_args(argv)
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    log = lambda msg: print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {msg}", file=sys.stderr, flush=True)
    state_file = args.workdir / "state.json"
    state = json.loads(state_file.read_text(encoding="utf-8")) if args.resume and state_file.exists() else {}

    def save() -> None:
        state_file.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")

    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    load_before = round(os.getloadavg()[0], 1)
    biggest = max(args.n if "sqlite" in backends else 0, args.pg_n if "postgres" in backends else 0)
    corpus = generate(args.workdir / "corpus", biggest, args.seed, args.sources, log=log)
    log(f"corpus: {corpus['files']} files ({corpus['variants']} variants), {corpus['bytes'] / 1e6:.0f} MB")
    result = {"date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
              "command": "bench/bench_national.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "machine": {"cores": os.cpu_count(), "load_before": load_before},
              "goals_at_70000": GOALS, "corpus": corpus, "backends": {}}
    for backend in backends:
        result["backends"][backend] = run_backend(backend, args, args.workdir / "corpus", state, save, log)
    result["machine"]["load_after"] = round(os.getloadavg()[0], 1)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    section = markdown(result)
    print(section)
    if not args.no_results_md:
        write_results_md(args.results_md, section)
    return result


if __name__ == "__main__":
    main()
