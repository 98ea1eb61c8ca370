"""Metadata read from the text only: the title, the line under it, the speaker line, the opening, page furniture
(Quality.removed of kind "furniture") and hints (YAML front matter, a table row's columns, an HTML title).
Never from the file's name or path.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from typing import Any

from .. import data_file
from ..models import Meta, Quality, Section
from . import divisions
from .lexicon import pattern, words

_CN_NUM = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_YEAR = re.compile(r"[〇零○Ｏ一二三四五六七八九]{4}(?=年)")
_CN_MD = re.compile(r"(?<=年)([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DAMAGED_DATE = re.compile(r"((?:19|20)\d{2})\s*(\d{2,3})\s*日")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})")
_MEETING_CUE = re.compile(pattern("meeting_cues"))
_N = "[一二三四五六七八九十]+"
_MEETING = re.compile(
    rf"([\u4e00-\u9fffxX×]{{0,24}}?)\s*(第?{_N}届)\s*(全国)?\s*({pattern('congress')})\s*({pattern('standing_committee')})?\s*"
    rf"(第?{_N}次)?\s*([（(][^）)]{{1,6}}[）)])?\s*(全体)?\s*会议"
)
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_OPENING = re.compile(rf"我代表\s*([^，,。\n]{{0,24}}?)\s*(?:{pattern('government')})")
_NATIONAL = re.compile(rf"我代表\s*国务院|{pattern('national_cues')}")
_NAME = r"((?:[\u4e00-\u9fff·•]\s*){2,12})"
_SPEAKER_LINE_MAX = 36
_NOT_TITLE = re.compile(rf"{pattern('not_title')}|[。，]")
_STANDALONE_DATE = re.compile(r"^[（(—\s]*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[）)\s]*$")
# the line under the title holding the date and the speaker's name only: "（2003年1月14日 黄智权）"
_DATED_NAME = re.compile(r"^[（(—\s]*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*"
                         r"([\u4e00-\u9fff·]{2,4})\s*[）)]$")
_DATE_AT_END = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*"
                          r"(?:[\u4e00-\u9fff·]{2,4})?\s*[）)]?\**$")
_NOT_A_NAME_AFTER_DATE = re.compile(pattern("not_a_name_after_date"))
_YEAR_OF_REPORT = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:[^\d（(，。]{0,16}?)(?:政府)?工作报告")
_YEAR_IN_BRACKETS = re.compile(r"[（(][^）)]*?((?:19|20)\d{2})\s*年\s*[）)]")
_WORK_HEADING = re.compile(r"^[一二三四五六七八九十、.\s]*((?:19|20)\d{2})年(?:的)?(?:政府)?(?:主要)?工作"
                           rf"({pattern('work_heading_kinds')})")
_HEAD_LINES = 14
_HEAD_CHARS = 2500
_GENERIC_PREFIX = re.compile(rf"^(?:本|我|全)?(?:{pattern('generic_levels')})?$")
_REPORT_WORDS = re.compile(pattern("report_words"))
_DELIVERY_WORDS = re.compile(rf"向大会(?:作)?报告|向大会作关于\S{{2,40}}?的报告|{pattern('delivery_words')}")


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, str], ...]:
    """(as written, as reported) speaker titles, longest first: 国务院总理 -> 总理."""
    rows = [(r[0], r[1] if len(r) > 1 and r[1] else r[0]) for r in data_file.rows(__package__, "speaker_titles.tsv")]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


@lru_cache(maxsize=1)
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    titles = "|".join(re.escape(t) for t, _ in _titles())
    line = re.compile(rf"^(.{{0,16}}?)({titles})\s*[:：—?？]*\s*{_NAME}$")
    news = re.compile(rf"({titles})\s*([\u4e00-\u9fff·]{{2,4}}?)\s*(?:同志)?(?:代表\S{{0,8}})?作(?:了)?(?:政府)?工作报告"
                      rf"|({titles})([\u4e00-\u9fff·]{{2,3}}?)(?:在\S{{0,24}}(?:{pattern('congress')})|讲话)")
    name_first = re.compile(rf"([\u4e00-\u9fff·]{{2,4}}?)\s*({titles})在")
    return line, news, name_first


@lru_cache(maxsize=1)
def _merged_speaker() -> re.Pattern[str]:
    """The speaker line run into the salutation by the copy ("…北京市市长刘淇各位代表：")."""
    titles = "|".join(re.escape(t) for t, _ in _titles())
    return re.compile(rf"({titles})\s*((?:[\u4e00-\u9fff·]\s*){{2,4}}?)\s*各位代表")


_PARTY_POST = re.compile(rf"^[^，。、]{{0,10}}(?:{pattern('party_bodies')})[^，。、]{{0,6}}、$")  # "佛山市委常委、", "市委副书记、"
_TRAILING_DATE = re.compile(r"\s*[（(][^）)]{0,20}(?:19|20)\d{2}\s*年[^）)]{0,20}[）)]?$")  # "钮茂生（2002年1月"


@lru_cache(maxsize=1)
def _doc_types() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row[0], re.compile(row[1])) for row in data_file.rows(__package__, "doc_types.tsv"))


@dataclass
class _Sources:
    """The places metadata may come from, in order of trust."""

    head: list[str]  # lines of the text before the body
    furniture: list[str]
    hint_titles: list[str]
    columns: dict[str, str]
    body: str
    all_lines: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(s: str) -> str:
    return _t2s().convert(s)


def _normalise(s: str) -> str:
    s = s.replace("**", "").replace("\u3000", " ").replace("\xa0", " ").translate(_FULL_WIDTH_DIGITS)
    s = _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_NUM), s)
    s = _CN_MD.sub(lambda m: f"{_cn_small(m.group(1))}月{_cn_small(m.group(2))}日", s)
    return s.strip()


def _cn_small(s: str) -> str:
    digits = "一二三四五六七八九"
    if s == "十":
        return "10"
    if s.startswith("十"):
        return "1" + str(digits.index(s[1]) + 1)
    if s.endswith("十"):
        return str(digits.index(s[0]) + 1) + "0"
    if "十" in s:
        a, b = s.split("十")
        return str(digits.index(a) + 1) + str(digits.index(b) + 1)
    return str(digits.index(s) + 1)


def _gather(text: str, hints: dict[str, Any], sections: list[Section], quality: Quality) -> _Sources:
    body_start = min((s.start for s in sections), default=len(text))
    head_text = text[: min(body_start, _HEAD_CHARS)] if body_start > 0 else text[:300]
    if _looks_traditional(head_text):
        head_text = _to_simplified(head_text)
    head = [_normalise(x) for x in head_text.splitlines()[:_HEAD_LINES * 3] if x.strip()][: _HEAD_LINES * 2]
    furniture = [_normalise(r.text) for r in quality.removed if r.kind == "furniture"]
    if any(_looks_traditional(f) for f in furniture):
        furniture = [_to_simplified(f) for f in furniture]
    fm = hints.get("front_matter") or {}
    titles = []
    if isinstance(fm, dict):
        titles += [str(fm[k]) for k in ("title", "name") if fm.get(k)]
    columns = {str(k): str(v) for k, v in (hints.get("columns") or {}).items() if v is not None}
    if columns.get("title"):
        titles.append(columns["title"])
    if hints.get("html_title"):
        titles.append(str(hints["html_title"]))
    return _Sources(head, furniture, [_normalise(t) for t in titles], columns, text)


def _looks_traditional(s: str) -> bool:
    return sum(s.count(c) for c in "報們會屆區縣發經濟為於與過國") >= 3


def parse_meta(text: str, hints: dict[str, Any], sections: list[Section], quality: Quality) -> Meta:
    """Title, region (with adcode, level, province), year, kind, date, meeting, speaker, doc_type."""
    src = _gather(text, hints, sections, quality)
    meta = Meta()
    meta.title = _title(src)
    meta.doc_type = _doc_type(meta.title, src)
    meta.date, date_line = _date(src)
    meta.meeting = _meeting(src, date_line)
    meta.speaker, meta.speaker_title = _speaker(src)
    meta.year = _year(meta.title, meta.date, src, sections, meta.doc_type, meta.findings)
    if meta.date is None and meta.year and meta.doc_type == "work_report":
        meta.date = _yearless_date(src, meta.year) or _date_at_close(src, meta.year)
    meta.kind = _kind(meta.title, src, meta.doc_type)
    place = _region(src, meta, text)
    if place is not None:
        meta.region, meta.adcode, meta.level, meta.province, meta.parent = (
            place.region, place.adcode, place.level, place.province, place.parent)
    if meta.meeting:
        meta.meeting = _expand_meeting_prefix(meta.meeting, meta)
    meta.title = _identifying_title(meta.title, meta)
    _judge(meta, quality, sections, src)
    return meta


def _title(src: _Sources) -> str | None:
    for line in src.head[:6] + src.hint_titles + src.furniture:
        clean = re.sub(r"^\[[^\]]{1,6}\]\s*", "", line).strip("《》 #—-*")
        if clean.startswith("<!--") or _NOT_TITLE.search(clean):
            continue
        if 4 <= len(clean) <= 60 and (_REPORT_WORDS.search(clean) or _REPORT_ON.match(clean)
                                      or any(p.search(clean) for _, p in _doc_types())):
            return _FOOTNOTE_MARK.sub("", clean.replace("《", "").replace("》", "")).strip()
    return None


_REPORT_ON = re.compile(r"^关于\S{4,50}的报告$")  # "关于甘肃省…第十个五年计划纲要的报告": a report delivered on a plan
_FOOTNOTE_MARK = re.compile(r"\[\^?\d{1,2}\]")  # "统计公报[1]", "五年计划[^1]"
_GENERIC_TITLE = re.compile(r"^(?:政府)?工作报[告報]$")


def _identifying_title(title: str | None, meta: Meta) -> str | None:
    """A title line that names neither place nor year ("政府工作报告") is written out from the metadata read
    elsewhere ("2024年合肥市政府工作报告", the contract's form), so that a list of reports tells them apart; a title
    that names its place or year is kept as written."""
    if not title or not _GENERIC_TITLE.match(re.sub(r"\s+", "", title)) or not (meta.year or meta.region):
        return title
    place = "国务院" if meta.level == "national" else (meta.region or "")
    year = f"{meta.year}年" if meta.year else ""
    half = "上半年" if meta.kind == "half_year" else ""
    return f"{year}{half}{place}政府工作报告"


def _doc_type(title: str | None, src: _Sources) -> str:
    probe = " ".join(([title] if title else []) + src.hint_titles + [x for x in src.head[:3] if len(x) <= 60])
    if "政府工作报告" in probe and not _looks_like_news(src.body):
        return "work_report"
    for kind, cue in _doc_types():
        if cue.search(probe):
            return kind
    opening = src.body[:4000]
    if _looks_like_news(src.body):
        return "other"
    if _REPORT_WORDS.search(probe) or _DELIVERY_WORDS.search(opening):
        return "work_report"
    return "other"


_NEWS = re.compile(r"记者|新华社\S{0,8}电|[（(]\S{0,8}电[）)]|讯\s|日电")


def _looks_like_news(body: str) -> bool:
    """A short story about the report (a reporter, a dateline) rather than the report itself."""
    return len(body) < 6000 and "各位代表" not in body and bool(_NEWS.search(body[:300]))


def _date_candidates(line: str) -> list[tuple[int, int, int]]:
    return [(int(y), int(m), int(d)) for y, m, d in _DATE.findall(line)]


def _valid(y: int, m: int, d: int) -> bool:
    try:
        Date(y, m, d)
    except ValueError:
        return False
    return True


def _date(src: _Sources) -> tuple[str | None, str | None]:
    """The day delivered (or adopted, when the line says so): from a line naming the meeting."""
    lines = src.head + src.furniture + src.hint_titles
    for line in lines:
        if not _MEETING_CUE.search(line):
            continue
        for y, mo, d in _date_candidates(line):
            if _valid(y, mo, d):
                return _iso(y, mo, d), line
    for line in lines:  # the line under the title holding only the date: "（2005年2月22日）"
        m = _STANDALONE_DATE.match(line)
        if m and _valid(*map(int, m.groups())):
            return _iso(*map(int, m.groups())), line
    for line in src.hint_titles + src.head[:6]:  # in one line with the title or the speaker line:
        m = _DATE_AT_END.search(line)          # "邵阳市政府工作报告(2020年1月6日 刘事青）", "省长 钮茂生（2002年1月24日）"
        before = line[:m.start()].strip("* ") if m else ""
        if (m and _valid(*map(int, m.groups())) and _fits_title_year(int(m.group(1)), int(m.group(2)), src)
                and (_REPORT_WORDS.search(before) or _speaker_patterns()[0].match(before))):
            return _iso(*map(int, m.groups())), line
    for line in src.head[:6]:  # the date and the speaker's name: "（2003年1月14日 黄智权）"
        m = _DATED_NAME.match(line)
        if (m and not _NOT_A_NAME_AFTER_DATE.search(m.group(4)) and _valid(*map(int, m.groups()[:3]))
                and _fits_title_year(int(m.group(1)), int(m.group(2)), src)):
            return _iso(*map(int, m.groups()[:3])), line
    for line in lines:  # a damaged date ("2020116日") read with the help of the other dates on the page
        if not _MEETING_CUE.search(line):
            continue
        damaged = _DAMAGED_DATE.search(line)
        if damaged:
            found = _read_damaged(int(damaged.group(1)), damaged.group(2), src)
            if found:
                return found, line
    return None, None


# "——1月15日在…第三次会议上": a meeting line that gives the day but not the year
_YEARLESS_DATE = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# the last lines of an official copy: "2019年1月15日", "（2019年1月15日）", "××市人民政府 2019年1月15日"
_CLOSING_DATE = re.compile(r"^[（(\s]*(?:[\u4e00-\u9fff]{2,16}人民政府\s*)?((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月"
                           r"\s*(\d{1,2})\s*日[）)\s]*$")
_CLOSING_LINES = 4


def _delivery_fits(y: int, m: int, year: int) -> bool:
    """A delivery date falls in the report's year, or in the December or late November before it."""
    return y == year or (y == year - 1 and m >= 11)


def _yearless_date(src: _Sources, year: int) -> str | None:
    """The day from a meeting line that leaves out the year ("——1月15日在…第三次会议上"): the year is the report's
    own, or the one before for a November or December delivery. Page furniture (a photo caption in a comment:
    "1月18日上午，省长…在…人民代表大会第四次会议上作政府工作报告") counts only when it names a congress's meeting."""
    for line in src.head + [f for f in src.furniture if _MEETING.search(f)]:
        if not _MEETING_CUE.search(line) or _DATE.search(line):
            continue
        m = _YEARLESS_DATE.search(line)
        if m:
            mo, d = int(m.group(1)), int(m.group(2))
            y = year - 1 if mo >= 11 else year
            if _valid(y, mo, d):
                return _iso(y, mo, d)
    return None


def _date_at_close(src: _Sources, year: int) -> str | None:
    """A date standing alone on one of the last lines, as official copies sign off; it must fit the report's year
    (a closing "2015年12月31日前" inside a sentence is no such line)."""
    tail = [_normalise(x) for x in src.body[-600:].splitlines() if x.strip()][-_CLOSING_LINES:]
    for line in reversed(tail):
        m = _CLOSING_DATE.match(line)
        if m:
            y, mo, d = map(int, m.groups())
            if _valid(y, mo, d) and _delivery_fits(y, mo, year):
                return _iso(y, mo, d)
    return None


def _fits_title_year(y: int, m: int, src: _Sources) -> bool:
    """A date beside a name only (no meeting to vouch for it) must fall in the year a title names, or in the
    December before it: a copy of the 2003 report carries "（2010年2月20日 梁保华）"."""
    years = [int(t.group(1)) for t in map(_YEAR_OF_REPORT.search, src.hint_titles + src.head[:3]) if t]
    return not years or y == years[0] or (y == years[0] - 1 and m == 12)


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _read_damaged(year: int, digits: str, src: _Sources) -> str | None:
    splits = [(int(digits[:i]), int(digits[i:])) for i in (1, 2) if i < len(digits)]
    options = [(year, m, d) for m, d in splits if 1 <= m <= 12 and _valid(year, m, d)]
    if len(options) == 1:
        return _iso(*options[0])
    posted = [(int(y), int(m), int(d)) for line in src.furniture + src.head for y, m, d in _ISO_DATE.findall(line)]
    posted = [p for p in posted if _valid(*p)]
    if posted and options:
        latest = max(posted)
        before = [o for o in options if o <= latest]
        if len(before) == 1:
            return _iso(*before[0])
    return None


def _meeting(src: _Sources, date_line: str | None) -> str | None:
    short_head = [x for x in src.head if len(x) <= 60 and not _NOT_TITLE.search(x)]
    for line in ([date_line] if date_line else []) + short_head:
        m = _MEETING.search(line.replace(" ", ""))
        if m:
            return _format_meeting(m)
    # the line under the title broken in two by the page ("…在广东省第十四届" / "人民代表大会第五次会议上")
    for i, line in enumerate(src.head):
        if _DATE.search(line) and "届" in line and "会议" not in line:
            for piece in src.head[i + 1:i + 2] + src.furniture:
                m = _MEETING.search((line + piece).replace(" ", ""))
                if m:
                    return _format_meeting(m)
    for line in src.furniture + src.hint_titles:
        m = _MEETING.search(line.replace(" ", ""))
        if m:
            return _format_meeting(m)
    return None


def _format_meeting(m: re.Match[str]) -> str:
    prefix = re.sub(r"^日", "", m.group(1))  # the group starts right after "…9" of "1月9日"; 日照市 keeps its 日
    prefix = re.sub(r"^.*(?:在|的|—|－|-|\(|（)", "", prefix)
    if m.group(3):  # 全国人民代表大会
        prefix = ""
    session = m.group(2) if m.group(2).startswith("第") else "第" + m.group(2)
    body = (m.group(3) or "") + "人民代表大会"
    committee = "常务委员会" if m.group(5) else ""
    meeting_no = m.group(6) or ""
    if meeting_no and not meeting_no.startswith("第"):
        meeting_no = "第" + meeting_no
    extra = m.group(7) or ""
    plenary = m.group(8) or ""
    return f"{prefix}{session}{body}{committee}{meeting_no}{extra}{plenary}会议"


def _expand_meeting_prefix(meeting: str, meta: Meta) -> str:
    """"市十七届人大三次会议" names the congress of the report's own region: write it out."""
    m = re.match(rf"^({pattern('meeting_levels')})?(第)", meeting)
    if m and meta.region and meta.level != "national":
        return meta.region + meeting[m.start(2):]
    return meeting


def _speaker(src: _Sources) -> tuple[str | None, str | None]:
    line_pat, news_pat, name_first = _speaker_patterns()
    as_reported = dict(_titles())
    for line in src.head + src.furniture:
        if len(line) > _SPEAKER_LINE_MAX:
            continue
        m = line_pat.match(_TRAILING_DATE.sub("", line.replace("**", "").strip()))
        if m and (not re.search(r"[，。、]", m.group(1)) or _PARTY_POST.match(m.group(1))):
            name = re.sub(r"\s+", "", m.group(3))
            if _NOT_A_PERSON.search(name):
                continue
            if 2 <= len(name) <= 5 or ("·" in name or "•" in name):
                return name, as_reported[m.group(2)]
    for line in src.head:  # "——2016年1月24日在…会议上 自治区主席 陈 武"
        tail = re.search(r"会议上\s*(.+)$", line)
        m = line_pat.match(tail.group(1).strip()) if tail else None
        if m and tail and len(tail.group(1)) <= _SPEAKER_LINE_MAX:
            return re.sub(r"\s+", "", m.group(3)), as_reported[m.group(2)]
    for line in src.head[:4]:
        m = _merged_speaker().search(line)
        if m and not _NOT_A_PERSON.search(m.group(2)):
            return re.sub(r"\s+", "", m.group(2)), as_reported[m.group(1)]
    for line in src.head + src.furniture + src.hint_titles:
        m = news_pat.search(line)
        if m and not _NOT_A_PERSON.search(m.group(2) or m.group(4)):
            return (m.group(2), as_reported[m.group(1)]) if m.group(1) else (m.group(4), as_reported[m.group(3)])
        m = name_first.search(line)
        if m:
            return m.group(1), as_reported[m.group(2)]
    return _dated_name(src) or _name_only(src), _title_only(src)


def _dated_name(src: _Sources) -> str | None:
    """The name beside the date on the line under the title ("（2003年1月14日 黄智权）"); the office is not stated."""
    for line in src.head[:6]:
        m = _DATED_NAME.match(line)
        if m and not _NOT_A_NAME_AFTER_DATE.search(m.group(4)):
            return m.group(4)
    return None


_NOT_A_PERSON = re.compile(pattern("not_a_person"))
_NAME_ONLY = re.compile(r"^([\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3})$")
_UNDER_TITLE = re.compile(r"^[—－-]*\s*在.{2,40}会议上")  # "——在七台河市第十一届人民代表大会第六次会议上"
_NOT_NAME = re.compile(pattern("not_a_name"))


def _speaker_anchor(lines: list[str]) -> int | None:
    """The line the speaker line stands under: the dated line naming the meeting, else the line naming the meeting
    or a line holding only the date."""
    dated = next((i for i, x in enumerate(lines) if _DATE.search(x) and _MEETING_CUE.search(x)), None)
    if dated is None:
        dated = next((i for i, x in enumerate(lines) if _UNDER_TITLE.search(x) or _STANDALONE_DATE.match(x)), None)
    return dated


def _name_only(src: _Sources) -> str | None:
    """A line holding only a name where the speaker line stands, right under the line naming the meeting or the
    date ("毛伟明" under "——2024年1月…会议上"; "李兵" between "——在…会议上" and "2021年1月14日"), before 各位代表: the
    speaker, whose office the copy does not state."""
    lines = src.head[:8]
    dated = _speaker_anchor(lines)
    if dated is None:
        return None
    for line in lines[dated + 1:dated + 3] + src.furniture[:6]:
        m = _NAME_ONLY.match(line.replace("**", "").strip())
        if m and not _NOT_NAME.search(m.group(1)):
            return re.sub(r"\s+", "", m.group(1))
        if line.startswith("各位"):
            break
    return None


def _title_only(src: _Sources) -> str | None:
    """A line holding only an office under the dated line ("省人民政府省长"): the copy states the office but not the
    name, so the title is kept and the speaker stays null."""
    lines = src.head[:8]
    dated = _speaker_anchor(lines)
    if dated is None:
        return None
    as_reported = dict(_titles())
    for line in lines[dated + 1:dated + 3]:
        line = line.replace("**", "").strip()
        if line.startswith("各位"):
            break
        m = _TITLE_ONLY.match(line)
        if m and as_reported.get(m.group(2)):
            return as_reported[m.group(2)]
    return None


_TITLE_ONLY = re.compile(r"^([\u4e00-\u9fff]{0,12}?人民政府)?(\S{1,8})$")


def _year(title: str | None, delivered: str | None, src: _Sources, sections: list[Section],
          doc_type: str = "work_report", findings: list[str] | None = None) -> int | None:
    if doc_type == "communique":
        return _reported_year(title, delivered, src)
    if doc_type == "five_year_plan":
        first = _plan_first_year(title, src)
        if first:
            return first
    own = _target_year(src.body) if doc_type == "work_report" else None
    for t in ([title] if title else []) + src.hint_titles:
        m = _YEAR_OF_REPORT.search(t) or _YEAR_IN_BRACKETS.search(t) or _BARE_YEAR_IN_BRACKETS.search(t)
        if m and not _DATE.match(t, m.start(1)):  # "（2023年12月31日 李挚）" is a date, not the report's year
            return _prefer_own(own, int(m.group(1)), f"the title {t!r}", findings)
    if delivered:
        return _prefer_own(own, _year_of_delivery(*map(int, delivered.split("-"))), f"delivery on {delivered}",
                           findings)
    if own:
        return own
    for t in src.hint_titles:
        for y, m, d in _DATE.findall(t):
            if _valid(int(y), int(m), int(d)):
                return _year_of_delivery(int(y), int(m), int(d))
    if src.columns.get("year", "").isdigit():
        return int(src.columns["year"])
    for t in src.furniture:  # a printing or posting date early in the year
        for y, m, d in _DATE.findall(t):
            if _valid(int(y), int(m), int(d)) and int(m) <= 3:
                return int(y)
    top = min((s.level for s in sections), default=1)
    review_years = [int(y) for s in sections if s.role == "review" and s.level == top
                    for y in _TITLE_YEAR.findall(s.title)]
    plan_years = [int(y) for s in sections if s.role in ("plan", "targets") and s.level == top
                  for y in _TITLE_YEAR.findall(s.title)]
    if review_years:
        return max(review_years) + 1
    if plan_years:
        return min(plan_years)
    for line in src.head + src.body[:20000].splitlines():
        m = _WORK_HEADING.match(line.strip(" *#\u3000")) if len(line) <= 40 else None
        if m:
            return int(m.group(1)) + (1 if m.group(2) == "回顾" else 0)
    return _year_from_body(src.body, sections)


def _reported_year(title: str | None, published: str | None, src: _Sources) -> int | None:
    """A statistical communiqué's year is the year it reports on: the year its title names ("关于1978年…的公报",
    "2023年国民经济和社会发展统计公报"), else the year before its publication (communiqués come out in spring)."""
    for t in ([title] if title else []) + src.hint_titles:
        for m in _TITLE_YEAR.finditer(t):
            if not _DATE.match(t, m.start(1)):
                return int(m.group(1))
    return int(published[:4]) - 1 if published else None


_PLAN = pattern("plan_words")
_PLAN_ORDINAL = re.compile(rf"第([一二三四五六七八九十]{{1,3}})个五年(?:{_PLAN})|([一二三四五六七八九十]{{1,2}})五[”\"]?(?:{_PLAN})")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]{1,2}\s*(?:19|20)\d{2}")


