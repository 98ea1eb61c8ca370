"""The SQLite index's grams of a report's sentences at once (in runs of CHUNK_CHARS): `distinct_grams` on code points
with numpy.

Why: `distinct_grams` makes a Python string and a dict entry for every pair and character of every sentence (about
35,000 a report), the largest part of an ingest worker's index rows (6-7 ms a report). Here the sentences are
joined into one string (a line break between them: never part of a token) and handled as one array: every token
is a slice of that string at its first occurrence, so it is found by a number (its code points), kept once per
sentence by sorting those numbers, and written out by gathering code points; only runs of non-Chinese letters and
digits (a few a sentence) are named by a Python dict. The result is `distinct_grams` exactly, token for token and
in its order (tests/test_store_grams.py); a sentence with a code point of the Chinese ranges that is no letter
(unassigned) is left to `distinct_grams`, as is everything when numpy is missing.

The sentences are folded (`segment.fold`) the same way, the whole text at once through a table of code points
(`fold_spans`), and a table of str.isalnum serves the tokens and neardup.normalise (`alnum_only`).
"""

from __future__ import annotations

import threading
import unicodedata

from .segment import fold, sentence_grams

try:
    import numpy as np
except ImportError:  # pragma: no cover - numpy comes with the store's MinHash; without it, sentence by sentence
    np = None  # type: ignore[assignment]

# The code point ranges of segment.HAN_CLASS (inclusive)
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF))
PAIR, OTHER = 1 << 42, 2 << 42  # token keys: a character is its code point, a pair PAIR | c1 << 21 | c2, a run of
# other letters and digits OTHER + its number in the run of sentences cut at once
SENTENCE_BITS = 19  # (sentence, key) in one int64: key < 2**44


# Code points of combining class 0 that are the second of a canonical pair (they compose with the character before
# them), Hangul's medial vowels and final consonants aside (tests/test_store_grams.py derives this list from
# unicodedata: a Unicode version that adds one fails it)
STARTER_SECONDS = frozenset((
    0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6, 0x0D3E, 0x0D57, 0x0DCF, 0x0DDF,
    0x0FB5, 0x0FB7, 0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357, 0x114B0, 0x114BA, 0x114BD, 0x115AF, 0x11930,
    *range(0x1161, 0x1176), *range(0x11A8, 0x11C3),
))
SIGMA = 0x3A3  # str.lower() writes it by its context (final sigma): never folded character by character
NOT_ONE = -2  # a character not folded on its own into one character: its sentence is folded the usual way


def fold_one(c: int) -> int:
    """The one code point `fold(chr(c))` gives, when a text's fold is its characters' folds one by one (NOT_ONE
    otherwise): NFKC composes nothing when the decomposition holds no combining mark and nothing that composes with
    what precedes it (so NFKC is NFKD, character by character), and lower() depends on context only for sigma."""
    if 0xD800 <= c <= 0xDFFF:
        return NOT_ONE
    decomposed = unicodedata.normalize("NFKD", chr(c))
    if any(unicodedata.combining(x) or ord(x) in STARTER_SECONDS or ord(x) == SIGMA for x in decomposed):
        return NOT_ONE
    folded = fold(chr(c))
    return ord(folded) if len(folded) == 1 else NOT_ONE


class _PerCodePoint:
    """A function of a code point, tabled over all code points as they are met (-1: not computed yet; the corpus
    has a few thousand distinct characters, a table made at once would cost each worker 0.1-0.5 s)."""

    def __init__(self, fn, dtype) -> None:
        self.fn, self.dtype, self.table = fn, dtype, None
        self.lock = threading.Lock()  # one table even when threads (the web server's) meet it first together

    def __call__(self, cps):
        table = self.table
        if table is None:
            with self.lock:
                if self.table is None:
                    self.table = np.full(0x110000, -1, dtype=self.dtype)
                table = self.table
        out = table[cps]
        new = out == -1
        if new.any():  # entries only ever go from -1 to their value: what this call fills, it reads back
            for c in np.unique(cps[new]).tolist():
                table[c] = self.fn(c)
            out = table[cps]
        return out


_fold_cp = _PerCodePoint(fold_one, np.int32) if np is not None else None
_alnum_cp = _PerCodePoint(lambda c: chr(c).isalnum(), np.int8) if np is not None else None


