"""Vetoes: every reason a figure loses its metric (or part of it), in one ordered list.

A veto looks at a draft and says whether it fires. Phase "draft" vetoes run when a rule names the figure (the
rules after it see the result: a vetoed figure no longer takes a growth as its metric's); phase "fact" vetoes run
when the draft becomes a fact, with the report around it. Each fact records the vetoes it passed (Fact.checks)
and those that fired (Fact.vetoed). A veto that fires sets the metric to None unless its docstring says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .. import data_file
from ..models import Report, Sentence
from ..parse import places_named
from . import metrics, urban_rural
from .draft import CLAUSE_DELIMS, Draft, clause_end, clause_start, delim_re
from .lexicon import pattern, words
from .quantities import Quantity, scan
from .status import (
    DEADLINE_RE,
    PLAN_END,
    PLAN_END_BASE_RE,
    PLAN_TERM_RE,
    reviewed_year,
    term_end_year,
)

SHARE_WORD_RE = re.compile(pattern("share_words"))
QUALIFIER_RE = re.compile(pattern("qualifiers"))
PART_NAME_RE = re.compile(pattern("part_names"))
# "…跨越7000亿元、8000亿元两个台阶": thresholds crossed one after the other, the last the level reached
STEP_COUNT_RE = re.compile(f"(?:{pattern('threshold_step_counts')})(?:{pattern('step_nouns')})")
CONTRIBUTION_RE = re.compile(f"(?:{pattern('contribution_links')})$")  # "“两烟”提供的财政收入": a contributor's part
PLAN_QUOTE_RE = re.compile(r"“?(?:十[一二三四五]?|[六七八九])五”$")  # "“十三五”…": a plan's name, no group
SIZE_BAR_RE = re.compile(r"[0-9.]+万元以上的?$")  # "50万元以上" right before the name
BREAKER_RE = re.compile(f"^(?:[^，,]{{0,4}}?)(?:{pattern('breakers')})")
COUNT_MEASURE_RE = re.compile(pattern("count_measures"))  # what a count's things make or earn
OWN_SHARE_WORD_RE = re.compile(f"的?(?:{pattern('share_words')})")  # a share's name, then its own 比重
# 比 of 占比/可比/对比/同比 and of 比重/比例/比率 is no comparison; 比上年/较去年/比同期 (lexicon last_year_bases) the usual one
OTHER_BASE_RE = re.compile(rf"(?:较|(?<![占可对同])比)(?!{pattern('last_year_bases')}|[重例率])[^，,]{{0,8}}$|(?:较|比)“")
# a change over another period ("较“十一五”增长3.75倍"); one since a stated year ("能耗比2005年下降20%") is the metric's
# change over the years to the reviewed one (basis cumulative), except in a 分别 listing, where it stays apart
OTHER_PERIOD_RE = re.compile(rf"(?:较|(?<![占可对同])比)(?!{pattern('last_year_bases')}|[重例率]|(?:19|20)[0-9]{{2}}年|{PLAN_END})"
                             rf"[^，,]{{0,8}}$|(?:较|比)(?!{PLAN_END})“")  # "比“十五”末" is a stated year (2005)
SUBREGION_RE = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?(?:{pattern('subregion_ends')}))$")
JURISDICTION_RE = re.compile(pattern("jurisdiction"))
PLACE_HEAD_RE = re.compile(f"^(?:(?:19|20)[0-9]{{2}}年)?(?:{pattern('place_head_words')})?")
PLACE_GROUP_RE = re.compile(rf"等(?:{pattern('group_counts')}|[0-9一二三四五六七八九十]+个)?(?:{pattern('place_kinds')})?$")  # "黄石等一批城市"
PART_OPENING_RE = re.compile(rf"[\s\u3000]*(?:{pattern('jurisdiction')})?[^，,；;。：:]{{0,16}}?(?:{pattern('scopes')})")
SEGMENT_RE = re.compile(r"[；;]")
# a sentence that opens with a counted group of sub-regions ("三县", "四个县（市）", "两区"; after a time word and a kind
# of area: "去年山区8县", "山区8个国家扶贫开发重点县") speaks of them
COUNTED_PARTS_RE = re.compile(rf"[\s\u3000]*(?:(?:19|20)[0-9]{{2}}年)?(?:{pattern('place_head_words')})?(?:{pattern('area_kinds')})?"
                              r"(?:[两三四五六七八九十]|[0-9]{1,2})(?:个?(?:县|区|旗)|个[\u4e00-\u9fff]{1,8}?县)"  # not 个设区市
                              r"(?:[（(]?(?:市|区)[）)]?)?(?![市区县城委长级域])")
YEAR_HEAD_RE = re.compile(r"^(?:19|20)[0-9]{2}年")
# a counted group of cities before the name, named or not ("三市地区生产总值", "襄阳、宜昌两市生产总值", "9个市财政收入"):
# a part of the whole, never the whole (not 第三市, nor 个设区市 alone)
COUNTED_CITIES_RE = re.compile(r"(?:(?:19|20)[0-9]{2}年)?[^，,；;。]*?(?<![第0-9一二三四五六七八九十])"
                               r"(?:[两三四五六七八九十]|[0-9]{1,2})个?市")
# the counties or cities of a kind of area, counted or not ("山区5市", "全省山区县", "2005年山区8县"): a part of the whole
AREA_PART_RE = re.compile(rf"(?:(?:19|20)[0-9]{{2}}年)?(?:{pattern('jurisdiction')})?(?:{pattern('area_kinds')})"
                          r"(?:[两三四五六七八九十]|[0-9]{1,2})?个?(?:市|县|区|旗)(?![市区县城委长级域])")
JURISDICTION_OPENING_RE = re.compile(rf"[\s\u3000]*(?:{pattern('jurisdiction')})")
BARE_HEAD_RE = re.compile(f"^(?:{pattern('bare_heads')})+$")
GAP_TO_TARGET_RE = re.compile(rf"(?:{pattern('gap_verbs')})[^，,；;]{{0,6}}?(?:{pattern('passed_targets')})(?:任务)?$")
GAP_RE = re.compile(rf"(?:{pattern('gap_verbs')})(?:{pattern('jurisdiction')}|{pattern('gap_bases')})"
                    r"[^，,；;]{0,8}$")
GOAL_AFTER_RE = re.compile(f"(?:{pattern('bound_gaps')})?的(?:{pattern('goal_adjectives')})?(?:{pattern('goal_nouns')})")
AIM_RE = re.compile(r"力争")  # in the figure's own clause: what is aimed at, not what was done
AHEAD_RE = re.compile(rf"(?:{pattern('ahead_words')})(?:[两三四五]|几)年")  # a sentence about the years ahead
THRESHOLD_RE = re.compile(r"(?:以上|以下)?的(?=[\u4e00-\u9fff（(])")
OWN_END_RE = re.compile(rf"(?:{pattern('jurisdiction')})$")  # a "place" that ends with the report's own 全市/本市
SETTER_RE = re.compile(pattern("setters"))
# a threshold in 万元 right before the name: the statistics' scope of older years (规模以上 was 500万元以上); or, before
# trade, the body whose statistics the figure is ("海关进出口总额": the customs' count of the region's trade; "天津海关…"
# is an office, "海关税收" the duties it collects)
STAT_SCOPE_RE = re.compile(r"(?:全[省市区])?[0-9０-９]+万元(?:及)?以上(?:的)?")
CUSTOMS_SCOPE_RE = re.compile(rf"(?:全[省市区])?(?:{pattern('statistics_bodies')})(?:统计)?的?")
CUSTOMS_COUNTED = frozenset(words("customs_counted"))


def before_name(phrase: str, found: tuple[str, int, int]) -> str:
    """The words before the metric's name; when the name goes on to a target ("…增长目标", "…预期目标"), only those
    from the last setter on ("中央提出今年" -> "今年", "市委市政府把全市" -> "全市"): the body that sets a target is
    neither a qualifier of the metric nor a place whose figure it is ("中央决定将农民人均纯收入2300元…作为扶贫标准"
    sets no target: its words stay)."""
    text = metrics.normalise(phrase)
    head = text[:found[1]]
    if STAT_SCOPE_RE.fullmatch(head) or found[0] in CUSTOMS_COUNTED and CUSTOMS_SCOPE_RE.fullmatch(head):
        return ""  # "500万元以上工业企业增加值", "50万元以上固定资产投资", "海关进出口总额": the statistical scope, not a part
    if "目标" not in text[found[2]:]:
        return head
    last = None
    for last in SETTER_RE.finditer(head):
        pass
    return head[last.end():] if last else head


@dataclass
class Seen:
    """What a veto looks at: the draft, and the phrase (draft phase) or the report and sentence (fact phase)."""

    d: Draft
    phrase: str = ""
    found: tuple[str, int, int] | None = None
    clause: str | None = None  # the clause before the figure, when the rule asks for the base check
    listing: str | None = None  # the same in a 分别 listing (a stated base year stays apart there)
    report: Report | None = None
    status: str = ""
    sent: Sentence | None = None

    @property
    def text(self) -> str:
        return self.report.text if self.report is not None else ""


# ---- phase "draft": does the figure fit the metric the phrase names? ----

def unit_mismatch(s: Seen) -> bool:
    """A figure in a unit the metric never has (a currency metric with a value in %)."""
    d = s.d
    return d.value is not None and d.metric is not None and not metrics.compatible(d.metric, d.unit)


def _is_share(phrase: str) -> bool:
    return "占" in phrase and bool(SHARE_WORD_RE.search(phrase))


def share_not_percent(s: Seen) -> bool:
    """'民生支出占一般公共预算支出比重83.54%': a share of a metric is not the metric."""
    return _is_share(s.phrase) and metrics.kind(s.d.metric) != "percent"


def points_not_percent(s: Seen) -> bool:
    """A change in percentage points belongs to a rate, not to an amount."""
    return s.d.growth_unit == "个百分点" and metrics.kind(s.d.metric) != "percent" and not _is_share(s.phrase)


def scoped(s: Seen) -> bool:
    """A park, company or sub-region named before the metric: not the jurisdiction's own figure."""
    return bool(s.d.scope)