@lru_cache(maxsize=1)
def _plan_periods() -> dict[str, int]:
    return {ordinal: int(first) for ordinal, first in data_file.rows(__package__, "plan_periods.tsv")}


def _plan_first_year(title: str | None, src: _Sources) -> int | None:
    """A plan's year is the first year of the period it plans: from its ordinal ("第十四个五年规划" -> 2021,
    "“九五”计划" -> 1996), else from a span it states ("1976—1985年…十年规划纲要", "> 1986-1990")."""
    probes = ([title] if title else []) + src.hint_titles
    for t in probes:
        m = _PLAN_ORDINAL.search(t)
        if m and (first := _plan_periods().get(m.group(1) or m.group(2))):
            return first
    for t in probes + [x for x in src.head[:6] if len(x) <= 60]:
        m = _YEAR_RANGE.search(t)
        if m:
            return int(m.group(1))
    return None


def _year_from_body(text: str, sections: list[Section]) -> int | None:
    """Last resort: the year after the one the review part names most often."""
    review = "".join(text[s.start:s.end] for s in sections if s.role == "review" and s.level == 1)
    if review:  # a review of five years names them all: the report's year follows the latest it reviews
        past = Counter(int(y) for y in _PAST_YEAR.findall(review))
        named_twice = [y for y, n in past.items() if n >= 2] or list(past)
        return max(named_twice) + 1 if named_twice else None
    years = Counter(int(y) for y in _TITLE_YEAR.findall(text[:15000]))
    if not years:
        return None
    return years.most_common(1)[0][0]


