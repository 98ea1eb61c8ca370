"""The outline of real reports: numbers, titles, levels, roles, the targets passage, sentences."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fact_checks import report_facts

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.parse import parse_sections, split_sentences


def outline(path: Path):
    doc = next(iter(read_paths([path])))
    text, quality = clean_document(doc)
    return text, parse_sections(text, quality.structure)


def test_district_outline_levels_numbers_titles_roles(seeds):
    text, sections = outline(seeds["004"])
    top = [(s.number, s.role) for s in sections if s.level == 1]
    assert top[:2] == [("一", "review"), ("二", "plan")]
    first_sub = next(s for s in sections if s.level == 2 and s.role == "review")
    assert first_sub.number == "一" and first_sub.title.startswith("坚持量质并举")
    assert "。" not in first_sub.title  # a heading run into its paragraph keeps its first clause
    assert all(text[s.start:s.end].lstrip(" *#(（").startswith(s.number) for s in sections if s.number)


def test_targets_passage_is_its_own_section(seeds):
    text, sections = outline(seeds["004"])
    targets = [s for s in sections if s.role == "targets"]
    assert len(targets) == 1
    t = targets[0]
    passage = text[t.start:t.end]
    assert "主要预期目标" in passage[:30] and passage.endswith("。") and "\n" not in passage
    parent = max((s for s in sections if s.start <= t.start < s.end and s is not t), key=lambda s: s.level)
    assert t.level == parent.level + 1 and t.number is None and parent.role == "plan"


def test_town_targets_listed_as_short_sentences(seeds):
    text, sections = outline(seeds["003"])
    t = next(s for s in sections if s.role == "targets")
    passage = text[t.start:t.end]
    assert passage.startswith("建议全年经济社会发展的主要目标是") and "进出口总额" in passage
    assert all(s.role in ("review", "plan", "targets", "self_building", "other") for s in sections)
    assert sections[-1].role == "self_building"


def test_page_two_without_review_gets_plan_and_self_building(seeds):
    _, sections = outline(seeds["001"])
    roles = {s.role for s in sections}
    assert "plan" in roles and "self_building" in roles and "review" not in roles


def test_traditional_half_year_report_uses_aspect_headings(seeds):
    _, sections = outline(seeds["002"])
    top = [s for s in sections if s.level == 1]
    assert [s.number for s in top] == ["一", "二"]
    assert [s.role for s in top] == ["review", "plan"]
    # "角(二)立足…": a stray character before the next number of the style in use does not hide the heading
    review_subs = [s.number for s in sections if s.level == 2 and s.role == "review"]
    assert review_subs[:3] == ["一", "二", "三"]


def test_markdown_national_report_with_bold_and_numbered_headings(corpus):
    _text, sections = outline(corpus / "bulk/lawtext-gov/政府工作报告-国务院/2010.md")
    top = [s for s in sections if s.level == 1]
    assert [s.role for s in top[:2]] == ["review", "plan"]
    assert top[-1].title == "注释" and top[-1].role == "other"
    assert any(s.role == "targets" for s in sections)


def test_old_national_report_without_work_headings_still_has_roles(corpus):
    _, sections = outline(corpus / "bulk/lawtext-gov/政府工作报告-国务院/1980.md")
    top = [s.role for s in sections if s.level == 1]
    assert top[0] == "review" and "plan" in top


def test_sentences_cover_text_in_order_and_point_to_innermost_section(seeds):
    text, sections = outline(seeds["004"])
    sentences = split_sentences(text, sections)
    assert len(sentences) > 100
    for a, b in itertools.pairwise(sentences):
        assert a.end <= b.start
    for s in sentences:
        piece = text[s.start:s.end]
        assert piece.strip() == piece and piece
        assert not any(c in piece[:-1] for c in "。！？；\n")
        if s.section is not None:
            sec = sections[s.section]
            assert sec.start <= s.start and s.end <= sec.end
            deeper = [x for x in sections if x.start <= s.start and s.end <= x.end and x.level > sec.level]
            assert not deeper


def test_shortcomings_paragraph_is_a_problems_section_inside_the_review(seeds):
    text, sections = outline(seeds["004"])
    problems = [s for s in sections if s.role == "problems"]
    assert len(problems) == 1
    p = problems[0]
    review = next(s for s in sections if s.level == 1 and s.role == "review")
    assert review.start <= p.start and p.end <= review.end and p.number is None
    assert "成绩" in text[p.start:p.start + 20] and "\n" not in text[p.start:p.end]


def test_unnumbered_part_headings_sit_above_numbered_ones(corpus):
    """"2023年工作回顾" / "2024年工作安排" as plain lines are the top of the tree; 一、… nest under them."""
    _, sections = outline(corpus / "raw/lawtext-gov/政府工作报告-其他地市/岳阳市/2024.md")
    top = [s for s in sections if s.level == 1]
    assert [s.role for s in top] == ["review", "plan", "self_building", "other"]  # the last: **名词解释** (the notes)
    assert top[0].title.endswith("工作回顾") and top[1].title.endswith("工作安排") and top[0].number is None
    numbered = [s for s in sections if s.number == "一"]
    assert numbered and all(s.level == 2 for s in numbered)
    assert any(s.role == "targets" and top[1].start <= s.start < top[1].end for s in sections)


def test_a_bold_year_heading_right_after_the_opening_is_the_review():
    """'**2013年经济社会发展稳进向好**' stands before any body line: it is a heading, and with the plan's
    '**2014年…**' the years tell review from plan; the report's own bold title is no heading."""
    from luoshi.models import Document

    opening = "各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n"
    raw = ("**某市2014年政府工作报告**\n" + opening + "**2013年经济社会发展稳进向好**\n"
           + "2013年，全市上下努力克服各种困难，基本完成全年工作任务，经济社会发展稳中有进。\n"
           + "1、经济总量持续增长。预计全年实现地区生产总值2423亿元，增长10.2%。\n"
           + "**2014年加快全面建成小康社会进程**\n"
           + "2014年是全面深化改革的开局之年，我们要坚定信心，扎实工作，推动经济持续健康发展。\n")
    text, quality = clean_document(Document(source="t.md", data=raw.encode(), text=raw))
    tops = [(s.title, s.role) for s in parse_sections(text, quality.structure) if s.level == 1]
    assert tops == [("2013年经济社会发展稳进向好", "review"), ("2014年加快全面建成小康社会进程", "plan")]


