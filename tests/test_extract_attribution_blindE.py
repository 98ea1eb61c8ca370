"""Attribution fixes found on the blind set blindE, checked on the real sentences they came from."""

from __future__ import annotations

from fact_checks import close, facts, has

HEGANG = "bulk/lawtext-gov/政府工作报告-其他地市/鹤岗市/2023.md"
BIJIE = "bulk/lawtext-gov/政府工作报告-其他地市/毕节市/2014.md"
ZHUMADIAN = "bulk/lawtext-gov/政府工作报告-其他地市/驻马店市/2014.md"


def test_amount_spent_before_its_action_hegang_2023(corpus):
    """'财政投入3655万元改造修复27条城市道路': the amount is a fact of its own, not a qualifier of the roads."""
    got = facts(corpus, HEGANG, "plan")
    assert has(got, None, value=36550000, unit="元", text="投入")
    assert has(got, None, value=27, unit="条", text="城市道路")


def test_amount_spent_in_a_review_bijie_2014(corpus):
    """'投入3.16亿元改造农村危房71125户'."""
    assert has(facts(corpus, BIJIE, "actual"), None, value=316000000, unit="元")


def test_striving_growth_joins_the_level_before_hegang_2023(corpus):
    """'全年电商网络零售额力争突破10亿元，力争翻一番': 力争 names nothing, so the doubling is the same figure's."""
    got = [f for f in facts(corpus, HEGANG, "plan") if "电商网络零售额" in (f.metric_text or "")]
    assert any(close(f.value, 1000000000) and f.unit == "元" and close(f.growth, 100) and f.bound == "min"
               for f in got)
    assert not any(f.value is None and close(f.growth, 100) for f in facts(corpus, HEGANG, "plan"))


def test_striving_growth_far_from_a_count_stays_apart_zhumadian_2014(corpus):
    """'确定30家战略性新兴产业重点企业，…，推动…战略性新兴产业发展，力争实现增幅35%以上': clauses apart, the growth is
    not the 30 firms'."""
    got = facts(corpus, ZHUMADIAN, "plan")
    assert has(got, None, value=30, unit="家", text="战略性新兴产业重点企业")
    assert not any(close(f.value, 30) and f.unit == "家" and f.growth is not None for f in got)
