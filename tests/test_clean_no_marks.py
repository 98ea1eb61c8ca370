"""The clean text of the whole corpus holds no markdown mark and no HTML comment; what the line marks marked is kept
in `Quality.structure` (headings with their level, bold lines, list items, table rows with their cells)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.models import Document

_MARKS = {
    "heading #": re.compile(r"^#{1,6}(?:[ \t]|$)", re.MULTILINE),
    "bold ** or __": re.compile(r"\*\*|__(?=\S)[^\n]*?\S__"),
    "list bullet": re.compile(r"^[-*+][ \t]", re.MULTILINE),
    "table pipe": re.compile(r"^\|.*\|$", re.MULTILINE),
    "HTML comment": re.compile(r"<!--|-->"),
}


@pytest.mark.slow
def test_no_marks_in_the_clean_text_of_the_whole_corpus(corpus):
    found: list[str] = []
    kinds: Counter[str] = Counter()
    n = 0
    for doc in read_paths([corpus]):
        if not isinstance(doc, Document):
            continue
        n += 1
        text, quality = clean_document(doc)
        for name, rx in _MARKS.items():
            m = rx.search(text)
            if m:
                found.append(f"{doc.source}: {name} {text[max(0, m.start() - 20):m.end() + 20]!r}")
        for mark in quality.structure:
            kinds[mark.kind] += 1
            assert 0 <= mark.start < mark.end <= len(text), doc.source
            assert "\n" not in text[mark.start:mark.end], doc.source  # a mark is one line
            for a, b in mark.cells:
                assert "\t" not in text[a:b], doc.source
    assert n > 1000
    assert not found, f"{len(found)} clean texts hold marks, e.g. {found[:5]}"
    assert all(kinds[k] > 0 for k in ("heading", "bold", "item", "row")), kinds
