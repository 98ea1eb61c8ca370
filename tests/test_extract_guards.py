"""The guards of the rule registries (@only_for in extract/attribution.py) only skip calls, never change a fact.

A guard says a rule or subject finder returns None for every figure failing its test, so `attribute` need not call
it. A guard that is wrong (a rule that does apply to such a figure) would silently drop that rule's facts: here the
extract stage runs with the guards and with the whole registries (every rule tried for every figure), on every
sentence case of tests/cases and on bulk reports of the shared corpus, and the facts must be the same.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from test_extract_cases import load_cases, sentence_facts

from luoshi.extract import attribution, extract_facts
from luoshi.ingest import read_paths
from luoshi.models import Document, Fact
from luoshi.pipeline import process


def unguarded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attribution, "rules_for", lambda q: tuple(attribution.RULES))
    monkeypatch.setattr(attribution, "finders_for", lambda q, named: tuple(attribution.SUBJECTS))


def as_rows(facts: list[Fact]) -> list[dict]:
    return [dataclasses.asdict(f) for f in facts]


def test_every_guarded_rule_is_guarded_by_a_test_of_the_figure() -> None:
    registered = set(attribution.RULES) | set(attribution.SUBJECTS)
    assert attribution.GUARDS, "no rule is guarded: the test below compares nothing"
    assert set(attribution.GUARDS) <= registered, "a guard on a function that is in neither registry"


def test_guards_change_no_fact_of_the_sentence_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [p.values[0] for p in load_cases() if "sentence" in p.values[0]]
    assert len(cases) > 100
    guarded = [as_rows(sentence_facts(c)[0]) for c in cases]
    unguarded(monkeypatch)
    assert [as_rows(sentence_facts(c)[0]) for c in cases] == guarded


def test_guards_change_no_fact_of_bulk_reports(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted(str(p) for p in (shared / "corpus" / "bulk").rglob("*") if p.is_file())[::40]  # ~40 reports
    reports = [process(d) for d in read_paths(paths) if isinstance(d, Document)]
    guarded = [as_rows(r.facts) for r in reports]
    assert sum(map(len, guarded)) > 1000
    unguarded(monkeypatch)
    assert [as_rows(extract_facts(r)[0]) for r in reports] == guarded
