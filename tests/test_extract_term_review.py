"""Results of a paragraph reviewing five years are over the span; the year's result is read from the year's figure."""

from __future__ import annotations

from fact_checks import report_facts

from luoshi.ingest import read_paths
from luoshi.pipeline import process
from luoshi.track import track_series

NATIONAL = "bulk/lawtext-gov/政府工作报告-国务院"


def results(corpus, rel, metric):
    return [(f.value_text, f.basis) for f in report_facts(str(corpus / rel))
            if f.metric == metric and f.status in ("actual", "estimate")]


def test_a_five_year_total_is_cumulative_and_the_year_s_figure_annual(corpus):
    # 2018: "五年来，经济实力跃上新台阶。……城镇新增就业6600万人以上" then "刚刚过去的2017年……城镇新增就业1351万人"
    assert ("6600万人", "cumulative") in results(corpus, f"{NATIONAL}/2018.md", "new_urban_jobs")
    assert ("1351万人", "annual") in results(corpus, f"{NATIONAL}/2018.md", "new_urban_jobs")
    # 2013: "过去五年，……城镇新增就业5870万人" before "2012年……城镇新增就业1266万人"
    assert ("5870万人", "cumulative") in results(corpus, f"{NATIONAL}/2013.md", "new_urban_jobs")
    assert ("1266万人", "annual") in results(corpus, f"{NATIONAL}/2013.md", "new_urban_jobs")


def test_a_level_reached_at_the_span_s_end_stays_the_year_s(corpus):
    # 2018: "国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%" (average); 2013: GDP "达到51.9万亿元"
    assert ("51.9万亿元", "annual") in results(corpus, f"{NATIONAL}/2013.md", "gdp")


def test_the_2017_jobs_target_is_judged_against_the_year_s_figure(corpus):
    reports = [process(next(iter(read_paths([str(corpus / NATIONAL / f"{y}.md")])))) for y in (2017, 2018)]
    verdict = next(v for v in track_series(reports) if v.year == 2017 and v.metric == "new_urban_jobs")
    assert verdict.result is not None and verdict.result.value_text == "1351万人"
    assert verdict.verdict == "exceeded"  # 1100万人以上 set, 1351万人 done
