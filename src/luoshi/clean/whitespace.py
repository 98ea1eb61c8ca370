"""Whitespace: spaces inside Chinese text and numbers, hard-wrapped lines, numbers split across lines.

The normal form: one paragraph per line, lines joined by a single "\n", no blank lines, no leading or trailing
spaces on a line. Spaces stay only between two ASCII words and in the speaker line ("区长 王国荣").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator

import numpy as np

from .charset import char_mask, code_points
from .edits import Edit

_CJK = "\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
_SPACE = "[ \t\u3000\xa0\u200b\ufeff\u2002-\u200a]"
_SPACE_RUN = re.compile(f"{_SPACE}+")
_GAP = "[ \u3000\xa0\u200b\ufeff\u2002-\u200a]"  # a tab inside a line stays: it parts a table row's cells
# a space run after a CJK/word character and before one; written space first (the lookbehind after it) so the engine
# skips to the next space instead of testing the lookbehind at every character
_SPACE_BETWEEN = re.compile(f"{_GAP}(?<=[{_CJK}0-9A-Za-z%.)）]{_GAP}){_GAP}*(?=[{_CJK}0-9A-Za-z%‰.(（])")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_OR_WORD = re.compile(f"[{_CJK}0-9A-Za-z%.(（]")
_WORD_END = re.compile("[0-9A-Za-z%.)）]")
# "支配收入37 511元", "由1 995年的…": a figure whose thousands are set apart by a space, after a word or punctuation
# (never after a space or a digit: a table row's numbers stand apart by spaces)
_THOUSANDS = re.compile(f"(?<=[{_CJK}（(：:，,、])[0-9]{{1,3}}(?: [0-9]{{3}})+(?![0-9.])")
# "增长 1 1 %", "6 5 0亿元", "1 6.1%", "6 6 40元", "2 70 元": an old copy's figure with a space between its digits
# (groups of one or two), after a word or punctuation and before a number's unit (a table row's numbers stand apart
# without a unit after each)
_SPLIT_DIGITS = re.compile(f"(?<=[{_CJK}（(：:，,、 ])[0-9]{{1,2}}(?: [0-9]{{1,2}})+(?:\\.[0-9]+)?(?= ?(?:[%‰亿万千百元]|个百分点))")
# two spaces or more, or one space that is not " " (with what follows it): one leading character set, so the engine
# skips to the next space (a tab is a table row's cell break: it stays)
_ODD_SPACE = "[\u3000\xa0\u200b\ufeff\u2002-\u200a]"
_MULTI_SPACE = re.compile(f"{_GAP}(?:(?<={_ODD_SPACE}){_GAP}*|{_GAP}+)")
_SPACE_TABLE = char_mask(_SPACE)
_SPACE_TABLE[0x10000] = False  # exact: no character above the BMP is a space
_GAP_TABLE = char_mask(_GAP)
_GAP_TABLE[0x10000] = False  # exact: no character above the BMP is a gap
_GAP_LEFT = char_mask(f"[{_CJK}0-9A-Za-z%.)）]")  # what _SPACE_BETWEEN's lookbehind reads before its first space
_GAP_LEFT[0x10000] = False
_SPEAKER_ENDS = char_mask("[长任记席]")  # the last character of every title _SPEAKER_LINE reads, before a space
_SPEAKER = re.compile(r"^\S{0,16}(?:长|主任|书记|主席)\s+\S{2,4}$")
_HEADING = re.compile(r"^(?:[-*+#>|] |#|\*\*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|第[一二三四五六七八九十]+[部分章节])")
_ENDS_OPEN = re.compile(f"[{_CJK}0-9A-Za-z]$")  # matched on the last character: a joined paragraph grows long
_STARTS_TEXT = re.compile("^[\u4e00-\u9fff0-9%A-Za-z，、。；：）)”“《.]")
# sentence punctuation, not counting the "，" some tables put between thousands ("2，819.5")
_PROSE_PUNCT = re.compile("[。；！？!?]|(?<!\\d)，|，(?!\\d)")
_UNIT_START = re.compile("[亿万千百十元个%‰倍人户家项座所吨亩公平立米台辆千克年月日]")
_TERMINAL = "。！？；：!?;"
# a figure's note carried to the next line: "…工业总产值3593亿元" / "（1990年不变价），增长16%，…"
_NOTE_START = re.compile(r"[（(][^（()）\n]{1,20}[）)][，,、；;。]")
# a line the marks of markdown kept apart reads so without them (clean is idempotent: a second clean sees no marks)
_SENTENCE_END = re.compile("[。！？；：!;:]")  # not "?": a lost character ("代市长? 朱洪武")
_PUNCT = re.compile("[，。、；：！？,.;:!?（）()“”《》]")
_FIGURE_COLUMN = re.compile(r"[ \t][-+]?[0-9][0-9.,]*$")  # "钢材万吨15745 19.8": a table's column of figures
_ALONE_MAX = 30
_NUMBERED = re.compile("[一二三四五六七八九十]+[、，]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[，、]")
_CLOSED = re.compile("[。！？!?](?:[”’」』）)】]+|[（(][^（()）\n]{1,20}[）)])$")  # "…没有失掉。（长时间地热烈鼓掌）", "…改为“…。”"
_CLOSERS = "”’」』）)】"


def _closed(a: str) -> bool:
    """_CLOSED.search(a), started where a match can start: a joined paragraph grows long, and a match ends at its end
    (a note is at most 23 characters, a run of closers is what rstrip takes). Callers test first that a ends with a
    closer, as every match does."""
    return _CLOSED.search(a, max(0, min(len(a) - 23, len(a.rstrip(_CLOSERS)) - 1))) is not None


_LEADING_SPACES = re.compile(f"\\n{_SPACE}+")  # a literal first character: the engine skips to each line break
_FIRST_LINE_SPACES = re.compile(f"{_SPACE}+")
_SPACE_CHARS = " \t\u3000\xa0\u200b\ufeff" + "".join(chr(c) for c in range(0x2002, 0x200B))  # _SPACE, as str
_SPEAKER_LINE = re.compile(
    f"^{_SPACE}*[\u4e00-\u9fffA-Za-z]{{0,16}}(?:长|主任|书记|主席){_SPACE}+[\u4e00-\u9fffXx×*＊]{{2,4}}{_SPACE}*$", re.MULTILINE
)




def _letter_spaced_lines(text: str) -> list[tuple[int, int]]:
    """Lines set with a space after every character ("实 现 2 0 2 0 年"): there every space goes."""
    if text.count(" ") < 8:
        return []
    out = []
    pos = 0
    for line in text.split("\n"):
        if len(line) >= 8 and line.count(" ") >= 0.4 * len(line) and not line.lstrip().startswith("|"):
            tokens = [t for t in line.split(" ") if t]
            if len(tokens) >= 6 and sum(len(t) == 1 for t in tokens) >= 0.7 * len(tokens):
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _space_at(cp: np.ndarray) -> np.ndarray:
    """Where the text's spaces (_SPACE) stand: one pass over the code points; the scans below read only there."""
    return np.flatnonzero(_SPACE_TABLE[np.minimum(cp, 0x10000)])


