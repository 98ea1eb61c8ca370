"""Which characters a text holds, counted once per text: the gates of the repairs and the whole-text measures.

A regex scan led by a character class reads every character in Python's engine (~3-10 ns each: ~0.1 s a scan over
the corpus); numpy counts the code points of a whole text once (~2.5 ns a character), and then each gate is a table
lookup. A gate only skips work that could find nothing (a class none of whose characters is in the text), so the
results are those of the scans it stands in front of.
"""

from __future__ import annotations

import re
import threading

import numpy as np

_BMP = 0x10000  # code points above the BMP share one bin (index _BMP): a class reaching there is never skipped
_ALL_BMP = "".join(map(chr, range(_BMP)))
_local = threading.local()  # per thread (the web app cleans in a pool): the last text, its code points, its counts


def _last() -> list:
    last = getattr(_local, "last", None)
    if last is None:
        last = _local.last = [None, None, None]
    return last


def code_points(text: str) -> np.ndarray:
    last = _last()
    if text is not last[0]:
        last[:] = [text, np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32), None]
    return last[1]


def counts(text: str) -> np.ndarray:
    """How often each BMP code point stands in the text (index 0x10000: all the others)."""
    cp = code_points(text)
    last = _last()
    if last[2] is None:
        last[2] = np.bincount(np.minimum(cp, _BMP), minlength=_BMP + 1)
    return last[2]


def char_mask(rx: re.Pattern[str] | str) -> np.ndarray:
    """The BMP characters a one-character class matches, as a boolean table of 0x10001 entries (the last: "a
    character above the BMP", always set, so such a text is scanned as before)."""
    rx = re.compile(rx) if isinstance(rx, str) else rx
    mask = np.zeros(_BMP + 1, dtype=bool)
    mask[[ord(c) for c in rx.findall(_ALL_BMP)]] = True
    mask[_BMP] = True
    return mask


def _where(mask: np.ndarray) -> np.ndarray:
    key = id(mask)
    if key not in _INDEX:
        _INDEX[key] = (mask, np.flatnonzero(mask))  # the mask kept alive: its id stays its own
    return _INDEX[key][1]


_INDEX: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def holds(text: str, mask: np.ndarray) -> bool:
    """The text holds a character of the class (or one above the BMP)."""
    return bool(counts(text)[_where(mask)].any())


def count_of(text: str, mask: np.ndarray) -> int:
    """How many characters of the text are in the class (BMP classes only: the last entry of the mask not read)."""
    return int(counts(text)[_where(mask)[:-1]].sum())
