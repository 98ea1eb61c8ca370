"""Which extracted plan facts are commitments worth tracking (docs/track.md, "Commitments worth tracking").

A plan fact is kept when a next year's review could plausibly report on it: a delivery action in its clause
(data/commitment_actions.txt), a count, area or length unit (data/commitment_units.txt), a deadline in the report's
own year (no multi-year wording in the sentence, data/multi_year.txt; not restated smaller later), a figure that is not
the size of a project ("占地100亩的"), and an object that is not vague (data/vague_objects.txt) and either belongs to
a class of deliverables (data/object_classes.tsv) or is found as a phrase in the next year's review.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import data_file
from ..models import Fact, Report
from .lexicon import pattern
from .objects import fact_key

CLAUSE_BREAK = "，；。：！？\n"
SIZE_BEFORE_RE = re.compile(rf"(?:{pattern('size_words')})(?:约|达|近|超|为)?$")
SIZE_OF_RE = re.compile(rf"(?:{pattern('size_of_words')})$")  # with "…的" after the figure: "里程约254公里的快速路"
PROJECT_SIZE_RE = re.compile(rf"^(?:{pattern('size_bounds')})?的")
ASIDE_RE = re.compile(r"[（(][^）)]{1,3}[）)]")
DONE_RE = re.compile(rf"(?:{pattern('already')})[^，。；的]{{0,6}}$|(?:{pattern('done_verbs')})了")


@lru_cache(maxsize=1)
def delivery_actions() -> re.Pattern:
    words = data_file.lines(__package__, "commitment_actions.txt")
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def counted_units() -> frozenset[str]:
    return frozenset(data_file.lines(__package__, "commitment_units.txt"))


@lru_cache(maxsize=1)
def object_classes() -> dict[str, str]:
    """Every class word to its class, longest first."""
    table = {}
    for name, words in data_file.rows(__package__, "object_classes.tsv"):
        table.update({w: name for w in words.split("|")})
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def stage_words() -> re.Pattern:
    """Start / finish words, as one pattern whose group names the stage."""
    groups = []
    for name, words in data_file.rows(__package__, "stages.tsv"):
        groups.append(f"(?P<{name}>" + "|".join(sorted(words.split("|"), key=len, reverse=True)) + ")")
    return re.compile("|".join(groups))


@lru_cache(maxsize=1)
def vague_heads() -> tuple[str, ...]:
    return tuple(data_file.lines(__package__, "vague_objects.txt"))


@lru_cache(maxsize=1)
def multi_year_patterns() -> list[re.Pattern]:
    return [re.compile(line) for line in data_file.lines(__package__, "multi_year.txt")]


def object_class(phrase: str | None) -> str | None:
    """The deliverable class of an object phrase ("改造老旧小区" → housing), or None."""
    for word, name in object_classes().items():
        if phrase and word in phrase:
            return name
    return None


def is_vague(phrase: str) -> bool:
    """An object that names a programme or a count of undertakings ("重点项目", "民生实事"), with no class word."""
    return phrase.rstrip("”\"）)").endswith(vague_heads()) and object_class(phrase) is None


def beyond_year(text: str, year: int) -> bool:
    """Wording that sets a deadline other than `year` ("到2025年", "今后五年", "“十四五”时期", "年均")."""
    for wording in multi_year_patterns():
        for m in wording.finditer(text):
            if "year" not in wording.groupindex or int(m.group("year")) != year:
                return True
    return False


def clause_before(fact: Fact) -> str:
    """The sentence's text from the start of the figure's clause up to the figure ("新建城区公共厕所20座、旅游厕所" for 30座)."""
    at = fact.sentence.find(fact.value_text)
    head = fact.sentence[:at] if at >= 0 else fact.sentence
    cut = max(head.rfind(c) for c in CLAUSE_BREAK)
    return head[cut + 1:]


def action_of(fact: Fact) -> str | None:
    """The delivery action committing to the figure: the extract stage's, else the nearest one in its clause or object."""
    if fact.action and delivery_actions().fullmatch(fact.action):
        return fact.action
    clause = ASIDE_RE.sub("", clause_before(fact))  # "新（改）建农贸市场7个、…小游园38个"
    found = delivery_actions().findall(clause) or delivery_actions().findall(fact.object or "")
    return found[-1] if found else None  # the object may carry the action itself ("推进80个城镇老旧小区改造")


def stage_of(fact: Fact) -> str | None:
    """"start" (开工) or "finish" (建成) when the figure's clause or object names a stage of a build, else None."""
    found = list(stage_words().finditer(clause_before(fact) + (fact.object or "")))
    return found[-1].lastgroup if found else None


def is_project_size(fact: Fact) -> bool:
    """A figure describing one project ("占地1000亩的生态公园", "里程约254公里的快速路") rather than a quantity
    delivered ("新增造林面积80万亩" is delivered)."""
    at = fact.sentence.find(fact.value_text)
    if at < 0:
        return False
    return bool(SIZE_BEFORE_RE.search(fact.sentence[:at])) or (
        bool(PROJECT_SIZE_RE.match(fact.sentence[at + len(fact.value_text):]))
        and bool(SIZE_OF_RE.search(fact.sentence[:at])))


def review_text(report: Report) -> str:
    """The next year's look back as the tracker sees it: the sentences of its results (actual and estimate facts).
    Facts only, so that a report rebuilt from stored facts is judged as the full one (web/verdicts.py)."""
    return "\n".join(dict.fromkeys(f.sentence for f in report.facts if f.status in ("actual", "estimate")))


def is_done_already(fact: Fact) -> bool:
    """A result read as a plan ("妥善解决了近4万户农村居民过冬问题", "已建成…"): a look back, not a commitment."""
    return bool(DONE_RE.search(clause_before(fact)))


def superseded_aims(plans: list[Fact]) -> set[int]:
    """Indexes of plan facts that restate a later commitment's object and unit at twice its size or more, earlier in
    the report: the term's aim ("城镇新增就业50万人以上" in the five-year goals) before the year's ("新增城镇就业10万人")."""
    found = set()
    for i, early in enumerate(plans):
        key = fact_key(early)
        for late in plans[i + 1:]:
            if key and late.unit == early.unit and late.value and early.value and early.value >= 2 * late.value \
                    and late.start > early.start and fact_key(late) == key:
                found.add(i)
                break
    return found


def why_not_tracked(plan: Fact, year: int, key: str | None, mentioned: bool, *, superseded: bool = False) -> str | None:
    """The first reason a plan fact is no commitment worth tracking, or None when it is one. Reads the fact only.

    `key` is the plan's object key (objects.fact_key); `mentioned`: the object is found as a phrase in the next
    year's review, which lets an object outside the deliverable classes through; `superseded`: a later commitment
    of the same report restates the object at half the size or less (`superseded_aims`).
    """
    if plan.value is None or plan.unit not in counted_units():
        return "unit"
    if plan.basis != "annual" or (plan.period is not None and plan.period != year):
        return "deadline"
    if superseded or beyond_year(plan.sentence, year):
        return "deadline"
    if is_done_already(plan):
        return "review"
    if action_of(plan) is None:
        return "action"
    if is_project_size(plan):
        return "size"
    phrase = plan.object or ""
    if not key or is_vague(phrase) or is_vague(key):
        return "vague"
    if object_class(phrase) is None and not mentioned:
        return "object"
    return None
