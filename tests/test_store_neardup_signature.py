"""The MinHash signature computed one hash function at a time, in place, on every shingle (repeats kept, the top
half taken of the minima) equals the formula applied to the unique shingles at once, on the seed reports; a text
under MIN_CHARS has none."""

from __future__ import annotations

import numpy as np

from luoshi.store import neardup


def whole_matrix(text: str) -> str:
    hashes = np.unique(neardup.shingle_hashes(neardup.normalise(text)))
    with np.errstate(over="ignore"):
        mixed = (hashes[:, None] * neardup._A[None, :] + neardup._B[None, :]) >> np.uint64(32)
    return mixed.min(axis=0).astype(np.uint32).tobytes().hex()


def test_chunked_signature_is_the_whole_matrix_minimum(seeds):
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in seeds.values()]
    long_enough = [t for t in texts if len(neardup.normalise(t)) >= neardup.MIN_CHARS]
    assert any(len(neardup.normalise(t)) > 10_000 for t in long_enough), "one text must be report-sized"
    assert [neardup.signature(t) for t in long_enough] == [whole_matrix(t) for t in long_enough]
    assert neardup.signature("政府工作报告" * 10) is None


def test_normalise_keeps_what_the_noise_pattern_keeps(seeds):
    """normalise keeps the str.isalnum characters by a table: exactly what removing _NOISE leaves, on every code
    point and on the seed reports."""
    assert [c for c in range(0x110000) if (neardup._NOISE.fullmatch(chr(c)) is None) != chr(c).isalnum()] == []
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in seeds.values()]
    texts.append("ＧＤＰ增长6.5%，İstanbul_ΣΑΣ \ud800 \U00020000。")
    assert [neardup.normalise(t) for t in texts] == [neardup._NOISE.sub("", t).lower() for t in texts]