_PAST_YEAR = re.compile(rf"(?<![到至—\-~～])((?:19|20)\d{{2}})\s*年(?!\s*(?:{pattern('not_past_year_after')}))")


def _year_of_delivery(y: int, m: int, d: int) -> int:
    """A report delivered in December sets the next year's targets and plan; one delivered in November does only
    when it says so (`_target_year`): a new congress's first session in November hears a five-year report."""
    return y + 1 if m == 12 else y


# "2009年我省经济社会发展的主要预期目标是", "1997年的奋斗目标", "2003年预期目标": the year whose targets the report
# sets, in its own words (not "到2020年…目标", nor "2035年远景目标")
_TARGET_YEAR = re.compile(r"(?<![到至—\-~～])((?:19|20)\d{2})\s*年\s*(?:的|度)?(?:[^，。；、\d\n“”远]{0,14}?)"
                          rf"(?:主要)?(?:{pattern('target_kinds')})?目标(?:是|为|：|:|\*)")
_BARE_YEAR_IN_BRACKETS = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*[）)]")  # "政府工作报告（2012）"


def _target_year(body: str) -> int | None:
    m = _TARGET_YEAR.search(body)
    return int(m.group(1)) if m else None


def _prefer_own(own: int | None, other: int, source: str, findings: list[str] | None) -> int:
    """The year the report sets targets for, in its own words, wins over a title or a delivery date that names
    another; the conflict is noted in the parse stage's findings."""
    if own is None or own == other:
        return other
    if findings is not None:
        findings.append(f"year: {source} gives {other}, the report sets the targets of {own}")
    return own


