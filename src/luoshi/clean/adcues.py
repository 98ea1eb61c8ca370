"""Where adspans.py looks for ad runs: the cues of data/ad_cues.txt (regular expressions), found fast.

A regex scan led by a character class reads every character in Python's engine, and eleven literal scans cost about
three times one numpy pass: cues that start with two letters of one case ("[a-z][a-z]…") are tried only where two
such letters stand, cues that start with two literal characters ("下载", "微信\\s*\\d{3,}") only where those two
stand, both found with numpy over the text's code points; other cues are scanned as before. The matches are those of
rx.finditer for every cue (tests/test_clean_adspans.py checks on bulk reports).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from .. import data_file
from .charset import code_points  # re-exported: the text's code points, read once for every scan of the text

__all__ = ["CUES", "code_points", "find_cues"]

# one by one: an alternation would scan slowly
CUES = [re.compile(p) for p in data_file.lines(__package__, "ad_cues.txt")]
_PAIRS = {"[a-z][a-z]": (97, 122), "[A-Z][A-Z]": (65, 90)}  # cues that start with two ASCII letters of one case


def _literal_pair(pattern: str) -> str | None:
    """The two characters a cue starts with, when it starts with two literal characters (下载; 微信 of 微信\\s*…)."""
    head = pattern[:3]
    if len(head) >= 2 and not any(ch in "\\[](){}.*+?^$|" for ch in head[:2]) and head[2:] not in ("*", "+", "?", "{"):
        return head[:2]
    return None


_LITERAL: dict[str, list[re.Pattern[str]]] = {}  # the two characters a literal cue starts with -> its cues
for _rx in CUES:
    if (_two := _literal_pair(_rx.pattern)) is not None:
        _LITERAL.setdefault(_two, []).append(_rx)
_OTHER_CUES = [rx for rx in CUES if _literal_pair(rx.pattern) is None]  # in CUES order
_FIRST = np.zeros(0x10000, dtype=bool)
_FIRST[[ord(k[0]) for k in _LITERAL]] = True
_KEYS = np.array(sorted(ord(k[0]) << 16 | ord(k[1]) for k in _LITERAL), dtype=np.uint64)


def _literal_matches(text: str, cp: np.ndarray) -> Iterator[re.Match]:
    """rx.finditer(text) of every cue that starts with two literal characters, in one numpy pass."""
    if len(cp) < 2:
        return
    at = np.flatnonzero(_FIRST[np.minimum(cp[:-1], 0xFFFF)])
    if not at.size:
        return
    key = cp[at].astype(np.uint64) << np.uint64(16) | cp[at + 1]
    ends: dict[re.Pattern, int] = {}
    for i in at[np.isin(key, _KEYS)].tolist():
        for rx in _LITERAL[text[i:i + 2]]:
            if i >= ends.get(rx, -1) and (mt := rx.match(text, i)):
                ends[rx] = mt.end()
                yield mt


_CASE = np.zeros(0x10001, dtype=np.uint8)  # 1: a-z, 2: A-Z (the code point clipped to 0x10000: neither)
_CASE[97:123], _CASE[65:91] = 1, 2
_CASE_OF = {(97, 122): 1, (65, 90): 2}


def _letter_pairs(cp: np.ndarray) -> dict[tuple[int, int], list[int]]:
    """Where two letters of one case stand side by side (the first's offset), for each case: one pass over the code
    points for both letter cues."""
    at = np.flatnonzero(_CASE[np.minimum(cp, 0x10000)])
    case = _CASE[cp[at]]
    pair = (np.diff(at) == 1) & (case[:-1] == case[1:])
    first, case = at[:-1][pair], case[:-1][pair]
    return {span: first[case == k].tolist() for span, k in _CASE_OF.items()}


def _cue_matches(rx: re.Pattern, text: str, cp: np.ndarray,
                 pairs: dict[tuple[int, int], list[int]] | None = None) -> Iterator[re.Match]:
    """rx.finditer(text), a cue that starts with two letters of one case tried only where two such letters stand
    (literal cues: _literal_matches)."""
    if _literal_pair(rx.pattern) is not None:
        return
    span = _PAIRS.get(rx.pattern[:10])
    if span is None:
        yield from rx.finditer(text)
        return
    end = -1
    for i in (pairs if pairs is not None else _letter_pairs(cp))[span]:
        if i >= end and (mt := rx.match(text, i)):
            end = mt.end()
            yield mt


def find_cues(text: str, cp: np.ndarray) -> list[re.Match]:
    """Every cue's matches (as rx.finditer finds them), by start."""
    found = list(_literal_matches(text, cp))
    pairs = _letter_pairs(cp)
    for rx in _OTHER_CUES:
        found.extend(_cue_matches(rx, text, cp, pairs))
    return sorted(found, key=lambda m: m.start())
