"""Extraction over every report of the shared corpus: no crash, offsets exact, sane numbers, targets in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.extract import extract_facts, section_at
from luoshi.extract.status import role_of, status_of
from luoshi.extract.target_sentence import (
    dash_list_end,
    heading_lead,
    next_list_line,
    paragraph_lead,
    status_with_content,
)
from luoshi.ingest import read_paths
from luoshi.models import Document
from luoshi.pipeline import process


def corpus_documents(corpus: Path):
    paths = sorted(str(p) for p in corpus.rglob("*") if p.is_file() and p.suffix not in (".tsv",) and p.name != "README.md")
    for item in read_paths(paths):
        if isinstance(item, Document):
            yield item


def target_by_content(report, pos: int) -> bool:
    """A target outside the targets passage stands in a sentence whose own words set the year's target, or goes on
    with the year's targets after such a sentence of its paragraph (a run: target_sentence.continues_run), or of an
    earlier line of a list written one target a line (target_sentence.next_list_line), or of an earlier dashed item
    of its list (target_sentence.dash_list_end)."""
    here = next(s for s in report.sentences if s.start <= pos < s.end)
    paragraph = report.text.rfind("\n", 0, here.start) + 1
    if paragraph > 1 and next_list_line(report.text, paragraph - 1) == paragraph \
            and target_by_content(report, report.text.rfind("\n", 0, paragraph - 1) + 1):
        return True
    item = paragraph  # or of an earlier dashed item of its list (target_sentence.dash_list_end)
    while item > 1:
        earlier = report.text.rfind("\n", 0, item - 1) + 1
        if dash_list_end(report.text, earlier) < here.start:
            break
        if target_by_content(report, item - 2):  # the earlier item's last sentence: all its sentences are read
            return True
        item = earlier
    for sent in (s for s in report.sentences if paragraph <= s.start <= here.start):
        index = sent.section if sent.section is not None else section_at(report, sent.start)
        role = role_of(report.sections, index)
        text = report.text[sent.start:sent.end]
        if status_with_content(report, role, status_of(report, role), text,
                               paragraph_lead(report.text, sent.start), heading_lead(report, index)) == "target":
            return True
    return False


@pytest.mark.slow
def test_whole_corpus_sanity(corpus):
    n_reports = n_facts = n_targets = 0
    for doc in corpus_documents(corpus):
        report = process(doc)
        n_reports += 1
        targets_spans = [(s.start, s.end) for s in report.sections if s.role == "targets"]
        for f in report.facts:
            n_facts += 1
            assert report.text[f.start:f.end] == f.value_text, (doc.source, f)
            assert f.growth is None or f.growth_unit != "%" or abs(f.growth) <= 1000, (doc.source, f.value_text)
            if f.status == "target":
                n_targets += 1
                assert any(s <= f.start and f.end <= e for s, e in targets_spans) or f.relation \
                    or target_by_content(report, f.start), (doc.source, f.value_text)
            for span in report.quality.damaged:
                assert f.end <= span.start or f.start >= span.end
    assert n_reports > 1000 and n_facts > 10000 and n_targets > 100


def test_sample_report(shared):
    root = Path(__file__).resolve().parents[1]
    (doc,) = [d for d in read_paths([str(root / "examples" / "sample_report.txt")]) if isinstance(d, Document)]
    report = process(doc)
    facts, _absent = extract_facts(report)
    assert facts and all(report.text[f.start:f.end] == f.value_text for f in facts)
    assert {f.status for f in facts} >= {"target", "plan"}
