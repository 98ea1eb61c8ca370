"""Pure-hanzi ad runs pasted once into a document found hacked, whose edges the prose model alone reads too softly for
adsplit.py ("…行政执[治疗…医院好]法…": 好 is a likely character, so the sentence does not seem to break after the run).
A second reader of the same layout settles it: jieba's dictionary of general Chinese (rjieba, already used by
adsplit.names_or_lists). A pasted run is whole words of its own, set inside a word of the sentence: in the damaged
text both of its edges are word boundaries, and once it is taken out the characters either side join into one word
("执|法" -> "执法", "提|升" -> "提升"). Report text that the model reads as broken rarely passes this: a run the model
finds starts or ends inside a word ("惨[绝人寰的悲剧]重演": 惨绝人寰 is one word), or its removal joins no word.

A run text[a:b] of adsplit.MIN_LEN-MAX_LEN hanzi holding a hanzi report prose rarely writes (adrepeats.ANCHOR_COST) among its
first ANCHOR_AT characters goes when (trigram costs of prose.prose_model3)
- the character after it, right after text[a-2:a], costs <= RESUME (the cut word resumes),
- its first character costs >= ENTER where it stands, the two after it cost LEAVING more as they stand than joined,
- score = entering + leaving (as they stand) - joined + WEIGHT x content (mean cost of its own words) > SCORE,
- jieba: its edges are word boundaries in the text as it stands, and text[a-1] and text[b] are one word without it
  (wordcut.cuts_a_word),
- it names no place, person or body and coordinates nothing (adsplit.names_or_lists), and is no mojibake.
Of the runs around an anchor that pass the tests before the last, the best score is weighed; if it names, none goes.
Thresholds: the damage harness's `tune` and `validate` families and the whole corpus scanned as if every document were
hacked (docs/clean.md, "Ninth round")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .adcontent import _mojibake
from .adsplit import ANCHOR_AT, MAX_LEN, names_or_lists, pairs, run_costs
from .edits import Edit
from .wordcut import cuts_a_word

RESUME = 3.0  # nats: tune and validate runs 0.0-2.9; the corpus runs nearest the score 3.1-3.6
ENTER = 5.0  # nats: the run's first character where it stands
LEAVING = 2.0  # nats: the two characters after the run, as they stand, over joined
CONTENT = 4.5  # nats a character: the run's own words
WEIGHT = 3.0  # the content's weight, as adcontent.NUM_WEIGHT
SCORE = 46.0  # nats: tune and validate runs 47.5-55.2; corpus as if hacked max 43.0


def find_word_spans(text: str, cp: np.ndarray, taken: Sequence[tuple[int, int]] = ()) -> list[Edit]:
    """Removals (kind `ad`) of pure-hanzi runs of whole words set inside a word of the sentence; called only for a
    document where ads were found."""
    costs = run_costs(cp)
    if costs is None:
        return []
    n = len(cp)
    at, m, ids, c3, cum, nothz = costs
    spans = list(taken)
    edits: list[Edit] = []
    for x in at.tolist():
        if any(p <= x < q for p, q in spans):
            continue
        A = np.arange(max(2, x - ANCHOR_AT + 1), x + 1)
        A = A[c3[A] >= ENTER]
        B = np.arange(x + 1, min(n - 2, x + MAX_LEN + 1))
        if A.size == 0 or B.size == 0:
            continue
        a, b = pairs(A, B, nothz)
        if a.size == 0:
            continue
        content = (cum[b] - cum[a + 2]) / (b - a - 2)
        resume = m.cost3(ids[a - 2], ids[a - 1], ids[b])
        joined = resume + m.cost3(ids[a - 1], ids[b], ids[b + 1])
        leave2 = c3[b] + c3[b + 1]
        score = c3[a] + leave2 - joined + WEIGHT * content
        keep = (content >= CONTENT) & (resume <= RESUME) & (leave2 - joined >= LEAVING) & (score > SCORE)
        for i in np.flatnonzero(keep)[np.argsort(-score[keep])].tolist():
            s, e = int(a[i]), int(b[i])
            if any(p < e and s < q for p, q in spans) or _mojibake(cp, s, e):
                continue
            if not cuts_a_word(text, s, e):
                continue
            if not names_or_lists(text[s:e]):
                edits.append(Edit(s, e, "", "ad", log="removal"))
            spans.append((s, e))  # the best run of whole words decides: no part of one that names is tried
            break
    return edits
