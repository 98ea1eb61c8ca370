"""Quality: confidence and its reasons, furniture kept for metadata, the registry."""

from __future__ import annotations

from luoshi.clean import REPAIRS, clean_document
from luoshi.models import Document

BODY = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。\n"


def test_short_copy_without_title_loses_confidence():
    _, q = clean_document(Document("t", b"", BODY))
    assert q.confidence < 1.0
    assert any("very short" in r for r in q.reasons) and any("no title" in r for r in q.reasons)


def test_title_in_front_matter_counts_as_found():
    doc = Document("t", b"", BODY, hints={"front_matter": {"title": "2021年某市政府工作报告"}})
    _, q = clean_document(doc)
    assert not any("no title" in r for r in q.reasons)


def test_furniture_is_logged_not_kept():
    raw = "首页 > 政务公开 > 政府工作报告\n发布时间：2021-02-03 来源：某市人民政府 点击：\n2021年某市政府工作报告\n" + BODY
    text, q = clean_document(Document("t", b"", raw))
    assert text.startswith("2021年某市政府工作报告\n各位代表：")
    furniture = [r.text for r in q.removed if r.kind == "furniture"]
    assert any("2021-02-03" in f for f in furniture) and any("政务公开" in f for f in furniture)


def test_registry_names_are_the_logged_kinds():
    names = [name for name, _ in REPAIRS]
    assert names[:4] == ["lossy_utf8_as_gbk", "utf8_read_as_gbk", "latin1_mojibake", "gbk_realigned"]
    assert "t2s" in names and "pinyin" in names and names.index("pinyin") < names.index("t2s")


def test_copy_starting_inside_a_sentence_is_partial():
    raw = "，全面完成年度目标任务。地区生产总值增长6%，一般公共预算收入增长5%，城乡居民收入稳步增长。\n" + BODY
    _, q = clean_document(Document("t", b"", raw))
    assert q.partial and any("mid-report" in r for r in q.reasons)


def test_one_line_report_gets_its_paragraphs_back(corpus):
    """The multi-report file keeps each report on one line, paragraphs marked by two ideographic spaces."""
    line = next(ln for ln in (corpus / "raw" / "computational-class-cjc" / "gov_reports1954-2019.txt")
                .read_text(encoding="utf-8").split("\n") if ln.startswith("1956"))
    text, _ = clean_document(Document("t", b"", line))
    assert "\n各位代表：\n" in text and text.count("\n") > 20
    assert "\n一、1955年国家决算\n" in text
