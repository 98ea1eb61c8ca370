"""Refusals: one clear reason each, the batch goes on, and nothing ever raises."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.ingest import read_bytes, read_paths
from luoshi.models import Document, IngestError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)
GIF = b"GIF89a" + bytes(64)


def reason_for(name: str, data: bytes, **kwargs) -> str:
    (item,) = read_bytes(name, data, **kwargs)
    assert isinstance(item, IngestError), item
    assert item.source == name
    assert "\n" not in item.reason
    return item.reason


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("old.doc", OLE2, "Word 97-2003 .doc is not supported; save as .docx"),
        ("old.xls", OLE2, "Excel 97-2003 .xls is not supported; save as .xlsx"),
        ("scan.png", PNG, "image file (PNG)"),
        ("scan.jpg", JPEG, "image file (JPEG)"),
        ("anim.gif", GIF, "image file (GIF)"),
        ("report.txt", b"", "empty file"),
        ("noise.bin", random.Random(1).randbytes(8192), "undecodable bytes"),
        ("binary.dat", bytes(range(32)) * 100, "binary data"),
        ("broken.docx", b"PK\x03\x04" + bytes(100), "corrupt .docx"),
        ("broken.xlsx", b"PK\x03\x04" + bytes(100), "corrupt .xlsx"),
        ("broken.zip", b"PK\x03\x04" + bytes(100), "corrupt zip"),
        ("fake.pdf", b"not a pdf at all", "not a valid .pdf"),
        ("broken.pdf", b"%PDF-1.4\n" + bytes(100), "PDF"),
    ],
)
def test_refusal_reasons(name: str, data: bytes, expected: str) -> None:
    assert expected in reason_for(name, data)


def test_refusals_ignore_misleading_extensions() -> None:
    assert "Word 97-2003" in reason_for("report.txt", OLE2)
    assert "image file (PNG)" in reason_for("report.docx", PNG)


@pytest.mark.corpus
def test_truncated_real_docx_is_refused_with_its_name(corpus: Path) -> None:
    path = min((corpus / "raw" / "alexzhu0-prov2025-docx").glob("*.docx"))
    data = path.read_bytes()
    reason = reason_for(path.name, data[: len(data) // 2])
    assert reason.startswith("corrupt .docx (")


def test_scanned_pdf_has_no_text_layer() -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.rect(50, 50, 400, 600, fill=1)  # a page of pure graphics, as a scan without OCR looks to pypdf
    page.showPage()
    page.save()
    assert reason_for("scan.pdf", buf.getvalue()) == "PDF has no text layer (scanned?)"


def test_size_limit(tmp_path: Path) -> None:
    text = "政府工作报告。".encode() * 200
    assert "file too large" in reason_for("big.txt", text, max_bytes=1000)
    path = tmp_path / "big.txt"
    path.write_bytes(text)
    (item,) = read_paths([path], max_bytes=1000)
    assert isinstance(item, IngestError) and "file too large" in item.reason
    (doc,) = read_paths([path], max_bytes=len(text))
    assert isinstance(doc, Document)


def test_oversize_archive_member_is_refused_and_the_rest_read() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", "报告" * 5000)
        archive.writestr("small.txt", "报告" * 10)
    big, small = read_bytes("a.zip", buf.getvalue(), max_bytes=1000)
    assert isinstance(big, IngestError) and big.source == "a.zip!big.txt" and "too large" in big.reason
    assert isinstance(small, Document) and small.text == "报告" * 10


def test_missing_and_unreadable_paths_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("政府工作报告", encoding="utf-8")
    items = list(read_paths([tmp_path / "missing.txt", good, tmp_path / "empty.txt"]))
    assert [type(i).__name__ for i in items] == ["IngestError", "Document", "IngestError"]
    assert items[0].reason == "no such file"


def test_table_without_text_column_is_refused() -> None:
    reason = reason_for("labels.csv", "name,code\n北京,110000\n上海,310000\n".encode())
    assert "no text column" in reason


def test_cli_prints_one_line_per_skipped_input_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(OLE2)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.png").write_bytes(PNG)
    run = subprocess.run(
        [sys.executable, "-m", "luoshi", "extract", str(tmp_path), str(tmp_path / "missing.md")],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr  # every input failed: nothing was read
    lines = run.stderr.strip().splitlines()
    assert lines == [
        f"luoshi: skipped {tmp_path / 'empty.txt'}: empty file",
        f"luoshi: skipped {tmp_path / 'old.doc'}: Word 97-2003 .doc is not supported; save as .docx",
        f"luoshi: skipped {tmp_path / 'scan.png'}: image file (PNG) has no text; OCR is not supported",
        f"luoshi: skipped {tmp_path / 'missing.md'}: no such file",
    ]
    assert run.stdout == ""


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=4096), name=st.sampled_from(["x.txt", "x.csv", "x.html", "x.zip", "x.docx", "-"]))
def test_read_bytes_never_raises(data: bytes, name: str) -> None:
    for item in read_bytes(name, data):
        assert isinstance(item, Document | IngestError)
        if isinstance(item, IngestError):
            assert item.reason


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([b"PK\x03\x04", b"%PDF-", b"<html>", b"---\n", b"\t", b"\xd5\xfe", b"\n", b","])))
def test_read_bytes_never_raises_on_format_lookalikes(chunks: list[bytes]) -> None:
    for name in ("a.txt", "a.zip", "a.pdf", "a.tsv"):
        read_bytes(name, b"".join(chunks))
