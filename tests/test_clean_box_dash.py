"""A dateline typed with box-drawing lines ("──2017年4月16日在青岛市第十六届人民代表大会第一次会议上") is a dash, not a
GBK run shifted by one byte: it must not count as damage nor lower the confidence (found on the blindB set)."""

from __future__ import annotations

from luoshi.clean import clean_document
from luoshi.clean.repairs import fix_misaligned_gbk
from luoshi.ingest import read_paths


def test_box_line_dash_in_dateline_is_not_damage(corpus):
    doc = next(iter(read_paths([corpus / "bulk/lawtext-gov/政府工作报告-主要城市/青岛市/2017.md"])))
    text, quality = clean_document(doc)
    assert "──2017年4月16日" in text
    assert quality.damaged == [] and quality.confidence == 1.0


def test_shifted_gbk_run_with_box_characters_is_still_found():
    shifted = "（一）在新發展階段。ㄒ唬┰谛掳l展"  # the misaligned run keeps its non-box triggers
    assert fix_misaligned_gbk(shifted).edits or fix_misaligned_gbk(shifted).damaged
