"""A speaker line that states the office but not the name ("省人民政府省长"): the title is read, the speaker stays null."""

from __future__ import annotations

from meta_checks import meta_of

PROVINCES = "bulk/lawtext-gov/政府工作报告-省自治区"


def test_office_without_a_name_keeps_the_title(corpus):
    meta, text = meta_of(corpus / PROVINCES / "安徽省/2010.md")
    assert "\n省人民政府省长\n" in text  # the copy's speaker line, with no name on it
    assert meta.speaker is None
    assert meta.speaker_title == "省长"
    assert meta.date == "2010-01-25"


def test_office_and_name_on_one_line_unchanged(corpus):
    meta, _ = meta_of(corpus / PROVINCES / "河南省/2017.md")
    assert (meta.speaker, meta.speaker_title) == ("陈润儿", "省长")
