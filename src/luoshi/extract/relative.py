"""Relative targets: the relations relation.py reads that do not become facts ("城乡居民收入增长与经济增长同步",
"财政收入与经济增长同步", "进出口总额增速高于全国平均水平"), for `Report.relative_targets` (docs/extract.md).

One reader (relation.relation_facts); here only what keeps an entry out of the list besides: a term's goal, a
part's, a relation to the report's own jurisdiction, a goal explained in the notes.
"""

from __future__ import annotations

import re

from ..models import Fact, Report, Sentence
from ..parse import is_back_matter
from . import lexicon, metrics, urban_rural
from .relation import PLACE_PART, collective_metric, reference_metric, relation_facts
from .target_sentence import under_term_heading


def relative_targets(report: Report, sentences: list[Sentence], facts: list[Fact]) -> list[Fact]:
    """The relations the same reading finds that `with_relations` did not make facts of: other metrics'
    ("城乡居民收入增长与经济增长同步", "财政收入与经济增长同步"), and GDP's beside a figure of its own. They go to
    `Report.relative_targets`, never to the facts (the gold spec counts a target without a number as no fact). Not
    under a term's heading ("“十三五”时期…主要目标": a term's goal, not the year's), nor a part's ("都市区核心区投资和
    GDP增速高于全省…": anywhere in the names, not only before the metric's), nor set against the report's own
    jurisdiction, nor in the notes after the body."""
    made = {(f.metric, f.start, f.end) for f in facts if f.relation}
    return [f for f in relation_facts(report, sentences) if (f.metric, f.start, f.end) not in made
            and not under_term_heading(report, f.start) and not part_named(f.metric_text)
            and f.relation is not None and not own_jurisdiction(report, f.relation["to"])
            and not in_notes(report, f.start)]


def in_notes(report: Report, pos: int) -> bool:
    """Inside the notes after the body ("名词解释: “两个高于”目标：…"): a term explained, not the year's target."""
    return any(s.start <= pos < s.end and is_back_matter(s.title or "") for s in report.sections)


PART_AREA = re.compile(lexicon.pattern("part_area_words"))


def part_named(phrase: str) -> bool:
    """Some item of the names before a relation names a part before its metric ("力争五县（市）GDP、固定资产投资…",
    "都市区核心区投资和GDP增速"): the relation is the part's, for every item."""
    if collective_metric(phrase):
        return False  # "主要经济指标增速高于全省": the report's main indicators, not a part
    for item in re.split(r"[、和及]", urban_rural.URBAN_RURAL_RE.sub("城乡", metrics.normalise(phrase))):
        found = metrics.find(item)
        before = item[:found[1]] if found else item
        if PLACE_PART.search(before) or PART_AREA.search(before):
            return True
    return False


def own_jurisdiction(report: Report, to: str) -> bool:
    """The reference is the report's own jurisdiction ("全省" in a province's report, "全市" in a city's): the subject
    is then a part of it ("贫困地区农民人均纯收入增幅高于全省平均水平", "五县（市）…高于全市平均水平") or another quantity
    of it ("工业投资增幅高于全市固定资产投资增幅"), never the report's own target against another's figure."""
    if report.meta.level == "national":
        return reference_metric(to) is None  # the country's report: any jurisdiction named is the country
    region = report.meta.region or ""
    return len(to) == 2 and to[0] == "全" and region.endswith(to[1])
