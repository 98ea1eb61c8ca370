"""The quantity grammar: number + multiplier + unit, ranges, bounds, growth verbs.

    quantity := [bound-prefix] number [多|余] [multiplier] unit [— number [multiplier] unit] [bound-suffix]
              | 百分之 numeral | 翻[了] numeral 番 | 实现[了]翻番 before an average growth

Only numbers with a unit (or a percentage) are quantities: years, ordinals (第三), plan names (十四五) and
idioms (一般, 两会, 一带一路) never are. Values are exact Decimals in base units (the written unit without its
multiplier): "239.9亿元" -> 23990000000 元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .. import data_file
from . import metrics
from .lexicon import pattern
from .numbers import MULTIPLIERS, parse_number
from .tables import alternation, bounds, growth_verbs, unit_spellings, units

PERCENT_UNITS = {"%": "%", "％": "%", "个百分点": "个百分点", "百分点": "个百分点", "倍": "倍"}
BASE_UNITS = {**unit_spellings(), **PERCENT_UNITS}  # a written unit -> the unit a fact records (μg/m3 -> 微克/立方米)

# thousands written apart by a space ("5 600美元", "1 200亿元"): 1-3 digits, then groups of exactly 3, never after
# or before another figure with a space between ("1562 971 307" in a table row is three numbers)
_SPACED = r"(?<![0-9][ \u2009\u202f\u00a0])[1-9][0-9]{0,2}(?:[ \u2009\u202f\u00a0][0-9]{3}(?![0-9]))+(?:[.．][0-9]+)?(?![ \u2009\u202f\u00a0][0-9])"
_AR = rf"{_SPACED}|[0-9０-９]+(?:[,，][0-9０-９]{{3}}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿][零〇一二两三四五六七八九十百千万亿点·]+|十(?=[多余几])"  # 十多万: a lower bound
_MIX = r"[0-9０-９]+(?:[十百千万亿]+[0-9０-９]+)+[十百千万亿]*"  # "5万4千6百", "3亿2000万": Arabic digits with places
# Not a place after 几/数 ("几十万", "数百个": no exact value)
_NOT_AFTER = r"(?<![A-Za-z0-9０-９.第])(?!(?<=[几数])[十百千万亿])"
# A numeral and a place just before a number with a place of its own ("3亿2.5万元", "3万五千元"): the tail of a form
# the grammar cannot read is no number
PLACE_BEFORE = re.compile(r"[0-9０-９零〇一二两三四五六七八九][十百千万亿]\Z")
PLACE_IN = re.compile(r"[十百千万亿]")
SPACES = re.compile(r"[ \u2009\u202f\u00a0]")
_MULT = alternation(MULTIPLIERS)
_UNIT = alternation(list(units()) + list(BASE_UNITS))
_SP = r"[ \u3000]?"

_DASH = "[-—–－~～―─至到]"  # "8至9%", "2到3万人", "9%─10%": the words and marks a range is written with
_RANGE_TAIL = rf"{_SP}(?P<dash>{_DASH}{{1,2}}){_SP}(?P<n2>{_AR}|{_CN}|[一二两三四五六七八九十]){_SP}(?P<m2>{_MULT})?{_SP}(?P<u2>{_UNIT})"
# a one-character numeral opens a range only ("两到三个百分点", "八至九万人"), never stands alone
_CN_LOW = rf"[一二两三四五六七八九](?={_DASH})"
QUANTITY_RE = re.compile(
    rf"(?P<pct>百分之[零〇一二两三四五六七八九十点·]+)"  # "百分之八至九", "百分之五到百分之六": a range
    rf"(?:{_DASH}{{1,2}}(?:百分之)?(?P<pct2>[零〇一二两三四五六七八九十点·]+)(?![零〇一二两三四五六七八九十点·年]))?"
    rf"|(?P<fan>翻了?(?:一|两|二|三|四)番|(?:(?<=实现)|(?<=实现了))翻番(?=[，,、](?:{pattern('doubling_average_leads')})))"
    rf"|(?<=[近超逾约达占的过长加低])(?P<tenth>[二三四五六七八九])成(?![员为功本立果效熟长就绩型品])"  # "超八成" = 80%
    rf"|{_NOT_AFTER}(?P<n1>{_MIX}|{_AR}|{_CN}|{_CN_LOW}){_SP}(?P<more1>多|余|几)?(?P<m1>{_MULT})?(?P<more2>多|余)?{_SP}"
    rf"(?P<u1>{_UNIT})?(?:{_RANGE_TAIL})?(?(u1)|(?(u2)|(?!)))"  # a unit after the number or after the range
)

# "解决40.5万农村人口饮水安全问题", "实现85万以上贫困人口脱贫": a count of people with the people named between the
# multiplier (and its bound) and 人口
PEOPLE_RE = re.compile(rf"(?<![A-Za-z0-9０-９.第])(?P<n1>{_AR}|{_CN}){_SP}(?P<m1>万|亿|千)(?P<over>以上|多)?"
                       r"(?P<who>(?:(?!以上|以下|左右|人口)[\u4e00-\u9fff]){1,6}?)人口")
# "新增户籍人口1.5万以上", "减少贫困人口29.9万": a count of people after 人口, written without 人
PEOPLE_AFTER_RE = re.compile(rf"(?<=人口)(?P<n1>{_AR}|{_CN}){_SP}(?P<m1>万|亿|千)(?![\u4e00-\u9fff]*?[人户])")
# "居民消费价格指数控制在103左右", "商品零售价格指数101": a price index written as an index (last year = 100) is the
# change in % (103 -> 3%); only a bare figure between 80 and 130 right after the index's name and a verb of setting
INDEX_LEAD_RE = re.compile(rf"(?:{pattern('price_index_words')})(?:[（(][\u4e00-\u9fff]{{1,6}}[）)])?(?:{pattern('index_lead_verbs')})?[ \u3000]?\Z")
INDEX_RE = re.compile(rf"(?<![0-9.])(?P<n>(?:[89][0-9]|1[0-2][0-9]|130)(?:\.[0-9]{{1,2}})?)(?![0-9.%％‰]|[ \u3000]?(?:{pattern('index_stop_units')}))")
ROUND_AMOUNT = {"百亿", "千亿", "万亿", "百万", "千万"}  # "突破千亿元": a round amount written without a digit
ROUND_BEFORE = re.compile(rf"(?:{pattern('round_leads')})\Z")  # not 过/超: "过百亿元产业" names a class of firms
ARABIC_START = re.compile(r"[0-9０-９]")
# Where a numeral run begins. A lone Chinese numeral ("进一步", "统一") starts no quantity unless a character the
# grammar reads after it follows (一点五, 十多, 八成, 百分之, 两到三万): it is not even tried.
# The leading set: the engine skips ahead to a character that can start a candidate (1.7x faster over a report)
CANDIDATE_RE = re.compile(rf"(?=[0-9０-９零〇一二两三四五六七八九十百千万亿翻])(?:[0-9０-９]+|[零〇一二两三四五六七八九十百千万亿]{{2,}}"
                          rf"|[零〇一二两三四五六七八九十百千万亿](?=[点·多余几成分]|{_DASH})|百分之|翻"
                          rf"|[万亿](?=元(?:{pattern('milestone_marks')})))")
PREFIX_BOUND, SUFFIX_BOUND = bounds()
PREFIX_RE = re.compile(rf"(?:{alternation(PREFIX_BOUND)})[ \u3000]*$")
GROWTH_RE = re.compile(rf"(?:{alternation(growth_verbs())})$")
FILLER_RE = re.compile(f"(?:{pattern('figure_fillers')}){{1,2}}$")  # "增幅均在14%以上": 均 and 在
# a rate told as the pace of a growth after it, with no verb before ("实现29%的快速增长", "以年均24.1%的速度递增")
# (after a verb of keeping up a pace: "提出7.5%左右的增长目标" and "8%的增速是…" tell a target, not a result)
GROWTH_AFTER_RE = re.compile(rf"(?:左右)?的[\u4e00-\u9fff]{{0,3}}?(?:{pattern('growth_after_words')})"
                             rf"(?![\u4e00-\u9fff]{{0,2}}(?:{pattern('growth_after_stops')}))")
PACE_LEAD_RE = re.compile(rf"(?:{pattern('pace_verbs')})(?:{pattern('pace_spans')})?\Z")
SUFFIX_RE = re.compile(rf"(?:{alternation(SUFFIX_BOUND)})")
CN_DIGIT = re.compile(r"[零〇一二两三四五六七八九十]")
# a note between the verb and the number: "增长（下同）3.1%", "增长（同比，下同）8.3%", "增长（以下简称“增长”）7%"
NOTE_RE = re.compile(rf"[（(](?:{pattern('note_words')})[^（）()\n。，]{{0,8}}[）)][ \u3000]*\Z"
                     r"|[（(]同比[，,、]下同[）)][ \u3000]*\Z")


@dataclass
class Quantity:
    start: int  # offsets of value_text
    end: int
    value_text: str
    value: Decimal | None
    unit: str | None  # base unit: 元 美元 亩 人 % 个百分点 ...
    high: Decimal | None = None
    bound: str = "exact"
    growth_sign: int = 0  # +1/-1 when a growth verb governs the number, 0 for a level
    verb: str | None = None
    level_verb: bool = False  # "提高到52.4%": a verb that reaches a level, not a change
    lead_end: int = 0  # where the words before the number (verb, bound) begin: the metric phrase ends here
    times: bool = False  # unit was 倍 / 番


@lru_cache(maxsize=4096)  # a memo of a pure function: the same numerals recur ("5%", "10%", "一倍")
def _num(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return parse_number(SPACES.sub("", text))
    except (ValueError, KeyError, ArithmeticError):
        return None


# "1万(含)-" or "8500到" just before a number: it is the high end of a range the grammar did not read
RANGE_HEAD = re.compile(rf"[0-9０-９%万亿千百元）)][ \u3000]*{_DASH}{{1,2}}[ \u3000]*\Z")
UNIT_TAIL = re.compile(r"[零〇一二两三四五六七八九0-9]+[角毛]")


BIG_PLACE = re.compile("[万亿]")
TRAILING_PLACES = re.compile("[万亿]+$")


def _trailing_places(n: str) -> Decimal:
    places = TRAILING_PLACES.search(n)
    out = Decimal(1)
    for ch in places.group() if places else "":
        out *= MULTIPLIERS[ch]
    return out


# "从1千亿元到2千亿元", "由A到B": a path from one level to another ("从" just before the low end, or before a
# high end whose "到" follows a number)
TRAJECTORY = re.compile(r"[从由][^，。；、从由]{0,20}?(?:\Z|[到至][ \u3000]*\Z)")


def _truncated(m: re.Match, u1: str | None) -> Quantity | None:
    """The low end alone, when a match that looked like a range is a path."""
    if not u1:
        return None
    s, e = m.start(), m.end("u1")
    inner = QUANTITY_RE.match(m.string[:e], s)
    return _build(inner) if inner is not None and inner.end() == e and not inner.group("dash") else None


def _chinese_ok(n: str) -> bool:
    """A Chinese numeral counts only with a digit and a place ('三十万', '两千'), never alone ('一个', '两会')."""
    return bool(CN_DIGIT.search(n)) and (len(n) >= 2) and not n.startswith("点") and not n.endswith("点")


def scan(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in text[start:end], with bounds and the growth verb that governs it."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    resume = start
    for c in CANDIDATE_RE.finditer(text, start, end):  # try the grammar only where a numeral run begins
        at = c.start()
        if at < resume:
            continue
        if text[at] in ROUND_FIRST and (q := round_milestone(text, at, end, start)) is not None:  # before the grammar: "千亿台阶" is no 台
            resume = q.end
            _attach_context(text, q, start)
            out.append(q)
            continue
        if (q := listed_unit(text, at, end)) is not None:  # before the grammar: "7.3个" is no count here
            resume = q.end
            _attach_context(text, q, start)
            out.append(q)
            continue
        if (q := listed_amount(text, at, end, start)) is not None:  # before the grammar: "424.8、" has no unit
            resume = q.end
            _attach_context(text, q, start)
            out.append(q)
            continue
        m = QUANTITY_RE.match(text, at, end)
        if m is None and (q := per_volume(text, at, end, start)) is not None:
            resume = q.end
            _attach_context(text, q, start)
            out.append(q)
            continue
        if m is None and (q := _index(text, at, end, start)) is not None:
            resume = q.end
            _attach_context(text, q, start)
            out.append(q)
            continue
        if m is None and (q := bare_amount(text, at, end, start)) is not None:
            resume = q.end
            _attach_context(text, q, start)
            out.append(q)
            continue
        if m is None and (q := bare_count(text, at, end, start)) is not None:
            resume = q.end
            _attach_context(text, q, start)
            out.append(q)
            continue
        if m is None:
            p = PEOPLE_RE.match(text, at, end) or PEOPLE_AFTER_RE.match(text, at, end)
            q = _people(p) if p else None
            if p is not None and q is not None:
                resume = p.end()
                _attach_context(text, q, start)
                out.append(q)
            continue
        q = _build(m)
        resume = q.end if q is not None and q.end < m.end() else m.end()  # a path's low end: read on after it
        if q is None:
            if m.group("dash") == "到" and m.group("n2"):
                resume = m.start("n2")  # "从100万到300万标箱": the level reached is read alone
            continue
        if _size_bar(text, q, start):
            continue
        _minus(text, q, start)
        _attach_context(text, q, start)
        _listed_multiple(text, q, out[-1] if out else None)
        out.append(q)
    return sorted(out, key=lambda q: q.start)


MINUS = "-－—–−"
MINUS_LEAD = re.compile(r"[\u4e00-\u9fff]")


def _minus(text: str, q: Quantity, floor: int) -> None:
    """'社会消费品零售总额增长-2.6%', '商品零售价格涨幅为—0.2%': a rate written with a minus sign (one dash right after a
    word, not a list's "——" nor a range's "8%-10%") is negative."""
    at = q.start - 1
    if at - 1 < floor or q.unit not in ("%", "个百分点") or q.value is None or q.high is not None \
            or text[at] not in MINUS or not MINUS_LEAD.match(text[at - 1]):
        return
    q.start, q.value, q.value_text = at, -q.value, text[at:q.end]


def _listed_multiple(text: str, q: Quantity, before: Quantity | None) -> None:
    """'比“十五”期末增长75.6%和1.7倍': a multiple listed right after a change in % shares its verb (170%)."""
    if q.unit == "倍" and not q.growth_sign and q.value is not None and before is not None and before.growth_sign \
            and before.unit == "%" and text[before.end:q.start] in ("和", "、", "及"):
        q.growth_sign, q.verb = before.growth_sign, before.verb
        q.value, q.unit, q.high = q.value * 100 * before.growth_sign, "%", (q.high * 100 if q.high is not None else None)


@lru_cache(maxsize=1)
def _size_bar_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lead = re.compile(rf"(?<!全)(?:{pattern('size_bar_leads')})(?:{pattern('size_bar_verbs')})?\Z")
    after = re.compile(rf"(?:(?:及|或)?以上(?:的)?|的)[^，,。；;：:\n]{{0,24}}?(?:{pattern('size_bar_holders')})")
    return lead, after


def _size_bar(text: str, q: Quantity, floor: int) -> bool:
    """'年产品销售收入500万元以上的非国有工业企业': a bar that defines a group of firms, not a figure of the region."""
    if q.unit != "元":
        return False
    lead, after = _size_bar_res()
    return bool(lead.search(text, max(floor, q.start - 10), q.start) and after.match(text, q.end))


def _index(text: str, pos: int, end: int, floor: int) -> Quantity | None:
    """A price index written as an index ("居民消费价格指数103左右"): its change in % (3%)."""
    m = INDEX_RE.match(text, pos, end)
    if m is None or not INDEX_LEAD_RE.search(text, max(floor, pos - 16), pos):
        return None
    return Quantity(m.start(), m.end(), m.group(), Decimal(m.group("n")) - 100, "%")


# "分别提高7.3和4.8个百分点", "回落7.3个和4.8个百分点", "增长8、10和12%": a rate's unit written once, after the last
# of listed numbers (个 of 个百分点 may stay with each)
LISTED_UNIT_RE = re.compile(rf"(?<![0-9０-９.．%％/／:：])(?P<n>{_AR})(?P<ge>个)?(?=(?:[、和](?:{_AR})个?)*[、和](?:{_AR})"
                            r"(?P<u>个百分点|百分点|%|％))")


def listed_unit(text: str, pos: int, end: int) -> Quantity | None:
    """A number of a list whose unit (%, 个百分点) is written only after its last number: that unit."""
    m = LISTED_UNIT_RE.match(text, pos, end)
    if m is None or (m.group("ge") and "百分点" not in m.group("u")) or (value := _num(m.group("n"))) is None:
        return None
    return Quantity(m.start(), m.end(), m.group(), value, PERCENT_UNITS[m.group("u")])


# "粮食、蔬菜、肉蛋奶总产量分别达到424.8、502.5、187.9万吨": an amount's multiplier and unit written once, after
# the last of the numbers a 分别 list gives (each number of the list is in them)
_LISTED_N = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
LISTED_AMOUNT_RE = re.compile(rf"(?<![0-9０-９.．%％/／:：])(?P<n>{_LISTED_N})(?=(?:[、和]{_LISTED_N})*[、和]"
                              rf"(?P<last>{_LISTED_N}{_SP}(?:{_MULT})?{_SP}(?:{_UNIT})))")
LISTED_RUN_RE = re.compile(rf"(?:{_LISTED_N}[、和])*\Z")
EACH_LEAD_RE = re.compile(r"分别[\u4e00-\u9fff]{0,4}(?<!第)\Z")  # "分别达到", "分别为"; not ranks ("分别居全省第4、6、5位")


def listed_amount(text: str, pos: int, end: int, floor: int) -> Quantity | None:
    """A number of a 分别 list whose multiplier and unit (not a rate's: listed_unit) follow only its last number."""
    m = LISTED_AMOUNT_RE.match(text, pos, end)
    if m is None:
        return None
    run = LISTED_RUN_RE.search(text, max(floor, pos - 60), pos)
    if run is None or not EACH_LEAD_RE.search(text, max(floor, run.start() - 8), run.start()):
        return None
    last = QUANTITY_RE.match(text, m.start("last"), end)
    q = _build(last) if last is not None else None
    written, value = _num(last.group("n1")) if last is not None else None, _num(m.group("n"))
    if q is None or q.value is None or q.unit in PERCENT_UNITS.values() or q.high is not None or not written \
            or value is None:
        return None
    return Quantity(m.start(), m.end("n"), m.group("n"), value * q.value / written, q.unit)


# "PM2.5平均浓度为每立方米44.6微克": a concentration with its volume written before the number
PER_VOLUME_RE = re.compile(rf"(?P<n>{_AR}){_SP}(?P<u>微克|毫克)(?![/每])")
PER_VOLUME_LEAD = re.compile(rf"每立方米{_SP}\Z")
CLAUSE_HEAD_RE = re.compile(r"[^，。；;,\n]*\Z")


def per_volume(text: str, pos: int, end: int, floor: int) -> Quantity | None:
    """'每立方米44.6微克' (the span starts at 每), and a figure in 微克 after one in the same clause ("从每立方米57微克
    下降到26微克", "分别下降到每立方米57微克、112微克"): micrograms per cubic metre."""
    m = PER_VOLUME_RE.match(text, pos, end)
    if m is None or (value := _num(m.group("n"))) is None:
        return None
    unit = m.group("u") + "/立方米"
    lead = PER_VOLUME_LEAD.search(text, max(floor, pos - 6), pos)
    if lead is not None:
        return Quantity(lead.start(), m.end(), text[lead.start():m.end()], value, unit)
    clause = CLAUSE_HEAD_RE.search(text, max(floor, pos - 40), pos)
    if clause is None or "每立方米" not in clause.group():
        return None
    return Quantity(m.start(), m.end(), m.group(), value, unit)


# "地区生产总值突破500亿大关，", "固定资产投资1633亿，": an amount in 亿 written without 元, ending its clause
BARE_AMOUNT_RE = re.compile(r"(?<![A-Za-z0-9０-９.．第])(?P<n>[0-9０-９]+(?:[.．][0-9０-９]+)?)(?P<m>万亿|亿)"
                            rf"(?=(?:{pattern('milestone_marks')})?(?:左右|以上|多)?(?:[，。；;,）)]|\Z))")
CLAUSE_OPEN_RE = re.compile(r".*[，。；：、,;:\n]", re.DOTALL)


@lru_cache(maxsize=1)
def _bare_gap_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern('reach_verbs')}|{pattern('milestone_verbs')})*")


