"""Targets set relative to another jurisdiction or quantity: "地区生产总值增速高于全省1个百分点", "与全国同步".

Such a target has no growth of its own (growth stays null when no figure is given); the fact carries `relation`:
{"to": "全国", "comparison": "equal" | "above" | "below" | "not_below" | "not_above", "by": 1.0, "by_unit": "个百分点"}
("by", "by_high" and "by_unit" only when the gap is written). The words are in data/relations.tsv.
"""

from __future__ import annotations

import re
from functools import cache

from .. import data_file
from ..models import Fact, Report, Sentence
from . import lexicon, metrics, urban_rural
from .status import AVERAGE_RE, period_of, role_of, span_end, status_of
from .tables import alternation
from .target_sentence import names_the_year, status_with_content

# Whose relations become facts: the main GDP target, when the report gives it no growth figure of its own. The gold spec
# (shared/spec/gold.md) counts "targets without a number" ("收入与经济增长同步") as no facts; a region that sets its
# growth only against another's ("增速与全省平均水平相当") has no other GDP target to read.
RELATION_METRICS = ("gdp",)
BOUND = {"above": "min", "not_below": "min", "below": "max", "not_above": "max", "equal": "approx"}
# the reference itself is the quantity named: "经济增长与全国同步" compares GDP, not GDP with itself
SELF_REFERENCE = {"gdp": ("经济", "生产总值", "GDP")}


_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")


def _clause_start(text: str, floor: int, pos: int) -> int:
    """After the last clause delimiter before pos (not the enumeration comma: "收入、消费与经济增长同步")."""
    last = floor
    for m in _CLAUSE_END.finditer(text, floor, pos):
        last = m.end()
    return last


@cache
def _words() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for kind, word, *rest in data_file.rows(__package__, "relations.tsv"):
        out.setdefault(kind, {})[word] = rest[0] if rest else ""
    return out


@cache
def _compare_re() -> re.Pattern[str]:
    """Any word of comparison: one search per sentence instead of a substring test per word."""
    return re.compile("|".join(map(re.escape, _words()["compare"])))


@cache
def _pattern() -> re.Pattern[str]:
    w = _words()
    return re.compile(
        rf"(?P<cmp>{alternation(w['compare'])})(?P<to>{alternation(w['to'])})(?:{alternation(w['level'])})?"
        rf"(?:{lexicon.pattern('growth_words')})?(?:的)?"
        r"(?:(?P<by>\d+(?:\.\d+)?|[一二两三四五])(?:[到至～~—―─\-－](?P<by_high>\d+(?:\.\d+)?|[一二两三四五]))?(?P<unit>个百分点))?"
        rf"(?P<eq>{alternation(w['equal'])})?")


OTHER_RE = re.compile(f"{lexicon.pattern('other_words')}|[、和及]")  # "其他主要经济指标", one item of a list
RELATIVE_RE = re.compile(lexicon.pattern("relative_figure_words"))  # "高于省平均水平": another's figure, not a standard
_SMALL = {"一": 1.0, "二": 2.0, "两": 2.0, "三": 3.0, "四": 4.0, "五": 5.0}
# what may stand between the metric's name and the comparison: "地区生产总值增速力争高于…"; anything else ("…占地区
# 生产总值比重高于全省") means the name is part of another measure's
_NAME_TAIL = re.compile(r"[增长速幅度率要力争保持继续基本的年均预期确保实现努力总体水平略稍均]*")
# a growth word after a name that is only a whole phrase ("=居民收入" in "居民收入增长与经济增长同步")
_GROWTH_TAIL = re.compile(rf"(?:的)?(?:年均)?(?:{lexicon.pattern('growth_words')})[速幅度要力争保持继续基本的努力实现确保]*$")
PLACE_PART = re.compile(rf"(?<![全我本])[\u4e00-\u9fff]{{1,6}}(?:{lexicon.pattern('relation_part_ends')})")
_PART = re.compile(rf"主要|{PLACE_PART.pattern}")


def _number(s: str) -> float:
    return _SMALL[s] if s in _SMALL else float(s)


def reference_metric(to: str) -> str | None:
    """The metric a reference names when it is a quantity of the same report ("经济增长" -> gdp), None for a
    jurisdiction ("全省"): the tracker compares with that metric's result (data/relations.tsv, kind `to`)."""
    return _words()["to"].get(to) or None


def find_relations(clause: str) -> list[tuple[re.Match[str], dict]]:
    """The relations a clause states, each with its `relation` dict."""
    out = []
    for m in _pattern().finditer(clause):
        comparison = _words()["compare"][m.group("cmp")]
        if comparison == "equal" and not m.group("eq"):
            continue  # "与全国…" without 同步/相当: no relation stated
        if m.group("eq") and comparison != "equal" and not m.group("by"):
            continue
        rel: dict = {"to": m.group("to"), "comparison": comparison}
        if m.group("by"):
            rel["by"] = _number(m.group("by"))
            if m.group("by_high"):
                rel["by_high"] = _number(m.group("by_high"))
            rel["by_unit"] = m.group("unit")
        elif comparison != "equal" and not RELATIVE_RE.search(m.group(0)) \
                and m.group("to") in lexicon.words("standard_setters"):
            continue  # "高于省…", "超过国家…标准": a standard, not another jurisdiction's figure
        out.append((m, rel))
    return out


