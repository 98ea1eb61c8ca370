"""Build the model of report prose the clean stage uses: character unigram and bigram counts of the reports.

    .venv/bin/python scripts/build_clean_model.py ../shared/corpus/bulk [--latin]

Writes src/luoshi/clean/data/prose_bigrams.npz (numpy, compressed): `vocab` (the characters, most frequent first;
digits are one class "0", Latin letters one class "a", anything else rare or unseen one class "\\x00"),
`uni` (unigram counts) and `pairs`/`counts` (bigram id = first * V + second, for bigrams seen at least twice);
and src/luoshi/clean/data/prose_trigrams.npz: `keys`/`counts` (trigram id (a * V + b) * V + c, seen at least twice);
and src/luoshi/clean/data/prose_latin.txt: the Latin words with two capitals in a row of the reports ("GDP", "REITs"), which adspans.py
does not take for a brand glued into a sentence (only this list: `--latin`).
Left out of the counts: the blind files of eval/stratified/sample.tsv and the reports the damage harness draws
from (eval/damage/harness.py `harness_pool`: one report in five), so the harness measures text the model never saw.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval" / "damage"))
from harness import blind_files, in_harness_pool

VOCAB = 5000  # characters kept by frequency; the rest share the unknown class
OUT = ROOT / "src" / "luoshi" / "clean" / "data" / "prose_bigrams.npz"
OUT3 = ROOT / "src" / "luoshi" / "clean" / "data" / "prose_trigrams.npz"
OUT_LATIN = ROOT / "src" / "luoshi" / "clean" / "data" / "prose_latin.txt"
_CAPS = re.compile(r"(?<![A-Za-z])[A-Za-z]*[A-Z]{2}[A-Za-z]*")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_MARKS = re.compile(r"<!--.*?-->|!\[[^\]]*\]\([^)]*\)|[*#>|]", re.DOTALL)


def normalise(text: str) -> str:
    """What the model sees: digits as 0, Latin letters as a, runs of whitespace as one line break."""
    text = re.sub(r"[0-9０-９]", "0", text)
    text = re.sub(r"[A-Za-zＡ-Ｚａ-ｚ]", "a", text)
    return re.sub(r"\s+", "\n", text)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    bulk = Path(args[0] if args else ROOT.parent / "shared" / "corpus" / "bulk")
    corpus = bulk.parent
    blind = blind_files()
    uni: Counter = Counter()
    texts = []
    latin: set[str] = set()
    for p in sorted(bulk.rglob("*.md")):
        rel = str(p.relative_to(corpus))
        if rel in blind or in_harness_pool(rel):
            continue
        raw = _MARKS.sub("", _FRONT.sub("", p.read_text(encoding="utf-8", errors="replace")))
        latin.update(_CAPS.findall(raw))
        t = normalise(raw)
        texts.append(t)
        uni.update(t)
    OUT_LATIN.write_text("# Latin words with two capitals in a row of the reports the prose model counts "
                         "(scripts/build_clean_model.py --latin): not a brand.\n"
                         + "\n".join(sorted(latin)) + "\n", encoding="utf-8")
    print(f"{len(latin)} Latin words with two capitals -> {OUT_LATIN.name}")
    if "--latin" in sys.argv:
        return
    vocab = ["\x00"] + [ch for ch, _ in uni.most_common() if ch != "\x00"][: VOCAB - 1]
    index = {ch: i for i, ch in enumerate(vocab)}
    V = len(vocab)
    big: Counter = Counter()
    for t in texts:
        ids = [index.get(ch, 0) for ch in t]
        big.update(a * V + b for a, b in itertools.pairwise(ids))
    pairs = np.array(sorted(k for k, n in big.items() if n >= 2), dtype=np.uint32)
    counts = np.array([big[k] for k in pairs.tolist()], dtype=np.uint32)
    unic = np.array([uni.get(ch, 0) for ch in vocab], dtype=np.uint64)
    unic[0] = sum(n for ch, n in uni.items() if ch not in index)
    np.savez_compressed(OUT, vocab=np.array(vocab), uni=unic, pairs=pairs, counts=counts)
    print(f"{len(texts)} reports, {sum(uni.values()) / 1e6:.1f} M characters, {V} characters kept, "
          f"{len(pairs)} bigrams seen twice or more; {OUT.stat().st_size / 1e6:.2f} MB")
    # trigrams (numpy: 22 M keys sorted once), each report followed by a line break
    nl = index["\n"]
    ids = np.concatenate([np.array([index.get(ch, 0) for ch in t] + [nl], dtype=np.uint64) for t in texts])
    V64 = np.uint64(V)
    keys, n = np.unique((ids[:-2] * V64 + ids[1:-1]) * V64 + ids[2:], return_counts=True)
    keep = n >= 2
    np.savez_compressed(OUT3, keys=keys[keep], counts=np.minimum(n[keep], 65535).astype(np.uint16))
    print(f"{int(keep.sum())} trigrams seen twice or more; {OUT3.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
