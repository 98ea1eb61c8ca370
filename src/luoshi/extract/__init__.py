"""Extraction: every quantified fact, with metric, value, growth, bound, status, period and offsets.

The report arrives cleaned and parsed. Each sentence of a review, targets or plan section is scanned for
quantities (quantities.py), each quantity is attributed to the phrase it measures (attribution.py), the phrase
is mapped to a metric id (metrics.py) and the fact gets its status and period from its section (status.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Fact, Report, Sentence
from . import metrics
from .attribution import CLAUSE_DELIMS, Draft, attribute, clause_end, clause_start, strip_action
from .metrics import direction
from .quantities import Quantity, scan
from .rank import find_rank
from .relation import find_relations, with_relations
from .status import (
    ABSENT_RE,
    DEADLINE_RE,
    basis_of,
    period_of,
    plan_period,
    reviewed_year,
    role_of,
    span_end,
    status_of,
)
from .target_sentence import absent_by_content, paragraph_lead, status_with_content
from .term_review import mark_term_review_figures

# The stage's public surface: what other stages may import (track uses direction, find_relations, plan_period,
# strip_action).
__all__ = ["direction", "extract_facts", "find_relations", "plan_period", "strip_action", "targets_table"]

ESTIMATE_RE = re.compile(r"预计|初步测算|初步统计|预期全年")
SUBREGION_RE = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:市|县|区|旗|镇|乡|街道))$")
MAX_GROWTH = 1000  # percent; larger changes are misreadings or not comparable rates
SENTENCE_END = re.compile(r"[。！？!?\n]")
GAP_RE = re.compile(r"(?:高于|低于|快于|慢于|超过|超出|领先于?)(?:全国|全省|全市|全区|全州|省|国家|同期|平均|省控|预期|目标)"
                    r"[^，,；;]{0,8}$")
GOAL_AFTER_RE = re.compile(r"(?:以上|以内|左右)?的(?:任务|目标|要求|预期)")
THRESHOLD_RE = re.compile(r"(?:以上|以下)?的(?=[\u4e00-\u9fff（(])")
SENTENCE_OPENING = re.compile(r"^(?:(?:19|20)[0-9]{2}年|全年|去年|今年|当年|全国|全省|全市|全区|全县|我国|我省|我市|其中)+")


def fallback_sentences(text: str) -> list[Sentence]:
    """Sentences when the report carries none (a bare Report built by hand)."""
    out, s = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.end() - s > 1:
            out.append(Sentence(s, m.end()))
        s = m.end()
    if s < len(text):
        out.append(Sentence(s, len(text)))
    return out


def section_at(report: Report, pos: int) -> int | None:
    """The innermost section holding pos (for sentences that do not name theirs)."""
    best = None
    for i, sec in enumerate(report.sections):
        if sec.start <= pos < sec.end and (best is None or sec.level >= report.sections[best].level):
            best = i
    return best


def extract_facts(report: Report) -> tuple[list[Fact], list[str]]:
    """Return the facts and the metric ids the report explicitly sets no target for."""
    text = report.text
    damaged = [(d.start, d.end) for d in report.quality.damaged]
    sentences = report.sentences or fallback_sentences(text)
    facts: list[Fact] = []
    absent: list[str] = []
    seen_targets: set[tuple] = set()
    found = [q for q in scan(text) if not any(q.start < e and s < q.end for s, e in damaged)]
    starts = [q.start for q in found]
    for sent in sentences:
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        quantities = [q for q in found[lo:hi] if q.end <= sent.end]
        if not quantities and "目标" not in text[sent.start:sent.end]:
            continue
        index = sent.section if sent.section is not None else section_at(report, sent.start)
        role = role_of(report.sections, index)
        status = status_with_content(report, role, status_of(report, role), text[sent.start:sent.end],
                                     paragraph_lead(text, sent.start))
        if status is None:
            continue
        sentence_text = text[sent.start:sent.end]
        if status == "target":
            for m in ABSENT_RE.finditer(sentence_text):
                found = metrics.find(m.group(1))
                if found and found[0] not in absent:
                    absent.append(found[0])
        if not quantities:
            continue
        for d in attribute(text, sent.start, sent.end, quantities):
            if d.growth is not None and d.growth_unit == "%" and abs(d.growth) > MAX_GROWTH:
                d.growth = d.growth_unit = None  # "增长一七倍" in a 1950s plan: not a rate anyone tracks
                if d.value is None:
                    continue
            fact = to_fact(report, d, status, sent, sentence_text)
            if status == "target" and fact.metric:  # a target restated in the same passage is one target
                key = (fact.metric, fact.value, fact.unit, fact.growth, fact.growth_unit, fact.high)
                if key in seen_targets:
                    continue
                seen_targets.add(key)
            facts.append(fact)
    for sec in report.sections:  # "需要说明的是，我们没有提出全年经济增速具体目标" follows the passage it qualifies
        if sec.role == "targets":
            after = len(text[sec.end:]) - len(text[sec.end:].lstrip()) + sec.end  # the paragraph that follows
            line_end = text.find("\n", after)
            window = text[sec.end:min(line_end if line_end >= 0 else len(text), after + 300)]
            for m in ABSENT_RE.finditer(window):
                found = metrics.find(m.group(1))
                if found and found[0] not in absent:
                    absent.append(found[0])
    facts = with_relations(report, sentences, facts)  # "增速高于全省1个百分点", "与全国同步": GDP set against another
    absent += [m for m in absent_by_content(report, sentences) if m not in absent]  # "没有提出…具体目标" anywhere
    return mark_term_review_figures(report, facts), absent


def other_place(report: Report, d: Draft) -> str | None:
    """A county, district, town or park named before the metric ("廉江市生产总值"), other than the report's own."""
    found = metrics.find(d.metric_text)
    if not found:
        return None
    m = SUBREGION_RE.search(metrics.normalise(d.metric_text)[: found[1]])
    name = m.group(1).removeprefix("年") if m else ""  # "初步确定2006年全市生产总值": the year's 年 is no place's
    if not m or len(name) < 2 or name[0] in "全我本各该" or any(w in name for w in ("以上", "以下", "城市", "及", "所有")):
        return None
    region = report.meta.region or ""
    return None if name in region or (region and region[-3:] in name) else name


