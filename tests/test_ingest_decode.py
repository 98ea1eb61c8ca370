"""Decoding: encodings made on purpose from real report text, read back to the same characters."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from luoshi.ingest import read_bytes
from luoshi.ingest.decode import NotText, decode_bytes

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def report_text(corpus: Path) -> str:
    path = max((corpus / "raw" / "lawtext-gov" / "政府工作报告-国务院").glob("*.md"))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def traditional_text(report_text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(report_text)


def encodable(text: str, codec: str) -> str:
    """The text with the few characters the codec lacks dropped, so round trips compare exactly."""
    return "".join(ch for ch in text if ch.encode(codec, "ignore"))


def test_gbk_report_reads_as_gb18030(report_text: str) -> None:
    text = encodable(report_text, "gbk")
    (doc,) = read_bytes("report.txt", text.encode("gbk"))
    assert (doc.text, doc.encoding) == (text, "gb18030")


def test_big5_traditional_report_reads_as_big5(traditional_text: str) -> None:
    text = encodable(traditional_text, "big5")
    (doc,) = read_bytes("report.txt", text.encode("big5"))
    assert (doc.text, doc.encoding) == (text, "big5")


@pytest.mark.parametrize("codec", ["gbk", "big5"])
def test_short_runs_are_not_taken_for_korean(report_text: str, traditional_text: str, codec: str) -> None:
    """charset-normalizer calls short GBK "cp949"; the strict cascade must answer first."""
    source = traditional_text if codec == "big5" else report_text
    sentences = [s for s in encodable(source, codec).split("。") if 10 <= len(s) <= 40][:30]
    assert len(sentences) == 30
    for sentence in sentences:
        text, encoding = decode_bytes(sentence.encode(codec))
        assert text == sentence
        assert encoding == ("big5" if codec == "big5" else "gb18030")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-8"])
def test_bom_decides(report_text: str, codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": codecs.BOM_UTF8}[codec]
    (doc,) = read_bytes("report.txt", bom + report_text.encode(codec))
    assert doc.text.lstrip("\ufeff") == report_text
    assert doc.encoding in ("utf-16", "utf-8-sig")


def test_a_few_damaged_bytes_do_not_lose_the_file(report_text: str) -> None:
    data = bytearray(encodable(report_text, "gbk").encode("gbk"))
    data[len(data) // 2] = 0xFF  # never valid in GB18030
    (doc,) = read_bytes("report.txt", bytes(data))
    assert doc.encoding.startswith("gb18030")
    assert doc.text.count("\ufffd") in (1, 2)  # the byte, and its pair when it broke a two-byte character
    assert doc.text[:1000] == encodable(report_text, "gbk")[:1000]


def test_html_meta_charset_is_honoured(traditional_text: str) -> None:
    paragraph = encodable(max(traditional_text.splitlines()[:40], key=len), "big5")
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><p>{paragraph}</p>'
    (doc,) = read_bytes("page.htm", page.encode("big5"))
    assert doc.encoding == "big5"
    assert doc.text.strip() == paragraph.strip()


def test_random_bytes_are_not_text() -> None:
    import random

    noise = random.Random(7).randbytes(4096)
    with pytest.raises(NotText):
        decode_bytes(noise)
