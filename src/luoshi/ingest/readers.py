"""Dispatch: files, folders and byte strings to the reader of their format (content first, then extension)."""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import overload

from ..models import Document, IngestError, sha256_hex
from .decode import NotText, decode_bytes
from .formats.archive import open_zip, read_zip
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
from .limits import DEFAULT_LIMITS, Budget, Limits

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.file_bytes

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


def _zip_kind(archive: zipfile.ZipFile) -> tuple[str, str]:
    """("docx" | "xlsx" | "zip", why a docx/xlsx package is unreadable or "")."""
    names = set(archive.namelist())
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
    name: str, data: bytes, *, max_bytes: int | None = None, limits: Limits | None = None
) -> list[Document | IngestError]:
    """Documents (or refusals) from one file's bytes; never raises. Used for stdin and uploads."""
    return list(iter_bytes(name, data, limits=_limits(limits, max_bytes)))


def _limits(limits: Limits | None, max_bytes: int | None) -> Limits:
    limits = limits or DEFAULT_LIMITS
    return limits if max_bytes is None else dataclasses.replace(limits, file_bytes=max_bytes)


def iter_bytes(
    name: str, data: bytes, *, limits: Limits = DEFAULT_LIMITS, _depth: int = 0, _budget: Budget | None = None
) -> Iterator[Document | IngestError]:
    """Documents (or refusals) from one file's bytes, an archive's members one at a time; never raises."""
    budget = _budget or Budget.of(limits)
    try:
        items = _read_bytes(name, data, limits, _depth, budget)
        if isinstance(items, list):  # one file's documents (a table's rows): small next to the file itself
            yield from _one_row_table_is_the_file([_text_limit(i, limits) for i in items], data)
            return
        for item in items:  # an archive's members, read as they come
            yield _text_limit(item, limits)
    except Exception as e:  # noqa: BLE001 - the batch goes on whatever one file does
        yield IngestError(name, f"could not read ({type(e).__name__}: {e})")


def _text_limit(item: Document | IngestError, limits: Limits) -> Document | IngestError:
    """A document whose text is too long to process within its memory bound is refused, whatever its format."""
    if isinstance(item, Document) and len(item.text) > limits.text_chars:
        return IngestError(item.source, f"text too long ({len(item.text):,} characters > limit {limits.text_chars:,})")
    return item


def _one_row_table_is_the_file(items: list[Document | IngestError], data: bytes) -> list[Document | IngestError]:
    """A table holding a single report is that report: its id is the file's sha256, as for any other file."""
    if len(items) == 1 and isinstance(items[0], Document) and items[0].fmt == "row" and "#row=" in items[0].source:
        return [dataclasses.replace(items[0], data=data)]
    return items


def _read_member(name: str, data: bytes, limits: Limits, depth: int, budget: Budget) -> Iterator:
    return iter_bytes(name, data, limits=limits, _depth=depth, _budget=budget)


def _read_bytes(
    name: str, data: bytes, limits: Limits, depth: int, budget: Budget
) -> list[Document | IngestError] | Iterator[Document | IngestError]:
    max_bytes = limits.file_bytes
    if not data:
        return [IngestError(name, "empty file")]
    if len(data) > max_bytes:
        return [IngestError(name, f"file too large ({len(data):,} bytes > limit {max_bytes:,})")]
    if reason := _binary_refusal(name, data):
        return [IngestError(name, reason)]
    if data.startswith(b"%PDF-"):
        return [read_pdf(name, data, limits.text_chars)]
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        archive = open_zip(name, data, limits, budget)  # a docx or xlsx is a zip too: the same bounds hold
        if isinstance(archive, IngestError):
            if _extension(name) in (".docx", ".xlsx", ".xlsm") and archive.reason.startswith("corrupt zip"):
                return [IngestError(name, f"corrupt {_extension(name)} ({archive.reason})")]
            return [archive]
        kind, problem = _zip_kind(archive)
        if kind == "docx":
            return [read_docx(name, data)]
        if kind == "xlsx":
            return read_xlsx(name, data)
        if _extension(name) == ".docx":
            return [IngestError(name, f"corrupt .docx ({problem})")]
        if _extension(name) in (".xlsx", ".xlsm"):
            return [IngestError(name, f"corrupt .xlsx ({problem})")]
        if depth >= limits.archive_depth:
            return [IngestError(name, f"archive nested more than {limits.archive_depth} deep")]
        return read_zip(name, archive, limits, _read_member, depth, budget)
    ext = _extension(name)
    if ext in (".docx", ".xlsx", ".xlsm", ".zip", ".pdf"):
        return [IngestError(name, f"not a valid {ext} file (wrong signature)")]
    if ext in HTML_EXTENSIONS or (ext not in (".md", ".markdown") and HTML_START.match(data[:4096])):
        try:
            return [read_html(name, data, max_depth=limits.html_depth)]
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


