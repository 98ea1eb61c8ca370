"""Extraction errors found on the blind set blindC (eval/gold/blindC_*.json): 衡水市 2025, 长春市 2020, 河北省 2011 and
广西壮族自治区 2021. Each test runs the real pipeline on the corpus copy and asserts the fact a reader takes from the
sentence quoted in its reason. They are strict expected failures: fixing extraction flips them, and then the xfail mark
should go."""

from __future__ import annotations

import pytest
from fact_checks import facts, has

CHANGCHUN = "bulk/lawtext-gov/政府工作报告-主要城市/长春市/2020.md"
HEBEI = "bulk/lawtext-gov/政府工作报告-省自治区/河北省/2011.md"
GUANGXI = "bulk/lawtext-gov/政府工作报告-省自治区/广西壮族自治区/2021.md"
RESULTS = ("actual", "estimate")


# ---- actuals: metric names the alias table does not know ------------------------------------------------------------

def test_foreign_capital_arrived_changchun_2020(corpus):
    assert has(facts(corpus, CHANGCHUN, *RESULTS), "foreign_investment_actual", growth=20, period=2019)


def test_visitors_from_home_and_abroad_changchun_2020(corpus):
    assert has(facts(corpus, CHANGCHUN, *RESULTS), "tourism_visitors", value=100000000, unit="人次", bound="min",
               period=2019)


# ---- actuals: numbers ----------------------------------------------------------------------------------------------

def test_respectively_growths_in_multiples_hebei_2011(corpus):
    """'…14850亿元，其中城镇固定资产投资12921.8亿元，分别增长2.5倍和2.8倍': 全社会 +250%, 城镇 +280%."""
    got = facts(corpus, HEBEI, *RESULTS)
    assert has(got, "fixed_asset_investment", value=1485000000000, unit="元", growth=250, period=2010)


def test_energy_intensity_fall_against_base_year_hebei_2011(corpus):
    assert has(facts(corpus, HEBEI, *RESULTS), "energy_intensity", growth=-20, period=2010)


def test_pm25_fall_against_base_year_guangxi_2021(corpus):
    assert has(facts(corpus, GUANGXI, *RESULTS), "pm25", growth=-29.7, period=2020)


def test_elliptical_grain_total_hebei_2011(corpus):
    assert has(facts(corpus, HEBEI, *RESULTS), "grain_output", value=60000000000, unit="斤", bound="approx",
               period=2010)


def test_share_in_tenths_guangxi_2021(corpus):
    assert has(facts(corpus, GUANGXI, *RESULTS), "livelihood_share", value=80, unit="%", bound="min", period=2020)


# ---- actuals: period -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("metric, value", [("gdp_per_capita", 28000), ("tourism_revenue", 91500000000),
                                           ("service_value_added", 685000000000)])
def test_base_year_is_not_the_period_hebei_2011(corpus, metric, value):
    """'由2005年的1.47万元提高到2.8万元', '是2005年的2.3倍': a base year is not the figure's period."""
    assert has(facts(corpus, HEBEI, *RESULTS), metric, value=value, unit="元", period=2010)


# ---- plans ---------------------------------------------------------------------------------------------------------

def test_shared_object_of_two_counts_changchun_2020(corpus):
    """'确保剩余369户、874名贫困人口全部脱贫': counts listed before one head noun share it."""
    assert has(facts(corpus, CHANGCHUN, "plan"), None, value=369, unit="户", text="贫困人口")


def test_at_least_before_you_changchun_2020(corpus):
    """'每个贫困村至少有2个稳定成型产业项目': 至少有 before the number is min."""
    assert has(facts(corpus, CHANGCHUN, "plan"), None, value=2, unit="个", bound="min", text="稳定成型产业项目")
