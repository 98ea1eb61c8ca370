"""Extraction errors found on the blind set blindB (eval/gold/blindB_*.json): prefecture-level city reports 湖州市 2024,
泸州市 2023, 洛阳市 2022, 赣州市 2014, 合肥市 2024, 青岛市 2017. Each test runs the real pipeline on the corpus copy and
asserts the fact a reader takes from the sentence quoted in its reason. They are strict expected failures: fixing
extraction flips them, and then the xfail mark should go."""

from __future__ import annotations

import pytest
from fact_checks import close, facts, has

CITIES = "bulk/lawtext-gov/政府工作报告-主要城市"
PREFECTURES = "bulk/lawtext-gov/政府工作报告-其他地市"
HUZHOU = f"{PREFECTURES}/湖州市/2024.md"
LUZHOU = f"{PREFECTURES}/泸州市/2023.md"
LUOYANG = f"{PREFECTURES}/洛阳市/2022.md"
GANZHOU = f"{PREFECTURES}/赣州市/2014.md"
HEFEI = f"{CITIES}/合肥市/2024.md"
QINGDAO = f"{CITIES}/青岛市/2017.md"


# ---- targets -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("metric", ["gdp", "gdp_per_capita"])
def test_growth_shared_by_listed_subjects_luoyang_2022(corpus, metric):
    """'生产总值、人均GDP、全员劳动生产率增速均为7%': one growth per listed subject."""
    got = facts(corpus, LUOYANG, "target")
    assert has(got, metric, growth=7, bound="exact", period=2022)


def test_per_mille_target_ganzhou_2014(corpus):
    got = facts(corpus, GANZHOU, "target")
    assert any(f.metric_text and "人口自然增长率" in f.metric_text and close(f.value, 7.6) and f.unit == "‰"
               and f.bound == "max" and f.period == 2014 for f in got)


# ---- actuals: metric names the alias table does not know ------------------------------------------------------------

@pytest.mark.parametrize("rel, share, period", [(HUZHOU, 73.7, 2023), (LUOYANG, 76.9, 2021), (HEFEI, 86.4, 2023),
                                                (GANZHOU, 56.5, 2013)])
def test_livelihood_share_without_bizhong(corpus, rel, share, period):
    assert has(facts(corpus, rel, "actual"), "livelihood_share", value=share, unit="%", period=period)


@pytest.mark.parametrize("rel, value, growth, period", [(GANZHOU, 271.6e8, None, 2013), (QINGDAO, 3915e8, 19.4, 2016)])
def test_livelihood_expenditure_other_names(corpus, rel, value, growth, period):
    assert has(facts(corpus, rel, "actual"), "livelihood_expenditure", value=value, unit="元", growth=growth,
               period=period)


@pytest.mark.parametrize("rel, ratio, period", [(LUZHOU, 92.3, 2022), (HEFEI, 90, 2023)])
def test_water_quality_ratio_other_names(corpus, rel, ratio, period):
    assert has(facts(corpus, rel, "actual"), "water_quality_ratio", value=ratio, unit="%", period=period)


def test_bare_service_growth_luoyang_2022(corpus):
    assert has(facts(corpus, LUOYANG, "actual"), "service_value_added", growth=8.4, period=2021)


def test_service_share_qingdao_2017(corpus):
    assert has(facts(corpus, QINGDAO, "actual"), "service_output_share", value=54.7, unit="%", growth=6.9,
               growth_unit="个百分点", period=2016)


def test_verb_inside_metric_name_ganzhou_2014(corpus):
    assert has(facts(corpus, GANZHOU, "actual"), "industrial_value_added", value=635.78e8, unit="元", growth=13.2,
               period=2013)


@pytest.mark.parametrize("rel, value, growth, period", [(GANZHOU, 25911800, 20.7, 2013), (HEFEI, None, 68, 2023)])
def test_tourism_visitors_other_names(corpus, rel, value, growth, period):
    assert has(facts(corpus, rel, "actual"), "tourism_visitors", value=value, unit="人次", growth=growth, period=period)


def test_elliptical_grain_total_hefei_2024(corpus):
    assert has(facts(corpus, HEFEI, "actual"), "grain_output", value=2980000, unit="吨", bound="min", period=2023)


# ---- actuals: joining a level and its growth -----------------------------------------------------------------------

