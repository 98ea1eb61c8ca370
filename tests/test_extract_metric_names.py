"""Metric names and what a figure measures, on real reports outside the gold sets: shares read from their parts,
names followed by another measure, qualifiers, increments, gaps, per-mille figures, falling prices and ellipsis."""

from __future__ import annotations

from pathlib import Path

from fact_checks import report_facts as _facts

from luoshi.extract import metrics
from luoshi.models import Fact

LAW = "bulk/lawtext-gov"


def facts_in(corpus: Path, rel: str, phrase: str) -> list[Fact]:
    """The facts read from the clause that holds phrase."""
    return [f for f in _facts(str(corpus / LAW / rel)) if phrase in (f.sentence or "")]


def test_share_written_as_its_parts(corpus):
    got = facts_in(corpus, "政府工作报告-主要城市/南昌市/2021-10.md", "民生类支出占一般公共预算支出比重")
    assert [f.metric for f in got if f.unit == "%"] == ["livelihood_share"]


def test_service_share_and_its_change(corpus):
    got = facts_in(corpus, "国家统计局年度统计/2008.md", "第三产业增加值比重为40.1%")
    assert any(f.metric == "service_output_share" and f.value == 40.1 and f.growth == -0.3
               and f.growth_unit == "个百分点" for f in got)


def test_falling_prices_are_a_negative_rate(corpus):
    got = facts_in(corpus, "国家统计局年度统计/1998.md", "居民消费价格总水平比上年下降0.8%")
    assert any(f.metric == "cpi" and f.value == -0.8 and f.unit == "%" and f.growth is None for f in got)


def test_per_mille_is_read_in_its_written_unit(corpus):
    got = facts_in(corpus, "政府工作报告-主要城市/佛山市/2006.md", "人口自然增长率控制在5.9‰以下")
    assert any(f.value == 5.9 and f.unit == "‰" and f.bound == "max" and f.metric is None for f in got)


def test_names_followed_by_another_measure_or_in_an_aside(corpus):
    refund = facts_in(corpus, "政府工作报告-主要城市/青岛市/2009.md", "出口退税")
    aside = facts_in(corpus, "五年规划/1981-六五计划摘要.md", "包括利用外资")
    assert refund and aside
    assert not [f for f in refund + aside if f.metric]


def test_qualified_names_are_parts_not_the_whole(corpus):
    drinking = facts_in(corpus, "政府工作报告-主要城市/天津市/2008.md", "饮用水源地水质达标率")
    market = facts_in(corpus, "政府工作报告-主要城市/苏州市/2019.md", "市场采购贸易出口额")
    assert drinking and market
    assert not [f for f in drinking + market if f.metric]


def test_an_amount_added_is_no_level(corpus):
    got = facts_in(corpus, "国家统计局年度统计/1988.md", "比上年增加673亿元")
    assert got and not [f for f in got if f.value == 673e8 and f.metric]
    level = facts_in(corpus, "国家统计局年度统计/1988.md", "全国固定资产投资完成4314亿元")
    assert any(f.metric == "fixed_asset_investment" and f.value == 4314e8 for f in level)


def test_a_gap_to_another_base_is_no_change(corpus):
    got = facts_in(corpus, "政府工作报告-其他地市/七台河市/2020.md", "低于省控指标")
    assert got and not [f for f in got if f.metric == "unemployment_rate" and f.growth is not None]


def test_elliptical_tail_takes_the_sentence_opening(corpus):
    got = facts_in(corpus, "政府工作报告-其他地市/红河哈尼族彝族自治州/2014.md", "总产达177.8万吨")
    assert any(f.metric == "grain_output" and f.value == 1778000 and f.unit == "吨" for f in got)


def test_find_reads_shares_verbs_and_bases():
    assert metrics.find("全市财政民生支出占到一般公共预算支出的")[0] == "livelihood_share"
    assert metrics.find("服务业比重")[0] == "service_output_share"
    assert metrics.find("规模以上工业完成增加值") == ("industrial_value_added", 0, 11)
    assert metrics.find("增加值占服务业比重") is None  # 服务业 is the base here, not the subject
    assert metrics.find("出口通关时间") is None


