"""Near-duplicate detection: MinHash over character shingles of the normalised clean text, banded for lookup.

The same report copied by two sites, or shared as .md and as .docx, differs in bytes (so in id) but its clean
text is nearly the same; two different reports (even the same city's in consecutive years) share far fewer
5-character shingles. MinHash estimates the Jaccard similarity of the shingle sets from 64 numbers; LSH bands
(16 bands of 4) find the candidates with one indexed lookup instead of comparing with every stored report.

Memory: the signature is computed on the unique shingle hashes, CHUNK of them at a time, so the 64-column
matrix never holds more than CHUNK rows (1 MB) whatever the text's size (it held every shingle before: about
330 MB per MB of text). The result is the same: a minimum does not depend on repeats or on order.
"""

from __future__ import annotations

import re

import numpy as np

SHINGLE = 5
N_PERM = 64
BANDS = 16
ROWS = N_PERM // BANDS
THRESHOLD = 0.8  # estimated Jaccard at or above which two texts are the same report
MIN_CHARS = 200  # shorter texts are too small to call near-duplicates
CHUNK = 1 << 11  # unique shingles hashed at once: 64 columns x 2,048 rows x 8 bytes = 1 MB, reused (cache-sized:
# 4.2 ms a report against 6.0 with 16,384 rows and new temporaries, 60 bulk reports)

_rng = np.random.default_rng(20240501)  # fixed seed: signatures must be comparable across runs and machines
_A = _rng.integers(1, 1 << 63, size=N_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 1 << 63, size=N_PERM, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(32)  # the top 32 bits of each mixed hash are kept
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Only letters and digits: punctuation, spacing and line breaks differ between copies of one report."""
    return _NOISE.sub("", text).lower()


def shingle_hashes(norm: str) -> np.ndarray:
    """64-bit hashes of every SHINGLE-character window, on the code points with numpy (repeats are harmless:
    only minima are kept)."""
    cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cps) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):  # polynomial hash; uint64 arithmetic wraps, which is what we want
            h = h * _MIX + cps[j:j + n]
    return h


def signature(text: str) -> str | None:
    """The hex MinHash signature of a text, or None when it is too short to compare.

    Each of the N_PERM hash functions is multiply-add modulo 2**64 (the top 32 bits kept): cheap and, with odd
    random multipliers, universal enough for MinHash.
    """
    norm = normalise(text)
    if len(norm) < MIN_CHARS:
        return None
    x = np.unique(shingle_hashes(norm))
    best = np.full(N_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    buf = np.empty((min(CHUNK, len(x)), N_PERM), dtype=np.uint64)  # one buffer, filled in place (fresh 8 MB
    with np.errstate(over="ignore"):  # temporaries per step cost a third of the time in page faults)
        for start in range(0, len(x), CHUNK):
            chunk = x[start:start + CHUNK]
            mixed = buf[:len(chunk)]
            np.multiply(chunk[:, None], _A[None, :], out=mixed)
            mixed += _B
            mixed >>= _SHIFT
            np.minimum(best, mixed.min(axis=0), out=best)
    return best.astype(np.uint32).tobytes().hex()


def _values(sig: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(sig), dtype=np.uint32)


def bands(sig: str) -> list[tuple[int, str]]:
    """(band number, bucket key) pairs: reports sharing any pair are candidates."""
    return [(b, sig[b * ROWS * 8:(b + 1) * ROWS * 8]) for b in range(BANDS)]


def similarity(sig_a: str, sig_b: str) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(_values(sig_a) == _values(sig_b)))
