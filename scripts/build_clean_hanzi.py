"""Build the clean stage's character-frequency table from the clean bulk corpus (run once; output is shipped).

    python scripts/build_clean_hanzi.py ../shared/corpus/bulk

Writes src/luoshi/clean/data/hanzi_freq.tsv (char, count: the TOP_N most frequent hanzi of the corpus, plus the
OpenCC s2t/s2tw/s2hk Traditional forms of each with its Simplified form's count, so Traditional text is not scored as rare)
and src/luoshi/clean/data/traditional_markers.txt (Traditional-only forms of frequent characters: the cheap
"is this text Traditional?" detector).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import opencc

TOP_N = 5000
MARKERS_FROM_TOP = 1500
OUT = Path(__file__).resolve().parents[1] / "src" / "luoshi" / "clean" / "data"


def is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def main(root: str) -> None:
    counts: Counter[str] = Counter()
    for path in sorted(Path(root).rglob("*")):
        if path.is_file() and path.suffix in {".md", ".txt"}:
            counts.update(ch for ch in path.read_text(encoding="utf-8", errors="ignore") if is_hanzi(ch))
    top = counts.most_common(TOP_N)
    converters = [opencc.OpenCC(cfg) for cfg in ("s2t", "s2tw", "s2hk")]
    table: dict[str, int] = dict(top)
    markers = []
    for rank, (ch, n) in enumerate(top):
        for trad in dict.fromkeys(c.convert(ch) for c in converters):
            if len(trad) == 1 and trad != ch:
                table[trad] = max(table.get(trad, 0), n)
                # a marker only if Simplified reports (almost) never use it
                if rank < MARKERS_FROM_TOP and counts[trad] * 1000 < n and trad not in markers:
                    markers.append(trad)
    lines = [f"{ch}\t{n}" for ch, n in sorted(table.items(), key=lambda kv: -kv[1])]
    (OUT / "hanzi_freq.tsv").write_text("# char\tcount in the clean bulk corpus (Traditional forms share their "
                                        "Simplified count)\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "traditional_markers.txt").write_text("# Traditional-only forms of frequent characters\n"
                                                 + "".join(markers) + "\n", encoding="utf-8")
    print(f"{len(table)} chars, {len(markers)} markers")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/bulk")