def _kind(title: str | None, src: _Sources, doc_type: str) -> str:
    if doc_type != "work_report":
        return "other"
    probe = " ".join(([title] if title else []) + src.hint_titles + src.head[:4] + src.furniture[:4])
    return "half_year" if "上半年" in probe else "annual"


def _candidates(src: _Sources, meta: Meta) -> list[str]:
    """Place strings, most trusted first."""
    out: list[str] = []
    if meta.meeting:
        m = _MEETING.search(meta.meeting)
        if m:
            out.append(m.group(1))
    for line in src.head[:12]:
        op = _OPENING.search(line)
        if op:
            out.append(op.group(1))
            break
    for t in ([meta.title] if meta.title else []) + src.hint_titles:
        t = re.sub(r"^\[[^\]]{1,6}\]\s*", "", t)
        t = _TITLE_NOISE.sub("", t)
        out.append(t)
    line_pat = _speaker_patterns()[0]
    for line in src.head + src.furniture:
        m = line_pat.match(line) if len(line) <= _SPEAKER_LINE_MAX else None
        if m:
            out.append(re.sub(r"人民政府$", "", m.group(1)))
    out += _comment_places(src.head + src.furniture)
    out += [f for f in src.furniture if len(f) <= 40 and not line_pat.match(f)]
    for key in ("region", "city", "district", "county", "province"):
        if src.columns.get(key):
            out.append(src.columns[key])
    return [c.strip() for c in out if c and c.strip()]