def _speaker_lines(text: str, cp: np.ndarray, spaces: np.ndarray | None = None) -> list[tuple[int, int]]:
    """_SPEAKER_LINE.finditer's matches, each a whole line: tried only on the lines where a title's last character
    stands before a space (numpy; the MULTILINE scan tests every position)."""
    spaces = _space_at(cp) if spaces is None else spaces
    spaces = spaces[spaces > 0]
    at = spaces[_SPEAKER_ENDS[np.minimum(cp[spaces - 1], 0x10000)]] - 1
    out, last = [], -1
    for i in at.tolist():
        start = text.rfind("\n", 0, i) + 1
        if start != last:
            last = start
            if m := _SPEAKER_LINE.match(text, start):
                out.append((m.start(), m.end()))
    return out


def _spaces_between(text: str, cp: np.ndarray, gaps: np.ndarray) -> Iterator[re.Match[str]]:
    """_SPACE_BETWEEN.finditer(text): a match starts at a space (`gaps`: where the _GAP characters stand) after a
    CJK/word character, so it is tried only there, in order and past the previous match, as finditer does."""
    gaps = gaps[gaps > 0]
    end = 0
    for i in gaps[_GAP_LEFT[np.minimum(cp[gaps - 1], 0x10000)]].tolist():
        if i >= end and (m := _SPACE_BETWEEN.match(text, i)):
            end = m.end()
            yield m


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    k = bisect.bisect_right(spans, (i, 1 << 62)) - 1  # the last span starting at or before i
    return k >= 0 and spans[k][0] <= i < spans[k][1]


_INLINE_INDENT = re.compile("(?<=[^\\s\u3000])\u3000{2,}[ \t\u3000\xa0]*(?=\\S)")


def split_inline_paragraphs(text: str) -> list[Edit]:
    """Two ideographic spaces inside a line are the indent of the next paragraph (one-line-per-report files)."""
    if "\u3000\u3000" not in text:
        return []
    return [Edit(m.start(), m.end(), "\n", "paragraph", log="none") for m in _INLINE_INDENT.finditer(text)]


