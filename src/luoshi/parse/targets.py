"""The main expected targets passage: from the sentence that announces it to the end of its list."""

from __future__ import annotations

import re
from functools import lru_cache

from ._data import data_lines

_SENTENCE_START = re.compile(r"[。！？!?\n]")
_LIST_ITEM = re.compile(r"[\s\u3000*]*(?:[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]?[、.．，]?|[一二三四五六七八九十]是|[①-⑳]|[-•·])")
_NEGATIVE_BEFORE = re.compile(r"(?:完成|实现|围绕|对照|确保|超额|达到|落实)[^。；\n]{0,12}$")


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    cues = "|".join(sorted(map(re.escape, data_lines("targets_cues.txt")), key=len, reverse=True))
    return re.compile(rf"(?:{cues})(?:(?:建议|拟|初步)?(?:确定|安排|设定)?(?:是|为)?[：:]|(?:建议|拟)?(?:确定|安排|设定)?(?:是|为))")


def _announce_start(text: str, pos: int) -> int:
    """Start of the sentence holding pos."""
    i = pos
    while i > 0 and not _SENTENCE_START.match(text[i - 1]):
        i -= 1
    while i < pos and text[i] in " \t\u3000*#>":
        i += 1
    return i


def _list_end(text: str, line_end: int) -> int:
    """Extend over the following list lines (one target per line) when the announcing paragraph ends in a list."""
    end = line_end
    pos = line_end
    prev = text[:line_end].rstrip()[-1:] or ""
    items = 0
    while pos < len(text):
        nl = text.find("\n", pos + 1)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl].strip("\n")
        stripped = line.strip(" \t\u3000")
        if not stripped:
            pos = nl
            continue
        is_item = bool(_LIST_ITEM.match(stripped)) and len(stripped) < 200
        if is_item or (prev in "：:；;，," and len(stripped) < 200):
            items += 1
            end = pos + len(line.rstrip())
            while end > pos and text[end - 1] in " \t\u3000\n":
                end -= 1
            prev = stripped.rstrip("*")[-1:]
            pos = nl
            if prev == "。" and not is_item:
                break
            continue
        break
    return end


def find_targets_passage(text: str) -> tuple[int, int] | None:
    """(start, end) of the main expected targets passage, or None."""
    best: tuple[int, int] | None = None
    for m in _cue_pattern().finditer(text):
        before = text[max(0, m.start() - 20):m.start()]
        if _NEGATIVE_BEFORE.search(before):
            continue
        start = _announce_start(text, m.start())
        nl = text.find("\n", m.end())
        line_end = len(text) if nl < 0 else nl
        while line_end > m.end() and text[line_end - 1] in " \t\u3000\r":
            line_end -= 1
        tail = text[m.end():line_end].strip(" *\u3000")
        end = line_end
        if len(tail) < 6 or tail.endswith(("：", ":")):
            end = _list_end(text, line_end)
        candidate = (start, end)
        if "预期" in m.group(0):
            return candidate
        if best is None:
            best = candidate
    return best