def alnum_only(text: str) -> str:
    """The letters and digits of a text (str.isalnum: a regex's word characters but _), by the table of code points."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return cps[_alnum_cp(cps) == 1].tobytes().decode("utf-32-le")


def fold_spans(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """`fold(text[a:b])` for each span: the text folded at once by a table of code points where that gives the
    same (every sentence of 218 bulk reports but 85 of 93,428, which have a character such as Ⅲ, ℃ or … that folds
    into several, folded the usual way). 2.1 ms a report one by one, ~0.2 so."""
    if np is None or not text:
        return [fold(text[a:b]) for a, b in spans]
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = _fold_cp(cps)
    alone = folded == NOT_ONE
    whole = np.where(alone, 0x20, folded).astype(np.uint32).tobytes().decode("utf-32-le")
    if not alone.any():
        return [whole[a:b] for a, b in spans]
    before = np.r_[0, np.cumsum(alone)].tolist()
    return [whole[a:b] if before[a] == before[b] else fold(text[a:b]) for a, b in spans]


CHUNK_CHARS = 1 << 17  # characters cut into grams at once: every bulk report (85,000 characters at most) is one chunk


def grams_of_sentences(folded: list[str]) -> list[str]:
    """`segment.sentence_grams(s)` for each folded sentence, computed for runs of sentences of up to CHUNK_CHARS
    characters at once. Why runs: the arrays of one cut cost about 210 bytes a character at their peak (182 MB for a
    2 MB text, two and a half times all the rest of its processing); a run bounds that at ~28 MB whatever the size
    of the report, and costs nothing on reports of the usual size (one run)."""
    out: list[str] = []
    start, chars = 0, 0
    for i, s in enumerate(folded):
        if chars and chars + len(s) + 1 > CHUNK_CHARS:
            out += _grams_at_once(folded[start:i])
            start, chars = i, 0
        chars += len(s) + 1
    return out + _grams_at_once(folded[start:])


def _grams_at_once(folded: list[str]) -> list[str]:
    """`segment.sentence_grams(s)` for each folded sentence, computed for all of them at once."""
    if np is None or not folded or len(folded) >= 1 << SENTENCE_BITS:
        return [sentence_grams(s) for s in folded]
    big = "\n".join(folded)
    cps32 = np.frombuffer(big.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cps = cps32.astype(np.int64)
    n = len(cps)
    if n == 0:
        return [""] * len(folded)
    lens = np.fromiter(map(len, folded), dtype=np.int64, count=len(folded))
    starts = np.cumsum(lens + 1) - (lens + 1)
    sid = np.repeat(np.arange(len(folded)), lens + 1)[:n]
    han = np.zeros(n, dtype=bool)
    for lo, hi in HAN_RANGES:
        han |= (cps >= lo) & (cps <= hi)
    alnum = _alnum_cp(cps) == 1
    other = alnum & ~han
    prev_han, next_han = np.r_[False, han[:-1]], np.r_[han[1:], False]
    prev_other, next_other = np.r_[False, other[:-1]], np.r_[other[1:], False]

    # Tokens in distinct_grams' two lists: pairs (a lone character, a run of others) by position, then characters
    pair_at = np.flatnonzero(han & next_han)
    lone_at = np.flatnonzero(han & ~prev_han & ~next_han)
    run_at = np.flatnonzero(other & ~prev_other)
    run_end = np.flatnonzero(other & ~next_other) + 1
    char_at = np.flatnonzero(han & (prev_han | next_han))
    numbers: dict[str, int] = {}
    run_keys = [numbers.setdefault(big[a:b], len(numbers)) for a, b in zip(run_at.tolist(), run_end.tolist())]
    pos = np.concatenate((pair_at, lone_at, run_at, char_at))
    length = np.concatenate((np.full(len(pair_at), 2), np.ones(len(lone_at), dtype=np.int64), run_end - run_at,
                             np.ones(len(char_at), dtype=np.int64)))
    key = np.concatenate((PAIR | cps[pair_at] << 21 | cps[pair_at + 1], cps[lone_at],
                          OTHER + np.array(run_keys, dtype=np.int64), cps[char_at]))
    if len(pos) == 0:
        return [sentence_grams(s) for s in folded]
    sent = sid[pos]
    second = np.zeros(len(pos), dtype=np.int64)  # the characters' list follows the pairs' list of its sentence
    second[len(pos) - len(char_at):] = lens[sent[len(pos) - len(char_at):]]
    place = starts[sent] + pos + second  # sentence, list, position: one number, distinct, below 2 * n + 2

    # Each (sentence, token) once, at its first place. Tokens put in place order (through a table of places, no
    # sort), then sorted by (sentence, token) with a stable sort: first of each group is the first occurrence, and as
    # the sentences come in order, timsort's runs merge at once (0.6 ms a report; a quicksort took twice that)
    token_at = np.full(2 * n + 2, -1, dtype=np.int64)
    token_at[place] = np.arange(len(place))
    in_order = token_at[token_at >= 0]
    comp = (sent << 44 | key)[in_order]
    by_key = np.argsort(comp, kind="stable")
    first = np.ones(len(by_key), dtype=bool)
    first[1:] = comp[by_key[1:]] != comp[by_key[:-1]]
    keep = np.zeros(len(in_order), dtype=bool)
    keep[by_key[first]] = True
    kept = in_order[keep]

    # Written out: each token after a space, the first of a sentence after a line break instead
    kept_sent = sent[kept]
    opens = np.r_[True, kept_sent[1:] != kept_sent[:-1]]
    seg_len = length[kept] + 1
    offsets = np.cumsum(seg_len) - seg_len
    gather = np.repeat(pos[kept] - 1 - offsets, seg_len) + np.arange(int(seg_len.sum()))
    gather[offsets] = np.where(opens, n + 1, n)
    ext = np.concatenate((cps32, np.array([0x20, 0x0A], dtype=np.uint32)))
    pieces = ext[gather].tobytes().decode("utf-32-le", "surrogatepass").split("\n")
    grams = [""] * len(folded)
    for s, piece in zip(kept_sent[opens].tolist(), pieces[1:]):
        grams[s] = piece

    unassigned = han & ~alnum
    for s in np.unique(sid[unassigned]).tolist() if unassigned.any() else ():  # unassigned code points of the Chinese ranges
        grams[s] = sentence_grams(folded[s])
    return grams