def strip_lines(text: str) -> list[Edit]:
    """Indentation and trailing spaces carry nothing in a report."""
    edits = [Edit(m.start() + 1, m.end(), "", "indent", log="none") for m in _LEADING_SPACES.finditer(text)]
    first = _FIRST_LINE_SPACES.match(text)
    if first:
        edits.insert(0, Edit(0, first.end(), "", "indent", log="none"))
    pos = 0
    for line in text.split("\n"):  # trailing spaces: str.rstrip per line, not a regex tried at every space
        kept = len(line.rstrip(_SPACE_CHARS))
        if kept < len(line):
            edits.append(Edit(pos + kept, pos + len(line), "", "indent", log="none"))
        pos += len(line) + 1
    return edits


def blank_ends(text: str) -> list[Edit]:
    """Line breaks before the first line or after the last: a mark or a line removed after the joins ("0\n>" losing
    its quote mark) can leave them, and a second clean would drop them (clean is idempotent)."""
    tail = len(text.rstrip("\n"))
    head = len(text) - len(text.lstrip("\n")) if tail else 0
    edits = [Edit(0, head, "", "blank", log="none")] if head else []
    if tail < len(text):
        edits.append(Edit(tail, len(text), "", "blank", log="none"))
    return edits


def fix_spaces(text: str) -> list[Edit]:
    """Drop spaces between CJK characters, between CJK and digits, and inside numbers (a decimal point's, a thousands
    separator's: "37 511元")."""
    edits: list[Edit] = []
    if not any(c in text for c in _SPACE_CHARS):
        return edits
    cp = code_points(text)
    spaces = _space_at(cp)
    n = len(cp)
    gaps = spaces[_GAP_TABLE[cp[spaces]]]  # the spaces but tabs
    speakers = _speaker_lines(text, cp, spaces)

    spaced = _letter_spaced_lines(text)
    # without letter-spaced lines only runs between two characters the rules below look at can go: let the regex
    # engine skip the rest (the spaces of markdown, English and tables)
    for m in _SPACE_RUN.finditer(text) if spaced else _spaces_between(text, cp, gaps):
        a, b = m.start(), m.end()
        if a == 0 or b >= len(text) or (speakers and _inside(speakers, a)):
            continue
        if spaced and _inside(spaced, a):
            # one space is the spacing; a wider run was a real space between two words
            words = b - a > 1 and text[a - 1].isascii() and text[a - 1].isalnum() and text[b].isascii()
            edits.append(Edit(a, b, " " if words else "", "spaces"))
            continue
        left, right = text[a - 1], text[b]
        if (_CJK_CHAR.match(left) and _CJK_OR_WORD.match(right)) or (_WORD_END.match(left) and _CJK_CHAR.match(right)) \
                or (left.isdigit() and right in "%‰") \
                or (left.isdigit() and right == "." and text[b + 1:b + 2].isdigit()) \
                or (left == "." and text[a - 2:a - 1].isdigit() and right.isdigit()):
            edits.append(Edit(a, b, "", "spaces"))
    # what every _SPLIT_DIGITS match holds ("9 9") and every _THOUSANDS match ("9 999"): most texts have none
    sp = spaces[(cp[spaces] == 32) & (spaces >= 1) & (spaces <= n - 2)]
    sp = sp[((cp[sp - 1] - np.uint32(48)) <= 9) & ((cp[sp + 1] - np.uint32(48)) <= 9)]
    digit_space_digit = bool(sp.size)
    sp = sp[sp + 3 < n]
    thousands = bool((((cp[sp + 2] - np.uint32(48)) <= 9) & ((cp[sp + 3] - np.uint32(48)) <= 9)).any())
    for m in _THOUSANDS.finditer(text) if thousands else ():
        edits += [Edit(m.start() + i, m.start() + i + 1, "", "spaces") for i, c in enumerate(m.group()) if c == " "]
    if digit_space_digit:
        for m in _SPLIT_DIGITS.finditer(text):
            if m.start() > 1 and text[m.start() - 1] == " " and not _CJK_CHAR.match(text[m.start() - 2]):
                continue  # only the space of "增长 1 1 %" may stand before it, not a table's column gap
            edits += [Edit(m.start() + i, m.start() + i + 1, "", "spaces") for i, c in enumerate(m.group()) if c == " "]
    # a _MULTI_SPACE match is an odd space or two spaces side by side: most texts have neither
    for m in _MULTI_SPACE.finditer(text) if (cp[gaps] != 32).any() or (np.diff(gaps) == 1).any() else ():
        if m.group() != " ":
            edits.append(Edit(m.start(), m.end(), " ", "spaces", log="none"))
    return edits


