"""The main expected targets passage: from the sentence that announces it to the end of its list."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import data_file
from .lexicon import pattern

_SENTENCE_START = re.compile(r"[。！？!?\n]")
_LIST_ITEM = re.compile(r"[\s\u3000*]*(?:[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]?[、.．，]?|[一二三四五六七八九十]是|[①-⑳]|[-•·—])")
_THIS_YEAR = re.compile(r"今年|(?:19|20)\d{2}年")
# only in the cue's own clause: "围绕推动高质量发展，今年主要预期目标是" announces the targets
_NEGATIVE_BEFORE = re.compile(rf"(?:{pattern('review_verbs')})[^。；，,\n]{{0,12}}$")


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    words = data_file.lines(__package__, "targets_cues.txt") + data_file.lines(__package__, "targets_cues_loose.txt")
    cues = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    # "主要预期目标和约束性指标是：", "主要经济指标预期是", "主要奋斗目标的建议是：", "主要指标计划安排如下："
    rest = rf"(?:{pattern('cue_objects')})?\s*(?:{pattern('cue_kinds')})?"
    verb = rf"(?:{pattern('cue_leads')})?(?:{pattern('cue_verbs')})?"
    proposal, set_verb, copula = pattern("proposal_words"), pattern("cue_verbs"), pattern("cue_copulas")
    return re.compile(rf"(?:{cues}){rest}(?:{verb}(?:{copula})?\s*[：:]|(?:{proposal})?(?:{set_verb})?(?:{copula}))")


@lru_cache(maxsize=1)
def _cue_pattern_strict() -> re.Pattern[str]:
    words = data_file.lines(__package__, "targets_cues.txt")
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def _loose_cue() -> re.Pattern[str]:
    words = data_file.lines(__package__, "targets_cues_loose.txt")
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


_TERM_BODY = re.compile(rf"{pattern('yearly_average')}|到(?:19|20)\d{{2}}年|{pattern('doublings')}")


def _loose_cue_passes(text: str, cue_end: int, end: int) -> bool:
    """A loose cue (奋斗目标是：, 总体目标是：) announces the year's targets only when what follows lists several
    figures and none over a term ("年均增长…", "到2000年…", "翻两番")."""
    body = text[cue_end:end]
    return len(_TARGET_CLAUSE.findall(body)) >= 3 and not _TERM_BODY.search(body)


@lru_cache(maxsize=1)
def _multiyear() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, data_file.lines(__package__, "targets_multiyear.txt"))))


def _announce_start(text: str, pos: int) -> int:
    """Start of the sentence holding pos (across a line broken inside the sentence: "发展的\n主要预期目标\n是：")."""
    i = pos
    while i > 0:
        ch = text[i - 1]
        if ch == "\n":
            before = text[:i - 1].rstrip(" \t\u3000*")
            broken = text[i:pos].strip(" \t\u3000*") == "" and before and before[-1] not in "。！？：:；;!?"
            if not broken:
                break
            pos = i - 1 - (len(text[:i - 1]) - len(before))
        elif _SENTENCE_START.match(ch):
            break
        i -= 1
    while i < pos and text[i] in " \t\u3000*#>":
        i += 1
    return i


def _list_end(text: str, line_end: int) -> int:
    """Extend over the following list lines (one target per line) when the announcing paragraph ends in a list."""
    end = line_end
    pos = line_end
    prev = text[:line_end].rstrip(" \t\u3000*")[-1:] or ""  # "主要预期目标是:**": the colon under the bold
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
            end = pos + (nl - pos - len(line)) + len(line.rstrip())  # past the newline strip("\n") took off the front
            while end > pos and text[end - 1] in " \t\u3000\n":
                end -= 1
            prev = stripped.rstrip("*")[-1:]
            pos = nl
            if prev == "。" and not is_item:
                break
            continue
        break
    return end


_FIGURE = re.compile(rf"\d(?:\.\d+)?\s*(?:%|％|‰|{pattern('figure_units')})")
_TOPIC_LEAD = re.compile(r"[^。！？\n\d０-９%％]{4,40}。")


def _topic_paragraph(paragraph: str) -> bool:
    """A paragraph that opens with a short aim without figures and then lists two or more targets:
    "促进农村经济持续稳定发展。粮食总产量2900万吨，肉类产量420万吨，水产品产量74万吨以上。…"."""
    lead = _TOPIC_LEAD.match(paragraph)
    if not lead or _PAST.search(paragraph):
        return False
    return bool(_TARGET_CLAUSE.search(paragraph, lead.end())) and len(_FIGURE.findall(paragraph, lead.end())) >= 2


def _topic_paragraphs_end(text: str, end: int) -> int:
    """A list given as paragraphs, one per policy area, each an aim and its targets ("主要目标和任务是：" followed by
    ten such paragraphs): when the passage so far ends in one, extend over the ones that follow."""
    start = text.rfind("\n", 0, end) + 1
    if not _topic_paragraph(text[start:end].strip(" \t\u3000")):
        return end
    pos = end
    while pos < len(text):
        nl = text.find("\n", pos + 1)
        nl = len(text) if nl < 0 else nl
        paragraph = text[pos:nl].strip(" \t\u3000\n")
        if paragraph:
            if not _topic_paragraph(paragraph):
                break
            end = nl
        pos = nl
    return end


@lru_cache(maxsize=1)
def _after_pattern() -> re.Pattern[str]:
    words = "|".join(map(re.escape, data_file.lines(__package__, "targets_after.txt")))
    return re.compile(rf"(?<=[。！？])\s*(?:{words})")


def _trim_explanation(text: str, cue_end: int, end: int) -> int:
    """End the passage before the explanation or the plan that follows the targets in the same paragraph."""
    m = _after_pattern().search(text, cue_end, end)
    return m.start() if m else end


def find_targets_passage(text: str) -> tuple[int, int] | None:
    """(start, end) of the main expected targets passage, or None."""
    best: tuple[tuple, tuple[int, int]] | None = None
    plan = _is_plan(text)  # a five-year plan's own targets are over its term: no year's passage to prefer
    for m in _cue_pattern().finditer(text):
        before = text[max(0, m.start() - 20):m.start()]
        if _NEGATIVE_BEFORE.search(before):
            continue
        start = _announce_start(text, m.start())
        clauses = re.split(r"[，,；;]", text[start:m.start()])
        if _multiyear().search(clauses[-1]) and "今年" not in clauses[-1]:
            continue
        if _multiyear().search(clauses[0]) and not _THIS_YEAR.search(text[start:m.end()]):
            continue  # "今后五年，…主要预期目标是" / "“十三五”时期，…": the term's targets, not the year's
        nl = text.find("\n", m.end())
        line_end = len(text) if nl < 0 else nl
        while line_end > m.end() and text[line_end - 1] in " \t\u3000\r":
            line_end -= 1
        tail = text[m.end():line_end].strip(" *\u3000")
        end = line_end
        if len(tail) < 6 or tail.endswith(("：", ":")):
            end = _topic_paragraphs_end(text, _list_end(text, line_end))
        candidate = (start, _trim_explanation(text, m.end(), end))
        loose = _loose_cue().match(m.group(0))
        if loose and not _cue_pattern_strict().match(m.group(0)) and not _loose_cue_passes(text, m.end(), candidate[1]):
            continue
        if _PAST.search(text[start:m.start()]):
            continue  # "去年主要预期目标是…": a past year's targets, quoted in the review
        annual = not plan and _annual_body(text[m.end():candidate[1]])
        key = (annual, "预期" in m.group(0), m.group(0).endswith(("：", ":")), -m.start())
        if best is None or key > best[0]:
            best = (key, candidate)
    return best[1] if best else _dense_paragraph(text)


_PAST = re.compile(pattern("past_words"))
_ANNUAL_FIGURE = re.compile(rf"(?<!年均)(?<!年平均)(?<!平均)(?:{pattern('growth_words')})[^，；。\n]{{0,6}}?\d")
_TERM_FIGURE = re.compile(rf"(?:{pattern('term_rate_heads')})(?:{pattern('rate_words')})|到(?:19|20)\d{{2}}年|{pattern('doubling_words')}")


@lru_cache(maxsize=1)
def _plan_title() -> re.Pattern[str]:
    doc_types = data_file.rows(__package__, "doc_types.tsv")
    return re.compile(next(row[1] for row in doc_types if row[0] == "five_year_plan"))


def _is_plan(text: str) -> bool:
    """The text opens with a five-year plan's title (doc_types.tsv, the one place that names it)."""
    head = text.lstrip()[:200]
    return bool(_plan_title().search(head[:head.find("\n")] if "\n" in head else head))


