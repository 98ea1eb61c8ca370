"""Draw the review sample (docs/eval/review.md): 40 annual work reports from bulk, none labelled (files or
region-years), 13/13/14 by period. Usage: python eval/review/draw.py 20261212 > eval/review/sample.tsv"""
import pathlib
import random
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "scripts"))
import facts_diff  # from scripts/, put on the path just above

skip_files = facts_diff.labelled()
skip_ry = set()
for f in skip_files:
    parts = pathlib.PurePosixPath(f).parts
    if len(parts) >= 2:
        skip_ry.add((parts[-2], parts[-1].split(".")[0]))
bulk = SHARED / "corpus" / "bulk" / "lawtext-gov"
FOLDERS = ["政府工作报告-省自治区", "政府工作报告-主要城市", "政府工作报告-其他地市"]
PERIODS = [(1995, 2004, 13), (2005, 2014, 13), (2015, 2026, 14)]
rng = random.Random(int(sys.argv[1]))
print("period\tfile")
for lo, hi, n in PERIODS:
    pool = sorted(p for folder in FOLDERS for p in (bulk / folder).glob("*/*")
                  if re.fullmatch(r"\d{4}", p.stem) and lo <= int(p.stem) <= hi
                  and str(p.relative_to(SHARED / "corpus")) not in skip_files and (p.parent.name, p.stem) not in skip_ry)
    for p in sorted(rng.sample(pool, n)):
        print(f"{lo}-{hi}\t{p.relative_to(SHARED / 'corpus')}")