def is_threshold(text: str, q: Quantity, end: int) -> bool:
    """'财政总收入过10亿元的县（市、区）达到9个': a bar the counted things pass, not the region's own figure."""
    m = THRESHOLD_RE.match(text, q.end)
    if not m:
        return False
    stop = clause_end(text, m.end(), end, CLAUSE_DELIMS)
    return any(metrics.units().get(n.unit or "") == "count" for n in scan(text, m.end(), stop))


def is_goal(report: Report, d: Draft, sent: Sentence) -> bool:
    """A goal quoted in a review ("提出国内生产总值到2020年力争比2000年翻两番", "…翻两番的任务") is no result."""
    text, q = report.text, d.growth_q or d.q
    if GOAL_AFTER_RE.match(text, q.end):
        return True
    reviewed = reviewed_year(report)
    clause = text[clause_start(text, sent.start, d.q.start, CLAUSE_DELIMS):d.q.start]
    return bool(reviewed) and any(int(a or b) > reviewed for a, b in DEADLINE_RE.findall(clause))


def in_aside(d: Draft) -> bool:
    """'一般公共预算收入增长11.1%（州直增长13%、…）': a figure inside an aside after the name is a part's."""
    phrase = metrics.normalise(d.metric_text)
    found = metrics.find(phrase)
    rest = phrase[found[2]:] if found else ""
    return rest.count("(") > rest.count(")")


def is_increment(d: Draft) -> bool:
    """'比上年增加673亿元' / '增加5.7亿斤': an amount or a mass added, not the level the metric reached."""
    q = d.q
    return bool(q.growth_sign) and not q.level_verb and d.value is not None and d.unit not in ("%", "‰") \
        and metrics.kind(d.metric) in ("currency", "mass")


def is_gap(text: str, d: Draft, floor: int) -> bool:
    """'地区生产总值增速力争高于全省1个百分点': a gap to another region's rate or a ceiling, not the region's own change."""
    q = d.growth_q or d.q
    if q.unit != "个百分点":
        return False
    return bool(GAP_RE.search(text[clause_start(text, floor, q.start, CLAUSE_DELIMS):q.start]))


def elliptic_metric(text: str, sent: Sentence, d: Draft) -> str | None:
    """'粮食种植面积、单产实现“双增”，总产超298万吨' / '粮食生产连续七年丰收、去年总产接近600亿斤': a name cut to its
    tail (总产) after the sentence, its clause or the clause before opened with its head (粮食)."""
    if d.metric or d.scope or d.rule != "lead" or not d.metric_text:
        return None
    own = clause_start(text, sent.start, d.q.start, CLAUSE_DELIMS)
    if "其中" in text[own:d.q.start]:
        return None  # "实际利用外资50.42亿美元，其中外商直接投资36.23亿美元": a part, not the whole cut short
    starts = {sent.start, own, clause_start(text, sent.start, own - 1, CLAUSE_DELIMS) if own > sent.start else own}
    openings = [SENTENCE_OPENING.sub("", text[s:d.q.start].lstrip()) for s in sorted(starts)]
    found = {metrics.completion(SENTENCE_OPENING.sub("", d.metric_text), o) for o in openings} - {None}
    metric = found.pop() if len(found) == 1 else None
    if metric and d.value is not None and not metrics.compatible(metric, d.unit):
        return None
    return metric


