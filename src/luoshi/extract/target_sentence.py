"""A sentence that sets the year's main GDP target outside the targets passage, found by what it says.

Reports put the year's growth target in the plan's opening paragraph ("综合考虑各方面因素，今年全市地区生产总值增长
8%左右"), under a heading of any kind ("计划安排国内生产总值增长10%"), or in a chapter no heading names ("今年的经济
增长预期为7%左右"). Such a sentence is a target when it names this year (今年, 本年, the report's year) or a target word
(lexicon class target_cues), gives GDP a growth figure, and speaks of neither a term (年均, 今后五年, 到2020年) nor
the past (去年, 过去).
"""

from __future__ import annotations

import re
from functools import cache

from ..models import Report
from . import metrics
from .lexicon import pattern, words
from .quantities import scan
from .status import ABSENT_RE, role_of

# the lookbehind: the last character of a qualifier that makes another measure (人均, 民营, 数字, 县域, 实体, 镇, 园区)
_GDP_GROWTH = re.compile(
    rf"(?<![人均民营数字县域实体镇园区])(?<!占)(?:{pattern('gdp_owners')}|{pattern('first_person_owners')})?"
    rf"(?:{pattern('gdp_names')}|{pattern('gdp_growth_names')})(?!的?(?:{pattern('gdp_share_nouns')}))"
    r"(?:\d+(?:\.\d+)?(?:万亿|亿|万)元(?:左右|以上)?[，,](?=增长))?"  # its level first: "地区生产总值1170亿元，增长14.5%"
    rf"(?:(?!{pattern('gdp_share_nouns')}|占)[^，,。；;！？\n\d]){{0,24}}?(?:[，,](?=(?:{pattern('set_to_verbs')})为))?"  # "…调控目标，定为百分之八至九"
    rf"(?:{pattern('growth_words')}|{pattern('target_figure_words')})[^，,。；;！？\n\d]{{0,8}}?"
    r"(?:\d+(?:\.\d+)?\s*[%％]|百分之[一二三四五六七八九十点]+)")  # a rate: "GDP达到7000亿元" is a level
# a term governs the figure ("今后五年…", "“十三五”时期…", "年均增长"); a plan's name alone does not ("按照“十三五”
# 规划的目标要求，努力实现地区生产总值增长5.5%左右")
_TERM = re.compile(f"{pattern('term_words')}|{pattern('term_target_words')}")
_PAST = re.compile(pattern("past_words"))
_DEADLINE = re.compile(r"(?:到|至)((?:19|20)\d{2})年")
_ROLES = ("plan", "other")
_REVIEW_CUE = re.compile(pattern("review_target_cues"))
_PART = re.compile(pattern("part_places"))
_OWN_BEFORE = words("own_place_heads")  # 全区, 我县, 自治区, 地区: the report's own jurisdiction
# a park or new area named in the sentence or its paragraph's lead ("**加快兰州新区开发建设。**…力争生产总值增长20%以上"):
# the figure is that area's unless the jurisdiction's own word stands before the GDP name (全省生产总值…)
_NAMED_AREA = re.compile(rf"[\u4e00-\u9fff]{{2,6}}(?:{pattern('named_area_ends')})")
_OWN_NAME = re.compile(rf"[全我本][国省市区县州盟旗][^，,；;]{{0,4}}(?:{pattern('gdp_names')}|经济)")  # 全省, 我市, 本区 …
_OPENING = 8  # the GDP figure opens the sentence ("地区生产总值增长7%左右，…", "GDP比上年增长5.5%，…")



@cache
def _cue() -> re.Pattern[str]:
    return re.compile(pattern("target_cues"))