def qualified(s: Seen) -> bool:
    """A qualifier before the name (lexicon class qualifiers: "民营", "国有"…) makes it another measure; a size bar
    of the statistics ("50万元以上固定资产投资", "2000万元以上规模工业增加值") is the metric's own scope, no qualifier."""
    if s.found is None:
        return False
    before = SIZE_BAR_RE.sub("", before_name(s.phrase, s.found))
    # a quoted name of a group right before the metric's ("“五优一新”工业增加值"): that group's figure
    # an industry or a firm's contribution to the metric ("“两烟”提供的财政收入达126亿元"): its part, not the whole
    return bool(QUALIFIER_RE.search(before)) or (before.endswith("”") and not PLAN_QUOTE_RE.search(before)) \
        or bool(CONTRIBUTION_RE.search(before))


def other_measure(s: Seen) -> bool:
    """'万元规模工业增加值能耗': the phrase goes on after the name to name another measure (not a share's own word
    after a share's name: '一般公共预算支出用于民生的比重')."""
    if s.found is None:
        return False
    rest = metrics.normalise(s.phrase)[s.found[2]:]
    if metrics.kind(s.found[0]) == "count" and s.d.rule != "distribute" and COUNT_MEASURE_RE.match(rest):
        return True  # "高新技术企业产值增长33%": the firms' output, not their number (a listed item's phrase, built
        # with the list's tail, "接待游客和旅游收入分别增长…" -> 接待游客收入, still names the count)
    return bool(BREAKER_RE.match(rest)) and not (metrics.kind(s.found[0]) == "percent" and OWN_SHARE_WORD_RE.fullmatch(rest))