def _walk_files(folder: Path) -> Iterator[Path | IngestError]:
    """Entries under `folder` that are not folders, recursively, files of a folder (sorted) before its subfolders
    (sorted); hidden ones are left out, links to folders are not followed, and a folder that cannot be listed
    is one refusal."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            yield IngestError(str(current), f"unreadable folder ({e.strerror or e})")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith(HIDDEN):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(Path(entry.path))
            elif entry.is_symlink() and os.path.isdir(entry.path):
                yield IngestError(entry.path, "a link to a folder: not followed")
            else:
                yield Path(entry.path)
        stack.extend(reversed(subfolders))


NOT_REGULAR = (
    (stat.S_ISDIR, "is a folder"),
    (stat.S_ISFIFO, "not a regular file (a FIFO, named pipe)"),
    (stat.S_ISSOCK, "not a regular file (a socket)"),
    (stat.S_ISCHR, "not a regular file (a character device)"),
    (stat.S_ISBLK, "not a regular file (a block device)"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((why for test, why in NOT_REGULAR if test(mode)), "not a regular file")


def _read_regular(path: Path, max_bytes: int) -> bytes | str:
    """The file's bytes, or why not. Only regular files are opened (a FIFO would block forever, a device never
    ends); the check is made again on the open file, which O_NONBLOCK keeps from blocking, against a swap."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "no such file (or a link to nothing)" if os.path.islink(path) else "no such file"
    except OSError as e:
        return f"unreadable ({e.strerror or e})"
    if why := _not_regular(st.st_mode):
        return why
    if st.st_size > max_bytes:
        return f"file too large ({st.st_size:,} bytes > limit {max_bytes:,})"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        return f"unreadable ({e.strerror or e})"
    with os.fdopen(fd, "rb") as f:
        if why := _not_regular(os.fstat(fd).st_mode):
            return why
        try:
            data = f.read(max_bytes + 1)  # a file growing while read is still bounded
        except OSError as e:
            return f"unreadable ({e.strerror or e})"
    if len(data) > max_bytes:
        return f"file too large (> limit {max_bytes:,} bytes)"
    return data


@dataclasses.dataclass(frozen=True)
class Known:
    """A file whose bytes are a document already known (`read_paths(known=...)`): not decoded again."""

    source: str
    id: str


def read_path(
    path: Path, *, max_bytes: int | None = None, limits: Limits | None = None,
    known: Callable[[str], bool] | None = None,
) -> Iterator[Document | IngestError | Known]:
    """Documents (or refusals) from one path; `Known` for a file whose sha256 `known` accepts (see read_paths)."""
    limits = _limits(limits, max_bytes)
    data = _read_regular(Path(path), limits.file_bytes)
    if isinstance(data, str):
        yield IngestError(str(path), data)
    elif known is not None and known(rid := sha256_hex(data)):
        yield Known(str(path), rid)
    else:
        yield from iter_bytes(str(path), data, limits=limits)


@overload
def read_paths(
    paths: Iterable[str | os.PathLike], *, max_bytes: int | None = None, limits: Limits | None = None,
    known: None = None,
) -> Iterator[Document | IngestError]: ...


@overload
def read_paths(
    paths: Iterable[str | os.PathLike], *, max_bytes: int | None = None, limits: Limits | None = None,
    known: Callable[[str], bool],
) -> Iterator[Document | IngestError | Known]: ...


def read_paths(
    paths: Iterable[str | os.PathLike], *, max_bytes: int | None = None, limits: Limits | None = None,
    known: Callable[[str], bool] | None = None,
) -> Iterator[Document | IngestError | Known]:
    """Documents (or refusals) from files and folders (recursive, sorted), in a deterministic order.

    `known(sha256 hex of a file's bytes)`: True when that id is already stored. Such a file is yielded as `Known`
    without being decoded (a document of one file has the file's hash as id), so re-reading a corpus costs
    little more than hashing it; a file holding several documents is never one id, so it is read as always.
    """
    limits = _limits(limits, max_bytes)
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in _walk_files(path):
                if isinstance(f, IngestError):
                    yield f
                else:
                    yield from read_path(f, limits=limits, known=known)
        else:
            yield from read_path(path, limits=limits, known=known)
