"""Wall and CPU time of `luoshi audit` over a corpus (issue 12: under 10 minutes on 2 cores for ../shared/corpus).

    .venv/bin/python bench/bench_audit.py [../shared/corpus] [--jobs 2] [--db luoshi.db]

Runs the command as users do (a subprocess, JSON to a temporary file) and reports wall seconds and the CPU seconds
of the command and its worker processes (the machine is shared: CPU time is the figure that does not depend on the
load), with the number of annual work reports checked.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("target", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "luoshi", "audit", args.target, "--jobs", str(args.jobs), "-q",
                        "--format", "json", "--output", str(out)], check=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        checks = {c["check"]: c for c in json.loads(out.read_text(encoding="utf-8"))}
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"luoshi audit {args.target} --jobs {args.jobs}: wall {wall:.0f} s, CPU {cpu:.0f} s "
          f"(≈ {cpu / args.jobs:.0f} s wall on {args.jobs} free cores); "
          f"{checks['gdp_target']['checked']} annual work reports checked")


if __name__ == "__main__":
    main()
