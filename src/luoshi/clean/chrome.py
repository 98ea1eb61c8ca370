"""Removal of everything that is not the report: page chrome, forum furniture, share prompts, contact spam,
photo captions and injected ad phrases. The body is kept from the title (or the report's first line) to its end.

Detectors are general (a short line with no sentence punctuation and a site/nav word; a run of gambling
vocabulary; chrome lines after the closing appeal); the word lists are data files.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np

from .. import data_file
from .charset import code_points
from .edits import Edit
from .prose import prose_model

CHROME_WORDS = data_file.lines(__package__, "chrome_words.txt")
WEAK_CHROME_WORDS = data_file.lines(__package__, "chrome_words_weak.txt")
_CHROME_RE = re.compile("|".join(re.escape(w) for w in sorted(CHROME_WORDS, key=len, reverse=True)))
_ANY_CHROME_RE = re.compile(
    "|".join(re.escape(w) for w in sorted(CHROME_WORDS + WEAK_CHROME_WORDS, key=len, reverse=True)))
_CONTACT_KEYS = ("QQ", "qq", "群主", "微信", "www.", "WWW.", "http")
_CONTACT_RE = re.compile("|".join(data_file.lines(__package__, "contact_patterns.txt")), re.IGNORECASE)

_AD = [ln.split("\t") for ln in data_file.lines(__package__, "ad_words.txt")]
_STRONG = [w for k, w in _AD if k == "strong"]
_AD_WORD = "(?:" + "|".join(re.escape(w) for _, w in sorted(_AD, key=lambda kw: -len(kw[1]))) + ")+"
# what may start a hit: strong and weak words ("tail" words only widen a run: "真人百家乐在线", never "PM10在线")
_HIT_WORD = "(?:" + "|".join(re.escape(w) for k, w in sorted(_AD, key=lambda kw: -len(kw[1])) if k != "tail") + ")+"
_BRAND = r"(?:\d{2,4}|[A-Za-z]{2,}\d*)"
# one ad segment: ad words with a brand glued before or after ("365体育彩票", "娱乐城bet365"); segments joined by
# _ - | / or spaces
_AD_SEGMENT = f"{_BRAND}?{_AD_WORD}{_BRAND}?"
_AD_RUN = re.compile(f"{_AD_SEGMENT}(?:[_\\-—|·\\s]*{_AD_SEGMENT})*")
_STRONG_RE = re.compile("|".join(re.escape(w) for w in _STRONG))
_BRAND_AD = re.compile(f"{_BRAND}{_HIT_WORD}")
_AD_HIT = re.compile(f"{_STRONG_RE.pattern}|{_HIT_WORD}(?=[_\\-—|·]*{_STRONG_RE.pattern})|(?<![\\d.])\\d{{3,4}}{_HIT_WORD}|[A-Za-z]{{2,}}\\d*{_HIT_WORD}")

SENTENCE_PUNCT = re.compile("[，。；！？!?]")
_LIST_PUNCT = re.compile("[，。；！？!?、]")
_NAV_SEPARATOR = re.compile(r"\s[/>»]\s|>>|→|首页\s*[>/]")
_TITLE = re.compile("(?:政府|人民政府|政府)?工作报告|国民经济和社会发展.*(?:规划|纲要|计划)|统计公报|规划纲要")
_TITLE_HEAD = re.compile(r"[*#\s]*[\u4e00-\u9fff]{2,20}[*\s]*")  # a first title line with no date or number
_PAGE = re.compile(r"[(（]?\s*第\s*(\d+)\s*/\s*(\d+)\s*页\s*[)）]?")
_DATELINE = re.compile(r"^[*#\s]*(?:[—\-－─]{1,3}|[(（]\s*\d{4}\s*年.*(?:会议|大会))")
_SPEAKER = re.compile(r"^[*\s]*\S{0,16}(?:长|主任|书记|主席|代表)\s+\S{2,4}$|^[*\s]*(?:代)?(?:省|市|县|区|州|盟|旗|镇|乡)长\S{0,4}$")
_GREETING = re.compile(r"^(?:各位代表|各位委员|同志们|代表们)")
_CAPTION = re.compile(r"^(?:图为|图片来源|（图|\(图|▲|△|\[图片\])")
_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|第[一二三四五六七八九十]+[部分章节])")
_CLOSING = re.compile(r"让我们|请予审议|请予评议|请审议")


@dataclass
class ChromeResult:
    edits: list[Edit] = field(default_factory=list)
    page: list[int] | None = None
    partial: bool = False
    title_found: bool = False


def is_chrome_line(line: str, *, edge: bool = False) -> bool:
    """A line of site furniture: contact spam; or a short line with a chrome word and no sentence or list
    punctuation; or a line with several chrome words. `edge`: above the title or below the closing, where the
    weaker words ("分享", "积分") count too."""
    s = line.strip()
    if not s:
        return False
    if _CONTACT_RE.search(s):
        return True
    words = _ANY_CHROME_RE if edge else _CHROME_RE
    hits = len(words.findall(s)) if len(s) < 80 else 0
    if hits >= 2 or (hits and len(s) < 40 and not _LIST_PUNCT.search(s)):
        return True
    if len(s) < 40 and s[-1] not in "。；！？" and len(set(_ANY_CHROME_RE.findall(s))) >= 2:
        return True  # a reply line: "回复 清风徐来：顶一下，楼主辛苦了" (回复, 楼主)
    return bool(_NAV_SEPARATOR.search(s)) and not SENTENCE_PUNCT.search(s)


_CREDITS = re.compile(r"(?:[\u4e00-\u9fff]{2,4}[：:]\s*[^\s，。；：:]{1,16}\s*){2,}")


def _junk_line(s: str) -> bool:
    """Head/tail lines that are not report text: chrome, or short lines with no sentence punctuation that are
    neither a heading nor a title."""
    if not s:
        return True
    if is_chrome_line(s, edge=True) or (_CREDITS.fullmatch(s) and len(s) <= 60):
        return True  # a credits line: "素材来源：… 编辑：… 审核：…"
    return len(s) < 30 and not SENTENCE_PUNCT.search(s) and not _HEADING.match(s) and not _TITLE.search(s)


_SPAM = re.compile("QQ|qq|群主|微信|联系")


def _removal_kind(s: str) -> str:
    if _CONTACT_RE.search(s) and _SPAM.search(s):
        return "contact"
    if _CAPTION.match(s):
        return "caption"
    if _DATE.search(s) or _NAV_SEPARATOR.search(s) or "来源" in s:
        return "furniture"
    if _STRONG_RE.search(s) or _BRAND_AD.search(s):
        return "ad"
    return "chrome" if _ANY_CHROME_RE.search(s) else "furniture"


def _is_body_line(s: str) -> bool:
    return bool(_GREETING.match(s)) or (
        len(s) >= 40 and len(SENTENCE_PUNCT.findall(s)) >= 2 and not is_chrome_line(s)
    )


def _is_title(s: str) -> bool:
    return (
        bool(_TITLE.search(s)) and len(s) <= 90 and not _NAV_SEPARATOR.search(s) and not s.startswith(("[", "【", "<"))
        and not _CHROME_RE.search(s) and s.count("。") == 0
    )


_AD_VOCAB = [w for k, w in _AD if k != "tail"]


_AD_FIRST = np.zeros(0x10001, dtype=bool)
_AD_FIRST[[ord(w[0]) for w in _AD_VOCAB]] = True
_AD_KEYS = np.array(sorted({ord(w[0]) << 16 | ord(w[1]) for w in _AD_VOCAB}), dtype=np.uint64)


def _ad_hits(text: str) -> list[int]:
    """Where an ad hit starts: the vocabulary's occurrences (each word's, left to right without overlap, as str.find
    finds them) found from the pairs of characters they start with in one numpy pass, then the hit regex in a small
    window."""
    cp = code_points(text)
    if len(cp) < 2:
        return []
    at = np.flatnonzero(_AD_FIRST[np.minimum(cp[:-1], 0x10000)])
    if not at.size:
        return []
    at = at[np.isin(cp[at].astype(np.uint64) << np.uint64(16) | cp[at + 1], _AD_KEYS)]
    hits = []
    free = dict.fromkeys(_AD_VOCAB, 0)  # where each word's next occurrence may start
    for i in at.tolist():
        for word in _AD_BY_PAIR[text[i:i + 2]]:
            if i >= free[word] and text.startswith(word, i):
                free[word] = i + len(word)
                m = _AD_HIT.search(text, max(0, i - 8), i + len(word) + 8)
                if m:
                    hits.append(m.start())
    return sorted(set(hits))


_CONTACT_FIRST = np.zeros(0x110000, dtype=bool)
_CONTACT_FIRST[[ord(k[0]) for k in _CONTACT_KEYS]] = True


def _contact_keys(text: str) -> list[int]:
    """Where a contact key (_CONTACT_KEYS: QQ, 微信, www., http …) starts: every occurrence, as str.find finds each
    key, from the characters they start with (one numpy pass instead of a scan a key)."""
    at = np.flatnonzero(_CONTACT_FIRST[code_points(text)])
    return [i for i in at.tolist() if text.startswith(_CONTACT_KEYS, i)]  # a tuple: any of the keys, in C


_AD_BY_PAIR: dict[str, list[str]] = {}
for _w in _AD_VOCAB:
    _AD_BY_PAIR.setdefault(_w[:2], []).append(_w)


# a short line that interrupts the report between two paragraphs and reads unlike report prose: chrome of a site
# whose words no list names ("长按识别二维码，获取更多资讯", "点击展开，查看完整图片"), or a post's time stamp
_NOT_FOREIGN = re.compile(r"^(?:[#*|<>\[【（(]|[一二三四五六七八九十]+、|\d+[.、．]|第[一二三四五六七八九十]+[部分章节]|——|-|附|注)")
_SPACES = re.compile(r"[\s\u2000-\u200b\u3000]+")
_MIXED = re.compile(r"[，：:、！？!?]|[A-Za-z0-9]")
_ISO_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d-\d{1,2}-\d{1,2}(?!\d)")
_POST_STAMP = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}")
# a page's counter or label: "…积分：6942", "浏览次数：123", or a Latin word ("VIP", "PDF"): no title, dateline or
# speaker line of a report has one
_PAGE_COUNTER = re.compile(r"[\u4e00-\u9fff][：:]\s*\d+$|[A-Za-z]{2,}")
FOREIGN_AT_LEAST = 6.5  # mean surprisal (nats a character) under the model of report prose; headings ~3, names ~8


def _filled_before(stripped: list[str], i: int) -> int:
    """The index of the nearest non-blank line above line i (blank lines between paragraphs are common), or -1."""
    for k in range(i - 1, max(-1, i - 20), -1):
        if stripped[k]:
            return k
    return -1


def _line_before(stripped: list[str], i: int) -> str:
    k = _filled_before(stripped, i)
    return stripped[k] if k >= 0 else ""


def _foreign_shape(s: str) -> bool:
    return 2 <= len(s) <= 40 and s[-1] not in "。；！？：:" and not _NOT_FOREIGN.match(s)


def _standalone(stripped: list[str], i: int) -> bool:
    """The line above line i is a short line of its own between paragraphs (an unnumbered heading: "“十三五”时期
    经济社会发展回顾"), not a fragment of hard-wrapped text."""
    k = _filled_before(stripped, i)
    above = _line_before(stripped, k) if k > 0 else ""
    return k >= 0 and len(stripped[k]) <= 30 and above.endswith(("。", "；", "！", "？"))  # after "：" it is a list item


_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[)）]$")