def test_an_opening_with_the_review_heading_run_into_it_is_the_review(corpus):
    """"…请予审议…。一、2003年工作的回顾" run into the opening line: no heading names the review, so the opening up
    to the plan (or the shortcomings) is the review when it speaks of the past year; its sub-sections follow it."""
    path = corpus / "bulk/lawtext-gov/政府工作报告-主要城市/上海市/2004.md"
    if not path.exists():
        pytest.skip(f"needs {path}")
    text, sections = outline(path)
    review = [s for s in sections if s.role == "review" and s.title == "工作回顾"]
    assert len(review) == 1 and "全社会固定资产投资预计为2450亿元" in text[review[0].start:review[0].end]
    after = min(s.start for s in sections if s.role in ("problems", "plan", "targets"))
    assert review[0].end == after
    subs = [s for s in sections if s.level == 2 and review[0].start <= s.start < review[0].end]
    assert subs and all(s.role in ("review", "self_building") for s in subs)  # headings naming no role: the review's


def test_a_heading_naming_no_role_inside_the_review_opening_is_the_review(corpus):
    """A term-end report whose headings name no role ("一、向建设经济强省和现代化河北宏伟目标阔步前进的五年"): the opening
    up to the shortcomings is the review, and so is the heading inside it, though its section runs on past the
    shortcomings; its figures are the term's results."""
    path = corpus / "bulk/lawtext-gov/政府工作报告-省自治区/河北省/1998.md"
    if not path.exists():
        pytest.skip(f"needs {path}")
    _, sections = outline(path)
    first = next(s for s in sections if s.title.startswith("向建设经济强省"))
    assert first.role == "review"
    facts = report_facts(str(path))
    assert any(f.metric == "gdp" and f.value == 395e9 and f.status == "actual" and f.period == 1997 for f in facts)


def test_a_long_opening_before_the_first_review_heading_is_the_review(corpus):
    """"五年奋进实现大跨越" (a line no heading style marks) / "“十一五”时期…2010年，地区生产总值达到5651亿元…" /
    "一、以佛山人精神凝聚发展共识": the first heading opens a review part, so the long opening before it is the review's
    first part, and its figures are results."""
    path = corpus / "bulk/lawtext-gov/政府工作报告-主要城市/佛山市/2011.md"
    if not path.exists():
        pytest.skip(f"needs {path}")
    text, sections = outline(path)
    first = min(sections, key=lambda s: s.start)
    assert first.role == "review" and first.title == "工作回顾"
    assert "地区生产总值达到5651亿元" in text[first.start:first.end]
    assert text[first.end:].startswith("一、以佛山人精神凝聚发展共识")


def test_a_salutation_before_the_first_review_heading_is_no_passage():
    """A short opening before "一、2013年工作回顾" is the salutation: no passage is added."""
    from luoshi.models import Document

    raw = ("各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n一、2013年工作回顾\n"
           "2013年，全市上下努力克服各种困难，预计全年实现地区生产总值2423亿元，增长10.2%。\n")
    text, quality = clean_document(Document(source="t.md", data=raw.encode(), text=raw))
    sections = parse_sections(text, quality.structure)
    assert [s.role for s in sections] == ["review"] and sections[0].title == "2013年工作回顾"


