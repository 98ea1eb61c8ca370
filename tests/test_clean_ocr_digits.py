"""The ocr_digit repair: letters an OCR read for digits inside a number, and nothing else."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.clean import clean_and_explain, clean_text
from luoshi.clean.repairs import fix_ocr_digits


def repaired(text: str) -> str:
    out = text
    for e in sorted(fix_ocr_digits(text).edits, key=lambda e: -e.start):
        out = out[:e.start] + e.new + out[e.end:]
    return out


def test_misread_numbers_read_as_digits():
    assert repaired("全区生产总值增长l0%;全社会固定资产投资增长25%") == "全区生产总值增长10%;全社会固定资产投资增长25%"
    assert repaired("到2O05年实现翻番") == "到2005年实现翻番"
    assert repaired("科技进步对经济增长的贡献率达到4O%") == "科技进步对经济增长的贡献率达到40%"
    assert repaired("增长12.O5%") == "增长12.05%"
    assert repaired("五年增长l.9倍，2007年比上年增长20.2%") == "五年增长1.9倍，2007年比上年增长20.2%"  # across the point
    assert repaired("普及率达到95.l%") == "普及率达到95.1%"


def test_logged_as_a_repair():
    text, steps = clean_and_explain("今年全区生产总值增长l0%，财政收入增长1O%。")
    assert "增长10%，财政收入增长10%" in text
    assert ("ocr_digit", 2) in steps


def test_words_and_codes_untouched():
    for s in ("CO2排放下降10%", "O2O模式", "ISO9001认证", "Windows10年", "l%", "IO年", "Win1O年", "Office 2O1O"):
        assert repaired(s) == s


words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=2, max_size=8)
fillers = st.sampled_from(["", " ", "增长", "年", "%", "。", "2019", "10", "万元"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(fillers, words), min_size=1, max_size=6))
def test_english_words_never_touched(parts):
    """Whatever surrounds it, every Latin word (two letters or more) comes out of the repair letter for letter."""
    text = "".join(f + w for f, w in parts)
    out = repaired(text)
    assert re.findall("[A-Za-z]+", out) == re.findall("[A-Za-z]+", text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10, max_value=99999), st.sampled_from(["%", "年", "万人", "亿元"]))
def test_clean_numbers_unchanged(n, unit):
    text = f"增长{n}{unit}，"
    assert clean_text(text) == text