# what a hint title carries besides the place: a year or date, book-title marks, the title's own words
_TITLE_NOISE = re.compile(rf"(?:19|20)\d{{2}}\s*年(?:\d{{1,2}}月\d{{1,2}}日)?|《|》|{pattern('title_noise')}|政府.*$")
_COMMENT = re.compile(r"<!--(.*?)(?:-->|$)")
_OFFICE_CAPTION = re.compile(rf"^\s*([\u4e00-\u9fff]{{2,12}}?)(?:人民政府)?(?:{pattern('acting')})?(?:{pattern('head_titles')})"
                             r"[\u4e00-\u9fff·]{2,4}作")  # "张家口市市长侯亮作政府工作报告"
_SITE = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:人民)?政府(?:门户)?网站")  # "（驻马店市政府网站）"


def _comment_places(lines: list[str]) -> list[str]:
    """Places an HTML comment of the copy names: the meeting in a photo caption ("省长陈润儿在河南省第十三届人民
    代表大会…"), the site the copy came from ("（驻马店市政府网站）")."""
    out = []
    for line in lines:
        for comment in _COMMENT.findall(line):
            m = _MEETING.search(comment.replace(" ", "")) or _SITE.search(comment) or _OFFICE_CAPTION.search(comment)
            if m:
                out.append(re.sub(r"^.*(?:在|的|（|\()", "", m.group(1)))
    return out


