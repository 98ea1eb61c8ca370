"""The review inside a section whose heading names the past year's work and this year's goals.

"一、1996年的政府工作和1997年的奋斗目标": the plan phrase wins the heading's role, yet the section opens with the
past year's account ("——农村经济全面发展。…粮食总产量…达到82亿公斤"). Its part before the goals (the targets passage,
or the first paragraph opening on the later year: "各位代表，今年是…") is the review of the earlier year.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import data_file
from ..models import Section
from .lexicon import words

# two years in a heading, the earlier's work first: "1996年的政府工作和1997年的奋斗目标"
_TWO_YEARS = re.compile(r"((?:19|20)\d{2})年[^，。；]{0,12}?工作[^，。；]{0,6}?(?:和|与|及|暨)[^，。；]{0,4}?"
                        r"((?:19|20)\d{2})年")
_PARAGRAPH = re.compile(r"\n[ \t\u3000*]*")


@lru_cache(maxsize=1)
def _openings() -> tuple[str, ...]:
    return data_file.lines(__package__, "this_year_openings.txt")


def mixed_years(title: str) -> tuple[int, int] | None:
    """(reviewed year, plan year) of a heading naming the past year's work and the next year's, else None."""
    m = _TWO_YEARS.search(title)
    if m is None or int(m.group(2)) != int(m.group(1)) + 1:
        return None
    return int(m.group(1)), int(m.group(2))


def _opens_on_plan_year(paragraph: str, year: int) -> bool:
    rest = paragraph.lstrip(" \t\u3000*")
    for address in words("addresses"):
        if rest.startswith(address):
            rest = rest[len(address):].lstrip("，,！!：:")
    return rest.startswith((*_openings(), f"{year}年"))


def review_part(text: str, sections: list[Section]) -> list[tuple[int, int]]:
    """Spans (from the end of the heading line to the goals) of the plan sections whose heading names the past
    year's work before this year's goals; a section where no goals are found, or with sub-headings before them, is
    left whole."""
    spans = []
    for sec in sections:
        years = mixed_years(sec.title) if sec.role == "plan" else None
        if years is None:
            continue
        body = text.find("\n", sec.start, sec.end)
        if body < 0:
            continue
        pivot = min((s.start for s in sections if s.role == "targets" and body <= s.start < sec.end),
                    default=sec.end)
        for m in _PARAGRAPH.finditer(text, body, pivot):
            line_end = text.find("\n", m.end(), pivot)
            if _opens_on_plan_year(text[m.end():line_end if line_end >= 0 else pivot], years[1]):
                pivot = m.end()
                break
        if any(body <= s.start < pivot for s in sections):
            continue  # sub-headings in the review part carry their own roles
        if pivot < sec.end and text[body:pivot].strip():
            part = text[body:pivot]
            spans.append((body + len(part) - len(part.lstrip()), pivot))
    return spans