def other_period(s: Seen) -> bool:
    """'较“十一五”增长3.75倍': a change against another base than last year."""
    return s.d.growth is not None and bool(OTHER_PERIOD_RE.search(s.phrase))


def other_base_in_list(s: Seen) -> bool:
    """In a 分别 listing, a change against any stated base (a year included) is not the change on last year."""
    return s.listing is not None and s.d.growth is not None and bool(OTHER_BASE_RE.search(s.listing))


def other_period_in_clause(s: Seen) -> bool:
    """The clause before the figure compares with another period (as other_period, over the whole clause)."""
    return s.clause is not None and s.d.growth is not None and bool(OTHER_PERIOD_RE.search(s.clause))


MILESTONES_RE = re.compile(f"(?:{pattern('succession_words')})(?:[^，,；;。]*[、和及与])?[ \u3000]*$")  # and the next mark


def milestones(s: Seen) -> bool:
    """'全省生产总值先后突破3万亿元、4万亿元', '生产总值先后突破1000亿元和1500亿元大关': marks passed one after another
    (先后, 相继) over the years reviewed, each of them, not the level the metric reached."""
    return bool(MILESTONES_RE.search(s.phrase))


HEDGE_RE = re.compile(pattern("hedge_words"))


def hedged(s: Seen) -> bool:
    """'…科学种田水平还不够高，只能保证粮食产量稳定在400亿公斤左右': a figure that is all that can be managed (a
    limit, said among the problems) before the name, not a result reached nor a target set."""
    return s.found is not None and bool(HEDGE_RE.search(metrics.normalise(s.phrase), 0, s.found[1]))


LISTED_RE = re.compile(r"[、和与及]")


def items_elsewhere(s: Seen) -> bool:
    """'东湖新技术开发区、武汉经济技术开发区…，工业增加值分别比上年增长31%和25%': one name before 分别 with no list of
    its own, opening its clause: the figures go to items named elsewhere (parks, districts, years), none is the
    jurisdiction's metric. Words before the name may be the items ("国考省考断面水质优Ⅲ比例分别达到86.7%、92.5%": the
    first is the metric's); a figure in a later clause is no item of the list ("…能耗由前三年分别上升4.9%、5.5%、0.2%，
    转为下降1.2%")."""
    if s.found is None:
        return False
    text = metrics.normalise(s.phrase)
    at = text.find("分别", s.found[2])
    if at < 0 or LISTED_RE.search(text, 0, at) or delim_re(CLAUSE_DELIMS).search(text, at):
        return False
    head = PLACE_HEAD_RE.sub("", text[:s.found[1]].strip(" \u3000、，,"), count=1)
    return not JURISDICTION_RE.sub("", head, count=1)


# ---- phase "fact": does the figure belong to this report's jurisdiction and year? ----

def other_place(s: Seen) -> bool:
    """'廉江市生产总值': a county, district, town or park named before the metric, other than the report's own.
    When it fires, the place becomes the fact's scope."""
    assert s.report is not None
    d = s.d
    found = metrics.find(d.metric_text)
    if not found:
        return False
    head = before_name(d.metric_text, found)
    if (places := named_places(head, s.report.meta.region or "")):
        d.scope = places
        return True
    if AREA_PART_RE.fullmatch(head) or COUNTED_CITIES_RE.fullmatch(head):
        d.scope = head  # "山区5市生产总值", "全省山区县规模以上工业增加值", "三市地区生产总值": the area's, not the whole's
        return True
    m = SUBREGION_RE.search(head)
    name = m.group(1).removeprefix("年") if m else ""  # "初步确定2006年全市生产总值": the year's 年 is no place's
    if not m or len(name) < 2 or name[0] in "全我本各该" or any(w in name for w in words("not_place_words")):
        return False
    if OWN_END_RE.search(name):
        return False  # "去年全市", "初步统计全市": time or hedge words before the report's own jurisdiction
    region = s.report.meta.region or ""
    if name in region or (region and region[-3:] in name):
        return False
    d.scope = name
    return True


