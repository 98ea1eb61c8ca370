"""A figure whose thousands are set apart by a space ("人均可支配收入37 511元", "由1 995年的…"), or whose every digit is
("增长 1 1 %", "6 5 0亿元"), is one number; the numbers of a table row, which stand apart by spaces, stay apart."""

from __future__ import annotations

import pytest
from fact_checks import facts, has

from luoshi.clean import clean_text


@pytest.mark.parametrize("raw,clean", [
    ("市区城镇居民人均可支配收入37 511元，农村", "市区城镇居民人均可支配收入37511元，农村"),
    ("社会消费品零售总额由1 995年的230亿元", "社会消费品零售总额由1995年的230亿元"),
    ("产总值达12 447美元", "产总值达12447美元"),
    ("财政总收入增长 1 1 % ；城乡", "财政总收入增长11%；城乡"),
    ("固定资产投资规模6 5 0亿元，增长", "固定资产投资规模650亿元，增长"),
    ("分别增长4%、12.7%和1 6.1%。", "分别增长4%、12.7%和16.1%。"),
    ("新增1 2.2 万人。", "新增12.2万人。"),
    ("城镇居民人均可支配收入6 6 40元，增长8%", "城镇居民人均可支配收入6640元，增长8%"),  # groups of one or two digits
    ("城乡低保人均月补差分别达2 70 元和", "城乡低保人均月补差分别达270元和"),
])
def test_thousands_spaces_go(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("raw", ["年份 2019 2020", "增长 12 345", "2019 2020 2021", "指标 1 2 3 4", "年份 12 34 56"])
def test_numbers_apart_stay_apart(raw):
    assert " " in clean_text(raw).strip()


def test_a_spaced_figure_is_read_whole(corpus):
    # 杭州市 2012: "按常住人口计算人均生产总值达12 447美元"
    got = facts(corpus, "bulk/lawtext-gov/政府工作报告-主要城市/杭州市/2012.md", "actual")
    assert has(got, "gdp_per_capita", value=12447, unit="美元")
