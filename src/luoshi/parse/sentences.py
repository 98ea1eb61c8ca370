"""Sentences with offsets, split at 。！？；and newlines, each tied to the innermost section holding it."""

from __future__ import annotations

import bisect
import re

from ..models import Section, Sentence

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*[”’」』）)]*")
_BLANK = " \t\u3000\r*#>"


def split_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    """Sentences (and semicolon clauses) with offsets; Sentence.section = index of the innermost section."""
    # innermost section: the one with the latest start (then deepest level) among those containing the position
    order = sorted(range(len(sections)), key=lambda i: (sections[i].start, sections[i].level))
    starts = [sections[i].start for i in order]
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start] in _BLANK:
            start += 1
        while end > start and text[end - 1] in " \t\u3000\r":
            end -= 1
        if end - start < 1:
            continue
        out.append(Sentence(start=start, end=end, section=_innermost(sections, order, starts, start, end)))
    return out


def _innermost(sections: list[Section], order: list[int], starts: list[int], start: int, end: int) -> int | None:
    k = bisect.bisect_right(starts, start)
    for j in range(k - 1, -1, -1):
        s = sections[order[j]]
        if s.start <= start and end <= s.end:
            return order[j]
    return None
