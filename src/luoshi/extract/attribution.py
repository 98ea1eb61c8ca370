"""Attribution: which phrase each quantity measures, and how quantities of one sentence combine into facts.

`attribute` walks the quantities of a sentence in order. A quantity that only qualifies the next one ("1-10亿元项目
100个") is skipped; `track_group` keeps the state of a 分别 list (State); then the rules of RULES are tried in
order, and the first that applies decides (each rule's docstring says why it exists):
- starting_point: "由59.3亿元增长到163.3亿元": the figure a change starts from is no result;
- ratio_to_base: "是2005年的2.5倍": a multiple of a past level, a fact set aside (the rules join across it);
- level_after_growths, each_of_group, distribute: 分别 lists, one subject per figure, in order;
- each_rate: "设施完好率和绿地覆盖率达到100%": one figure for every rate;
- year_rate_after_average: "年均增长11.5%，2007年达到7077.2亿元，比上年增长12.1%": the year's growth takes the level;
- merge_growth: a growth with no subject of its own joins the figure before it ("…705.59亿元，增长6.1%");
- stretch_growth: "增长8%、力争9%": the higher rate striven for is a second growth of the same subject;
- merge_since_year: so does a change since a stated year ("…22亿美元，比1997年增长57.6％", basis cumulative);
- restate: "突破11万亿元、达到11.6万亿元": the exact figure replaces the floor;
- reach: "年均增长14.2%，达到1100亿元": the level a growth reached;
- name: the figure's subject: the words before it (lead), or one of SUBJECTS (share of the previous subject,
  carried subject, ellipsis), or the words after it (trail).
Fact.rule keeps the kind of subject (lead | share | carry | ellipsis | trail | distribute); Fact.steps the rules
that made and changed the fact; the vetoes (vetoes.py) decide whether it keeps its metric. A rule or finder marked
@only_for(test) is tried only for the figures that pass its test (unit, change or level, value, high end): a rule
without the mark is tried for every figure (tests/test_extract_guards.py checks that the marks change no fact).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from .. import data_file
from . import lexicon, metrics, urban_rural
from .draft import CLAUSE_DELIMS, ENUM_DELIMS, Draft, clause_end, clause_start, delim_re
from .quantities import PREFIX_RE, Quantity
from .rank import find_rank
from .status import PLAN_END
from .tables import alternation, growth_verbs
from .urban_rural import URBAN_RURAL_RE
from .vetoes import OTHER_BASE_RE, STEP_COUNT_RE, checked_metric, is_increment

ITEM_SPLIT = re.compile(rf"[、和与]|(?<!普)及(?!{lexicon.pattern('ji_compounds')})")  # not 普及率, 及时率, 县级及以上
EACH_TAIL_RE = re.compile(f"(?:{lexicon.pattern('each_tails')})$")
LEVEL_VERBS_FOR_RATES = lexicon.words("rate_level_verbs")
WHOLE_SUBJECT = "\x00"  # marks an enumerated subject that could not be split: its text, but no metric
JOIN_WORD_RE = re.compile(r"[和及与或]")
LINK_VERB_RE = re.compile(f"(?:{lexicon.pattern('link_verbs')})")
TOTAL_RE = re.compile(f"^(?:{lexicon.pattern('total_words')})")
NEW_RE = re.compile(f"^(?:{lexicon.pattern('new_words')})")
RESTATE_VERB_RE = re.compile(r"(?:首次)?达到?")
NAME_NEW_RE = re.compile(lexicon.pattern("name_new"))  # 高新, 新兴: a 新 of the name, not of an addition
BOUND_WORD_RE = re.compile(f"^(?:{lexicon.pattern('skipped_bounds')})")
SHARED_TAIL_RE = re.compile(lexicon.pattern("split_tails"))
# "A、B均增长…" shares a figure; 人均/年均/平均 are words of their own; 各 only right before a change ("…的比重各提高2个
# 百分点"), never 各类/各级
EACH_RE = re.compile(rf"(?<![人年平])均|各(?=(?:{alternation(growth_verbs())}))")
# "累计达" is a stock, not the level a growth reached: out of the whole set (not only the small one)
_REACH_WORDS = sorted((set(lexicon.words("reach_verbs")) | set(lexicon.words("reach_extra"))) - {"累计达"}, key=len,
                      reverse=True)
REACHED_RE = re.compile(  # a clause that only says a level was reached: "2016年达到", "总量突破"
    r"(?:(?:(?:19|20)[0-9]{2}年|" + lexicon.pattern("reach_years") + ")(?:底|末)?)?(?:" + lexicon.pattern("reach_heads") + ")?(?:" + "|".join(map(re.escape, _REACH_WORDS)) + ")+")
PEOPLE_NOUN_RE = re.compile(r"(?<=[万亿千])(?:以上|多)?(?P<who>[\u4e00-\u9fff]*人口)$")  # "85万以上贫困人口"
# when the start of a change stood: "由2015年(底)的", "从上年", "由“十二五”末"
FROM_WHEN = r"(?:(?:19|20)[0-9]{2}年(?:底|末)?|(?:上|去)年(?:底|末)?|“?十[一二三四五]?五”?(?:期)?末)?"
CHANGE_FROM_RE = re.compile(r"(.*?)(?:由|从)")  # the words before the start of a change, if any
# the same, where 由/从 starts the figure ("城镇化率由44.8%"; not 自由贸易区)
CHANGE_FROM_FIGURE_RE = re.compile(rf"(.*?)(?:由|从)(?={FROM_WHEN}的?[ \u3000]*(?:每立方米)?[0-9０-９])")
START_RE = re.compile(rf"(?:由|从){FROM_WHEN}的?[ \u3000]*\Z")
REACH_TO_RE = re.compile(rf"(?:{lexicon.pattern('to_verbs')})(?:到|至)(?:(?:19|20)[0-9]{{2}}年(?:底|末)?的?)?")
OVER_RE = re.compile(r"超过?|过|逾")
TRAIL_TAIL_RE = re.compile(r"的?基础(?:之)?上$")
# an aside in brackets right after the figure ("控制在8.7‰（省下达顺德市为8.6‰）以内"): no words after the figure
TRAIL_ASIDE_RE = re.compile(r"^[（(][^（()）]*[）)]")
BOUND_GAP_RE = re.compile(rf"^(?:{lexicon.pattern('bound_gaps')}|[，,、])+")
AMOUNT_END_RE = re.compile(f"(?:{lexicon.pattern('amount_ends')})$")  # "地区生产总值": an amount already, borrows no tail
RATE_NOUNS = lexicon.pattern("rate_nouns")
SHARE_OR_RATE_RE = re.compile(f"占|比|率|{RATE_NOUNS}")  # a borrowed tail that changes what is measured
RATE_TAIL_RE = re.compile(f"(?:{RATE_NOUNS})$")
SPAN_YEARS = r"(?:[两三四五六七八九十]|(?<![0-9])(?:[2-9]|10)|(?<![０-９])[２-９])年"  # 五年, 5年 (not 2015年)
PLAN_PERIOD = rf"[“\"]?十[一二三四五六七八九]?五[”\"]?(?:{lexicon.pattern('plan_name_ends')})?"  # "“十五”时期", "十一五期间": a plan's span
SPAN_RE = re.compile(rf"(?:{SPAN_YEARS}(?:来|间)?|{PLAN_PERIOD})(?={lexicon.pattern('average_heads')}|$)")  # "五年年均增长5.2%", "5年年均增长11%", "“十五”时期年均增长14.9%": an average's span
SPAN_LEAD_RE = re.compile(rf"^(?:{lexicon.pattern('span_leads')})?{SPAN_YEARS}(?:来|间|内)?")  # "…6561元，五年分别增长1倍和64.2％"
NO_SUBJECT_RE = re.compile(lexicon.pattern("no_subject_words"))
SUBJECT_END_RE = re.compile(lexicon.pattern("subject_ends"))
TRAIL_STOP = re.compile(f"^(?:{lexicon.pattern('trail_stops')})")
LIST_GAP_RE = re.compile(rf"[、和及与，,\s]|{lexicon.pattern('list_gaps')}"
                         rf"|[两三四五六七八九十]年(?:{lexicon.pattern('average_heads')})?")  # "五年", "五年年均": a span
CHANGE_WORDS_RE = re.compile(lexicon.pattern("change_words"))  # a % after them is a change
RATE_NOUN_RE = re.compile(f"^[^，,占率比]*?(?:{RATE_NOUNS}|增长)(?:[^，,占率比重]*)$")
FOSTERED_RE = re.compile(rf"(?:{lexicon.pattern('effort_verbs')})?(?:对)?([^，,；;、和及与]{{2,12}}?)的?(?:{lexicon.pattern('foster_verbs')})"
                         r"(?:和?引进)?力度[，,]$")
RATE_JOIN_RE = re.compile(r"和|、")
DIGIT_RE = re.compile(r"[0-9０-９]")  # "分别提高5.5和6个百分点": a bare number listed before the last figure
RATE_ITEM_RE = re.compile(r"率$")
# a measure the metric table does not hold, listed after one it does ("地区生产总值、人均GDP、全员劳动生产率增长7%")
MEASURE_END_RE = re.compile(f"(?:{lexicon.pattern('measure_ends')})$")
COMPARABLE_RE = re.compile("|".join(f"(?:{r[0]})" for r in data_file.rows(__package__, "comparability.txt")))
# "比1997年(分别)": a change since a stated year, with nothing else before it (basis cumulative)
RATIO_LEAD_RE = re.compile(rf"(?:分别)?(?:{lexicon.pattern('ratio_verbs')})(?:(?:19|20)[0-9]{{2}}年(?:底|末)?|{PLAN_END})"
                           r"的\s*$")  # "是2005年的2.3倍", "是“九五”期末的2.5倍"
AVERAGE_HEADS = lexicon.words("average_heads")  # 年均, 平均
AVERAGE_HEAD_RE = re.compile(lexicon.pattern("average_heads"))  # one search instead of a test per word
# a change on a plan's span ("比“八五”时期增长1.3倍", "比“八五”增长30.9%"): of a total over the span, on the last one's
PLAN_SPAN_BASE_RE = re.compile(rf"(?:分别)?(?:比|较)“?(?:十[一二三四五]?|[六七八九])五”?(?:{lexicon.pattern('plan_term_ends')})?")
# a plan's end stands for its last year: "比“十五”末增长1.2倍" is a change since 2005
BASE_YEAR_LEAD_RE = re.compile(rf"(?:分别)?(?:比|较)(?:(?:19|20)[0-9]{{2}}年(?:底|末)?|{PLAN_END})"
                               rf"(?:{lexicon.pattern('base_year_tails')})?")


@cache
def words(cls: str) -> tuple[str, ...]:
    """A lexicon class, longest word first."""
    return tuple(sorted(lexicon.words(cls), key=len, reverse=True))


ONLY_VERBS = re.compile("|".join(sorted(set(words("actions") + words("fillers") + words("reach_verbs")),
                                         key=len, reverse=True)) + f"|{lexicon.pattern('verb_adverbs')}" + r"|[、和及与\s]")


_VERB_CHARS = "".join(sorted(set("".join(words("actions") + words("fillers") + words("reach_verbs")) + "".join(words("verb_adverbs")) + "、和及与")))
NOT_VERB_CHAR = re.compile(rf"[^{re.escape(_VERB_CHARS)}\s]")  # a character no verb has: the phrase names something


def only_verbs(phrase: str) -> bool:
    """Nothing but verbs, fillers and joins ("达到", "力争突破"): the phrase names nothing. A phrase with a character
    no such word has is decided without the alternation of ~100 words."""
    return not NOT_VERB_CHAR.search(phrase) and not ONLY_VERBS.sub("", phrase)


@cache
def front_re() -> re.Pattern:
    fillers = "|".join(re.escape(w) for w in words("fillers"))
    return re.compile(rf"^(?:[ \u3000、和及与并“”\"'—―]|(?:19|20)[0-9]{{2}}年(?:{lexicon.pattern('year_suffixes')})?|{fillers})+(?=.)")


@cache
def back_re() -> re.Pattern:
    verbs = "|".join(re.escape(w) for w in words("reach_verbs"))
    steady, strive = lexicon.pattern("steady_words"), lexicon.pattern("strive_words")
    return re.compile(rf"(?<=.)(?:(?:{strive})(?:{steady})*(?:[ \u3000]|{verbs})*"  # 全员劳动生产率力争(达到)
                      rf"|(?:{steady})*(?:[ \u3000]|{verbs})+)$")  # 持续保持在


@cache
def _front_chars() -> frozenset[str]:
    return frozenset(" \u3000、和及与并“”\"'—―12" + "".join(w[0] for w in words("fillers")))


@cache
def _back_chars() -> frozenset[str]:
    return frozenset(" \u3000\n" + "".join(w[-1] for w in words("reach_verbs") + words("strive_words")))  # \n: `$`


def strip_front(phrase: str) -> str:
    """Without the fillers, years and joins in front (only a phrase opening with one of their characters has any)."""
    if not phrase or phrase[0] not in _front_chars():
        return phrase
    return front_re().sub("", phrase, count=1)


# how a figure is counted, written between its name and the verb ("进出口贸易总额按海关统计口径达到5.4亿美元"): no part
# of the name
BASIS_NOTE_RE = re.compile(r"(?<=.)按照?[\u4e00-\u9fff]{0,8}?口径(?:计算)?$")
_NOTE_ENDS = frozenset("径算")  # the last characters of such a note: only a phrase ending with one is tried


def strip_back(phrase: str) -> str:
    """Without the verbs of reaching (and a word of striving: "全员劳动生产率力争") behind (only a phrase ending with
    one of their characters has any), nor a note of how the figure is counted ("…按海关统计口径")."""
    if not phrase or phrase[-1] not in _back_chars():
        return BASIS_NOTE_RE.sub("", phrase, count=1) if phrase[-1:] in _NOTE_ENDS else phrase
    phrase = back_re().sub("", phrase, count=1)
    return BASIS_NOTE_RE.sub("", phrase, count=1) if phrase[-1:] in _NOTE_ENDS else phrase


@cache
def action_re() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words("actions")))


@cache
def leading_actions_re() -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in words("actions"))
    return re.compile(rf"^(?:(?:{alternatives})[、和]?){{1,3}}(?=.)")


def action_of(phrase: str) -> str | None:
    m = action_re().search(phrase, 0, 6)
    return m.group() if m else None


def strip_action(phrase: str) -> str:
    return leading_actions_re().sub("", phrase, count=1)


SCOPE_LEAD_RE = re.compile(r"^[，、]*(?:其中)?[，、]*全?")  # not a character set: 中心城区 keeps its 中


def scope_of(lead: str, metric_start: int) -> str | None:
    """A park, company or sub-region named before the metric phrase."""
    head = lead[:metric_start] if metric_start >= 0 else lead
    for w in words("scopes"):
        if w in head:
            return SCOPE_LEAD_RE.sub("", head[: head.index(w) + len(w)])
    return None


@cache
def _price_rate_re() -> re.Pattern:
    """A subject that names a price level ("商品零售价格(总水平)", "零售物价指数上涨幅度"): its change is its figure."""
    return re.compile(f"(?:{lexicon.pattern('price_words')})(?:{lexicon.pattern('price_rise_words')})?$")


def fill_numbers(d: Draft, q: Quantity) -> None:
    """Decide whether q is the figure's level (value) or a change of it (growth)."""
    kind = metrics.kind(d.metric)
    if q.unit == "个百分点":
        d.growth, d.growth_unit = q.value, "个百分点"
        d.growth_q = q
        return
    if q.growth_sign and not q.level_verb and (q.unit == "%" or q.times):
        if (kind == "percent" and (q.verb in LEVEL_VERBS_FOR_RATES or q.verb is None
                                   or d.metric in metrics.change_rates())) \
                or (d.metric is None and q.unit == "%" and _price_rate_re().search(d.metric_text)):
            # "居民消费价格下降0.9%" -> -0.9 %; "商品零售价格涨幅控制在3%": a price named by no metric is a rate too
            d.value, d.unit, d.high = q.value, "%", q.high
            return
        d.growth, d.growth_unit, d.high = q.value, "%", q.high
        d.growth_q = q
        return
    d.value, d.unit, d.high = q.value, q.unit, q.high