LIST_ITEM_SPLIT_RE = re.compile(r"[、和及与]")
LIST_VERB_RE = re.compile(rf"(?<![人年平])(?:{pattern('each_words')})")  # 分别, 均 (not 人均, 年均, 平均): the figures follow
DIGIT_RE = re.compile(r"[0-9０-９]")


def place_of_list(s: Seen) -> bool:
    """'新片区规上工业总产值、全社会固定资产投资分别增长72.7%和62%', '中心城区、县城环境空气质量优良率分别达98%和97%':
    a place before the first item of a list (other_place on that item) is every item's. The place becomes the scope."""
    assert s.sent is not None
    d, text = s.d, s.text
    if d.rule != "distribute":
        return False
    listed = text[clause_start(text, s.sent.start, d.q.start, CLAUSE_DELIMS):d.q.start]
    names = LIST_VERB_RE.split(listed, maxsplit=1)[0]  # the items, before 分别/均 and their figures
    first = LIST_ITEM_SPLIT_RE.split(names, maxsplit=1)[0]
    if names == listed or not first or first == names or DIGIT_RE.search(first) \
            or metrics.normalise(first).endswith(metrics.normalise(d.metric_text)):
        return False  # no list of names before 分别/均, or the figure's own item: other_place has read it
    own, scope = d.metric_text, d.scope
    d.metric_text = first
    try:
        fired = other_place(s)
    finally:
        d.metric_text = own
    if not fired:
        d.scope = scope
    return fired


def named_places(head: str, region: str) -> str | None:
    """'武汉生产总值', '黄冈、荆州、孝感、荆门、黄石等一批城市生产总值': the words before the metric are nothing but
    places named without their suffix (the gazetteer's short names), none the report's own: those places."""
    head = PLACE_GROUP_RE.sub("", PLACE_HEAD_RE.sub("", head, count=1))
    items = [it for it in re.split(r"[、和及与]", head) if it]
    if not items or not all(len(it) >= 2 and places_named(it) and not JURISDICTION_RE.fullmatch(it) for it in items):
        return None  # "全州" is also 全州县, but "全州地区生产总值" is the prefecture's own
    if any(it in region or region.removesuffix("省").removesuffix("市") in it for it in items if region):
        return None
    return head


def part_topic(s: Seen) -> bool:
    """'罗定片区引进项目37个，完成固定资产投资18亿元': a sentence (up to 。, across ；) that opens with a part (a park, an
    area) and gives its figures there speaks of that part: a later figure naming nothing but the metric is the
    part's. The part becomes the fact's scope."""
    assert s.report is not None and s.sent is not None
    text, d = s.text, s.d
    own = metrics.normalise(text[clause_start(text, s.sent.start, d.q.start):d.q.start]).strip()
    found = metrics.find(own)
    head = own[:found[1]] if found else ""
    if (counted := counted_parts(text, s.sent.start, d.q.start)) and not JURISDICTION_OPENING_RE.match(own):
        d.scope = counted  # "三县主要经济指标增速高于全市平均水平，规模以上工业总产值…均突破百亿元"
        return True
    if not head or not BARE_HEAD_RE.match(head):
        return False  # the clause opens with a verb, its subject left out ("完成固定资产投资…"), not with the metric
    whole = max(text.rfind(c, max(0, s.sent.start - 400), s.sent.start) for c in "。！？!?\n") + 1
    starts = [m.end() for m in SEGMENT_RE.finditer(text, whole, d.q.start)][::-1] + [whole]
    for start in dict.fromkeys(starts):  # the nearest segment first
        first_end = clause_end(text, start, d.q.start, CLAUSE_DELIMS)
        if d.q.start <= first_end:
            continue
        m = PART_OPENING_RE.match(text, start, first_end)
        opening = scan(text, m.end(), first_end) if m else []
        if m and opening and not metrics.find(text[m.end():opening[0].start]):
            # the opening clause gives a figure of the part's doing ("引进项目37个"), not only the scene, and not a
            # metric of a sub-area ("市区城镇居民人均可支配收入26864元，农村居民…": the rural figure is the whole's)
            d.scope = m.group().strip(" \u3000")
            return True
        if JURISDICTION_OPENING_RE.match(text, start, first_end):
            return False  # "；全市…": the whole again
    return False


def counted_parts(text: str, start: int, at: int) -> str | None:
    """The counted group of sub-regions ("三县", "四个县（市）") the segment of `at` (its sentence, or from its last
    ；) opens with, or its own clause does ("区级经济发展加快，预计13个区国内生产总值…为593亿元"), if any."""
    seg = max(start, max(text.rfind(c, start, at) for c in "；;") + 1)
    for s in dict.fromkeys((seg, max(seg, clause_start(text, start, at, CLAUSE_DELIMS)))):
        if m := COUNTED_PARTS_RE.match(text, s, at) or AREA_PART_RE.match(text, s, at):
            return YEAR_HEAD_RE.sub("", m.group().strip(" \u3000"))
    return None


