#!/usr/bin/env python3
"""Share of annual work reports (1995 on) whose main GDP result of the reviewed year was found.

A report counts when `luoshi extract --format jsonl` gives it a fact with metric "gdp", status actual or estimate,
a growth, and period = year - 1 (the year the report reviews). Like ../shared/tools/coverage.py it reads only the
records' own metadata, never a file name.

Usage:  luoshi extract PATH --format jsonl | python3 scripts/result_coverage.py [--misses FILE]
        python3 scripts/result_coverage.py records.jsonl [--misses FILE]
Last line: "results N/M R".
"""
from __future__ import annotations

import argparse
import json
import sys


def covered(record: dict) -> bool | None:
    """True/False for an annual work report since 1995, None for any other record."""
    m = record.get("meta") or {}
    year = m.get("year") or 0
    if m.get("kind") != "annual" or m.get("doc_type", "work_report") != "work_report" or year < 1995:
        return None
    return any(f.get("metric") == "gdp" and f.get("status") in ("actual", "estimate") and f.get("growth") is not None
               and f.get("period") == year - 1 for f in record.get("facts") or [])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl", nargs="?", help="records, one JSON a line (default: standard input)")
    ap.add_argument("--misses", help="write the sources of uncovered reports here")
    args = ap.parse_args(argv)
    stream = open(args.jsonl, encoding="utf-8") if args.jsonl else sys.stdin  # noqa: SIM115 (stdin or a file)
    n = ok = 0
    misses = []
    for line in stream:
        if not line.strip():
            continue
        r = json.loads(line)
        c = covered(r)
        if c is None:
            continue
        n += 1
        ok += c
        if not c:
            misses.append(f"{r.get('source')}\t{(r.get('meta') or {}).get('region')}\t{r['meta']['year']}")
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as fh:
            fh.write("\n".join(misses) + "\n")
    print(f"results {ok}/{n} {ok / max(1, n):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
