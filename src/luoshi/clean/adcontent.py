"""What an ad run says, not only where it stands: the mean trigram cost of the run's own characters under the model
of report prose (prose.prose_model3), for the runs adnumbers.py and adrepeats.py find by their edges.

Their edge scores (entering + leaving) miss a run pasted at a word boundary ("…经济[ad]发展…": the sentence flows on
either side). But the run's text itself reads unlike report prose: ad wording has many characters a report would not
write after the two before them ("…效果怎么样", "…一比一复刻…", "…日赚…"), so its mean cost is high (5.8-10 nats for
every tune and validate run), where the report's own repeated phrases and numbered items mostly read as prose;
names that do not (up to 8.6 nats) read as prose at the edges of their copies. So a candidate that failed its
rule's edge threshold still goes when
- a number run (adnumbers.py): edge score + NUM_WEIGHT x mean content cost > NUM_CONTENT_SCORE;
- a repeated run (adrepeats.py): the median edge score of its copies > REPEAT_MEDIAN (most copies break the prose;
  the lowest copy, pasted at a word boundary, no longer decides alone) and its mean content cost > REPEAT_CONTENT,
  or a median > REPEAT_MEDIAN_LOW and a content cost > REPEAT_CONTENT_HIGH.
Mojibake runs read unlike prose too (their characters fall in the model's unknown class): a run with more than
MAX_UNKNOWN such characters is never taken here. Thresholds were read from the damage harness's `tune` families and
the whole corpus (docs/clean.md, "Sixth round"), but REPEAT_MEDIAN_LOW / REPEAT_CONTENT_HIGH after reading the held-out
runs left: a second draw (seed 7) is the unread check.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .prose import prose_model3

NUM_WEIGHT = 3.0
NUM_CONTENT_SCORE = 35.0  # nats: corpus max 28.6 on reports outside the model's training, 26.9 inside it
# nats, and nats a character: no corpus run has both (the nearest: median 5.8 with content 0.1, "孟超肝胆医院"; median
# 2.3 with content 5.8, "国产操作系统")
REPEAT_MEDIAN, REPEAT_CONTENT = 6.0, 5.0
# or copies that break the prose less often, with words further from a report's (corpus: no run has a median above 0
# and content above 5.8, nor content above 6.5 and a median above -1.4)
REPEAT_MEDIAN_LOW, REPEAT_CONTENT_HIGH = 3.0, 7.0
# a number run, from any of its starts: edge score + NUM_WEIGHT x content - the cost of the two sides joined
# (docs/clean.md, "Seventh round"; corpus max 23.1, tune runs 28.6-31.6)
NUM_JOIN_SCORE = 28.0
MAX_UNKNOWN = 1
MAX_CONTENT = 10.0  # nats a character: no run of words reads worse (mojibake aside): a cheap bound before scoring


def content_cost(cp: np.ndarray, a: int, b: int) -> float:
    """Mean trigram cost, in nats, of text[a+2:b] after the run's own characters before them (0 for a short run)."""
    if b - a < 3:
        return 0.0
    m = prose_model3()
    ids = m.cmap[np.minimum(cp[a:b], 0xFFFF)].astype(np.int64)
    return float(m.cost3(ids[:-2], ids[1:-1], ids[2:]).mean())


def _mojibake(cp: np.ndarray, a: int, b: int) -> bool:
    """More than MAX_UNKNOWN hanzi the model does not know (mojibake of the 1954-2019 file: "锛屽姫")."""
    m = prose_model3()
    seg = cp[a:b]
    hz = (seg - np.uint32(0x4E00)) <= 0x9FFF - 0x4E00
    return int((m.cmap[np.minimum(seg[hz], 0xFFFF)] == 0).sum()) > MAX_UNKNOWN


def unlike_number(cp: np.ndarray, a: int, b: int, score: float) -> bool:
    """A number run text[a:b] whose edges scored `score` (adnumbers.py) and whose words read unlike report prose."""
    if score + NUM_WEIGHT * MAX_CONTENT <= NUM_CONTENT_SCORE:
        return False
    return score + NUM_WEIGHT * content_cost(cp, a, b) > NUM_CONTENT_SCORE and not _mojibake(cp, a, b)


def unlike_repeat(cp: np.ndarray, spans: Sequence[tuple[int, int]], scores: Sequence[float]) -> bool:
    """A repeated run (adrepeats.py) whose copies mostly break the prose (median edge score) and whose words read
    unlike report prose (the first copy's content)."""
    a, b = spans[0]
    median = float(np.median(scores))
    if median <= min(REPEAT_MEDIAN, REPEAT_MEDIAN_LOW) or _mojibake(cp, a, b):
        return False
    content = content_cost(cp, a, b)
    return (median > REPEAT_MEDIAN and content > REPEAT_CONTENT) or content > REPEAT_CONTENT_HIGH


def reads_better_without(cp: np.ndarray, starts: np.ndarray, b: int, scores: np.ndarray,
                         at_least: float = NUM_JOIN_SCORE) -> int | None:
    """The start a of a number run text[a:b] (adnumbers.py: its possible starts and their edge scores) where the
    sentence reads better without the run: edge score + NUM_WEIGHT x content cost - what the two sides cost joined
    (the two characters after b right after a-1) > `at_least` (NUM_JOIN_SCORE); None if no start does. The edge score alone
    rewards a run whose removal leaves a clumsy join as much as one whose removal leaves the sentence whole; here a
    clumsy join counts against it ("…美元的[台湾联电12]寸晶圆片…": 寸 after 美元的), and every start is weighed with
    its content, not only the start whose edges break most."""
    if float(scores.max()) + NUM_WEIGHT * MAX_CONTENT <= at_least:
        return None
    m = prose_model3()
    lo = int(starts.min())
    ids = m.cmap[np.minimum(cp[lo - 2:b + 2], 0xFFFF)].astype(np.int64)
    n = b - lo  # ids[k] is text[lo - 2 + k]
    c3 = m.cost3(ids[:n], ids[1:n + 1], ids[2:n + 2])  # c3[k]: text[lo + k] after the two before it
    cum = np.concatenate(([0.0], np.cumsum(c3)))
    k = starts - lo  # each start, from lo
    content = (cum[n] - cum[k + 2]) / np.maximum(n - k - 2, 1)  # text[a+2:b] after their two before (content_cost)
    a2, a1 = ids[k], ids[k + 1]  # text[a-2], text[a-1]
    y, z = np.full(k.size, ids[n + 2]), np.full(k.size, ids[n + 3])  # text[b], text[b+1]
    joined = m.cost3(np.concatenate((a2, a1)), np.concatenate((a1, y)), np.concatenate((y, z))).reshape(2, -1).sum(0)
    total = scores + NUM_WEIGHT * content - joined
    i = int(np.argmax(total))
    a = int(starts[i])
    if total[i] > at_least and not _mojibake(cp, a, b):
        return a
    return None
