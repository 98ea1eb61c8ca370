"""Pure-hanzi ad runs pasted once into a document already found hacked ("…教[高仿名表一比一复刻货到付款]育…"): no cue,
no number, no repeat, so only where the run stands and what it says give it away. Looked for only in a document
where another rule found an ad (a spammer pastes many runs; the rules of adspans.py, adnumbers.py and adrepeats.py
find most of them), which keeps the stage's speed on clean text; the thresholds hold on every report of the whole
corpus scanned as if hacked (docs/clean.md, "Seventh round").

A run text[a:b] of hanzi goes when the sentence reads better without it, at both edges (trigram costs of
prose.prose_model3, each character after the two before it):
- the sentence was writing a word the run cut: the character after the run is likely right after text[a-1]
  (cost <= RESUME, "教…育", "项…目"), and the two characters after the run cost little there (<= JOINED);
- the run's first character is unlikely where it stands (>= ENTER), and so is the character after its end
  (>= LEAVE), and the two characters after the run cost LEAVING more as they stand than joined: the prose breaks at
  both edges and reads on better without the run;
- its own words read unlike report prose (mean cost >= CONTENT), and it holds a hanzi report prose rarely writes
  (adrepeats.ANCHOR_COST) among its first ANCHOR_AT characters;
- it names no place, person or body and coordinates nothing (jieba's tags: report prose lists names and clauses).
Of the runs that qualify around an anchor, the one whose edges break most and whose join costs least goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from .adcontent import _mojibake
from .adrepeats import _anchor_table
from .edits import Edit
from .prose import prose_model3

RESUME = 1.5  # nats: the character after the run, right after text[a-1] (a word the run cut resumes)
JOINED = 7.0  # nats: the two characters after the run, right after text[a-2:a]
ENTER = 8.0  # nats: the run's first character where it stands
LEAVE = 8.5  # nats: the character after the run where it stands
LEAVING = 6.0  # nats: the two characters after the run cost this much more as they stand than right after text[a-2:a]
CONTENT = 5.0  # nats a character: the run's own words (report phrases read at 0.2-5)
ANCHOR_AT = 6  # the rare hanzi stands among the run's first characters
MIN_LEN, MAX_LEN = 6, 26
# jieba's part-of-speech tags of the report's own runs (rjieba, a dependency of the store's segmenter): names of places,
# people and bodies, and conjunctions (和, 或, 并, 及: a run that coordinates is part of the sentence's list)
REPORT_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "c"})


def names_or_lists(run: str) -> bool:
    """The run names a place, a person or a body, or coordinates (jieba's dictionary and tags, general Chinese):
    report prose names and lists where its edges read as broken ("秦淮[灵丘和中联阳高]数据中心", "公祭[中华人文始祖]
    伏羲大典", "亟待[正视和需要迫切]解决"); a pasted ad says what it sells.
    rjieba is imported here, not above: it loads jieba's dictionary (0.12 s), which only a hacked document needs."""
    import rjieba

    return any(tag in REPORT_TAGS for _, tag in rjieba.tag(run, False))


class RunCosts(NamedTuple):
    """What both readers of pure-hanzi runs (this module and adwords.py) compute once per document: the anchors (rare
    hanzi), the prose model's trigram cost of each character where it stands, and running sums for spans."""

    at: np.ndarray  # positions of anchors that leave room for a run
    m: Any  # prose_model3()
    ids: np.ndarray  # model ids of the characters
    c3: np.ndarray  # cost of each character after the two before it
    cum: np.ndarray  # running sum of c3 (cum[j] - cum[i] = cost of text[i:j])
    nothz: np.ndarray  # running count of characters that are not hanzi


def run_costs(cp: np.ndarray) -> RunCosts | None:
    """The document's costs, or None when it is too short or holds no anchor."""
    n = len(cp)
    if n < 16:
        return None
    at = np.flatnonzero(_anchor_table()[cp])
    at = at[(at >= 4) & (at + MIN_LEN + 2 < n)]
    if at.size == 0:
        return None
    m = prose_model3()
    ids = m.cmap[np.minimum(cp, 0xFFFF)].astype(np.int64)
    c3 = np.zeros(n)
    c3[2:] = m.cost3(ids[:-2], ids[1:-1], ids[2:])
    hz = (cp - np.uint32(0x4E00)) <= 0x9FFF - 0x4E00
    return RunCosts(at, m, ids, c3, np.concatenate(([0.0], np.cumsum(c3))), np.concatenate(([0], np.cumsum(~hz))))


def pairs(A: np.ndarray, B: np.ndarray, nothz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every start in A with every end in B that makes a run of MIN_LEN-MAX_LEN with text[a-1:b+1] all hanzi."""
    a, b = (v.ravel() for v in np.meshgrid(A, B, indexing="ij"))
    ok = (b - a >= MIN_LEN) & (b - a <= MAX_LEN) & (nothz[b + 1] == nothz[a - 1])
    return a[ok], b[ok]


def find_split_spans(text: str, cp: np.ndarray, taken: Sequence[tuple[int, int]] = ()) -> list[Edit]:
    """Removals (kind `ad`) of pure-hanzi runs that cut a word of the sentence and read unlike report prose; called
    only for a document where ads were found (`taken` non-empty)."""
    costs = run_costs(cp)
    if costs is None:
        return []
    n = len(cp)
    at, m, ids, c3, cum, nothz = costs
    edits: list[Edit] = []
    spans = list(taken)
    done = -1
    for x in at.tolist():
        if x < done or any(p <= x < q for p, q in spans):
            continue
        A = np.arange(max(2, x - ANCHOR_AT + 1), x + 1)
        A = A[c3[A] >= ENTER]
        if A.size == 0:
            continue
        B = np.arange(x + 1, min(n - 2, x + MAX_LEN + 1))
        B = B[c3[B] >= LEAVE]
        if B.size == 0:
            continue
        a, b = pairs(A, B, nothz)
        if a.size == 0:
            continue
        content = (cum[b] - cum[a + 2]) / (b - a - 2)
        keep = content >= CONTENT
        a, b = a[keep], b[keep]
        if a.size == 0:
            continue
        resume = m.cost3(ids[a - 2], ids[a - 1], ids[b])
        joined = resume + m.cost3(ids[a - 1], ids[b], ids[b + 1])
        keep = (resume <= RESUME) & (joined <= JOINED) & (c3[b] + c3[b + 1] - joined >= LEAVING)
        if not keep.any():
            continue
        a, b, joined = a[keep], b[keep], joined[keep]
        i = int(np.argmax(c3[a] + c3[b] - joined))
        s, e = int(a[i]), int(b[i])
        if any(p < e and s < q for p, q in spans) or _mojibake(cp, s, e):
            continue
        if names_or_lists(text[s:e]):
            continue
        edits.append(Edit(s, e, "", "ad", log="removal"))
        spans.append((s, e))
        done = e
    return edits