def is_bar(text: str, before: Quantity | None, q: Quantity) -> bool:
    """'10个以上超10亿元项目': an amount after a count and 超/过 is the bar the counted things pass, not a figure."""
    return before is not None and metrics.units().get(before.unit or "") == "count" and q.unit != before.unit \
        and bool(OVER_RE.fullmatch(BOUND_WORD_RE.sub("", text[before.end:q.start])))


def is_modifier(text: str, q: Quantity, nxt: Quantity | None) -> bool:
    """'1-10亿元项目100个': the first quantity only says which projects are counted."""
    if nxt is None or q.growth_sign or nxt.growth_sign or nxt.unit in ("%", "个百分点"):
        return False
    between = text[q.end:nxt.start]
    if JOIN_WORD_RE.search(between) or not between or len(between) > 10:
        return False
    if OVER_RE.fullmatch(BOUND_WORD_RE.sub("", between)):
        return False  # "10个以上超10亿元项目": the count is the figure, the amount says which projects
    if any(c in CLAUSE_DELIMS + ENUM_DELIMS for c in between):
        return False
    if leading_actions_re().match(BOUND_WORD_RE.sub("", between) + "。"):
        return False  # "财政投入3655万元改造修复27条城市道路": the amount spent, then what it does
    return not LINK_VERB_RE.search(between)


TRAIL_SHARE_RE = re.compile(rf"^(?:以上|左右)?的?[^，。；]{{0,12}}(?:{lexicon.pattern('spending_pools')})(?:{lexicon.pattern('spending_uses')})")  # a share of spending named after it


@dataclass
class State:
    """One sentence text[start:end] while its quantities are attributed in order.

    The 分别 list (`group`: its subjects, the figures and growths given so far) lives across quantities; the
    fields after `prev` describe the quantity under attribution and are set by `focus`."""

    text: str
    start: int
    end: int
    quantities: list[Quantity]
    starts: set[int] = field(default_factory=set)  # starting points of changes ("由59.3亿元增长到…")
    drafts: list[Draft] = field(default_factory=list)
    group: list[str] | None = None  # 分别: the subjects, in order
    group_values: list[Draft] = field(default_factory=list)
    group_growths: list[Draft] = field(default_factory=list)  # growths given before the figures
    group_growth_i: int = 0
    group_averages: list[Quantity] = field(default_factory=list)  # a run of averages after the list's year growths
    group_years: list[Quantity] = field(default_factory=list)  # a run of one year's growths after the list's averages
    asides: list[Draft] = field(default_factory=list)  # facts kept out of the sequence the rules join across
    starts_group: bool = False  # this quantity opened the 分别 list
    parts: bool = True  # the sentence holds a 其中 (whole_before_parts can apply): decided once for the sentence
    # the quantity under attribution
    i: int = 0
    nxt: Quantity | None = None
    cs: int = 0  # where its clause starts (a 、 ends a clause)
    wide: int = 0  # where its clause starts (a 、 does not), or the end of the quantity before, if later
    prev_end: int = 0
    lead_raw: str = ""  # the words from the clause start up to the number
    lead: str = ""  # the same without fillers in front and verbs of reaching behind
    subject: str = ""  # the words from `wide` up to the number (before any 分别), stripped
    joined: bool = False  # the next quantity is listed right after this one
    prev: Draft | None = None  # the last draft made

    def focus(self, i: int) -> None:
        text, q = self.text, self.quantities[i]
        self.i, self.nxt = i, self.quantities[i + 1] if i + 1 < len(self.quantities) else None
        self.cs = clause_start(text, self.start, q.start)
        self.lead_raw = text[self.cs:max(self.cs, q.lead_end)]
        self.prev_end = self.quantities[i - 1].end if i else self.start
        self.wide = max(clause_start(text, self.start, q.start, CLAUSE_DELIMS), self.prev_end)
        self.joined = self.nxt is not None and text[q.end:self.nxt.start] in ("和", "、", "及", "与", "")
        self.lead = strip_back(strip_front(self.lead_raw))
        # the bound word of the figure before is not part of the subject ("…下降3%左右、化学需氧量与二氧化硫分别减排…")
        words = BOUND_GAP_RE.sub("", text[self.wide:max(self.wide, q.lead_end)]).split("分别")[0]
        subject = self.lead if words == self.lead_raw else strip_back(strip_front(words))
        self.subject = START_RE.sub("", subject) if "由" in subject or "从" in subject else subject
        self.prev = self.drafts[-1] if self.drafts else None
        if self.parts and (whole := whole_before_parts(self, q)) is not None:
            self.lead, self.subject = part_names(self.lead, whole), part_names(self.subject, whole)

    def before(self, q: Quantity) -> str:
        """The words from `wide` up to the number."""
        return self.text[self.wide:max(self.wide, q.lead_end)]


PARTS_RE = re.compile(rf"(?:{lexicon.pattern('whole_parts')})(?:[、和与及](?:{lexicon.pattern('whole_parts')}))*")
PART_SPLIT_RE = re.compile(r"([、和与及])")


def whole_before_parts(st: State, q: Quantity) -> Draft | None:
    """The fact a 其中 before q parts ("全体居民人均可支配收入27904元，其中城镇38291元"): the last named fact of the
    sentence before the 其中, when q's subject is only bare part words (lexicon whole_parts)."""
    if not (PARTS_RE.fullmatch(st.subject) or PARTS_RE.fullmatch(st.lead)):
        return None
    at = st.text.rfind("其中", st.start, q.start)
    if at < 0:
        return None
    return next((d for d in reversed(st.drafts) if d.metric and d.q.end <= at), None)


def part_names(phrase: str, whole: Draft) -> str:
    """Each bare part word of phrase with the whole's name ("城镇和农村" after 全体居民人均可支配收入: 城镇居民人均可支配收入
    和农村居民人均可支配收入), when that names a metric of its own; the phrase as it was otherwise."""
    if not PARTS_RE.fullmatch(phrase):
        return phrase
    name = metrics.normalise(whole.metric_text)
    out = []
    for piece in PART_SPLIT_RE.split(phrase):
        if PART_SPLIT_RE.fullmatch(piece):
            out.append(piece)
            continue
        for k in range(len(name)):
            named = next((c for c in (piece + name[k:], piece + "居民" + name[k:])
                          if (f := metrics.find(c)) and f[0] != whole.metric and f[1] == 0 and f[2] == len(c)), None)
            if named:
                out.append(named)
                break
        else:
            return phrase
    return "".join(out)


def qualifies_next(st: State, q: Quantity) -> bool:
    """'1-10亿元项目100个' / '10个以上超10亿元项目': a quantity that only says which things are counted."""
    return is_modifier(st.text, q, st.nxt) or is_bar(st.text, st.quantities[st.i - 1] if st.i else None, q)


def track_group(st: State, q: Quantity) -> None:
    """Open, keep or close the 分别 list before q is attributed."""
    text, i = st.text, st.i
    if (text.find("分别", st.wide, q.start) >= 0 or (len(run := changes_from(text, st.quantities, i)) >= 2
                                             and all(c.unit in ("%", "个百分点") for c in run)
                                             and (not st.group or paired_run(st, run)))) \
            and (_no_subject(group_subject(st), span=rates_only(text, st.quantities, i)) and not OTHER_BASE_RE.search(st.before(q))
                 or since_year(st.subject, q, span_total(st, q)) or since_base_year_pairs(st, q)) \
            and is_change(q) \
            and (st.group or len(later_figures(st.drafts, q)) >= len(changes_from(text, st.quantities, i))):
        # "…37533元、15221元，分别增长5.8%、7.1%" / "…17175元，…5153元，实际增长9.8%和8.5%": growths with no
        # subject pair with the figures before, in order
        if not st.group:
            st.group_values = later_figures(st.drafts, q)[-len(changes_from(text, st.quantities, i)):]
            st.group, st.group_growths, st.group_growth_i = [v.metric_text for v in st.group_values], [], 0
        st.starts_group = False
    elif levels_to_come(st, q):
        st.starts_group = False  # "分别增长8.6%、10%，分别达4.9万元和2.3万元": the same list, its levels now
    elif _close_stale(st, q) or text.find("分别", st.wide, q.start) >= 0 \
            or (st.joined and not st.group and ("、" in text[st.wide:q.lead_end] or URBAN_RURAL_RE.match(st.subject))) \
            or unmarked_list(st, q):
        st.group = split_subjects(st.subject)
        if st.group is None and text.find("分别", st.wide, q.start) >= 0:
            st.group = clause_subjects(st, q)
        st.group_values, st.group_growths, st.group_growth_i = [], [], 0
        st.starts_group = True
    else:
        st.starts_group = False
        gap = text[st.prev_end:max(st.prev_end, q.lead_end)]
        if st.group and LIST_GAP_RE.sub("", gap) and i - 1 not in st.starts:
            st.group = None


LIST_YEAR_RE = re.compile(r"^(?:19|20)[0-9]{2}年")


def group_subject(st: State) -> str:
    """The subject of a change in a 分别 list; a single year in front names no subject once every figure of the list has
    its term's average ("…年均分别增长21.4%和19.5%，2007年分别比上年增长34.7%和28.0%": year_of_each)."""
    if st.group and st.group_values and all(v.growth_q is not None for v in st.group_values) \
            and (m := LIST_YEAR_RE.match(st.subject)):
        return st.subject[m.end():]
    return st.subject


def since_base_year_pairs(st: State, q: Quantity) -> bool:
    """'…城镇居民可支配收入27245元、农村居民纯收入12202元，分别比2005年增长56.4%和61.1%': changes since a stated
    year, with nothing else before them, as many as the figures without a change just before, pair with them."""
    return since_year(st.before(q).strip(" \u3000，,"), q, span_total(st, q)) \
        and len(later_figures(st.drafts, q)) == len(changes_from(st.text, st.quantities, st.i))


def paired_run(st: State, run: list[Quantity]) -> bool:
    """'…分别达到5380.1元和2453元，比上年增长3.6%和7%': a run of changes after the figures of a 分别 list, as many
    as they are and none of them with a growth yet, pairs with them in order."""
    return len(run) == len(st.group_values) > len(st.group_growths) and all(v.growth is None for v in st.group_values)


def rates_only(text: str, quantities: list[Quantity], i: int) -> bool:
    """The run of changes from quantities[i] is of rates (%, points): one a span may lead ("五年分别增长1倍和64.2％")."""
    return all(c.unit in ("%", "个百分点") for c in changes_from(text, quantities, i))


def _close_stale(st: State, q: Quantity) -> bool:
    """Close a list that words naming something else have ended ("存贷款余额分别增长8%、13%左右，制造业增加值、数字
    经济…比重15%、37%"), so that the next list may open; always False (the opening conditions then decide)."""
    gap = st.text[st.prev_end:max(st.prev_end, q.lead_end)]
    if st.group and LIST_GAP_RE.sub("", gap) and st.i - 1 not in st.starts:
        st.group = None
    return False


SUBJECT_VERB_RE = re.compile(lexicon.pattern("subject_verbs"))


def clause_subjects(st: State, q: Quantity) -> list[str] | None:
    """'地区生产总值和固定资产投资跨千亿，农民人均纯收入跨万元，分别增长12.5%、25%和15%': a 分别 clause with no
    subject, and no figure before it in the sentence, pairs its changes in order with the metrics that open the
    clauses before it (every clause from the first that opens with a metric must open with one; each item a metric)."""
    text = st.text
    if st.subject or st.i and st.quantities[st.i - 1].end > st.start or not is_change(q):
        return None
    subjects: list[str] = []
    for clause in re.split(r"[，,；;：:]", text[st.start:max(st.start, st.cs - 1)]):
        head = strip_front(clause.strip(" \u3000*"))
        head = head[:m.start()] if (m := SUBJECT_VERB_RE.search(head)) else head
        items = [it for it in ITEM_SPLIT.split(head) if it]
        named = bool(items) and all((f := metrics.find(it)) and f[1] <= 2 for it in items)
        if not named:
            if subjects:
                return None  # a clause without a metric between the subjects: not a list of them
            continue
        subjects += items
    n = len(changes_from(text, st.quantities, st.i))
    return subjects if n >= 2 and len(subjects) == n else None


def levels_to_come(st: State, q: Quantity) -> bool:
    """A 分别 list whose growths came first goes on with its levels when the clause names nothing else
    ("…分别增长8.6%、10%，分别达4.9万元和2.3万元")."""
    return bool(st.group) and not is_change(q) and len(st.group_values) < len(st.group_growths) \
        and bool(REACHED_RE.fullmatch(st.text[st.cs:q.start].strip(" \u3000").removeprefix("分别")))


