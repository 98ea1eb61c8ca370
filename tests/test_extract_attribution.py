"""Attribution on real sentences from the corpus: each figure goes to the phrase it measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.extract import extract_facts, targets_table
from luoshi.models import Meta, Report, Section


def facts_of(sentence: str, role: str = "review", year: int = 2024, kind: str = "annual"):
    report = Report(id="t", source="t", text=sentence, meta=Meta(year=year, kind=kind),
                    sections=[Section(1, None, "t", role, 0, len(sentence))])
    facts, _ = extract_facts(report)
    for f in facts:
        assert sentence[f.start:f.end] == f.value_text
    return facts


SENTENCES = [
    "完成一般公共预算收入239.9亿元,增长6.1%",
    "地区生产总值达12.82万亿元、增长5.8%。",
    "城乡居民人均可支配收入分别达6.32万元和3.05万元、增长5%和7%。",
    "旅游总收入、接待国内外游客人次分别增长11.4%和64%",
    "全区民生支出268.16亿元",
    "新认定高新技术企业5531家、总量达到1.35万家",
    "居民消费价格上涨0.4%。",
    "工业战略性新兴产业、高新技术产业产值占规上工业比重提高到41.3%和49.9%",
    "新增投资1-10亿元项目100个、10-20亿元项目20个、20-50亿元项目5个、50亿元以上项目2个",
    "完成1343条街巷综合整治提升",
    "居民消费价格涨幅、城镇调查失业率分别控制在3%和5%以内",
    "全年社会消费品零售总额9010.7亿元，保持全省第一",
    "规模以上工业总产值达到4.43万亿元，增加值增长3.6%",
]


@pytest.fixture(scope="module")
def corpus_text(corpus: Path) -> str:
    parts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((corpus / "seeds").glob("*.txt"))]
    parts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((corpus / "raw").rglob("*.md"))]
    return "\n".join(parts)


def test_sentences_are_real(corpus_text):
    for s in SENTENCES:
        assert s.rstrip("。") in corpus_text, s


def test_value_with_following_growth_is_one_fact():
    (f,) = facts_of(SENTENCES[0])
    assert (f.metric, f.value, f.unit, f.growth, f.growth_unit) == ("general_budget_revenue", 23990000000.0, "元", 6.1, "%")
    assert f.status == "actual" and f.period == 2023
    (g,) = facts_of(SENTENCES[1])
    assert (g.metric, g.value, g.growth) == ("gdp", 12820000000000.0, 5.8)


def test_distribution_over_subjects():
    urban, rural = facts_of(SENTENCES[2])
    assert (urban.metric, urban.value, urban.growth) == ("urban_income", 63200.0, 5.0)
    assert (rural.metric, rural.value, rural.growth) == ("rural_income", 30500.0, 7.0)
    revenue, visitors = facts_of(SENTENCES[3])
    assert (revenue.metric, revenue.growth) == ("tourism_revenue", 11.4)
    assert (visitors.metric, visitors.growth) == ("tourism_visitors", 64.0)
    emerging, hightech = facts_of(SENTENCES[7])
    assert (emerging.metric, emerging.value, emerging.unit) == ("emerging_output_share", 41.3, "%")
    assert (hightech.metric, hightech.value) == ("hightech_output_share", 49.9)
    cpi, unemployment = facts_of(SENTENCES[10], role="targets")
    assert (cpi.metric, cpi.value, cpi.bound, cpi.status) == ("cpi", 3.0, "max", "target")
    assert (unemployment.metric, unemployment.value, unemployment.bound) == ("unemployment_rate", 5.0, "max")


def test_share_takes_previous_subject():
    text = SENTENCES[4] + ",占一般公共预算支出比重83.54%"
    spending, share = facts_of(text)
    assert spending.metric == "livelihood_expenditure" and spending.value == 26816000000.0
    assert (share.metric, share.value, share.unit, share.rule) == ("livelihood_share", 83.54, "%", "share")


def test_total_carries_subject_without_new():
    new, total = facts_of(SENTENCES[5])
    assert (new.metric, new.value) == ("hightech_enterprises", 5531.0)
    assert (total.metric, total.value, total.rule) == ("hightech_enterprises", 13500.0, "carry")


def test_rate_metric_figure_is_value():
    (f,) = facts_of(SENTENCES[6])
    assert (f.metric, f.value, f.unit, f.growth) == ("cpi", 0.4, "%", None)


def test_enumerated_projects_are_counted_not_their_size():
    facts = facts_of(SENTENCES[8], role="plan")
    assert [(f.value, f.unit) for f in facts] == [(100.0, "个"), (20.0, "个"), (5.0, "个"), (2.0, "个")]
    assert "1-10亿元项目" in facts[0].metric_text and facts[0].status == "plan" and facts[0].period == 2024


def test_object_after_the_number():
    (f,) = facts_of(SENTENCES[9], role="plan")
    assert f.object == "街巷综合整治提升" and f.action == "完成" and f.value == 1343.0


def test_rank_and_half_year_period():
    (f,) = facts_of(SENTENCES[11], year=2020, kind="half_year")
    assert f.rank == {"scope": "全省", "n": 1} and f.period == 2020
    assert (f.metric, f.value) == ("retail_sales", 901070000000.0)


def test_estimate_and_stated_year():
    (f,) = facts_of("预计全年地区生产总值增长4.5%左右")
    assert (f.status, f.bound, f.growth) == ("estimate", "approx", 4.5)
    (g,) = facts_of("2019年完成一般公共预算收入11.68亿元,同比增长5.04%", year=2020)
    assert g.period == 2019 and g.growth == 5.04


def test_incompatible_unit_drops_metric():
    facts = facts_of("工业投资总量1881亿元，占固定资产投资比重达到31.2%")
    assert facts[0].metric == "industrial_investment"
    assert facts[1].metric is None  # a share is not an amount of fixed-asset investment


def test_targets_only_in_targets_passage_and_absent_targets():
    text = "今年主要预期目标是：城镇新增就业900万人以上。我们没有提出全年经济增速具体目标。"
    report = Report(id="t", source="t", text=text, meta=Meta(year=2020),
                    sections=[Section(1, None, "t", "targets", 0, len(text))])
    facts, absent = extract_facts(report)
    assert absent == ["gdp"]
    report.facts, report.absent_targets = facts, absent
    rows = targets_table([report])
    assert [(r["metric"], r["value"], r["bound"]) for r in rows] == [("new_urban_jobs", 9000000.0, "min"),
                                                                  ("gdp", None, "absent")]
    assert facts_of(text, role="other") == []


def test_damaged_span_has_no_facts():
    text = SENTENCES[0]
    from luoshi.models import Span

    report = Report(id="t", source="t", text=text, meta=Meta(year=2024),
                    sections=[Section(1, None, "t", "review", 0, len(text))])
    report.quality.damaged = [Span(0, text.index("亿元") + 2)]
    facts, _ = extract_facts(report)
    assert all(f.start >= text.index("亿元") + 2 for f in facts)


BULK_SENTENCES = [
    "全部财政收入由59.3亿元增长到163.3亿元",
    "廉江市生产总值突破400亿元",
    "万元规模工业增加值能耗累计下降62.9%",
    "旅游总收入较“十一五”增长3.75倍",
]


def test_bulk_sentences_are_real(corpus):
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in (corpus / "bulk" / "lawtext-gov" / "政府工作报告-其他地市").rglob("2016.md")]
    for s in BULK_SENTENCES:
        assert any(s in t for t in texts), s


def test_start_value_of_a_change_is_not_a_result():
    (f,) = facts_of(BULK_SENTENCES[0])
    assert (f.metric, f.value) == ("fiscal_revenue_total", 16330000000.0)


def test_other_place_is_scoped():
    report = Report(id="t", source="t", text=BULK_SENTENCES[1], meta=Meta(year=2016, region="湛江市"),
                    sections=[Section(1, None, "t", "review", 0, len(BULK_SENTENCES[1]))])
    (f,), _ = extract_facts(report)
    assert f.metric is None and f.scope == "廉江市" and f.value == 40000000000.0


def test_phrase_naming_another_measure_or_base_has_no_metric():
    (f,) = facts_of(BULK_SENTENCES[2])
    assert f.metric is None and f.growth == -62.9
    (g,) = facts_of(BULK_SENTENCES[3])
    assert g.metric is None and g.growth == 375.0


def test_value_added_of_the_same_industry():
    output, value_added = facts_of(SENTENCES[12])
    assert (output.metric, output.value, output.growth) == ("industrial_output_above_scale", 4430000000000.0, None)
    assert (value_added.metric, value_added.growth) == ("industrial_value_added", 3.6)


def test_absent_target_stated_after_the_passage():
    passage = "今年发展主要目标是：城镇新增就业900万人以上，城镇调查失业率6%左右。"
    note = "需要说明的是，我们没有提出全年经济增速具体目标，主要因为全球疫情和经贸形势不确定性很大。"
    text = passage + "\n" + note
    report = Report(id="t", source="t", text=text, meta=Meta(year=2020),
                    sections=[Section(1, None, "t", "targets", 0, len(passage))])
    facts, absent = extract_facts(report)
    assert absent == ["gdp"] and [f.metric for f in facts] == ["new_urban_jobs", "unemployment_rate"]


def test_share_takes_the_subject_opening_the_sentence():
    (f,) = facts_of("战略性新兴产业增速快于面上工业增速,占规上工业总产值比重达到 29.1%", year=2020, kind="half_year")
    assert (f.metric, f.value, f.unit, f.period) == ("emerging_output_share", 29.1, "%", 2020)
