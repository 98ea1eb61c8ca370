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
    last: tuple[int, int | None] = (-1, None)  # (sections started so far, innermost) reused while nothing changes
    for m in _SENTENCE.finditer(text):
        whole = m.group()
        left = whole.lstrip(_BLANK)  # the blanks around it, stripped in C
        kept = left.rstrip(" \t\u3000\r")
        if not kept:
            continue
        start = m.start() + len(whole) - len(left)
        end = start + len(kept)
        k = bisect.bisect_right(starts, start)
        if k == last[0] and (last[1] is None or end <= sections[last[1]].end):
            section = last[1] if last[1] is not None or k == 0 else _innermost(sections, order, starts, start, end)
        else:
            section = _innermost(sections, order, starts, start, end)
        last = (k, section)
        out.append(Sentence(start=start, end=end, section=section))
    return out


def _innermost(sections: list[Section], order: list[int], starts: list[int], start: int, end: int) -> int | None:
    k = bisect.bisect_right(starts, start)
    for j in range(k - 1, -1, -1):
        s = sections[order[j]]
        if s.start <= start and end <= s.end:
            return order[j]
    return None