def _ends_sentence(s: str) -> bool:
    """A paragraph's end: closing punctuation, also before a closing note ("…手术。（牵头单位：市红十字会）")."""
    return s.endswith(("。", "；", "！", "？")) or _TRAILING_NOTE.sub("", s).rstrip().endswith(("。", "；", "！", "？"))


def _may_be_foreign(s: str, before: str, standalone: bool = False) -> bool:
    """Short, no closing punctuation, not a heading; set after a paragraph's end, after a heading (chrome is put
    under headings too), or after a line that may be foreign itself (a run of chrome lines: decided in order);
    after a line ending in "：" only a clause with no end (a list item or a note has none inside)."""
    return _foreign_shape(s) and (_ends_sentence(before) or _heading(before)
                                  or bool(_GREETING.match(before)) or standalone or _foreign_shape(before)
                                  or (before.endswith(("：", ":")) and "，" in s))


def _heading(s: str) -> bool:
    """A numbered or bold heading."""
    return len(s) <= 40 and bool(_HEADING.match(s.strip("*# ")) or (s.startswith("**") and s.endswith("**")))


def _mean_surprisal(lines: list[str]) -> list[float]:
    """Mean surprisal of each line (its characters and the line break after it), one model call for all."""
    lines = [_SPACES.sub("", s) for s in lines]  # "名  词  解  释" reads as 名词解释
    cost = prose_model().surprisal("\n" + "\n".join(lines) + "\n")
    out, pos = [], 1
    for s in lines:
        out.append(float(cost[pos:pos + len(s) + 1].mean()))
        pos += len(s) + 1
    return out


