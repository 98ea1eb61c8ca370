"""Extraction over every report of the shared corpus: no crash, offsets exact, sane numbers, targets in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.extract import extract_facts
from luoshi.ingest import read_paths
from luoshi.models import Document
from luoshi.pipeline import process


def corpus_documents(corpus: Path):
    paths = sorted(str(p) for p in corpus.rglob("*") if p.is_file() and p.suffix not in (".tsv",) and p.name != "README.md")
    for item in read_paths(paths):
        if isinstance(item, Document):
            yield item


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
                assert any(s <= f.start and f.end <= e for s, e in targets_spans), (doc.source, f.value_text)
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