def sets_year_target(report: Report, role: str, sentence: str, lead: str = "", heading: str = "") -> bool:
    """True when a plan (or unnamed) sentence sets this year's GDP growth target. `lead` is the paragraph before the
    sentence: "今年，全市…主要经济指标增幅要不低于全省平均水平。地区生产总值增长7%左右，…" names the year once for the
    run of targets that opens a later sentence of the paragraph."""
    if role not in _ROLES and role != "review":
        return False
    m = _GDP_GROWTH.search(sentence)
    if not m:
        return False
    before = sentence[:m.end()]
    year = report.meta.year
    if year and any(int(y) != year for y in _DEADLINE.findall(sentence)):
        return False
    if role == "review":  # a section taken for the review that states this year's target in so many words
        return report.meta.kind != "half_year" and "今年" in before and "今年以来" not in before \
            and bool(_REVIEW_CUE.search(before)) and not _TERM.search(before) and not _PAST.search(before)
    if _names_a_part(sentence[:m.start()]):
        return False  # "昌北区要围绕实现国内生产总值增长15%以上": a district's target, not the report's own
    if _NAMED_AREA.search(lead + sentence[:m.start()]) and not _OWN_NAME.search(sentence[:m.end()]):
        return False  # "…加快把兰州新区建设成为…现代新城，力争生产总值增长20%以上": the new area's target
    if names_the_year(report, before):
        return True
    return m.start() <= _OPENING and not _TERM.search(before) and not _PAST.search(before) \
        and (names_the_year(report, lead) or (bool(heading) and _quiet(report, lead)))


def _names_a_part(words: str) -> bool:
    """The words before the GDP name a district, county, town or park ("昌北区要围绕实现…", "全省县域经济…")."""
    tail = words[-12:]
    return any(p.start() > 0 and not tail[:p.start()].endswith(_OWN_BEFORE) for p in _PART.finditer(tail))


def names_the_year(report: Report, before: str) -> bool:
    """The words before a figure name this year (今年, 本年, the report's year) or hold a target word, and no term
    or past."""
    if _TERM.search(before) or _PAST.search(before):
        return False
    year = report.meta.year
    return _says_this_year(year, before) or bool(_cue().search(before))


_CN_DIGITS = "〇一二三四五六七八九"


def _says_this_year(year: int | None, words: str) -> bool:
    """The words name this year: 今年, 本年, the report's year in Arabic digits or digit by digit in hanzi
    ("一九九八年是全面贯彻落实十五大精神的第一年", with 〇, ○ or 零 for zero)."""
    if "今年" in words or "本年" in words:
        return True
    if not year:
        return False
    if f"{year}年" in words:
        return True
    spelled = "".join(_CN_DIGITS[int(c)] for c in str(year))
    return any(spelled.replace("〇", zero) + "年" in words for zero in "〇○零")


_HEADING_TERM = re.compile(f"{pattern('heading_term_words')}|十[一二三四五六七八九]五")
_LEAD_OTHER = re.compile(rf"{pattern('done_words')}|(?:19|20)\d{{2}}年")


def heading_lead(report: Report, index: int | None) -> str:
    """The title of the section holding a sentence, when it names this year and no term ("三、2022年工作任务", "四、
    2006年工作重点"; not "新一届政府努力方向和2022年工作安排"): like a paragraph's lead, it names the year once for
    the run of targets that opens the section."""
    if index is None or not 0 <= index < len(report.sections):
        return ""
    title = report.sections[index].title or ""
    return title if _says_this_year(report.meta.year, title) and not _HEADING_TERM.search(title) else ""


def under_term_heading(report: Report, pos: int) -> bool:
    """The innermost section holding pos is a term's and not this year's ("“十三五”时期经济社会发展的主要目标",
    "“十五五”时期主要目标任务"; not "今后五年和2023年工作")."""
    best = None
    for sec in report.sections:
        if sec.start <= pos < sec.end and (best is None or sec.level >= best.level):
            best = sec
    title = best.title if best is not None else ""
    return bool(title and _HEADING_TERM.search(title)) and not _says_this_year(report.meta.year, title)


def _quiet(report: Report, lead: str) -> bool:
    """The paragraph before the sentence speaks of no other time: no past, no term, no year named, nothing done
    ("2005年…各项任务已圆满完成。全市生产总值…又增长14.5%" under "做好2006年工作" reviews the year before)."""
    return not (_TERM.search(lead) or _PAST.search(lead) or _LEAD_OTHER.search(lead))


def status_with_content(report: Report, role: str, status: str | None, sentence: str,
                        lead: str = "", heading: str = "") -> str | None:
    """The status a sentence's own content gives it: "target" for a year target sentence, else `status`."""
    if status == "actual" and role != "review":
        return status  # a communiqué's figures are all results
    if status in (None, "plan", "actual") and sets_year_target(report, role, sentence, lead, heading):
        return "target"
    return status


