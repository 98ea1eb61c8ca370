"""Status (actual / estimate / target / plan) and period of a figure, from its section's role and its words."""

from __future__ import annotations

import re

from ..models import Report, Section
from .lexicon import pattern

STATUS_OF_ROLE = {"review": "actual", "targets": "target", "plan": "plan"}
YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
DEADLINE_RE = re.compile(r"(?:到|至|在|于)((?:19|20)[0-9]{2})年(?:底|末|前)?|((?:19|20)[0-9]{2})年(?:底|末)?前")
# a year a figure is compared with, not the year it is of: "由2005年的1.47万元提高到2.8万元", "是2005年的3.5倍",
# "比2010年增长55%", "2012年以来", "为2015年的1.6倍"
BASE_YEAR_RE = re.compile(rf"(?:{pattern('base_year_leads')})(?:19|20)[0-9]{{2}}年(?:底|末)?|(?:19|20)[0-9]{{2}}年以来"
                          r"|为(?:19|20)[0-9]{2}年(?:底|末)?的")
PLAN_NAME_RE = re.compile(rf"“十([一二三四五]?)五”|十([一二三四五]?)五(?:{pattern('plan_name_ends')})")
# a plan's end ("“十五”末", "十二五期末", "“八五”末期"): its last year; {} is the plan's number before 五
_PLAN_END = "“?{}五”?(?:期)?末(?:期)?"
PLAN_END = _PLAN_END.format("(?:十[一二三四五]?|[六七八九])")
# a plan's end a figure is compared with ("比“十二五”末增长38.3%，年均增长6.7%"): a base, not the figure's span
PLAN_END_BASE_RE = re.compile("(?:比|较)" + _PLAN_END.format("(十[一二三四五]?|[六七八九])"))
# a plan's end after a base word ("是“十五”末的2.3倍，年均增长16%"): the base of a ratio or change, not the span
PLAN_END_LEAD_RE = re.compile(rf"(?:{pattern('base_year_leads')}){PLAN_END}")
PLAN_TERM_RE = re.compile(rf"“?(十[一二三四五]?|[六七八九])五”?(?:{pattern('plan_term_ends')})")  # a term as a span


def plan_end_year(number: str) -> int:
    """The last year of the plan named 十<number>五 ("" for the tenth, 2005; "二" for the twelfth, 2015)."""
    return term_end_year("十" + number)


def term_end_year(name: str) -> int:
    """The last year of the plan named <name>五 ("九" for the ninth, 2000; "十二" for the twelfth, 2015)."""
    return 1981 + 5 * (PLAN_NUMBERS[name] - 6) + 4