def unmarked_list(st: State, q: Quantity) -> bool:
    """'地区生产总值、固定资产投资增长5%以上' / '城乡居民人均可支配收入增长10%': one change, alone in its clause, with no
    分别 or 均, is shared by every subject listed before it, when each names a metric or the items share the last one's
    measure word ("化学需氧量、氨氮排放量"; an open list, "A、B等", may give the figure of the whole; a phrase that is
    no metric may be a setting, not a subject)."""
    subject = st.subject
    if st.group or not is_change(q) or "等" in subject or EACH_RE.search(subject) \
            or not (ITEM_SPLIT.search(subject) or URBAN_RURAL_RE.match(subject)) \
            or not alone_in_clause(st.text, q, st.nxt, st.end) or DIGIT_RE.search(st.text, st.wide, q.start):
        return False
    if (nxt := st.nxt) and not is_change(nxt) \
            and REACHED_RE.fullmatch(BOUND_GAP_RE.sub("", st.text[q.end:nxt.start]).strip(" \u3000")):
        return False  # "城乡居民人均可支配收入增长6%，达4.94万元": the level after it is of the whole
    if URBAN_RURAL_RE.match(subject):
        return urban_rural.both_named(subject)
    items = [s for s in ITEM_SPLIT.split(subject) if s]  # each item a metric of its own: not "深圳、珠海…的产值"
    if len(items) >= 2 and not JOIN_WORD_RE.search(subject) and EACH_TAIL_RE.search(items[-1]) \
            and all(listed_name(it, items[-1]) and not metrics.find(it) for it in items[:-1]):
        return True  # "化学需氧量、氨氮排放量下降1%": emissions that share the last item's measure word (never across
        # 和/及/与: "化肥和农药工业产值" names one thing)
    return len(items) >= 2 and all(metrics.find(it) or (k and MEASURE_END_RE.search(it)) for k, it in enumerate(items))


# ---- the rules: rule(state, quantity) -> list of new drafts (possibly none: the quantity was used), or None when
# ---- the rule does not apply and the next one is tried.

Outcome = list[Draft] | None

Rule = Callable[[State, Quantity], Outcome]

# ---- guards: a rule (or subject finder) that can only apply to some kinds of figure says so with @only_for(test);
# ---- `attribute` then skips it for the other figures without calling it. A test reads only what `figure_kind`
# ---- keeps (and, for a finder, whether the lead names a metric): the rules that may apply are listed once per kind.
Kind = tuple[str | None, bool, bool, bool]
GUARDS: dict[Callable, Callable[..., bool]] = {}


def figure_kind(q: Quantity) -> Kind:
    """What a guard may read of a figure: its unit, whether a verb makes it a change, whether it has a value and a
    high end."""
    return q.unit, bool(q.growth_sign), q.value is None, q.high is None


def only_for(test: Callable[..., bool]) -> Callable[[Callable], Callable]:
    """Mark a rule (test(q)) or a finder (test(q, named)) that returns None for every figure failing the test."""
    def mark(rule: Callable) -> Callable:
        GUARDS[rule] = test
        return rule
    return mark


_RULES_BY_KIND: dict[Kind, tuple[Rule, ...]] = {}


def rules_for(q: Quantity) -> tuple[Rule, ...]:
    """The rules of RULES, in order, whose guard q passes."""
    k = figure_kind(q)
    got = _RULES_BY_KIND.get(k)
    if got is None:
        got = _RULES_BY_KIND[k] = tuple(r for r in RULES if (g := GUARDS.get(r)) is None or g(q))
    return got


def starting_point(st: State, q: Quantity) -> Outcome:
    """'由59.3亿元增长到163.3亿元': the figure a change starts from is not a result."""
    return [] if st.i in st.starts else None


TARGET_REVISION_RE = re.compile(rf"(?:{lexicon.pattern('target_nouns')})[^。；;]{{0,12}}?"
                                rf"(?:{lexicon.pattern('revision_verbs')})了?")


@only_for(lambda q: q.unit == "个百分点")
def target_revision(st: State, q: Quantity) -> Outcome:
    """'提出的发展预期目标适度下调了地区生产总值3个百分点、…5个百分点': by how much a target was lowered or raised
    against last year's, in points; not a target, nor a result."""
    return [] if q.unit == "个百分点" and TARGET_REVISION_RE.search(st.text, st.start, q.start) else None


BARE_GOAL_RE = re.compile(rf"(?:{lexicon.pattern('bound_gaps')})?的?(?:增长)?目标")


@only_for(lambda q: not q.growth_sign)
def restated_goal(st: State, q: Quantity) -> Outcome:
    """'7.5%—8%的增长目标，与我省经济潜在增长率大体一致': a figure named only as "the (growth) target", nothing
    before it in its clause naming what it measures, restates a target given before (or recalls the one of a
    past year); it names no figure of its own."""
    if q.growth_sign or not BARE_GOAL_RE.match(st.text, q.end, st.end) or not only_verbs(st.lead_raw.strip(" \u3000、，,")):
        return None
    return []


WORKING_LEAD_RE = re.compile(r"(?:拟)?按")
WORKING_TAIL_RE = re.compile(rf"(?:{lexicon.pattern('bound_gaps')})?(?:{lexicon.pattern('working_verbs')})")


def working_figure(st: State, q: Quantity) -> Outcome:
    """'国内生产总值增长11.5%，按13%组织；财政收入增长15%，按18%组织': the figure the plan is worked to (按…组织/安排),
    in a clause that names nothing but that, stands beside the target before it; it is no target of its own, and
    组织 is no metric. "地区生产总值按增长5%安排" names its metric, and "高于全省1个百分点，按增长7%以上安排" sets the only
    figure of its target: both stay."""
    prev = st.prev
    if q.growth_sign or prev is None or prev.growth is None or prev.growth_unit != "%" \
            or not next_clause(st.text, prev, st.cs) or not WORKING_LEAD_RE.fullmatch(st.lead_raw.strip(" \u3000")):
        return None
    end = clause_end(st.text, q.end, st.end, CLAUSE_DELIMS)
    return [] if WORKING_TAIL_RE.fullmatch(st.text[q.end:end].strip(" \u3000")) else None


def _in_group(st: State) -> bool:
    return bool(st.group) and (st.starts_group or st.i > 0)


@only_for(lambda q: not is_change(q))
def level_after_growths(st: State, q: Quantity) -> Outcome:
    """'分别年均增长9.4%、10.4%，达到43598元、17969元': the levels the listed growths reached, in order."""
    if not _in_group(st) or is_change(q) or len(st.group_values) >= len(st.group_growths):
        return None
    before = st.quantities[st.i - 1] if st.i else None
    listed = before is not None and listed_after(st.text, before, q) and not is_change(before)
    if not (listed or REACHED_RE.fullmatch(st.text[st.cs:q.start].strip(" \u3000").removeprefix("分别"))):
        return None
    target = st.group_growths[len(st.group_values)]
    if not join_level(target, q):
        return None
    st.group_values.append(target)
    target.steps.append("level_after_growths")
    return []


@only_for(lambda q: is_change(q) or q.unit == "%")
def each_of_group(st: State, q: Quantity) -> Outcome:
    """'工业园区投资、产值和税收分别增长15%以上': one change shared by every listed subject."""
    if not _in_group(st) or not st.starts_group or st.group is None or len(st.group) < 2 \
            or not (is_change(q) or q.unit == "%") or not alone_in_clause(st.text, q, st.nxt, st.end) \
            or DIGIT_RE.search(st.text, st.wide, q.start):
        return None
    out = each_subject(q, st.group, st.subject, "each_of_group")
    st.group = None
    return out


def distribute(st: State, q: Quantity) -> Outcome:
    """'城乡居民人均可支配收入分别达到7.95万元、4.38万元': one subject per figure, in order; a growth after the
    figures joins the figure of its rank."""
    if not _in_group(st) or st.group is None:
        return None
    probe = Draft(q, None, "")
    fill_numbers(probe, q)
    values = st.group_values
    if probe.growth is not None and values and len(values) < len(st.group):
        phrase = st.group[len(values)].removeprefix(WHOLE_SUBJECT)
        rate = Draft(q, (named := metrics.find(phrase)) and named[0], phrase)
        fill_numbers(rate, q)
        if rate.growth is None:  # "商品零售价格和居民消费价格涨幅分别控制在3%和5%": the next subject's own rate
            probe = rate
    if probe.growth is not None and values and _shared_lead(st.lead, full=len(values) == len(st.group)) \
            and st.group_growth_i == 0 \
            and len(changes_from(st.text, st.quantities, st.i)) == 1:
        for target in values:  # "分别达到14000元和3700元，均增长15％左右": one growth for each figure
            if target.growth is None:
                target.growth, target.growth_unit, target.growth_q = probe.growth, probe.growth_unit, q
                target.steps.append("distribute")
        st.group_growth_i = len(values)
        return []
    if probe.growth is not None and values:
        if st.group_growth_i < len(values):
            target = values[st.group_growth_i]
            target.growth, target.growth_unit, target.growth_q = probe.growth, probe.growth_unit, q
            target.steps.append("distribute")
            st.group_growth_i += 1
            return []
        return year_of_each(st, q, probe) or average_of_each(st, q, probe)
    idx = st.group_growth_i if probe.growth is not None else len(values)
    if idx >= len(st.group):
        return []
    phrase = st.group[idx]
    whole = phrase.startswith(WHOLE_SUBJECT)
    phrase = phrase.removeprefix(WHOLE_SUBJECT)
    found = None if whole else metrics.find(phrase)
    d = Draft(q, found[0] if found else None, phrase, rule="distribute", steps=["distribute"])
    fill_numbers(d, q)
    d.metric = checked_metric(d, phrase, listing=st.before(q))
    d.object = phrase
    if d.value is not None:
        values.append(d)
    else:
        st.group_growth_i += 1
        st.group_growths.append(d)
    return [d]


def _shared_lead(lead: str, full: bool) -> bool:
    """A growth after every figure of a 分别 list that names nothing is each figure's: "均增长15％左右", "增幅均在14%
    以上"; once every figure is given, a lone one without 均 too ("分别达到41300元、20200元，增长9%左右")."""
    if lead.startswith("均"):
        return _no_subject(lead)
    if EACH_RE.search(lead):
        return _no_subject(EACH_RE.sub("", lead).removesuffix("在"))
    return full and _no_subject(lead)


def year_of_each(st: State, q: Quantity, probe: Draft) -> list[Draft] | None:
    """'…由2800亿元增加到7750亿元，…由1201亿元增加到2785亿元，年均分别增长21.4%和19.5%，2007年分别比上年增长34.7%和
    28.0%': once every figure of the list has a term's average, a run of one year's growths (a single year named), as
    many as the figures, gives each figure its year's growth, in order (year_rate_after_average, for a list); each
    average stays a fact of its own."""
    values, text = st.group_values, st.text
    rank = next((k for k, a in enumerate(st.group_years) if a is q), None)
    if rank is None:
        run = changes_from(text, st.quantities, st.i)
        lead = st.lead_raw.strip(" \u3000").replace("分别", "", 1)
        if len(run) != len(values) or not ONE_YEAR_LEAD_RE.fullmatch(lead) or not YEAR_NAMED_RE.search(text, st.cs, q.start) \
                or any(v.value is None or v.growth_q is None or v.growth_q.end > q.start or not AVERAGE_WORD_RE.search(
                    text, clause_start(text, st.start, v.growth_q.start, CLAUSE_DELIMS), v.growth_q.start) for v in values):
            return None
        st.group_years, rank = run, 0
    target = values[rank]
    average = Draft(target.growth_q, target.metric, target.metric_text, growth=target.growth,  # type: ignore[arg-type]
                    growth_unit=target.growth_unit, rule="distribute", scope=target.scope, object=target.object,
                    steps=[*target.steps, "year_of_each"])
    average.vetoed, average.checks = list(target.vetoed), list(target.checks)
    target.growth, target.growth_unit, target.growth_q = probe.growth, probe.growth_unit, q
    target.steps.append("year_of_each")
    return [average]


def average_of_each(st: State, q: Quantity, probe: Draft) -> list[Draft]:
    """'…分别达6957亿元、7883亿元和4280亿美元，比上年增长16.3%、15.0%和19.8%，五年年均增长16.6%、14.1%和20.3%': once
    every figure of the list has its year's growth, a run of averages with no subject of its own, as many as the
    figures, gives each figure's average over the span: a fact of its own, of the figure's metric, in order."""
    values = st.group_values
    rank = next((k for k, a in enumerate(st.group_averages) if a is q), None)
    if rank is None:
        run = changes_from(st.text, st.quantities, st.i)
        if not (AVERAGE_HEAD_RE.search(st.lead_raw) or (q.verb or "").startswith(AVERAGE_HEADS)) \
                or not _no_subject(st.lead, q.verb) or len(run) != len(values) \
                or any(v.growth_q is None or v.growth_q.end > q.start for v in values):
            return []
        st.group_averages, rank = run, 0
    target = values[rank]
    d = Draft(q, target.metric, target.metric_text, growth=probe.growth, growth_unit=probe.growth_unit, growth_q=q,
              rule="distribute", scope=target.scope, object=target.object, steps=["distribute", "average_of_each"])
    d.vetoed, d.checks = list(target.vetoed), list(target.checks)
    return [d]


@only_for(lambda q: q.unit == "%" and not is_change(q))
def each_rate(st: State, q: Quantity) -> Outcome:
    """'设施完好率和绿地覆盖率达到100%': both rates reach it (a tracked metric among them keeps the figure whole:
    "国省考断面水质达标率和优Ⅲ率超90%" is one indicator named twice)."""
    if st.group or q.unit != "%" or is_change(q):
        return None
    rates = [s for s in RATE_JOIN_RE.split(st.subject) if s]
    if len(rates) < 2 or not all(RATE_ITEM_RE.search(r) and not metrics.find(r) for r in rates) \
            or not alone_in_clause(st.text, q, st.nxt, st.end):
        return None
    return each_subject(q, rates, st.subject, "each_rate")


