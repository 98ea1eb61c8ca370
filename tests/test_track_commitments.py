"""Commitments worth tracking: the filter and the object match on real reports, and precision against the hand check
in tests/data/commitments_eval.tsv (30 random met/exceeded/partly/missed commitment verdicts from 30 regions; its
`verdict` and `confidence` columns are the tracker's at sampling, `expected` and `judgement` the hand check's).

Files are selected by name to build a series (tests only; the pipeline never reads metadata from names).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_track_series import load, series

from luoshi.models import Fact
from luoshi.track import track_plans
from luoshi.track.commitments import superseded_aims, why_not_tracked
from luoshi.track.objects import fact_key, match_score, object_key
from luoshi.track.pairing import report_year
from luoshi.track.plans import candidates

EVAL = Path(__file__).parent / "data" / "commitments_eval.tsv"
JUDGED = ("met", "exceeded", "partly", "missed")


def plan(obj: str, sentence: str) -> Fact:
    return Fact(metric=None, metric_text=obj, value=1.0, unit="个", value_text="1个", status="plan", object=obj,
                sentence=sentence)


def test_object_match_follows_the_head_noun():
    # 抚州市 2021 "新增城市公共停车泊位2.1万个" against 2022 "新增停车位2.5万个": same group, a short qualifier apart
    assert match_score(plan("城市公共停车泊位", ""), plan("停车位", "")) == 0.9
    # 荆州市 2022 "公办幼儿园学位6690个" is a part of "增加学位2.96万个", not the same thing
    assert match_score(plan("公办幼儿园学位", ""), plan("学位", "")) == 0.0
    # 湘潭市 2023 "改造60个老旧小区燃气设施" is no 老旧小区改造; "城镇老旧小区改造" is
    assert object_key("老旧小区燃气设施") != object_key("城镇老旧小区改造") == "老旧小区改造"
    # 宿迁市 2019 "有序实施28个城市棚户区和16个老旧小区改造": the 28 are 棚户区, the first item
    assert object_key("城市棚户区和16个老旧小区改造") == "棚户区改造"


@pytest.fixture(scope="module")
def suzhou(corpus):
    return series(corpus, "政府工作报告-主要城市/苏州市", 2022, 2023)


def test_filter_keeps_deliverables_and_drops_the_rest(suzhou):
    kept = track_plans(suzhou)
    everything = track_plans(suzhou, worth_only=False)
    assert 0 < len(kept) < len(everything)
    # 2022 "改造老旧小区79个" and "新增就业17万人" are kept; money, rates and vague counts are not
    assert {"老旧小区改造", "城镇新增就业"} <= {v.metric for v in kept}
    assert all(v.unit not in ("元", "%", None) for v in kept)
    dropped = {v.target.sentence for v in everything} - {v.target.sentence for v in kept}
    assert "实施总投资1.3万亿元的市级重点项目投资计划" in dropped  # a project's money
    assert "完成智能化改造和数字化转型项目5000个以上" in dropped  # a count of projects
    assert "累计建成共享农庄（乡村民宿）100家" in dropped  # a cumulative aim


def test_multi_year_aims_are_not_commitments_of_the_year(corpus):
    # 烟台市 2022: "城镇新增就业50万人以上" (the five-year term's goals) is restated for the year as a smaller figure later
    # in the same report; the term's aim is no commitment of 2022
    report = series(corpus, "政府工作报告-主要城市/烟台市", 2022, 2022)[0]
    year = report_year(report)
    plans = candidates(report, year)
    term = next(i for i, f in enumerate(plans) if f.value_text == "50万人")
    assert term in superseded_aims(plans)
    assert why_not_tracked(plans[term], year, fact_key(plans[term]), True, superseded=True) == "deadline"
    # "到2026年，清洁能源装机容量突破1500万千瓦" is dropped on its own wording (and its unit)
    assert all(why_not_tracked(f, year, fact_key(f), True) for f in plans if "到2026年" in f.sentence)


def test_facts_alone_decide(suzhou):
    """A report rebuilt from stored facts (no text, no sections, as the web page does) gets the same verdicts."""
    from luoshi.models import Report

    bare = [Report(id=r.id, source=r.source, text="", meta=r.meta, facts=[f for f in r.facts if f.status != "target"])
            for r in suzhou]
    row = lambda v: (v.year, v.metric, v.verdict, v.target_value, v.result_value, v.confidence)
    assert [row(v) for v in track_plans(bare)] == [row(v) for v in track_plans(suzhou)]


def test_precision_on_hand_checked_commitments(corpus):
    """Precision of met/exceeded/partly/missed commitment verdicts against the hand check: at least 0.8."""
    rows = list(csv.DictReader(EVAL.open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) == 30 and len({r["folder"] for r in rows}) == 30
    judged = []
    for row in rows:
        base, year = corpus / row["folder"], int(row["year"])
        verdicts = track_plans(load([base / f"{year}.md", base / f"{year + 1}.md"]), year=year)
        found = next((v for v in verdicts if v.target.value_text == row["plan"]
                      and v.target.sentence == row["plan_sentence"]), None)
        if found is not None and found.verdict in JUDGED:
            judged.append((row, found.verdict))
    assert len(judged) >= 0.8 * len(rows), "too few hand-checked commitments were judged at all"
    correct = sum(verdict == row["expected"] for row, verdict in judged)
    assert correct / len(judged) >= 0.8, [(r["folder"], r["year"], r["plan"], r["expected"], v)
                                          for r, v in judged if v != r["expected"]]
