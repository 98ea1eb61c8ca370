"""Real reports made worse on purpose clean to the same text as the original."""

from __future__ import annotations

import random
import re

import opencc
import pytest

from luoshi.clean import clean_and_explain, clean_text
from luoshi.clean.badness import badness, better

SENTENCE = re.compile("[，。；]")


@pytest.fixture(scope="module")
def reports(corpus):
    paths = sorted((corpus / "bulk" / "lawtext-gov").rglob("*.md"))
    picked = random.Random(7).sample(paths, 6)
    out = []
    for p in picked:
        text = p.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # front matter is ingest's business
        out.append(clean_text(text))
    return out


def _paragraphs(clean: str) -> list[str]:
    return clean.split("\n")


def _map_paragraphs(clean: str, fn, rng) -> str:
    return "\n".join(fn(p, rng) if SENTENCE.search(p) and len(p) > 30 else p for p in _paragraphs(clean))


def to_traditional(clean: str) -> str:
    return opencc.OpenCC("s2t").convert(clean)


def utf8_as_gbk(p: str, rng) -> str:
    """One clause read as GBK: what a UTF-8 page served as GBK shows."""
    clause = max(re.split("[，。；]", p), key=len)
    if len(clause) < 6 or not re.fullmatch("[\u4e00-\u9fff]+", clause):
        return p
    garbled = clause.encode("utf-8").decode("gbk", errors="replace")
    if "\ufffd" in garbled:
        return p
    return p.replace(clause, garbled, 1)


def wrap_at_40(clean: str) -> str:
    return "\n\n".join("\n".join(p[i:i + 40] for i in range(0, len(p), 40)) for p in _paragraphs(clean))


def split_numbers(p: str, rng) -> str:
    return re.sub(r"(\d+(?:\.\d+)?)(亿元|万元|万人|个百分点)", r"\1\n\2", p, count=2)


def inject_ads(p: str, rng) -> str:
    if rng.random() < 0.3:
        i = rng.randrange(1, len(p) - 1)
        if re.match("[\u4e00-\u9fff]{2}", p[i - 1:i + 1]):
            return p[:i] + rng.choice(["365体育直播", "365体育直播_365体育彩票-竞猜网投"]) + p[i:]
    return p


def fullwidth_digits(p: str, rng) -> str:
    return p.translate({c: c + 0xFEE0 for c in range(ord("0"), ord("9") + 1)})


def spaces(p: str, rng) -> str:
    """Spaces between all characters, or around numbers next to hanzi ("2020 年 7 月", "145.5 亿元")."""
    if rng.random() < 0.2:
        return " ".join(p)
    return re.sub("(?<=[\u4e00-\u9fff])(\\d+(?:\\.\\d+)?)(?=[\u4e00-\u9fff])", r" \1 ", p)


@pytest.mark.parametrize("degrade", [utf8_as_gbk, split_numbers, inject_ads, fullwidth_digits, spaces])
def test_degraded_paragraphs_clean_back(reports, degrade):
    rng = random.Random(11)
    for clean in reports:
        worse = _map_paragraphs(clean, degrade, rng)
        assert clean_text(worse) == clean


def test_traditional_cleans_back(reports):
    for clean in reports:
        assert clean_text(to_traditional(clean)) == clean


def test_hard_wrapped_cleans_back(reports):
    for clean in reports:
        assert clean_text(wrap_at_40(clean)) == clean


def test_everything_at_once(reports):
    rng = random.Random(3)
    for clean in reports[:3]:
        worse = to_traditional(clean)  # a Traditional page, then served with the wrong charset, ads, wrapped
        for fn in (split_numbers, inject_ads, fullwidth_digits):
            worse = _map_paragraphs(worse, fn, rng)
        worse = _map_paragraphs(wrap_at_40(worse), utf8_as_gbk, rng)
        assert clean_text(worse) == clean


def test_explain_names_the_steps():
    text, steps = clean_and_explain("2020 年實現地區生產總值１４５.５\n億元，增長 5%。")
    assert text == "2020年实现地区生产总值145.5亿元,增长5%。".replace(",", "，")
    names = {name for name, _ in steps}
    assert {"t2s", "fullwidth", "spaces", "join"} <= names


def test_measure_prefers_restored_text():
    assert badness("地区生产总值") == 0
    assert badness("鍦板尯鐢熶骇鎬诲€?") > 0.3
    assert better("鍦板尯鐢熶骇鎬诲€?", "地区生产总值")
    assert not better("地区生产总值", "鍦板尯鐢熶骇鎬诲€?")


def test_utf8_read_as_gbk_example():
    assert clean_text("实现鍦板尯鐢熶骇鎬诲€?105亿元。") == "实现地区生产总值105亿元。"


def test_latin1_mojibake():
    garbled = "地区生产总值".encode().decode("cp1252", errors="replace")
    assert clean_text(f"全年{garbled}增长5%。") == "全年地区生产总值增长5%。"


def test_radicals_and_protected_names():
    assert clean_text("⻄部地区⼯业") == "西部地区工业"
    trad = "乾縣經濟發展，乾县農業產值增長。這是國家的規劃，們對於這個區域發展"
    out = clean_text(trad)
    assert "乾县" in out and "干县" not in out and "经济发展" in out


def test_numbers_and_punctuation_survive():
    text = "一般公共预算收入11.68亿元，同比增长5.04%；城镇化率：65.2%。"
    assert clean_text(text) == text
