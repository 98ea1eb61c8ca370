"""Metadata read from real copies: seeds (partial, damaged, Traditional, anonymised, town, district), national,
bulk communiqués and five-year plans. Expected values are what the copies themselves state."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.models import Quality
from luoshi.parse import parse_meta, parse_sections
from luoshi.parse.divisions import resolve
from luoshi.pipeline import process


def parsed(path: Path):
    doc = next(iter(read_paths([path])))
    text, quality = clean_document(doc)
    sections = parse_sections(text, quality.structure)
    meta = parse_meta(text, doc.hints, sections, quality)
    return meta, quality.judged(meta), text


def test_page_two_of_a_county_level_city_report(seeds):
    meta, quality, _ = parsed(seeds["000"])
    assert (meta.region, meta.adcode, meta.level, meta.province) == ("昆山市", "320583", "county", "江苏省")
    assert meta.year == 2022 and meta.date is None and meta.speaker is None
    assert quality.partial and quality.confidence < 1


def test_damaged_traditional_half_year_anonymised_district(seeds):
    meta, _, _ = parsed(seeds["002"])
    assert meta.region is None and meta.adcode is None and meta.level == "district"
    assert (meta.year, meta.kind, meta.date) == (2020, "half_year", "2020-07-15")
    assert meta.meeting.startswith("xx市xx区第五届人民代表大会常务委员会")
    assert meta.speaker is None


def test_town_is_named_with_its_parent(seeds):
    meta, _, _ = parsed(seeds["003"])
    assert (meta.region, meta.adcode, meta.level, meta.province) == ("昆山市淀山湖镇", None, "town", "江苏省")
    assert (meta.speaker, meta.speaker_title, meta.date) == ("朱叶华", "镇长", "2020-01-16")


def test_damaged_date_is_read_with_the_rest_of_the_page(seeds):
    """Without the title's clean date, "——2020116日…" is read as 1月16日 because the page was posted 2020-02-01."""
    doc = next(iter(read_paths([seeds["003"]])))
    text, quality = clean_document(doc)
    lines = [x for x in text.splitlines() if not x.startswith("政府工作报告(")]
    text = "\n".join(lines)
    assert "2020116日" in text and "2020年1月16日" not in text
    meta = parse_meta(text, {}, parse_sections(text, quality.structure), quality)
    assert meta.date == "2020-01-16"


def test_district_with_its_parent_city(seeds):
    meta, _, _ = parsed(seeds["004"])
    assert (meta.region, meta.adcode, meta.level, meta.parent) == ("苏州市吴江区", "320509", "district", "苏州市")
    assert (meta.year, meta.date, meta.speaker, meta.speaker_title) == (2024, "2024-01-09", "王国荣", "区长")
    assert meta.meeting == "苏州市吴江区第十七届人民代表大会第三次会议"


def test_national_report(corpus):
    meta, _, _ = parsed(corpus / "bulk/lawtext-gov/政府工作报告-国务院/2015.md")
    assert (meta.region, meta.level, meta.adcode, meta.year) == ("全国", "national", None, 2015)
    assert (meta.speaker, meta.speaker_title) == ("李克强", "总理")
    assert meta.meeting == "第十二届全国人民代表大会第三次会议"


@pytest.mark.parametrize("folder,doc_type", [("国家统计局年度统计", "communique"), ("五年规划", "five_year_plan")])
def test_documents_that_are_not_work_reports(corpus, folder, doc_type):
    files = sorted((corpus / "bulk/lawtext-gov" / folder).glob("*.md"))[-3:]
    assert files
    for f in files:
        meta, quality, _ = parsed(f)
        assert meta.doc_type == doc_type, f
        assert meta.kind == "other"
        assert quality.confidence <= 0.5 and any(doc_type in r for r in quality.reasons)


def test_divisions_change_with_the_year():
    old = resolve("吴江", 2010)
    new = resolve("吴江", 2013)
    assert (old.region, old.adcode, old.level) == ("吴江市", "320584", "county")
    assert (new.region, new.adcode, new.level) == ("苏州市吴江区", "320509", "district")
    assert resolve("襄樊市", 2005).adcode == resolve("襄阳市", 2015).adcode


def test_abbreviations_and_anonymised_names():
    assert resolve("恩施州", 2020).region == "恩施土家族苗族自治州"
    assert resolve("广西", 2020).level == "province"
    anon = resolve("xx县", 2020)
    assert anon.region is None and anon.level == "county"


def test_metadata_never_comes_from_the_source_path(seeds, tmp_path):
    """The same bytes under a neutral name give the same answers."""
    neutral = tmp_path / "report.txt"
    neutral.write_bytes(seeds["004"].read_bytes())
    assert parsed(neutral)[0] == parsed(seeds["004"])[0]


def test_parse_leaves_the_clean_quality_alone_and_gives_the_same_doubts_each_run(corpus):
    doc = next(iter(read_paths([max((corpus / "bulk/lawtext-gov/五年规划").glob("*.md"))])))
    text, quality = clean_document(doc)
    before = copy.deepcopy(quality)
    runs = [parse_meta(text, doc.hints, parse_sections(text, quality.structure), quality) for _ in range(2)]
    assert quality == before
    assert runs[0] == runs[1] and runs[0].doubts == ["not a government work report (five_year_plan)"]
    record = process(doc).to_dict()
    assert record["quality"]["reasons"] == [*before.reasons, *runs[0].doubts]
    assert record["quality"]["confidence"] == min(before.confidence, 0.5)


def test_empty_text_gives_empty_metadata():
    meta = parse_meta("", {}, [], Quality())
    assert meta.region is None and meta.year is None
