"""Ad runs pasted into a document more than once ("…全面三天瘦十斤的减肥药效果怎么样建成…" twice or more), found by
their repetition and where they stand, not by their words: a spammer pastes the same run into many sentences, and
each time the sentence breaks around it and resumes after it (often mid-word). The run may carry no cue at all
(pure hanzi: no Latin, no number, no word of a list), which adspans.py and adnumbers.py need.

1. anchors (numpy, cheap): hanzi that report prose rarely writes (unigram cost >= ANCHOR_COST nats under the model
   of report prose); the six characters around each anchor (two before, three after) are its key, and keys seen
   two or more times in the document (and at most MAX_COPIES) are repeats.
2. each repeat is widened to what all its copies share (a number or a Latin brand inside is skipped over: "…日赚300元"
   and "…日赚4512元" are one run), and kept when every copy stands inside a sentence (a hanzi on either side), holds
   MIN_HANZI hanzi or more and at most MAX_LEN characters.
3. score of a copy text[a:b] (prose.edge_breaks, the score of adnumbers.py too): entering (its first two characters
   after the sentence, against after a line edge) + leaving (the two characters after b as they stand, against right
   after a-1: the sentence resumes). Every copy goes when the lowest score of the copies is > REPEAT_SCORE (a repeated
   phrase of the report itself, "新疆生产建设兵团", reads as prose at its edges in at least one place).
Thresholds were read from the damage harness's `tune` families only (eval/damage/phrases.tsv) and the whole corpus.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache

import numpy as np

from .adcontent import unlike_repeat
from .adnumbers import NUM_BREAK, _digit_costs
from .edits import Edit
from .prose import STEP, edge_breaks, prose_model3

ANCHOR_COST = 10.0  # nats: a hanzi this rare in reports anchors a repeat (~1 character in 40 of the corpus)
MIN_HANZI = 6
MAX_LEN = 32
MAX_COPIES = 12  # a run found more often is the report's own phrase (a name, a slogan)
# where a key starts before its anchor (six characters): two before, and one before (an anchor second in its run,
# "代孕…", "高仿…", would key on the report's character before the run only). The second finds phrases of the report
# whose edges break the prose more ("未成年人[涉毒违法犯罪]人数", lowest score 6.9): what it alone finds goes only when
# its words read unlike report prose too (adcontent.unlike_repeat)
KEY_STARTS = (-2, -1)
# in a document found hacked, a third key ends at its anchor (five before it): a run whose only rare hanzi is its last
# before a number ("…证件加薇" + a number that differs between copies) has no all-hanzi key of the two above
HACKED_KEY_STARTS = (-5,)
REPEAT_SCORE = 7.0  # nats: the prose breaks at both ends of every copy by more than this (corpus max 4.8)


@cache
def _anchor_table() -> np.ndarray:
    m = prose_model3()
    tab = np.zeros(0x110000, dtype=bool)  # every code point: looked up without clipping
    hz = np.arange(0x4E00, 0xA000)
    tab[hz] = m.uni_cost[m.cmap[hz]] >= ANCHOR_COST * STEP
    return tab


def _hz(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _widen(text: str, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]] | None:
    """What every copy shares around the repeat: hanzi to the left while all copies agree; to the right the same,
    a run of digits and Latin letters skipped over where every copy has one."""
    n = len(text)
    while starts[0] > 0:  # the first copy's character before it, the same hanzi before every copy
        ch = text[starts[0] - 1]
        if not _hz(ch) or any(a == 0 or text[a - 1] != ch for a in starts):
            break
        starts = [a - 1 for a in starts]
        if ends[0] - starts[0] > MAX_LEN:
            return None
    while True:
        ch = text[ends[0]] if ends[0] < n else ""
        if ch and _hz(ch) and all(b < n and text[b] == ch for b in ends):
            ends = [b + 1 for b in ends]
        elif all(b < n and _alnum(text[b]) for b in ends):
            new = []
            for b in ends:
                while b < n and _alnum(text[b]):
                    b += 1
                new.append(b)
            ends = new
        else:
            break
        if max(b - a for a, b in zip(starts, ends)) > MAX_LEN:
            return None
    return starts, ends


def _scores(cp: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """Entering + leaving, in nats, of each span text[a:b] (a >= 2, b + 2 <= len(text)), one cost3 call."""
    a, b = np.array(spans, dtype=np.int64).T
    ids = prose_model3().cmap[np.minimum(cp[[a - 2, a - 1, a, a + 1, b - 2, b - 1, b, b + 1]], 0xFFFF)]
    return edge_breaks(*ids.astype(np.int64))


def repeated_runs(text: str, cp: np.ndarray, key_starts: Sequence[int] = KEY_STARTS
                  ) -> list[tuple[float, list[tuple[int, int]], bool, list[float]]]:
    """Every repeated run inside sentences, (lowest score of its copies, its copies, found by the first key, the
    score of each copy), before any threshold."""
    if len(cp) < 16:
        return []
    at = np.flatnonzero(_anchor_table()[cp])
    at = at[(at >= 4) & (at + 6 < len(cp))]
    if at.size < 2:
        return []
    ats, keys, los = [], [], []
    for j, lo in enumerate(key_starts):
        at_j = at[(at + lo >= 2) & (at + lo + 6 <= len(cp))]
        w = cp[at_j[:, None] + np.arange(lo, lo + 6)].astype(np.uint64)
        hz = ((w - np.uint64(0x4E00)) <= 0x9FFF - 0x4E00).all(axis=1)
        w = w[hz]
        key = np.full(w.shape[0], j, dtype=np.uint64)
        for k in range(6):
            key = key * np.uint64(0x10001) + w[:, k]  # distinct enough: equal keys are compared as text below
        ats.append(at_j[hz])
        keys.append(key)
        los.append(np.full(w.shape[0], lo))
    key, at, lo_of = np.concatenate(keys), np.concatenate(ats), np.concatenate(los)
    order = np.argsort(key, kind="stable")
    key, at, lo_of = key[order], at[order], lo_of[order]
    first = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    size = np.diff(np.concatenate((first, [key.size])))
    keep = (size >= 2) & (size <= MAX_COPIES)
    first, size = first[keep], size[keep]
    # first copies in text order (a run's other anchors then fall inside it), the first key's repeats before the
    # second's (a run both find is the first's: its rule is the old one)
    by_pos = np.lexsort((at[first], lo_of[first]))
    groups: list[list[tuple[int, int]]] = []
    first_key: list[bool] = []
    widened: dict[int, int] = {}  # what the first copies of the repeats widened so far cover: another anchor there
    for f, k in zip(first[by_pos].tolist(), size[by_pos].tolist()):  # finds the same run
        pos = at[f:f + k].tolist()  # in text order (the sort by key was stable)
        lo = int(lo_of[f])
        if widened.get(pos[0]) == k or len({text[p + lo:p + lo + 6] for p in pos}) != 1:
            continue
        got = _widen(text, [p + lo for p in pos], [p + lo + 6 for p in pos])
        if got is None:
            widened.update(dict.fromkeys(range(pos[0] + lo, pos[0] + lo + 6), k))
            continue
        starts, ends = got
        spans = list(zip(starts, ends))
        widened.update(dict.fromkeys(range(starts[0], ends[0]), k))
        if any(b1 > a2 for (_, b1), (a2, _) in itertools.pairwise(spans)):
            continue  # copies overlap: a run of one character repeated, not a pasted run
        if any(a < 2 or b + 2 > len(text) or not (_hz(text[a - 1]) or _alnum(text[a - 1]))
               or not (_hz(text[b]) or _alnum(text[b])) for a, b in spans):
            continue  # a copy at a line's or a clause's edge: not pasted inside a sentence
        if sum(_hz(ch) for ch in text[starts[0]:ends[0]]) < MIN_HANZI:
            continue
        groups.append(spans)
        first_key.append(lo == KEY_STARTS[0])
    if not groups:
        return []
    scores = _scores(cp, [sp for spans in groups for sp in spans]).tolist()
    out, i = [], 0
    for spans, by_first in zip(groups, first_key):
        out.append((min(scores[i:i + len(spans)]), spans, by_first, scores[i:i + len(spans)]))
        i += len(spans)
    return out


def find_repeated_spans(text: str, cp: np.ndarray, taken: Sequence[tuple[int, int]] = (),
                        key_starts: Sequence[int] = KEY_STARTS) -> list[Edit]:
    """Removals (kind `ad`) of runs pasted two or more times inside sentences that break the prose at every copy;
    a copy another rule already took (whole or in part) stays that rule's. What a key other than the first
    (KEY_STARTS[0]) finds goes only by its words (adcontent.unlike_repeat)."""
    edits: list[Edit] = []
    taken = list(taken)
    for score, spans, by_first, each in sorted(repeated_runs(text, cp, key_starts), key=lambda t: -t[0]):
        if (score <= REPEAT_SCORE or not by_first) and not unlike_repeat(cp, spans, each):
            continue  # a copy reads as prose at its edges, and the run's words are not unlike a report's
        for a, b in spans:
            b = _figure_end(text, b)
            if not any(x < b and a < y for x, y in taken):
                edits.append(Edit(a, b, "", "ad", log="removal"))
                taken.append((a, b))
    return edits


def _figure_end(text: str, b: int) -> int:
    """The end of a run text[a:b] that ends in a number: b, or the start of the number when the character after it
    is likely after a digit (adnumbers.py's NUM_BREAK): in "…游客[run]450万人次" the figure is the report's."""
    if b < len(text) and text[b - 1].isdigit() and _digit_costs()[1][int(prose_model3().ids(text[b])[0])] < NUM_BREAK:
        while text[b - 1].isdigit():
            b -= 1
    return b


_RUN_PART = re.compile(r"[0-9]+|[A-Za-z][A-Za-z0-9]*|[^0-9A-Za-z]")


def _pattern(run: str) -> re.Pattern[str]:
    """The run with its numbers and Latin brands left open ("…日赚300元" -> "…日赚[0-9]+元"), but for its first
    part (what stands before a copy is the report's)."""
    parts = _RUN_PART.findall(run)
    return re.compile(re.escape(parts[0]) + "".join(
        r"[0-9]+" if p[0].isdigit() else r"[A-Za-z][A-Za-z0-9]*" if p[0].isascii() and p[0].isalpha()
        else re.escape(p) for p in parts[1:]))


def find_echoes(text: str, found: Sequence[tuple[int, int]]) -> list[Edit]:
    """Removals (kind `ad`) of the other copies of runs already found as ads in this document (by any rule: one
    copy that broke the prose enough is evidence for all), numbers and brands left open; only runs of MIN_HANZI
    hanzi or more, and only copies inside a sentence (a hanzi, digit or letter on either side). A copy that ends in
    an open number must be followed by a character unlikely after a digit (adnumbers.py's NUM_BREAK), else the
    number stays: in "…游客[run]450万人次" the figure is the report's."""
    edits: list[Edit] = []
    taken = list(found)
    for run in dict.fromkeys(text[a:b] for a, b in found):
        if sum(_hz(ch) for ch in run) < MIN_HANZI:
            continue
        for m in _pattern(run).finditer(text):
            a, b = m.start(), m.end()
            # a copy that holds a run a rule found in part (adnumbers.py may start one later) takes its place
            if any(x < b and a < y and not (a <= x and y <= b and (x, y) != (a, b)) for x, y in taken) \
                    or a == 0 or b >= len(text):
                continue
            if not ((_hz(text[a - 1]) or _alnum(text[a - 1])) and (_hz(text[b]) or _alnum(text[b]))):
                continue
            b = _figure_end(text, b)  # the figure may be the report's: the run goes, the figure stays
            edits.append(Edit(a, b, "", "ad", log="removal"))
            taken.append((a, b))
    return edits
