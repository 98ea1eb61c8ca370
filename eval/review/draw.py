"""Draw a review sample (docs/eval/review.md): annual work reports from bulk, none labelled (files or region-years)
and none drawn for an earlier review round (eval/review/sample*.tsv), a third each by period (the last third takes
the remainder; a period drawn out passes its share on to the later ones). Usage: python eval/review/draw.py SEED [N] > eval/review/sampleK.tsv (N 40 by default: the first
round's 13/13/14)."""
import csv
import pathlib
import random
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "scripts"))
import facts_diff  # from scripts/, put on the path just above

skip_files = set(facts_diff.labelled())  # eval/gold, ../shared/gold, every eval/stratified/sample*.tsv
for earlier in sorted((ROOT / "eval" / "review").glob("sample*.tsv")):
    with earlier.open(encoding="utf-8") as f:
        skip_files |= {row["file"] for row in csv.DictReader((line for line in f if not line.startswith("#")),
                                                             delimiter="\t")}
skip_ry = set()
for f in skip_files:
    parts = pathlib.PurePosixPath(f).parts
    if len(parts) >= 2:
        skip_ry.add((parts[-2], parts[-1].split(".")[0]))
bulk = SHARED / "corpus" / "bulk" / "lawtext-gov"
FOLDERS = ["政府工作报告-省自治区", "政府工作报告-主要城市", "政府工作报告-其他地市"]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 40
third = total // 3
PERIODS = [(1995, 2004, third), (2005, 2014, third), (2015, 2026, total - 2 * third)]
rng = random.Random(int(sys.argv[1]))
print("period\tfile")
carry = 0  # what earlier periods could not give (their pools drawn out), shared among the later ones
for i, (lo, hi, n) in enumerate(PERIODS):
    pool = sorted(p for folder in FOLDERS for p in (bulk / folder).glob("*/*")
                  if re.fullmatch(r"\d{4}", p.stem) and lo <= int(p.stem) <= hi
                  and str(p.relative_to(SHARED / "corpus")) not in skip_files and (p.parent.name, p.stem) not in skip_ry)
    later = len(PERIODS) - i
    extra = carry if later == 1 else carry // later
    carry -= extra
    n += extra
    if len(pool) < n:
        print(f"{lo}-{hi}: {len(pool)} reports left to draw, {n} wanted; the rest go to the later periods",
              file=sys.stderr)
        carry += n - len(pool)
        n = len(pool)
    for p in sorted(rng.sample(pool, n)):
        print(f"{lo}-{hi}\t{p.relative_to(SHARED / 'corpus')}")