@lru_cache(maxsize=1)
def _national_cues() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{line})" for line in data_file.lines(__package__, "national_cues.txt")))


def _issued_by_the_nation(src: _Sources, meta: Meta) -> bool:
    """The title or a short head line names the country or a national body as the issuer ("中华人民共和国…纲要",
    "国家统计局" under a communiqué's title)."""
    cues = _national_cues()
    return any(cues.search(x) for x in ([meta.title] if meta.title else []) + src.head if len(x) <= 60)


def _speaks_for_the_nation(text: str) -> bool:
    """A plan or communiqué with no place in its head that says 我国/全国 more often than it names any division."""
    voice = text.count("我国") + text.count("全国")
    counts = Counter(divisions.full_name_mentions(text[:20000]))
    top = counts.most_common(1)[0][1] if counts else 0
    local = sum(text.count(word) for word in _voice_words())  # "全市", "我省": a place speaking of itself
    return voice >= 5 and voice > top and voice > local


def _region(src: _Sources, meta: Meta, text: str) -> divisions.Place | None:
    head = "\n".join(src.head)
    national_meeting = bool(meta.meeting and "全国人民代表大会" in meta.meeting)
    if _NATIONAL.search(head) or national_meeting or _issued_by_the_nation(src, meta):
        return divisions.NATIONAL
    year = meta.year
    context = head + "\n" + text[:6000]
    level_hint = _level_hint(src, meta)
    places: list[divisions.Place] = []
    town_name: str | None = None
    for cand in _candidates(src, meta):
        if _GENERIC_PREFIX.match(cand):
            continue
        place = divisions.resolve(cand, year, context)
        if place is None or (place.region is None and place.level == "town" and not town_name):
            continue
        if place.region is None:  # anonymised copy: only the level is known
            return place
        if place.level == "town" and place.parent is None:
            town_name = town_name or place.region
            continue
        places.append(place)
    best = _agree(places, level_hint, text)
    if town_name:
        return _town_with_parent(town_name, best, context, year)
    if best is None and meta.doc_type != "work_report" and _speaks_for_the_nation(text):
        return divisions.NATIONAL
    if best is None and level_hint != ("town",):
        best = _most_mentioned(text, year, levels=level_hint or _ALL_LEVELS, ending=_own_suffix(src, meta),
                               voice=() if level_hint else _voice(src, text), sole=_sole_voice(text))
    return best


