"""Whitespace: spaces inside Chinese text and numbers, hard-wrapped lines, numbers split across lines.

The normal form: one paragraph per line, lines joined by a single "\n", no blank lines, no leading or trailing
spaces on a line. Spaces stay only between two ASCII words and in the speaker line ("区长 王国荣").
"""

from __future__ import annotations

import re
from collections import Counter

from .chrome import SENTENCE_PUNCT
from .edits import Edit

_CJK = "\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
_SPACE = "[ \t\u3000\xa0\u200b\ufeff\u2002-\u200a]"
_INNER_SPACES = re.compile(
    f"(?<=[{_CJK}]){_SPACE}+(?=[{_CJK}0-9A-Za-z%.(（])|(?<=[0-9A-Za-z%.)）]){_SPACE}+(?=[{_CJK}])"
)
_DIGIT_SPACES = re.compile(rf"(?<=\d){_SPACE}+(?=\.\d)|(?<=\d\.){_SPACE}+(?=\d)")
_MULTI_SPACE = re.compile(f"{_SPACE}{{2,}}|[\t\u3000\xa0\u200b\ufeff\u2002-\u200a]")
_SPEAKER = re.compile(r"^\S{0,16}(?:长|主任|书记|主席)\s+\S{2,4}$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|第[一二三四五六七八九十]+[部分章节])")
_ENDS_OPEN = re.compile(f"[{_CJK}0-9A-Za-z]$")
_STARTS_TEXT = re.compile("^[\u4e00-\u9fff0-9%A-Za-z，、。；：）)”]")
_TERMINAL = "。！？；：!?;"


def fix_spaces(text: str) -> list[Edit]:
    """Strip line ends; drop spaces between CJK characters, between CJK and digits, and inside numbers."""
    edits: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        body = line.strip(" \t\u3000\xa0\u200b\ufeff")
        lead = len(line) - len(line.lstrip(" \t\u3000\xa0\u200b\ufeff"))
        if lead:
            edits.append(Edit(pos, pos + lead, "", "indent", log="none"))
        if len(body) + lead < len(line):
            edits.append(Edit(pos + lead + len(body), pos + len(line), "", "indent", log="none"))
        if _SPEAKER.match(body):
            for m in _MULTI_SPACE.finditer(body):
                if m.group() != " ":
                    edits.append(Edit(pos + lead + m.start(), pos + lead + m.end(), " ", "spaces", log="none"))
        elif any(c in body for c in " \t\u3000\xa0\u200b\ufeff"):
            for rx in (_INNER_SPACES, _DIGIT_SPACES):
                for m in rx.finditer(body):
                    edits.append(Edit(pos + lead + m.start(), pos + lead + m.end(), "", "spaces"))
            for m in _MULTI_SPACE.finditer(body):
                edits.append(Edit(pos + lead + m.start(), pos + lead + m.end(), " ", "spaces", log="none"))
        pos += len(line) + 1
    return edits


def _wrap_width(lines: list[str]) -> int | None:
    """The width text was hard-wrapped at: a line length shared by at least a quarter of the longer lines."""
    lengths = [len(ln) for ln in lines if len(ln) >= 15]
    if len(lengths) < 4:
        return None
    width, n = Counter(lengths).most_common(1)[0]
    return width if width >= 20 and n >= 0.25 * len(lengths) and n >= 3 else None


def join_lines(text: str) -> list[Edit]:
    """Join hard-wrapped lines and numbers split across lines; keep real paragraph breaks; drop blank lines."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    edits: list[Edit] = []
    pos = 0
    for i, a in enumerate(lines[:-1]):
        nl = pos + len(a)
        pos = nl + 1
        b = lines[i + 1]
        if not a:
            edits.append(Edit(nl - len(a), nl + 1, "", "blank", log="none"))
            continue
        if not b or _HEADING.match(b) or not _STARTS_TEXT.match(b):
            continue
        wrapped = width is not None and abs(len(a) - width) <= 1 and not _HEADING.match(b)
        mid_sentence = (
            a[-1] not in _TERMINAL and _ENDS_OPEN.search(a) is not None and not (_HEADING.match(a) and len(a) < 40)
            and len(a) >= 8 and SENTENCE_PUNCT.search(a) is not None
        )
        if wrapped or mid_sentence:
            sep = " " if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha() else ""
            edits.append(Edit(nl, nl + 1, sep, "join"))
    if lines and not lines[-1] and len(lines) > 1:
        edits.append(Edit(len(text) - 1, len(text), "", "blank", log="none"))
    return edits
