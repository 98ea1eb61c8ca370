"""Ad runs that end in a number and carry no cue ("…研发经费投手机兼职日结工资每天赚300入强度…", "…货源联系6620…"),
found by the model of report prose (prose.prose_model3) and the layout of an injection, not by their words.

Report numbers follow words that lead to numbers (达到, 增长, 第, 年) and end in a unit, %, 、 or ，; an ad's number
follows an ad verb (赚, 送, 联系) and the sentence it was pasted into resumes right after it, often mid-word. So:
1. candidates (numpy over the code points, cheap): two digits or more after five hanzi, the digit unlikely after the
   character before it (> NUM_ODD nats, bigram), and the character after the digits unlikely there (> NUM_BREAK),
   or, after one unit character (万, 元, 期), the character after the unit unlikely after number and unit (trigram,
   > NUM_BREAK; both readings are scored, the better kept); leaving the run costs > NUM_EXIT as it stands (trigrams
   of the two characters after it).
2. the run text[a:b] ends there and starts at the a (4+ hanzi before the digits, within 24) that maximizes
       entering: cost of its first two characters after the sentence - their cost after a line edge
                 (an ad starts as a text of its own)
     + leaving:  cost of the two characters after b as they stand - their cost right after a-1
                 (the sentence's own prose resumes when the run is taken out)
   and it goes when that is > NUM_SCORE. The content of the run is not scored: fluent ad text ("手机兼职日结工资")
   reads as prose to a model of reports; what gives it away is where it stands.
NUM_SCORE is above the highest score of any candidate on the whole undamaged corpus (17.4: "建成有业态的8890幸福驿站",
docs/clean.md), so the rule removes nothing there. A run under it still goes when its words read unlike report prose
(adcontent.unlike_number) or when the sentence reads better without it, from any of its starts
(adcontent.reads_better_without).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import numpy as np

from .adcontent import reads_better_without, unlike_number
from .edits import Edit
from .prose import STEP, edge_breaks, prose_model3

NUM_ODD = 3.5  # nats: a digit this unlikely after the character before it (赚3, 联系6; 达到5, 增长8 cost < 2)
NUM_BREAK = 8.0  # nats: what follows the number (or its one unit) this unlikely after it
UNIT_PAIR = 6.0  # nats: the bigram after the unit first (a cheap gate: the trigram decides, > NUM_BREAK)
NUM_EXIT = 12.0  # nats: the two characters after the run, as they stand (a cheap bound before the span is scored)
NUM_SCORE = 20.0  # nats: the prose breaks at both ends of the run by this much (corpus max 17.x, docs/clean.md)
# nats: in a document found hacked, any number after five hanzi (no gate on the digit or what follows it) whose run
# the sentence reads better without (adcontent.reads_better_without; every number of the bulk corpus scored as if
# hacked: max 28.9, "产总值[初步核算为1639亿]比上年", docs/clean.md "Eighth round"; with one or two Latin letters before
# the digits, max 28.3, "G318西藏[段提质改造和G219]察隅", "Ninth round")
HACKED_NUM_SCORE = 31.0


def _hz(cp: np.ndarray) -> np.ndarray:
    return (cp - np.uint32(0x4E00)) <= 0x9FFF - 0x4E00


@cache
def _digit_costs() -> tuple[np.ndarray, np.ndarray]:
    """Bigram cost in nats of a digit after each character, and of each character after a digit."""
    m = prose_model3()
    ids, zero = np.arange(m.V), np.full(m.V, int(m.ids("0")[0]))
    return m._pair_cost(ids, zero) / STEP, m._pair_cost(zero, ids) / STEP


def _number_ends(text: str, cp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts of the digits and ends of the runs of numbers glued into hanzi that read unlike report prose: two
    digits or more after five hanzi, an unlikely digit after the character before (report numbers follow 达到, 增长,
    第, 年) and, after the digits or after the one unit that follows them (万, 元, 期), a character unlikely there
    (report numbers end in a unit, %, 、 or ，). numpy over the code points: a regex scan for digits costs ~7x more."""
    at = np.flatnonzero((cp - np.uint32(48)) < 10)  # the digits
    none = np.zeros(0, dtype=np.int64)
    if at.size < 2:
        return none, none
    gap = np.flatnonzero(np.diff(at) > 1)
    s, e = at[np.concatenate(([0], gap + 1))], at[np.concatenate((gap, [at.size - 1]))] + 1
    keep = (e - s >= 2) & (s >= 5) & (e + 2 < len(cp))
    s, e = s[keep], e[keep]
    # the five characters before the digits, and the two before, at and two after their end: one gather each
    c = cp[np.concatenate([s - 5, s - 4, s - 3, s - 2, s - 1, e - 2, e - 1, e, e + 1, e + 2])].reshape(10, -1)
    hz = _hz(c)
    m = prose_model3()
    before, after = _digit_costs()
    ids = m.cmap[np.minimum(c, 0xFFFF)].astype(np.int64)
    direct = after[ids[7]] >= NUM_BREAK
    keep = hz[:5].all(axis=0) & hz[7] & (before[ids[4]] >= NUM_ODD)
    if not keep.any():
        return none, none
    # two readings of each: the run ends with the digits (what follows them is unlikely there), or with the one unit
    # after them (万, 元, 期: what follows the unit is unlikely after number and unit; its bigram first, cheaply)
    s, e, direct, ids = s[keep], e[keep], direct[keep], ids[5:, keep]
    unit = hz[8][keep]
    unit[unit] = m._pair_cost(ids[2][unit], ids[3][unit]) / STEP >= UNIT_PAIR
    s, b = np.concatenate((s[direct], s[unit])), np.concatenate((e[direct], e[unit] + 1))
    u = np.concatenate((np.zeros(direct.sum(), dtype=np.int64), np.ones(unit.sum(), dtype=np.int64)))
    if not u.size:
        return none, none
    ids = np.concatenate((ids[:, direct], ids[:, unit]), axis=1)
    k = np.arange(b.size)
    w, x, y, z = ids[u, k], ids[1 + u, k], ids[2 + u, k], ids[3 + u, k]  # x the run's last character, y z after it
    cost = m.cost3(np.concatenate((w, x)), np.concatenate((x, y)), np.concatenate((y, z))).reshape(2, -1)
    # leaving the run costs this much as it stands; after a unit, its first character alone is unlikely there too
    keep = (cost.sum(axis=0) >= NUM_EXIT) & ((u == 0) | (cost[0] >= NUM_BREAK))
    return s[keep], b[keep]


