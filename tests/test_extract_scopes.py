"""A figure of the urban core (市区, 中心城区, 主城区) or of every county (各县市) belongs to a part of the jurisdiction,
not to the whole: it gets a scope and no metric id; the scope keeps its own first character (中心城区, not 心城区)."""

from __future__ import annotations

from fact_checks import facts


def test_urban_core_air_quality_is_a_part(corpus):
    # 武汉市 2009: "中心城区环境空气质量优良率达到80.3%，比上年提高4.7个百分点"
    got = [f for f in facts(corpus, "bulk/lawtext-gov/政府工作报告-主要城市/武汉市/2009.md", "actual")
           if f.value == 80.3]
    assert got and all(f.scope == "中心城区" and f.metric is None for f in got)


def test_urban_core_and_county_towns_together_are_a_part(corpus):
    # 毕节市 2020: "中心城区和县城环境空气质量优良天数比率达97%以上"
    hits = [f for f in facts(corpus, "bulk/lawtext-gov/政府工作报告-其他地市/毕节市/2020.md", "actual")
            if "中心城区" in f.sentence and f.value == 97.0]
    assert hits and all(f.scope and f.scope.endswith("中心城区") and f.metric is None for f in hits)
