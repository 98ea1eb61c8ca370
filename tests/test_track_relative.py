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