def test_metric_before_interjected_clause_huzhou_2024(corpus):
    """'地区生产总值再上新台阶，达到4015亿元，增长5.8%': the metric opens the clause before a bare 达到."""
    assert has(facts(corpus, HUZHOU, "actual"), "gdp", value=4015e8, unit="元", growth=5.8, period=2023)


def test_growth_after_rank_clause_luzhou_2023(corpus):
    """'…地区生产总值1887.2亿元、总量居全省第6位，同比增长（下同）3.1%': the growth joins the level across a rank clause and a note."""
    assert has(facts(corpus, LUZHOU, "actual"), "gdp", value=1887.2e8, unit="元", growth=3.1, period=2022)


def test_growth_after_qualitative_clause_luoyang_2022(corpus):
    """'社会消费品零售总额超过疫情前水平、同比增长8.8%': the growth is the metric's that opens its clause."""
    assert has(facts(corpus, LUOYANG, "actual"), "retail_sales", growth=8.8, period=2021)


@pytest.mark.parametrize("rel, metric, value, unit, growth, period", [
    (LUZHOU, "urban_income", 37533, "元", 5.8, 2022),
    (LUZHOU, "rural_income", 15221, "元", 7.1, 2022),
    (LUOYANG, "tourism_visitors", 1.17e8, "人次", 25.7, 2021),
    (LUOYANG, "tourism_revenue", 923.5e8, "元", 16.1, 2021),
])
def test_respectively_values_and_growths(corpus, rel, metric, value, unit, growth, period):
    """'城乡居民人均可支配收入37533元、15221元，分别增长5.8%、7.1%': values and growths pair up in order."""
    assert has(facts(corpus, rel, "actual"), metric, value=value, unit=unit, growth=growth, period=period)


@pytest.mark.parametrize("metric, value, unit, growth", [
    ("gdp", 10011e8, "元", 8.9),
    ("general_budget_revenue", 1100e8, "元", 14.2),
    ("industrial_output_above_scale", 18280e8, "元", 10.4),
    ("fixed_asset_investment", 7455e8, "元", 17.4),
    ("foreign_investment_actual", 70e8, "美元", 14),
    ("retail_sales", 4105e8, "元", 12.3),
    ("urban_income", 43598, "元", 9.4),
    ("rural_income", 17969, "元", 10.4),
])
def test_five_year_growth_then_level_qingdao_2017(corpus, metric, value, unit, growth):
    """'一般公共预算收入年均增长14.2%，达到1100亿元': the average growth and the level after it are one fact."""
    assert has(facts(corpus, QINGDAO, "actual"), metric, value=value, unit=unit, growth=growth, period=2016)


# ---- actuals: figures of parts taken for the whole --------------------------------------------------------------------

def test_county_threshold_is_not_city_revenue_ganzhou_2014(corpus):
    got = facts(corpus, GANZHOU, "actual", "estimate")
    assert not has(got, "fiscal_revenue_total", value=10e8, unit="元")


# ---- plans (赣州市 2014, the only blindB report with plans labelled) --------------------------------------------------

@pytest.mark.parametrize("phrase, value", [("饮水安全", 405000), ("移民搬迁", 25000)])
def test_people_count_before_the_task_ganzhou_2014(corpus, phrase, value):
    """'解决剩余40.5万农村人口饮水安全问题': a count of people named before the task is a plan figure."""
    got = facts(corpus, GANZHOU, "plan")
    assert any(close(f.value, value) and f.unit == "人" and phrase in (f.metric_text or "") + (f.sentence or "")
               for f in got)


def test_amount_in_chinese_numeral_ganzhou_2014(corpus):
    """'…主营业务收入突破千亿元': 千亿元 without digits is 1e11 元, bound min."""
    got = facts(corpus, GANZHOU, "plan")
    assert any(close(f.value, 1e11) and f.unit == "元" and f.bound == "min" and "主营业务收入" in (f.metric_text or "")
               and "突破千亿元" in (f.sentence or "") for f in got)


def test_object_with_parenthesis_ganzhou_2014(corpus):
    """'力争财政总收入过10亿元的县（市、区）新增3个': the 、 inside （市、区） does not cut the object."""
    got = facts(corpus, GANZHOU, "plan")
    assert any(close(f.value, 3) and f.unit == "个" and "县（市、区）" in (f.metric_text or "") for f in got)
