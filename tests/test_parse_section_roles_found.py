"""Section roles in layouts first seen on a labelled set, checked over the bulk corpus: the government's own-building section
under other names (提高政府履职能力和水平, 努力建设人民满意政府) read as plan; notes (**《政府工作报告》注释**) nested in the
last plan sub-section; an appendix of last year's done items read as plan; the year's targets announced without
主要/预期, and the term's targets (今后五年，…主要预期目标是) taken for the year's."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.parse import parse_sections
from luoshi.parse.roles import role_of_title

CITIES = "bulk/lawtext-gov/政府工作报告-主要城市"
PREFECTURES = "bulk/lawtext-gov/政府工作报告-其他地市"


def top_roles(path: Path) -> list[tuple[str, str]]:
    text, quality = clean_document(next(iter(read_paths([path]))))
    sections = parse_sections(text, quality.structure)
    return [(s.title, s.role) for s in sections if s.level == 1]


@pytest.mark.parametrize("rel, title", [
    (f"{CITIES}/合肥市/2024.md", "提高政府履职能力和水平"),
    (f"{CITIES}/青岛市/2017.md", "努力建设人民满意政府"),
    (f"{PREFECTURES}/济宁市/2020.md", "推进政府治理体系和治理能力现代化"),
    (f"{PREFECTURES}/株洲市/2023.md", "以新时代党的建设为引领，打造忠诚务实高效清廉政府"),
])
def test_government_building_section_is_not_plan(corpus, rel, title):
    roles = top_roles(corpus / rel)
    assert (title, "self_building") in [(t[:len(title)], r) for t, r in roles]
    assert any(r == "plan" for _, r in roles)  # the plan before it keeps its role


def test_work_plan_titles_that_name_the_government_stay_plan():
    for title in ("2020年政府工作重点任务", "2023年政府重点工作", "今后五年政府工作重点", "新一届政府工作的总体要求和目标任务"):
        assert role_of_title(title) == "plan", title


def test_notes_after_the_last_plan_sub_section_are_not_plan(corpus):
    """'**附件**' / '**《政府工作报告》注释**' follow （九）建设人民满意政府 inside 二、2014年工作任务; the notes
    ("银行按不低于财政保证金8倍放大贷款额度…100万元以下低息贷款") explain terms and are no part of the plan."""
    text, quality = clean_document(next(iter(read_paths([corpus / f"{PREFECTURES}/赣州市/2014.md"]))))
    sections = parse_sections(text, quality.structure)
    notes = next(s for s in sections if "注释" in s.title)
    assert notes.level == min(s.level for s in sections) and notes.role == "other"
    at = text.index("放大贷款额度")
    assert not any(s.role == "plan" and s.start <= at < s.end for s in sections)
    last_plan = max((s for s in sections if s.role == "plan"), key=lambda s: s.start)
    assert "建设人民满意政府" in last_plan.title or last_plan.end <= notes.start


def test_appendix_of_last_years_done_items_is_review(corpus):
    """肇庆市 2020 appends '2019年市十件惠民实事完成情况' (done) and '2020年市十件惠民实事工作安排' (to do) under the plan:
    the first reports results, the second commits."""
    text, quality = clean_document(next(iter(read_paths([corpus / f"{PREFECTURES}/肇庆市/2020.md"]))))
    roles = {s.title: s.role for s in parse_sections(text, quality.structure) if s.level == 2}
    assert roles["2019年市十件惠民实事完成情况"] == "review"
    assert roles["2020年市十件惠民实事工作安排"] == "plan"


@pytest.mark.parametrize("rel, opening", [
    (f"{PREFECTURES}/葫芦岛市/2022.md", "今年的发展目标是：地区生产总值增长6%左右"),
    (f"{PREFECTURES}/临沂市/2021.md", "今年全市经济社会发展目标为：生产总值增长6.5%左右"),
    (f"{PREFECTURES}/岳阳市/2018.md", "2018年全市经济社会发展目标是：地区生产总值增长8%左右"),
])
def test_year_targets_announced_as_development_goals(corpus, rel, opening):
    """The year's targets announced as "今年的发展目标是：" / "2018年全市经济社会发展目标是：" (no 主要/预期) are the targets
    passage; before, these reports had none."""
    text, quality = clean_document(next(iter(read_paths([corpus / rel]))))
    passage = next(s for s in parse_sections(text, quality.structure) if s.role == "targets")
    assert text[passage.start:passage.end].startswith(opening)


@pytest.mark.parametrize("rel, opening", [
    (f"{CITIES}/青岛市/2012.md", "主要预期目标是"),
    (f"{PREFECTURES}/郴州市/2016.md", "2016年全市经济社会发展的主要预期目标是"),
    (f"{PREFECTURES}/甘孜藏族自治州/2022.md", "今年全州经济社会发展主要奋斗目标是"),
])
def test_term_targets_are_not_the_years_targets(corpus, rel, opening):
    """"今后五年，经济社会发展的主要预期目标是" / "“十三五”时期，…" open the term's targets (the time phrase is the
    sentence's first clause, not the last); the year's passage comes later. 主要奋斗目标 names the year's targets too."""
    text, quality = clean_document(next(iter(read_paths([corpus / rel]))))
    passage = next(s for s in parse_sections(text, quality.structure) if s.role == "targets")
    assert text[passage.start:passage.end].startswith(opening)
    assert not any(w in text[passage.start:passage.start + 12] for w in ("五年", "时期"))


def role_at(path: Path, phrase: str) -> str:
    """The role of the innermost section holding `phrase` in the clean text."""
    text, quality = clean_document(next(iter(read_paths([path]))))
    sections = parse_sections(text, quality.structure)
    at = text.find(phrase)
    assert at >= 0, phrase
    inner = max((s for s in sections if s.start <= at < s.end), key=lambda s: (s.level, s.start))
    return inner.role


@pytest.mark.parametrize("rel, phrase, role", [
    # the year's review after the term's last part (自身建设): "各位代表，2020年是极不平凡的一年" ends the part
    (f"{PREFECTURES}/济宁市/2021.md", "GDP、一般公共预算收入分别增长3.6%、1.7%", "review"),
    # an address that sums up the term ("各位代表，“十二五”时期，…") leaves the part as it is
    (f"{CITIES}/乌鲁木齐市/2016.md", "向所有关心支持首府稳定发展的各界朋友", "self_building"),
])
def test_address_to_the_house_on_a_year_ends_a_sub_section(corpus, rel, phrase, role):
    assert role_at(corpus / rel, phrase) == role


@pytest.mark.parametrize("rel, title, role", [
    # an unnumbered heading on the coming term: its goals are the term's, not the past year's results
    (f"{PREFECTURES}/天水市/2021.md", "“十四五”时期发展目标和工作重点", "plan"),
    (f"{PREFECTURES}/资阳市/2021.md", "“十四五”规划和2035年远景目标的总体考虑", "plan"),
    (f"{CITIES}/乌鲁木齐市/2016.md", "“十三五”目标任务和2016年的主要工作", "plan"),
    # and one on the past term reviews it
    (f"{PREFECTURES}/绵阳市/2021.md", "“十三五”发展主要成就", "review"),
])
def test_heading_on_a_term_is_its_plan_or_its_review(corpus, rel, title, role):
    assert (title, role) in top_roles(corpus / rel)
