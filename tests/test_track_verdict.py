"""Verdict rules on facts built from sentences read in real reports (the figures a person reads there)."""

from __future__ import annotations

from luoshi.models import Fact
from luoshi.track.verdict import judge


def growth_target(metric: str, growth: float, bound: str, text: str) -> Fact:
    return Fact(metric=metric, metric_text=text, value=None, unit=None, value_text=text, growth=growth,
                growth_unit="%", bound=bound, status="target")


def growth_result(metric: str, growth: float, text: str) -> Fact:
    return Fact(metric=metric, metric_text=text, value=None, unit=None, value_text=text, growth=growth,
                growth_unit="%", status="actual")


def test_min_target_met_exceeded_missed():
    # 苏州市 2024: "地区生产总值增长5%以上"; 2025 report: "全市实现地区生产总值2.67万亿元，增长6%"
    target = growth_target("gdp", 5.0, "min", "增长5%以上")
    assert judge(target, growth_result("gdp", 6.0, "增长6%"))[0] == "exceeded"
    assert judge(target, growth_result("gdp", 5.2, "增长5.2%"))[0] == "met"
    assert judge(target, growth_result("gdp", 4.6, "增长4.6%"))[0] == "missed"


def test_approx_target_tolerance():
    # 苏州市 2024: "社会消费品零售总额增长5.5%左右"; 2025 report: "社会消费品零售总额增长4.8%。"
    target = growth_target("retail_sales", 5.5, "approx", "增长5.5%左右")
    assert judge(target, growth_result("retail_sales", 4.8, "增长4.8%"))[0] == "missed"
    assert judge(target, growth_result("retail_sales", 5.3, "增长5.3%"))[0] == "met"


def test_ceiling_metrics_are_never_exceeded():
    # 国务院 2023: "居民消费价格涨幅3%左右"; 公报 2023: "全年居民消费价格比上年上涨0.2%。"
    cpi = Fact(metric="cpi", metric_text="居民消费价格涨幅", value=3.0, unit="%", value_text="3%左右", bound="approx",
               status="target")
    assert judge(cpi, growth_result("cpi", 0.2, "上涨0.2%"))[0] == "met"
    # 国务院 2022: "城镇调查失业率全年控制在5.5%以内"; 公报 2022: "全年全国城镇调查失业率平均值为5.6%。"
    jobless = Fact(metric="unemployment_rate", metric_text="城镇调查失业率", value=5.5, unit="%", value_text="5.5%以内",
                   bound="max", status="target")
    result = Fact(metric="unemployment_rate", metric_text="城镇调查失业率", value=5.6, unit="%", value_text="为5.6%")
    assert judge(jobless, result)[0] == "missed"


def test_growth_is_not_compared_with_a_level():
    # 苏州市 2022: "地区生产总值增长5.5%以上"; 2023 report: "全年实现地区生产总值2.4万亿元" (no growth stated)
    target = growth_target("gdp", 5.5, "min", "增长5.5%以上")
    level = Fact(metric="gdp", metric_text="地区生产总值", value=2.4e12, unit="元", value_text="2.4万亿元")
    assert judge(target, level)[0] == "not_comparable"


def test_grain_target_in_jin_against_tonnes():
    # 国务院 2023: "粮食产量保持在1.3万亿斤以上"; 公报 2023: "全年粮食产量69541万吨"
    target = Fact(metric="grain_output", metric_text="粮食产量", value=1.3e12, unit="斤", value_text="1.3万亿斤以上",
                  bound="min", status="target")
    result = Fact(metric="grain_output", metric_text="粮食产量", value=6.9541e8, unit="吨", value_text="69541万吨")
    assert judge(target, result)[0] == "exceeded"  # 1.39万亿斤: 7 % above, beyond the 5 % margin


def test_a_verdict_shows_the_figure_it_compared():
    """全国 2022 report: "国内生产总值达到114万亿元，增长8.1%" against the 2021 target "增长6%以上": the table shows 8.1%."""
    from luoshi.track.verdict import Verdict

    target = growth_target("gdp", 6.0, "min", "6%")
    result = Fact(metric="gdp", metric_text="国内生产总值", value=114e12, unit="元", value_text="114万亿元",
                  growth=8.1, growth_unit="%", status="actual")
    verdict, note = judge(target, result)
    row = Verdict(region="全国", year=2021, metric="gdp", verdict=verdict, target=target, result=result,
                  target_value=6.0, result_value=8.1, unit="%", note=note).row()
    assert (row["target"], row["result"], row["verdict"]) == ("6%", "8.1%", "exceeded")
    level = Verdict(region="全国", year=2021, metric="gdp", verdict="met", target=target, result=result,
                    target_value=1e14, result_value=114e12, unit="元").row()
    assert level["result"] == "114万亿元"  # a level compared: the level as written
