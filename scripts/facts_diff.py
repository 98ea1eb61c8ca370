"""Measure a change at corpus scale: draw a fixed sample of bulk reports, then diff the facts of two runs.

    python scripts/facts_diff.py sample --n 120 --seed 7 > /tmp/me/sample.txt     # bulk files, labelled ones left out
    xargs -d '\\n' luoshi extract < /tmp/me/sample.txt > /tmp/me/before.jsonl      # on the code before the change
    xargs -d '\\n' luoshi extract < /tmp/me/sample.txt > /tmp/me/after.jsonl       # after it
    python scripts/facts_diff.py diff /tmp/me/before.jsonl /tmp/me/after.jsonl     # counts, then every change

The sample leaves out every file a labelled set names (eval/gold, ../shared/gold, eval/stratified/sample.tsv), so
what is read while tuning never includes a report that is (or will be) scored blind.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
KEY = ("metric", "value", "unit", "growth", "growth_unit", "bound", "status", "period", "start", "end")


def blind() -> set[str]:
    """Corpus-relative paths of the reports drawn for blind labelling (eval/stratified/sample*.tsv)."""
    out: set[str] = set()
    for stratified in sorted((ROOT / "eval" / "stratified").glob("sample*.tsv")):
        with stratified.open(encoding="utf-8") as f:
            out |= {row["file"] for row in csv.DictReader(f, delimiter="\t")}
    return out


def labelled() -> set[str]:
    """Corpus-relative paths of every labelled report (never sampled)."""
    out = blind()
    for gold in [*(ROOT / "eval" / "gold").glob("*.json"), *(CORPUS.parent / "gold").glob("*/*.json")]:
        out.add(json.loads(gold.read_text(encoding="utf-8")).get("file", ""))
    return out


def sample(n: int, seed: int) -> list[Path]:
    skip = labelled()
    files = sorted(p for p in (CORPUS / "bulk").rglob("*") if p.is_file()
                   and str(p.relative_to(CORPUS)) not in skip)
    return sorted(random.Random(seed).sample(files, min(n, len(files))))


def facts(path: str) -> dict[str, Counter]:
    """source -> multiset of facts (the fields that make a fact's meaning, and its metric text); every labelled
    report is left out, so a diff of a whole-corpus run shows only reports no labelled set scores."""
    out: dict[str, Counter] = {}
    hidden = tuple(p for p in labelled() if p)
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if hidden and record["source"].endswith(hidden):
                continue
            out[record["source"]] = Counter(
                (*(fact.get(k) for k in KEY), fact.get("value_text"), fact.get("metric_text"))
                for fact in record["facts"])
    return out


def diff(before: str, after: str) -> int:
    old, new = facts(before), facts(after)
    removed = added = changed_reports = 0
    lines = []
    for source in sorted(old.keys() | new.keys()):
        a, b = old.get(source, Counter()), new.get(source, Counter())
        gone, came = a - b, b - a
        if gone or came:
            changed_reports += 1
            lines.append(f"== {source}")
            lines += [f"  - {fact}" for fact in sorted(gone.elements(), key=str)]
            lines += [f"  + {fact}" for fact in sorted(came.elements(), key=str)]
        removed += sum(gone.values())
        added += sum(came.values())
    total = sum(sum(c.values()) for c in old.values())
    print(f"reports {len(old)} -> {len(new)}; facts {total} -> {sum(sum(c.values()) for c in new.values())}; "
          f"{removed} removed, {added} added, in {changed_reports} reports")
    print("\n".join(lines))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="print a fixed random sample of bulk files, labelled ones left out")
    s.add_argument("--n", type=int, default=120)
    s.add_argument("--seed", type=int, default=7)
    d = sub.add_parser("diff", help="compare two `luoshi extract --format jsonl` outputs")
    d.add_argument("before")
    d.add_argument("after")
    args = ap.parse_args()
    if args.command == "sample":
        print("\n".join(str(p) for p in sample(args.n, args.seed)))
        return 0
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
