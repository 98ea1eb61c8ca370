"""Memory of a read-only `luoshi serve` (no upload: every connection is opened read-only) on a database: VmRSS and
VmHWM after start-up (the warm-up reads the canonical texts) and after browsing pages from 8 threads at once.

    .venv/bin/python bench/bench_web_memory.py DB [--port 18730] [--pragma cache_size=-65536] [--soft-heap-limit N]

--pragma is run on each read-only connection the server opens (to try a page cache or mmap_size without changing
the code); --soft-heap-limit sets SQLite's process-wide PRAGMA soft_heap_limit in the server. The URL set: the
overview, reports, targets, a trend, 8 region pages and their verdict fragments, 5 searches; 3 rounds.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

REGIONS = ["甘肃省", "河北省", "江西省", "河南省", "广东省", "北京市", "上海市", "苏州市"]
SEARCHES = ["就业", "乡村振兴", "高质量发展", "营商环境", "碳达峰"]


def vm_mb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        found = re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.MULTILINE)
    return int(found.group(1)) // 1024 if found else -1


def boot(pragma: str | None, soft: int | None) -> str:
    """The server's start: `python -m luoshi` with the connection pragma and heap limit patched in."""
    lines = ["import sys, runpy, sqlite3"]
    if soft:
        lines.append(f"sqlite3.connect(':memory:').execute('PRAGMA soft_heap_limit={soft}')")
    if pragma:
        lines += ["import luoshi.store.sqlite as s", "_init = s.SQLiteStore.__init__",
                  "def _patched(self, path, *, readonly=False):",
                  "    _init(self, path, readonly=readonly)",
                  f"    if readonly: self.conn.execute('PRAGMA {pragma}')",
                  "s.SQLiteStore.__init__ = _patched"]
    lines += ["sys.argv = ['luoshi'] + sys.argv[1:]", "runpy.run_module('luoshi', run_name='__main__')"]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--port", type=int, default=18730)
    ap.add_argument("--pragma")
    ap.add_argument("--soft-heap-limit", type=int)
    args = ap.parse_args()
    server = subprocess.Popen([sys.executable, "-c", boot(args.pragma, args.soft_heap_limit), "serve", "--db",
                               args.db, "--port", str(args.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(3)  # the warm-up thread
        print(f"started: VmRSS {vm_mb(server.pid, 'VmRSS')} MB, VmHWM {vm_mb(server.pid, 'VmHWM')} MB")
        urls = ["/", "/reports", "/reports?page=2", "/targets", "/targets?year=2021", "/targets?year=",
                "/trends?terms=" + quote("发展")]
        urls += [f"/region/{quote(r)}" for r in REGIONS] + [f"/region/{quote(r)}/verdicts" for r in REGIONS]
        urls += [f"/search?q={quote(q)}" for q in SEARCHES]

        def get(url: str) -> str:
            try:
                with urllib.request.urlopen(base + url, timeout=300) as r:
                    return str(r.status)
            except OSError as e:  # shown in the summary (HTTPError and URLError are OSErrors)
                return str(e)[:40]

        t0 = time.time()
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(get, urls * 3))
        print(f"{len(statuses)} requests in {time.time() - t0:.0f} s, statuses {sorted(set(statuses))}")
        print(f"after: VmRSS {vm_mb(server.pid, 'VmRSS')} MB, VmHWM {vm_mb(server.pid, 'VmHWM')} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