def _agree(places: list[divisions.Place], level_hint: tuple[str, ...], text: str) -> divisions.Place | None:
    """The most specific place the candidates agree on; when they name different places, the one the body
    names most often (a typo in the line under the title must not win over the title and the body)."""
    if not places:
        return None
    fitting = [p for p in places if not level_hint or p.level in level_hint] or places
    groups: list[list[divisions.Place]] = []
    for p in fitting:
        for g in groups:
            if _nested(p, g[0]):
                g.append(p)
                break
        else:
            groups.append([p])

    def support(g: list[divisions.Place]) -> tuple[int, int]:
        names = {p.region for p in g if p.region}
        return (sum(text.count(divisions.short_name(n.split(p.parent or "")[-1] if p.parent else n))
                    for n in names for p in g[:1]), len(g))

    group = groups[0] if len(groups) == 1 else max(groups, key=support)
    return max(group, key=lambda p: _RANK[p.level])


def _nested(a: divisions.Place, b: divisions.Place) -> bool:
    if not a.adcode or not b.adcode:
        return a.region == b.region
    lo, hi = (a, b) if _RANK[a.level] >= _RANK[b.level] else (b, a)
    prefix = {"province": 2, "city": 4}.get(hi.level, 6)
    return (lo.adcode or "")[:prefix] == (hi.adcode or "")[:prefix]


_ALL_LEVELS = ("province", "city", "county", "district")
_CITY_VOICE = ("city", "county", "province")  # a 市: a city, a county-level city or a municipality (北京市)
_RANK = {"national": -1, "province": 0, "city": 1, "county": 2, "district": 2, "town": 3, "unknown": 4}


def _level_hint(src: _Sources, meta: Meta) -> tuple[str, ...]:
    """The level the speaker's office or the opening implies ("区长" -> district, "我代表镇人民政府" -> town)."""
    title = meta.speaker_title or ""
    for suffix, levels in (("镇长", ("town",)), ("乡长", ("town",)), ("区长", ("district",)), ("县长", ("county",)),
                           ("旗长", ("county",)), ("省长", ("province",)), ("自治区主席", ("province",)),
                           ("州长", ("city",)), ("盟长", ("city",)), ("市长", ("city", "county", "province"))):
        if title.endswith(suffix):
            return levels
    for line in src.head[:12]:
        op = _OPENING.search(line)
        if op and _GENERIC_PREFIX.match(op.group(1)):
            suffix = op.group(1).lstrip("本我全")
            return {"镇": ("town",), "乡": ("town",), "街道": ("town",), "区": ("district",), "县": ("county",),
                    "旗": ("county",), "省": ("province",), "自治区": ("province",),
                    "州": ("city",), "盟": ("city",)}.get(suffix, ())
    return ()


@lru_cache(maxsize=1)
def _voice_words() -> dict[str, tuple[str, ...]]:
    return {word: tuple(levels.split()) for word, levels in data_file.rows(__package__, "voice_levels.tsv")}


def _voice(src: _Sources, text: str) -> tuple[str, ...]:
    """The level of the place speaking, from how the report names the whole of it ("我代表市人民政府", "全市",
    "我省"): for a copy whose head names no place or whose place strings disagree with the level of its voice."""
    for line in src.head[:12]:
        op = _OPENING.search(line)
        if op and op.group(1) in words("city_voice"):
            return _voice_words()["全市"]
    ranked = _voice_counts(text)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]):
        return ranked[0][0]
    return ()


