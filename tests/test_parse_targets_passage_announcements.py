"""Targets passages announced after a negative verb or beside five-year goals, checked over the 1,433 bulk
province/city reports (first seen on a labelled set): a negative verb in an earlier clause ("围绕推动高质量发展，今年主要预期目标是", "为确保实现“九五”计划，今年的主要预期目标是") no longer hides
the announcement, and the year's targets listed after "…这个宏观调控的核心目标，…确保全省生产总值增长9%左右" are found even when
an earlier sentence of the paragraph names the new five-year term."""

from __future__ import annotations

import pytest

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.parse import parse_sections
from luoshi.parse.targets import find_targets_passage

PREFECTURES = "bulk/lawtext-gov/政府工作报告-其他地市"
PROVINCES = "bulk/lawtext-gov/政府工作报告-省自治区"


def targets_texts(path) -> list[str]:
    text, quality = clean_document(next(iter(read_paths([path]))))
    return [text[s.start:s.end] for s in parse_sections(text, quality.structure) if s.role == "targets"]


def targets_text(path) -> str:
    passages = targets_texts(path)
    assert len(passages) == 1
    return passages[0]


@pytest.mark.parametrize("rel, opening, inside", [
    (f"{PROVINCES}/湖南省/2019.md", "围绕推动高质量发展，今年主要预期目标是", "规模工业增加值增长7%"),
    (f"{PROVINCES}/河北省/2000.md", "为确保实现“九五”计划，今年的主要预期目标是", "城镇登记失业率控制在3.5%左右"),
    (f"{PROVINCES}/河北省/2011.md", "我们要认真贯彻落实", "农民人均纯收入增长8%以上"),
    # loose cues (奋斗目标, 总体目标) announce the year's targets when the passage lists them
    (f"{PREFECTURES}/酒泉市/2023.md", "奋斗目标是", "规上工业增加值增长10%以上"),
    (f"{PREFECTURES}/葫芦岛市/2020.md", "今年政府工作的总体目标是", "固定资产投资增长7.5%"),
    (f"{PROVINCES}/江西省/2007.md", "综合考虑各种因素，2007年全省经济社会发展总体目标是", "财政总收入增长15%"),
    # a list given as paragraphs, one per policy area, each an aim and then its targets
    (f"{PROVINCES}/河北省/1999.md", "主要目标和任务是", "继续提高人民生活水平。城镇居民人均可支配收入增长5.5%"),
    (f"{PREFECTURES}/岳阳市/2020.md", "2020年主要经济指标预期目标为", "共享发展指标。居民消费价格指数涨幅控制在3.5%以内"),
])
def test_year_targets_passage_is_found(corpus, rel, opening, inside):
    passage = targets_text(corpus / rel)
    assert passage.startswith(opening)
    assert inside in passage


def test_five_year_goals_are_not_taken_for_the_year(corpus):
    """河北 2011 states the 十二五 goals ("“十二五”时期我省经济社会发展的主要目标是：到2015年…") before the year's."""
    passage = targets_text(corpus / f"{PROVINCES}/河北省/2011.md")
    assert "到2015年" not in passage and "年均增长8.5%" not in passage


def test_a_negative_verb_in_the_cue_clause_still_rejects():
    text = "今年要确保完成主要预期目标：全年增长6%。"
    assert find_targets_passage(text) is None


@pytest.mark.parametrize("rel, term_words", [
    ("bulk/lawtext-gov/政府工作报告-主要城市/北京市/1998.md", "首都面向新世纪的总的奋斗目标"),
    (f"{PROVINCES}/河北省/1998.md", "经济体制改革的总体目标"),
    (f"{PROVINCES}/甘肃省/1996.md", "“九五”时期国民生产总值以8%的速度增长"),
])
def test_loose_cue_over_a_term_is_not_the_year_targets(corpus, rel, term_words):
    """奋斗目标/总体目标 that open a term's or a reform's goals (到2000年…, 年均…, 翻两番) are skipped."""
    assert not any(term_words in passage for passage in targets_texts(corpus / rel))


def test_explanation_after_the_targets_is_cut(corpus):
    passage = targets_text(corpus / f"{PROVINCES}/甘肃省/1994.md")
    assert passage.endswith("协调发展各项社会事业。") and "为了保证实现上述奋斗目标" not in passage


def test_paragraph_list_ends_before_the_explanation(corpus):
    """The paragraphs of aims and targets end where a paragraph opens otherwise ("各位代表，今年提出经济增长10%…")."""
    passage = targets_text(corpus / f"{PROVINCES}/河北省/1999.md")
    assert passage.rstrip().endswith("社会治安综合治理和整饬经济秩序要取得明显成效。")


def test_a_term_of_office_is_not_the_year(corpus):
    """"建议新一届政府任期内经济社会发展的预期目标是：…年均增长12%" sets the term's targets, not the year's."""
    assert targets_texts(corpus / "bulk/lawtext-gov/政府工作报告-主要城市/苏州市/2012.md") == []


def test_the_means_announced_after_the_targets_end_the_passage():
    """"…控制在4.5%以内。为此要重点抓好以下工作:一是…": the tasks after 为此 are plans, not more targets."""
    text = ("今年经济和社会发展的主要预期目标是:地区生产总值实现965亿元，增长12%以上；城镇登记失业率控制在4.5%以内。"
            "为此要重点抓好以下工作:一是又好又快建设宁东基地，完成投资超过200亿元。")
    start, end = find_targets_passage(text)
    assert "4.5%以内" in text[start:end] and "200亿元" not in text[start:end]
