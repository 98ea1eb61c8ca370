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
