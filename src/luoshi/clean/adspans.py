"""Ad runs injected inside sentences that no word list names ("…推进开元棋牌官方下载1251产业…"), found by the model
of report prose: a run that breaks a sentence mid-clause, around a cue (data/ad_cues.txt: Latin glued into Chinese,
a contact number, calls to download, betting words), whose removal lets the sentence's own prose resume.

Score of a span [a, b) holding the cue, in nats (trigram costs of the prose model, prose.prose_model3):
    cost(chars a..b+1 as they stand) - cost(b, b+1 right after a-1)       what the splice costs the prose
    - sum over the span of its unigram cost (capped at GENERIC_CAP)         a generic model of the span itself
    - SWITCH                                                                 two switches of register
The best span of a cue's window is removed when the score is > 0 (> SWITCH for a capital Latin word: report prose
has them, "GDP"; those the list data/prose_latin.txt names are no cue). A span holds only hanzi, Latin, digits and
._-/: (never punctuation) and at least one Latin letter or digit (a brand, a domain, a number), has such a
character on either side (it breaks a clause) and never cuts a run of Latin, digits and ._-/: (a URL is never cut
into). Only lines with a cue are scored (speed); cues are found by adcues.py. Runs that end in a number and carry
no cue ("…每天赚300…") are adnumbers.py's, scored after these.
"""

from __future__ import annotations

import re

import numpy as np

from .. import data_file
from .adcues import code_points, find_cues
from .adnumbers import find_hacked_number_spans, find_number_spans
from .adrepeats import HACKED_KEY_STARTS, find_echoes, find_repeated_spans
from .adsplit import find_split_spans, names_or_lists
from .adwords import find_word_spans
from .edits import Edit
from .prose import prose_model3

WINDOW = 28  # characters either side of the cue
MIN_LEN, MAX_LEN = 3, 32
SWITCH = 10.0
# in a document found hacked, a capital word's span pays less: bulk corpus, every capital word scored as if hacked,
# max 5.9 ("国华[HG14]并网发电") for words outside data/prose_latin.txt and 15.7 ("家电端侧[AI]感知") for words in it
HACKED_SWITCH, HACKED_REPORT_LATIN = 8.0, 18.0
GENERIC_CAP = 8.0
_SPAN_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9._\-/:]")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_RUN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/:")
_ASCII_RUN = re.compile(r"[A-Za-z0-9._\-/:]")  # a brand, a number, a domain or a URL: never cut inside
_LETTERS = re.compile(r"[A-Za-z]+")
_CAPITAL = re.compile(r"[A-Z]{2}")
REPORT_LATIN = frozenset(data_file.lines(__package__, "prose_latin.txt"))


def _best_span(text: str, lo: int, hi: int, cue_start: int, cue_end: int,
               at_least: float = 0.0) -> tuple[float, int, int] | None:
    m = prose_model3()
    seg = "\n" + text[lo:hi] + "\n"  # a line break either side: the model's line edge
    ids = m.ids(seg).astype(np.int64)
    n = len(ids)
    c3 = np.zeros(n)
    c3[1] = m.surprisal(seg[:2])[1]
    c3[2:] = m.cost3(ids[:-2], ids[1:-1], ids[2:])
    g = np.minimum(m.uni_cost[ids] / 8.0, GENERIC_CAP)
    ce = np.concatenate([[0.0], np.cumsum(c3)])
    cg = np.concatenate([[0.0], np.cumsum(g)])
    ca, cb = cue_start - lo + 1, cue_end - lo + 1  # offsets in seg
    a_, b_ = np.arange(2, ca + 1)[:, None], np.arange(cb, n - 2)[None, :]
    if a_.size == 0 or b_.size == 0:
        return None
    A, B = np.broadcast_arrays(a_, b_)
    joined = m.cost3(ids[A - 2], ids[A - 1], ids[B]) + m.cost3(ids[A - 1], ids[B], ids[B + 1])
    score = (ce[B + 2] - ce[A]) - joined - (cg[B] - cg[A]) - SWITCH
    alnum = np.array([bool(_ALNUM.match(ch)) for ch in seg] + [False])
    run = np.array([bool(_ASCII_RUN.match(ch)) for ch in seg] + [False])
    nalnum = np.concatenate([[0], np.cumsum(alnum[:-1])])  # an ad carries a brand, a domain or a number
    inner = np.array([bool(_SPAN_CHARS.match(ch)) for ch in seg] + [False])
    bad = np.concatenate([[0], np.cumsum(~inner[:-1])])
    # mid-clause: prose on both sides (no punctuation), the span itself without punctuation, no Latin/digit run cut
    ok = ((B - A >= MIN_LEN) & (B - A <= MAX_LEN) & ~(run[A - 1] & run[A]) & ~(run[B - 1] & run[B])
          & (bad[B] == bad[A]) & inner[A - 1] & inner[B] & (nalnum[B] > nalnum[A]))
    score = np.where(ok, score, -np.inf)
    i, j = np.unravel_index(int(np.argmax(score)), score.shape)
    if not score[i, j] > at_least:
        return None
    return float(score[i, j]), lo + int(A[i, j]) - 1, lo + int(B[i, j]) - 1


