"""Joining a level and its growth, 分别 lists and plan figures, on bulk reports outside the labelled sets: the
forms each rule is meant for, and the neighbours it must leave alone (a change over five years, a change against
another base year)."""

from __future__ import annotations

from pathlib import Path

from fact_checks import close
from fact_checks import report_facts as _facts

from luoshi.models import Fact

CITIES = "bulk/lawtext-gov/政府工作报告-主要城市"
PREFECTURES = "bulk/lawtext-gov/政府工作报告-其他地市"
PROVINCES = "bulk/lawtext-gov/政府工作报告-省自治区"


def facts_in(corpus: Path, rel: str, words: str) -> list[Fact]:
    """The facts read from the clause(s) holding words."""
    return [f for f in _facts(str(corpus / rel)) if words in f.sentence]


def test_growth_then_the_level_it_reached(corpus):
    """'本市生产总值年均增长13.8%，2009年达到8201亿元': one fact, an average over the span ending in 2009."""
    got = facts_in(corpus, f"{CITIES}/深圳市/2010.md", "本市生产总值年均增长13.8%")
    gdp = [f for f in got if f.metric == "gdp"]
    assert len(gdp) == 1
    assert close(gdp[0].value, 8201e8) and close(gdp[0].growth, 13.8) and gdp[0].basis == "average"
    assert gdp[0].period == 2009


def test_level_across_a_qualitative_clause(corpus):
    """'地区生产总值增长12.9%，总量迈上5万亿大台阶，达到50012.94亿元': the level is the same subject's."""
    got = facts_in(corpus, f"{PROVINCES}/湖北省/2022.md", "达到50012.94亿元")
    assert any(f.metric == "gdp" and close(f.value, 50012.94e8) and close(f.growth, 12.9) for f in got)


def test_respectively_pairs_listed_values_and_growths(corpus):
    """'城乡居民人均可支配收入达到28401元、14107元，分别增长8.5%和9.8%': urban then rural, each with its growth."""
    got = facts_in(corpus, f"{PREFECTURES}/菏泽市/2020.md", "28401元")
    assert any(f.metric == "urban_income" and close(f.value, 28401) and close(f.growth, 8.5) for f in got)
    assert any(f.metric == "rural_income" and close(f.value, 14107) and close(f.growth, 9.8) for f in got)


def test_a_change_over_five_years_is_not_a_yearly_growth(corpus):
    """'全体居民人均可支配收入达26421元、五年增长52.4%': the five-year change joins the level as a cumulative change
    (basis cumulative, as the labelled sets record "五年增长91.5%"), never as the year's growth."""
    got = facts_in(corpus, f"{PREFECTURES}/宿迁市/2021.md", "26421元")
    income = [f for f in got if f.metric == "disposable_income"]
    assert income and all(f.basis == "cumulative" for f in income if f.growth is not None)
    assert any(f.growth is not None and abs(f.growth - 52.4) < 1e-6 for f in income)


def test_growths_against_another_base_year_are_no_annual_growth(corpus):
    """'地区生产总值8003.92亿元、…，分别比2010年增长55%、47.7%': not this year's growth of gdp, but its change since
    2010 (basis cumulative), as the labelled sets record it ("…分别比2007年增长1.3倍和1.6倍")."""
    got = facts_in(corpus, f"{CITIES}/佛山市/2016.md", "8003.92亿元")
    assert any(f.metric == "gdp" and close(f.value, 8003.92e8) and close(f.growth, 55) and f.basis == "cumulative"
               for f in got)
    assert not any(f.metric == "gdp" and f.growth is not None and f.basis == "annual" for f in got)


def test_people_counted_before_the_task(corpus):
    """'解决20万农村人口饮水安全问题': 200000 人, the people and the task as the object."""
    got = [f for f in facts_in(corpus, f"{CITIES}/福州市/2014.md", "20万农村人口") if f.status == "plan"]
    assert any(close(f.value, 200000) and f.unit == "人" and f.metric_text == "农村人口饮水安全问题" for f in got)


def test_round_amount_without_digits(corpus):
    """'第三产业增加值突破千亿元': 1e11 元, bound min; '过百亿元产业' (a class of firms) is no amount."""
    got = facts_in(corpus, f"{CITIES}/银川市/2021.md", "突破千亿元")
    assert any(f.metric == "service_value_added" and close(f.value, 1e11) and f.bound == "min" for f in got)


def test_respectively_after_year_on_year(corpus):
    """'财政总收入35.75亿元、公共财政预算收入25.13亿元，同比分别增长11%和11.8%': 同比 is no other base."""
    got = facts_in(corpus, f"{PREFECTURES}/张家界市/2014.md", "25.13亿元")
    assert any(f.metric == "fiscal_revenue_total" and close(f.value, 35.75e8) and close(f.growth, 11) for f in got)
    assert any(f.metric == "general_budget_revenue" and close(f.value, 25.13e8) and close(f.growth, 11.8) for f in got)


def test_starting_point_of_a_change_is_no_result(corpus):
    """'全省生产总值从2017年的3.06万亿元增长到2022年的4.2万亿元': only the end is the 2022 level."""
    got = [f for f in facts_in(corpus, f"{PROVINCES}/河北省/2023.md", "3.06万亿元") if f.metric == "gdp"]
    assert got and all(not close(f.value, 3.06e12) for f in got)


def test_amount_after_a_count_is_the_bar(corpus):
    """'发展5个工业产值过千亿元、20个过200亿元的园区': 20 parks; 200亿元 is the bar they pass."""
    got = [f for f in facts_in(corpus, f"{PROVINCES}/湖北省/2012.md", "过200亿元的园区") if f.status == "plan"]
    assert any(close(f.value, 20) and f.unit == "个" for f in got)
    assert not any(close(f.value, 200e8) for f in got)
