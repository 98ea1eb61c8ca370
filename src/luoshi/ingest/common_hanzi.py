"""The common-hanzi set that decides between GB18030 and Big5 when both decode a file strictly.

Mis-decoded CJK bytes land mostly on rare characters, so the reading whose characters are most often
common wins. The set is the most frequent characters of real reports plus their Traditional forms
(OpenCC s2t), so Traditional text encoded in either codec scores as well as Simplified text.

Rebuild the data file: python -m luoshi.ingest.common_hanzi /work/shared/corpus/bulk
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import cache
from pathlib import Path

from .. import data_file

DATA_FILE = "common_hanzi.txt"
TOP_N = 3500
SAMPLE_CHARS = 20_000  # enough to tell two readings apart; keeps big files fast


def is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@cache
def common_hanzi() -> frozenset[str]:
    return frozenset(ch for line in data_file.lines(__package__, DATA_FILE) for ch in line.strip())


def is_cjk_punctuation(ch: str) -> bool:
    return "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or "\u2010" <= ch <= "\u2027"


def common_share(text: str) -> float:
    """Share of the non-ASCII characters of `text` that are common hanzi or CJK punctuation.

    Wrong readings land on rare hanzi, private-use code points, kana, Greek or box drawing, so they score low.
    """
    common = common_hanzi()
    total = hits = 0
    for ch, n in Counter(text[:SAMPLE_CHARS]).items():  # Counter runs in C; the loop sees distinct characters
        if ch >= "\x80":
            total += n
            if ch in common or is_cjk_punctuation(ch):
                hits += n
    return hits / total if total else 0.0


def build(folder: Path) -> str:
    """Top simplified characters of the reports under `folder`, plus their Traditional forms."""
    import opencc

    counts: Counter[str] = Counter()
    for path in sorted(folder.rglob("*.md")):
        counts.update(ch for ch in path.read_text(encoding="utf-8", errors="ignore") if is_hanzi(ch))
    top = [ch for ch, _ in counts.most_common(TOP_N)]
    traditional = opencc.OpenCC("s2t").convert("".join(top))
    chars = sorted(set(top) | {ch for ch in traditional if is_hanzi(ch)})
    header = f"# {len(chars)} common hanzi: top {TOP_N} of the report corpus plus their OpenCC s2t forms\n"
    return header + "\n".join("".join(chars[i : i + 50]) for i in range(0, len(chars), 50)) + "\n"


if __name__ == "__main__":
    out = data_file.directory(__package__, "data") / DATA_FILE
    out.write_text(build(Path(sys.argv[1])), encoding="utf-8")
    print(f"wrote {out}")