def currency_lead(text: str, pos: int, floor: int) -> bool:
    """The clause up to pos opens with a currency metric, with nothing but verbs of reaching after its name."""
    head = CLAUSE_OPEN_RE.match(text, floor, pos)
    lead = metrics.normalise(text[head.end() if head else floor:pos])
    found = metrics.find(lead, whole=False) if lead else None
    return found is not None and metrics.kind(found[0]) == "currency" and bool(_bare_gap_re().fullmatch(lead[found[2]:]))


def bare_amount(text: str, pos: int, end: int, floor: int) -> Quantity | None:
    """'地区生产总值突破500亿大关': 亿 with no unit is 元 only right after a currency metric (metrics.tsv kind),
    with nothing but verbs of reaching between ("高新技术企业突破1000家" and "游客突破500万" stay counts)."""
    m = BARE_AMOUNT_RE.match(text, pos, end)
    if m is None or not currency_lead(text, pos, floor):
        return None
    value = _num(m.group("n"))
    if value is None:
        return None
    return Quantity(m.start(), m.end(), m.group(), value * MULTIPLIERS[m.group("m")], "元")


# "旅游人次达到1900万，", "旅游接待人次达到1.2亿、": a count in 万 or 亿 written without its unit, ending its clause
BARE_COUNT_RE = re.compile(r"(?<![A-Za-z0-9０-９.．第])(?P<n>[0-9０-９]+(?:[.．][0-9０-９]+)?)(?P<m>万|亿)"
                           r"(?=(?:左右|以上|多)?(?:[，。；;,、）)]|\Z))")


