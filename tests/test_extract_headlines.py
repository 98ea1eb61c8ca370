"""Headline targets and results that the tracker pairs, read by the extract stage (moved from the track reader's
tests when the reader was folded into extract)."""

from __future__ import annotations

from luoshi.extract import extract_facts
from luoshi.models import Meta, Report, Section

SUZHOU = "bulk/lawtext-gov/政府工作报告-主要城市/苏州市"


def facts_of(text: str, role: str, year: int = 2024):
    report = Report(id="t", source="t", text=text, meta=Meta(year=year),
                    sections=[Section(1, None, "t", role, 0, len(text))])
    return extract_facts(report)


def test_a_target_sentence(corpus):
    text = ("全市经济社会发展的主要预期目标：地区生产总值增长5%以上，一般公共预算收入同口径增长4%左右，"
            "社会消费品零售总额增长5.5%左右，城镇新增就业35万人。")
    assert "一般公共预算收入同口径增长4%左右，社会消费品零售总额增长5.5%左右" in (corpus / SUZHOU / "2024.md").read_text(
        encoding="utf-8")
    facts, absent = facts_of(text, "targets")
    got = {f.metric: (f.growth, f.value, f.bound) for f in facts}
    assert got["gdp"] == (5.0, None, "min")
    assert got["general_budget_revenue"] == (4.0, None, "approx")
    assert got["new_urban_jobs"] == (None, 350000.0, "exact")
    assert all(f.status == "target" and f.period == 2024 and f.basis == "annual" for f in facts) and absent == []


def test_growth_after_a_level_and_an_average(corpus):
    joined = "全市实现地区生产总值24653亿元，按可比价计算，增长4.6%"
    assert joined in (corpus / SUZHOU / "2024.md").read_text(encoding="utf-8")
    (f,), _ = facts_of(joined + "。", "review")
    assert (f.metric, f.value, f.growth, f.basis, f.period) == ("gdp", 2.4653e12, 4.6, "annual", 2023)
    average = "地区生产总值年均增长6.3%，迈上2万亿元新台阶"
    assert average in (corpus / SUZHOU / "2022.md").read_text(encoding="utf-8")
    facts, _ = facts_of(average + "。", "review", 2022)
    gdp = [f for f in facts if f.metric == "gdp"]
    assert [(f.growth, f.basis) for f in gdp] == [(6.3, "average")]  # not the year's growth


def test_a_target_passage_with_a_growth_target_sets_no_absent_target():
    _, absent = facts_of("今年发展主要预期目标是：国内生产总值增长5%左右。", "targets")
    assert absent == []
