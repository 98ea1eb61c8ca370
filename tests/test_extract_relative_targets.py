"""Relative targets as data (tests/cases/relative_targets.jsonl): a sentence, extracted as one section of its `role`,
gives exactly the `relative` entries (Report.relative_targets, in order) and, when the case says, facts with a
relation only of the metrics in `facts_with_relation` (GDP without a figure of its own stays a fact)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.extract import extract_facts, relative_targets
from luoshi.models import Meta, Report, Section
from luoshi.parse import split_sentences

CASES = Path(__file__).parent / "cases" / "relative_targets.jsonl"


def load() -> list[Any]:
    out = []
    for n, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("//"):
            case = json.loads(line)
            out.append(pytest.param(case, id=f"{n}:{case['behaviour']}"))
    return out


def run(case: dict[str, Any]) -> Report:
    text = case["sentence"]
    report = Report(id="case", source="case", text=text, meta=Meta(year=case.get("year", 2024), region=case.get("region")),
                    sections=[Section(1, None, case.get("title", "case"), case.get("role", "targets"), 0, len(text))])
    report.sentences = split_sentences(text, report.sections)  # as the pipeline: each sentence in its section
    report.facts, report.absent_targets = extract_facts(report)
    report.relative_targets = relative_targets(report)
    return report


@pytest.mark.parametrize("case", load())
def test_relative_targets(case: dict[str, Any]) -> None:
    report = run(case)
    got = report.relative_targets
    assert len(got) == len(case["relative"]), [(f.metric, f.relation) for f in got]
    for f, want in zip(got, case["relative"], strict=True):
        for key, value in want.items():
            assert getattr(f, key) == value, (key, getattr(f, key), value)
        assert f.status == "target" and f.rule == "relation" and f.value is None and f.growth is None
        assert report.text[f.start:f.end] == f.value_text  # offsets into the clean text, as a fact's
        assert f.sentence in report.text
    if "facts_with_relation" in case:
        assert [f.metric for f in report.facts if f.relation] == case["facts_with_relation"]
    assert not {id(f) for f in got} & {id(f) for f in report.facts}