# "，占全市工业增加值比重64%": the clause right after a figure (and its growth) gives its share of a whole
SHARE_AFTER_RE = re.compile(rf"(?:[，,、]?[^，,；;。]*?[0-9０-９]+(?:\.[0-9]+)?%)?[，,、]占(?P<base>[^，,；;。]{{2,20}}?)"
                            rf"(?:的?(?:{pattern('share_words')})|的?(?=[0-9０-９]+(?:\.[0-9]+)?%))")  # "占全市…的59.2%"
OWN_WHOLE_HEADS = "全我本"


PART_LEAD_RE = re.compile(r"[ \u3000]*其中")
FIRST_DIGIT_RE = re.compile(r"[0-9０-９]")
FILLERS_FRONT_RE = re.compile(f"^(?:{pattern('fillers')})+")  # "完成海关进出口总额": the name after its verb


def part_of_qualified_whole(s: Seen) -> bool:
    """'市属企业完成进出口总额17.85亿美元，增长35.5%，其中出口11.79亿美元': a part after 其中 is a part of the whole named
    in the nearest clause before that names a metric; when a qualifier makes that whole another measure (市属, 国有…),
    the part is of it too."""
    assert s.sent is not None
    text, d, start = s.text, s.d, s.sent.start
    cs = clause_start(text, start, d.q.start, CLAUSE_DELIMS)
    if not PART_LEAD_RE.match(text, cs):
        return False
    pos = cs
    while pos > start:
        before = clause_start(text, start, pos - 1, CLAUSE_DELIMS)
        name = FILLERS_FRONT_RE.sub("", FIRST_DIGIT_RE.split(text[before:pos - 1], maxsplit=1)[0].strip(" \u3000"))
        if (found := metrics.find(name)) is not None:
            return qualified(Seen(d, name, found))
        pos = before
    return False


LIST_END_RE = re.compile(r"分别|(?<![人年平])均")
ITEM_SEP_RE = re.compile(r"[、和及与]")


def qualified_list(s: Seen) -> bool:
    """'民营经济实现的增加值和税收分别…达到1.28万亿元和1740亿元': a qualifier opening a list (民营, 国有, 市属…) and
    qualifying its first item is every item's, so the later items are the qualified part's too (税收 of the private
    economy, not the region's)."""
    assert s.sent is not None
    text, d = s.text, s.d
    if d.rule != "distribute":
        return False
    cs = clause_start(text, s.sent.start, d.q.start, CLAUSE_DELIMS)
    end = LIST_END_RE.search(text, cs, d.q.start)
    if end is None:
        return False
    listing = text[cs:end.start()]
    if figures := list(FIRST_DIGIT_RE.finditer(listing)):  # "…比2002年增加140多万户、民营经济…": the list after them
        listing = listing[listing.find("、", figures[-1].end()) + 1:] if "、" in listing[figures[-1].end():] else ""
    first = ITEM_SEP_RE.split(listing, maxsplit=1)[0]
    first = JURISDICTION_RE.sub("", PLACE_HEAD_RE.sub("", first.strip(" \u3000"), count=1), count=1)
    if not (m := QUALIFIER_RE.match(first)) or m.end() == len(first) \
            or QUALIFIER_RE.match(metrics.normalise(d.metric_text)):
        return False  # a first item that is only the word ("蔬菜、粮、油产量", "制造业、高技术工业…") is one of the items
    found = metrics.find(first)
    return found is None or bool(QUALIFIER_RE.search(before_name(first, found)))


def share_of_own_whole(s: Seen) -> bool:
    """'“一区六园”…实现工业增加值175亿元、增长30%，占全市工业增加值比重64%' in a city's report: a level whose next
    clause gives its share of the report's own whole of the same metric (全市/我市/本市 for a city) is a part's."""
    assert s.report is not None and s.sent is not None
    d, text = s.d, s.text
    region = s.report.meta.region or ""
    if d.value is None or not region or region[-1] not in "省市区州盟县":
        return False
    end = max(d.q.end, d.growth_q.end if d.growth_q is not None else 0)
    m = SHARE_AFTER_RE.match(text, end, s.sent.end)
    if not m or len(base := m.group("base")) < 3 or base[0] not in OWN_WHOLE_HEADS or base[1] != region[-1]:
        return False
    found = metrics.find(base[2:])
    return found is not None and found[0] == d.metric and not JURISDICTION_RE.match(metrics.normalise(d.metric_text))


def gap(s: Seen) -> bool:
    """'地区生产总值增速力争高于全省1个百分点': a gap to another region's rate or a ceiling, not the region's own
    change. When the figure has a level ("失业率3.5%，低于省控指标1个百分点"), the level keeps its metric and only
    the gap is dropped."""
    assert s.sent is not None
    d = s.d
    q = d.growth_q or d.q
    if q.unit != "个百分点" or not GAP_RE.search(s.text[clause_start(s.text, s.sent.start, q.start, CLAUSE_DELIMS):q.start]):
        return False
    if d.value is not None:
        d.growth = d.growth_unit = d.growth_q = None
        return False  # the metric stays: recorded as fired by the caller through `keeps`
    return True


def gap_to_target(s: Seen) -> bool:
    """'城镇新增就业人数超过年初目标15万人': the figure after a target passed is the margin over it, not the level."""
    return s.d.rule == "lead" and s.found is not None \
        and bool(GAP_TO_TARGET_RE.search(metrics.normalise(s.phrase)[s.found[2]:]))  # its own words, not a clause before


