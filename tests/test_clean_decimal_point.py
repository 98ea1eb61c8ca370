"""An ideographic full stop typed for a decimal point ("财政总收入增长9。5％") is read as one; a full stop that ends
a sentence after a number ("居全省第1。4家企业…", "全年完成3。15个项目…") is left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.clean import clean_text
from luoshi.clean.repairs import fix_ideographic_decimal


@pytest.mark.parametrize("raw,clean", [
    ("财政总收入增长9。5％；", "财政总收入增长9.5%;"),
    ("全年进出口总值178。4亿美元", "全年进出口总值178.4亿美元"),
    ("涨幅回落7。2个百分点", "涨幅回落7.2个百分点"),
    ("新增城镇就业人口8。9万人", "新增城镇就业人口8.9万人"),
])
def test_decimal_full_stop_is_a_point(raw, clean):
    assert clean_text(raw).replace("；", ";") == clean


@pytest.mark.parametrize("raw", ["均居全省第1。4家企业获评国家级", "排名全省第2。188个行政村完成", "增长12%。3年来"])
def test_sentence_ends_stay(raw):
    assert clean_text(raw) == raw


@given(st.text(alphabet="增长亿元万人第个百分点%‰，。0123456789", max_size=40))
def test_the_repair_only_turns_full_stops_between_digits_into_points(text):
    edits = fix_ideographic_decimal(text).edits
    for e in edits:
        assert (text[e.start:e.end], e.new) == ("。", ".") and text[e.start - 1].isdigit() and text[e.end].isdigit()
    if "。" not in text:
        assert not edits