def since_year(lead: str, q: Quantity, total: bool = False) -> bool:
    """'比1997年增长57.6％': a change in % since a stated year, and nothing else before it; with `total` (the figure
    is a total over a span), also a change on the last plan's span ("累计…5461.7亿元，比“八五”时期增长1.3倍")."""
    if q.unit != "%" or not q.growth_sign:
        return False
    lead = base_year_lead(lead)
    return bool(BASE_YEAR_LEAD_RE.fullmatch(lead) or total and PLAN_SPAN_BASE_RE.fullmatch(lead))


def span_total(st: State, q: Quantity) -> bool:
    """A total over a span ("累计完成…", "…累计136.7亿美元") stands before q in its sentence: a change on another
    plan's span compares the two totals."""
    return "累计" in st.text[st.start:q.start]


def base_year_lead(lead: str) -> str:
    """The lead without comparability wording in front ("按可比价格计算比1992年" -> "比1992年")."""
    m = COMPARABLE_RE.match(lead)
    return lead[m.end():].lstrip("，, \u3000") if m else lead


FROM_TO_RE = re.compile(rf"(?:由|从)[^，,；;。]{{0,30}}?(?:{lexicon.pattern('from_to_verbs')})(?:到|至)")


@only_for(lambda q: q.unit == "%" and bool(q.growth_sign))
def growth_of_each(st: State, q: Quantity) -> Outcome:
    """'外贸出口完成131.6亿美元，实际利用外资36亿美元，均比上年增长0.6%': one growth with no subject but 均, after
    figures of their own clauses, is the growth of each of them."""
    if st.group or q.unit != "%" or not q.growth_sign or not st.lead.startswith("均") or not _no_subject(st.lead) \
            or len(changes_from(st.text, st.quantities, st.i)) != 1:
        return None
    figures: list[Draft] = []
    for d in reversed(later_figures(st.drafts, q)):  # back from the growth, within its run of clauses
        after = st.text[d.q.end:(figures[0].q.start if figures else q.start)]
        if d.q.end > st.cs or d.unit == "%" or any(c in "；;" for c in after) or "其中" in after:
            break  # a rate, a clause of its own, or the whole before 其中 (its parts are what 均 lists)
        figures.insert(0, d)
    if len(figures) < 2 or FROM_TO_RE.search(st.text, st.start, q.start):
        return None  # "由6035亿元增加到12464亿元…，均增长1倍以上": changes over years, not last year's
    probe = Draft(q, None, "")
    fill_numbers(probe, q)
    if probe.growth is None:
        return None
    for d in figures:
        d.growth, d.growth_unit, d.growth_q = probe.growth, probe.growth_unit, q
        d.steps.append("growth_of_each")
    return []


RATE_ONLY_RE = re.compile(f"(?:{RATE_NOUNS}|增长率)(?:达到?|为|是)?")


@only_for(lambda q: q.unit == "%" and not q.growth_sign and q.value is not None)
def rate_of_level(st: State, q: Quantity) -> Outcome:
    """'全年地区生产总值2207亿元，增速达14%': a rate named only by 增速/增幅, in the clause right after a named level,
    is that level's growth."""
    prev = st.prev
    if q.unit != "%" or q.growth_sign or prev is None or prev.metric is None or prev.value is None \
            or prev.growth is not None or metrics.kind(prev.metric) == "percent" or prev.q.end > q.start \
            or not RATE_ONLY_RE.fullmatch(st.lead_raw.strip(" \u3000")) or not next_clause(st.text, prev, st.cs) \
            or q.value is None:
        return None
    prev.growth, prev.growth_unit, prev.growth_q = q.value, "%", q
    if q.high is not None:
        prev.extra["growth_high"] = q.high
    prev.steps.append("rate_of_level")
    return []


PATH_NOUNS = f"{RATE_NOUNS}|{lexicon.pattern('decline_rate_nouns')}"
DECLINE_NOUN_RE = re.compile(lexicon.pattern("decline_rate_nouns"))
# a rate's path opening its own clause: from a part of the year ("增速由2月份", "降幅由一季度的") to the year's
# ("…-23.1%收窄到", "…0.5%逐季回升到全年"): the first figure is the part's, the second the year's
RATE_PATH_FROM_RE = re.compile(rf"(?:{PATH_NOUNS})(?:由|从)[^，,；;。%％]{{0,10}}")
RATE_PATH_TO_RE = re.compile(rf"(?:{PATH_NOUNS})(?:由|从)[^，,；;。]{{0,12}}?[%％][ \u3000]*[^，,；;。\d]{{0,4}}?"
                             rf"(?:{lexicon.pattern('path_verbs')})?(?:到|至)(?:全年的?)?")


@only_for(lambda q: q.unit == "%" and q.value is not None)
def rate_path_of_level(st: State, q: Quantity) -> Outcome:
    """'实现进出口总额1.08万亿美元、降幅由一季度的-23.1%收窄到-1.4%' / '…工业增加值91.9亿元，增速由2月份-4.9%回升至全年
    6.9%': a rate's path from a part of the year to the year, in the clause right after a named level with no growth,
    names no subject of its own: the figure it ends at is the level's growth (a fall after 降幅), the one it starts
    from a part's, no fact."""
    text, prev = st.text, st.prev
    if q.unit != "%" or q.value is None or prev is None or prev.metric is None or prev.value is None \
            or prev.growth is not None or metrics.kind(prev.metric) == "percent" or not next_clause(text, prev, st.cs):
        return None
    nq = st.nxt
    if RATE_PATH_FROM_RE.fullmatch(st.lead_raw.strip(" \u3000")) and nq is not None and nq.unit == "%" \
            and RATE_PATH_TO_RE.fullmatch(text, st.cs, nq.lead_end):
        return []  # the part's rate the path starts from
    if not RATE_PATH_TO_RE.fullmatch(st.lead_raw.strip(" \u3000")) or not st.i or st.quantities[st.i - 1].start < st.cs:
        return None
    growth = -abs(q.value) if DECLINE_NOUN_RE.match(st.lead_raw.strip(" \u3000")) else q.value
    prev.growth, prev.growth_unit, prev.growth_q = growth, "%", q
    prev.steps.append("rate_path_of_level")
    return []


# the growth of one year after a term's average: "2007年比上年增长14.5%", "同比增长10.2%", "年增长14.4%"
ONE_YEAR_LEAD_RE = re.compile(rf"(?:(?:19|20)\d{{2}}年)?(?:{lexicon.pattern('one_year_bases')})?(?:实际)?"
                              rf"(?:{lexicon.pattern('one_year_growth_words')})?")
# a single year named between the average and that growth ("，2007年达到…", "比上年"); not a base year ("比2002年",
# "由2002年的…")
SPAN_TOTAL_RE = re.compile(rf"[两三四五六七八九十]年|{lexicon.pattern('span_total_words')}")  # the level is a total over the span, not the year's
YEAR_NAMED_RE = re.compile(rf"(?<![比较由从])(?:19|20)\d{{2}}年(?![的底末以来])|{lexicon.pattern('year_words')}")


@only_for(lambda q: bool(q.growth_sign) and q.unit == "%" and q.value is not None)
def year_rate_after_average(st: State, q: Quantity) -> Outcome:
    """'地区生产总值年均增长11.5%，2007年达到7077.2亿元，比上年增长12.1%' / '…增加至2007年的30606亿元，五年年均增长
    14.5%，2007年比上年增长14.5%' / '…增加至2007年的6340亿美元，五年增长1.9倍，2007年比上年增长20.2%': a growth with no
    subject of its own after a term's average (or the span's change) that has taken the level, once a single year is named after the average, is that year's growth of the level; the average keeps
    only its rate (when the level is a total over the span, the year's growth stands alone)."""
    text, prev = st.text, st.prev
    if not q.growth_sign or q.unit != "%" or q.value is None or prev is None or prev.metric is None \
            or prev.value is None or prev.growth is None or prev.growth_q is None or prev.growth_q is prev.q \
            or not ONE_YEAR_LEAD_RE.fullmatch(st.lead_raw.strip(" \u3000")):
        return None
    average = prev.growth_q
    own = clause_start(text, st.start, average.start, CLAUSE_DELIMS)
    if not (AVERAGE_WORD_RE.search(text, own, average.start)
            or cumulative_change(text[own:max(own, average.lead_end)], average)):  # "五年增长1.9倍": a span's change
        return None
    last = max(prev.q.end, average.end)
    if last > q.start or delim_re("；;。").search(text, last, q.start) \
            or delim_re(CLAUSE_DELIMS).search(text, last, max(last, st.cs - 1)) \
            or not YEAR_NAMED_RE.search(text, average.end, q.start):
        return None  # the growth in the clause right after the level (or the average), a year named between
    steps = [*prev.steps, "year_rate_after_average"]
    if SPAN_TOTAL_RE.search(text, clause_start(text, st.start, prev.q.start, CLAUSE_DELIMS), prev.q.start):
        return [Draft(q, prev.metric, prev.metric_text, growth=q.value, growth_unit="%", growth_q=q, rule=prev.rule,
                      scope=prev.scope, object=prev.object, steps=steps)]  # "五年实际利用外资达108.4亿美元": a total
    year = Draft(prev.q, prev.metric, prev.metric_text, value=prev.value, unit=prev.unit, high=prev.high,
                 growth=q.value, growth_unit="%", growth_q=q, rule=prev.rule, scope=prev.scope, object=prev.object,
                 steps=steps)
    prev.q, prev.value, prev.unit, prev.high, prev.growth_q = average, None, None, None, None
    return [year]


@only_for(lambda q: bool(q.growth_sign) and q.unit == "%" and q.value is not None)
def year_rate_after_base_year(st: State, q: Quantity) -> Outcome:
    """'国内生产总值552亿元，比1990年增长58.74%，年均增长9.69%，比上年增长9.86%': a level that took a change since a
    base year, then that span's average (its own fact, change_after_changes), then one year's growth with no subject
    of its own: the level is the year's, so it takes the year's growth; the change since the base year keeps only
    its rate, as the average does."""
    text = st.text
    if len(st.drafts) < 2 or not q.growth_sign or q.unit != "%" or q.value is None \
            or not ONE_YEAR_LEAD_RE.fullmatch(st.lead_raw.strip(" \u3000")):
        return None
    level, average = st.drafts[-2], st.drafts[-1]
    since = level.growth_q
    if level.metric is None or level.value is None or since is None or since is level.q \
            or "merge_since_year" not in level.steps or average.metric != level.metric or average.value is not None \
            or "change_after_changes" not in average.steps \
            or not AVERAGE_WORD_RE.search(text, clause_start(text, st.start, average.q.start, CLAUSE_DELIMS), average.q.start):
        return None
    if not (level.q.end <= since.start < average.q.start < q.start) or delim_re("；;。").search(text, level.q.end, q.start) \
            or not YEAR_NAMED_RE.search(text, average.q.end, q.start):
        return None  # the chain runs in one sentence: level, since-year change, average, the year's growth
    year = Draft(level.q, level.metric, level.metric_text, value=level.value, unit=level.unit, high=level.high,
                 growth=q.value, growth_unit="%", growth_q=q, rule=level.rule, scope=level.scope, object=level.object,
                 steps=[*level.steps, "year_rate_after_base_year"])
    level.q, level.value, level.unit, level.high, level.growth_q = since, None, None, None, None
    return [year]


@only_for(lambda q: is_change(q))
def merge_growth(st: State, q: Quantity) -> Outcome:
    """'…705.59亿元，增长6.1%': a growth without its own subject joins the figure before it."""
    return _merge_growth(st, q, st.lead, "merge_growth")


@only_for(lambda q: q.unit == "%" and bool(q.growth_sign))
def merge_since_year(st: State, q: Quantity) -> Outcome:
    """'全省实际利用外资22亿美元，比1997年增长57.6％': a change since a stated year joins the level before it, as
    a growth without a subject does (its basis is cumulative)."""
    return _merge_growth(st, q, "", "merge_since_year") if since_year(st.lead, q, span_total(st, q)) else None


# an aside: an amount added, a recovery, a word of the lexicon, or a comparison of the amount added with another
# ("比近三年净增量之和多26.1亿元")
ASIDE_RE = re.compile(rf"(?:净增加?|增加(?!值)|恢复(?:至|到)|{lexicon.pattern('aside_words')}|比[^，,、；;。\d]{{1,10}}?[多少])")
MAX_ASIDES = 2


def past_aside(st: State) -> Draft | None:
    """'地区生产总值770亿元，净增129亿元，增长16.5%' / '…2120.86亿元，恢复至2019年的105.3%，增长10.8%' /
    '全省生产总值62164亿元、突破1万亿美元，比上年增长8.5%' / '…1686亿元，净增305亿元，比近三年净增量之和多26.1亿元，
    同比增长7.5%': figures with no metric of their own right after a named level (up to two), each in a clause that
    only adds to it (an increment, a ratio, the level in another unit, a comparison of the increment), are asides:
    the growth after them is the named level's."""
    for k in range(len(st.drafts) - 2, max(-1, len(st.drafts) - 2 - MAX_ASIDES), -1):
        level = st.drafts[k]
        if level.metric is not None and level.value is not None and level.growth is None and not is_increment(level) \
                and all(is_aside(st.text, before, aside) for before, aside in zip(st.drafts[k:], st.drafts[k + 1:])):
            return level
    return None


def grown_past_asides(st: State) -> Draft | None:
    """'…达到21701亿元，占全国的11.9%，比“九五”期末增加10960亿元，比上年增长12.5%，五年年均增长13%': the named level the
    asides right after it stood beside, once it has taken its growth after them. A further change is that level's
    (change_after_changes), never the last aside's."""
    last = st.drafts[-1] if st.drafts else None
    for k in range(len(st.drafts) - 2, max(-1, len(st.drafts) - 2 - MAX_ASIDES), -1):
        level = st.drafts[k]
        if last is not None and level.metric is not None and level.value is not None and level.growth_q is not None \
                and level.growth_q.start > last.q.end \
                and all(is_aside(st.text, before, aside) for before, aside in zip(st.drafts[k:], st.drafts[k + 1:])):
            return level
    return None