def _wrap_width(lines: list[str]) -> int | None:
    """The width text was hard-wrapped at: a line length shared by at least a quarter of the longer lines."""
    lengths = [len(ln) for ln in lines if len(ln) >= 15]
    if len(lengths) < 4:
        return None
    width, n = Counter(lengths).most_common(1)[0]
    return width if width >= 20 and n >= 0.25 * len(lengths) and n >= 3 else None


_DATELINE_FIRST = "*#—-－─"  # what a line _DATELINE_HEAD matches starts with (or a space)
_DATELINE_HEAD = re.compile(r"[*#\s]*[—\-－─]{1,3}\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年")
_DATELINE_END = re.compile(r"(?:会议|大会|会)上?[*）)]*$")
_DATELINE_TAIL = re.compile(r"[^，。；！？]{2,30}(?:会议|大会|会)上?[*）)]*")


def join_lines(text: str) -> list[Edit]:
    """Join hard-wrapped lines and numbers split across lines; keep real paragraph breaks; drop blank lines.

    A line that stops mid-sentence (it has sentence punctuation, does not end with one, and the next line goes on
    with text) is joined even across blank lines: a paragraph does not end in the middle of a word."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    edits: list[Edit] = []
    starts = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    filled = [i for i, ln in enumerate(lines) if ln]
    # blank lines separate paragraphs when the lines that end short are mostly followed by one
    ends = [i for i in filled[:-1] if width is None or abs(len(lines[i]) - width) > 1]
    blank_paras = bool(ends) and sum(1 for i in ends if not lines[i + 1]) >= 0.7 * len(ends)
    if not filled:
        return [Edit(0, len(text), "", "blank", log="none")] if text else []
    if filled[0] > 0:
        edits.append(Edit(0, starts[filled[0]], "", "blank", log="none"))
    last = filled[-1]
    if starts[last] + len(lines[last]) < len(text):
        edits.append(Edit(starts[last] + len(lines[last]), len(text), "", "blank", log="none"))
    a = lines[filled[0]]
    for i, j in itertools.pairwise(filled):
        b = lines[j]  # `a` is the line so far, with what was already joined onto it
        gap_start, gap_end = starts[i] + len(lines[i]), starts[j]
        blank_between = j > i + 1
        if a[-1] in _TERMINAL and a[0] not in _DATELINE_FIRST and not a[0].isspace() \
                and (width is None or blank_between or abs(len(lines[i]) - width) > 1):
            # the common case, decided early: a closed sentence, not at the wrap width, no dateline, joins nothing
            if blank_between:
                edits.append(Edit(gap_start, gap_end, "\n", "blank", log="none"))
            a = b
            continue
        heading = _HEADING.match(b) is not None
        # where blank lines separate paragraphs, a line at the wrap width runs on even into "（3）"
        wrapped = not blank_between and width is not None and abs(len(lines[i]) - width) <= 1 \
            and (blank_paras or not heading)
        # a line with no sentence end that stands alone ("加强政权建设，加强各族人民的大团结") is a heading, and so
        # is a short line with no punctuation at all ("名词解释")
        heading = heading or (len(b) <= 20 and _PUNCT.search(b) is None) or "\t" in b  # a table row's cells
        alone = "\t" in lines[i] or (a[-1] in _CLOSERS and _closed(a)) or a is lines[i] and _SENTENCE_END.search(a) is None \
            and (len(a) <= _ALONE_MAX or _NUMBERED.match(a) is not None)
        mid_sentence = not heading and not alone and (
            _STARTS_TEXT.match(b) is not None and a[-1] not in _TERMINAL and _ENDS_OPEN.match(a[-1]) is not None
            and not (_HEADING.match(a) and len(a) < 40) and len(a) >= 8 and _PROSE_PUNCT.search(a) is not None
        )
        split_number = not heading and a[-1].isdigit() and _UNIT_START.match(b) is not None \
            and _FIGURE_COLUMN.search(a) is None and "\t" not in lines[i]
        split_note = not heading and (a[-1].isdigit() or _UNIT_START.match(a[-1]) is not None) \
            and _NOTE_START.match(b) is not None and "\t" not in lines[i] and _PROSE_PUNCT.search(a) is not None
        # the dateline wrapped before its meeting ("——2026年1月26日在广东省第十四届" / "人民代表大会第五次会议上")
        split_dateline = _DATELINE_HEAD.match(a) is not None and _DATELINE_END.search(a) is None \
            and _DATELINE_TAIL.fullmatch(b) is not None
        if wrapped or mid_sentence or split_number or split_note or split_dateline:
            sep = "" if wrapped else " " if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha() else ""
            edits.append(Edit(gap_start, gap_end, sep, "join"))
            a = a + sep + b
        else:
            if blank_between:
                edits.append(Edit(gap_start, gap_end, "\n", "blank", log="none"))
            a = b
    return edits
