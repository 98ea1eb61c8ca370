"""Extraction errors found on the blind set blindA (eval/gold/blindA_*.json): national reports 2018 and 2023, 山东省 2024,
河南省 2017, 安徽省 2010. Each test runs the real pipeline on the corpus copy and asserts the fact a reader takes from
the sentence quoted in its reason. They were strict expected failures: fixing extraction flipped them, the xfail marks
went, and they stay as regression tests."""

from __future__ import annotations

from fact_checks import close, facts

NATIONAL = "bulk/lawtext-gov/政府工作报告-国务院"
PROVINCES = "bulk/lawtext-gov/政府工作报告-省自治区"


def test_service_share_of_gdp_national_2018(corpus):
    got = facts(corpus, f"{NATIONAL}/2018.md", "actual")
    assert any(f.metric == "service_output_share" and close(f.value, 51.6) and f.unit == "%" and f.period == 2017
               for f in got)


def test_level_then_average_growth_joined_national_2023(corpus):
    """'国内生产总值增加到121万亿元，五年年均增长5.2%': the level and the average growth after it are one fact."""
    got = facts(corpus, f"{NATIONAL}/2023.md", "actual")
    assert any(f.metric == "gdp" and close(f.value, 121e12) and f.unit == "元" and close(f.growth, 5.2)
               and f.period == 2022 for f in got)


def test_growth_then_level_joined_national_2023(corpus):
    """'货物进出口总额年均增长8.6%，突破40万亿元': growth first, then the level it reached (突破 → min)."""
    got = facts(corpus, f"{NATIONAL}/2023.md", "actual")
    assert any(f.metric == "trade_total" and close(f.value, 40e12) and f.unit == "元" and close(f.growth, 8.6)
               and f.bound == "min" and f.period == 2022 for f in got)


def test_clearance_time_is_not_exports_national_2023(corpus):
    got = facts(corpus, f"{NATIONAL}/2023.md", "actual")
    assert not [f for f in got if f.metric == "exports" and "通关" in f.metric_text]


def test_visitors_in_a_shared_growth_shandong_2024(corpus):
    got = facts(corpus, f"{PROVINCES}/山东省/2024.md", "actual")
    assert any(f.metric == "tourism_visitors" and close(f.growth, 60) and f.growth_unit == "%" and f.bound == "min"
               and f.period == 2023 for f in got)


def test_product_exports_are_not_total_exports_shandong_2024(corpus):
    got = facts(corpus, f"{PROVINCES}/山东省/2024.md", "actual")
    assert not [f for f in got if f.metric == "exports" and close(f.growth, 47.3)]


def test_foreign_investment_absorbed_henan_2017(corpus):
    got = facts(corpus, f"{PROVINCES}/河南省/2017.md", "actual")
    assert any(f.metric == "foreign_investment_actual" and close(f.growth, 5.6) and f.period == 2016 for f in got)


def test_falling_consumer_prices_anhui_2010(corpus):
    got = [f for f in facts(corpus, f"{PROVINCES}/安徽省/2010.md", "actual") if f.metric == "cpi"]
    assert any(close(f.value, -0.9) and f.unit == "%" and f.growth is None and f.period == 2009 for f in got)


def test_utilised_fdi_anhui_2010(corpus):
    got = facts(corpus, f"{PROVINCES}/安徽省/2010.md", "actual")
    assert any(f.metric == "foreign_investment_actual" and close(f.value, 3.88e9) and f.unit == "美元"
               and close(f.growth, 11.3) and f.period == 2009 for f in got)


def test_per_mille_target_anhui_2010(corpus):
    got = facts(corpus, f"{PROVINCES}/安徽省/2010.md", "target")
    assert any("自然增长率" in f.metric_text and close(f.value, 7.5) and f.unit == "‰" and f.bound == "max"
               and f.period == 2010 for f in got)


def test_the_passing_neighbours_stay_right(corpus):
    """Facts of the same sentences that extraction gets right today: a guard that the failures above are narrow."""
    anhui = facts(corpus, f"{PROVINCES}/安徽省/2010.md", "actual")
    assert any(f.metric == "trade_total" and close(f.value, 1.564e10) and f.unit == "美元" and close(f.growth, -22.5)
               for f in anhui)
    shandong = facts(corpus, f"{PROVINCES}/山东省/2024.md", "actual")
    assert any(f.metric == "tourism_revenue" and close(f.growth, 60) and f.bound == "min" for f in shandong)
