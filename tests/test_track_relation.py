"""Tracking targets set relative to another jurisdiction ("高于全省1个百分点", "与全国同步")."""

from luoshi.models import Fact
from luoshi.track.pairing import pair_target


def target(rel: dict) -> Fact:
    return Fact(metric="gdp", metric_text="地区生产总值增速", value=None, unit=None, value_text="", status="target",
                period=2015, relation=rel, rule="relation")


def result(sentence: str, growth: float) -> Fact:
    return Fact(metric="gdp", metric_text="全省生产总值", value=None, unit=None, value_text=f"{growth:g}%",
                growth=growth, growth_unit="%", status="actual", period=2015, sentence=sentence)


def test_gap_stated_in_the_result_sentence():
    t = target({"to": "全国", "comparison": "above", "by": 1.0, "by_unit": "个百分点"})
    verdict, _, _, note = pair_target(t, [result("全省生产总值增长8.3%、高于全国1.4个百分点", 8.3)], source="work_report")
    assert verdict == "met", note
    verdict, _, _, _ = pair_target(t, [result("全省生产总值增长7.2%、高于全国0.3个百分点", 7.2)], source="work_report")
    assert verdict == "missed"


def test_gap_from_a_reference_figure():
    t = target({"to": "全国", "comparison": "equal"})
    refs = {("全国", 2015, "gdp"): 6.9}
    assert pair_target(t, [result("全省生产总值增长7%", 7.0)], source="work_report", year=2015,
                       references=refs)[0] == "met"
    assert pair_target(t, [result("全省生产总值增长6%", 6.0)], source="work_report", year=2015,
                       references=refs)[0] == "missed"


def test_without_the_referenced_figure_not_comparable():
    t = target({"to": "全省", "comparison": "not_below"})
    verdict, res, _, note = pair_target(t, [result("全市生产总值增长7%", 7.0)], source="work_report", year=2015)
    assert verdict == "not_comparable" and res is not None and "全省" in note