def _number_span(text: str, s: int, b: int) -> tuple[float, int, np.ndarray, np.ndarray] | None:
    """The best start a of a run of hanzi text[a:b] (>= 4 before the digits at s) and its score: how much the prose
    breaks entering and leaving it (prose.edge_breaks); then every start tried and its score."""
    a0 = s - 5
    while a0 > 0 and s - a0 < 24 and "\u4e00" <= text[a0 - 1] <= "\u9fff":
        a0 -= 1
    lo = max(0, a0 - 1)
    m = prose_model3()
    ids = m.ids(text[lo:b + 2]).astype(np.int64)
    A = np.arange(max(a0 + 1, lo + 2), s - 3) - lo  # a character of the run stays before the span
    if A.size == 0:
        return None
    w, x, y, z = (np.full(A.size, ids[i]) for i in range(b - lo - 2, b - lo + 2))  # the run's end is one for all
    score = edge_breaks(ids[A - 2], ids[A - 1], ids[A], ids[A + 1], w, x, y, z)
    i = int(np.argmax(score))
    return float(score[i]), lo + int(A[i]), lo + A, score


def find_number_spans(text: str, cp: np.ndarray, taken: Sequence[tuple[int, int]] = ()) -> list[Edit]:
    """Removals (kind `ad`) of hanzi runs ending in a number that break the sentence at both ends ("…每天赚300",
    "…联系6620" injected mid-word), outside the spans already taken."""
    best: dict[int, tuple[float, int, int, np.ndarray, np.ndarray]] = {}  # digits' start -> the better reading
    for s, b in zip(*(x.tolist() for x in _number_ends(text, cp))):
        got = None if any(x < b and s < y for x, y in taken) else _number_span(text, s, b)
        if got and got[0] > best.get(s, (-np.inf,))[0]:
            best[s] = (got[0], got[1], b, got[2], got[3])
    edits = []
    for score, a, b, starts, scores in sorted(best.values(), key=lambda t: t[1]):
        if not (score > NUM_SCORE or unlike_number(cp, a, b, score)):
            # or the sentence reads better without the run, from its best start (adcontent.reads_better_without)
            start = reads_better_without(cp, starts, b, scores)
            if start is None:
                continue
            a = start
        if not any(x < b and a < y for x, y in taken):
            edits.append(Edit(a, b, "", "ad", log="removal"))
            taken = [*taken, (a, b)]
    return edits


