"""The section tree: numbered headings in their common forms, levels from the styles a report uses, roles.

A heading is a line that starts with a numbering style (一、 （一） 1. （1） 第一方面 第一，) or is a markdown/bold
heading after the body has begun (the marks are gone from the clean text: which lines they marked comes from the
clean stage's `Quality.structure`, a `heading` with its level or a `bold` line). Levels are the dense rank of the
styles present, so a copy that starts at （三） on its second page still nests correctly. A heading run into its
paragraph keeps its first clause as title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import data_file
from ..models import Mark, Section
from .lexicon import pattern
from .mixed_heading import review_part
from .roles import assign_roles, role_of_title
from .targets import find_targets_passage

_CN_DIGITS = "一二三四五六七八九十"
_N = f"[{_CN_DIGITS}]{{1,3}}"

# (style, rank, pattern): rank orders styles from outermost to innermost.
_STYLES: list[tuple[str, float, re.Pattern[str]]] = [
    ("part", 0, re.compile(rf"第({_N})(?:{pattern('part_words')})\s*[：:、，,.．]?\s*")),
    ("aspect", 1.5, re.compile(rf"第({_N})个方面\s*[：:、，,.．]?\s*")),
    ("cn", 1, re.compile(rf"({_N})\s*[、，,．.]\s*")),
    ("pcn", 2, re.compile(rf"[（(]({_N})[）)]\s*[、，,．.]?\s*")),
    ("di", 2.5, re.compile(rf"第({_N})[，,、：:]\s*")),
    ("ar", 3, re.compile(r"(\d{1,2})\s*[.．、](?![\d%])\s*")),
    ("par", 4, re.compile(r"[（(](\d{1,2})[）)]\s*[、，,．.]?\s*")),
    ("circ", 5, re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
]
# the characters a numbering style can start with (and any decimal digit, as \d reads): other lines try no style
_STYLE_FIRST = frozenset("第" + _CN_DIGITS + "（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_LEAD = re.compile(r"^[\s\u3000>*#]*")
_LINE = re.compile(r"[^\n]*\n?")
_CLAUSE_END = re.compile(r"[。！？；：:!?;]")
_MAX_TITLE = 60
_MAX_ROLE_HEADING = 24
_SENTENCE_PUNCT = re.compile(r"[。，；：:,;！？]")
# a bold line that opens with a year, before the body has begun ("**2013年经济社会发展稳进向好**" right after the
# opening): the review's heading, not the report's title (报告, 公报) nor a sentence
_YEAR_PART = re.compile(r"^(?:19|20)\d{2}年(?![0-9底末初])")
_TITLE_WORDS = re.compile(pattern("title_words"))
_YEAR_WORK = re.compile(rf"^(?:(?:19|20)\d{{2}}年|{pattern('work_periods')})(?:和[^\s]{{0,12}})?(?:的)?(?:政府)?(?:主要)?工作")
_PLAN_NAME = "十[一二三四五六七八九]?五"  # a five-year plan's name: 十五, 十一五 … (its term)
_TERM_HEADING = re.compile(rf"^“{_PLAN_NAME}”[^“”]*(?:{pattern('term_heading_nouns')})$")
_BODY_LINE = 60  # a line this long means the body has begun (title-page bold lines are not headings)


@dataclass
class _Heading:
    style: str
    rank: float
    number: str | None
    title: str
    start: int
    md: str = ""  # the markdown '#' marks when the heading is a markdown heading


def _title_of(rest: str) -> str:
    """The first clause of what follows the number: the whole line when it is a short heading."""
    rest = rest.replace("**", "").strip()
    m = _CLAUSE_END.search(rest)
    title = rest[: m.start()] if m else rest
    return title.strip()[:_MAX_TITLE]


def _match_heading(line: str, start: int, body_begun: bool, md: str = "", bold: bool = False) -> _Heading | None:
    """`md`: the heading's # marks (as many as its level), `bold`: the line was bold (both from clean's marks)."""
    lead = _LEAD.match(line)
    stripped = line[lead.end():] if lead else line
    if not stripped:
        return None
    for style, rank, pat in _STYLES if stripped[0] in _STYLE_FIRST or stripped[0].isdecimal() else ():
        m = pat.match(stripped)
        if m:
            rest = stripped[m.end():]
            if not rest or rest[0] in "%％‰":
                return None
            title = _title_of(rest)
            if not title:
                return None
            return _Heading(style, rank, m.group(1), title, start, md)
    plain = stripped.replace("**", "").strip()
    if len(plain) <= _MAX_ROLE_HEADING and not _SENTENCE_PUNCT.search(plain) and _names_a_part(plain):
        return _Heading("part-title", 0.4, None, plain, start, md)
    if not body_begun and not (bold and len(plain) <= _MAX_ROLE_HEADING and _YEAR_PART.match(plain)
                               and not _SENTENCE_PUNCT.search(plain) and not _TITLE_WORDS.search(plain)):
        return None
    if md:
        title = _title_of(stripped)
        if title:
            return _Heading("md", 0.5 + len(md) / 10, None, title, start, md)
        return None
    words = line.strip().rstrip("。：:")
    if bold and len(words) <= 40:
        return _Heading("bold", 2.4, None, _title_of(words), start)
    return None


def _names_a_part(line: str) -> bool:
    """An unnumbered line that names a part of the report ("2023年工作回顾", "政府自身建设", "“十四五”时期主要目标任务")
    is a top heading."""
    if "报告" in line:  # the report's own title
        return False
    return bool(_YEAR_WORK.match(line) or _TERM_HEADING.match(line)) \
        or role_of_title(line, strong_only=True) not in (None, "targets", "other")


def _number_value(number: str | None) -> int | None:
    if number is None:
        return None
    if number.isdigit():
        return int(number)
    digits = _CN_DIGITS
    if len(number) == 1:
        return digits.index(number) + 1
    if number.startswith("十"):
        return 10 + digits.index(number[1]) + 1
    if number.endswith("十"):
        return (digits.index(number[0]) + 1) * 10
    return (digits.index(number[0]) + 1) * 10 + digits.index(number[-1]) + 1


def _after_stray_char(line: str, pos: int, seen: list[_Heading]) -> _Heading | None:
    """A damaged copy may put one stray character before a heading ("角(二)立足…"): accept it only when the
    number is the next one of a style already in use."""
    h = _match_heading(line[1:], pos + 1, True)
    if h is None or h.number is None or h.style not in ("cn", "pcn", "ar", "par"):
        return None
    last = next((x for x in reversed(seen) if x.style == h.style), None)
    previous = None if last is None else _number_value(last.number)
    if previous is None:
        return None
    return h if _number_value(h.number) == previous + 1 else None


def find_headings(text: str, structure: list[Mark] | tuple[Mark, ...] = ()) -> list[_Heading]:
    md_at = {m.start: "#" * m.level for m in structure if m.kind == "heading"}
    bold_at = {m.start for m in structure if m.kind == "bold"}
    not_headings = {m.start for m in structure if m.kind in ("item", "row")}  # a list item, a table row
    headings: list[_Heading] = []
    body_begun = False
    pos = 0
    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line:
            break
        content = line.rstrip("\n")
        if pos in not_headings:
            body_begun = body_begun or len(content) >= _BODY_LINE
            pos = m.end()
            continue
        h = _match_heading(content, pos + (len(content) - len(content.lstrip())), body_begun, md_at.get(pos, ""),
                           pos in bold_at)
        if h is None and len(content) > 4 and content[0] not in "（(一二三四五六七八九十0123456789":
            h = _after_stray_char(content, pos, headings)
        if h:
            headings.append(h)
        elif len(content.strip()) >= _BODY_LINE:
            body_begun = True
        pos = m.end()
    return headings


def _md_ranks(headings: list[_Heading]) -> list[_Heading]:
    """An unnumbered markdown heading ranks with the numbered headings of the same depth (## 注释 beside ## 一、)."""
    by_depth: dict[str, float] = {}
    for h in headings:
        if h.md and h.number is not None:
            by_depth.setdefault(h.md, h.rank)
    for h in headings:
        if h.md and h.number is None and h.md in by_depth:
            h.rank = by_depth[h.md]
    return headings


def _back_matter_ranks(headings: list[_Heading]) -> list[_Heading]:
    """An unnumbered heading of the notes (**名词解释**, **《政府工作报告》注释**) closes the body: it ranks with the
    outermost headings, so the notes after it are not read as part of the last plan sub-section."""
    if not headings:
        return headings
    top = min(h.rank for h in headings)
    for h in headings:
        if h.number is None and is_back_matter(h.title):
            h.rank = top
    return headings


def is_back_matter(title: str) -> bool:
    """The heading opens the notes after the report's body (名词解释, 注释: data/back_matter.txt)."""
    return any(phrase in title for phrase in data_file.lines(__package__, "back_matter.txt"))


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def parse_sections(text: str, structure: list[Mark] | tuple[Mark, ...] = ()) -> list[Section]:
    """Headings with levels, numbers, titles, offsets and roles; plus the targets passage as its own section.
    `structure`: the clean stage's `Quality.structure` (which lines were markdown or bold headings)."""
    headings = _back_matter_ranks(_md_ranks(find_headings(text, structure)))
    ranks = sorted({h.rank for h in headings})
    level_of = {r: i + 1 for i, r in enumerate(ranks)}
    sections: list[Section] = []
    for i, h in enumerate(headings):
        level = level_of[h.rank]
        end = len(text)
        for later in headings[i + 1:]:
            if level_of[later.rank] <= level:
                end = later.start
                break
        sections.append(Section(level=level, number=h.number, title=h.title, role="other", start=h.start, end=end))
    end_subsections_at_address(text, sections)
    passage = find_targets_passage(text)
    if passage:
        marked = {m.start for m in structure if m.kind in ("heading", "bold")}
        _add_passage(text, sections, passage, "targets", "主要预期目标", marked)
    assign_roles(sections)
    term_heading_roles(sections)
    outlook_not_review(text, sections)
    for span in review_part(text, sections):  # "1996年的政府工作和1997年的奋斗目标": the part before the goals
        _add_passage(text, sections, span, "review", "工作回顾")
    if not any(s.role == "problems" for s in sections):
        problems = find_problems_paragraph(text, sections)
        if problems:
            _add_passage(text, sections, problems, "problems", "问题和不足")
    opening = find_review_opening(text, sections) if not any(s.role == "review" for s in sections) \
        else opening_before_review(text, sections)
    if opening:
        _add_passage(text, sections, opening, "review", "工作回顾", titled=False)
        for s in sections:  # "一、向建设经济强省…阔步前进的五年", a heading inside the opening naming no role: the review's
            if s.role == "other" and opening[0] <= s.start < opening[1]:
                s.role = "review"
    return sections


_TERM = re.compile(f"{_PLAN_NAME}|{pattern('term_words')}")
_ADDRESS = re.compile(rf"\n[ \t\u3000]*(?:{pattern('house_address')})[，,！!：:\s]*"
                      rf"(?:(?:19|20)[0-9]{{2}}年[是，,]|{pattern('past_year')})")


def end_subsections_at_address(text: str, sections: list[Section]) -> None:
    """A part of a term's review ends at a paragraph addressed to the whole house that turns to a year ("各位代表，2020年
    是极不平凡的一年…" after the last numbered part of "“十三五”时期和2020年工作回顾"): the speaker has left the part's
    topic for the year. An address that sums up the term ("各位代表，“十二五”时期，我们…"), or one under a title that names
    only the year (a closing remark of "2020年工作总结"), leaves the part as it is."""
    for s in sections:
        parent = max((p for p in sections if p.level < s.level and p.start <= s.start < p.end),
                     key=lambda p: p.level, default=None)
        if parent is None or not _TERM.search(parent.title or ""):
            continue
        body = text.find("\n", s.start, s.end)
        m = _ADDRESS.search(text, body, s.end) if body >= 0 else None
        if m:
            s.end = m.start() + 1


_TERM_REVIEW = re.compile(pattern("term_review_nouns"))


def term_heading_roles(sections: list[Section]) -> None:
    """A heading on a term that no role phrase names ("“十四五”时期发展目标和工作重点", "“十五五”发展的主要考虑",
    "“十三五”发展主要成就") reviews the term when it says so, else looks ahead to it: the plan. Its sub-sections
    without a role of their own follow it."""
    for s in sections:
        if s.role != "other" or not _TERM_HEADING.match(s.title or ""):
            continue
        s.role = "review" if _TERM_REVIEW.search(s.title) else "plan"
        for sub in sections:
            if s.start < sub.start < s.end and sub.role == "other":
                sub.role = s.role


_OUTLOOK_TERM = re.compile(pattern("outlook_terms"))
_OUTLOOK_PERIOD = re.compile(rf"{_PLAN_NAME}.*(?:{pattern('outlook_periods')})")
_FIRST_SENTENCE = re.compile(r"[^。！？\n]*")


def outlook_not_review(text: str, sections: list[Section]) -> None:
    """A top section after the first review section, taken for the review by its place, that opens on the coming term
    ("今后五年，是全面建成小康社会的决胜期…", "“十一五”时期，是天津…的关键时期") looks ahead: it and its sub-sections are
    the plan (their figures are the term's goals, not results)."""
    top = min((s.level for s in sections), default=1)
    reviews = [s for s in sections if s.level == top and s.role == "review"]
    for s in reviews[1:]:
        body = text.find("\n", s.start)
        if body < 0 or body >= s.end:
            continue
        first = _FIRST_SENTENCE.match(text, body + 1, s.end)
        opening = first.group() if first else ""
        if _OUTLOOK_TERM.search(opening) or _OUTLOOK_PERIOD.search(opening):
            for sub in sections:
                if s.start <= sub.start < s.end and sub.role == "review":
                    sub.role = "plan"


def _add_passage(text: str, sections: list[Section], span: tuple[int, int], role: str, default: str,
                 marked: set[int] | frozenset[int] = frozenset(), titled: bool = True) -> None:
    """A passage that is a paragraph rather than a heading, nested one level below its enclosing heading. `marked`:
    starts of the lines that were markdown or bold headings (such a heading is no announcement: it stays)."""
    start, end = span
    same = [s for s in sections if s.start == start]  # a numbered heading that is itself the announcement
    if same and start not in marked:
        sections.remove(same[0])
    parent_level = max((s.level for s in sections if s.start <= start < s.end), default=0)
    title = (_title_of(text[start:_line_end(text, start)]) if titled else "") or default
    sections.append(Section(level=parent_level + 1, number=None, title=title, role=role, start=start, end=end))
    sections.sort(key=lambda s: (s.start, s.level))


@lru_cache(maxsize=1)
def _problems_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, data_file.lines(__package__, "problems_cues.txt"))))