def _voice_counts(text: str) -> list[tuple[tuple[str, ...], int]]:
    """The two levels the report speaks as most often, with how often ("全市" + "我市" + "本市" …)."""
    counts: Counter[tuple[str, ...]] = Counter()
    body = text[:30000]
    for word, levels in _voice_words().items():
        counts[levels] += body.count(word)
    return counts.most_common(2)


def _sole_voice(text: str) -> bool:
    """The report speaks as one level only ("全省", "我省" dozens of times, "全市" never): its own name may be
    almost absent from the body (黑龙江 2012 names 黑龙江 once and 哈尔滨 four times)."""
    ranked = _voice_counts(text)
    return bool(ranked) and ranked[0][1] >= 10 and (len(ranked) == 1 or ranked[0][1] >= 10 * ranked[1][1])


def _town_with_parent(town: str, parent: divisions.Place | None, context: str, year: int | None) -> divisions.Place:
    stem = re.sub(rf"(?:{pattern('town_suffixes')})$", "", town)
    if parent is None or parent.level in ("province", "town"):
        # the nearest division named right before the town's stem ("昆山市淀山湖"), else the most mentioned one
        m = re.search(rf"([\u4e00-\u9fff]{{2,8}}?(?:市|县|区))\s*{re.escape(stem)}", context)
        found = divisions.resolve(m.group(1), year, context) if m else None
        parent = found if found and found.region else _most_mentioned(context, year, exclude=stem,
                                                                      levels=("county", "district", "city"))
    if parent is None or parent.region is None:
        return divisions.Place(town, None, "town", None)
    base = parent.region.split(parent.parent)[-1] if parent.parent and parent.level == "district" else parent.region
    return divisions.Place(base + town, None, "town", parent.province, parent.region)


def _own_suffix(src: _Sources, meta: Meta) -> str:
    """"州" when the meeting or the opening names the place by its kind only ("自治州第十五届人民代表大会",
    "我代表州人民政府"): the report is a prefecture's (恩施土家族苗族自治州), not a city's."""
    ops = [op.group(1) for op in map(_OPENING.search, src.head[:12]) if op]
    if re.match(r"(?:自治)?州第", meta.meeting or "") or (ops and ops[0] in words("prefecture_voice")):
        return "州"
    return ""


def _most_mentioned(text: str, year: int | None, exclude: str = "",
                    levels: tuple[str, ...] = (), ending: str = "", voice: tuple[str, ...] = (),
                    sole: bool = False) -> divisions.Place | None:
    """Fallback for copies without a title: the division of a fitting level the text names most often
    (full names; short names only for provinces and cities, as "资源" or "合作" are words too)."""
    levels = levels or ("city", "county", "district")

    def fits(d: divisions.Division) -> bool:  # a 市长 heads a city, a county-level city or a municipality (北京市)
        return (d.level in levels and d.valid_in(year) and d.name.endswith(ending)
                and not (d.level == "province" and levels == _CITY_VOICE and not d.name.endswith("市")))

    counts: Counter[divisions.Division] = Counter()
    for name in divisions.full_name_mentions(text[:20000]):
        if name == exclude:
            continue
        for d in divisions.named(name):
            if fits(d) and (name == d.name or d.level in ("province", "city")):
                counts[d] += 1
    for d, n in divisions.short_name_counts(_without_idioms(text[:20000])).items():  # "宁波经济", "建设美丽合肥"
        if fits(d) and n > counts[d]:
            counts[d] = n
    def speaks_as(d: divisions.Division) -> bool:
        return d.level in voice and not (d.level == "province" and voice == _CITY_VOICE and not d.name.endswith("市"))

    if voice and sole and any(map(speaks_as, counts)):  # it speaks as nothing else; the places it names inside
        inside: Counter[divisions.Division] = Counter()  # a place support it (哈尔滨, 佳木斯 -> 黑龙江省)
        for c, n in counts.items():
            for d in counts:
                if d != c and speaks_as(d) and divisions.is_under(c, d):
                    inside[d] += n
        counts = Counter({d: n + inside[d] for d, n in counts.items() if speaks_as(d)})
    elif voice:  # the level the report speaks as ("全市", "我省") weighs its names up, without ruling others out
        counts = Counter({d: n * (2 if speaks_as(d) else 1) for d, n in counts.items()})
    ranked = counts.most_common(2)
    for d, n in ranked[:1]:
        if (n >= 2 or levels == ("province",)) and (len(ranked) == 1 or n > ranked[1][1]):
            return divisions.place_of(d)
    return None


@lru_cache(maxsize=1)
def _idioms() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, data_file.lines(__package__, "not_place_words.txt"))))


def _without_idioms(text: str) -> str:
    return _idioms().sub("", text)


def _judge(meta: Meta, quality: Quality, sections: list[Section], src: _Sources) -> None:
    """Doubts about the document: not a work report, or a copy missing its first page (read from clean's quality,
    written into the metadata only)."""
    if meta.doc_type != "work_report":
        meta.confidence = min(meta.confidence, 0.5)
        meta.doubts.append(f"not a government work report ({meta.doc_type})")
    if quality.page and quality.page[0] > 1:
        meta.partial = True
    elif sections and not meta.date and not any(_OPENING.search(x) for x in src.head[:12]):
        first = sections[0]
        if first.number and first.number not in ("一", "1") and first.start < 400:
            meta.partial = True
    if (quality.partial or meta.partial) and not any("partial" in r for r in quality.reasons + meta.doubts):
        meta.doubts.append("partial copy: the first page is missing")
        meta.confidence = min(meta.confidence, 0.8)

