"""Relative targets tracked on real reports: 马鞍山市 sets "城镇居民人均可支配收入增长与经济增长同步" for 2019 (its
2019 report's targets passage); its 2020 report gives the 2019 results (GDP 增长8%, urban income 增长8.6%)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from luoshi.ingest import read_paths
from luoshi.models import Document
from luoshi.pipeline import process
from luoshi.track import track, verdict_frame

CITY = "bulk/lawtext-gov/政府工作报告-其他地市/马鞍山市"


@pytest.fixture(scope="module")
def reports(corpus: Path):
    docs = [d for d in read_paths([str(corpus / CITY / "2019.md"), str(corpus / CITY / "2020.md")])
            if isinstance(d, Document)]
    assert len(docs) == 2
    return [process(d) for d in docs]


def test_income_in_step_with_growth_is_judged_against_gdp_of_the_same_report(reports):
    relative = [v for v in track(reports, plans=False) if v.kind == "relative" and v.metric == "urban_income"]
    assert len(relative) == 1
    v = relative[0]
    assert v.year == 2019 and v.target.relation == {"to": "经济增长", "comparison": "equal"}
    assert v.result is not None and v.result.growth == pytest.approx(8.6)
    assert v.extra["reference"] == "经济增长" and v.extra["reference_metric"] == "gdp"
    assert v.extra["reference_value"] == pytest.approx(8.0)  # the 2020 report's "地区生产总值…增长8%"
    assert (v.target_value, v.result_value) == (pytest.approx(8.0), pytest.approx(8.6))
    assert v.verdict == "exceeded"  # 0.6 points above: at least RATE_EXCEED
    row = verdict_frame([v]).iloc[0]
    assert row["reference"] == "经济增长" and row["reference_value"] == pytest.approx(8.0)


def test_a_province_reference_without_its_figure_is_not_comparable(reports):
    trade = [v for v in track(reports, plans=False) if v.kind == "relative" and v.metric == "trade_total"]
    assert trade and all(v.verdict == "not_comparable" and v.extra["reference"] == "全省" for v in trade)


def test_relative_targets_change_no_other_verdict(reports):
    bare = [dataclasses.replace(r, relative_targets=[]) for r in reports]
    without = [v.row() for v in track(bare, plans=False)]
    with_them = [v.row() for v in track(reports, plans=False) if v.kind != "relative"]
    assert with_them == without and with_them
    assert all(not f.relation or f.metric == "gdp" for r in reports for f in r.facts)  # never a fact


def test_jurisdiction_figures_from_the_corpus(corpus: Path):
    """"高于全省平均水平" against the province's own next-year report, "高于全国平均水平" against the communiqué."""
    from luoshi.track import jurisdiction_references

    def read(*paths: str):
        docs = [d for d in read_paths([str(corpus / "bulk/lawtext-gov" / p) for p in paths]) if isinstance(d, Document)]
        assert len(docs) == len(paths)
        return [process(d) for d in docs]

    groups = {"宣城市": read("政府工作报告-其他地市/宣城市/2020.md", "政府工作报告-其他地市/宣城市/2021.md"),
              "安徽省": read("政府工作报告-省自治区/安徽省/2019.md", "政府工作报告-省自治区/安徽省/2020.md",
                          "政府工作报告-省自治区/安徽省/2021.md"),
              "全国": read("国家统计局年度统计/2019.md")}
    refs = jurisdiction_references(groups)
    city = {v.metric: v for v in track(groups["宣城市"], plans=False, references=refs["宣城市"])
            if v.kind == "relative" and v.year == 2020}
    urban = city["urban_income"]  # 2020 "城镇居民人均可支配收入…高于全省平均水平"; 安徽 2021: 城镇…增长5.1%
    assert urban.extra["reference"] == "全省" and urban.extra["reference_value"] == pytest.approx(5.1)
    assert urban.result_value > urban.extra["reference_value"] and urban.verdict == "met"
    province = {v.metric: v for v in track(groups["安徽省"], plans=False, references=refs["安徽省"])
                if v.kind == "relative" and v.year == 2019}
    trade = province["trade_total"]  # 2019 "进出口总额增长高于全国平均水平"; the communiqué: 增长3.4%
    assert trade.extra["reference"] == "全国" and trade.extra["reference_value"] == pytest.approx(3.4)
    assert trade.verdict == "met"
    bare = {v.metric: v.verdict for v in track(groups["安徽省"], plans=False) if v.kind == "relative" and v.year == 2019}
    assert bare["trade_total"] == "not_comparable"  # without the communiqué: no figure to set it against