def threshold(s: Seen) -> bool:
    """'财政总收入过10亿元的县（市、区）达到9个': a bar the counted things pass, not the region's own figure."""
    assert s.sent is not None
    text, q = s.text, s.d.q
    m = THRESHOLD_RE.match(text, q.end)
    if not m:
        return False
    stop = clause_end(text, m.end(), s.sent.end, CLAUSE_DELIMS)
    return any(metrics.units().get(n.unit or "") == "count" for n in scan(text, m.end(), stop))


def passed_step(s: Seen) -> bool:
    """'经济总量跨越7000亿元、8000亿元两个台阶': a threshold passed on the way to the next one listed after it, before
    "N个台阶" (the last takes the metric: attribution.last_threshold)."""
    text, q = s.text, s.d.q
    nxt = next(iter(scan(text, q.end + 1, min(len(text), q.end + 16))), None)
    return text[q.end:q.end + 1] in ("、", "和") and nxt is not None and nxt.start == q.end + 1 \
        and nxt.unit == q.unit and STEP_COUNT_RE.match(text, nxt.end) is not None


def is_increment(d: Draft) -> bool:
    """The draft's figure is an amount or a mass added ("比上年增加673亿元")."""
    q: Quantity = d.q
    return bool(q.growth_sign) and not q.level_verb and d.value is not None and d.unit not in ("%", "‰") \
        and metrics.kind(d.metric) in ("currency", "mass")


ADDED_NAME_RE = re.compile(f"(?:{pattern('new_words')}|{pattern('cut_words')})$")


def added_by_name(d: Draft) -> bool:
    """'年度新增工业总产值超过1000亿元', '减少财政支出近3亿元': an amount or a mass named as added or cut (a new word
    or a word of saving right before the name)."""
    if d.value is None or d.growth is not None or metrics.kind(d.metric) not in ("currency", "mass"):
        return False
    found = metrics.find(d.metric_text)
    return found is not None and bool(ADDED_NAME_RE.search(before_name(d.metric_text, found)))


def increment(s: Seen) -> bool:
    """'比上年增加673亿元' / '增加5.7亿斤' / '年度新增工业总产值超过1000亿元': an amount or a mass added, not the level
    the metric reached. A rate given with it ("农民人均纯收入增加300元左右，增长9.5％") is the metric's growth: the
    fact becomes that growth alone (the veto fires on the amount only)."""
    d = s.d
    q: Quantity = d.q
    if added_by_name(d):
        return True
    if not is_increment(d):
        return False
    if d.growth_q is not None and d.growth_unit == "%" and d.growth_q.start > q.end:
        d.q, d.growth_q, d.value, d.unit = d.growth_q, None, None, None
        return False
    return True


# comparability wording (data/comparability.txt) opening an aside: the figure in it is the metric's own
COMPARABLE_OPEN_RE = re.compile("|".join(f"(?:{r[0]})" for r in data_file.rows(__package__, "comparability.txt")))


def aside(s: Seen) -> bool:
    """'一般公共预算收入增长11.1%（州直增长13%、…）': a figure inside an aside after the name is a part's."""
    phrase = metrics.normalise(s.d.metric_text)
    found = metrics.find(phrase)
    rest = phrase[found[2]:] if found else ""
    if rest.count("(") > rest.count(")") and COMPARABLE_OPEN_RE.match(rest[rest.rfind("(") + 1:]):
        return False  # "一般公共预算收入增长5%（同口径增长8%）": the same metric on a comparable basis, no part
    return rest.count("(") > rest.count(")")


def goal(s: Seen) -> bool:
    """A goal quoted in a review ("提出国内生产总值到2020年力争比2000年翻两番", "…翻两番的任务", "到2010年，全市生产总值达到
    3700亿元": a deadline after the reviewed year in the figure's clause or standing as the clause before) is no result."""
    assert s.report is not None and s.sent is not None
    if s.status not in ("actual", "estimate"):
        return False
    text, d = s.text, s.d
    q = d.growth_q or d.q
    if GOAL_AFTER_RE.match(text, q.end):
        return True
    reviewed = reviewed_year(s.report)
    if not reviewed:
        return False
    cs = clause_start(text, s.sent.start, d.q.start, CLAUSE_DELIMS)
    if any(int(a or b) > reviewed for a, b in DEADLINE_RE.findall(text[cs:d.q.start])):
        return True
    # "“九五”时期国民生产总值以8%的速度增长" in a report reviewing 1995: a term still to come
    if any(term_end_year(name) > reviewed + 4 for name in PLAN_TERM_RE.findall(text, cs, q.start)):
        return True
    # "单位生产总值能源消耗比“十五”末降低20%左右" in a report reviewing 2005: a change from the reviewed year on
    if any(term_end_year(n) >= reviewed for n in PLAN_END_BASE_RE.findall(text, cs, q.start)):
        return True
    # "…；到2010年，国内生产总值比2000年翻一番": a deadline standing as the clause before
    before = text[clause_start(text, s.sent.start, cs - 1, CLAUSE_DELIMS):cs - 1] if cs > s.sent.start else ""
    m = DEADLINE_RE.fullmatch(before.strip(" \u3000"))
    return m is not None and int(m.group(1) or m.group(2)) > reviewed


