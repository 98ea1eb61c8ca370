"""Extraction cases as data: every tests/cases/*.jsonl line is one case, run through the real extract stage.

A case is a `sentence` (extracted as one section of the given `role`, default review, in a report of `year`) or a
corpus `file` (the whole pipeline on ../shared/corpus/<file>; skipped when the corpus is absent), and what must
hold of its facts (restricted to `status` when given):
- `facts`: exactly these facts, in order (each a dict of the fields that matter);
- `any`: each dict matches at least one fact; `none`: no fact matches any of these dicts;
- `absent`: the metrics the report sets explicitly no target for;
- `select` (a dict) first keeps only the facts it matches; `metric_texts`: their sorted names; `all`: each dict
  matches every one of them.
In a dict, `"metric_text~": "通关"` means the metric text contains it (`"metric_text+sentence~"`: one of the two
does), `"growth!": null` that the field is not that; numbers compare to 1e-4. `quote` is the sentence a file case is about.
`behaviour` names the case, `rule` the rule or veto it pins (extract/attribution.py RULES, SUBJECTS;
extract/vetoes.py VETOES; or a Fact.rule), `source` where it came from; `xfail` (a reason) marks a known failure,
strictly: a case that starts to pass fails until the mark goes.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from fact_checks import close, report_facts

from luoshi.extract import extract_facts
from luoshi.extract.attribution import RULES, SUBJECTS
from luoshi.extract.vetoes import VETOES
from luoshi.models import Fact, Meta, Report, Section

CASES = Path(__file__).parent / "cases"
# Case files of another shape, each read by its own runner: the named patterns (below), the number grammar
# (test_numbers_cases.py), whole-report targets cases (test_extract_targets_by_content.py) and relative targets
# (test_extract_relative_targets.py).
OTHER_SHAPES = {"patterns.jsonl", "numbers.jsonl", "targets_by_content.jsonl", "relative_targets.jsonl"}
FACT_RULES = {"lead", "trail", "carry", "share", "ellipsis", "distribute"}
KNOWN_RULES = {f.__name__ for f in RULES} | {f.__name__ for f in SUBJECTS} | {v.name for v in VETOES} | FACT_RULES \
    | {"qualifies_next", "track_group", "share_heads", "elliptic_metric", "local_part", "absent", "grammar"}


def load_cases() -> list[Any]:
    out = []
    for path in sorted(p for p in CASES.glob("*.jsonl") if p.name not in OTHER_SHAPES):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("//"):
                continue
            case = json.loads(line)
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            out.append(pytest.param(case, id=f"{path.stem}:{n}:{case['behaviour']}", marks=marks))
    return out


def matches(f: Fact, want: dict[str, Any]) -> bool:
    for key, value in want.items():
        if key.endswith("!"):  # "growth!": null means the fact has a growth
            if getattr(f, key[:-1]) == value:
                return False
        elif key.endswith("~"):  # "metric_text+sentence~": either field holds it
            if value not in "\n".join(getattr(f, k) or "" for k in key[:-1].split("+")):
                return False
        elif isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)
                                          and isinstance(getattr(f, key), float)):
            if not close(getattr(f, key), value):
                return False
        elif getattr(f, key) != value:
            return False
    return True


def sentence_facts(case: dict[str, Any]) -> tuple[list[Fact], list[str]]:
    text = case["sentence"]
    report = Report(id="case", source="case", text=text,
                    meta=Meta(year=case.get("year", 2024), kind=case.get("kind", "annual"), region=case.get("region")),
                    sections=[Section(1, None, "case", case.get("role", "review"), 0, len(text))])
    facts, absent = extract_facts(report)
    for f in facts:
        assert text[f.start:f.end] == f.value_text
    return facts, absent


@pytest.mark.parametrize("case", load_cases())
def test_case(case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    assert case.get("rule") is None or case["rule"] in KNOWN_RULES, f"unknown rule {case['rule']!r}"
    assert case.get("source"), "every case says where it came from"
    if "file" in case:
        corpus = request.getfixturevalue("corpus")
        facts, absent = list(report_facts(str(corpus / case["file"]))), None
    else:
        facts, absent = sentence_facts(case)
    statuses = case.get("status")
    if statuses:
        statuses = [statuses] if isinstance(statuses, str) else statuses
        facts = [f for f in facts if f.status in statuses]
    if "select" in case:
        facts = [f for f in facts if matches(f, case["select"])]
    if "metric_texts" in case:
        assert sorted(f.metric_text for f in facts) == case["metric_texts"]
    for want in case.get("all", []):
        assert facts and all(matches(f, want) for f in facts), want
    if "facts" in case:
        got = [{k: getattr(f, k) for k in want} for f, want in zip(facts, case["facts"], strict=False)]
        assert len(facts) == len(case["facts"]) and all(matches(f, w) for f, w in zip(facts, case["facts"])), got
    for want in case.get("any", []):
        assert any(matches(f, want) for f in facts), want
    for unwanted in case.get("none", []):
        assert not [f for f in facts if matches(f, unwanted)], unwanted
    if "absent" in case:
        assert absent == case["absent"]


def load_patterns() -> list[Any]:
    out = []
    for n, line in enumerate((CASES / "patterns.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            p = json.loads(line)
            out += [pytest.param(p, s, True, id=f"{p['pattern'].rsplit('.', 1)[1]}:{s}") for s in p["examples"]]
            out += [pytest.param(p, s, False, id=f"{p['pattern'].rsplit('.', 1)[1]}:not:{s}") for s in p["counter"]]
    return out


@pytest.mark.parametrize(("entry", "text", "expected"), load_patterns())
def test_named_pattern(entry: dict[str, Any], text: str, expected: bool) -> None:
    """tests/cases/patterns.jsonl: each named pattern matches its examples and none of its counter-examples."""
    module, name = entry["pattern"].rsplit(".", 1)
    pattern = getattr(importlib.import_module(module), name)
    assert bool(getattr(pattern, entry["how"])(text)) is expected, (entry["pattern"], entry["why"])