def _foreign_head_lines(idx: list[int], stripped: list[str]) -> list[int]:
    """Head lines (no title above the body, or between title and body) that are page furniture: a post date
    ("原创 … 2020-9-28") or unlike report prose; never a dateline, speaker, title or greeting."""
    cand = [i for i in idx if stripped[i] and not (_DATELINE.search(stripped[i]) or _SPEAKER.match(stripped[i])
            or _is_title(stripped[i]) or _GREETING.match(stripped[i]) or _NOT_FOREIGN.match(stripped[i]))
            and len(stripped[i]) <= 60 and not stripped[i].endswith(("。", "；"))]
    if not cand:
        return []
    means = _mean_surprisal([stripped[i] for i in cand])
    # by surprisal only a line with punctuation or Latin/digits inside: a bare name (the speaker) reads unlike prose too
    return [i for i, m in zip(cand, means) if _ISO_DATE.search(stripped[i]) or _PAGE_COUNTER.search(stripped[i])
            or (m >= FOREIGN_AT_LEAST and _MIXED.search(stripped[i]))]


def _foreign_lines(candidates: list[int], stripped: list[str]) -> list[int]:
    """The candidates with a post time stamp or a mean surprisal >= FOREIGN_AT_LEAST (one model call for all),
    whose line above ends a paragraph, is a heading, or is foreign itself."""
    if not candidates:
        return []
    out: list[int] = []
    for i, mean in zip(candidates, _mean_surprisal([stripped[i] for i in candidates])):
        if not (_POST_STAMP.search(stripped[i]) or mean >= FOREIGN_AT_LEAST):
            continue
        k = _filled_before(stripped, i)
        before = stripped[k] if k >= 0 else ""
        if _ends_sentence(before) or _heading(before) or _GREETING.match(before) \
                or (_foreign_shape(before) and _standalone(stripped, i)) or (out and out[-1] == k) \
                or (before.endswith(("：", ":")) and "，" in stripped[i]):
            out.append(i)
    return out


