"""A compiled copy of luoshi for timing: the modules of some stages built with mypyc, the rest as source.

    .venv/bin/python bench/compile_stages.py OUT [--stages extract clean parse]
    PYTHONPATH=OUT/src .venv/bin/python bench/bench_extract.py --limit 300

Opt-in and outside the package: src/ is copied to OUT/src and compiled there, so the source tree never holds a
stale extension module that would shadow an edited .py. The extract stage is where the pipeline's time goes (~63%
of it, ~65 µs of Python per quantity spread over many small steps), clean the most of the rest (~28%); compiled,
the same code runs without the interpreter's overhead. Compare a compiled copy's output with the source's
(`luoshi extract ../shared/corpus --format jsonl`, sha256) before trusting its figures: mypyc checks annotated types
at run time, so a wrong annotation raises there (or, caught by a broad except, changes an outcome).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the modules that only load data or wire a stage (little time; the loaders are shared between stages) stay source
SKIP = {"__init__.py", "_data.py", "lexicon.py", "tables.py", "explain.py"}
KEEP = {"extract": {"__init__.py"}, "clean": {"__init__.py"}}  # the stages' loops: extract_facts, to_fact; _clean, apply


def modules(stage: str) -> list[str]:
    folder = ROOT / "src" / "luoshi" / stage
    return sorted(f"luoshi/{stage}/{p.name}" for p in folder.glob("*.py")
                  if p.name not in SKIP or p.name in KEEP.get(stage, set()))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path, help="a directory for the compiled copy (replaced)")
    ap.add_argument("--stages", nargs="+", default=["extract"], choices=["extract", "clean", "parse"])
    args = ap.parse_args()
    src = args.out / "src"
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.egg-info"))
    compiled = [m for stage in args.stages for m in modules(stage)]
    mypyc = Path(sys.executable).with_name("mypyc")
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([str(mypyc), *compiled], check=False, cwd=src, env=env)
    if done.returncode:
        print(f"mypyc failed ({done.returncode}): {args.out} holds no usable copy", file=sys.stderr)
        return done.returncode
    built = sorted(str(p.relative_to(src)) for p in (src / "luoshi").rglob("*.so"))
    print(f"{len(built)} compiled modules ({', '.join(args.stages)}): PYTHONPATH={src}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
