"""Roles of sections from their titles (data/roles.tsv), inherited by sub-sections, inferred by position otherwise."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import data_file
from ..models import Section

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_CLAUSE_BREAK = re.compile(r"[，,；;]")


@lru_cache(maxsize=1)
def _role_phrases() -> tuple[tuple[str, str, bool], ...]:
    rows = data_file.rows(__package__, "roles.tsv")
    return tuple((row[0], row[1], len(row) > 2 and row[2] == "strong") for row in rows)


@lru_cache(maxsize=2)
def _any_phrase(strong_only: bool) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for _, p, strong in _role_phrases() if strong or not strong_only))


def role_of_title(title: str, *, strong_only: bool = False) -> str | None:
    """The role a title names, or None. Sub-sections listen only to the strong phrases. A strong phrase beats a
    weak one wherever it stands ("关于“九五”计划的完成情况" is the review: 完成情况 over 计划); among phrases of the
    same strength the earliest wins ("2012年主要任务 明年…困难和问题…" is the plan)."""
    if not _any_phrase(strong_only).search(title):
        return None  # most lines name no role at all: one search instead of a find per phrase
    best: tuple[bool, int, str] | None = None
    for role, phrase, strong in _role_phrases():
        if strong_only and not strong:
            continue
        at = title.find(phrase)
        # the earliest phrase: a run-in title says more after it
        if at >= 0 and (best is None or (not strong, at) < (not best[0], best[1])):
            best = (strong, at, role)
    return best[2] if best else None


def assign_roles(sections: list[Section]) -> None:
    """Set Section.role in place: own title, else the parent's role, else by position among the top sections."""
    stack: list[Section] = []
    top_level = min((s.level for s in sections), default=1)
    years = {int(y) for s in sections if s.level == top_level for y in _YEAR.findall(s.title)}
    latest = max(years) if len(years) >= 2 else None  # "2023年…" vs "2024年…" tells review from plan
    seen_plan = False
    seen_review = False
    for s in sections:
        if s.role in ("targets", "problems"):
            seen_plan = seen_plan or s.role == "targets"
            continue
        while stack and stack[-1].level >= s.level:
            stack.pop()
        parent = stack[-1] if stack else None
        own = role_of_title(s.title, strong_only=parent is not None)
        if parent is not None and parent.role != "other":
            role = own if own and own != "targets" and not _deed_of_review(parent.role, own, s.title) \
                else parent.role
        elif own:
            role = own
        elif s.level == top_level and latest and (ys := [int(y) for y in _YEAR.findall(s.title)]):
            role = "plan" if max(ys) == latest else "review"  # "2023年工作" before "2024年…"
        elif s.level == top_level and seen_plan:
            role = "plan"  # tasks after the plan's announcement ("三、坚定不移推动高质量发展")
        else:
            role = "other"
        if role == "targets":
            role = "plan"
        if own == "other":
            role = "other"
        elif parent is None and s.level == top_level and _tells_achievement(s.title):
            role = "review"
        s.role = role
        if parent is None and role == "plan":
            seen_plan = True
        elif parent is None and role == "self_building":
            seen_plan = False  # what follows the government's own building (外交, 国防) is not the plan
        seen_review = seen_review or role == "review"
        stack.append(s)
    _around_targets(sections, top_level)
    if not seen_review:
        _first_top_is_review(sections, top_level)
    _plan_before_self_building(sections, top_level)


def _deed_of_review(parent_role: str, own: str, title: str) -> bool:
    """Inside the review, a sub-heading that runs on past a clause break tells what was done, whatever plan word
    it holds ("坚决贯彻落实中央…“六稳”工作部署，积极应对…", "扎实打好三大攻坚战，主要任务取得重大进展"); only a plan's
    name ("2021年工作安排", "2014年重点工作") starts the plan there."""
    return parent_role == "review" and own == "plan" and bool(_CLAUSE_BREAK.search(title))


@lru_cache(maxsize=1)
def _achievement() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(c[:-1]) + "$" if c.endswith("$") else re.escape(c)
                               for c in data_file.lines(__package__, "review_title_cues.txt")))


def _tells_achievement(title: str) -> bool:
    """A top heading that says what was achieved (data/review_title_cues.txt) is the review's."""
    return bool(_achievement().search(title.rstrip("。：:")))


def _first_top_is_review(sections: list[Section], top_level: int) -> None:
    """A report whose first top section names no role but is followed by the plan opens with its review."""
    tops = [s for s in sections if s.level == top_level]
    if len(tops) >= 2 and tops[0].role == "other" and any(t.role == "plan" for t in tops[1:]):
        first = tops[0]
        for s in sections:
            if first.start <= s.start < first.end and s.role == "other":
                s.role = "review"


def _plan_before_self_building(sections: list[Section], top_level: int) -> None:
    """A copy that starts mid-plan (page 2 of 2) names neither review nor plan: what precedes 自身建设 is the plan."""
    if any(s.role in ("review", "plan") for s in sections):
        return
    building = next((s for s in sections if s.role == "self_building"), None)
    if building is None:
        return
    for s in sections:
        if s.start < building.start and s.role == "other":
            s.role = "plan"


def _around_targets(sections: list[Section], top_level: int) -> None:
    """No top section named the plan, but the targets passage is there: the top section holding it and the untitled
    ones after it are the plan, the untitled ones before it the review."""
    tops = [s for s in sections if s.level == top_level and s.role not in ("targets", "problems")]
    targets = next((s for s in sections if s.role == "targets"), None)
    if targets is None or any(t.role == "plan" for t in tops):
        return
    holder = next((t for t in tops if t.start <= targets.start < t.end), None)
    pivot = holder.start if holder else targets.start
    for top in tops:
        if top.role != "other":
            continue
        role = "plan" if top.start >= pivot else "review"
        for s in sections:
            if top.start <= s.start < top.end and s.role == "other":
                s.role = role