def is_aside(text: str, before: Draft, aside: Draft) -> bool:
    """The figure `aside` only adds to the figure before it, in a clause of its own."""
    increment = bool(aside.q.growth_sign) and aside.q.unit not in ("%", "个百分点")  # "净增129亿元"
    if aside.metric is not None and not increment or aside.growth is not None or before.q.end > aside.q.start:
        return False
    between = text[before.q.end:aside.q.start]
    if rank_aside(text, before, aside):
        return True
    words = BOUND_WORD_RE.sub("", between.strip(" \u3000")).lstrip("，,、").strip(" \u3000")
    words = base_year_lead(words)  # "按可比口径比“八五”时期净增709.3亿元"
    if words.startswith(("比", "较", "与")):  # "比1997年增加3902亿元", "与2002年相比，增加453亿元"
        base = SINCE_YEAR_RE.match(words) or PLAN_SPAN_BASE_RE.match(words)  # "比“九五”期末", "比“八五”时期"
        words = words[base.end():] if base else SINCE_YEAR_RE.sub("", words, count=1)
    return not (len(words) > 12 or any(c in "；;。" for c in between) or metrics.find(words)
                or not ASIDE_RE.match(words) or not delim_re("，,、").search(between))


SINCE_YEAR_RE = re.compile(rf"(?:比|较)(?:(?:19|20)[0-9]{{2}}年|{PLAN_END})(?:基本)?"  # "比“九五”期末增加…"
                           rf"|与(?:19|20)[0-9]{{2}}年(?:{lexicon.pattern('comparison_tails')})[，,]?")


def rank_aside(text: str, before: Draft, aside: Draft) -> bool:
    """'…4100亿元以上，由全国26个省会城市第18位升至第15位，年均增长16%以上': a count of the places ranked, in a clause of
    its own that claims a rank, stands aside."""
    between = text[before.q.end:aside.q.start]
    if aside.metric is not None or aside.value is None or any(c in "；;。" for c in between) \
            or not delim_re("，,").search(between):
        return False
    clause = text[clause_start(text, before.q.end, aside.q.start, CLAUSE_DELIMS):clause_end(text, aside.q.end, len(text))]
    return find_rank(clause) is not None


SPAN_TOTAL_LEAD_RE = re.compile(rf"(?:{lexicon.pattern('span_leads')})?{SPAN_YEARS}(?:来|间|内)?(?:{lexicon.pattern('span_total_words')})")


def past_span_total(st: State, q: Quantity) -> Draft | None:
    """'…增加到2002年的835亿元，五年累计完成投资3418亿元，年均增长11.7%': a total over the span ("五年累计…"),
    in its own clause right after a named level, stands aside: the average growth after it is the level's. The
    total, named by a tail of the level's name ("投资"), is a fact of the same metric."""
    if len(st.drafts) < 2 or not (AVERAGE_HEAD_RE.search(st.lead_raw)
                                  or (q.verb or "").startswith(AVERAGE_HEADS)):
        return None
    total, level = st.drafts[-1], st.drafts[-2]
    if level.metric is None or level.value is None or level.growth is not None or total.growth is not None \
            or total.value is None or total.unit != level.unit or level.q.end > total.q.start:
        return None
    cs = clause_start(st.text, st.start, total.q.start, CLAUSE_DELIMS)
    if cs < level.q.end or not (m := SPAN_TOTAL_LEAD_RE.match(st.text, cs, total.q.lead_end)):
        return None
    tail = strip_back(strip_front(st.text[m.end():total.q.lead_end]))
    if total.metric is None and tail and metrics.normalise(level.metric_text).endswith(tail):
        total.metric, total.metric_text = level.metric, tail
        total.steps.append("past_span_total")
    return level if total.metric in (None, level.metric) else None


def average_follows(st: State, q: Quantity) -> bool:
    """The next figure is an average growth with no subject of its own, in the next clause ("…比2002年翻了一番，
    年均增长14.5%")."""
    if st.i + 1 >= len(st.quantities):
        return False
    nq = st.quantities[st.i + 1]
    words = st.text[q.end:max(q.end, nq.lead_end)]
    if not nq.growth_sign or nq.unit != "%" or any(c in words for c in "。；;"):
        return False
    words = words.strip(" \u3000，,、")
    return (bool(AVERAGE_HEAD_RE.search(words)) or (nq.verb or "").startswith(AVERAGE_HEADS)) \
        and _no_subject(words, nq.verb)


def cumulative_change(lead: str, q: Quantity) -> bool:
    """A change over years with no subject of its own: a doubling ("比2002年翻了一番"), or a growth over a span
    ("五年增长1.2倍"). A growth since a stated year ("比1997年增长1.68倍，五年年均增长21.8%") stays the level's: the
    labels read it so (tests/cases/growth_and_level.jsonl, merge_since_year)."""
    if q.verb == "翻":
        return True
    lead = lead.strip(" \u3000")
    return q.unit == "%" and q.growth_sign > 0 and not AVERAGE_HEAD_RE.search(lead) \
        and not (q.verb or "").startswith(AVERAGE_HEADS) \
        and bool((m := SPAN_LEAD_RE.match(lead)) and m.end() == len(lead))


def past_doubling(st: State) -> Draft | None:
    """'地区生产总值突破2.5万亿元，比2002年翻了一番，年均增长14.5%' / '生产总值超过万亿元，五年增长1.2倍，年均增长
    12.8%': the change over the years stood apart (average_follows), so the average growth after it is the level's."""
    if len(st.drafts) < 2:
        return None
    doubling, level = st.drafts[-1], st.drafts[-2]
    if not (doubling.q.verb == "翻" or "doubling_before_average" in doubling.steps) or doubling.value is not None or level.value is None or level.growth is not None \
            or level.unit == "%" or not (_no_subject(SINCE_YEAR_RE.sub("", doubling.metric_text), "翻")
                                         or "doubling_before_average" in doubling.steps) \
            or level.q.end > doubling.q.start or any(c in st.text[level.q.end:doubling.q.start] for c in "。；;"):
        return None
    return level


def _merge_growth(st: State, q: Quantity, lead: str, step: str) -> Outcome:
    if not (q.growth_sign or q.unit == "个百分点"):
        return None  # a level (most figures): no aside to look for
    if grown_past_asides(st) is not None:
        return None  # the level beside the asides has its growth: this change is the level's (change_after_changes)
    # a change in points is a rate's: never the growth of a level across its share ("…3.95万亿元，占全国的28.5%，提高0.2个百分点")
    prev = (past_aside(st) if q.unit != "个百分点" else None) or past_span_total(st, q) or past_doubling(st) or st.prev
    if prev is None or metrics.find(lead) \
            or not _no_subject(lead, q.verb, span=True):
        return None
    if cumulative_change(st.lead, q) and average_follows(st, q) and (q.verb == "翻" or prev.metric is not None):
        return None  # the level takes the average after the doubling (or span's change), the more exact figure
    if WHOLE_YEAR_LEAD_RE.fullmatch(st.lead_raw.strip(" \u3000").removesuffix("增长")) \
            and PART_OF_YEAR_RE.search(st.text, clause_start(st.text, st.start, prev.q.start, CLAUSE_DELIMS), prev.q.start):
        return None  # "…前三季度1.7%，全年增长3.4%": the year's rate is no growth of a quarter's figure
    if not _no_subject(lead, q.verb) and (q.unit == "%") == (prev.unit == "%"):
        return None  # "…4428美元，五年增长91.5％" / "城市化率53.2%，五年提高8.5个百分点"; not a span's change of a rate in %
    if prev.unit == "%" and q.unit == "%" and prev.metric is None and not next_clause(st.text, prev, st.cs):
        return None  # "确保12％的增长水平，才有可能…实现“十五”年均增长12％以上": a rate in another clause is no level
    if not (_no_subject(lead, q.verb, fillers=False, span=True) or next_clause(st.text, prev, st.cs)) \
            or prev.growth is not None or prev.value is None or prev.q.end > q.start \
            or len(changes_from(st.text, st.quantities, st.i)) != 1 or names_another(st.text, prev, st.cs):
        return None
    probe = Draft(q, prev.metric, prev.metric_text)
    fill_numbers(probe, q)
    if probe.growth is None:
        return None
    prev = level_before_increment(st, prev)
    prev.growth, prev.growth_unit, prev.growth_q = probe.growth, probe.growth_unit, q
    if probe.high is not None:
        prev.extra["growth_high"] = probe.high
    prev.steps.append(step)
    return []


def level_before_increment(st: State, prev: Draft) -> Draft:
    """'投资完成4314亿元，比上年增加673亿元，增长18.5％': a rate after an amount added is the growth of the level
    given just before the amount, when that level is of the same metric and has no growth yet."""
    if not is_increment(prev) or len(st.drafts) < 2:
        return prev
    level = st.drafts[-2]
    if level.q.end <= prev.q.start and level.metric and level.metric == prev.metric and level.growth is None \
            and level.value is not None and not is_increment(level):
        return level
    return prev


@only_for(lambda q: q.unit == "倍" and not q.growth_sign)
def ratio_to_base(st: State, q: Quantity) -> Outcome:
    """'财政总收入达到1862.9亿元，是2005年的2.5倍，五年年均增长20%': a multiple of a past year's level is a fact of
    its own, set aside, so that the level before it takes the growth after it."""
    if q.unit != "倍" or q.growth_sign:
        return None
    before = st.quantities[st.i - 1] if st.i else None
    if not (RATIO_LEAD_RE.search(st.text, st.cs, max(st.cs, q.lead_end))
            or (before is not None and any(a.q is before for a in st.asides) and listed_after(st.text, before, q))):
        return None  # "分别是2005年的2.3倍、2.2倍": the second of a list of multiples too
    made = name(st, q)
    for d in made or []:
        d.steps.insert(0, "ratio_to_base")
    st.asides.extend(made or [])
    return []


AVERAGE_WORD_RE = re.compile(lexicon.pattern("average_words"))
STRETCH_RE = re.compile(f"(?:{lexicon.pattern('strive_words')})(?:{lexicon.pattern('strive_verbs')})?")


@only_for(lambda q: q.unit == "%" and q.high is None and q.value is not None)
def stretch_growth(st: State, q: Quantity) -> Outcome:
    """'国内生产总值增长8%、力争9%', '增长15%以上，力争达到17%': the higher rate striven for after a growth, with no
    subject of its own, is a growth of the same subject (a second target of it)."""
    prev = st.prev
    if prev is None or prev.growth is None or prev.growth_unit != "%" or q.unit != "%" or q.high is not None \
            or not STRETCH_RE.fullmatch(st.lead_raw.strip(" \u3000、，,")):
        return None
    last = prev.growth_q or prev.q
    between = st.text[last.end:q.start]
    if last.end > q.start or len(between) > 8 or any(c in "；;。：:" for c in between) or q.value is None \
            or q.value <= prev.growth:
        return None
    if BOUND_WORD_RE.sub("", st.text[q.end:clause_end(st.text, q.end, st.end)]).strip():
        return None  # "力争10%的企业上市": the figure measures what follows it
    if AVERAGE_WORD_RE.search(st.text, clause_start(st.text, st.start, last.start, CLAUSE_DELIMS), last.start):
        return None  # "“十四五”时期地区生产总值年均增长8%—9%，力争10%以上": a term's average, left to the term
    d = Draft(q, prev.metric, prev.metric_text, growth=q.value, growth_unit="%", growth_q=q, rule=prev.rule,
              scope=prev.scope, object=prev.object, steps=["stretch_growth"])
    return [d]


@only_for(lambda q: not q.growth_sign)
def restate(st: State, q: Quantity) -> Outcome:
    """'突破11万亿元、达到11.6万亿元': a floor restated as the figure itself, for the same subject."""
    prev = st.prev
    if prev is None or not restates(st.text, prev, q, st.lead):
        return None
    prev.q, prev.value, prev.high = q, q.value, q.high
    prev.steps.append("restate")
    return []


@only_for(lambda q: not is_change(q))
def reach(st: State, q: Quantity) -> Outcome:
    """'一般公共预算收入年均增长14.2%，达到1100亿元': the level a growth reached, in the next clause."""
    prev = st.prev
    if prev is None or not reaches(st.text, prev, q, st.text[st.cs:q.start]) or not join_level(prev, q):
        return None
    prev.steps.append("reach")
    return []


@only_for(lambda q: not is_change(q))
def reach_past_note(st: State, q: Quantity) -> Outcome:
    """'全省地区生产总值增长6.1%（按原核算方法计算增长6.4%），总量达9.96万亿元' / '地区生产总值年均增长6.2%，总量跨过7个
    千亿级台阶、达2.08万亿元': the level a growth reached, past a note in brackets on that growth or a count of the
    steps its subject climbed (figures that name nothing the level could be)."""
    if len(st.drafts) < 2:
        return None
    text, growth, note = st.text, st.drafts[-2], st.drafts[-1]
    opened = text[growth.q.end:note.q.start]
    if opened[:1] in "（(" and not any(c in opened for c in "）)"):  # the note in brackets right after the growth
        closed = min((i for i in (text.find("）", note.q.end, q.start), text.find(")", note.q.end, q.start)) if i >= 0),
                     default=-1)
        if closed < 0:
            return None
        between = text[growth.q.end:q.start].replace(text[growth.q.end:closed + 1], "", 1)
    elif counts_steps(text, note, st.cs) and note.q.start > growth.q.end:
        between = text[growth.q.end:q.start]
    else:
        return None
    if growth.value is not None or growth.growth is None or growth.metric is None or len(between) > 16 \
            or any(c in "；;。：:" for c in between) \
            or not REACHED_RE.fullmatch(text[st.cs:q.start].strip(" \u3000，,")) or not join_level(growth, q):
        return None
    growth.steps.append("reach_past_note")
    return []