MAX_NAME = 60  # the longest labelled name is 24 characters; real ones stay well under this


def name_tail(name: str | None) -> str | None:
    """A name cut to its last MAX_NAME characters. Only text whose punctuation was lost (a mojibake run where 。 became
    銆) gives longer "names" (thousands of characters up to the figure); the words nearest the figure name it."""
    return name[-MAX_NAME:] if name and len(name) > MAX_NAME else name


def to_fact(report: Report, d: Draft, status: str, sent: Sentence, sentence_text: str) -> Fact:
    text = report.text
    if d.metric and (place := other_place(report, d)):
        d.metric, d.scope = None, place
    if d.metric and is_gap(text, d, sent.start):
        if d.value is None:
            d.metric = None
        else:  # "城镇登记失业率3.5%，低于省控指标1个百分点": the level stays, the gap is no change of it
            d.growth = d.growth_unit = d.growth_q = None
    if d.metric and (is_threshold(text, d.q, sent.end) or is_increment(d) or in_aside(d)):
        d.metric = None
    if d.metric and status in ("actual", "estimate") and is_goal(report, d, sent):
        d.metric = None
    if not d.metric and (completed := elliptic_metric(text, sent, d)):
        d.metric = completed
        if metrics.kind(completed) == "percent" and d.value is None and d.growth_unit == "%":
            d.value, d.unit, d.growth, d.growth_unit = d.growth, "%", None, None  # a rate's figure is its value
    q: Quantity = d.q
    before = text[sent.start:q.start]
    if status == "actual" and ESTIMATE_RE.search(before):
        status = "estimate"
    bound = q.bound
    if d.growth_q is not None and d.value is not None and bound == "exact":
        bound = d.growth_q.bound
    high = d.high if d.high is not None else d.extra.get("growth_high")
    first, last = q, q
    if d.growth_q is not None:  # the growth may come before its level ("年均增长14.2%，达到1100亿元")
        first, last = min(q, d.growth_q, key=lambda x: x.start), max(q, d.growth_q, key=lambda x: x.end)
    rank_end = clause_end(text, last.end, sent.end, CLAUSE_DELIMS)
    rank_clause = text[last.end:rank_end]
    next_clause_end = clause_end(text, min(rank_end + 1, sent.end), sent.end, CLAUSE_DELIMS)
    rank = find_rank(rank_clause) or (find_rank(text[rank_end:next_clause_end]) if rank_end < sent.end else None)
    cs = clause_start(text, sent.start, q.start, CLAUSE_DELIMS)
    clause = text[clause_start(text, sent.start, first.start, CLAUSE_DELIMS):clause_end(text, last.end, sent.end,
                                                                                     CLAUSE_DELIMS)]
    growth_start = d.growth_q.start if d.growth_q is not None else q.start
    basis = basis_of(text[clause_start(text, sent.start, growth_start, CLAUSE_DELIMS):growth_start], text[cs:q.start])
    period = period_of(report, status, before)
    if basis == "average":
        period = span_end(report, status, text[sent.start:growth_start]) or period
    return Fact(
        metric=d.metric,
        metric_text=name_tail(d.metric_text),
        value=float(d.value) if d.value is not None else None,
        unit=d.unit if d.value is not None else None,
        value_text=q.value_text,
        high=float(high) if high is not None else None,
        growth=float(d.growth) if d.growth is not None else None,
        growth_unit=d.growth_unit,
        bound=bound,
        status=status,
        period=period,
        rank=rank,
        start=q.start,
        end=q.end,
        sentence=clause if clause else sentence_text.strip(),
        action=d.action if status == "plan" else None,
        object=name_tail(d.object) if status == "plan" else None,
        scope=d.scope,
        rule=d.rule,
        basis=basis,
    )


def targets_table(reports) -> list[dict]:
    """The main targets of each report, one row per target fact (for `luoshi targets` and the store)."""
    rows = []
    for r in reports:
        for f in r.facts:
            if f.status != "target":
                continue
            rows.append({
                "region": r.meta.region, "year": r.meta.year, "metric": f.metric, "metric_text": f.metric_text,
                "value": f.value, "unit": f.unit, "growth": f.growth, "growth_unit": f.growth_unit,
                "high": f.high, "bound": f.bound, "period": f.period, "text": f.sentence, "source": r.source,
            })
        for m in r.absent_targets:
            rows.append({
                "region": r.meta.region, "year": r.meta.year, "metric": m, "metric_text": metrics.table()[m].name,
                "value": None, "unit": None, "growth": None, "growth_unit": None, "high": None,
                "bound": "absent", "period": r.meta.year, "text": "", "source": r.source,
            })
    return rows