PART_OF_YEAR_RE = re.compile(rf"(?:{pattern('part_of_year')}|(?<![个\d])(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?)")
WHOLE_YEAR_RE = re.compile(pattern("whole_year_words"))  # "增速从一月份-6.9%到全年的8.0%": the year's after all
# "前三季度，全市实现生产总值461.8亿元…；规上工业增加值增长9%…。预计全年…": a part of the year opening the sentence
# governs it, its semicolon clauses included, up to a whole-year word, when the paragraph goes on to the year's own
# figures (without them, as in a report given in December, the part's figures stand for the year: blind set B)
PART_OF_YEAR_OPENING_RE = re.compile(
    rf"\s*(?:(?:19|20)[0-9]{{2}}年)?(?:{pattern('part_of_year')}|1[-—–至到~～](?:1[0-2]|[2-9])月份?)[，,]")
# the year's own figures: "预计全年实现生产总值650亿元以上" (not "预计全年地区生产总值增速高于全省1个百分点")
YEAR_FIGURES_RE = re.compile(rf"(?:{pattern('whole_year_words')})[^。；;\n]{{0,30}}?(?:{pattern('year_figure_verbs')})"
                             r"[^。；;，,\n]{0,12}?[0-9]")


CHANGE_START_RE = re.compile(r"由|从")
CHANGE_END_RE = re.compile(r"到|至")


def change_end_words(text: str, cs: int, at: int) -> str:
    """The words of a figure's clause (`cs` up to `at`) that speak of it ("…，全年增长1.7%": its own clause); for the end
    of a change from another figure ("增速从一季度的-13.1%回升到1.5%"), the words after the start figure only: the
    quarter named before the start is the start's."""
    clause = text[cs:at]
    if not CHANGE_START_RE.search(clause) or not CHANGE_END_RE.search(clause):
        return clause  # most clauses hold no change
    earlier = scan(text, cs, at)
    if not earlier or not CHANGE_START_RE.search(text, cs, earlier[-1].start):
        return clause  # the start figure is the last before the end ("…1.08万亿美元、降幅由一季度的-23.1%收窄到-1.4%")
    after = text[earlier[-1].end:at]
    return after if CHANGE_END_RE.search(after) else clause


def year_figure_metrics(text: str, start: int) -> set[str]:
    """The metrics the rest of the paragraph gives the year's own figures of ("…。预计全年实现生产总值650亿元以上、增长
    5.5%，固定资产投资增长15%…"): after a part of the year opening a sentence, only their figures are the part's."""
    paragraph_end = text.find("\n", start) % (len(text) + 1)
    found: set[str] = set()
    for m in YEAR_FIGURES_RE.finditer(text, start, paragraph_end):
        end = min((i for i in (text.find(c, m.start(), paragraph_end) for c in "。\n") if i >= 0), default=paragraph_end)
        for clause in re.split(r"[，,；;、]", text[m.start():end]):
            if (named := metrics.find(clause)) is not None:
                found.add(named[0])
            found |= urban_rural.metrics_named(clause)  # "城乡居民人均可支配收入分别增长5%、7%": both incomes
    return found


def part_of_year(s: Seen) -> bool:
    """'一季度全市生产总值下降6.7%', '1—10月旅游人数增长48%': a quarter's or month's figure, not the year's (a
    half-year report's own half is its period). When only the growth is a part's ("进出口总额达6111.2亿美元，…由1月下降
    31.1%"), the level keeps its metric and the growth is dropped, as in `gap`."""
    assert s.report is not None and s.sent is not None
    if s.report.meta.kind == "half_year":
        return False
    text, d, start = s.text, s.d, s.sent.start
    full_stop = max(text.rfind(c, 0, start) for c in "。！？!?\n") + 1  # semicolon clauses share the opening
    opening = PART_OF_YEAR_OPENING_RE.match(text, full_stop) is not None \
        and d.metric in year_figure_metrics(text, start)  # else the part's figure is the year's best

    def of_part(q: Quantity) -> bool:
        clause = change_end_words(text, clause_start(text, start, q.start, CLAUSE_DELIMS), q.start)
        governed = opening and not WHOLE_YEAR_RE.search(text, full_stop, q.start)  # "…，预计全年完成560亿元，增长7%"
        return bool(governed or PART_OF_YEAR_RE.search(clause)) and not WHOLE_YEAR_RE.search(clause)

    if of_part(d.q):
        return True
    if d.growth_q is not None and d.growth_q is not d.q and of_part(d.growth_q):
        d.growth = d.growth_unit = d.growth_q = None
        if d.value is None:
            return True
    return False