@lru_cache(maxsize=1)
def _name_units() -> dict[str, str]:
    return {r[0]: r[1] for r in data_file.rows(__package__, "name_units.tsv")}


def count_lead_unit(text: str, pos: int, floor: int) -> str | None:
    """The unit a count metric's name ends with (data/name_units.tsv: 人次, 人数 -> 人), when the clause up to pos
    opens with that name and nothing but verbs of reaching follow it."""
    head = CLAUSE_OPEN_RE.match(text, floor, pos)
    lead = metrics.normalise(text[head.end() if head else floor:pos])
    found = metrics.find(lead, whole=False) if lead else None
    if found is None or metrics.kind(found[0]) != "count" or not _bare_gap_re().fullmatch(lead[found[2]:]):
        return None
    return next((unit for end, unit in _name_units().items() if lead.endswith(end, 0, found[2])), None)


def bare_count(text: str, pos: int, end: int, floor: int) -> Quantity | None:
    """'旅游人次达到1900万': a count metric whose name ends with its unit word gives the figure that unit (a bare
    "游客突破500万" names no unit and stays no quantity)."""
    m = BARE_COUNT_RE.match(text, pos, end)
    if m is None or (unit := count_lead_unit(text, pos, floor)) is None or (value := _num(m.group("n"))) is None:
        return None
    return Quantity(m.start(), m.end(), m.group(), value * MULTIPLIERS[m.group("m")], unit)


