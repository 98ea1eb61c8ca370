"""Near-duplicate detection: MinHash over character shingles of the normalised clean text, banded for lookup.

The same report copied by two sites, or shared as .md and as .docx, differs in bytes (so in id) but its clean
text is nearly the same; two different reports (even the same city's in consecutive years) share far fewer
5-character shingles. MinHash estimates the Jaccard similarity of the shingle sets from 64 numbers; LSH bands
(16 bands of 4) find the candidates with one indexed lookup instead of comparing with every stored report.

Memory and CPU: the signature is computed one hash function at a time over all shingle hashes, in one reused
buffer (8 bytes a shingle), so the 64-column matrix is never built (it held every shingle once: about 330 MB per MB
of text). Repeated shingles are not removed first: a minimum does not depend on repeats or on order, and np.unique
cost more (1.8 ms a report) than the 6% of repeats it saved. Nor is the top half taken before the minimum: the shift
is monotone, so it is applied to the 64 minima only. 1.2 ms a report instead of 4.0 (in chunks of rows, 218 bulk
reports), the same signatures.
"""

from __future__ import annotations

import re

import numpy as np

from .grams import alnum_only

SHINGLE = 5
N_PERM = 64
BANDS = 16
ROWS = N_PERM // BANDS
THRESHOLD = 0.8  # estimated Jaccard at or above which two texts are the same report
MIN_CHARS = 200  # shorter texts are too small to call near-duplicates

_rng = np.random.default_rng(20240501)  # fixed seed: signatures must be comparable across runs and machines
_A = _rng.integers(1, 1 << 63, size=N_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 1 << 63, size=N_PERM, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(32)  # the top 32 bits of each mixed hash are kept
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)  # what normalise removes (by a table: see there)


def normalise(text: str) -> str:
    """Only letters and digits: punctuation, spacing and line breaks differ between copies of one report. What
    _NOISE removes is exactly what is not str.isalnum, so a table of code points does it (0.6 -> 0.1 ms a report)."""
    return alnum_only(text).lower()


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
    x = shingle_hashes(norm)
    best = np.empty(N_PERM, dtype=np.uint64)
    mixed = np.empty_like(x)  # one buffer, filled in place for each hash function
    with np.errstate(over="ignore"):
        for i in range(N_PERM):
            np.multiply(x, _A[i], out=mixed)
            mixed += _B[i]
            best[i] = mixed.min()
    return (best >> _SHIFT).astype(np.uint32).tobytes().hex()


def _values(sig: str) -> np.ndarray:
    return np.frombuffer(bytes.fromhex(sig), dtype=np.uint32)


def bands(sig: str) -> list[tuple[int, str]]:
    """(band number, bucket key) pairs: reports sharing any pair are candidates."""
    return [(b, sig[b * ROWS * 8:(b + 1) * ROWS * 8]) for b in range(BANDS)]


def similarity(sig_a: str, sig_b: str) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(_values(sig_a) == _values(sig_b)))