def continues_run(role: str, sentence: str) -> bool:
    """A later sentence of the paragraph where the year's GDP target was found by content goes on with the year's
    targets when it speaks of no term and no past (and, checked in extract_facts, each figure names a metric) ("今年，国内生产总值增长8.5%。这个指标
    是指导性的。…全部财政收入增长7.1%，…；城镇登记失业率控制在3.5%左右。")."""
    return role in _ROLES and not _TERM.search(sentence) and not _PAST.search(sentence)


def next_list_line(text: str, end: int) -> int:
    """Where the next paragraph starts when the paragraph holding the sentence that ends at `end` is a list item that
    ends there with a semicolon (-1 otherwise): a run of targets written one a line ("地区生产总值1170亿元，增长14.5%;⏎
    全社会固定资产投资650亿元，增长25%;⏎…⏎人口出生率13.81‰。") goes on to the next line as it goes on in a
    paragraph."""
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip(" \t\u3000；;"):
        return -1
    last = line_end
    while last > end - 2 and text[last - 1] in " \t\u3000":
        last -= 1
    return line_end + 1 if text[last - 1] in "；;" else -1


_DASH_ITEM = re.compile(r"[ \t\u3000]*(?:——|--|－－)")


def dash_list_end(text: str, paragraph: int) -> int:
    """Where a list of dashed items ends when the paragraph starting at `paragraph` is one of them (-1 otherwise): a
    run of targets opened in a dashed item ("——保持经济持续快速健康发展。计划安排国内生产总值增长10%…⏎——着力提高经济
    增长质量和效益。…财政收入增长10%…⏎——…") goes on through the items after it as it goes on in a paragraph."""
    if not _DASH_ITEM.match(text, paragraph):
        return -1
    end = paragraph
    while (line_end := text.find("\n", end)) >= 0 and _DASH_ITEM.match(text, line_end + 1):
        end = line_end + 1
    line_end = text.find("\n", end)
    return len(text) if line_end < 0 else line_end


_ASIDE_PLACE = re.compile(rf"[\u4e00-\u9fff](?:{pattern('subregion_ends')})")


def in_figure_aside(text: str, start: int, pos: int) -> bool:
    """'人口自然增长率控制在9.5‰（省下达顺德市为9.4‰）以内', '…增长7.5%（州直增长10.3%、塔城地区增长6.5%…）': a figure
    inside brackets opened right after another figure of its sentence (from `start`), naming a place, is a part's
    figure in that figure's aside, no target of its own."""
    opening = max(text.rfind("（", start, pos), text.rfind("(", start, pos))
    if opening < 0 or max(text.find("）", opening, pos), text.find(")", opening, pos)) >= 0:
        return False
    before = scan(text, start, opening)
    if not before or text[before[-1].end:opening].strip(" \u3000"):
        return False
    closing = min((i for i in (text.find("）", opening), text.find(")", opening)) if i >= 0), default=len(text))
    return bool(_ASIDE_PLACE.search(text, opening, closing))  # a part's (a place's), not a breakdown ("工业增长9.5%")


def paragraph_lead(text: str, start: int) -> str:
    """The paragraph's text before `start`."""
    return text[text.rfind("\n", 0, start) + 1:start]


_ABSENT_PAST = re.compile(pattern("absent_past_words"))


def absent_by_content(report: Report, sentences) -> list[str]:
    """Metrics a sentence of the plan (or of an unnamed part) says the year sets no target for, wherever it stands
    ("需要说明的是，我们没有提出全年经济增速具体目标" after the targets passage, in the plan, or in a chapter of its
    own); not in the review, and not of a past year ("去年没有提出…")."""
    found: list[str] = []
    text = report.text
    for sent in sentences:
        if text.find("目标", sent.start, sent.end) < 0 or role_of(report.sections, sent.section) not in ("plan", "other", "targets"):
            continue  # (found in place: most sentences hold no 目标)
        sentence = text[sent.start:sent.end]
        for m in ABSENT_RE.finditer(sentence):
            if _ABSENT_PAST.search(sentence[:m.start()]):
                continue
            metric = metrics.find(m.group(1))
            if metric and metric[0] not in found:
                found.append(metric[0])
    return found
