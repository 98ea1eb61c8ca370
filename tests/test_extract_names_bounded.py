"""A name is the words before a figure, never a run of thousands of characters: the one-report-per-line national
file keeps mojibake runs in which "。" became "銆", so a clause can run on for pages before a figure."""

from __future__ import annotations

from itertools import islice

from luoshi.extract import MAX_NAME
from luoshi.ingest import read_paths
from luoshi.pipeline import process


def test_names_stay_short_where_punctuation_was_lost(corpus):
    path = corpus / "raw" / "computational-class-cjc" / "gov_reports1954-2019.txt"
    reports = [process(doc) for doc in islice(read_paths([str(path)]), 3)]
    facts = [f for r in reports for f in r.facts]
    assert any("銆" in f.sentence for f in facts)  # the damage is still there in the evidence...
    assert facts and all(len(f.metric_text) <= MAX_NAME and len(f.object or "") <= MAX_NAME for f in facts)
    for r in reports:  # ...and each name is the text just before its figure
        for f in r.facts:
            if f.metric_text and f.rule == "lead":
                assert f.metric_text[-4:] in r.text[max(0, f.start - 400):f.start], f.metric_text
