"""Line marks of markdown (headings #, the bold of a whole line, list bullets, table rows) become annotations.

The marks go from the text (logged as `markup`) and what they marked is kept as `Mark`s, spans of the clean text
that parse reads as structure ("## 注释" is a section only by its mark): `heading` with its level (the number of
#), `bold` (a line that starts and ends bold: "**名词解释**", "**一、…**"), `item` (a list item: "- 第一章 …") and
`row` (a table row: its cells joined by a tab, the cells' spans in `Mark.cells`; the separator row "| --- |" goes).
Runs after the join rules, which read the marks (the clean stage re-joins nothing after: see clean/__init__.py).
"""

from __future__ import annotations

import itertools
import re

from ..models import Mark
from .edits import Edit

_HEADING = re.compile(r"(#{1,6})(?:[ \t]+|(?=[^#\s]))")
_BULLET = re.compile(r"[-*+][ \t]+(?=\S)")
_SEPARATOR = re.compile(r"\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*")
_BOLD_END = re.compile(r"(\*\*|__)([。：:]?)$")
_CELL = re.compile(r"[^|\s](?:[^|]*[^|\s])?")  # a cell's words, without the spaces about them


def _line_marks(line: str) -> tuple[list[tuple[int, int, str]], list[tuple[str, int]]] | None:
    """The marks of one line as (start, end, replacement) and what they marked as (kind, level); None: no mark."""
    edits: list[tuple[int, int, str]] = []
    kinds: list[tuple[str, int]] = []
    i = 0
    if line.startswith("|") and line.rstrip().endswith("|") and len(line.strip()) > 1:
        if _SEPARATOR.fullmatch(line):
            return [(0, len(line), "")], []
        cells = [(m.start(), m.end()) for m in _CELL.finditer(line)]
        if not cells:
            return [(0, len(line), "")], []  # "| |": an empty row goes
        edits.append((0, cells[0][0], ""))
        edits.extend((x[1], y[0], "\t" * line.count("|", x[1], y[0])) for x, y in itertools.pairwise(cells))
        edits.append((cells[-1][1], len(line), ""))
        k = line.find("**")
        while k >= 0:
            edits.append((k, k + 2, ""))
            k = line.find("**", k + 2)
        return sorted(edits), [("row", 0)]
    m = _HEADING.match(line)
    if m:
        edits.append((0, m.end(), ""))
        if m.end() > len(m.group(1)):  # "## 注释", not "#标签"
            kinds.append(("heading", len(m.group(1))))
        i = m.end()
    elif line.startswith(("- ", "* ", "+ ", "-\t", "*\t", "+\t")):
        b = _BULLET.match(line)
        if b:
            edits.append((0, b.end(), ""))
            kinds.append(("item", 0))
            i = b.end()
    rest = line[i:]
    if rest.startswith(("**", "__")):
        end = _BOLD_END.search(rest)
        if end and end.group(1) == rest[:2] and len(rest) - len(end.group()) > 2:
            kinds.append(("bold", 0))
    if "**" in rest or (kinds and kinds[-1][0] == "bold" and rest.startswith("__")):
        mark = "__" if rest.startswith("__") and kinds and kinds[-1][0] == "bold" else "**"
        k = rest.find(mark)
        while k >= 0:
            edits.append((i + k, i + k + 2, ""))
            k = rest.find(mark, k + 2)
    if not edits:
        return None
    return edits, kinds


def find_structure(text: str) -> tuple[list[Edit], list[tuple[int, int, str, int]], bool]:
    """Edits removing the line marks, (line start, line end, kind, level) on `text` for each line they marked, and
    whether a removal leaves a space beside a word (then the spaces are fixed again)."""
    if not ("#" in text or "**" in text or "__" in text or "|" in text or "- " in text or "* " in text
            or "+ " in text):
        return [], [], False
    spaced = False
    edits: list[Edit] = []
    marks: list[tuple[int, int, str, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line or (line[0] not in "#*_|-+" and "**" not in line):
            continue
        found = _line_marks(line)
        if found is None:
            continue
        line_edits, kinds = found
        for a, b, new in line_edits:
            spaced = spaced or (a > 0 and line[a - 1] == " ") or (b < len(line) and line[b] == " ")
            edits.append(Edit(start + a, start + b, new, "markup", log="removal"))
        if not kinds and line_edits == [(0, len(line), "")]:  # a table's separator row: the line goes
            edits[-1] = Edit(start, min(len(text), start + len(line) + 1), "", "markup", log="removal")
        marks.extend((start, start + len(line), kind, level) for kind, level in kinds)
    return edits, marks, spaced


def with_cells(text: str, marks: list[Mark]) -> list[Mark]:
    """Each mark held to its line of the clean text, and a table row's cells: the spans between its tabs."""
    for m in marks:
        nl = text.find("\n", m.start, m.end)
        if nl >= 0:  # a removal at the line's end moved its end past the line break
            m.end = nl
        if m.kind == "row":
            cells, a = [], m.start
            for part in text[m.start:m.end].split("\t"):
                cells.append([a, a + len(part)])
                a += len(part) + 1
            m.cells = cells
    return marks


__all__ = ["Mark", "find_structure", "with_cells"]
