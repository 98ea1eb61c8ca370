"""What a plan fact or a result is about: its object key (a synonym group of data/objects.tsv, else the head of its
object phrase) and how surely two facts are about the same object. Used by the commitment filter (commitments.py)
and the commitment verdicts (plans.py); method in docs/track.md ("Object match").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import data_file
from ..extract import strip_action
from ..models import Fact
from .lexicon import pattern


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Every synonym to its canonical object name, longest first."""
    table: dict[str, str] = {}
    for canonical, names in data_file.rows(__package__, "objects.tsv"):
        for name in [canonical, *names.split("|")]:
            table[name] = canonical
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


HEAD_TAIL_RE = re.compile(rf"(?:{pattern('head_tails')})+$")


@lru_cache(maxsize=1 << 16)
def head_noun(phrase: str) -> str:
    """The thing a phrase names, without a trailing action or count word: "城镇老旧小区改造" → 城镇老旧小区."""
    return HEAD_TAIL_RE.sub("", phrase) or phrase


@lru_cache(maxsize=1 << 16)  # pure, and asked for every plan against every result
def canonical_object(phrase: str | None) -> str | None:
    """The synonym group whose name the phrase ends with (Chinese puts the head noun last): "城镇老旧小区改造" →
    老旧小区改造, but not "老旧小区燃气设施"."""
    if not phrase:
        return None
    head = head_noun(phrase)
    for name, canonical in synonyms().items():
        if head.endswith(head_noun(name)):
            return canonical
    return None


OBJECT_NOISE_RE = re.compile(rf"^(?:{pattern('object_noise')})+|(?:和|及)$")
LIST_MARKER_RE = re.compile(r"^(?:[（(]?[0-9一二三四五六七八九十]{1,3}[）).、．]|[一二三四五六七八九十]是)\s*")


@lru_cache(maxsize=1 << 16)
def _head(phrase: str) -> str:
    """The first item of a phrase, without list marker: "（1）城市棚户区和16个老旧小区改造" → 城市棚户区,
    "及新增供应租赁住房和共有产权住房" → 新增供应租赁住房."""
    return re.split(r"[和及、]", LIST_MARKER_RE.sub("", phrase.strip()).lstrip("和及、"))[0]


@lru_cache(maxsize=1 << 16)  # pure, and asked for every plan against every result
def object_key(phrase: str | None) -> str | None:
    """What a commitment or a result is about: the synonym group's name, else the head of the phrase's first item
    without filler ("康居乡村和10个康居特色村" → 康居乡村; "城市棚户区和16个老旧小区改造" → 棚户区改造)."""
    if not phrase:
        return None
    head = _head(phrase)
    canonical = canonical_object(head)
    if canonical:
        return canonical
    key = head_noun(OBJECT_NOISE_RE.sub("", strip_action(head)))
    return key if len(key) >= 2 else None


@lru_cache(maxsize=1 << 16)  # pure, and asked for every plan against every result
def qualifier(phrase: str) -> str:
    """What a phrase adds before its synonym group's name: "公办幼儿园学位" → 公办幼儿园, "新增学位" → ""."""
    head = head_noun(OBJECT_NOISE_RE.sub("", strip_action(_head(phrase))))
    for name in synonyms():
        if head.endswith(head_noun(name)):
            return head[: len(head) - len(head_noun(name))]
    return head


def key_phrase(fact: Fact) -> str | None:
    """The phrase a fact's object key is read from: the object, or the metric text when only it names a synonym
    group ("新增就业17万人": the object is 就业, the metric text 新增就业 → 城镇新增就业) or the object names nothing."""
    if fact.object and canonical_object(_head(fact.object)):
        return fact.object
    if fact.metric_text and canonical_object(_head(fact.metric_text)):
        return fact.metric_text
    return fact.object if object_key(fact.object) else fact.metric_text


def several_kinds(fact: Fact) -> bool:
    """A figure counting several kinds together ("新引进品牌店和旗舰店200家"), not a list of figures ("28个城市棚户区和16个…")."""
    phrase = LIST_MARKER_RE.sub("", (key_phrase(fact) or "").strip()).lstrip("和及、")
    return _head(phrase) != phrase and not re.search(r"\d", phrase)


def fact_key(fact: Fact) -> str | None:
    """What a plan fact or a result is about (see `object_key`)."""
    return object_key(key_phrase(fact))


def match_score(plan: Fact, fact: Fact) -> float:
    """How surely `fact` is about the plan's object. Same synonym group: 1 with the same qualifier, 0.9 when they
    differ by a word of two characters or less ("施划停车位"), 0 when one names a part ("公办幼儿园学位" against
    "学位") or another kind. Other keys: 1 when equal; the length ratio when one ends the other ("高新技术企业" in
    "国家高新技术企业"), at least 3 characters and half the longer one; else 0."""
    mine, theirs = key_phrase(plan), key_phrase(fact)
    plan_key, key = object_key(mine), object_key(theirs)
    if key is None or plan_key is None:
        return 0.0
    if key == plan_key and key in synonyms().values():
        mine_q, theirs_q = qualifier(mine or ""), qualifier(theirs or "")
        if mine_q == theirs_q:
            return 1.0
        return 0.9 if max(len(mine_q), len(theirs_q)) <= 2 else 0.0
    if key == plan_key:
        return 1.0
    shorter, longer = sorted((key, plan_key), key=len)
    ratio = len(shorter) / len(longer)
    return ratio if len(shorter) >= 3 and ratio >= 0.5 and longer.endswith(shorter) else 0.0


def mentioned(key: str | None, review: str) -> bool:
    """The object, or a synonym of its group, is found as a phrase (3+ characters) in the next year's review."""
    if not key:
        return False
    names = [name for name, canonical in synonyms().items() if canonical == key] or [key]
    return any(len(name) >= 3 and name in review for name in names)
