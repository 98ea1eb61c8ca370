"""A growth joined to the level before it across a second verb or comparability wording (real sentences)."""

from __future__ import annotations

import pytest

from luoshi.extract import extract_facts
from luoshi.models import Meta, Report, Section

GROWTH_AFTER_LEVEL = [
    # bulk/lawtext-gov/政府工作报告-省自治区/江苏省/2022.md
    ("地区生产总值突破11万亿元、达到11.6万亿元、增长8.6%", "bulk/lawtext-gov/政府工作报告-省自治区/江苏省/2022.md",
     "gdp", 11.6e12, 8.6),
    # bulk/lawtext-gov/政府工作报告-省自治区/江苏省/2023.md
    ("一般公共预算收入达9258.9亿元、同口径增长1.5%", "bulk/lawtext-gov/政府工作报告-省自治区/江苏省/2023.md",
     "general_budget_revenue", 925.89e9, 1.5),
    # bulk/lawtext-gov/政府工作报告-主要城市/深圳市/2023.md
    ("地方一般公共预算收入4012亿元，同口径下降0.6%", "bulk/lawtext-gov/政府工作报告-主要城市/深圳市/2023.md",
     "general_budget_revenue", 401.2e9, -0.6),
    # bulk/lawtext-gov/政府工作报告-主要城市/苏州市/2025.md
    ("完成一般公共预算收入2459.1亿元，同口径增长5.9%", "bulk/lawtext-gov/政府工作报告-主要城市/苏州市/2025.md",
     "general_budget_revenue", 245.91e9, 5.9),
    # raw/lawtext-gov/政府工作报告-其他地市/邢台市/2023.md
    ("一般公共预算收入完成209.7亿元，剔除留抵退税因素可比增长16.4%", "raw/lawtext-gov/政府工作报告-其他地市/邢台市/2023.md",
     "general_budget_revenue", 20.97e9, 16.4),
]


def review_facts(sentence: str):
    report = Report(id="t", source="t", text=sentence, meta=Meta(year=2024),
                    sections=[Section(1, None, "t", "review", 0, len(sentence))])
    facts, _ = extract_facts(report)
    return facts


@pytest.mark.parametrize("sentence, path, metric, value, growth", GROWTH_AFTER_LEVEL)
def test_growth_joins_the_level_before_it(corpus, sentence, path, metric, value, growth):
    assert sentence in (corpus / path).read_text(encoding="utf-8")
    (fact,) = review_facts(sentence)
    assert fact.metric == metric and fact.value == pytest.approx(value) and fact.growth == growth
    assert fact.unit == "元" and fact.growth_unit == "%" and fact.bound == "exact"
    assert sentence[fact.start:fact.end] == fact.value_text


def test_an_addition_then_a_total_stays_two_facts(seeds):
    sentence = "预计新增有效高新技术企业超230家、累计达1471家"
    assert any(sentence in p.read_text(encoding="utf-8") for p in seeds.values())
    added, total = review_facts(sentence)
    assert (added.value, added.bound, total.value) == (230.0, "min", 1471.0)