def with_relations(report: Report, sentences: list[Sentence], facts: list[Fact]) -> list[Fact]:
    """`facts` plus a relation target for each RELATION_METRICS metric without a growth target of the report's year;
    the gap figure it absorbs ("高于全省1个百分点" read as a nameless 1个百分点) is dropped."""
    year = report.meta.year
    has_figure = {f.metric for f in facts if f.status == "target" and f.period in (year, None) and f.growth is not None}
    new = [f for f in relation_facts(report, sentences) if f.metric in RELATION_METRICS and f.metric not in has_figure]
    if not new:
        return facts
    spans = [(f.start, f.end) for f in new]
    kept = [f for f in facts if f.metric or f.status != "target" or not any(s <= f.start < e for s, e in spans)]
    return kept + new


def relation_facts(report: Report, sentences: list[Sentence]) -> list[Fact]:
    """A target fact for each relation a target sentence states of a metric named just before it."""
    text = report.text
    facts: list[Fact] = []
    seen: set[tuple] = set()
    compare = _compare_re()
    for sent in sentences:
        if not compare.search(text, sent.start, sent.end):  # words only, no anchor: the same as on the slice
            continue
        sentence = text[sent.start:sent.end]
        relations = find_relations(sentence)  # before the status: most sentences with 与/同/和 state none
        if not relations:
            continue
        index = sent.section
        role = role_of(report.sections, index)
        status = status_with_content(report, role, status_of(report, role), sentence)
        if status != "target" and not (role in ("plan", "other") and names_the_year(report, sentence)):
            continue  # "2020年地区生产总值增速继续保持高于全省态势" in the plan sets the year's target too
        for m, rel in relations:
            at = sent.start + m.start()
            cs = _clause_start(text, sent.start, at)
            phrase = text[cs:at]
            for metric in _named_metrics(phrase):
                if rel["to"].startswith(SELF_REFERENCE.get(metric, ("\0",))):
                    continue
                key = (metric, tuple(sorted(rel.items())))
                if key in seen:
                    continue
                seen.add(key)
                facts.append(_fact(report, sent, m, rel, metric, cs, phrase))
    return facts


def _named_metrics(phrase: str) -> list[str]:
    """The metrics the words before a relation name, each item of an enumeration ("一般公共预算收入、城乡居民人均可
    支配收入与经济增长基本同步" → both); a name that goes on to another measure ("…占地区生产总值比重高于全省") or
    names a part ("都市区核心区…GDP增速", "主要经济增速") gives none."""
    out = []
    if collective := collective_metric(phrase):
        return [collective]
    for item in re.split(r"[、和及]", metrics.normalise(phrase)):
        for name in _urban_rural(item):
            metric = _item_metric(name)
            if metric and metric not in out:
                out.append(metric)
    return out


def _urban_rural(item: str) -> list[str]:
    """An item naming the urban and the rural at once ("城乡居民收入增长") as its two names, else the item."""
    pair = urban_rural.URBAN_RURAL_RE.search(item)  # after a resolve word: "确保城乡居民收入增长不低于经济增长"
    parts = urban_rural.split(item[pair.start():]) if pair else None
    if pair is None or not parts or not all(metrics.find(p) or metrics.find(_GROWTH_TAIL.sub("", p)) for p in parts):
        return [item]
    return [item[:pair.start()] + p for p in parts]


def _item_metric(item: str) -> str | None:
    """The metric one item names, its name followed only by words of a rate or a resolve (`_NAME_TAIL`); a name
    only the whole phrase is ("=居民收入") is found without the growth word after it ("居民收入增长")."""
    for name in (item, _GROWTH_TAIL.sub("", item)):
        found = metrics.find(name)
        if found and _NAME_TAIL.fullmatch(item[found[2]:]) and not _PART.search(item[:found[1]]):
            return found[0]
    return None


def collective_metric(phrase: str) -> str | None:
    """The metric a collective name stands for ("全市主要经济指标增速" -> gdp, data/relations.tsv), when the phrase is
    that name alone: not "其他主要经济指标" (GDP set apart), not one list item among others."""
    for word, metric in _words().get("collective", {}).items():
        head, found, tail = metrics.normalise(phrase).strip(" \u3000").rpartition(word)
        if found and _NAME_TAIL.fullmatch(tail) and not OTHER_RE.search(head) and len(head) <= 12:
            return metric
    return None


def _fact(report: Report, sent: Sentence, m: re.Match[str], rel: dict, metric: str, cs: int, phrase: str) -> Fact:
    text = report.text
    at = sent.start + m.start()
    before = text[sent.start:at]
    average = bool(AVERAGE_RE.search(phrase))
    period = (span_end(report, "target", before) if average else None) or period_of(report, "target", before)
    end = sent.start + m.end()
    stop = _CLAUSE_END.search(text, end, sent.end)
    clause_end = stop.start() if stop else sent.end
    return Fact(metric=metric, metric_text=phrase.strip()[-60:], value=None, unit=None, value_text=m.group(0),
                bound=BOUND[rel["comparison"]], status="target", period=period, start=at, end=end,
                sentence=text[cs:clause_end].strip(), rule="relation", basis="average" if average else "annual",
                relation=dict(rel))