# "人均国内生产总值突破万元大关": a one-place round amount with no digit, only after a verb of passing and before a
# milestone noun (a bare "万元" is a unit: "万元生产总值能耗"); "地区生产总值跨越千亿大关": a round amount without
# 元 before a milestone noun, in 元 only after a currency metric (as bare_amount)
_ROUND_YI = alternation(sorted(a for a in ROUND_AMOUNT if a.endswith("亿")))  # 百亿, 千亿, 万亿
ROUND_FIRST = frozenset("万亿" + "".join(a[0] for a in ROUND_AMOUNT if a.endswith("亿")))  # where one can start
ROUND_MILESTONE_RE = re.compile(rf"(?:(?P<m>[万亿])元|(?P<r>{_ROUND_YI})(?!元))(?=新?(?:{pattern('milestone_marks')}))")
ROUND_MARK_AFTER = re.compile(rf"新?(?:{pattern('milestone_marks')})")
STEP_BEFORE = re.compile(rf"(?:{pattern('step_verbs')})\Z")


def round_lead(text: str, pos: int, end: int, floor: int) -> bool:
    """A round amount with no digit ('千亿元') is a figure after a verb of passing ('突破千亿元'), or after a verb of
    stepping when a milestone noun follows ('跨上万亿元台阶'; '过百亿元产业' names a class of firms)."""
    return bool(ROUND_BEFORE.search(text, max(floor, pos - 2), pos)
                or (STEP_BEFORE.search(text, max(floor, pos - 2), pos) and ROUND_MARK_AFTER.match(text, end)))