def find_problems_paragraph(text: str, sections: list[Section]) -> tuple[int, int] | None:
    """The paragraph on shortcomings inside (or right after) the review: "在肯定成绩的同时，我们也清醒看到…"."""
    plan_start = min((s.start for s in sections if s.role in ("plan", "targets")), default=len(text))
    for m in _problems_pattern().finditer(text, 0, plan_start):
        start = text.rfind("\n", 0, m.start()) + 1
        if m.start() - start > 40:
            continue
        while start < m.start() and text[start] in " \t\u3000*#>":
            start += 1
        return start, _line_end(text, m.start())
    return None


_MIN_OPENING = 300  # an opening this long before the plan is a body, not a salutation


@lru_cache(maxsize=1)
def _review_cue() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, data_file.lines(__package__, "review_opening_cues.txt"))))


def find_review_opening(text: str, sections: list[Section]) -> tuple[int, int] | None:
    """No heading names the review: the report's opening up to the first problems, targets or plan section is the
    review when it is long and speaks of the past year ("一年来", "比上年"): a review heading run into the opening
    line ("…请予审议。一、2003年工作的回顾"), or a report that opens on its results without one."""
    end = min((s.start for s in sections if s.role in ("problems", "targets", "plan")), default=None)
    return None if end is None else _opening(text, end)


def opening_before_review(text: str, sections: list[Section]) -> tuple[int, int] | None:
    """The first heading opens a review part, and the opening before it, under no heading the report marks ("五年奋进
    实现大跨越" / "“十一五”时期…2010年，地区生产总值达到5651亿元…" / "一、以佛山人精神凝聚发展共识"), is long and
    speaks of the past year or term: that opening is the review's first part."""
    first = min(sections, key=lambda s: s.start, default=None)
    return _opening(text, first.start, cued=False) if first is not None and first.role == "review" else None


def _opening(text: str, end: int, cued: bool = True) -> tuple[int, int] | None:
    """The report's opening before `end`, from its first body line, when it is long (and, if `cued`, holds a review
    cue)."""
    start = 0
    for line in _LINE.finditer(text, 0, end):  # from the first body line: the title page is no review
        if len(line.group(0).strip()) >= _BODY_LINE or "：" in line.group(0) or ":" in line.group(0):
            start = line.start()
            break
    if end - start < _MIN_OPENING or (cued and not _review_cue().search(text, start, end)):
        return None
    return start, end
