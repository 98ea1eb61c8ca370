"""The quantity grammar on real phrases from the corpus: numerals, multipliers, units, ranges, bounds, growth."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.extract.numbers import format_chinese, parse_chinese, parse_number
from luoshi.extract.quantities import scan


def one(text: str):
    qs = scan(text)
    assert len(qs) == 1, [q.value_text for q in qs]
    return qs[0]


@pytest.mark.parametrize("text, value", [
    ("三十万", 300000), ("一万二千", 12000), ("两千", 2000), ("十", 10), ("一百零五", 105),
    ("三亿五千万", 350000000), ("二〇二三", 2023), ("三点五", Decimal("3.5")), ("三十六点九", Decimal("36.9")),
    ("1,234.5", Decimal("1234.5")), ("１２３４．５", Decimal("1234.5")), ("百分之五", 5),
])
def test_numerals(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("phrase, value, unit", [
    ("完成一般公共预算收入239.9亿元", 23990000000, "元"),
    ("到账外资2210万美元", 22100000, "美元"),
    ("盘活存量建设用地1.8万亩", 18000, "亩"),
    ("粮食总产量达到18.5亿斤", 1850000000, "斤"),
    ("全年实现地区生产总值2.4万亿元", 2400000000000, "元"),
    ("PM2.5平均浓度为 37 微克/立方米", 37, "微克/立方米"),
    ("全国造林面积２７８７万公顷", 27870000, "公顷"),
    ("新增发电装机总量７０００多万千瓦", 70000000, "千瓦"),
    ("全国节约能源总量完成一千万吨标准煤", 10000000, "吨标准煤"),
    ("新增海绵城市面积2.5平方公里", Decimal("2.5"), "平方公里"),
    ("完成 22.6 万平方米人行道翻新维修", 226000, "平方米"),
    ("接待游客约60万人次", 600000, "人次"),
    ("新增就业岗位 7442 个", 7442, "个"),
    ("大寨去年平均每人生产粮食两千多斤", 2000, "斤"),
    ("这个比重大约是百分之十七", 17, "%"),
])
def test_value_and_base_unit(phrase, value, unit):
    q = one(phrase)
    assert q.value == Decimal(value) and q.unit == unit
    assert phrase[q.start:q.end] == q.value_text


@pytest.mark.parametrize("phrase", ["“十三五”时期", "第一产业", "一般性转移支付", "全国两会", "共建“一带一路”", "“三农”工作",
                                    "2023年", "一个中心", "300毫米大硅片"])
def test_not_quantities(phrase):
    assert scan(phrase) == []


@pytest.mark.parametrize("phrase, value, high, unit", [
    ("地区生产总值增长4.5%—5%", Decimal("4.5"), 5, "%"),
    ("国内生产总值增长8-9%", 8, 9, "%"),
    ("新增投资1-10亿元项目100个", 100000000, 1000000000, "元"),
    ("集中打造4至6个美丽乡村示范点", 4, 6, "个"),
    ("5000万至1亿元", 50000000, 100000000, "元"),
])
def test_ranges(phrase, value, high, unit):
    q = scan(phrase)[0]
    assert (q.value, q.high, q.unit, q.bound) == (Decimal(value), Decimal(high), unit, "range")


@pytest.mark.parametrize("phrase, bound", [
    ("城镇新增就业120万人以上", "min"), ("高新技术企业超过1.57万家", "min"), ("高新技术企业数突破1600家", "min"),
    ("拆除违法建筑不低于10万平方米", "min"), ("引进人才科创项目不少于10个", "min"), ("村均经营性收入超950万元", "min"),
    ("城镇调查失业率5%以内", "max"), ("PM2.5均值低于35微克/立方米", "max"), ("城镇调查失业率全年控制在5.5%以内", "max"),
    ("居民消费价格涨幅3%左右", "approx"), ("接待游客约60万人次", "approx"), ("全社会研发投入占地区生产总值比重接近4%", "approx"),
    ("居民消费价格涨幅控制在3%左右", "approx"), ("与全市1600多万人民同心携手", "min"), ("新增公共停车位2000个", "exact"),
])
def test_bounds(phrase, bound):
    assert scan(phrase)[0].bound == bound


@pytest.mark.parametrize("phrase, value, sign", [
    ("一般公共预算收入增长5.5%", Decimal("5.5"), 1), ("PM2.5平均浓度为 37 微克/立方米,同比下降 21.3%", Decimal("-21.3"), -1),
    ("单位地区生产总值能耗下降2%左右", -2, -1), ("高新技术企业在三年翻一番基础上", 100, 1), ("增长1.5倍", 150, 1),
    ("提高1个百分点以上", 1, 1), ("空气质量优良率同比提高 8.2%", Decimal("8.2"), 1),
])
def test_growth(phrase, value, sign):
    q = scan(phrase)[-1]
    assert q.growth_sign == sign and q.value == Decimal(value)


def test_level_verb_is_not_growth():
    q = one("服务业占地区生产总值比重提高到52.4%")
    assert q.level_verb and q.value == Decimal("52.4")


def test_fullwidth_and_separators():
    assert one("实际利用外资超过１６００亿美元").value == Decimal(160000000000)
    assert one("总投资1,234亿元").value == Decimal(123400000000)


@given(st.integers(min_value=1, max_value=10**12))
def test_chinese_roundtrip(n):
    assert parse_chinese(format_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_arabic_with_separators_roundtrip(whole, cents):
    written = f"{whole:,}.{cents:02d}亿元"
    q = one("完成" + written)
    assert q.value == (Decimal(whole) + Decimal(cents) / 100) * 10**8 and q.unit == "元"


@given(st.integers(min_value=1, max_value=99999), st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]))
def test_multiplier_roundtrip(n, mult):
    q = one(f"达到{n}{mult[0]}元")
    assert q.value == n * mult[1]


@given(st.integers(min_value=11, max_value=10**8))
def test_chinese_numeral_quantity_roundtrip(n):
    q = one(f"新增{format_chinese(n)}人")
    assert q.value == n and q.unit == "人"
