"""Number cases from other projects' test suites (tests/cases/numbers.jsonl, each with its source; "checked against
the file" where the input was read in the peer's test file, "written after" where it was not): the
quantity grammar reads each as expected, or not at all where the form is ambiguous; it never reads a wrong value.

A case marked `miss_allowed` is a form that never occurs in work reports (financial capitals, 负): not reading it
is fine, reading it wrongly is not.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from luoshi.extract.numbers import parse_number
from luoshi.extract.quantities import scan

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "numbers.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


def read_number(text: str) -> Decimal | None:
    try:
        return parse_number(text)
    except (ValueError, KeyError, ArithmeticError):
        return None


def read_quantity(text: str) -> tuple | None:
    found = scan(text)
    if not found:
        return None
    assert len(found) == 1, [q.value_text for q in found]
    q = found[0]
    return q.value, q.unit, q.bound, q.high


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] == "number"], ids=lambda c: c["text"])
def test_numeral(case):
    got = read_number(case["text"])
    if case["value"] is None or (case.get("miss_allowed") and got is None):
        assert got is None
    else:
        assert got == Decimal(case["value"])


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] == "quantity"], ids=lambda c: c["text"])
def test_quantity(case):
    got = read_quantity(case["text"])
    if case["value"] is None:
        assert got is None or got[0] is None
        return
    high = Decimal(case["high"]) if case.get("high") else None
    assert got == (Decimal(case["value"]), case["unit"], case["bound"], high)


def test_every_case_names_its_source():
    assert all(c.get("source") for c in CASES)
