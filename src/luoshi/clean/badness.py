"""The measure that decides whether a repair makes text better: how unlike a clean report a run of text is.

A clean report is almost all frequent hanzi and Chinese punctuation. Mojibake and misaligned GBK land on rare
hanzi, bopomofo, box drawing, Greek/Cyrillic letters, Latin-1 accented letters, U+FFFD and stray '?'.
`badness` is the share of characters that are such "odd" characters (a rare hanzi counts half), 0 for clean text.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from .. import data_file
from .charset import char_mask, count_of, counts

# a hanzi seen fewer times than this in the clean corpus counts as rare
RARE_BELOW = 30


@cache
def hanzi_freq() -> dict[str, int]:
    """How often each hanzi is seen in the clean corpus (data/hanzi_freq.tsv)."""
    return {ch: int(n) for ch, n in data_file.rows(__package__, "hanzi_freq.tsv")}

ODD_CHARS = re.compile(
    "[\ufffd\u3100-\u312f\u31a0-\u31bf\u2500-\u257f\u0370-\u03ff\u0400-\u04ff\u00c0-\u00ff\u0080-\u009f"
    "\u3040-\u30ff\ue000-\uf8ff\u02c0-\u02ff\u2460-\u24ff\u3220-\u32ff\ufe30-\ufe4f\u20ac]"
)
_QUESTION_AFTER_HANZI = re.compile("(?<=[\u4e00-\u9fff])\\?")


_BLANKS = [ord(c) for c in " \n\t\u3000\xa0"]


def is_rare_hanzi(ch: str) -> bool:
    return hanzi_freq().get(ch, 0) < RARE_BELOW


@cache
def _rare_hanzi() -> re.Pattern[str]:
    """A hanzi that is not among the corpus's common ones (one charset test per hanzi, in C)."""
    common = {ch for ch, n in hanzi_freq().items() if n >= RARE_BELOW}
    ranges = []  # the hanzi blocks without the common ones, as ranges of one character set (a bitmap in the engine)
    for lo, hi in ((0x4E00, 0x9FFF), (0x3400, 0x4DBF)):
        start = None
        for cp in range(lo, hi + 2):
            rare = cp <= hi and chr(cp) not in common
            if rare and start is None:
                start = cp
            elif not rare and start is not None:
                ranges.append(chr(start) if start == cp - 1 else f"{chr(start)}-{chr(cp - 1)}")
                start = None
    return re.compile(f"[{''.join(ranges)}]")


@cache
def _masks() -> tuple[np.ndarray, np.ndarray]:
    return char_mask(ODD_CHARS), char_mask(_rare_hanzi())


def odd_count(text: str) -> float:
    """Odd symbols count 1, rare hanzi 0.5, '?' right after a hanzi 1."""
    if len(text) > 2000:  # a whole text: its characters counted once (charset.py), the same counts as the scans
        odd, rare = _masks()
        n = float(count_of(text, odd)) + 0.5 * count_of(text, rare)
    else:
        n = float(len(ODD_CHARS.findall(text)))
        n += 0.5 * len(_rare_hanzi().findall(text))
    if "?" in text:
        n += len(_QUESTION_AFTER_HANZI.findall(text))
    return n


def badness(text: str) -> float:
    """Share of odd characters among the non-space characters (0 = looks like clean report text)."""
    if len(text) > 2000:  # a whole text: its characters are counted once (charset.py)
        size = len(text) - int(counts(text)[_BLANKS].sum())
    else:
        size = len(text) - sum(map(text.count, " \n\t\u3000\xa0"))
    return odd_count(text) / size if size > 0 else 0.0


def better(before: str, after: str, margin: float = 0.05) -> bool:
    """True when `after` is measurably less odd than `before`."""
    return badness(after) + margin <= badness(before)
