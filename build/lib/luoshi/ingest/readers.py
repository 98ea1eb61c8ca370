"""Dispatch: files, folders and byte strings to the reader of their format (content first, then extension)."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..models import Document, IngestError
from .decode import NotText, decode_bytes
from .formats.archive import read_zip
from .formats.docx import read_docx
from .formats.html import read_html
from .formats.pdf import read_pdf
from .formats.tables import (
    is_year_lines,
    read_delimited,
    read_json,
    read_jsonl,
    read_xlsx,
    read_year_lines,
    sniff_table,
)
from .formats.text import text_document

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BINARY_MAGIC = (  # (magic, reason) for formats that hold no text we can read
    (b"\x89PNG\r\n\x1a\n", "image file (PNG) has no text; OCR is not supported"),
    (b"\xff\xd8\xff", "image file (JPEG) has no text; OCR is not supported"),
    (b"GIF87a", "image file (GIF) has no text; OCR is not supported"),
    (b"GIF89a", "image file (GIF) has no text; OCR is not supported"),
    (b"BM", None),  # BMP only with a plausible header, checked below
    (b"II*\x00", "image file (TIFF) has no text; OCR is not supported"),
    (b"MM\x00*", "image file (TIFF) has no text; OCR is not supported"),
    (b"Rar!\x1a\x07", "RAR archives are not supported; use .zip"),
    (b"7z\xbc\xaf\x27\x1c", "7z archives are not supported; use .zip"),
    (b"\x1f\x8b", "gzip files are not supported; use .zip"),
    (b"{\\rtf", "RTF is not supported; save as .docx"),
)
TEXT_EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
TABLE_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
HIDDEN = (".", "~$")  # dotfiles and Office lock files


def _extension(name: str) -> str:
    base = name.rsplit("!", 1)[-1]
    return os.path.splitext(base)[1].lower()


def _zip_kind(data: bytes) -> tuple[str, str]:
    """("docx" | "xlsx" | "zip", why a docx/xlsx package is unreadable or "")."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception as e:  # noqa: BLE001 - a broken zip is reported by the reader of its extension
        return "zip", f"not a readable zip package: {e}"
    if "word/document.xml" in names:
        return "docx", ""
    if "xl/workbook.xml" in names:
        return "xlsx", ""
    return "zip", "no word/document.xml or xl/workbook.xml in the package"


def _binary_refusal(name: str, data: bytes) -> str | None:
    if data.startswith(OLE2_MAGIC):
        if _extension(name) in (".xls", ".xlt"):
            return "Excel 97-2003 .xls is not supported; save as .xlsx"
        return "Word 97-2003 .doc is not supported; save as .docx"
    for magic, reason in BINARY_MAGIC:
        if data.startswith(magic):
            if magic == b"BM":
                if len(data) > 14 and int.from_bytes(data[2:6], "little") == len(data):
                    return "image file (BMP) has no text; OCR is not supported"
                continue
            return reason
    return None


def read_bytes(
    name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, _depth: int = 0
) -> list[Document | IngestError]:
    """Documents (or refusals) from one file's bytes; never raises. Used for files, stdin and uploads."""
    try:
        return _one_row_table_is_the_file(_read_bytes(name, data, max_bytes, _depth), data)
    except Exception as e:  # noqa: BLE001 - the batch goes on whatever one file does
        return [IngestError(name, f"could not read ({type(e).__name__}: {e})")]


def _one_row_table_is_the_file(items: list[Document | IngestError], data: bytes) -> list[Document | IngestError]:
    """A table holding a single report is that report: its id is the file's sha256, as for any other file."""
    if len(items) == 1 and isinstance(items[0], Document) and items[0].fmt == "row" and "#row=" in items[0].source:
        return [dataclasses.replace(items[0], data=data)]
    return items


def _read_member(name: str, data: bytes, max_bytes: int, depth: int) -> list[Document | IngestError]:
    return read_bytes(name, data, max_bytes=max_bytes, _depth=depth)


def _read_bytes(name: str, data: bytes, max_bytes: int, depth: int) -> list[Document | IngestError]:
    if not data:
        return [IngestError(name, "empty file")]
    if len(data) > max_bytes:
        return [IngestError(name, f"file too large ({len(data):,} bytes > limit {max_bytes:,})")]
    if reason := _binary_refusal(name, data):
        return [IngestError(name, reason)]
    if data.startswith(b"%PDF-"):
        return [read_pdf(name, data)]
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind, problem = _zip_kind(data)
        if kind == "docx":
            return [read_docx(name, data)]
        if kind == "xlsx":
            return read_xlsx(name, data)
        if _extension(name) == ".docx":
            return [IngestError(name, f"corrupt .docx ({problem})")]
        if _extension(name) in (".xlsx", ".xlsm"):
            return [IngestError(name, f"corrupt .xlsx ({problem})")]
        return read_zip(name, data, max_bytes, _read_member, depth)
    ext = _extension(name)
    if ext in (".docx", ".xlsx", ".xlsm", ".zip", ".pdf"):
        return [IngestError(name, f"not a valid {ext} file (wrong signature)")]
    if ext in HTML_EXTENSIONS or (ext not in (".md", ".markdown") and HTML_START.match(data[:4096])):
        try:
            return [read_html(name, data)]
        except NotText as e:
            return [IngestError(name, str(e))]
    try:
        text, encoding = decode_bytes(data)
    except NotText as e:
        return [IngestError(name, str(e))]
    if not text.strip():
        return [IngestError(name, "no text (only whitespace)")]
    table = TABLE_EXTENSIONS.get(ext) or (None if ext in TEXT_EXTENSIONS else sniff_table(text))
    if table == "csv":
        return read_delimited(name, text.lstrip("\ufeff"), encoding, ",")
    if table == "tsv":
        if is_year_lines(text):
            return read_year_lines(name, text, encoding)
        return read_delimited(name, text.lstrip("\ufeff"), encoding, "\t")
    if table == "jsonl":
        return read_jsonl(name, text, encoding)
    if ext == ".json":
        return read_json(name, text, encoding)
    if is_year_lines(text):
        return read_year_lines(name, text, encoding)
    fmt = TEXT_EXTENSIONS.get(ext) or ("md" if text.startswith("---") else "txt")
    return [text_document(name, data, text, encoding, fmt)]


def _walk_files(folder: Path) -> Iterator[Path]:
    """Files under `folder`, recursively, in sorted order; hidden files and folders are left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(HIDDEN))
        for f in sorted(files):
            if not f.startswith(HIDDEN):
                yield Path(root) / f


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document | IngestError]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [IngestError(name, f"file too large ({size:,} bytes > limit {max_bytes:,})")]
        data = path.read_bytes()
    except FileNotFoundError:
        return [IngestError(name, "no such file")]
    except IsADirectoryError:
        return [IngestError(name, "is a folder")]
    except OSError as e:
        return [IngestError(name, f"unreadable ({e.strerror or e})")]
    return read_bytes(name, data, max_bytes=max_bytes)


def read_paths(
    paths: Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | IngestError]:
    """Documents (or refusals) from files and folders (recursive, sorted), in a deterministic order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in _walk_files(path):
                yield from read_path(f, max_bytes=max_bytes)
        else:
            yield from read_path(path, max_bytes=max_bytes)