def test_share_in_tenths(corpus):
    got = facts_in(corpus, "政府工作报告-主要城市/佛山市/2026.md", "民生类支出占一般公共预算支出超七成")
    assert any(f.metric == "livelihood_share" and f.value == 70 and f.unit == "%" and f.bound == "min" for f in got)


def test_tenths_only_after_a_bound_or_verb():
    from luoshi.extract.quantities import scan

    assert [(q.value, q.unit, q.bound) for q in scan("占财政支出比重超八成")] == [(80, "%", "min")]
    assert scan("一成不变") == [] and scan("九成宫遗址") == [] and scan("八成新") == []


def test_change_since_a_stated_year_is_cumulative(corpus):
    got = facts_in(corpus, "政府工作报告-主要城市/天津市/2018.md", "PM2.5年均浓度2017年比2013年下降35.4%")
    assert any(f.metric == "pm25" and f.growth == -35.4 and f.basis == "cumulative" and f.period == 2017 for f in got)


def test_goal_quoted_in_a_review_is_no_result(corpus):
    got = facts_in(corpus, "政府工作报告-省自治区/河北省/2003.md", "到2020年力争比2000年翻两番")
    assert got and not [f for f in got if f.metric]


def test_per_area_figures_are_no_totals(corpus):
    got = facts_in(corpus, "政府工作报告-主要城市/佛山市/2016.md", "每平方公里税收0.33亿元")
    assert not [f for f in got if f.value == 0.33e8 and f.metric]


def test_rd_intensity_from_its_parts():
    for phrase in ("全社会研发经费支出占生产总值比重", "研究与试验发展（R&D）经费支出占国内生产总值的", "全社会研发投入占比",
                   "全社会研究与开发经费支出相当于全市生产总值的比例", "R&D投入强度"):
        assert metrics.find(phrase)[0] == "rd_intensity", phrase
    for phrase in ("企业研发投入占全社会研发投入比重", "基础研究经费占R&D经费支出比重", "企业研发经费占销售收入比重"):
        assert metrics.find(phrase) is None, phrase


def test_sector_words_before_a_name_are_parts():
    for phrase in ("服务出口", "服务进出口总额", "农副食品加工业增加值", "软件和信息技术服务业增加值", "能源工业投资", "工业税收",
                   "亿元GDP死亡率", "城镇居民人均可支配收入中位数"):
        assert metrics.find(phrase) is None, phrase
    assert metrics.find("规模以上工业增加值")[0] == "industrial_value_added"
    assert metrics.find("国际国内旅游总收入")[0] == "tourism_revenue"


def test_regional_aggregates_in_a_communique_are_no_national_gdp(corpus):
    got = facts_in(corpus, "国家统计局年度统计/2019.md", "东部地区生产总值")
    assert got and not [f for f in got if f.metric == "gdp"]


def test_share_of_spending_named_after_its_figure(corpus):
    """'80%以上的财政支出用于民生' (宿迁 2022 review): the livelihood share, named after the figure."""
    got = [f for f in _facts(str(corpus / LAW / "政府工作报告-其他地市/宿迁市/2022.md"))
           if f.value == 80 and f.unit == "%" and "民生" in f.metric_text]
    assert got and all(f.metric == "livelihood_share" and f.bound == "min" for f in got)


def test_people_counted_after_renkou_without_a_unit(corpus):
    """'新增受益人口40万' (杭州 2019 plan): a count of people written after 人口 without 人 is 400000 人."""
    got = [f for f in _facts(str(corpus / LAW / "政府工作报告-主要城市/杭州市/2019.md"))
           if f.status == "plan" and "受益人口" in f.metric_text]
    assert any(f.value == 400000 and f.unit == "人" for f in got)


def test_each_metric_id_is_defined_once():
    """Two rows of one id (a merge of two branches each adding an alias) would break the store's metrics table."""
    from collections import Counter
    from pathlib import Path

    from luoshi import extract
    table = Path(extract.__file__).parent / "data" / "metrics.tsv"
    ids = [line.split("\t")[0] for line in table.read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
