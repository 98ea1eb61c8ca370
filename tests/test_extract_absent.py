"""Targets a report explicitly does not set ("我们没有提出全年经济增速具体目标") become report.absent_targets."""

from __future__ import annotations

import pytest

from luoshi.extract import extract_facts
from luoshi.ingest import read_paths
from luoshi.models import Meta, Report, Section
from luoshi.pipeline import process


@pytest.mark.parametrize("path", ["bulk/lawtext-gov/政府工作报告-国务院/2020.md",
                                  "bulk/lawtext-gov/政府工作报告-主要城市/佛山市/2020.md"])
def test_no_growth_target_in_real_reports(corpus, path):
    text = (corpus / path).read_text(encoding="utf-8")
    assert "没有提出全年经济增速具体目标" in text
    report = process(next(iter(read_paths([str(corpus / path)]))))
    assert report.absent_targets == ["gdp"]
    assert not any(f.metric == "gdp" and f.status == "target" and f.period == report.meta.year for f in report.facts)


def test_a_report_with_a_growth_target_has_none_absent(corpus):
    report = process(next(iter(read_paths([str(corpus / "bulk/lawtext-gov/政府工作报告-国务院/2023.md")]))))
    assert report.absent_targets == []
    assert any(f.metric == "gdp" and f.status == "target" for f in report.facts)


def test_the_sentence_alone():
    # 国务院 2020: "需要说明的是，我们没有提出全年经济增速具体目标，主要因为全球疫情和经贸形势不确定性很大"
    text = "需要说明的是，我们没有提出全年经济增速具体目标，主要因为全球疫情和经贸形势不确定性很大。"
    report = Report(id="t", source="t", text=text, meta=Meta(year=2020),
                    sections=[Section(1, None, "t", "targets", 0, len(text))])
    assert extract_facts(report) == ([], ["gdp"])
