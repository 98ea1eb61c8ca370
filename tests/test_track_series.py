"""Target verdicts on real series of consecutive reports, against hand-read expectations (tests/data/track_eval.tsv).

Files are selected by name to build a series (tests only; the pipeline never reads metadata from names).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from luoshi.ingest import read_paths
from luoshi.models import Report
from luoshi.pipeline import process
from luoshi.track import track_national, track_plans, track_series

EVAL = Path(__file__).parent / "data" / "track_eval.tsv"
BULK = "bulk/lawtext-gov"


def load(paths: list[Path]) -> list[Report]:
    return [process(doc) for doc in read_paths([str(p) for p in paths]) if not isinstance(doc, Exception)
            and hasattr(doc, "data")]


def series(corpus: Path, folder: str, first: int, last: int) -> list[Report]:
    base = corpus / BULK / folder
    return load([base / f"{y}.md" for y in range(first, last + 1) if (base / f"{y}.md").exists()])


@pytest.fixture(scope="module")
def suzhou(corpus):
    return track_series(series(corpus, "政府工作报告-主要城市/苏州市", 2019, 2025))


@pytest.fixture(scope="module")
def national(corpus):
    reports = series(corpus, "政府工作报告-国务院", 2017, 2023)
    communiques = series(corpus, "国家统计局年度统计", 2017, 2023)
    return track_series(reports), track_national(reports, communiques)


def verdict_of(verdicts, year, metric):
    return next((v for v in verdicts if v.year == year and v.metric == metric), None)


def test_suzhou_hand_read_verdicts(suzhou):
    # 2024 target "地区生产总值增长5%以上"; 2025 report "全市实现地区生产总值2.67万亿元，增长6%"
    gdp = verdict_of(suzhou, 2024, "gdp")
    assert gdp.verdict == "exceeded" and gdp.result_value == 6.0 and gdp.target_value == 5.0
    assert "2.67万亿元" in gdp.result.sentence and gdp.result_report != gdp.target_report
    # 2024 target "社会消费品零售总额增长5.5%左右"; 2025 report "社会消费品零售总额增长4.8%。": a miss
    assert verdict_of(suzhou, 2024, "retail_sales").verdict == "missed"
    # 2023 target "地区生产总值增长5%左右"; 2024 report "全市实现地区生产总值24653亿元，按可比价计算，增长4.6%"
    assert verdict_of(suzhou, 2023, "gdp").verdict == "missed"
    # 2022 target "居民消费价格总水平涨幅控制在3%左右": the 2023 report states no CPI result
    assert verdict_of(suzhou, 2022, "cpi").verdict == "not_reported"
    # 2022 target "地区生产总值增长5.5%以上"; the 2023 report only says "全年实现地区生产总值2.4万亿元"
    assert verdict_of(suzhou, 2022, "gdp").verdict == "not_comparable"


def test_national_no_target_year_and_communique(national):
    reports_verdicts, communique_verdicts = national
    # 2020 report: "我们没有提出全年经济增速具体目标"
    assert verdict_of(reports_verdicts, 2020, "gdp").verdict == "no_target"
    # 2022 target "国内生产总值增长5.5%左右"; 公报 2022 "全年国内生产总值1210207亿元，比上年增长3.0%。"
    gdp_2022 = verdict_of(communique_verdicts, 2022, "gdp")
    assert gdp_2022.verdict == "missed" and gdp_2022.source == "communique" and gdp_2022.result_value == 3.0


def test_commitments_against_next_year_evidence(corpus):
    verdicts = track_plans(series(corpus, "政府工作报告-主要城市/苏州市", 2022, 2025))
    by_year = {(v.year, v.metric): v for v in verdicts}
    # 2022 plan "改造老旧小区79个"; 2023 review "稳步推进城市更新试点，完成老旧小区改造68个": partly
    old_estates = by_year[(2022, "老旧小区改造")]
    assert old_estates.verdict == "partly" and (old_estates.target_value, old_estates.result_value) == (79, 68)
    # 2024 plan "新增托位1.2万个"; 2025 review "新增托位数1.43万个" (synonym 托位数): exceeded
    assert by_year[(2024, "托位")].verdict == "exceeded"


SERIES = {  # region → (folder under the corpus, first year, last year)
    "江苏省": ("bulk/lawtext-gov/政府工作报告-省自治区/江苏省", 2018, 2024),
    "深圳市": ("bulk/lawtext-gov/政府工作报告-主要城市/深圳市", 2020, 2023),
    "岳阳市": ("bulk/lawtext-gov/政府工作报告-其他地市/岳阳市", 2022, 2025),
    "邢台市": ("raw/lawtext-gov/政府工作报告-其他地市/邢台市", 2021, 2024),
}


@pytest.mark.slow
def test_precision_on_hand_checked_evaluation(corpus, suzhou, national):
    """Precision of met/exceeded/missed verdicts on main targets against tests/data/track_eval.tsv: at least 0.95."""
    rows = list(csv.DictReader(EVAL.open(encoding="utf-8"), delimiter="\t"))
    predicted = {("苏州市", v.year, v.metric): v.verdict for v in suzhou}
    predicted.update({("全国", v.year, v.metric): v.verdict for v in national[1]})
    for region, (folder, first, last) in SERIES.items():
        base = corpus / folder
        reports = load([base / f"{y}.md" for y in range(first, last + 1) if (base / f"{y}.md").exists()])
        predicted.update({(region, v.year, v.metric): v.verdict for v in track_series(reports)})
    judged = [(r, predicted.get((r["region"], int(r["year"]), r["metric"]))) for r in rows]
    judged = [(r, p) for r, p in judged if p in ("met", "exceeded", "missed")]
    assert len(judged) >= 0.8 * len(rows), "too few evaluation pairs were judged at all"
    correct = sum(p == r["expected"] for r, p in judged)
    assert correct / len(judged) >= 0.95, [(r["region"], r["year"], r["metric"], r["expected"], p)
                                           for r, p in judged if p != r["expected"]]
