"""Metadata of documents that are not work reports (NBS communiqués, five-year plans) and of reports whose head
is unusual (a bare name as the speaker line, a title line that names neither place nor year).

The collection's file names (the reported year of a communiqué, the first year of a plan) are read ONLY here, to
check the answers; parsing never sees them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.parse import parse_meta, parse_sections
from luoshi.parse.divisions import resolve

GOV = "bulk/lawtext-gov"


def parsed_all(paths: list[Path]):
    for doc in read_paths([str(p) for p in paths]):
        text, quality = clean_document(doc)
        yield Path(doc.source), parse_meta(text, doc.hints, parse_sections(text, quality.structure), quality), text


def test_every_communique_is_national_and_dated_by_the_year_it_reports(corpus):
    files = sorted((corpus / GOV / "国家统计局年度统计").glob("*.md"))
    assert len(files) >= 40
    wrong = []
    for path, meta, _ in parsed_all(files):
        got = (meta.doc_type, meta.year, meta.region, meta.level, meta.kind)
        if got != ("communique", int(path.stem), "全国", "national", "other") or not meta.title:
            wrong.append(f"{path.name}: {got} {meta.title!r}")
        elif meta.date and int(meta.date[:4]) != meta.year + 1:  # published the spring after
            wrong.append(f"{path.name}: published {meta.date}")
    assert not wrong, wrong


def test_every_five_year_plan_is_national_and_dated_by_its_first_year(corpus):
    files = sorted((corpus / GOV / "五年规划").glob("*.md"))
    assert len(files) >= 12
    wrong = []
    for path, meta, _ in parsed_all(files):
        first = int(re.match(r"\d{4}", path.stem).group(0))
        got = (meta.doc_type, meta.year, meta.region, meta.level, meta.adcode)
        if got != ("five_year_plan", first, "全国", "national", None) or not meta.title:
            wrong.append(f"{path.name}: {got} {meta.title!r}")
    assert not wrong, wrong


def test_title_footnote_marks_are_dropped(corpus):
    (_, meta, text), = parsed_all([corpus / GOV / "国家统计局年度统计" / "2023.md"])
    assert "统计公报[1]" in text and meta.title.endswith("统计公报")


def test_the_country_s_name_is_not_a_county():
    """"中华人民共和国" holds "共和", the short name of 共和县: the country's name means the whole country."""
    assert resolve("中华人民共和国国民经济和社会发展第十二个五年规划纲要", 2011).level == "national"
    assert resolve("共和县", 2020).level == "county"


@pytest.mark.parametrize("path", [f"{GOV}/政府工作报告-国务院/1996.md", f"{GOV}/政府工作报告-省自治区/甘肃省/2001.md"])
def test_a_report_on_a_plan_draft_is_a_work_report(corpus, path):
    """"关于…计划纲要的报告" is the work report delivered on the plan draft, not the plan."""
    (_, meta, text), = parsed_all([corpus / path])
    assert re.search(r"关于\S+纲要的报告", text[:3000])
    assert (meta.doc_type, meta.kind) == ("work_report", "annual")


def test_a_bare_name_under_the_meeting_line_is_the_speaker(corpus):
    """七台河 2021: "——在…会议上" / "李兵" / "2021年1月14日": the name stands where the speaker line stands and no
    office is stated."""
    (_, meta, text), = parsed_all([corpus / GOV / "政府工作报告-其他地市/七台河市/2021.md"])
    head = [x.strip() for x in text.splitlines() if x.strip()][:4]
    assert meta.speaker and meta.speaker in head and meta.speaker_title is None


def test_a_name_like_line_in_the_body_is_not_a_speaker(corpus):
    """Without a meeting or date line above it, a short line is not read as a name (合肥 2006 states no speaker)."""
    (_, meta, _), = parsed_all([corpus / GOV / "政府工作报告-主要城市/合肥市/2006.md"])
    assert meta.speaker is None


def test_a_title_line_without_place_or_year_is_written_out(corpus):
    """合肥 2024's title line is "政府工作报告": the title is written out from the year and region read elsewhere so
    that it identifies the report; a title line naming its place and year is kept as written."""
    folder = corpus / GOV / "政府工作报告-主要城市/合肥市"
    results = {p.stem: (m, t) for p, m, t in parsed_all([folder / "2024.md", folder / "2022.md"])}
    meta, text = results["2024"]
    assert re.search(r"^\**政府工作报告\**$", text, re.MULTILINE)
    assert meta.title == f"{meta.year}年{meta.region}政府工作报告" and meta.year and meta.region
    meta, _ = results["2022"]  # its title is the front matter's, as written
    assert meta.title in (folder / "2022.md").read_text(encoding="utf-8") and meta.region in meta.title


def test_a_national_report_titled_only_by_its_kind_names_the_state_council(corpus):
    (_, meta, _), = parsed_all([corpus / GOV / "政府工作报告-国务院/2015.md"])
    assert meta.title == f"{meta.year}年国务院政府工作报告" and meta.level == "national"
