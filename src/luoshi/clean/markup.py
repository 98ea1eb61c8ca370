"""Markdown marks and HTML comments are furniture of the copy, not words of the report.

A comment line goes whole and is logged as `furniture` with its text (parse.meta reads furniture for the date,
meeting and speaker: "<!-- 省长许昆林作政府工作报告 -->" still names the speaker). Markdown marks (emphasis ** and
__, rules, quote >, images, links) are logged as `markup`; the words they mark stay. The line marks (heading #,
the bold of a whole line "**名词解释**", bold at a line's edge, list bullets "- 第一章 …", tables "| … |") are left
here and go next, in structure.py, which keeps what they marked as `Quality.structure` for parse.
"""

from __future__ import annotations

import bisect
import re

from .edits import Edit

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_LINE_MARKS = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*(?:\n|\Z)", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^\n]*?\S)\1")
_CJK = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e\u201c\u201d]")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?:|/|\.|#)[^)\n]*\)")


def _bold_heading(text: str, m: re.Match[str]) -> bool:
    """Bold on a line that starts and ends bold ("**名词解释**", "**一、…**", "**（二）…**[9]**，…**"): parse reads the
    bold as a heading's style, and the join rules keep such a line apart (stripping it from numbered headings too
    changed the sections of 10 and the facts of 8 of 1,520 bulk reports)."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip(" \t#")
    return line.startswith(m.group(1)) and line.rstrip(" \t。：:").endswith(m.group(1))


_TERMINAL = "。！？；：!?;:"


def _holds_a_line_end(text: str, m: re.Match[str]) -> bool:
    """Bold at a line's edge that the join rules read: a closing ** after an open end ("…作用**") or an opening **
    after a line that ends open. Joining already ran with the marks there; without them a second clean would join
    differently (clean must be idempotent), so they stay."""
    k = len(m.group(1))
    line_end = text.find("\n", m.end())
    after = text[m.end():line_end if line_end >= 0 else len(text)]
    if not after.strip() and text[m.end() - k - 1] not in _TERMINAL:
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    if not text[line_start:m.start()].strip(" \t#") and line_start >= 2:
        return text[line_start - 2] not in _TERMINAL
    return False


def _whole_line(text: str, a: int, b: int) -> tuple[int, int]:
    """(a, b) widened to its line and the line break when nothing else is on the line."""
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:a].strip() and not text[b:line_end].strip():
        return line_start, min(len(text), line_end + 1)
    return a, b


def find_markup(text: str) -> list[Edit]:
    # a mark's first character before the mark itself: a one-character search is several times faster
    star, under = "*" in text, "_" in text
    bold = (star and "**" in text) or (under and "__" in text)
    rules = ("-" in text and "---" in text) or (star and "***" in text) or (under and "___" in text)
    quote = ">" in text and (text.startswith(">") or "\n>" in text or "\n >" in text or "\n  >" in text)
    links = "]" in text and "](" in text
    comments = "<" in text and "<!--" in text
    if not (bold or rules or quote or links or comments):
        return []
    edits: list[Edit] = []
    for m in _COMMENT.finditer(text) if comments else ():
        a, b = _whole_line(text, m.start(), m.end())
        edits.append(Edit(a, b, "", "furniture", log="removal"))
    taken = sorted((e.start, e.end) for e in edits)  # comments: nothing inside them is looked at again
    taken_starts = [a for a, _ in taken]

    def free(a: int, b: int) -> bool:
        k = bisect.bisect_left(taken_starts, b) - 1  # the last comment starting before b
        return k < 0 or taken[k][1] <= a

    for a in _line_starts_with(text, ("---", "***", "___", "- -", "* *")) if rules else ():
        rule = _RULE.match(text, a)
        if rule and free(rule.start(), rule.end()):
            edits.append(Edit(rule.start(), rule.end(), "", "markup", log="removal"))
    for a in _line_starts_with(text, (">",)) if quote else ():
        marks = _LINE_MARKS.match(text, a)
        if marks and marks.end() > marks.start() and free(marks.start(), marks.end()):
            edits.append(Edit(marks.start(), marks.end(), "", "markup", log="removal"))
    for m in _IMAGE.finditer(text) if links else ():
        a, b = _whole_line(text, m.start(), m.end())
        if free(a, b):
            edits.append(Edit(a, b, "", "markup", log="removal"))
    for m in _LINK.finditer(text) if links else ():
        if free(m.start(), m.end()):
            edits.append(Edit(m.start(), m.end(), m.group(1), "markup", log="removal"))
    seen: set[int] = set()
    for m in _EMPHASIS.finditer(text) if bold else ():
        if _bold_heading(text, m) or _holds_a_line_end(text, m):
            seen.update((m.start(), m.end() - len(m.group(1))))
            continue
        if free(m.start(), m.end()):
            k = len(m.group(1))
            # a space the mark kept from the word outside it goes too ("。 **以建立" -> "。以建立")
            a = m.start()
            while a > 0 and text[a - 1] == " " and a - 1 > 0 and _CJK.match(text[a - 2]):
                a -= 1
            b = m.end()
            while b < len(text) and text[b] == " " and b + 1 < len(text) and (_CJK.match(text[b + 1])
                                                                             or text[b + 1] in " *_"):
                b += 1
            edits.append(Edit(a, m.start() + k, "", "markup", log="removal"))
            edits.append(Edit(m.end() - k, b, "", "markup", log="removal"))
            seen.update((m.start(), m.end() - k))
    i = text.find("**") if bold else -1
    while i >= 0:  # an unpaired ** at a line's edge (a bold cut by a line break)
        edge = i == 0 or text[i - 1] == "\n" or i + 2 == len(text) or text[i + 2] == "\n"
        if edge and i not in seen and free(i, i + 2) and not (i + 2 < len(text) and text[i + 2] == "*"):
            a, b = _whole_line(text, i, i + 2)
            edits.append(Edit(a, b, "", "markup", log="removal"))
        i = text.find("**", i + 2)
    return edits


def _line_starts_with(text: str, marks: tuple[str, ...]) -> list[int]:
    """Starts of the lines whose first non-blank characters are one of `marks` (str.find, not a ^ regex: fast)."""
    out = set()
    for mark in marks:
        i = text.find(mark)
        while i >= 0:
            a = text.rfind("\n", 0, i) + 1
            if i - a <= 3 and not text[a:i].strip(" \t"):
                out.add(a)
            i = text.find(mark, i + 1)
    return sorted(out)