def round_milestone(text: str, pos: int, end: int, floor: int) -> Quantity | None:
    m = ROUND_MILESTONE_RE.match(text, pos, end)
    if m is None or not round_lead(text, pos, m.end(), floor):
        return None
    if m.group("r") and not currency_lead(text, pos, floor):
        return None  # "有色金属产能跨越百万吨台阶", "产业迈上千亿台阶": no currency named
    return Quantity(m.start(), m.end(), m.group(), MULTIPLIERS[m.group("m") or m.group("r")], "元")


def _people(m: re.Match) -> Quantity | None:
    n1 = m.group("n1")
    if not ARABIC_START.match(n1) and not _chinese_ok(n1):
        return None
    value = _num(n1)
    if value is None:
        return None
    bound = "min" if m.groupdict().get("over") else "exact"
    return Quantity(m.start(), m.end(), m.group(), value * MULTIPLIERS[m.group("m1")], "人", bound=bound)


def _build(m: re.Match) -> Quantity | None:
    s, e = m.span()
    if m.group("pct"):
        v = _num(m.group("pct"))
        if v is None:
            return None
        high = _num(m.group("pct2")) if m.group("pct2") else None
        if high is None or high <= v:  # "百分之六十点三到一九五七年": no range; the first figure alone
            return Quantity(s, m.end("pct"), m.group("pct"), v, "%")
        return Quantity(s, e, m.group(), v, "%", high=high, bound="range")
    if m.group("tenth"):
        return Quantity(s, e, m.group(), _num(m.group("tenth") + "十"), "%")
    if m.group("fan"):
        n = 1 if m.group("fan") == "翻番" else _num(m.group("fan")[-2])  # 翻一番, 翻了两番
        if n is None:
            return None
        growth = (Decimal(2) ** int(n) - 1) * 100
        return Quantity(s, e, m.group(), growth, "%", growth_sign=1, verb="翻", times=True)
    n1, m1, u1, n2, m2, u2 = m.group("n1", "m1", "u1", "n2", "m2", "u2")
    unit = u1 or u2
    if not unit or (unit == "台" and m.string[e:e + 1] in ("阶", "币")):
        return None  # "迈上1000亿台阶": a step, not 1000亿 machines; 台币 is a currency
    if unit == "元" and UNIT_TAIL.match(m.string, e):
        return None  # "六十四万零一百四十三元一角七分": a form reports never write, not read rather than cut
    if m.group("dash") == "到" and TRAJECTORY.search(m.string, max(0, s - 4), s):
        return _truncated(m, u1)  # "从1千亿元到2千亿元": from one level to another, not a range
    if RANGE_HEAD.search(m.string, max(0, s - 12), s) and not TRAJECTORY.search(m.string, max(0, s - 24), s):
        return None  # "1万(含)-5万元": the high end of a range read whole or not at all
    if (m1 or PLACE_IN.search(n1)) and PLACE_BEFORE.search(m.string, max(0, s - 2), s):
        return None
    is_cn1 = not ARABIC_START.match(n1)
    # a one-character low end ("两到三万") is read only with the place and unit of the high end
    if is_cn1 and len(n1) == 1 and not (n1 == "十" and m.group("more1")) and not (n2 and not u1):
        return None
    if is_cn1 and len(n1) > 1 and not _chinese_ok(n1) and not (n1 in ROUND_AMOUNT and u1 and round_lead(m.string, s, e, 0)) \
            and not (n1 == "十" and m.group("more1")):
        return None
    if n2 and not ARABIC_START.match(n2) and not _chinese_ok(n2) and not (is_cn1 and len(n2) == 1):
        n2 = None
    v1 = MULTIPLIERS[n1] if n1 in ROUND_AMOUNT else _num(n1)
    if v1 is None:
        return None
    v2 = _num(n2) if n2 else None
    if n2 and v2 is None:
        return None
    if n2 and (u1 and u2 and BASE_UNITS.get(u1, u1) != BASE_UNITS.get(u2, u2)):
        v2 = None  # "5%—6个" is no range
    if v2 is None and n2:
        e = m.end("u1") if u1 else m.end("n1")
        if not u1:
            return None
    mult1 = MULTIPLIERS[m1] if m1 else (MULTIPLIERS[m2] if (m2 and not u1 and v2 is not None) else Decimal(1))
    if not m1 and not m2 and not u1 and v2 is not None and is_cn1 and not BIG_PLACE.search(n1):
        mult1 = _trailing_places(n2)  # "一百二十到一百五十亿元": the low end shares the high end's 亿
    mult2 = MULTIPLIERS[m2] if m2 else Decimal(1)
    base = BASE_UNITS.get(unit, unit)
    value = v1 * mult1
    high = v2 * mult2 if v2 is not None else None
    if high is not None and high < value and not m1:  # "从8500到3万": the low end has no place of its own
        value = v1
    bound = "exact"
    if m.group("more1") or m.group("more2"):
        bound = "min"
    q = Quantity(s, e, m.string[s:e], value, base, high=high, bound="range" if high is not None else bound)
    if base == "倍":
        q.times = True
    if high is not None and high < value:  # "5000万至1亿" is fine; a reversed pair is not a range
        q.high, q.bound = None, "exact"
    return q


