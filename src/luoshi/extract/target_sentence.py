"""A sentence that sets the year's main GDP target outside the targets passage, found by what it says.

Reports put the year's growth target in the plan's opening paragraph ("综合考虑各方面因素，今年全市地区生产总值增长
8%左右"), under a heading of any kind ("计划安排国内生产总值增长10%"), or in a chapter no heading names ("今年的经济
增长预期为7%左右"). Such a sentence is a target when it names this year (今年, 本年, the report's year) or a target word
(data/target_sentence_cues.txt), gives GDP a growth figure, and speaks of neither a term (年均, 今后五年, 到2020年) nor
the past (去年, 过去).
"""

from __future__ import annotations

import re
from functools import cache

from ..models import Report
from . import metrics
from .status import ABSENT_RE, role_of
from .tables import rows

_GDP_GROWTH = re.compile(
    r"(?<![人均民营数字县域实体镇园区])(?<!占)(?:国内|地区|全市|全省|全区|本市|我市|我省|全州|全盟)?"
    r"(?:生产总值|GDP|经济增长速度|经济增速|经济增长)(?!的贡献|贡献|的比重|比重)"
    r"(?:\d+(?:\.\d+)?(?:万亿|亿|万)元(?:左右|以上)?[，,](?=增长))?"  # its level first: "地区生产总值1170亿元，增长14.5%"
    r"(?:(?!比重|贡献|占)[^，,。；;！？\n\d]){0,24}?(?:[，,](?=(?:确定|定|初步定|拟定)为))?"  # "…调控目标，定为百分之八至九"
    r"(?:增长|增速|增幅|速度|预期|目标|定为|为|达到)[^，,。；;！？\n\d]{0,8}?"
    r"(?:\d+(?:\.\d+)?\s*[%％]|百分之[一二三四五六七八九十点]+)")  # a rate: "GDP达到7000亿元" is a level
# a term governs the figure ("今后五年…", "“十三五”时期…", "年均增长"); a plan's name alone does not ("按照“十三五”
# 规划的目标要求，努力实现地区生产总值增长5.5%左右")
_TERM = re.compile(r"年均|年平均|平均每年|今后|未来|五年|时期|期间|期末|翻番|翻一番|翻两番")
_PAST = re.compile(r"去年|过去|上年度|已经|完成了|实现了|预计|最初|原定|原来")
_DEADLINE = re.compile(r"(?:到|至)((?:19|20)\d{2})年")
_ROLES = ("plan", "other")
_REVIEW_CUE = re.compile(r"预期|目标|计划|安排|力争")
_PART = re.compile(r"开发区|新区|园区|城市圈|县域|区|县|镇|乡")
_OWN_BEFORE = ("全", "我", "本", "该", "各", "自治", "地")  # 全区, 我县, 自治区, 地区: the report's own jurisdiction
# a park or new area named in the sentence or its paragraph's lead ("**加快兰州新区开发建设。**…力争生产总值增长20%以上"):
# the figure is that area's unless the jurisdiction's own word stands before the GDP name (全省生产总值…)
_NAMED_AREA = re.compile(r"[\u4e00-\u9fff]{2,6}(?:新区|开发区|高新区|园区|经开区|试验区|示范区|合作区)")
_OWN_NAME = re.compile(r"(?:全|我|本)(?:国|省|市|区|县|州|盟|旗)[^，,；;]{0,4}(?:生产总值|GDP|经济)")
_OPENING = 8  # the GDP figure opens the sentence ("地区生产总值增长7%左右，…", "GDP比上年增长5.5%，…")



@cache
def _cue() -> re.Pattern[str]:
    words = [r[0] for r in rows("target_sentence_cues.txt")]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


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


_HEADING_TERM = re.compile(r"新一届|届|十[一二三四五六七八九]五|时期|五年|今后|未来")
_LEAD_OTHER = re.compile(r"已|完成|(?:19|20)\d{2}年")


def heading_lead(report: Report, index: int | None) -> str:
    """The title of the section holding a sentence, when it names this year and no term ("三、2022年工作任务", "四、
    2006年工作重点"; not "新一届政府努力方向和2022年工作安排"): like a paragraph's lead, it names the year once for
    the run of targets that opens the section."""
    if index is None or not 0 <= index < len(report.sections):
        return ""
    title = report.sections[index].title or ""
    return title if _says_this_year(report.meta.year, title) and not _HEADING_TERM.search(title) else ""


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


def paragraph_lead(text: str, start: int) -> str:
    """The paragraph's text before `start`."""
    return text[text.rfind("\n", 0, start) + 1:start]


_ABSENT_PAST = re.compile(r"去年|过去|上年|以往|曾")


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
