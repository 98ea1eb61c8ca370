"""Every container format, on real corpus files or on files built in the test around real report text."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from luoshi.ingest import read_bytes, read_paths
from luoshi.models import Document, IngestError

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def report_text(corpus: Path) -> str:
    """The body of a real national report (front matter-free markdown from the raw set)."""
    path = max((corpus / "raw" / "lawtext-gov" / "政府工作报告-国务院").glob("*.md"))
    return path.read_text(encoding="utf-8")


def only_documents(items) -> list[Document]:
    items = list(items)
    errors = [i for i in items if isinstance(i, IngestError)]
    assert not errors, errors
    return items


def test_docx_reads_paragraphs_in_order(corpus: Path) -> None:
    docs = only_documents(read_paths([corpus / "raw" / "alexzhu0-prov2025-docx"]))
    assert len(docs) == 8
    for doc in docs:
        assert doc.fmt == "docx"
        assert doc.data == Path(doc.source).read_bytes()
        assert "各位代表" in doc.text[:500]
        assert len(doc.text) > 10_000


def test_docx_tables_come_in_body_order(tmp_path: Path, report_text: str) -> None:
    import docx

    paragraphs = [p for p in report_text.splitlines() if len(p) > 30][:3]
    document = docx.Document()
    document.add_paragraph(paragraphs[0])
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("指标", "目标"), ("地区生产总值增长", "5%左右")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph(paragraphs[1])
    buf = io.BytesIO()
    document.save(buf)
    (doc,) = read_bytes("made.docx", buf.getvalue())
    lines = doc.text.splitlines()
    assert lines == [paragraphs[0], "指标\t目标", "地区生产总值增长\t5%左右", paragraphs[1]]


def test_csv_one_row_per_report_with_other_columns_as_hints(corpus: Path) -> None:
    folder = corpus / "raw" / "johncodes404-prov2026-csv"
    docs = only_documents(read_paths([folder]))
    assert len(docs) == len(list(folder.glob("*.csv")))
    for doc in docs:
        assert doc.fmt == "row"
        assert doc.source.endswith(".csv#row=1")
        columns = doc.hints["columns"]
        assert set(columns) == {"province", "year", "title", "source_url", "publish_date"}
        assert "full_text" not in columns
        assert doc.data == Path(doc.source.split("#")[0]).read_bytes()  # a one-report table is that report
        assert "各位代表" in doc.text
        assert not doc.text.startswith("\ufeff")


def test_markdown_front_matter_moves_to_hints(corpus: Path) -> None:
    with_front = [
        p for p in sorted((corpus / "raw" / "lawtext-gov").rglob("*.md")) if p.read_bytes().startswith(b"---\n")
    ]
    assert with_front
    for path in with_front[:20]:
        (doc,) = read_paths([path])
        assert doc.fmt == "md"
        assert isinstance(doc.hints["front_matter"].get("title"), str)
        assert not doc.text.startswith("---")
        assert "title:" not in doc.text[:200]
        assert doc.data == path.read_bytes()


def test_markdown_without_front_matter_has_no_hints(corpus: Path) -> None:
    path = min((corpus / "raw" / "lawtext-gov" / "政府工作报告-国务院").glob("*.md"))
    (doc,) = read_paths([path])
    assert doc.hints == {}
    assert doc.text == path.read_text(encoding="utf-8")


def test_multi_report_file_gives_one_document_per_line(corpus: Path) -> None:
    path = corpus / "raw" / "computational-class-cjc" / "gov_reports1954-2019.txt"
    docs = only_documents(read_paths([path]))
    assert len(docs) == 50
    years = [int(d.hints["columns"]["year"]) for d in docs]
    assert years == sorted(years) and len(set(years)) == 50
    assert {1954, 2019} <= set(years)
    for doc in docs:
        assert doc.fmt == "row"
        assert not doc.text[0].isspace()
        assert len(doc.text) > 1000 and "\t" not in doc.text  # tabs were the flattened paragraph breaks
        assert "".join(doc.data.decode("utf-8").split()) == "".join(doc.text.split())
    assert len({d.id for d in docs}) == 50
    assert docs[0].source.endswith("#row=1")


def test_html_keeps_blocks_and_drops_scripts(report_text: str) -> None:
    paragraphs = [p for p in report_text.splitlines() if len(p) > 30][:4]
    html = (
        "<!DOCTYPE html><html><head><meta charset='gbk'><title>某市人民政府 政府工作报告</title>"
        "<style>p{color:red}</style><script>var ad='广告';</script></head><body>"
        "<div class='nav'>首页 &gt; 政务公开</div><div style='display:none'>博彩网站</div>"
        f"<h1>政府工作报告</h1><p>{paragraphs[0]}</p><p>{paragraphs[1]}<br>{paragraphs[2]}</p>"
        f"<table><tr><td>指标</td><td>目标</td></tr></table><ul><li>{paragraphs[3]}</li></ul>"
        "</body></html>"
    )
    (doc,) = read_bytes("page.html", html.encode("gbk", "replace"))
    assert doc.fmt == "html"
    assert doc.encoding == "gb18030"
    assert doc.hints == {"html_title": "某市人民政府 政府工作报告"}
    lines = doc.text.splitlines()
    assert lines[:3] == ["首页 > 政务公开", "政府工作报告", paragraphs[0].encode("gbk", "replace").decode("gbk")]
    assert "指标\t目标" in lines
    assert "广告" not in doc.text and "color" not in doc.text and "博彩" not in doc.text


def test_html_is_sniffed_without_extension(report_text: str) -> None:
    body = report_text[:300].replace("\n", "")
    (doc,) = read_bytes("<stdin>", f"<html><body><p>{body}</p></body></html>".encode())
    assert doc.fmt == "html"
    assert doc.text.strip() == body.strip()


def test_pdf_with_chinese_text_layer(report_text: str) -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = [p[:30] for p in report_text.splitlines() if len(p) > 30][:3]
    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        page.drawString(40, 780 - 20 * i, line)
    page.showPage()
    page.save()
    (doc,) = read_bytes("report.pdf", buf.getvalue())
    assert doc.fmt == "pdf"
    assert doc.text.splitlines() == lines


def test_xlsx_text_column_found_by_content(tmp_path: Path, report_text: str) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["地区", "年份", "报告"])  # no known text column name: found as the long Chinese column
    sheet.append(["某省", 2023, report_text[:3000]])
    sheet.append(["某市", 2024, report_text[3000:6000]])
    path = tmp_path / "reports.xlsx"
    book.save(path)
    docs = only_documents(read_paths([path]))
    assert [d.source for d in docs] == [f"{path}#row=1", f"{path}#row=2"]
    assert docs[0].text == report_text[:3000]
    assert docs[1].hints["columns"] == {"地区": "某市", "年份": 2024}


def test_jsonl_text_column_by_name(report_text: str) -> None:
    lines = [
        json.dumps({"Content": report_text[:500], "year": 2020}, ensure_ascii=False),
        "not json",
        json.dumps({"Content": report_text[500:900], "year": 2021}, ensure_ascii=False),
    ]
    items = read_bytes("reports.jsonl", "\n".join(lines).encode())
    errors = [i for i in items if isinstance(i, IngestError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert [e.source for e in errors] == ["reports.jsonl#line=2"]
    assert [d.hints["columns"]["year"] for d in docs] == [2020, 2021]
    assert docs[1].text == report_text[500:900]


def zip_with_gbk_names(members: list[tuple[str, bytes]]) -> bytes:
    """A zip whose member names are GBK bytes with the UTF-8 flag off, as Chinese Windows zip tools write them.

    zipfile always flags non-ASCII names as UTF-8, so the archive is written with ASCII placeholders of the
    same byte length and the name bytes are patched in afterwards (local headers and central directory).
    """
    buf = io.BytesIO()
    placeholders = []
    with zipfile.ZipFile(buf, "w") as archive:
        for i, (name, content) in enumerate(members):
            raw = name.encode("gbk")
            placeholder = (f"~{i}~" * len(raw)).encode()[: len(raw)]
            placeholders.append((placeholder, raw))
            archive.writestr(placeholder.decode(), content)
    data = buf.getvalue()
    for placeholder, raw in placeholders:
        assert data.count(placeholder) == 2
        data = data.replace(placeholder, raw)
    return data


def test_zip_with_gbk_member_names_without_utf8_flag(report_text: str) -> None:
    texts = [report_text[:2000], report_text[2000:2500]]
    data = zip_with_gbk_names(
        [("报告/政府工作报告.txt", texts[0].encode("gbk", "replace")), ("说明.md", texts[1].encode("utf-8"))]
    )
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        assert not info.flag_bits & 0x800
    docs = only_documents(read_bytes("reports.zip", data))
    assert [d.source for d in docs] == ["reports.zip!报告/政府工作报告.txt", "reports.zip!说明.md"]
    assert docs[0].encoding == "gb18030"
    assert docs[0].text == texts[0].encode("gbk", "replace").decode("gbk")
    assert docs[0].data == texts[0].encode("gbk", "replace")
    assert docs[1].text == texts[1] and docs[1].encoding == "utf-8"


def test_folders_are_recursive_sorted_and_skip_hidden(tmp_path: Path, report_text: str) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "c").mkdir(parents=True)
    (tmp_path / "b" / "2.txt").write_text(report_text[:100], encoding="utf-8")
    (tmp_path / "a" / "c" / "1.md").write_text(report_text[100:200], encoding="utf-8")
    (tmp_path / "a" / "0.txt").write_text(report_text[200:300], encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    sources = [d.source for d in only_documents(read_paths([tmp_path]))]
    assert sources == [str(tmp_path / "a" / "0.txt"), str(tmp_path / "a" / "c" / "1.md"), str(tmp_path / "b" / "2.txt")]
    assert sources == [d.source for d in read_paths([str(tmp_path)])]


def test_stdin_tables_are_sniffed(report_text: str) -> None:
    body = report_text[:800].replace('"', "'")
    csv_items = read_bytes("<stdin>", f'year,full_text\n2022,"{body}"\n'.encode())
    assert [(d.fmt, d.text, d.hints["columns"]) for d in csv_items] == [("row", body, {"year": "2022"})]
    line = json.dumps({"text": body, "region": "某市"}, ensure_ascii=False)
    (doc,) = read_bytes("<stdin>", line.encode())
    assert (doc.fmt, doc.text, doc.hints["columns"]) == ("row", body, {"region": "某市"})
    (plain,) = read_bytes("<stdin>", body.encode())
    assert plain.fmt in ("txt", "md") and plain.text == body


def test_a_saved_web_page_named_txt_is_read_as_html(report_text: str) -> None:
    body = max(report_text.splitlines()[:40], key=len)
    (doc,) = read_bytes("page.txt", f"<!DOCTYPE html>\n<html><body><p>{body}</p><script>x()</script></body></html>".encode())
    assert (doc.fmt, doc.text.strip()) == ("html", body.strip())


def test_windows_line_ends_become_newlines_in_text_not_in_data(report_text: str) -> None:
    raw = ("---\r\ntitle: 某市政府工作报告\r\n---\r\n" + report_text[:1000].replace("\n", "\r\n")).encode()
    (doc,) = read_bytes("report.md", raw)
    assert doc.data == raw
    assert doc.hints["front_matter"] == {"title": "某市政府工作报告"}
    assert doc.text == report_text[:1000]


def test_rows_without_text_make_one_error_line(report_text: str) -> None:
    body = report_text[:300].replace('"', "'")
    rows = [f'{y},"{body if y == 2020 else ""}"' for y in range(2015, 2025)]
    items = read_bytes("t.csv", ("year,text\n" + "\n".join(rows)).encode())
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.source for d in docs] == ["t.csv#row=6"]
    assert [(e.source, e.reason) for e in errors] == [
        ("t.csv", "9 rows with empty text in column 'text' (rows 1, 2, 3, 4, 5, ...)")
    ]