def part_of_whole(s: Seen) -> bool:
    """'实际利用外资50.42亿美元，其中外商直接投资36.23亿美元' / '实际利用外资11.6亿元、外商直接投资（FDI）4439万美元':
    a figure under a name that stands for a part of its metric (lexicon class part_names), right after the whole of
    the same metric, is the part. Other 其中 figures keep their metric ("财政总收入…，其中地方财政收入520.79亿元" is
    labelled as its own fact)."""
    assert s.sent is not None
    text, q = s.text, s.d.q
    cs = clause_start(text, s.sent.start, q.start)
    part = text[cs:q.start]
    if cs <= s.sent.start or not PART_NAME_RE.search(part):
        return False
    bs = clause_start(text, s.sent.start, cs - 1)
    before = text[bs:cs]
    found = metrics.find(before)  # the whole, with its figure ("扭转利用外资下降局面，…" names no whole's figure)
    return found is not None and found[0] == s.d.metric and not PART_NAME_RE.search(before) \
        and bool(scan(text, bs, cs))


def aim(s: Seen) -> bool:
    """'未来五年，力争国内生产总值年均增长9.5%左右' in a review (a term-end report's next five years under a review
    heading): a figure aimed at, in its clause (力争), in a sentence about the years ahead, or in an item of a list
    announced by one ("今后五年的发展目标是：" / "——综合实力明显增强。…"), is no result."""
    assert s.report is not None and s.sent is not None
    if s.status not in ("actual", "estimate"):
        return False
    text, d = s.text, s.d
    first = min(d.q.start, d.growth_q.start if d.growth_q is not None else d.q.start)
    cs = clause_start(text, s.sent.start, first, CLAUSE_DELIMS)
    return bool(AIM_RE.search(text, cs, first) or AHEAD_RE.search(text, s.sent.start, first)
                or AHEAD_RE.search(list_lead(text, s.sent.start)))


ITEM_RE = re.compile(r"[\s\u3000]*(?:——|—|-|[（(]?[一二三四五六七八九十\d]{1,2}[）)、．.])")


def list_lead(text: str, at: int) -> str:
    """The line that announces the list a position's item belongs to ("今后五年的发展目标是：" above "——综合实力明显增强。
    …全省生产总值年均增长12%以上…"), or "" when the position is no list item."""
    start = text.rfind("\n", 0, at) + 1
    while ITEM_RE.match(text, start) and start > 0:
        start = text.rfind("\n", 0, start - 1) + 1
        line = text[start:text.find("\n", start)]
        if line.rstrip().endswith(("：", ":")):
            return line
    return ""


class Veto(NamedTuple):
    name: str
    phase: str  # "draft" | "fact"
    test: Callable[[Seen], bool]


VETOES: list[Veto] = [
    Veto("unit_mismatch", "draft", unit_mismatch),
    Veto("share_not_percent", "draft", share_not_percent),
    Veto("points_not_percent", "draft", points_not_percent),
    Veto("scoped", "draft", scoped),
    Veto("qualified", "draft", qualified),
    Veto("other_measure", "draft", other_measure),
    Veto("gap_to_target", "draft", gap_to_target),
    Veto("other_period", "draft", other_period),
    Veto("other_base_in_list", "draft", other_base_in_list),
    Veto("other_period_in_clause", "draft", other_period_in_clause),
    Veto("milestones", "draft", milestones),
    Veto("items_elsewhere", "draft", items_elsewhere),
    Veto("hedged", "draft", hedged),
    Veto("other_place", "fact", other_place),
    Veto("place_of_list", "fact", place_of_list),
    Veto("part_topic", "fact", part_topic),
    Veto("part_of_qualified_whole", "fact", part_of_qualified_whole),
    Veto("qualified_list", "fact", qualified_list),
    Veto("share_of_own_whole", "fact", share_of_own_whole),
    Veto("gap", "fact", gap),
    Veto("threshold", "fact", threshold),
    Veto("passed_step", "fact", passed_step),
    Veto("increment", "fact", increment),
    Veto("aside", "fact", aside),
    Veto("goal", "fact", goal),
    Veto("part_of_year", "fact", part_of_year),
    Veto("part_of_whole", "fact", part_of_whole),
    Veto("aim", "fact", aim),
]
DRAFT_VETOES = [v for v in VETOES if v.phase == "draft"]
FACT_VETOES = [v for v in VETOES if v.phase == "fact"]


def apply(vetoes: list[Veto], seen: Seen) -> None:
    """Run the vetoes in order on a draft that has a metric; the first that fires ends the checks."""
    d = seen.d
    for v in vetoes:
        if not d.metric:
            return
        growth_before = d.growth_q
        if v.test(seen):
            d.vetoed.append(v.name)
            d.metric = None
            return
        if v.name in ("gap", "part_of_year") and growth_before is not None and d.growth_q is None:
            d.vetoed.append(v.name)  # fired on the growth only: the level keeps its metric
            continue
        if v.name == "increment" and growth_before is not None and d.growth_q is None:
            d.vetoed.append(v.name)  # fired on the amount added only: the growth keeps its metric
            continue
        d.checks.append(v.name)


def checked_metric(d: Draft, phrase: str, found: tuple[str, int, int] | None = None, *,
                   clause: str | None = None, listing: str | None = None) -> str | None:
    """Keep a metric id only when the figure can be one of it (the "draft" vetoes). Not `if d.metric is None: return`
    then `return d.metric`: mypy would take d.metric for a str after the vetoes (which may clear it), and mypyc
    raises "str object expected; got None" on that narrowed type."""
    if d.metric is not None:
        apply(DRAFT_VETOES, Seen(d, phrase, found or metrics.find(phrase), clause=clause, listing=listing))
    return d.metric
