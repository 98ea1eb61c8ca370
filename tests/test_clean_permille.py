"""A per-mille sign an OCR split in two ("人口自然增长率控制在4％。以内", "7％o以内", "14‰o以内", "8.53％。。") is read as
‰; a percent sign whose sentence ends before 以上 ("增长30%。以上有些指标") or a word stays as it is."""

from __future__ import annotations

import pytest

from luoshi.clean import clean_text


@pytest.mark.parametrize("raw,clean", [
    ("人口自然增长率控制在4％。以内。", "人口自然增长率控制在4‰以内。"),
    ("人口出生率控制在14.8％。以内；", "人口出生率控制在14.8‰以内；"),
    ("人口自然增长率4％。左右。", "人口自然增长率4‰左右。"),
    ("人口自然增长率控制在7％o以内。", "人口自然增长率控制在7‰以内。"),
    ("人口自然增长率控制在6％0以内。", "人口自然增长率控制在6‰以内。"),
    ("人口自然增长率控制在14‰o以内。", "人口自然增长率控制在14‰以内。"),
    ("人口自然增长率8.53％。。", "人口自然增长率8.53‰。"),
])
def test_split_permille_is_one_sign(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("raw", ["外商直接投资到位额增长30%。以上有些指标", "增长12%。以内容为", "下降3%。左"])
def test_percent_signs_stay(raw):
    assert clean_text(raw) == raw


@pytest.mark.parametrize("raw,clean", [
    ("人口自然增长率控制在10％以内。", "人口自然增长率控制在10‰以内。"),
    ("人口自然增长率8.34％，控制", "人口自然增长率8.34‰，控制"),
    ("人口出生率控制在14.8％以内；", "人口出生率控制在14.8‰以内；"),
])
def test_permille_rate_written_as_percent(raw, clean):
    """A ‰ written ％ by the copy, where the figure cannot be a percent of the rate (clean/data/permille_rates.tsv)."""
    assert clean_text(raw) == clean


@pytest.mark.parametrize("raw", ["人口自然增长率控制在0.65%以内。", "1979年人口自然增长率由上年的1.2%下降到1.1%",
                                 "人口出生率1.5%，自然增长率0.9%"])
def test_permille_rate_plausible_as_percent_stays(raw):
    assert clean_text(raw) == raw
