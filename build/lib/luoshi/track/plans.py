"""Commitments of year N ("新增公共停车位2万个") against the evidence in year N+1's review.

Only the commitments worth tracking are judged (commitments.why_not_tracked). Objects match head-final: through
synonym groups (data/objects.tsv) with the same qualifier, or one key ending the other; quantities must share a unit;
a total is not compared with an addition, nor starts with completions. The confidence follows the object match.
Method and figures: docs/track.md.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..extract.attribution import strip_action
from ..models import Fact, Report
from .commitments import (
    action_of,
    clause_before,
    object_class,
    review_text,
    stage_of,
    superseded_aims,
    why_not_tracked,
)
from .pairing import multi_year, report_year
from .verdict import Verdict


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Every synonym to its canonical object name, longest first."""
    text = resources.files(__package__).joinpath("data/objects.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, names = line.split("\t")
            for name in [canonical, *names.split("|")]:
                table[name] = canonical
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


HEAD_TAIL_RE = re.compile(r"(?:建设|改造|提升|整治|工程|项目|任务|顺利|实施|完成|竣工|投用|开工|动工|创建|人数|总数|数)+$")


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


OBJECT_NOISE_RE = re.compile(r"^(?:及|和|再|累计|全市|全省|全年|各类|一批)+|(?:和|及)$")
LIST_MARKER_RE = re.compile(r"^(?:[（(]?[0-9一二三四五六七八九十]{1,3}[）).、．]|[一二三四五六七八九十]是)\s*")
STOCK_WORDS = r"(?:累计|达到|达|总数|总量|拥有|增至|提高到)"
ADDITION_RE = re.compile(r"新增|新建|新开工|新改建|新认定|新引进|新培育|新招引|净增|增加")


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


def candidates(report: Report, year: int) -> list[Fact]:
    """The report's extracted plan facts for its year that have an object (candidates for commitments)."""
    return [f for f in report.facts if f.status == "plan" and f.period in (year, None) and f.object]


def _evidence(report: Report, year: int) -> list[Fact]:
    """Results of the reviewed year stated in the next report, not totals over several years ("五年来…")."""
    return [f for f in report.facts if f.status in ("actual", "estimate") and f.period in (year, None)
            and not multi_year(f)]


def _is_stock(fact: Fact) -> bool:
    """A total ("累计", "达到1.7万家", "总数") rather than the year's addition."""
    return fact.action in ("达到", "突破", "累计") or bool(
        re.search(STOCK_WORDS + r"[^，。；、]{0,4}" + re.escape(fact.value_text), fact.sentence))


def _is_total(fact: Fact) -> bool:
    """A total as reported ("高标准农田达到35.1万亩", "累计建成…"), not an addition stated with "达" ("新增就业达10万人")."""
    clause = clause_before(fact)
    return "累计" in clause or (_is_stock(fact) and not ADDITION_RE.search(clause))


def judge_commitment(plan: Fact, evidence: list[Fact], *, in_review: bool = False) -> tuple[str, Fact | None, float, str]:
    """met / exceeded (≥110 %) / partly (≥50 %) / missed (20-50 %) / not_reported / not_comparable, the evidence,
    a confidence that follows how surely the evidence is about the same object, and the rule that decided.

    `in_review`: the object is found as a phrase in the next year's review (a not_reported is then less sure).
    """
    key = fact_key(plan)
    scored = [(score, e) for e in evidence if key and (score := match_score(plan, e)) > 0]
    if not scored:
        if in_review:
            return "not_reported", None, 0.6, "object named in the next review, but with no figure found"
        return "not_reported", None, 0.8, "object not named in the next review"
    same_unit = [(s, e) for s, e in scored if e.unit == plan.unit and e.value is not None]
    if not same_unit or plan.value is None:
        return "not_comparable", max(scored, key=lambda se: se[0])[1], 0.5, "object reported, in another unit"
    score, best = min(same_unit, key=lambda se: (-se[0], _is_total(se[1])))  # best match, additions first, text order
    how = "same object" if score == 1 else f"object match {score:.0%}"
    conf = 0.5 + 0.4 * score
    ratio = (best.value or 0) / plan.value if plan.value else 0
    if _is_stock(plan) and not _is_total(best) and ratio < 1:
        return "not_comparable", best, 0.4, "a total committed, an addition reported"
    if _is_total(best) and not _is_stock(plan):
        return "not_comparable", best, 0.4, "an addition committed, a total reported"  # "高标准农田达到35.1万亩"
    if {stage_of(plan), stage_of(best)} == {"start", "finish"}:
        return "not_comparable", best, 0.4, "one counts starts (开工), the other completions (建成)"
    if ratio >= 3:  # "新增城镇就业28.6万人" in "过去五年工作回顾" against 4.5万: far more often than a real overshoot
        return "not_comparable", best, 0.3, "three times the commitment or more: a total or a wider scope, most likely"
    if several_kinds(plan) and not several_kinds(best):
        conf -= 0.1
        how += ", several kinds committed together"
    conf = round(max(conf, 0.1), 2)
    if ratio >= 1.1:
        return "exceeded", best, conf, how
    if ratio >= 1:
        return "met", best, conf, how
    if ratio < 0.2:
        return "not_comparable", best, 0.3, "under 20 % of the commitment: most likely a total against an addition"
    return ("partly" if ratio >= 0.5 else "missed"), best, conf, how


def track_plans(reports: list[Report], *, year: int | None = None, worth_only: bool = True) -> list[Verdict]:
    """Verdicts for each quantified commitment of year N whose year-N+1 report is present.

    worth_only: keep only the commitments worth tracking (commitments.why_not_tracked); False judges every plan
    fact with an object, as before the filter (for measurement).
    """
    by_year = {y: r for r in reports if (y := report_year(r)) is not None}
    verdicts = []
    for n, report in sorted(by_year.items()):
        if (year is not None and n != year) or n + 1 not in by_year:
            continue
        follow = by_year[n + 1]
        evidence = _evidence(follow, n)
        review = review_text(follow)
        plans = candidates(report, n)
        superseded = superseded_aims(plans)
        for i, plan in enumerate(plans):
            key = fact_key(plan)
            in_review = mentioned(key, review)
            if worth_only and why_not_tracked(plan, n, key, in_review, superseded=i in superseded):
                continue
            verdict, found, conf, note = judge_commitment(plan, evidence, in_review=in_review)
            verdicts.append(Verdict(region=report.meta.region, year=n, metric=key or plan.object, verdict=verdict,
                                    kind="plan", target=plan, result=found, target_report=report.id,
                                    result_report=follow.id if found else None, target_value=plan.value,
                                    result_value=found.value if found else None, unit=plan.unit, confidence=conf,
                                    note=note, level=report.meta.level, province=report.meta.province,
                                    extra={"object_class": object_class(plan.object), "action": action_of(plan)}))
    return verdicts