def _numbers_after_hanzi(cp: np.ndarray) -> list[tuple[int, int]]:
    """Starts of the digits and ends of the runs of every number of two digits or more after five hanzi: the run ends
    with the digits (a hanzi after them) or with the one hanzi unit after them (a hanzi after it)."""
    at = np.flatnonzero((cp - np.uint32(48)) < 10)
    if at.size < 2:
        return []
    gap = np.flatnonzero(np.diff(at) > 1)
    s, e = at[np.concatenate(([0], gap + 1))], at[np.concatenate((gap, [at.size - 1]))] + 1
    keep = (e - s >= 2) & (s >= 6) & (e + 3 < len(cp))
    s, e = s[keep], e[keep]
    hz = _hz(cp)
    before = np.ones(s.size, dtype=bool)
    for k in range(1, 6):
        before &= hz[s - k]
    s, e = s[before], e[before]
    out = [(x, y) for x, y, ok in zip(s.tolist(), e.tolist(), (hz[e] & hz[e + 1]).tolist()) if ok]
    out += [(x, y + 1) for x, y, ok in zip(s.tolist(), e.tolist(), (hz[e] & hz[e + 1] & hz[e + 2]).tolist()) if ok]
    return out


_GLUED = re.compile(r"(?<=[\u4e00-\u9fff]{5})[A-Za-z]{1,2}(?=\d{2})")


def _numbers_after_letters(text: str, cp: np.ndarray) -> list[tuple[int, int]]:
    """As _numbers_after_hanzi, for a number led by one or two Latin letters glued to the hanzi before it (a contact
    handle: "…加V12|产总值", "VX", "QQ"): the run's digits start at the letters."""
    out = []
    hz = _hz(cp)
    for m in _GLUED.finditer(text):
        e = m.end()
        while e < len(cp) and 48 <= cp[e] <= 57:
            e += 1
        if e + 3 < len(cp) and hz[e] and hz[e + 1]:
            out.append((m.start(), e))
            if hz[e + 2]:
                out.append((m.start(), e + 1))
    return out


def find_hacked_number_spans(text: str, cp: np.ndarray, taken: Sequence[tuple[int, int]] = ()) -> list[Edit]:
    """In a document where an ad was found: removals (kind `ad`) of runs ending in a number that the sentence reads
    better without (> HACKED_NUM_SCORE), without the gates of find_number_spans on the digit and on what follows the
    number ("…注册即送1109元|增长9%": 元增 reads as report prose, so no candidate there), also after one or two Latin
    letters glued to the hanzi ("…加V12"). A spammer pastes many runs; the gates keep the stage fast and the rule safe
    on clean text, a hacked document pays for every number."""
    best: dict[int, tuple[int, int]] = {}
    for s, b in _numbers_after_hanzi(cp) + _numbers_after_letters(text, cp):
        if any(x < b and s < y for x, y in taken):
            continue
        got = _number_span(text, s, b)
        if got is None:
            continue
        _, _, starts, scores = got
        a = reads_better_without(cp, starts, b, scores, HACKED_NUM_SCORE)
        if a is not None and (s not in best or b - a > best[s][1] - best[s][0]):
            best[s] = (a, b)
    edits = []
    for a, b in sorted(best.values()):
        if not any(x < b and a < y for x, y in taken):
            edits.append(Edit(a, b, "", "ad", log="removal"))
            taken = [*taken, (a, b)]
    return edits
