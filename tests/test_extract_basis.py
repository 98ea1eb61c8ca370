"""Fact.basis (annual | average | cumulative) and the communiqué's figures, on real sentences and documents."""

from __future__ import annotations

import pytest

from luoshi.extract import extract_facts
from luoshi.ingest import read_paths
from luoshi.models import Meta, Report, Section
from luoshi.pipeline import process

NATIONAL = "bulk/lawtext-gov/政府工作报告-国务院"
PLANS = "bulk/lawtext-gov/五年规划"
COMMUNIQUES = "bulk/lawtext-gov/国家统计局年度统计"


def facts_of(sentence: str, role: str, year: int | None):
    report = Report(id="t", source="t", text=sentence, meta=Meta(year=year),
                    sections=[Section(1, None, "t", role, 0, len(sentence))])
    facts, _ = extract_facts(report)
    return facts


def real(corpus, path: str, sentence: str) -> str:
    assert sentence in (corpus / path).read_text(encoding="utf-8")
    return sentence


def test_average_growth_over_the_reviewed_plan(corpus):
    # the 2016 report reviews the 十二五 plan
    (f,) = facts_of(real(corpus, f"{NATIONAL}/2016.md", "国内生产总值年均增长7.8%"), "review", 2016)
    assert (f.metric, f.growth, f.basis, f.period) == ("gdp", 7.8, "average", 2015)
    # a level at the end of the span, with the average growth over it: the growth's basis
    (g,) = facts_of(real(corpus, f"{NATIONAL}/2011.md", "国内生产总值达到39.8万亿元，年均增长11.2%"), "review", 2011)
    assert (g.metric, g.value, g.growth, g.basis, g.period) == ("gdp", 39.8e12, 11.2, "average", 2010)


def test_average_period_is_the_last_year_of_the_span(corpus):
    sentence = real(corpus, f"{NATIONAL}/2006.md", "2005年与2000年相比，国内生产总值增长57.3%，年均增长9.5%")
    total, average = facts_of(sentence, "review", 2006)
    assert (total.growth, total.basis) == (57.3, "annual")
    assert (average.metric, average.growth, average.basis, average.period) == ("gdp", 9.5, "average", 2005)
    # a plan's target: "经济增长速度" is a rate of GDP growth, "“十五”期间" ends in 2005
    sentence = real(corpus, f"{PLANS}/2001-十五计划纲要.md", "“十五”期间宏观调控的主要预期目标是：经济增长速度预期为年均7%左右")
    (target,) = facts_of(sentence, "targets", None)
    assert (target.metric, target.growth, target.bound, target.basis, target.period) == ("gdp", 7.0, "approx", "average", 2005)


def test_cumulative_and_annual(corpus):
    (f,) = facts_of(real(corpus, f"{NATIONAL}/2011.md", "五年全国财政教育支出累计4.45万亿元"), "review", 2011)
    assert (f.value, f.basis) == (4.45e12, "cumulative")
    (g,) = facts_of("完成一般公共预算收入239.9亿元,增长6.1%", "review", 2024)
    assert g.basis == "annual"


def test_plan_review_section_of_an_annex_is_a_review(corpus):
    """The 2006 report's annex reviews the 十五 plan under "“十五”时期国民经济和社会发展主要情况"."""
    report = process(next(iter(read_paths([str(corpus / NATIONAL / "2006.md")]))))
    averages = [f for f in report.facts if f.metric == "gdp" and f.basis == "average" and f.status == "actual"]
    assert averages and (averages[0].growth, averages[0].period) == (9.5, 2005)


@pytest.mark.parametrize("reported", [2017, 2020, 2022, 2023])
def test_communique_headlines_are_actuals_of_the_reported_year(corpus, reported):
    report = process(next(iter(read_paths([str(corpus / COMMUNIQUES / f"{reported}.md")]))))
    assert report.meta.doc_type == "communique"
    first: dict[str, object] = {}
    for f in report.facts:
        if f.metric and not f.scope:
            first.setdefault(f.metric, f)
    for metric in ("gdp", "cpi", "unemployment_rate", "grain_output", "general_budget_revenue", "new_urban_jobs"):
        assert metric in first, metric
        assert first[metric].status == "actual" and first[metric].period == reported and first[metric].basis == "annual"
    assert first["gdp"].growth is not None and first["gdp"].value > 5e13  # "全年国内生产总值[2]1260582亿元，比上年增长5.2%"
    assert first["grain_output"].unit == "吨" and 5e8 < first["grain_output"].value < 8e8
    assert first["cpi"].unit == "%" and 0 <= first["cpi"].value < 5
