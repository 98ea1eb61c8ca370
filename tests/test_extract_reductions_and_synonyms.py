"""Reductions (削减, 减排) are negative changes, and metric synonyms of other provinces and decades name their
metric: 一般公共预算总收入 (Fujian's total revenue), 一般预算支出, 协议注册外资, 旅游接待人次, 优良天气率."""

from __future__ import annotations

from fact_checks import facts, has


def test_emission_cuts_are_negative_growth(corpus):
    # 北京市 2012: "二氧化硫、氮氧化物、化学需氧量、氨氮排放量分别削减2%、3%、2%和2%"
    got = facts(corpus, "bulk/lawtext-gov/政府工作报告-主要城市/北京市/2012.md", "target")
    cuts = sorted(f.growth for f in got if f.growth is not None and "分别削减2%、3%" in f.sentence)
    assert cuts == [-3.0, -2.0, -2.0, -2.0]
    # 杭州市 2009: "化学需氧量减排3%以上"
    assert any(f.growth == -3.0 and f.bound == "min"
               for f in facts(corpus, "bulk/lawtext-gov/政府工作报告-主要城市/杭州市/2009.md", "target"))


def test_fujian_total_revenue_is_fiscal_revenue_total(corpus):
    # 福州市 2016: "一般公共预算总收入848.04亿元，增长8.7%"
    got = facts(corpus, "bulk/lawtext-gov/政府工作报告-主要城市/福州市/2016.md", "actual")
    assert has(got, "fiscal_revenue_total", value=84804000000, unit="元", growth=8.7)


def test_budget_expenditure_and_tourism_synonyms(corpus):
    # 河南省 2009: "一般预算支出1606.25亿元，增长23.8%"-style figures of the 2000s
    assert any(f.metric == "general_budget_expenditure" and f.growth is not None
               for f in facts(corpus, "bulk/lawtext-gov/政府工作报告-省自治区/河南省/2009.md", "actual"))
    # 杭州市 2025: "全域旅游接待人次及收入分别增长7.5%、8.5%"
    assert has(facts(corpus, "bulk/lawtext-gov/政府工作报告-主要城市/杭州市/2025.md", "actual"),
               "tourism_visitors", growth=7.5)
