"""Draw the stratified labelled set of issue 12 from ../shared/corpus/bulk, reproducibly.

Thirty annual work reports: ten from each of 1995-2004, 2005-2014 and 2015-2026, in each period five of a
province and five of a city, none of a region-year already labelled (shared dev, eval/gold) or reviewed (eval/review). Folder names are
used here only to draw the sample; luoshi never reads them.

    python3 scripts/draw_stratified.py [--seed 20261206] > eval/stratified/sample.tsv
    python3 scripts/draw_stratified.py --seed 20261207 --per-stratum 2 > eval/stratified/sample2.tsv   (second draw)
"""

import argparse
import json
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PERIODS = [(1995, 2004), (2005, 2014), (2015, 2026)]
FOLDERS = {"province": ["政府工作报告-省自治区"], "city": ["政府工作报告-主要城市", "政府工作报告-其他地市"]}


def labelled_region_years() -> set[tuple[str, str]]:
    """Region-years already labelled or read in a label-free review (eval/review): none of them is unseen."""
    files = [json.loads(p.read_text(encoding="utf-8"))["file"]
             for p in [*SHARED.glob("gold/dev/*.json"), *ROOT.glob("eval/gold/*.json")]]
    for review in sorted((ROOT / "eval" / "review").glob("sample*.tsv")):
        files += [line.split("\t")[-1] for line in review.read_text(encoding="utf-8").splitlines()[1:] if line]
    seen = set()
    for file in files:
        parts = pathlib.PurePosixPath(file.strip()).parts
        if len(parts) >= 2:
            seen.add((parts[-2], parts[-1].split(".")[0]))
    return seen


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--per-stratum", type=int, default=5, help="reports per period and level (a later draw: 2)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    skip = labelled_region_years()
    bulk = SHARED / "corpus" / "bulk" / "lawtext-gov"
    print("period\tlevel\tfile")
    for lo, hi in PERIODS:
        for level, folders in FOLDERS.items():
            pool = sorted(
                p for folder in folders for p in (bulk / folder).glob("*/*")
                if re.fullmatch(r"\d{4}", p.stem) and lo <= int(p.stem) <= hi and (p.parent.name, p.stem) not in skip
            )
            regions_used: set[str] = set()
            picked = []
            for p in rng.sample(pool, len(pool)):
                if p.parent.name in regions_used:
                    continue  # one report per region in a stratum, for spread
                regions_used.add(p.parent.name)
                picked.append(p)
                if len(picked) == args.per_stratum:
                    break
            for p in sorted(picked):
                print(f"{lo}-{hi}\t{level}\t{p.relative_to(SHARED / 'corpus')}")


if __name__ == "__main__":
    main()
