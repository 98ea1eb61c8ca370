"""Status (actual / estimate / target / plan) and period of a figure, from its section's role and its words."""

from __future__ import annotations

import re

from ..models import Report, Section

STATUS_OF_ROLE = {"review": "actual", "targets": "target", "plan": "plan"}
YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
DEADLINE_RE = re.compile(r"(?:到|至|在|于)((?:19|20)[0-9]{2})年(?:底|末|前)?|((?:19|20)[0-9]{2})年(?:底|末)?前")
ABSENT_RE = re.compile(r"(?:没有提出|不再提出|不提出|不设定|不设|未设定|未设)([^，。；]{0,16}?)(?:具体|量化|预期)*目标")


def role_of(sections: list[Section], index: int | None) -> str:
    """The role of a sentence: its innermost section's role, else the nearest enclosing section with one."""
    if index is None or not (0 <= index < len(sections)):
        return "other"
    sec = sections[index]
    if sec.role != "other":
        return sec.role
    for other in sections:
        if other is not sec and other.start <= sec.start and sec.end <= other.end and other.role != "other":
            return other.role
    return "other"


def reviewed_year(report: Report) -> int | None:
    year = report.meta.year
    if year is None:
        return None
    return year if report.meta.kind == "half_year" else year - 1


def period_of(report: Report, status: str, before: str) -> int | None:
    """The year a figure refers to. `before` is the sentence text up to the figure: a stated year there wins."""
    year = report.meta.year
    if status in ("target", "plan"):
        deadline = None
        for m in DEADLINE_RE.finditer(before):
            deadline = int(m.group(1) or m.group(2))
        if deadline and year and year <= deadline <= year + 15:
            return deadline
        return year
    base = reviewed_year(report)
    stated = [int(y) for y in YEAR_RE.findall(before)]
    if stated and base and base - 5 <= stated[-1] <= base:
        return stated[-1]
    return base