def _glued(text: str, a: int, b: int) -> bool:
    """The run of Latin, digits and ._-/: around text[a:b] touches a hanzi (a brand or domain inside Chinese text)."""
    while a > 0 and text[a - 1] in _RUN_CHARS:
        a -= 1
    while b < len(text) and text[b] in _RUN_CHARS:
        b += 1
    return (a > 0 and "\u4e00" <= text[a - 1] <= "\u9fff") or (b < len(text) and "\u4e00" <= text[b] <= "\u9fff")


def _brand_like(text: str, a: int, b: int, report_latin: bool = False) -> bool:
    """Latin glued to Chinese that may be a brand or domain: not one letter repeated ("xx", "XX 市": a name left out),
    not a capital word of report prose (data/prose_latin.txt: "GDP", "PPP", built with the model) unless
    `report_latin`."""
    word = _LETTERS.match(text, a)
    if not report_latin and word and word.group() in REPORT_LATIN:  # only capital words are listed
        return False
    letters = {ch.lower() for ch in text[a:b] if ch.isalpha()}
    return len(letters) >= 2 and _glued(text, a, b)


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The cue's window: WINDOW characters either side, inside its line."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    return max(ls, start - WINDOW), min(le, end + WINDOW)


def _hacked_capitals(text: str, capitals: list[tuple[int, int, float]], taken: list[tuple[int, int]]) -> list[Edit]:
    """In a document found hacked, the capital words that were no cue or whose best span scored under SWITCH are
    weighed again, their span paying HACKED_SWITCH (HACKED_REPORT_LATIN for a word of data/prose_latin.txt)."""
    edits = []
    for start, end, at_least in capitals:
        if any(x < end and start < y for x, y in taken):
            continue
        if at_least == HACKED_REPORT_LATIN and not (_CAPITAL.match(text, start)
                                                    and _brand_like(text, start, end, report_latin=True)):
            continue
        lo, hi = _window(text, start, end)
        if hi - lo < MIN_LEN + 4:
            continue
        best = _best_span(text, lo, hi, start, end, at_least)
        if best and not any(x < best[2] and best[1] < y for x, y in taken):
            edits.append(Edit(best[1], best[2], "", "ad", log="removal"))
            taken = [*taken, (best[1], best[2])]
    return edits


def find_ad_spans(text: str, hacked: bool = False) -> list[Edit]:
    """Removals (kind `ad`) of the injected runs the model finds around each cue. `hacked`: an earlier step (the word
    lists of chrome.py) already found an ad in the document, so adsplit.py looks for pasted runs even when the model's
    rules here find none."""
    edits: list[Edit] = []
    done = -1
    cp = code_points(text)
    capitals: list[tuple[int, int, float]] = []  # capital words left, to weigh again if the document is hacked
    for cue in find_cues(text, cp):
        if cue.start() < done:
            continue
        if cue.group().isascii() and not _brand_like(text, cue.start(), cue.end()):
            if cue.group()[0].isupper():  # judged in a hacked document only (_hacked_capitals)
                capitals.append((cue.start(), cue.end(), HACKED_REPORT_LATIN))
            continue
        capital = bool(_CAPITAL.match(cue.group()))
        lo, hi = _window(text, cue.start(), cue.end())
        if hi - lo < MIN_LEN + 4 or not _ALNUM.search(text, max(lo, cue.start() - MAX_LEN), min(hi, cue.end() + MAX_LEN)):
            continue  # a span carries a Latin letter or a digit: none near the cue, no span
        # a capital word is report prose's own register ("GDP", and names the list has not seen: "HG14", "CEO"): the
        # span pays one more switch of register
        best = _best_span(text, lo, hi, cue.start(), cue.end(), SWITCH if capital else 0.0)
        if best:
            _, a, b = best
            edits.append(Edit(a, b, "", "ad", log="removal"))
            done = b
        elif capital:
            capitals.append((cue.start(), cue.end(), HACKED_SWITCH))
    # then runs that end in a number and carry no cue ("…每天赚300"), judged by the model alone (adnumbers.py)
    edits += find_number_spans(text, cp, [(e.start, e.end) for e in edits])
    # and runs pasted more than once, cue or not ("…三天瘦十斤的减肥药效果怎么样…" twice), by repetition (adrepeats.py)
    edits += find_repeated_spans(text, cp, [(e.start, e.end) for e in edits])
    if edits or hacked:  # a document found hacked: capital words again, every number's run (adnumbers.py), repeats
        # keyed on their anchor's left (adrepeats.py), runs with no cue, no number (adsplit.py)
        edits += _hacked_capitals(text, capitals, [(e.start, e.end) for e in edits])
        edits += find_hacked_number_spans(text, cp, [(e.start, e.end) for e in edits])
        # (what only this key finds must name nothing, as adsplit.py's runs: "尽早从柬埔寨" is repeated in a report)
        edits += [e for e in find_repeated_spans(text, cp, [(e.start, e.end) for e in edits], HACKED_KEY_STARTS)
                  if not names_or_lists(text[e.start:e.end])]
        edits += find_split_spans(text, cp, [(e.start, e.end) for e in edits])
        # and pure-hanzi runs of whole words set inside a word, read by jieba's dictionary too (adwords.py)
        edits += find_word_spans(text, cp, [(e.start, e.end) for e in edits])
    edits += find_echoes(text, [(e.start, e.end) for e in edits])  # the other copies of what was found
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, -e.end)):
        if not out or e.start >= out[-1].end:  # a run inside an echo that holds it goes with the echo
            out.append(e)
    return out
