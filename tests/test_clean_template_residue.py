"""A replacement template left inside a number ("１０７$1.$2６亿元", "增长１$1.$2％": a converter wrote "$1.$2" where the
digits were) makes the digit run a damaged span: the clean text stays as it was, and no figure is read from the run
(not 2%, not 26亿元), while the whole figures around it are read as before."""

from __future__ import annotations

from luoshi.clean import clean_document
from luoshi.models import Document
from luoshi.pipeline import process

REPORT = ("合肥市人民政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"
          "一、2006年工作回顾\n全市地区生产总值１０７$1.$2６亿元，增长１$1.$2％；出口3$1.$27亿美元，增长22%。"
          "城镇登记失业率控制在$1.$2%。\n")


def test_template_run_is_damaged_and_the_text_kept():
    text, q = clean_document(Document("t", b"", REPORT))
    runs = [text[d.start:d.end] for d in q.damaged]
    assert runs == ["107$1.$26", "1$1.$2", "3$1.$27", "$1.$2"]
    assert "107$1.$26亿元" in text


def test_no_figure_is_read_from_a_template_run():
    report = process(Document("t", b"", REPORT))
    read = {(f.value_text, f.metric) for f in report.facts}
    assert not any("$" in f.metric_text or f.value_text in ("2%", "26亿元", "27亿美元") for f in report.facts), read
    assert ("22%", "exports") in read  # the export growth after the damaged level is whole


def test_dollar_amounts_are_not_templates():
    text, q = clean_document(Document("t", b"", "各位代表：\n项目投资$5亿，增长12%。\n"))
    assert q.damaged == [] and "$5亿" in text
