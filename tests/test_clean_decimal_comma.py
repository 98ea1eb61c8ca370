"""An ideographic comma typed for a decimal point ("社会消费品零售总额1715，7亿元") is read as one; a comma between
a number and a count that is no figure ("完成12，6个项目"), a thousands separator and a list comma stay
(cases: tests/data/clean_decimal_comma.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.clean import clean_text
from luoshi.clean.repairs import fix_comma_decimal

CASES = [ln.split("\t") for ln in (Path(__file__).parent / "data" / "clean_decimal_comma.tsv").read_text(
    encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("raw,clean", CASES)
def test_decimal_comma(raw, clean):
    assert clean_text(raw) == (raw if clean == "=" else clean)


@given(st.text(alphabet="增长亿元万人第个百分点%‰，。.0123456789", max_size=40))
def test_the_repair_only_turns_commas_between_digits_into_points(text):
    edits = fix_comma_decimal(text).edits
    for e in edits:
        assert (text[e.start:e.end], e.new) == ("，", ".") and text[e.start - 1].isdigit() and text[e.end].isdigit()
    if "，" not in text:
        assert not edits
