"""The line under the title holding only the date and the speaker's name ("（2003年1月14日 黄智权）")."""

from __future__ import annotations

from meta_checks import meta_of

PROVINCES = "bulk/lawtext-gov/政府工作报告-省自治区"


def test_date_and_name_in_brackets(corpus):
    meta, text = meta_of(corpus / PROVINCES / "江西省/2003.md")
    assert text.startswith("（2003年1月14日")  # no meeting, no office on the line
    assert meta.date == "2003-01-14"
    assert meta.speaker == "黄智权"
    assert meta.speaker_title is None  # the copy does not state the office
    assert meta.meeting is None


def test_date_of_another_year_is_not_taken(corpus):
    meta, text = meta_of(corpus / PROVINCES / "江苏省/2003.md")
    assert "（2010年2月20日" in text[:40]  # the copy of the 2003 report carries a 2010 date
    assert meta.year == 2003
    assert meta.date is None
