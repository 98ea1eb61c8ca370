"""Extraction fixes found on the blind set blindD (eval/gold/blindD_*.json), each checked on the real sentence."""

from __future__ import annotations

from fact_checks import facts, has

HEILONGJIANG = "bulk/lawtext-gov/政府工作报告-省自治区/黑龙江省/2014.md"
NATIONAL_2010 = "bulk/lawtext-gov/政府工作报告-国务院/2010.md"
RESULTS = ("actual", "estimate")


def test_public_finance_revenue_is_the_general_budget_revenue(corpus):
    """'公共财政收入增长9.8%' (2011-2014 name of the general budget revenue), not the total fiscal revenue."""
    got = facts(corpus, HEILONGJIANG, *RESULTS)
    assert has(got, "general_budget_revenue", growth=9.8, period=2013)
    assert not has(got, "fiscal_revenue_total", growth=9.8)
    assert has(facts(corpus, HEILONGJIANG, "target"), "general_budget_revenue", growth=9, bound="approx", period=2014)


def test_food_industry_value_added_is_a_sector(corpus):
    """'食品工业增加值增长19.9%': one sector's, not the industrial value added of the province."""
    got = facts(corpus, HEILONGJIANG, *RESULTS)
    assert any(f.growth == 19.9 and "食品工业" in (f.metric_text or "") for f in got)
    assert not has(got, "industrial_value_added", growth=19.9)


def test_central_budget_spending_is_not_the_whole(corpus):
    """'大幅度增加全国教育支出，其中中央财政支出1981亿元': the central level's spending, on education."""
    got = facts(corpus, NATIONAL_2010, *RESULTS)
    assert any(f.value == 198100000000 for f in got)
    assert not has(got, "general_budget_expenditure", value=198100000000, unit="元")