def _annual_body(body: str) -> bool:
    """The passage lists this year's figures ("地区生产总值增长9%"), not mostly a term's ("年均增长9%，到2010年…"):
    among several announcements the one whose content is the year's wins, wherever it stands."""
    annual = len(_ANNUAL_FIGURE.findall(body))
    return annual > 0 and annual >= len(_TERM_FIGURE.findall(body))


_TARGET_CLAUSE = re.compile(rf"(?:{pattern('clause_leads')})[^，；。]{{0,6}}?\d|\d(?:\.\d+)?(?:%|{pattern('clause_units')})"
                            rf"(?:{pattern('clause_bounds')})")

_PAST_IN_LINE = re.compile(pattern("past_in_paragraph"))


@lru_cache(maxsize=1)
def _paragraph_cue() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, data_file.lines(__package__, "targets_paragraph_cues.txt"))))


def _dense_paragraph(text: str) -> tuple[int, int] | None:
    """A paragraph that names the expected targets and lists several of them, without the usual announcement
    ("…我们对疫情前考虑的预期目标作了适当调整。今年要…城镇新增就业900万人以上，…"; "…这个宏观调控的核心目标，…确保
    全省生产总值增长9%左右，…")."""
    best: tuple[int, int, int] | None = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cue = _paragraph_cue().search(line)
        if not cue or "今年" not in line:
            continue
        sentence = _announce_start(text, start + cue.start())
        if _multiyear().search(text[sentence:start + cue.start()]):
            continue  # the cue's own sentence is about a term ("“十二五”时期开局之年" in an earlier sentence is not)
        if _NEGATIVE_BEFORE.search(line[max(0, cue.start() - 20):cue.start()]) or _PAST_IN_LINE.search(line):
            continue
        n = len(_TARGET_CLAUSE.findall(line[cue.end():]))
        if n >= 3 and (best is None or n > best[0]):
            best = (n, sentence, start + len(line.rstrip()))
    return (best[1], best[2]) if best else None