def name(st: State, q: Quantity) -> Outcome:
    """The last rule, always applies: the figure's subject (SUBJECTS), and a fact for it (or for each subject of
    'A、B均增长…')."""
    text, lead, prev = st.text, st.lead, st.prev
    found = metrics.find(lead) if lead else None
    subject = Subject(lead, "lead", "")
    for finder in finders_for(q, found is not None):
        if (s := finder(st, q, found)) is not None:
            subject = s
            break
    if subject.rule in ("lead", "share") and st.i - 1 in st.starts \
            and (m := CHANGE_FROM_RE.match(subject.phrase)) and metrics.find(m.group(1)):
        subject = subject._replace(phrase=m.group(1))  # "…占规模以上工业比重由18.2％提高到27％": the name before 由
    elif subject.rule in ("lead", "share") and st.i - 1 in st.starts \
            and (m := CHANGE_FROM_FIGURE_RE.match(subject.phrase)):
        subject = subject._replace(phrase=m.group(1).strip(" \u3000"))  # "城镇化率由44.8%提高到46.4%": no name holds
        # the figure it starts from (nor is "由44.8%" a name: "经过努力，由44.8%提高到46.4%" names nothing)
    whole = st.before(q)
    subjects = None
    # 均 may stand after a change named by a noun too: "PM2.5、PM10年均浓度累计下降幅度均超过30%", "…增幅均超20%"
    # and 各 right before the change's verb ("…的比重各提高2个百分点"): read with the verb, never before a level
    upto = text[st.wide:max(st.wide, q.start)] \
        if (q.verb or "").endswith(NOUN_CHANGE_ENDS) and "均" in text[q.lead_end:q.start] \
        or q.growth_sign and text[max(st.wide, q.lead_end - 1):q.lead_end] == "各" else whole
    each = list(EACH_RE.finditer(upto)) if "均" in upto or "各" in upto else []  # most clauses hold neither
    listed = strip_back(strip_front(whole[:each[-1].start()])) if each else ""
    if each and subject.rule == "lead" and (shares := each_share(listed)):
        subjects = shares
    elif each and subject.rule == "lead" and ("、" in whole[:each[-1].start()] or urban_rural.both_named(listed)
                                              or each_named(listed) or each_takes_tail(listed)):
        subjects = split_subjects(listed)
    out = []
    for phrase in subjects or [subject.phrase]:
        # a clause after 、 is one of an enumeration, where a bare "进出口" names nothing; not so the items of a 均 list,
        # whose 、 is the list's own ("PM2.5、PM10…均超过30%")
        d = make_draft(text, q, phrase, subject.rule if not subjects else "distribute", st.lead_raw, st.end, prev,
                       strict=not subjects and st.cs > st.start and text[st.cs - 1] == "、", clause=whole)
        d.steps[:0] = ["name"] + ([subject.finder] if subject.finder else [])
        if d.rule == "ellipsis" and d.metric and (found_at := metrics.find(phrase)):
            # "地区生产总值再上新台阶，达到4015亿元": the subject, without what the clause says of it
            d.metric_text = strip_front(metrics.normalise(phrase)[:found_at[2]].strip(" \u3000、，,")) or d.metric_text
            d.object = d.metric_text
        out.append(d)
    return out


def each_share(listed: str) -> list[str] | None:
    """'新兴产业和高新技术产业产值占规模以上工业产值的比重各提高2个百分点': items listed before the last share's 占, each
    a share of the same whole once it takes the last one's measure word and whole (新兴产业产值占规模以上工业产值的比重),
    every one a share metric of its own; else None."""
    items = [s for s in ITEM_SPLIT.split(listed) if s]
    at = items[-1].find("占") if len(items) >= 2 else -1
    if at <= 0:
        return None
    last, whole = items[-1][:at], items[-1][at:]
    out = []
    for it in items[:-1]:
        named = next((c for c in (it + whole, it + last[-2:] + whole)  # "新兴产业" + 产值, the last's measure word
                      if (f := metrics.find(c)) and f[1] == 0 and f[2] == len(metrics.normalise(c))), None)
        if named is None:
            return None
        out.append(named)
    out.append(items[-1])
    found = [metrics.find(x) for x in out]
    if not all(found) or len({f[0] for f in found if f}) != len(out) \
            or any(metrics.kind(f[0]) != "percent" for f in found if f):
        return None
    return out


def each_takes_tail(listed: str) -> bool:
    """'地表水断面和饮用水水源地水质达标率均为100%': items before 均 that take the last one's measure word."""
    items = [s for s in ITEM_SPLIT.split(listed) if s]
    return len(items) >= 2 and all(listed_name(it, items[-1]) for it in items[:-1])


def each_named(listed: str) -> bool:
    """'工业增加值和社会消费品零售总额均突破1万亿元': items joined by 和/及/与 before 均, each naming a metric of its own
    (the last one may take the head of the first: "旅游接待人数和收入均增长20%" -> 旅游收入, borrowed_head)."""
    items = [s for s in ITEM_SPLIT.split(listed) if s]
    if len(items) >= 2:
        items[-1] = borrowed_head(items[0], items[-1])
    found = [metrics.find(it) for it in items]
    return len(items) >= 2 and all(found) and len({f[0] for f in found if f}) == len(items)


RULES: list[Rule] = [
    starting_point,
    target_revision,
    restated_goal,
    working_figure,
    ratio_to_base,
    level_after_growths,
    each_of_group,
    distribute,
    each_rate,
    growth_of_each,
    rate_of_level,
    rate_path_of_level,
    year_rate_after_average,
    year_rate_after_base_year,
    merge_growth,
    stretch_growth,
    merge_since_year,
    restate,
    reach_past_note,
    reach,
    name,
]


# ---- subjects: where the words naming a figure are, when not right before it. A finder returns None when it does
# ---- not apply; the first that applies decides (it may settle on the lead, ending the search).

class Subject(NamedTuple):
    phrase: str
    rule: str  # Fact.rule: lead | share | carry | ellipsis
    finder: str  # the finder that chose it ("" for the lead)


Finder = Callable[[State, Quantity, tuple[str, int, int] | None], Subject | None]


NOUN_CHANGE_ENDS = tuple(lexicon.words("noun_change_ends"))
SUBJECT_TRAILERS_RE = re.compile(f"(?:{lexicon.pattern('subject_trailers')})+")


