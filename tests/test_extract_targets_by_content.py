"""Sentence -> expected facts cases (tests/cases/targets_by_content.jsonl): the year's main targets found by what
they say (cue phrases, this year's GDP growth, relations to another jurisdiction, explicit absences), wherever they
stand, and kept apart from a term's targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.clean import clean_document
from luoshi.extract import extract_facts
from luoshi.models import Document, Fact, Meta, Report
from luoshi.parse import parse_sections, split_sentences

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "targets_by_content.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]


def run(case: dict) -> tuple[list[Fact], list[str]]:
    text, quality = clean_document(Document("case", b"", case["text"]))
    sections = parse_sections(text, quality.structure)
    meta = Meta(year=case["year"], kind="annual", region=case.get("region"))
    report = Report(id="case", source="case", text=text, meta=meta, quality=quality, sections=sections)
    report.sentences = split_sentences(text, sections)
    return extract_facts(report)


def matches(fact: Fact, want: dict) -> bool:
    return all(getattr(fact, k) == v for k, v in want.items())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    facts, absent = run(case)
    for want in case["expect"]:
        assert any(matches(f, want) for f in facts), (want, [(f.metric, f.status, f.growth, f.relation, f.sentence)
                                                            for f in facts])
    for unwanted in case.get("not", []):
        assert not any(matches(f, unwanted) for f in facts), unwanted
    assert absent == case["absent"]
