"""A subscript written as TeX/markdown writes it ("PM_2.5", "SO_2") reads as the plain name ("PM2.5"), so metric
names match; a URL or code ("content_62153") stays (cases: tests/data/clean_subscript.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.clean import clean_text

CASES = [ln.split("\t") for ln in (Path(__file__).parent / "data" / "clean_subscript.tsv").read_text(
    encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("raw,clean", CASES)
def test_subscript(raw, clean):
    assert clean_text(raw) == (raw if clean == "=" else clean)