def previous_subject(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'占一般公共预算支出比重83.54%' takes the subject of the figure before it (share); '总量达到1.35万家' too,
    without its 新增/新认定 (carry)."""
    prev, lead = st.prev, st.lead
    if prev is None:
        return None
    carried = strip_back(st.lead_raw.strip(" \u3000、，,"))
    if not (lead.startswith("占") or (not found and TOTAL_RE.match(carried))):
        return None
    base = NEW_RE.sub("", prev.metric_text)
    if lead.startswith("占") and prev.metric and (named := metrics.find(base)) and named[0] == prev.metric \
            and SUBJECT_TRAILERS_RE.fullmatch(norm := metrics.normalise(base), named[2]):
        base = norm[:named[2]]  # "财政民生支出累计3.5万亿元，占…比例76%": the share of what is named, not of its 累计
    phrase = base + (lead if lead.startswith("占") else carried)
    return Subject(phrase, "share" if lead.startswith("占") else "carry", "previous_subject")


def opening_share(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'战略性新兴产业增速快于面上工业增速，占规上工业总产值比重达到29.1%': the share's subject opens the sentence
    (also of its value added: '第三产业保持两位数增长，增加值占全市国内生产总值的比重达到58.9%')."""
    text, lead = st.text, st.lead
    if st.prev is not None or not lead.startswith(lexicon.words("share_openers")) or st.cs <= st.start:
        return None
    earlier = text[clause_start(text, st.start, st.cs - 1, CLAUSE_DELIMS):st.cs - 1]
    subject = SUBJECT_END_RE.split(strip_front(earlier), maxsplit=1)[0]
    if subject and subject != earlier:
        return Subject(subject + lead, "share", "opening_share")
    return Subject(lead, "lead", "opening_share")


@only_for(lambda q, named: not named)
def value_added(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'规模以上工业总产值达到4.43万亿元，增加值增长3.6%': the value added of the same industry."""
    prev, lead = st.prev, st.lead
    if found or prev is None or not lead.startswith("增加值") or "产值" not in prev.metric_text:
        return None
    base = prev.metric_text
    phrase = base[: base.index("总产值") if "总产值" in base else base.index("产值")] + lead
    return Subject(phrase, "carry", "value_added")


PART_OF_YEAR_RE = re.compile(f"(?:{lexicon.pattern('part_of_year')})")
WHOLE_YEAR_LEAD_RE = re.compile(f"(?:预计)?全年(?:最终)?(?:{lexicon.pattern('whole_year_verbs')})?")


@only_for(lambda q, named: not named and q.unit == "%")
def year_after_parts(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'全市生产总值增速从一季度-8.8%…回升到上半年-0.4%、前三季度1.7%，全年增长3.4%': the year's rate that ends a
    series of a quarter's, a half-year's… measures what the series opens with (the words before its first part)."""
    if found or q.unit != "%" or not WHOLE_YEAR_LEAD_RE.fullmatch(st.lead_raw.strip(" \u3000").removesuffix("增长")):
        return None
    first = PART_OF_YEAR_RE.search(st.text, st.start, st.cs)
    if first is None:
        return None
    pieces = [p for p in re.split(r"[，,；;、]", st.text[st.start:first.start()]) if p.strip(" \u3000")]
    if not pieces or not metrics.find(pieces[-1]):
        return None
    return Subject(pieces[-1], "ellipsis", "year_after_parts")


@only_for(lambda q, named: not named and q.unit == "%")
def year_growth_after_trend(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'规模工业增加值增速扭转下行态势，7月份以来稳定回升，全年增长11%': the year's growth after clauses on the trend
    (no figure in them, no metric named in the clause right before) measures the metric the sentence opens with."""
    if found or st.i or not q.growth_sign \
            or not WHOLE_YEAR_LEAD_RE.fullmatch(st.lead_raw.strip(" \u3000").removesuffix("增长")):
        return None
    clauses = [c for c in re.split(f"[{CLAUSE_DELIMS}]", st.text[st.start:st.cs]) if c.strip(" \u3000")]
    if len(clauses) < 2 or any(metrics.find(c) for c in clauses[1:]):
        return None
    named = metrics.find(clauses[0])
    if named is None:
        return None
    return Subject(clauses[0][:named[2]], "ellipsis", "year_growth_after_trend")


ADJUSTMENT_RE = re.compile(lexicon.pattern("adjustment_words"))  # "扣除零售物价上升因素，实际增长7.2%": the price named is taken out, not measured


@only_for(lambda q, named: not named and is_change(q))
def growth_of_clause_before(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'…地区生产总值，同比增长7%': a growth with no subject of its own takes the metric of the clause before."""
    text, start, cs = st.text, st.start, st.cs
    if found or not (q.growth_sign or q.unit == "个百分点") or not _no_subject(st.lead):
        return None
    if cs > start:
        earlier = text[clause_start(text, start, cs - 1, CLAUSE_DELIMS):cs]
        named = metrics.find(earlier)  # an amount added must fit it: "优良天数比例90%，增加13天" is no ratio's
        if named and (q.unit in ("%", "个百分点") or metrics.compatible(named[0], q.unit)) \
                and not ADJUSTMENT_RE.match(earlier.lstrip(" \u3000")):
            return Subject(earlier, "ellipsis", "growth_of_clause_before")
    return Subject(st.lead, "lead", "growth_of_clause_before")


@only_for(lambda q, named: not named)
def doubling_before_average(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'国内生产总值达到6650亿元，按可比价格计算比1992年翻了一番，年均增长15.1%' / '生产总值超过万亿元，五年增长
    1.2倍，年均增长12.8%': a doubling since a stated year, or a growth over a span or since a year, with no subject of
    its own, between a level and the average growth the level takes (past_doubling), is the level's metric's change
    over those years."""
    prev = st.prev
    if found or prev is None or prev.metric is None or prev.value is None or prev.growth is not None \
            or not (cumulative_change(st.lead, q) and (q.verb != "翻" or BASE_YEAR_LEAD_RE.fullmatch(base_year_lead(st.lead)))) \
            or prev.q.end > q.start \
            or any(c in st.text[prev.q.end:q.start] for c in "。；;") or not average_follows(st, q):
        return None
    return Subject(prev.metric_text, "carry", "doubling_before_average")


@only_for(lambda q, named: not named and bool(q.growth_sign))
def change_after_changes(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'国内生产总值达到781.3亿元，比上年增长8.8%，比1992年增长63.3%，年均增长10.3%': a further change with no subject
    of its own (a stated base year, a span's average), after a level that already has its growth, is of that level's
    metric (its basis from its own words: cumulative, average)."""
    prev = st.prev
    if not found and (level := grown_past_asides(st)) is not None:
        prev = level  # "…达到21701亿元，占全国的11.9%，比“九五”期末增加10960亿元，比上年增长12.5%，五年年均增长13%"
    if found or prev is None or prev.metric is None or prev.growth is None or not q.growth_sign \
            or (prev.value is None and "change_after_changes" not in prev.steps) or prev.q.end > q.start:
        return None
    own = st.text[st.cs:q.start]
    if not (since_year(st.lead, q) or (_no_subject(st.lead, q.verb) and ("年均" in own or "平均" in own))):
        return None
    last = max(prev.q.end, prev.growth_q.end if prev.growth_q is not None else 0)
    if names_another(st.text, prev, st.cs) or metrics.find(st.text[last:st.cs]):
        return None
    if prev.rule == "distribute" or len(changes_from(st.text, st.quantities, st.i)) != 1:
        return None  # "…分别达到12780元和5576元，…，比1995年增长33%和31.9%": a pair's changes, not one level's
    return Subject(prev.metric_text, "carry", "change_after_changes")


STEPS_RE = re.compile(f"[十百千万亿元级大新]*(?:{lexicon.pattern('step_nouns')})")


def counts_steps(text: str, prev: Draft, cs: int) -> bool:
    """'全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元': the figure of the clause before counts the steps its
    subject climbed; it names nothing else, so the level after still measures that subject."""
    return prev.unit == "个" and bool(STEPS_RE.fullmatch(text[prev.q.end:cs - 1].strip(" \u3000")))


def passes_milestone(text: str, prev: Draft, cs: int) -> bool:
    """'全市地区生产总值迈过千亿元大关，预计2015年实现1560亿元': the figure of the clause before is a milestone its
    subject passed (a bound, then only the milestone's noun); the level after still measures that subject."""
    return prev.q.bound == "min" and bool(STEPS_RE.fullmatch(text[prev.q.end:cs - 1].strip(" \u3000")))


def bound_alone(st: State, q: Quantity) -> bool:
    """'…再上新台阶，超过7万亿元': the clause holds only the bound word before the figure (a verb of passing read as
    the bound, so the lead is empty)."""
    return q.bound != "exact" and st.cs < q.start and bool(PREFIX_RE.fullmatch(st.text[st.cs:q.start].strip(" \u3000")))


@only_for(lambda q, named: not named and not is_change(q))
@only_for(lambda q, named: not named)
def last_threshold(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'经济总量跨越7000亿元、8000亿元两个台阶': the last of thresholds listed before "N个台阶" is the level reached, the
    named one's (the ones before it are steps on the way: veto passed_step)."""
    prev = st.prev
    if found or prev is None or prev.metric is None or prev.q.unit != q.unit \
            or st.text[prev.q.end:q.start] not in ("、", "和") or STEP_COUNT_RE.match(st.text, q.end) is None:
        return None
    return Subject(prev.metric_text, "carry", "last_threshold")


def reached_after_subject(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'地区生产总值再上新台阶，达到4015亿元': a bare verb of reaching after a clause that opens with the metric;
    '加大高新技术企业培育力度，全年新增5户以上': a count of what the clause before fosters."""
    text, start, cs, lead, prev = st.text, st.start, st.cs, st.lead, st.prev
    rest = TOTAL_RE.sub("", lead)  # "…迈上新台阶，总量突破5万亿元": the total of what the clause before opens with
    if found or is_change(q) or not (lead or bound_alone(st, q)) \
            or not (not lead or only_verbs(lead) or rest != lead and (not rest or only_verbs(rest))) or cs <= start:
        return None
    es = clause_start(text, start, cs - 1, CLAUSE_DELIMS)
    if rest != lead and NEW_RE.match(strip_front(text[es:cs - 1].strip(" \u3000"))):
        return None  # "新增上市企业数量全省第一，总数达到8家": the stock, not the additions the clause names
    if opening_subject(text[es:cs - 1]) and (prev is None or prev.q.end <= es or counts_steps(text, prev, cs)
                                             or passes_milestone(text, prev, cs)):
        return Subject(text[es:cs - 1], "ellipsis", "reached_after_subject")
    if (fostered := FOSTERED_RE.search(text, es, cs)) and (prev is None or prev.q.end <= es) \
            and metrics.units().get(q.unit or "") == "count" \
            and not BOUND_WORD_RE.sub("", text[q.end:clause_end(text, q.end, st.end)]).strip():
        return Subject(fostered.group(1), "ellipsis", "fostered")
    return Subject(lead, "lead", "reached_after_subject")


SET_AS_RE = re.compile(f"(?:{lexicon.pattern('set_as_leads')})?(?:{lexicon.pattern('set_as_verbs')})为?")
TARGET_NAMED_RE = re.compile(f"(?:{lexicon.pattern('target_names')})[ \u3000]*$")


@only_for(lambda q, named: not named)
def target_set_in_own_clause(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'今年经济增长速度的宏观调控目标，定为百分之八至九': a figure set in a clause of its own ("定为", "确定为") is the
    target the clause before names."""
    text, start, cs = st.text, st.start, st.cs
    if found or cs <= start or not SET_AS_RE.fullmatch(st.lead_raw.strip(" \u3000")):
        return None
    earlier = text[clause_start(text, start, cs - 1, CLAUSE_DELIMS):cs - 1]
    if not TARGET_NAMED_RE.search(earlier) or not metrics.find(earlier):
        return None
    return Subject(earlier, "ellipsis", "target_set_in_own_clause")


@only_for(lambda q, named: not named)
def end_of_change(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'全市地区生产总值跨越3个千亿台阶，从2020年的1.09万亿元提升至2025年的1.32万亿元': the end of a change whose
    clause names nothing before 由/从 measures what the clause before opens with."""
    text, start, cs = st.text, st.start, st.cs
    if found or not st.i or st.i - 1 not in st.starts or cs <= start \
            or not (m := CHANGE_FROM_RE.match(st.lead_raw.strip(" \u3000"))) or m.group(1):
        return None
    es = clause_start(text, start, cs - 1, CLAUSE_DELIMS)
    if not opening_subject(text[es:cs - 1]):
        if (item := raised_item(text[es:cs - 1])) is None:
            return None
        return Subject(item, "lead", "end_of_change")
    return Subject(text[es:cs - 1], "ellipsis", "end_of_change")


@cache
def raised_item_re() -> re.Pattern:
    return re.compile(rf"^[ \u3000]*(?:[一二三四五六七八九十]+是)?({lexicon.pattern('from_to_verbs')})?"
                      rf"([^0-9０-９，,；;。]{{2,24}}?)$")


@cache
def share_end_re() -> re.Pattern:
    return re.compile(rf"(?:{lexicon.pattern('share_words')}|率)$")


def raised_item(clause: str) -> str | None:
    """'一是提高财政收入占GDP的比重，由13%提高到13.8%', '林牧渔业占农业经济的比重，由1990年的38.6%上升到50.7%': the
    clause before names what the change raises, when it is only its verb and its name (or the name of a share)."""
    m = raised_item_re().match(clause)
    if m is None or not (m.group(1) or share_end_re().search(m.group(2))):
        return None
    return m.group(2)


PER_HEAD_RE = re.compile(r"(?:按(?:常住人口)?)?人均(?:计算?)?")
GDP_NAME_RE = re.compile(lexicon.pattern("gdp_name_forms"))


@only_for(lambda q, named: not named and not is_change(q) and metrics.units().get(q.unit or "") == "currency")
def per_head_of_gdp(st: State, q: Quantity, found: tuple[str, int, int] | None) -> Subject | None:
    """'全省国内生产总值达3950亿元，人均达6073元' / '地区生产总值增长12%，按人均达到3000美元': 人均 with no noun of
    its own, in a currency, after a GDP figure of the same sentence (no other metric between), is GDP per head."""
    levels = [d for d in st.drafts if d.metric is not None or d.q.unit not in ("%", "个百分点")]
    prev, lead = (levels[-1] if levels else None), re.sub(r"[ \u3000]", "", st.lead_raw)  # rates between are no subject
    if found or prev is None or prev.metric != "gdp" or metrics.units().get(q.unit or "") != "currency" \
            or is_change(q) or not (m := PER_HEAD_RE.match(lead)) or not only_verbs(lead[m.end():]) \
            or not (name := GDP_NAME_RE.search(prev.metric_text)):
        return None
    return Subject("人均" + name.group(), "ellipsis", "per_head_of_gdp")


SUBJECTS: list[Finder] = [
    per_head_of_gdp,
    previous_subject,
    opening_share,
    value_added,
    year_after_parts,
    doubling_before_average,
    change_after_changes,
    year_growth_after_trend,
    growth_of_clause_before,
    target_set_in_own_clause,
    end_of_change,
    last_threshold,
    reached_after_subject,
]



_FINDERS_BY_KIND: dict[tuple[Kind, bool], tuple[Finder, ...]] = {}


def finders_for(q: Quantity, named: bool) -> tuple[Finder, ...]:
    """The finders of SUBJECTS, in order, whose guard q passes (named: the lead names a metric)."""
    k = (figure_kind(q), named)
    got = _FINDERS_BY_KIND.get(k)
    if got is None:
        got = _FINDERS_BY_KIND[k] = tuple(f for f in SUBJECTS if (g := GUARDS.get(f)) is None or g(q, named))
    return got


def attribute(text: str, start: int, end: int, quantities: list[Quantity]) -> list[Draft]:
    """Turn the quantities of one sentence text[start:end] into drafts of facts: for each quantity, the first
    rule of RULES that applies."""
    share_across_joins(text, quantities)
    st = State(text, start, end, quantities, starting_points(text, quantities), parts=text.find("其中", start, end) >= 0)
    for i, q in enumerate(quantities):
        st.focus(i)
        if qualifies_next(st, q):
            continue
        track_group(st, q)
        for rule in rules_for(q):
            made = rule(st, q)
            if made is not None:
                st.drafts.extend(made)
                break
    share_heads(text, st.drafts)
    return st.drafts + st.asides


def share_heads(text: str, drafts: list[Draft]) -> None:
    """'确保剩余369户、874名贫困人口全部脱贫': counts listed before one head noun share it."""
    for d, nxt in reversed(list(pairwise(drafts))):
        if d.metric is None and nxt.rule == "trail" and listed_after(text, d.q, nxt.q) \
                and metrics.units().get(d.q.unit or "") == "count" and metrics.units().get(nxt.q.unit or "") == "count" \
                and len(ONLY_VERBS.sub("", d.metric_text)) <= 2:
            d.metric_text, d.object = nxt.metric_text, nxt.object
            d.steps.append("share_heads")


def make_draft(text: str, q: Quantity, phrase: str, rule: str, lead_raw: str, end: int, prev: Draft | None,
               strict: bool = False, clause: str | None = None) -> Draft:
    """One fact for q measured by phrase; strict: an enumerated clause, where a bare '进出口' names no metric."""
    whole = phrase.startswith(WHOLE_SUBJECT)
    phrase = phrase.removeprefix(WHOLE_SUBJECT)
    found = metrics.find(phrase, whole=not strict) if phrase and not whole else None
    d = Draft(q, None, phrase, rule=rule)
    if found:
        metric_id, ms, _me = found
        d.metric = metric_id
        d.scope = scope_of(metrics.normalise(phrase), ms)
    fill_numbers(d, q)
    if found and d.unit == "%" and d.growth is None and metrics.kind(d.metric) != "percent" \
            and RATE_NOUN_RE.match(metrics.normalise(phrase)[found[1]:]):
        d.growth, d.growth_unit, d.value, d.unit = d.value, "%", None, None  # "经济增长速度预期为年均7%左右"
        d.growth_q = q
    elif found and d.unit == "%" and d.growth is None and not q.growth_sign \
            and d.metric in words("share_in_percent") and not CHANGE_WORDS_RE.search(phrase):
        share = metrics.share_of_subject(d.metric)  # "财政民生支出达79.3%": its share
        if share is not None:
            found = (share, found[1], found[2])
        d.metric = share
    elif not found and d.unit == "%" and d.growth is None and RATE_TAIL_RE.search(metrics.normalise(phrase)):
        d.growth, d.growth_unit, d.value, d.unit = d.value, "%", None, None  # "全员劳动生产率增速为7%": a growth
        d.growth_q = q
    people = PEOPLE_NOUN_RE.search(q.value_text) if "人口" in q.value_text else None
    verbs_only = only_verbs(phrase)
    counted = metrics.units().get(q.unit or "") != "currency"
    trail = ""
    if people or verbs_only or (counted and not found and rule == "lead"):  # else the words after name nothing
        trail_end = clause_end(text, q.end, end)
        trail = BOUND_WORD_RE.sub("", TRAIL_ASIDE_RE.sub("", text[q.end:trail_end].strip())).strip().lstrip("的”\"’）)")
        trail = TRAIL_TAIL_RE.sub("", trail)  # "在完成50件民生工程实事基础上": the object is 民生工程实事
    if people:  # "解决40.5万农村人口饮水安全问题": the people counted, then what is done for them
        trail = people.group("who") + (trail if not TRAIL_STOP.match(trail) else "")
    if trail and (verbs_only or (counted and not found and rule == "lead" and not TRAIL_STOP.match(trail))):
        d.metric_text = trail
        d.object = strip_action(trail)
        d.rule = "trail"
        if not found and not people and (verbs_only or TRAIL_SHARE_RE.search(trail)):
            found = metrics.find(trail)  # also "把80%以上的一般公共预算支出投入到民生领域": the share named after it
            d.metric = found[0] if found else None
            phrase = trail if found else phrase  # the vetoes read the name where it was found ("50家科技型企业上市")
    elif verbs_only and prev is not None and prev.object:
        d.metric_text = phrase + prev.object
        d.object = prev.object
        d.rule = "carry"
        if (level := carried_level(phrase, prev)) is not None:
            found, phrase, d.metric = level, prev.object, level[0]
            d.steps.append("carried_level")
    d.metric = checked_metric(d, phrase, found, clause=clause) if found else None
    index_as_change(d, phrase)
    d.action = action_of(lead_raw)
    if d.object is None:
        d.object = strip_action(d.metric_text) or None
    return d


def carried_level(phrase: str, prev: Draft) -> tuple[str, int, int] | None:
    """'全市经济总量突破2000亿元大关，2015年预计达到2350亿元': a bare 达/达到 after a named figure is the same
    metric's level (not 竣工/开工 after 开工, nor a total after an addition, 新增…)."""
    if not RESTATE_VERB_RE.fullmatch(phrase) or prev.metric is None or not prev.object or NEW_RE.match(prev.object):
        return None
    found = metrics.find(prev.object)
    return found if found and found[0] == prev.metric else None


INDEX_VERBS = f"(?:{lexicon.pattern('index_verbs')})?$"
INDEX_RE = re.compile(r"指数" + INDEX_VERBS)
PRICE_INDEX_RE = re.compile(f"(?:{lexicon.pattern('price_words')})" + INDEX_VERBS)  # 价格指数, 物价总指数 (lexicon)


def index_as_change(d: Draft, phrase: str) -> None:
    """'居民消费价格指数103.6%', '商品零售价格指数101%左右' (last year = 100): a change rate written as its index is
    the change, 3.6 %; a price index with no metric of its own too."""
    if d.unit != "%" or d.value is None or not 80 <= d.value <= 130:
        return
    name = metrics.normalise(phrase)
    if not INDEX_RE.search(name) or not (d.metric in metrics.change_rates()
                                         or d.metric is None and PRICE_INDEX_RE.search(name)):
        return
    d.value -= 100
    d.high = d.high - 100 if d.high is not None else None
    d.steps.append("index_as_change")


def starting_points(text: str, quantities: list[Quantity]) -> set[int]:
    """'由59.3亿元增长到163.3亿元', '从2016年的25778元、8403元增长到36810元、13249元': the figures a change starts
    from (indices into quantities), which are not results."""
    out: set[int] = set()
    for i, q in enumerate(quantities):
        if not START_RE.search(text, max(0, q.lead_end - 12), q.lead_end):
            continue
        j = i
        while j + 1 < len(quantities) and listed_after(text, quantities[j], quantities[j + 1]):
            j += 1
        if j + 1 == len(quantities):
            continue
        between = text[quantities[j].end:quantities[j + 1].start]
        if (quantities[j + 1].level_verb or REACH_TO_RE.fullmatch(between)) \
                and not any(c in CLAUSE_DELIMS for c in between):
            out.update(range(i, j + 1))
    return out


def is_change(q: Quantity) -> bool:
    return bool(q.growth_sign) or q.unit == "个百分点"


def changes_from(text: str, quantities: list[Quantity], i: int) -> list[Quantity]:
    """The run of changes listed from quantities[i] on ("分别增长5.8%、7.1%")."""
    run = [quantities[i]]
    for a, b in pairwise(quantities[i:]):
        if not listed_after(text, a, b) or not is_change(b):
            break
        run.append(b)
    return run


def later_figures(drafts: list[Draft], q: Quantity) -> list[Draft]:
    """The figures without a change that end the drafts so far (what a subject-less 分别 list of changes pairs with)."""
    out: list[Draft] = []
    for d in reversed(drafts):
        if d.value is None or d.growth is not None or d.q.end > q.start:
            break
        out.insert(0, d)
    return out if len(out) >= 2 else []


def opening_subject(clause: str) -> str | None:
    """The metric a clause opens with ("社会消费品零售总额超过疫情前水平" -> retail_sales), or None."""
    phrase = metrics.normalise(strip_front(clause.strip(" \u3000、，,")))
    found = metrics.find(phrase)
    if not found or found[1] > len(phrase) - len(metrics.WHOLE_PREFIX.sub("", phrase)):
        return None
    return found[0]


def names_another(text: str, prev: Draft, cs: int) -> bool:
    """A clause between prev's figure and a subject-less growth opens with another metric: the growth is that
    metric's ("投放1.6亿元消费券，…，社会消费品零售总额超过疫情前水平、同比增长8.8%")."""
    clauses = re.split(r"[，,；;、]", text[prev.q.end:cs])[1:]  # the first piece is the rest of prev's own clause
    return any((m := opening_subject(c)) and m != prev.metric for c in clauses)


def reaches(text: str, prev: Draft | None, q: Quantity, before: str) -> bool:
    """A level whose clause says only that it was reached ("，2016年达到10011亿元", "，突破40万亿元"), right after
    a growth-only figure: the level of that growth's subject. `before`: the clause up to the number."""
    if prev is None or prev.value is not None or prev.growth is None or is_change(q) or prev.q.end > q.start:
        return False
    between = text[prev.q.end:q.start]
    if len(between) > 16 or any(c in "；;。：:" for c in between):
        return False
    return bool(REACHED_RE.fullmatch(before.strip(" \u3000，,")))


def join_level(d: Draft, q: Quantity) -> bool:
    """Give a growth-only draft the level stated after it ("年均增长14.2%，达到1100亿元"), when the unit fits; a rate's
    change in points takes the rate it reached ("城镇化率提高1.5个百分点，达到45%")."""
    if d.value is not None or d.growth is None:
        return False
    points_to_rate = d.growth_unit == "个百分点" and q.unit == "%" and not q.growth_sign
    if not points_to_rate and (d.growth_unit != "%" or q.unit in ("%", "个百分点", "倍")):
        return False
    if d.metric is not None and not metrics.compatible(d.metric, q.unit):
        return False
    d.growth_q = d.growth_q or d.q
    d.q, d.value, d.unit, d.high = q, q.value, q.unit, q.high
    return True


def listed_after(text: str, a: Quantity, b: Quantity) -> bool:
    """b is the next item of a list after a ("6%和7%", "7.5%左右、6%以上")."""
    return BOUND_WORD_RE.sub("", text[a.end:b.start]) in ("和", "、", "及", "与")


def share_across_joins(text: str, quantities: list[Quantity]) -> None:
    """'增长5%和7%' / '控制在3%和5%以内': the verb governs both figures, and so does the bound after the last."""
    if len(quantities) < 2:
        return  # one figure (most sentences): no pair to share anything
    for a, b in pairwise(quantities):
        if a.times and a.growth_sign and b.unit == "倍" and b.value is not None and listed_after(text, a, b):
            b.value, b.unit, b.times = b.value * 100, "%", True  # "增长2.5倍和2.8倍": the second is a change too
            b.high = b.high * 100 if b.high is not None else None
        if not (listed_after(text, a, b) or a.end == b.start) or a.unit != b.unit:
            continue
        if a.growth_sign and not b.growth_sign and b.lead_end >= a.end:
            sign = a.growth_sign if (b.value or 0) >= 0 else 1
            b.growth_sign, b.verb = sign, a.verb
            if a.growth_sign < 0 and b.value is not None:
                b.value = -b.value
        b.level_verb = b.level_verb or a.level_verb
    for a, b in reversed(list(pairwise(quantities))):
        if text[a.end:b.start] in ("和", "、", "及", "与") and a.unit == b.unit and a.bound == "exact":
            a.bound = b.bound if b.bound != "range" else a.bound
    for a, b in pairwise(quantities):  # "超50亿元、100亿元": a bound word before the first governs the list
        if listed_after(text, a, b) and a.unit == b.unit and b.bound == "exact" \
                and a.bound in ("min", "max", "approx") and PREFIX_RE.search(text, max(0, a.start - 4), a.start) \
                and not PREFIX_RE.search(text, max(0, b.start - 4), b.start):
            b.bound = a.bound


def restates(text: str, prev: Draft | None, q: Quantity, lead: str) -> bool:
    """A bare verb of reaching after a floor of the same unit ("突破11万亿元、达到11.6万亿元"): the exact figure (also
    when the floor took a growth stated before it: "增长10.6%，总量迈上万亿元台阶，达到10015亿元")."""
    grown_before = prev is not None and prev.growth_q is not None and prev.growth_q.end <= prev.q.start
    if prev is None or not prev.metric_text or prev.value is None or (prev.growth is not None and not grown_before) \
            or q.growth_sign:
        return False
    if prev.metric is None and (prev.rule != "lead" or not RESTATE_VERB_RE.fullmatch(lead)):
        return False  # unnamed, only its subject then 达: "市场主体突破400万户、达445.1万户" (not "…，力争200亿元")
    if prev.q.bound != "min" or q.unit != prev.unit or q.value is None or q.value < prev.value:
        return False
    if TOTAL_RE.match(lead) or "累计" in lead or NEW_RE.match(strip_action(prev.metric_text)) \
            or "新" in NAME_NEW_RE.sub("", prev.metric_text):
        return False  # "新增…超230家、累计达1471家": an addition, then the stock
    between = text[prev.q.end:q.start]
    return bool(lead) and only_verbs(lead) and len(between) <= 8 and not any(c in "；;。" for c in between)


def _no_subject(lead: str, verb: str | None = None, fillers: bool = True, span: bool = False) -> bool:
    """Nothing but comparison words ("同比", "同口径", "剔除留抵退税因素可比") or, before an average, its span
    ("五年年均增长"); with `span`, also the span of a change over years ("…4428美元，五年增长91.5％": the change of
    the level before it, cumulative): the growth has no subject of its own."""
    if verb and verb.startswith(AVERAGE_HEADS) or AVERAGE_HEAD_RE.search(lead):
        lead = SPAN_RE.sub("", lead)
    if span:
        lead = SPAN_LEAD_RE.sub("", lead)
    rest = NO_SUBJECT_RE.sub("", COMPARABLE_RE.sub("", lead))
    return len(rest) <= 1 or (fillers and not fillers_re().sub("", rest))  # "…突破10亿元，力争翻一番": 力争 names nothing


def next_clause(text: str, prev: Draft, cs: int) -> bool:
    """The clause starting at cs follows prev's own clause ("突破10亿元，力争翻一番"), with none between."""
    return prev.q.end <= cs and not delim_re(CLAUSE_DELIMS).search(text, prev.q.end, max(prev.q.end, cs - 1))


@cache
def short_items() -> dict[str, str]:
    """One-character list items that stand for a word (data/short_items.tsv: 粮 -> 粮食)."""
    return {r[0]: r[1] for r in data_file.rows(__package__, "short_items.tsv")}


@cache
def fillers_re() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words("fillers")))


def split_subjects(subject: str) -> list[str] | None:
    """'旅游总收入、接待国内外游客人次' -> two subjects; '城乡居民人均可支配收入' -> 城镇…, 农村…."""
    if (parts := urban_rural.split(subject)) is not None:  # "全省城乡居民…": the scope stays in front of each
        return parts
    items = [s for s in ITEM_SPLIT.split(subject) if s]
    if len(items) < 2:
        return contracted(subject)
    last = items[-1]
    tail_m = SHARED_TAIL_RE.search(last)
    of_tail = OF_SHARED_TAIL_RE.search(last)
    out = []
    for it in items[:-1]:
        if of_tail and not ITEM_MEASURE_RE.search(it) and not metrics.find(it + of_tail.group(0)):
            out.append(it + of_tail.group(1))  # "服务业、装备制造和高新技术产业的投资": 服务业投资, not 服务业
            continue
        candidates = [it]
        if tail_m and last[tail_m.start():] not in it:
            candidates.append(it + last[tail_m.start():])
        if len(it) <= 4 and len(it) < len(last):  # "城镇、农村常住居民…": the short word replaces its peer
            candidates.append(it + last[len(it):])
        if (word := short_items().get(it)) and last[:1] in short_items():  # "粮、油总产": 粮食总产
            candidates.append(word + last[1:])
        named = next((c for c in candidates[1:] + candidates[:1] if metrics.find(c)), None)
        if named and named != it and (own := metrics.find(it)) and (other := metrics.find(named)) \
                and own[0] == other[0] \
                and (AMOUNT_END_RE.search(it) or own[2] == len(metrics.normalise(it))) \
                and not SHARE_OR_RATE_RE.search(named[len(it):]):
            named = it  # "地区生产总值、…规上工业增加值", "实际利用外资和省外资金": the item names its metric (to its
            # end), no tail borrowed
        out.append(named or listed_name(it, last) or WHOLE_SUBJECT + subject)
    if ORDINAL_RE.fullmatch(items[0]):
        last = industry_ordinal(last)
    return [*out, borrowed_head(items[0], last)]


# a measure written once after 的, closing a list of sectors ("服务业、装备制造和高新技术产业的投资预计分别增长55%、38%和45%"):
# each item is that measure's, named without 的 (工业投资)
OF_SHARED_TAIL_RE = re.compile(f"的({lexicon.pattern('of_shared_tails')})")
# an item that names a measure of its own ("能耗、水耗和二氧化碳排放", "研发投入、高新技术产业增加值", "…项目占比") borrows
# no tail; not 量: "化学需氧量" is what is emitted, "化学需氧量排放量" the measure
ITEM_MEASURE_RE = re.compile(f"(?:{lexicon.pattern('item_measure_ends')}|用[水电气]量)$|占")
RATE_END_RE = re.compile(r"率$")
ORDINAL_RE = re.compile(r"第?[一二三四五六七八九]次?")  # "一、二、三产业增加值", "第一、第二、第三产业"
ORDINAL_HEAD_RE = re.compile(r"第?[一二三四五六七八九]")


INDUSTRY_ORDINAL_RE = re.compile(r"^第?([一二三])(?=产业)")


def industry_ordinal(name: str) -> str:
    """'一、二、三产业' lists 第一产业, 第二产业, 第三产业: the 第 a listed ordinal drops is written back (三产业 is no name,
    第三产业 is services)."""
    return INDUSTRY_ORDINAL_RE.sub(r"第\1", name)


@cache
def _shared_tail_re() -> re.Pattern:
    return re.compile(f"(?:{lexicon.pattern('shared_tails')})$")


def listed_name(item: str, last: str) -> str | None:
    """The name of a listed item that names no metric, written whole: '一、二、三产业增加值' -> 一产业增加值 (an ordinal
    takes the words after the last item's ordinal); '化学需氧量、二氧化硫排放量' -> 化学需氧量排放量 and '一产、二产、三产
    增加值' -> 一产增加值 (the measure word the last item ends with, unless the item ends with one of its own: '商品零售
    价格和居民消费价格'). None when the last item ends with no measure word (the list is no list of measures) or is a
    share ("…占生产总值比重")."""
    if ORDINAL_RE.fullmatch(item) and (head := ORDINAL_HEAD_RE.match(last)) and len(last) > head.end():
        return industry_ordinal(item + last[head.end():])
    if RATE_END_RE.search(item) and RATE_END_RE.search(last):
        return item  # "人口自然增长率、城镇登记失业率分别控制在8.8‰、4.3%以内": rates listed whole
    tail = _shared_tail_re().search(last)
    if tail is None or len(last) == len(tail.group()) or "占" in last:
        return None  # "新兴产业、服务业增加值占生产总值比重": a share of something; the list stays whole
    return item if _shared_tail_re().search(item) or ITEM_MEASURE_RE.search(item) else item + tail.group()


@cache
def _contractions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted(((r[0], tuple(r[1].split("|"))) for r in data_file.rows(__package__, "contracted_lists.tsv")),
                        key=lambda r: -len(r[0])))


def contracted(subject: str) -> list[str] | None:
    """'金融机构存贷款余额' -> 金融机构存款余额, 金融机构贷款余额; '三次产业增加值' -> 第一产业增加值, …: one word that names
    several subjects (data/contracted_lists.tsv), each with the words around it."""
    for word, parts in _contractions():
        if (k := subject.find(word)) >= 0:
            return [subject[:k] + p + subject[k + len(word):] for p in parts]
    return None


def borrowed_head(first: str, last: str) -> str:
    """'旅游接待总人次和总收入': a last item that names no metric takes the head of the first ("旅游" + "总收入"),
    when that names one of another metric."""
    own = metrics.find(first)
    if metrics.find(last) or not own:
        return last
    for k in range(2, len(first)):
        found = metrics.find(first[:k] + last)
        if found and found[0] != own[0] and found[1] < k and found[2] == k + len(last):
            return first[:k] + last
    return last


def alone_in_clause(text: str, q: Quantity, nxt: Quantity | None, end: int) -> bool:
    """No other figure follows q in its clause ("分别达到91.48%92.20%" lost its 、 but lists two)."""
    return nxt is None or nxt.start >= clause_end(text, q.end, end, CLAUSE_DELIMS)


def each_subject(q: Quantity, group: list[str], subject: str, step: str) -> list[Draft]:
    """One figure for every listed subject. A subject that names no metric is written as listed."""
    items = [s for s in ITEM_SPLIT.split(subject) if s]
    out = []
    for k, phrase in enumerate(group):
        if phrase.startswith(WHOLE_SUBJECT):
            phrase = items[k] if len(items) == len(group) else phrase.removeprefix(WHOLE_SUBJECT)
        found = metrics.find(phrase)
        d = Draft(q, found[0] if found else None, phrase, rule="distribute", steps=[step])
        fill_numbers(d, q)
        d.metric = checked_metric(d, phrase)
        d.object = phrase
        out.append(d)
    return out