def _attach_context(text: str, q: Quantity, floor: int) -> None:
    """Read the bound words and the growth verb around the quantity."""
    after = text[q.end:q.end + 3]
    if after.startswith(("（含）", "(含)")):  # "50万元（含）以上": the bound after the note
        after = text[q.end + 3:q.end + 6]
    suffix = SUFFIX_RE.match(after)
    if suffix and q.bound != "range" and not (suffix.group() in ("多", "余") and not after.startswith(suffix.group())):
        word = suffix.group()
        if word not in ("多", "余") or q.unit in ("%",):
            q.bound = SUFFIX_BOUND[word]
    pos = q.start
    note = NOTE_RE.search(text, max(floor, pos - 14), pos)
    if note:  # "同比增长（下同）3.1%": a note between the verb and the number
        pos = note.start()
    before = text[max(floor, pos - 12):pos]
    while before.endswith((" ", "\u3000")):
        before, pos = before[:-1], pos - 1
    prefix_bound = None
    m = PREFIX_RE.search(before)
    if m:
        word = m.group().rstrip(" \u3000")
        prefix_bound = PREFIX_BOUND[word]
        pos -= len(before) - m.start()
        before = before[:m.start()]
        while before.endswith((" ", "\u3000")):
            before, pos = before[:-1], pos - 1
    if prefix_bound and q.bound == "exact":
        q.bound = prefix_bound
    # a verb of reaching ("提高到") or a growth verb, possibly with 了 / 分别 / 均 / 同比 in between
    stripped = FILLER_RE.sub("", before)
    if stripped.endswith(("到", "至")) and len(stripped) >= 3:
        core = stripped[:-1]
        m = GROWTH_RE.search(core)
        if m:
            q.level_verb = True
            q.lead_end = pos - (len(before) - m.start())
            return
    m = GROWTH_RE.search(stripped)
    if m and m.group() == "增" and stripped[:m.start()].endswith("新"):  # 新增 counts something new
        m = None
    if m:
        verb = m.group()
        q.growth_sign = growth_verbs()[verb]
        q.verb = verb
        q.lead_end = pos - (len(before) - m.start())
        if q.growth_sign < 0 and q.value is not None:
            q.value, q.high = -q.value, (-q.high if q.high is not None else None)
            if q.high is not None:
                q.value, q.high = q.high, q.value
        if q.unit == "倍" and q.value is not None:
            q.value, q.unit, q.high = q.value * 100, "%", (q.high * 100 if q.high is not None else None)
        return
    q.lead_end = pos
    if q.unit == "%" and q.value is not None and q.value > 0 and GROWTH_AFTER_RE.match(text, q.end) \
            and PACE_LEAD_RE.search(text, max(floor, pos - 6), pos):
        q.growth_sign, q.verb = 1, "增长"  # "固定资产投资实现29%的快速增长", "…以年均24.1%的速度递增"
