#!/usr/bin/env python3
"""Share of annual work reports (1995 on) whose main GDP result of the reviewed year was found.

A report counts when `luoshi extract --format jsonl` gives it a fact with metric "gdp", status actual or estimate,
a growth, and period = year - 1 (the year the report reviews), about the whole jurisdiction (no scope) and one year
(basis annual, no 五年 / 两年平均 before the figure in its sentence): the rule of `luoshi audit`'s gdp_result check
(luoshi.audit.select.gdp_result), written out here so that the script runs without luoshi installed;
tests/test_extract_coverage_bulk.py checks that the two agree report by report. Like ../shared/tools/coverage.py it
reads only the records' own metadata, never a file name.

Usage:  luoshi extract PATH --format jsonl | python3 scripts/result_coverage.py [--misses FILE]
        python3 scripts/result_coverage.py records.jsonl [--misses FILE]
Last line: "results N/M R".
"""
from __future__ import annotations

import argparse
import json
import re
import sys

FIVE_YEAR_NEAR = re.compile(r"五年|两年平均|三年平均")  # as luoshi.track.pairing.FIVE_YEAR_NEAR


def one_year(f: dict) -> bool:
    """Not a figure over several years (luoshi.audit.select.multi_year)."""
    if (f.get("basis") or "annual") != "annual":
        return False
    sentence, value_text = f.get("sentence") or "", f.get("value_text") or ""
    at = sentence.find(value_text) if value_text else -1
    return not FIVE_YEAR_NEAR.search(sentence[:at] if at >= 0 else sentence)


def covered(record: dict) -> bool | None:
    """True/False for an annual work report since 1995, None for any other record."""
    m = record.get("meta") or {}
    year = m.get("year") or 0
    if m.get("kind") != "annual" or m.get("doc_type", "work_report") != "work_report" or year < 1995:
        return None
    return any(f.get("metric") == "gdp" and f.get("status") in ("actual", "estimate") and f.get("growth") is not None
               and f.get("period") == year - 1 and not f.get("scope") and one_year(f) for f in record.get("facts") or [])


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