def find_ads(text: str) -> list[Edit]:
    """Injected gambling/ad runs, before the title and inside sentences: each hit of a strong word or a branded
    ad word is widened to the whole run of ad segments around it."""
    edits: list[Edit] = []
    covered = -1
    for start in _ad_hits(text):
        if start < covered:
            continue
        for m in _AD_RUN.finditer(text, max(0, start - 40), start + 120):
            if m.start() <= start < m.end():
                edits.append(Edit(m.start(), m.end(), "", "ad", log="removal"))
                covered = m.end()
                break
    return edits


def find_chrome(text: str) -> ChromeResult:
    """Lines outside the report (head before the title, tail after the closing, chrome lines inside)."""
    out = ChromeResult()
    lines = text.split("\n")
    starts = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    stripped = [ln.strip(" \t\u3000\xa0") for ln in lines]

    def drop(i: int, kind: str | None = None) -> None:
        end = starts[i] + len(lines[i]) + (1 if i + 1 < len(lines) else 0)
        if stripped[i]:
            out.edits.append(Edit(starts[i], end, "", kind or _removal_kind(stripped[i]), log="removal"))
        else:
            out.edits.append(Edit(starts[i], end, "", "blank", log="none"))

    body = next((i for i, s in enumerate(stripped) if _is_body_line(s)), None)
    if body is None:  # nothing that reads like report text: remove only chrome lines, keep the rest
        for i, s in enumerate(stripped):
            if s and is_chrome_line(s):
                drop(i)
        return out
    title = None
    for i in range(min(body, len(lines) - 1), -1, -1):
        if i < body and _is_title(stripped[i]):
            title = i
            break
    if title is not None:
        above = next((k for k in range(title - 1, -1, -1) if stripped[k]), None)
        if above is not None and _TITLE_HEAD.fullmatch(stripped[above]):
            title = above
    out.title_found = title is not None
    first = title if title is not None else next(
        (i for i in range(body) if _DATELINE.search(stripped[i]) and not _junk_line(stripped[i])), body)
    # a speaker line set just above the title ("湖北省省长 王国生" / "政府工作报告") is the report's, not the page's
    keep_above = next((k for k in range(first - 1, -1, -1) if stripped[k]), None) if title is not None else None
    if keep_above is not None and not _SPEAKER.match(stripped[keep_above]):
        keep_above = None
    head_foreign = set(_foreign_head_lines(
        [i for i in range(min(body, len(lines))) if i != first and (title is None or i > first)], stripped))
    for i in range(first):
        # with a title everything above it goes; without one only what is plainly chrome or page furniture
        if i != keep_above and (title is not None or is_chrome_line(stripped[i], edge=True) or not stripped[i]
                                or i in head_foreign):
            drop(i)
    # between the title and the body keep the title-like lines, the dateline and the speaker line
    for i in range(first + 1, min(body, len(lines))):
        s = stripped[i]
        if s and (is_chrome_line(s, edge=True) or i in head_foreign) and not (
            _DATELINE.search(s) or _SPEAKER.match(s) or _is_title(s) or _GREETING.match(s)
        ):
            drop(i)
    if title is not None:
        page = _PAGE.search(stripped[title])
        if page:
            k, n = int(page.group(1)), int(page.group(2))
            out.page = [k, n]
            out.partial = k > 1
            a = starts[title] + lines[title].index(page.group())
            out.edits.append(Edit(a, a + len(page.group()), "", "page", log="removal"))
        lead = re.match(r"\s*\d{1,4}\s+(?=(?:19|20)\d\d\s*年)", lines[title])
        if lead:
            out.edits.append(Edit(starts[title], starts[title] + lead.end(), "", "furniture", log="removal"))
    # tail: drop junk lines from the end back to the report's last sentence
    last = len(lines) - 1
    while last > body and _junk_line(stripped[last]) and not _CLOSING.search(stripped[last]):
        drop(last)
        last -= 1
    # inside: chrome lines, contact spam and captions (only lines a whole-text scan flags are looked at)
    flagged = {bisect.bisect_right(starts, i) - 1 for i in _contact_keys(text)}  # is_chrome_line below decides
    flagged.update(i for i in range(body, last + 1) if len(stripped[i]) < 40 or not SENTENCE_PUNCT.search(stripped[i]))
    foreign = []
    for i in sorted(flagged):
        s = stripped[i]
        if body <= i <= last and s and (is_chrome_line(s) or (_CAPTION.match(s) and len(s) < 80)):
            drop(i)
        elif body < i <= last and s and _foreign_shape(s) \
                and _may_be_foreign(s, _line_before(stripped, i), _standalone(stripped, i)):  # the shape first: cheap
            foreign.append(i)
    for i in _foreign_lines(foreign, stripped):
        drop(i, "chrome")
    # a copy that starts with a sub-section heading rather than with its beginning
    if title is None and body < len(lines) and re.match("[，、。；：）)”]", stripped[body]):
        out.partial = True  # the copy begins inside a sentence
    if not out.partial and body < len(lines) and re.match(r"^[（(][二三四五六七八九十]|^[二三四五六七八九十]+、", stripped[body]):
        out.partial = True
    return out