def test_a_top_section_that_opens_on_the_coming_term_is_no_review():
    """After the review, a top section with no role of its own that opens "今后五年，是…决胜期" or "“十三五”时期，是…
    关键时期" looks ahead: its figures are the term's goals (the plan), not results; one that opens on the past
    term stays the review."""
    from luoshi.models import Document

    raw = ("各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n"
           "一、2015年和“十二五”时期工作回顾\n过去五年，全市地区生产总值年均增长8%，一般公共预算收入年均增长9%。\n"
           "二、砥砺奋进的五年\n“十二五”时期，是我市发展最快的五年。地区生产总值年均增长9%。\n"
           "三、决战决胜全面建成小康社会\n“十三五”时期，是全面建成小康社会的决胜期。地区生产总值年均增长7%。\n"
           "四、扎实做好开局之年的各项工作\n今年经济社会发展的主要预期目标是：地区生产总值增长7%左右。\n")
    text, quality = clean_document(Document(source="t.md", data=raw.encode(), text=raw))
    tops = [(s.title[:6], s.role) for s in parse_sections(text, quality.structure) if s.level == 1]
    assert tops[0][1] == "review" and tops[1] == ("砥砺奋进的五", "review") and tops[2] == ("决战决胜全面", "plan")


def test_a_short_opening_before_the_plan_is_no_review():
    """A salutation and one line before the plan's heading: nothing to review, no review passage."""
    from luoshi.models import Document

    raw = ("各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。一年来成绩来之不易。\n"
           "一、2014年工作安排\n2014年是全面深化改革的开局之年，我们要坚定信心，扎实工作，推动经济持续健康发展。\n")
    text, quality = clean_document(Document(source="t.md", data=raw.encode(), text=raw))
    assert all(s.role != "review" for s in parse_sections(text, quality.structure))


def test_a_top_heading_that_tells_what_was_achieved_is_the_review(corpus):
    """"一、2020年和“十三五”时期重点工作回顾": 回顾 ends the title, so the plan word before it does not name it."""
    path = corpus / "bulk/lawtext-gov/政府工作报告-其他地市/丹东市/2021.md"
    if not path.exists():
        pytest.skip(f"needs {path}")
    _, sections = outline(path)
    top = [(s.title, s.role) for s in sections if s.level == 1]
    assert top[0] == ("2020年和“十三五”时期重点工作回顾", "review") and top[1][1] == "plan"


def test_a_top_heading_that_sets_a_task_to_complete_stays_the_plan():
    """Perfective words only: "全面完成2001年的各项任务，努力实现…" is a task, "…任务全面完成" an achievement."""
    from luoshi.models import Document

    body = "我们要坚定信心，扎实工作，推动经济持续健康发展，努力完成全年各项目标任务，比上年有新的进步。\n"
    raw = ("各位代表：\n一、“十五”计划确定的目标和任务全面完成\n" + body
           + "二、全面完成2001年的各项任务，努力实现“十五”计划的良好开端\n" + body)
    text, quality = clean_document(Document(source="t.md", data=raw.encode(), text=raw))
    tops = [s.role for s in parse_sections(text, quality.structure) if s.level == 1]
    assert tops == ["review", "plan"]


def test_a_review_sub_heading_that_tells_what_was_done_stays_the_review():
    """Inside the review, a sub-heading that holds a plan word but runs on past a clause break tells what was done
    ("坚决贯彻落实中央…“六稳”工作部署，积极应对…"): its figures are results; a plan's own name ("2020年工作安排")
    under a review heading still starts the plan."""
    from luoshi.models import Document

    raw = ("各位代表：\n现在，我代表市人民政府，向大会报告政府工作，请予审议。\n一、2019年工作回顾\n"
           "（一）坚决贯彻落实中央宏观调控政策和“六稳”工作部署，积极应对风险挑战，推动经济平稳健康发展。\n"
           "全市地区生产总值增长6.2%，城镇新增就业14万人。\n"
           "（二）2020年工作安排\n2020年，全市地区生产总值增长6%左右。\n")
    text, quality = clean_document(Document(source="t.md", data=raw.encode(), text=raw))
    subs = [(s.title[:6], s.role) for s in parse_sections(text, quality.structure) if s.level == 2]
    assert subs == [("坚决贯彻落实", "review"), ("2020年工", "plan")]


def test_a_review_sub_heading_naming_tasks_done_gives_results(corpus):
    """深圳 2020: "（二）扎实打好三大攻坚战，主要任务取得重大进展" under "2019年工作回顾" is the review."""
    path = corpus / "bulk/lawtext-gov/政府工作报告-主要城市/深圳市/2020.md"
    if not path.exists():
        pytest.skip(f"needs {path}")
    _, sections = outline(path)
    sub = next(s for s in sections if s.title.startswith("扎实打好三大攻坚战"))
    assert sub.role == "review"
