"""'财政总收入788.42亿元，增长26.3%，其中地方财政收入391.62亿元': the local part of a fiscal whole, named after 其中
right after the whole's figure, is the local budget revenue (general_budget_revenue): a part is not its whole. A bare
地方财政收入 stays fiscal_revenue_total (its metrics.tsv alias), also in a report that names 财政总收入 elsewhere: the
labelling convention in docs/eval/stratified.md ("地方财政收入")."""

from __future__ import annotations

import re

from . import lexicon, metrics
from .draft import CLAUSE_DELIMS, Draft, clause_start
from .quantities import scan

WHOLE = "fiscal_revenue_total"
PART = "general_budget_revenue"
WHOLE_NAMES = frozenset(lexicon.words("local_part_wholes"))
LOCAL_PART_NAMES = frozenset(lexicon.words("local_part_names"))
GROWTH_END_RE = re.compile(r"增长[\s\u3000]*[\d.]+[\s\u3000]*[%％][\s\u3000]*$")
LOCAL_PART_RE = re.compile(f"[\\s\u3000]*其中(?:{lexicon.pattern('local_part_names')})")
# "财政总收入、地方财政收入分别完成217.9亿元、79亿元": the part listed right after its whole, sharing the clause's figures
# (not after a qualified whole: "公共财政收入和地方财政收入" pairs two budgets' names, not a whole and its part)
LISTED_PART_RE = re.compile(
    f"(?<!公共)(?<!预算)(?:{lexicon.pattern('local_part_wholes')})[、和与及](?:{lexicon.pattern('local_part_names')})"
)


def local_part(text: str, sent_start: int, d: Draft) -> bool:
    """True when the draft's clause opens with 其中 + a local part name right after the whole's figure (and its growth,
    if any) under a name of lexicon class local_part_wholes ("实现财政收入130.88亿元，增长24.2%，", "财政收入达到309.5亿元，")."""
    if d.metric != WHOLE:
        return False
    cs = clause_start(text, sent_start, d.q.start, CLAUSE_DELIMS)
    if d.metric_text in LOCAL_PART_NAMES and LISTED_PART_RE.search(text, cs, d.q.start):
        return True
    if cs <= sent_start or not LOCAL_PART_RE.match(text, cs, d.q.start):
        return False
    bs = cs - 1  # the clause before 其中 ends with the whole's growth ("增长24.2%"); the whole stands in it or before it
    if bs <= sent_start:
        return False
    gs = clause_start(text, sent_start, bs, CLAUSE_DELIMS)
    if metrics.find(text[gs:bs]) is None:  # "…，增长24.2%，其中…": the whole in the clause before the growth
        if gs - 1 <= sent_start or not GROWTH_END_RE.search(text, gs, bs):
            return False
        gs = clause_start(text, sent_start, gs - 1, CLAUSE_DELIMS)
    whole = text[gs:bs]
    found = metrics.find(whole)
    return found is not None and found[0] == WHOLE and bool(scan(text, gs, bs)) \
        and metrics.normalise(whole)[found[1]:found[2]] in WHOLE_NAMES
