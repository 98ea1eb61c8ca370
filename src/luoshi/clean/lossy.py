"""UTF-8 read as GBK with the undecodable bytes replaced ("2022骞�1鏈�17鏃" -> "2022年1月17日").

Python's (and the browsers') GBK decoder replaces each byte it cannot use by one U+FFFD and keeps the rest, so a
line's bytes are known except one byte per U+FFFD. The line is re-encoded as GBK, the unknown bytes left open, and
read as UTF-8: a character with no lost byte is certain; one with a lost byte has the few characters its remaining
bytes allow (at most 64; with Python's decoder a lost byte and the byte after it were no GBK character, which leaves
far fewer) and that fit their neighbours. The model of report prose (prose.py) scores each choice in its context
(forward-backward over runs of uncertain characters); the most likely is kept when its posterior is at least
GUESS_AT_LEAST, and logged as a `guessed` repair with that probability. Otherwise one U+FFFD stands for the lost character (a damaged
span). A line is touched only when all of its bytes read as UTF-8: text that was not so damaged never changes.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from .badness import is_rare_hanzi
from .edits import Edit
from .prose import prose_model, prose_model3

GUESS_AT_LEAST = 0.9
PASSES = 2  # trigram passes: a run's characters are chosen again given their neighbours' last choice
_LEAD_RANGES = {2: range(0xC2, 0xE0), 3: range(0xE0, 0xF0), 4: range(0xF0, 0xF5)}
_CONT = range(0x80, 0xC0)
_USABLE = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e\u2010-\u2027\u00b7\u00d7\u2030\u2160-\u217f]")


def _length(lead: int) -> int:
    return 2 if 0xC2 <= lead < 0xE0 else 3 if 0xE0 <= lead < 0xF0 else 4 if 0xF0 <= lead < 0xF5 else 0


def _slots(buf: list[int]) -> list[list[str]] | None:
    """The characters of the line, each as its list of possible readings; None when the bytes are not UTF-8."""
    out: list[list[str]] = []
    i = 0
    n = len(buf)
    while i < n:
        b = buf[i]
        if 0 <= b < 0x80:
            out.append([chr(b)])
            i += 1
            continue
        if b < 0:  # a lost lead byte: its length is the run of continuation (or lost) bytes after it
            k = 0
            while i + 1 + k < n and k < 3 and (buf[i + 1 + k] < 0 or 0x80 <= buf[i + 1 + k] < 0xC0):
                k += 1
            length = min(3, k + 1) if k else 0
            if length < 2:
                return None
        else:
            length = _length(b)
            if not length:
                return None
        part = buf[i:i + length]
        if len(part) < length or any(x >= 0 and not 0x80 <= x < 0xC0 for x in part[1:]):
            return None
        if all(x >= 0 for x in part):
            try:
                out.append([bytes(part).decode("utf-8")])
            except UnicodeDecodeError:
                return None
        else:
            options = [_LEAD_RANGES[length] if part[0] < 0 else [part[0]]]
            options += [_CONT if x < 0 else [x] for x in part[1:]]
            cands = []
            after = buf[i + length] if i + length < n else -1
            lost_at = [q for q, x in enumerate(part) if x < 0]
            pairs = _gbk_pairs()
            for combo in _product(options):
                # the decoder dropped a byte only where it and the byte after it are no GBK character
                if any(pairs[combo[q] << 8 | nxt] for q in lost_at
                       if (nxt := combo[q + 1] if q + 1 < length else after) >= 0):
                    continue
                try:
                    ch = bytes(combo).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if _USABLE.match(ch):
                    cands.append(ch)
            if not cands:
                return None
            out.append(cands)
        i += length
    return out


@cache
def _gbk_pairs() -> bytearray:
    """1 where two bytes (first << 8 | second) decode as one GBK character. The decoder replaces a byte by U+FFFD
    only where it cannot start a character with the byte after it, so a lost byte x before a known byte y makes
    (x, y) no GBK character: before a UTF-8 lead byte (0xE4-0xE9) 8 of the 64 continuation bytes remain (0x80 and
    the user-defined rows 0xA2, 0xAA-0xAF)."""
    out = bytearray(65536)
    for x in range(0x81, 0xFF):
        for y in range(0x40, 0xFF):
            try:
                out[x << 8 | y] = len(bytes([x, y]).decode("gbk")) == 1
            except UnicodeDecodeError:
                pass
    return out


_WIDE_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _fit_neighbours(slots: list[list[str]]) -> None:
    """Readings the model cannot tell from a likely one, dropped where the line says they do not fit: an ideographic
    space inside a line (the model reads it as a line break, "样板　2030" for 样板。2030; 2,415 inside lines of the
    whole bulk corpus), a full-width digit or letter next to an ASCII one (the model has one class for digits of
    both widths: "完成０34" for 完成，34; 29 such pairs in the corpus). A slot keeps its readings if none would be
    left."""
    text = [s[0] if len(s) == 1 else "" for s in slots]
    solid = [i for i, ch in enumerate(text) if ch and not ch.isspace()]
    if not solid:
        return
    first, last = solid[0], solid[-1]
    for i, readings in enumerate(slots):
        if len(readings) == 1:
            continue
        near_ascii = any(0 <= k < len(text) and text[k].isascii() and text[k].isalnum() for k in (i - 1, i + 1))
        fit = [ch for ch in readings if not (ch == "\u3000" and first < i < last)
               and not (near_ascii and _WIDE_ALNUM.match(ch))]
        if fit and len(fit) < len(readings):
            slots[i] = fit


def _product(options: list) -> list[list[int]]:
    combos: list[list[int]] = [[]]
    for opt in options:
        combos = [c + [x] for c in combos for x in opt]
        if len(combos) > 4096:
            return []
    return combos


def _choose(slots: list[list[str]], before: str) -> list[tuple[str, float | None]]:
    """The reading of each slot and, for an uncertain one, its posterior (forward-backward over uncertain runs)."""
    m = prose_model()
    ids = [m.ids("".join(s)) if len(s) > 1 else None for s in slots]
    chosen: list[tuple[str, float | None]] = [(s[0], None) for s in slots]
    i = 0
    n = len(slots)
    while i < n:
        if ids[i] is None:
            i += 1
            continue
        j = i
        while j < n and ids[j] is not None:
            j += 1
        left = m.ids(slots[i - 1][0] if i else (before or "\n"))[0]
        right = m.ids(slots[j][0] if j < n else "\n")[0]
        run = [c for c in ids[i:j] if c is not None]  # every slot of [i, j) has candidates
        # forward (log space, costs are -log P)
        alpha = [-m.cost(left, run[0]).astype(np.float64)]
        for k in range(1, len(run)):
            trans = -m.cost(run[k - 1][:, None], run[k][None, :]).astype(np.float64)
            alpha.append(_lse(alpha[-1][:, None] + trans, axis=0))
        beta = [-m.cost(run[-1], right).astype(np.float64)]
        for k in range(len(run) - 2, -1, -1):
            trans = -m.cost(run[k][:, None], run[k + 1][None, :]).astype(np.float64)
            beta.insert(0, _lse(trans + beta[0][None, :], axis=1))
        for k in range(len(run)):
            post = alpha[k] + beta[k]
            post = np.exp(post - _lse(post, axis=0))
            best = int(post.argmax())
            chosen[i + k] = (slots[i + k][best], float(post[best]))
        i = j
    for _ in range(PASSES):
        _rescore_with_trigrams(slots, ids, chosen, before)
    return chosen


def _rescore_with_trigrams(slots: list[list[str]], ids: list, chosen: list[tuple[str, float | None]],
                           before: str) -> None:
    """Every uncertain character is chosen again by the trigram model, with two characters either side (an
    uncertain neighbour counts as its current choice: "第�一" of "第一要务" lost both bytes). All of a line in one
    batch."""
    m = prose_model3()
    n = len(slots)
    nl = int(m.ids("\n")[0])
    ctx = [int(m.ids(c)[0]) for c, _ in chosen]
    lone = [i for i in range(n) if ids[i] is not None]
    if not lone:
        return
    first_before = int(m.ids(before or "\n")[0])

    def at(k: int) -> int:
        return ctx[k] if 0 <= k < n else first_before if k == -1 else nl

    parts: tuple[list[np.ndarray], ...] = ([], [], [], [], [], [])
    for s_i, i in enumerate(lone):
        cands = ids[i]
        for part, column in zip(parts, (np.full(len(cands), at(i - 2)), np.full(len(cands), at(i - 1)), cands,
                                        np.full(len(cands), at(i + 1)), np.full(len(cands), at(i + 2)),
                                        np.full(len(cands), s_i)), strict=True):
            part.append(column)
    L2, L1, C, R1, R2, seg = (np.concatenate(x) for x in parts)
    # the last character of a line has only the line break after it: no trigram (C, \n, \n), which the model never
    # saw (whitespace runs are one \n) and which would punish the characters that often end a line ("各位代表：")
    at_end = np.concatenate([np.full(len(ids[i]), i + 1 >= n) for i in lone])
    score = -(m.cost3(L2, L1, C) + m.cost3(L1, C, R1) + np.where(at_end, 0.0, m.cost3(C, R1, R2)))
    starts = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1]])
    top = np.maximum.reduceat(score, starts)
    e = np.exp(score - top[seg])
    post = e / np.add.reduceat(e, starts)[seg]
    for s_i, i in enumerate(lone):
        a = starts[s_i]
        b = starts[s_i + 1] if s_i + 1 < len(starts) else len(score)
        best = int(post[a:b].argmax())
        chosen[i] = (slots[i][best], float(post[a + best]))


def _lse(x: np.ndarray, axis: int) -> np.ndarray:
    mx = x.max(axis=axis, keepdims=True)
    return (mx + np.log(np.exp(x - mx).sum(axis=axis, keepdims=True))).squeeze(axis)


def restore_lossy(text: str) -> tuple[list[Edit], list[tuple[int, int, str, str, float]]]:
    """(edits: each damaged line re-read, guesses: (start, end, lost bytes' text, guess, p) in the edited text)."""
    if "\ufffd" not in text:
        return [], []
    edits: list[Edit] = []
    guesses: list[tuple[int, int, str, str, float]] = []
    delta = 0
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if "\ufffd" not in line:
            continue
        if not any(is_rare_hanzi(ch) for ch in line if "\u4e00" <= ch <= "\u9fff"):
            continue  # UTF-8 read as GBK leaves rare hanzi (骞, 鏈, 鍙); a line of common ones lost its bytes otherwise
        lost = line.count("\ufffd")
        try:  # a fast look first (in C): with each lost byte as 0x80, UTF-8 must break at the lost bytes only
            raw = b"\x80".join(part.encode("gbk") for part in line.split("\ufffd"))
        except UnicodeEncodeError:
            continue
        if raw.isascii() or raw.decode("utf-8", "replace").count("\ufffd") > 3 * lost:
            continue
        buf: list[int] = []
        for ch in line:
            buf.extend([-1] if ch == "\ufffd" else ch.encode("gbk"))
        slots = _slots(buf)
        if slots is None:
            continue
        _fit_neighbours(slots)
        chosen = _choose(slots, "\n")
        pieces = []
        new_start = start + delta
        at = 0
        line_guesses = []
        for ch, p in chosen:
            if p is not None and p < GUESS_AT_LEAST:
                ch = "\ufffd"
            elif p is not None:
                line_guesses.append((new_start + at, new_start + at + 1, "\ufffd", ch, round(p, 3)))
            pieces.append(ch)
            at += len(ch)
        new = "".join(pieces)
        if new == line:
            continue
        edits.append(Edit(start, start + len(line), new, "lossy_utf8_as_gbk"))
        guesses.extend(line_guesses)
        delta += len(new) - len(line)
    return edits, guesses
