"""Five-year plans against the closing review, hand-read from the national plans and work reports."""

from __future__ import annotations

from luoshi.ingest import read_paths
from luoshi.pipeline import process
from luoshi.track import plan_period, track

PLANS = "bulk/lawtext-gov/五年规划"
NATIONAL = "bulk/lawtext-gov/政府工作报告-国务院"


def test_plan_targets_against_the_next_reports_review(corpus):
    paths = [corpus / PLANS / name for name in ("2001-十五计划纲要.md", "2006-十一五规划纲要.md", "2011-十二五规划纲要.md")]
    paths += [corpus / NATIONAL / f"{year}.md" for year in (2006, 2011, 2016)]
    reports = [process(doc) for doc in read_paths([str(p) for p in paths])]
    five_year = {v.year: v for v in track(reports, plans=False) if v.kind == "five_year" and v.metric == "gdp"}
    # 十一五 plan: "国内生产总值年均增长7.5%"; 2011 report: "国内生产总值达到39.8万亿元，年均增长11.2%"
    assert (five_year[2010].target_value, five_year[2010].result_value, five_year[2010].verdict) == (7.5, 11.2, "exceeded")
    # 十二五 plan: "国内生产总值年均增长7%"; 2016 report: "国内生产总值年均增长7.8%"
    assert (five_year[2015].target_value, five_year[2015].result_value, five_year[2015].verdict) == (7.0, 7.8, "exceeded")
    # 十五 plan: "经济增长速度预期为年均7%左右"; 2006 report: "2005年与2000年相比，国内生产总值增长57.3%，年均增长9.5%"
    # (the 2006 report's own "今后五年国内生产总值年均增长7.5%" is the next plan's target, not a result)
    assert five_year[2005].result_value == 9.5 and five_year[2005].verdict == "exceeded"


def test_plan_period_from_the_title_only():
    assert plan_period("中华人民共和国国民经济和社会发展第十二个五年规划纲要") == (2011, 2015)
    assert plan_period("中华人民共和国国民经济和社会发展“九五”计划和二〇一〇年远景目标纲要") == (1996, 2000)
    assert plan_period("1976—1985年发展国民经济十年规划纲要（草案）") is None
