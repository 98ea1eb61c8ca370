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


SHIZUISHAN = "bulk/lawtext-gov/政府工作报告-其他地市/石嘴山市/2018.md"
CHANGCHUN_2014 = "bulk/lawtext-gov/政府工作报告-主要城市/长春市/2014.md"
TIELING_2014 = "bulk/lawtext-gov/政府工作报告-其他地市/铁岭市/2014.md"


def test_one_growth_for_three_subjects_shizuishan_2018(corpus):
    """'工业园区投资、产值和税收分别增长15%以上': one growth after 分别 applies to each subject."""
    got = [f for f in facts(corpus, SHIZUISHAN, "plan") if close(f.growth, 15) and "工业园区投资" in f.sentence]
    assert sorted(f.metric_text for f in got) == ["产值", "工业园区投资", "税收"]
    assert all(f.bound == "min" for f in got)


def test_one_growth_for_urban_and_rural_income_tieling_2014(corpus):
    """'城镇居民人均可支配收入、农民人均纯收入分别增长12%': both targets, not only the first."""
    got = facts(corpus, TIELING_2014, "target")
    assert has(got, "urban_income", growth=12)
    assert has(got, "rural_income", growth=12)


def test_one_figure_for_two_rates_hegang_2023(corpus):
    """'设施完好率和绿地覆盖率达到100%': both rates reach it."""
    got = [f for f in facts(corpus, HEGANG, "plan") if close(f.value, 100) and f.unit == "%"
           and "完好率" in f.sentence]
    assert sorted(f.metric_text for f in got) == ["绿地覆盖率", "设施完好率"]


def test_bare_number_before_the_last_figure_is_no_shared_figure_changchun_2014(corpus):
    """'玉米、水稻机收率分别提高5.5和6个百分点': 5.5 has no unit of its own; 6 is not the maize figure."""
    got = [f for f in facts(corpus, CHANGCHUN_2014, "actual") if "机收率" in f.sentence]
    assert not any(f.metric_text == "玉米" for f in got)


YINCHUAN_2017 = "bulk/lawtext-gov/政府工作报告-主要城市/银川市/2017.md"
GANSU_2023 = "bulk/lawtext-gov/政府工作报告-省自治区/甘肃省/2023.md"


def test_listed_growths_pair_with_listed_levels_without_fenbie_yinchuan_2017(corpus):
    """'城镇和农村居民人均可支配收入达到30552元和12096元，年均增长8.8%和9.7%': each growth joins its level."""
    got = facts(corpus, YINCHUAN_2017, "actual", "estimate")
    assert any(close(f.value, 30552) and close(f.growth, 8.8) for f in got)
    assert any(close(f.value, 12096) and close(f.growth, 9.7) for f in got)


def test_listed_additions_stay_facts_gansu_2023(corpus):
    """'分别比2017年增加1.5万公里、730公里和447公里': additions in km are no % growths; each stays a fact."""
    got = [f for f in facts(corpus, GANSU_2023, "actual", "estimate") if "比2017年增加" in f.sentence]
    assert {f.value for f in got} >= {15000.0, 730.0, 447.0}


def test_count_of_what_the_clause_before_fosters_hegang_2023(corpus):
    """'加大高新技术企业培育力度，全年新增5户以上': the bare 新增 counts the enterprises the clause before fosters."""
    assert has(facts(corpus, HEGANG, "plan"), "hightech_enterprises", value=5, unit="户", bound="min")


def test_count_with_its_own_noun_keeps_it_shijiazhuang_2022(corpus):
    """'加大国际知名商超引进力度，力争6家知名商场或酒店进驻我市': the count names its own object."""
    got = facts(corpus, "bulk/lawtext-gov/政府工作报告-主要城市/石家庄市/2022.md", "plan")
    assert has(got, None, value=6, unit="家", text="知名商场")