PLAN_TITLE_RE = re.compile(rf"(?:第(十[一二三四五]?|[六七八九])个五年|“(十[一二三四五]?|[六七八九])五”)(?:{pattern('plan_words')})[^\n。]{{0,20}}纲要")
PLAN_NUMBERS = {"六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15}
NEXT_FIVE_RE = re.compile(f"(?:{pattern('ahead_words')})五年")
AVERAGE_RE = re.compile(f"(?:{pattern('average_leads')})(?!{pattern('average_not_before')})|{pattern('average_phrases')}|[两三四五]年平均")  # not "PM2.5年均浓度"
CUMULATIVE_RE = re.compile(rf"累计|(?:比|较)(?:(?:19|20)[0-9]{{2}}年(?:末|底)?|{PLAN_END})"  # "…比2005年下降20%"
                           rf"|(?:^|[，,；;、])(?:{pattern('span_leads')})?[两三四五六七八九十]年[来间内]?(?:{pattern('each_words')})?"
                           rf"(?:{pattern('span_change_verbs')})了?(?:[^，,；;]*[和、及])?$"  # "五年增长91.5％"
                           r"|(?<![0-9０-９〇零一二两三四五六七八九十])(?<!提前)[两三四五六七八九十]年[间内]?"
                           rf"(?:{pattern('doubling_span_verbs')})?$")  # "三年翻一番"
PERIOD_REVIEW_RE = re.compile(rf"(?:{pattern('period_review_leads')})[^，。]{{0,20}}(?:{pattern('period_review_ends')})")
ABSENT_RE = re.compile(rf"(?:{pattern('absent_verbs')})([^，。；]{{0,16}}?)(?:{pattern('target_kinds')})*目标")


def role_of(sections: list[Section], index: int | None) -> str:
    """The role of a sentence: its innermost section's role, else the nearest enclosing section with one;
    a section titled as the review of a past period ("“十五”时期国民经济和社会发展主要情况") reviews."""
    if index is None or not (0 <= index < len(sections)):
        return "other"
    sec = sections[index]
    if sec.role != "other":
        return sec.role
    if PERIOD_REVIEW_RE.search(sec.title or ""):
        return "review"
    for other in sections:
        if other is not sec and other.start <= sec.start and sec.end <= other.end and other.role != "other":
            return other.role
    return "other"


def status_of(report: Report, role: str) -> str | None:
    """A statistical communiqué (国家统计局公报) states results throughout: every figure is an actual."""
    status = STATUS_OF_ROLE.get(role)
    if status is None and report.meta.doc_type == "communique":
        return "actual"
    return status


def basis_of(before_growth: str, before_value: str) -> str:
    """annual, average ("年均增长7.8%") or cumulative ("累计完成…"): the clause words before each figure."""
    if "年" not in before_growth and "年" not in before_value and "累计" not in before_growth \
            and "累计" not in before_value and not PLAN_END_BASE_RE.search(before_growth):
        return "annual"  # every average and cumulative pattern holds a 年 or 累计 (most clauses: neither)
    if AVERAGE_RE.search(before_growth):
        return "average"
    if CUMULATIVE_RE.search(before_value) or CUMULATIVE_RE.search(before_growth):
        return "cumulative"
    return "annual"


SINCE_YEAR_RE = re.compile(r"(?:比|较)((?:19|20)[0-9]{2})年(?!底|末)")


def basis_for_period(basis: str, before_growth: str, period: int | None) -> str:
    """'2009年…比2008年增长10.1%': a change since the year before the figure's own is the annual change."""
    if basis != "cumulative" or period is None or "累计" in before_growth:
        return basis
    since = SINCE_YEAR_RE.findall(before_growth)
    return "annual" if since and int(since[-1]) == period - 1 else basis


def plan_period(title: str) -> tuple[int, int] | None:
    """The years a five-year plan covers, from its title ("第十二个五年规划纲要" → 2011-2015); the sixth plan on."""
    match = PLAN_TITLE_RE.search(title[:300])  # the title only: a plan's body names other plans too
    if not match:
        return None
    start = 1981 + 5 * (PLAN_NUMBERS[match.group(1) or match.group(2)] - 6)
    return start, start + 4


def span_end(report: Report, status: str, before: str) -> int | None:
    """The last year of the span an average is taken over, when the sentence names it: a five-year plan
    ("“十二五”时期…年均增长7.8%" → 2015) or the next five years of a target ("今后五年…年均增长7.5%")."""
    spans = PLAN_END_LEAD_RE.sub("", PLAN_END_BASE_RE.sub("", before))
    plans = [a or b for a, b in PLAN_NAME_RE.findall(spans)]
    if plans:
        return plan_end_year(plans[-1])
    if status in ("target", "plan") and report.meta.year and NEXT_FIVE_RE.search(before):
        return report.meta.year + 4
    if status in ("target", "plan") and report.meta.doc_type == "five_year_plan" \
            and (period := plan_period(report.meta.title or "")):
        return period[1]  # a plan's own targets: averages over its five years
    base = reviewed_year(report)
    stated = [int(y) for y in YEAR_RE.findall(BASE_YEAR_RE.sub("", before))]  # not "是2005年的2.5倍"
    if status in ("actual", "estimate") and base and any(base - 5 <= y <= base for y in stated):
        return max(y for y in stated if base - 5 <= y <= base)  # "2005年与2000年相比…年均增长9.5%" → 2005
    return None


def reviewed_year(report: Report) -> int | None:
    year = report.meta.year
    if year is None:
        return None
    # a communiqué's meta.year is already the year it reports on; a half-year report reviews its own year
    return year if report.meta.kind == "half_year" or report.meta.doc_type == "communique" else year - 1


def period_of(report: Report, status: str, before: str) -> int | None:
    """The year a figure refers to. `before` is the sentence text up to the figure: a stated year there wins."""
    year = report.meta.year
    named = "年" in before  # every year pattern needs a 年 (most words before a figure name none)
    if status in ("target", "plan"):
        deadline = None
        for m in DEADLINE_RE.finditer(before) if named else ():
            deadline = int(m.group(1) or m.group(2))
        if deadline and year and year <= deadline <= year + 15:
            return deadline
        return year
    base = reviewed_year(report)
    stated = [int(y) for y in YEAR_RE.findall(BASE_YEAR_RE.sub("", before))] if named else []
    if stated and base and base - 5 <= stated[-1] <= base:
        return stated[-1]
    return base
