"""Cleaning: repairs (each a small named function, logged) and removal of everything not the report.

    clean_document(doc) -> (clean text, Quality)    used by the pipeline
    clean_text(text) -> text                        convenience
    clean_and_explain(text) -> (text, steps)        ftfy-style: which steps changed what

Every step yields edits on the current text; logged spans are re-mapped through each later step, so
`Quality.repairs` and `Quality.damaged` are offsets into the text returned.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..models import Document, Mark, Quality, Removal, Repair, Span
from .adspans import find_ad_spans
from .charset import char_mask, holds
from .chrome import ChromeResult, find_ads, find_chrome
from .confidence import score
from .edits import Edit, apply_edits
from .markup import find_markup
from .repairs import REPAIRS
from .structure import find_structure, with_cells
from .whitespace import blank_ends, fix_spaces, join_lines, split_inline_paragraphs, strip_lines

_LINE_ENDS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# the two gates as tables over the text's character counts (charset.py: counted once, read again by the repairs);
# a regex scan that finds nothing reads every character (~0.4 s over the corpus)
_LINE_END_CHARS = char_mask("[\r\u2028\u2029\x0b\x0c\x85]")
_CONTROL_CHARS = char_mask(_CONTROL)

__all__ = ["REPAIRS", "clean_and_explain", "clean_document", "clean_text"]


@dataclass
class _State:
    text: str
    repairs: list[Repair]
    removed: list[Removal]
    damaged: list[Span]
    steps: list[tuple[str, int]]
    marks: list[Mark]

    def apply(self, step: str, edits: list[Edit]) -> None:
        if not edits:
            return
        new, applied, remap = apply_edits(self.text, edits)
        if not all(len(e.new) == e.end - e.start for e, _ in applied):  # one-for-one replacements move no offset
            remap.move(itertools.chain(self.repairs, self.damaged, self.marks), applied[0][0].start)
        changed = 0
        for e, ns in applied:
            before = self.text[e.start:e.end]
            if before == e.new:
                continue
            changed += 1
            if e.log == "repair":
                self.repairs.append(Repair(e.kind, ns, ns + len(e.new), before, e.new))
            elif e.log == "removal":
                self.removed.append(Removal(e.kind, before.strip("\n")))
        self.text = new
        if changed:
            self.steps.append((step, changed))


def _join(st: _State) -> None:
    for _ in range(5):  # a joined line can make the next join possible; stop at the fixed point
        joins = join_lines(st.text)
        st.apply("join", joins)
        if not any(e.kind == "join" for e in joins):
            break


def _clean(text: str) -> tuple[_State, ChromeResult]:
    if holds(text, _LINE_END_CHARS):
        text = _LINE_ENDS.sub("\n", text)
    if holds(text, _CONTROL_CHARS):
        text = _CONTROL.sub("", text)
    st = _State(text, [], [], [], [], [])
    st.apply("paragraphs", split_inline_paragraphs(st.text))
    for name, fn in REPAIRS:
        result = fn(st.text)
        # damaged offsets are in the text the repair saw: record them first so its own edits re-map them
        st.damaged.extend(Span(s, e, "damaged") for s, e in result.damaged)
        st.apply(name, result.edits)
        st.repairs.extend(Repair("guessed", a, b, before, after, p) for a, b, before, after, p in result.guesses)
    chrome = find_chrome(st.text)
    st.apply("chrome", chrome.edits)
    st.apply("indent", strip_lines(st.text))
    st.apply("spaces", fix_spaces(st.text))
    _join(st)
    # markdown marks go after joining: the join rules read heading marks and the wrap width counts them
    for _ in range(3):  # a removed mark or comment line can close a line end next to a bold that had to stay
        markup = find_markup(st.text)
        if not markup:
            break
        st.apply("markup", markup)
    # line marks (#, a whole line's bold, bullets, table pipes) go last, their structure kept as marks: the join
    # rules and the bold rules above read them
    line_marks, found, spaced = find_structure(st.text)
    st.marks.extend(Mark(a, b, kind, level) for a, b, kind, level in found)
    st.apply("markup", line_marks)
    if line_marks:  # without the marks: the spaces and joins a second clean would see (clean is idempotent)
        if spaced:
            st.apply("spaces", fix_spaces(st.text))
        _join(st)
        st.apply("markup", find_markup(st.text))  # a mark the line mark hid ("#>" leaves a quote mark ">")
    st.apply("ads", find_ads(st.text))  # after joining: an ad a hard wrap had cut in two is whole again
    # runs no word list names, by the model of report prose; a document the word lists found hacked is searched for
    # pasted runs too (adsplit.py)
    st.apply("ad_spans", find_ad_spans(st.text, hacked=any(r.kind == "ad" for r in st.removed)))
    st.apply("blank", blank_ends(st.text))
    # a repair inside a line that was later removed as chrome is not in the clean text
    st.repairs = [r for r in st.repairs if r.end > r.start or not r.after]
    for r in st.repairs:  # `after` is what the span reads in the clean text (later steps may touch it too)
        r.after = st.text[r.start:r.end]
    for d in st.damaged:
        d.text = st.text[d.start:d.end]
    st.damaged = sorted((d for d in st.damaged if d.end > d.start), key=lambda d: d.start)
    st.marks = with_cells(st.text, [m for m in st.marks if m.end > m.start])
    return st, chrome


def clean_document(doc: Document) -> tuple[str, Quality]:
    st, chrome = _clean(doc.text)
    q = Quality(encoding=doc.encoding, repairs=st.repairs, removed=st.removed, damaged=st.damaged,
                page=chrome.page, partial=chrome.partial, structure=st.marks)
    q.confidence, q.reasons = score(st.text, q, title_found=chrome.title_found or _hinted_title(doc))
    return st.text, q


def _hinted_title(doc: Document) -> bool:
    """A title kept outside the body (YAML front matter, a table column, an HTML <title>) counts as found."""
    front = doc.hints.get("front_matter")
    columns = doc.hints.get("columns")
    return bool((isinstance(front, dict) and front.get("title")) or (isinstance(columns, dict) and columns.get("title"))
                or doc.hints.get("html_title"))


def clean_text(text: str) -> str:
    return _clean(text)[0].text


def clean_and_explain(text: str) -> tuple[str, list[tuple[str, int]]]:
    """The clean text and the steps that changed it, as (step name, number of edits)."""
    st, _ = _clean(text)
    return st.text, st.steps
