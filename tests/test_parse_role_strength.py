"""A strong role phrase in a title beats a weak one wherever it stands: "关于“九五”计划的完成情况" is the review
(完成情况 over 计划), "关于“十一五”规划纲要的简要说明及2006年主要任务" the plan (主要任务 over 说明)."""

from __future__ import annotations

import pytest
from fact_checks import facts

from luoshi.parse.roles import role_of_title


@pytest.mark.parametrize("title,role", [
    ("一、“八五”计划完成情况", "review"),
    ("“十五”计划完成情况", "review"),
    ("一、2000年工作和“九五”计划回顾", "review"),
    ("二、关于“十一五”规划纲要的简要说明及2006年主要任务", "plan"),
    ("二、“十五”计划的目标和任务", "plan"),  # only weak phrases: the earliest (计划) wins
])
def test_strong_phrase_beats_weak(title, role):
    assert role_of_title(title) == role


def test_a_term_review_titled_completion_gives_actuals(corpus):
    # 甘肃省 2006: "**“十五”计划完成情况**" opens the review of 2001-2005
    got = facts(corpus, "bulk/lawtext-gov/政府工作报告-省自治区/甘肃省/2006.md", "actual", "estimate")
    # 18 named results: the two marks of "生产总值先后突破1000亿元和1500亿元大关" are milestones, no level (vetoes.milestones)
    assert len([f for f in got if f.metric]) >= 18
    assert not [f for f in facts(corpus, "bulk/lawtext-gov/政府工作报告-省自治区/甘肃省/2006.md", "plan")
                if f.start is not None and f.start < 3000]
