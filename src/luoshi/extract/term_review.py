"""Figures of a multi-year review ("五年来，…城镇新增就业6600万人以上") are totals over the span, not the year's.

A report that opens a government's new term reviews the past five years before the past year, in paragraphs that
open with the span ("五年来，", "过去五年，", "“十三五”时期，"). In such a paragraph an amount added ("城镇新增就业6600万人",
"新增国家A级物流企业20家") or a change ("增长2倍") is over the span unless its sentence names the year itself ("2017年",
"去年") or the paragraph has turned to that year before it ("特别是刚刚过去的2016年，…"): its basis becomes
"cumulative" (the period stays the span's last year), so a year's result is never read
from a five-year total (the tracking stage compared 6600万 new urban jobs with the 1100万 target of 2017 before
this). A level reached at the span's end stays the year's ("人均生产总值达到4.5万元", "城镇化率由30.7%提高到38.7%",
"实现营业收入1400亿元"): a rate or share, or a figure after a verb of reaching.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from functools import cache

from .. import data_file
from ..models import Fact, Report
from .lexicon import pattern

RESULT_STATUSES = ("actual", "estimate")
HEADING_MARKS = re.compile(r"^[#\s*>]*")
YEAR_ITSELF = re.compile(rf"(?:19|20)\d{{2}}年(?!以?来)|{pattern('year_itself_words')}")
# the paragraph turns from the span to the past year ("过去五年，…。特别是刚刚过去的2016年，…。地区生产总值增长7.5%"): the
# sentences after the turn speak of that year
TURN_TO_YEAR = re.compile(rf"刚刚过去的(?:一年|(?:19|20)\d{{2}}年)|特别是(?:{pattern('turn_year_words')}|(?:19|20)\d{{2}}年)")
SPAN_AGAIN = re.compile(rf"十[一二三四五六七八九]五|[两三四五]年|{pattern('span_again_words')}")  # back to the span: "为“十三五”划上了圆满句号"


def turned_to_year(text: str, start: int, at: int) -> bool:
    """The paragraph (from `start`) has turned to the past year before `at` and not gone back to the span since."""
    turns = list(TURN_TO_YEAR.finditer(text, start, max(start, at)))
    return bool(turns) and not SPAN_AGAIN.search(text, turns[-1].end(), at)


LEVEL_WORDS = re.compile(pattern("level_words"))
CLAUSE_END = re.compile(r"[，。；：！？,;]")
RATE_UNITS = ("%", "‰", "个百分点")


def is_span_total(fact: Fact, before: str) -> bool:
    """An amount added or a change over the span, not a level reached at its end (`before`: the clause up to it)."""
    if fact.value is None:
        return fact.growth is not None  # "增长2倍" over five years
    return fact.unit not in RATE_UNITS and not LEVEL_WORDS.search(before)


@cache
def openings() -> re.Pattern:
    words = (row[0].strip() for row in data_file.rows(__package__, "term_review_openings.txt"))
    return re.compile("(?:" + "|".join(words) + ")")


def review_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph that opens with a multi-year span."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        body = HEADING_MARKS.sub("", line)
        if openings().match(body):
            spans.append((start, end))
        start = end + 1
    return spans


def mark_term_review_figures(report: Report, facts: list[Fact]) -> list[Fact]:
    """The facts of the report, with the results of multi-year review paragraphs given basis "cumulative"."""
    spans = review_paragraphs(report.text)
    if not spans:
        return facts
    starts = [s for s, _ in spans]
    sentence_starts = [s.start for s in report.sentences]
    out = []
    for fact in facts:
        i = bisect_right(starts, fact.start) - 1
        if fact.status in RESULT_STATUSES and fact.basis == "annual" and i >= 0 and fact.start < spans[i][1]:
            j = bisect_right(sentence_starts, fact.start) - 1
            sentence = report.text[report.sentences[j].start:fact.start] if j >= 0 else fact.sentence
            clause = CLAUSE_END.split(sentence)[-1]
            turned = j >= 0 and turned_to_year(report.text, spans[i][0], sentence_starts[j])
            if not YEAR_ITSELF.search(sentence) and not turned and is_span_total(fact, clause):
                fact = dataclasses.replace(fact, basis="cumulative")
        out.append(fact)
    return out
