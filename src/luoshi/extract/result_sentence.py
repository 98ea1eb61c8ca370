"""A sentence that states the reviewed year's GDP result outside the review passage, found by what it says.

Reports open with the past year's results under headings of every kind: "一、1996年的政府工作和1997年的奋斗目标"
(a heading that also names the year's targets, so the section is taken for the plan), a heading no role names, or
none. A sentence there is a result ("actual", or "estimate" after 预计) when it gives GDP a growth rate after a word
of the past year's account (lexicon class result_cues: 比上年, 同比, 预计全年, 初步核算, 去年 …) and, before the
rate, names no target, term or coming year ("今年…比上年增长9%" is a target; "年均增长" a term's).
"""

from __future__ import annotations

import re
from functools import cache

from ..models import Report
from .lexicon import pattern

# the lookbehind: the last character of a qualifier that makes another measure (人均, 民营, 数字, 县域, 实体, 镇, 园区, 海洋)
_GDP_RATE = re.compile(
    rf"(?<![人均民营数字县域实体镇园区海洋])(?<!占)(?:{pattern('gdp_owners')})?(?:{pattern('gdp_names')})"
    rf"(?!的?(?:{pattern('gdp_share_nouns')}))"
    r"(?:(?:、[^、，,。；;！？\n]{1,16}){1,8}?[^、，,。；;！？\n]{0,6}?分别|[^。；;！？\n]{0,40}?)"  # GDP first of a 分别 list
    rf"(?:{pattern('growth_words')})[^，,。；;！？\n\d]{{0,10}}?\d+(?:\.\d+)?\s*[%％]")
# target, term or coming-year words: the figure is not the past year's result
_NOT_RESULT = re.compile(f"{pattern('this_year_words')}|{pattern('target_words')}|{pattern('term_words')}|"
                         r"到(?:19|20)\d{2}年|比(?:19|20)\d{2}年|较(?:19|20)\d{2}年|"
                         rf"{pattern('quarter_words')}|[一二三四五六七八九十\d]+月")  # a quarter's or month's rate is not the year's
# a target said to be met is the past year's account, not a target: "完成和超额完成了预期目标和主要任务，全区生产总值增长
# 11.5%", "圆满完成年度目标任务"
_DONE_TARGET = re.compile(rf"(?:(?:{pattern('done_adverbs')})完成|完成(?:[和并]超额完成)?了|实现了)[^，,。；;]{{0,10}}?目标(?:任务)?")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_LEAD_CUE = re.compile(pattern("past_year_leads"))  # "刚刚过去的2015年，…。全省生产总值比上年增长8%"
_THIS_YEAR = re.compile(pattern("this_year_words"))
# a GDP level with its rate ("全省生产总值14338.5亿元，增长10.1%"): before the targets passage, the year's result
_LEVEL_AND_RATE = re.compile(rf"(?:{pattern('gdp_names')})[^，,。；;]{{0,12}}?\d+(?:\.\d+)?(?:万亿|亿)元[^。；;]{{0,24}}?(?:{pattern('level_rate_words')})"
                             r"[^，,。；;\d]{0,8}?\d+(?:\.\d+)?\s*[%％]")


_PART = re.compile(rf"[一二三四1-4]季度|{pattern('part_leads')}|[一二三四五六七八九十\d]+月")
# the year's rate at the end of a series of parts: "…回升到1.5%", "…，预计全年增长4%以上", "逐步回升到全年的6.5%"
_YEAR_AFTER_PARTS = re.compile(rf"(?:(?:{pattern('path_verbs')})(?:到|至)(?:全年的?)?|(?:预计)?全年(?:{pattern('year_rate_verbs')})?)"
                               r"-?\d+(?:\.\d+)?\s*[%％]")


def year_after_parts(sentence: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the year's own GDP rate, when the rate found (ending at `end`) ends or follows a series of
    parts of the year: "增速从一季度的-13.1%回升到1.5%" (the rate found is the quarter's; the year's follows),
    "一季度下降5.4%，…，预计全年增长4%以上" (the rate found is the year's, in a clause of its own after the parts)."""
    cs = max(sentence.rfind(c, 0, end) for c in "，,；;") + 1
    if not _PART.search(sentence, cs, end):
        own = _YEAR_AFTER_PARTS.search(sentence, cs, end)
        return (cs, end) if own is not None and own.end() == end and "全年" in own.group(0) else None
    m = _YEAR_AFTER_PARTS.search(sentence, end)
    if m is None or any(c in "。；;" for c in sentence[end:m.start()]) or _PART.search(sentence, end, m.start()):
        return None
    return m.start(), m.end()


@cache
def _cue() -> re.Pattern[str]:
    return re.compile(pattern("result_cues"))


def names_past_year(report: Report, words: str, cue: re.Pattern[str]) -> bool:
    """The words hold a cue of the past year's account or name the reviewed year, and name no other year."""
    year = report.meta.year or 0
    years = [int(y) for y in _YEAR.findall(words)]
    if any(y != year - 1 for y in years) or _THIS_YEAR.search(words):
        return False
    return bool(years) or bool(cue.search(words))


def before_targets(report: Report, start: int | None) -> bool:
    """The position lies before the report's targets passage (the part of a report that reviews the past year)."""
    firsts = [sec.start for sec in report.sections if sec.role == "targets"]
    return start is not None and bool(firsts) and start < min(firsts)


def states_year_result(report: Report, role: str, sentence: str, lead: str = "", start: int | None = None) -> bool:
    """True when a sentence outside the review gives the reviewed year's GDP growth. `lead` is the paragraph before
    the sentence, which may name the past year for it; a GDP level with its rate before the targets passage needs
    no such word ("全省地区生产总值10.77万亿元、同比增长6.2%" under a heading taken for the plan)."""
    year = report.meta.year
    if report.meta.kind != "annual" or not year or role in ("review", "targets"):
        return False
    m = _GDP_RATE.search(sentence)
    if not m:
        return False
    before = sentence[:m.end()]
    part = _PART.search(before)
    if part and (year_rate := year_after_parts(sentence, m.end())) is not None:
        before = sentence[:part.start()] + sentence[year_rate[0]:year_rate[1]]  # parts: the year's path
    if _NOT_RESULT.search(_DONE_TARGET.sub("", before)):
        return False
    if names_past_year(report, before, _cue()):
        return True
    if _YEAR.findall(before) or _cue().search(before):
        return False  # another year, or a cue the sentence itself weighed
    cues = list(_LEAD_CUE.finditer(lead))  # from the last cue on: "2016年是…开局之年。过去一年，…" names the past year
    return names_past_year(report, lead[cues[-1].start():] if cues else lead, _LEAD_CUE) or (
        bool(_LEVEL_AND_RATE.search(before)) and before_targets(report, start) and not _THIS_YEAR.search(lead))


def status_with_result(report: Report, role: str, status: str | None, sentence: str, lead: str = "",
                       start: int | None = None) -> str | None:
    """"actual" for a sentence that states the reviewed year's GDP result outside the review, else `status`."""
    if status in (None, "plan") and states_year_result(report, role, sentence, lead, start):
        return "actual"
    return status
