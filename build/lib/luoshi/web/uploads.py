"""Uploads: the body is read in memory up to a limit, parsed, and only ever saved as data_dir/uploads/<hash><ext>.

The multipart body is parsed here (python-multipart's low-level parser) rather than by the framework so that
nothing spills into a temporary file outside the data folder, and the size limit holds while reading.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header

MULTIPART_OVERHEAD = 64 * 1024
SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")
FIELD = "file"


class UploadTooLarge(Exception):
    pass


class BadUpload(Exception):
    pass


@dataclass
class UploadedFile:
    filename: str
    data: bytes


async def read_limited(chunks: AsyncIterator[bytes], limit: int) -> bytes:
    buf = bytearray()
    async for chunk in chunks:
        buf.extend(chunk)
        if len(buf) > limit:
            raise UploadTooLarge
    return bytes(buf)


def parse_multipart(content_type: str, body: bytes) -> UploadedFile | None:
    """The part named `file` of a multipart/form-data body, or None when there is none."""
    ctype, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise BadUpload("expected multipart/form-data")
    parts: list[dict] = []
    current: dict = {}
    header: dict[str, bytes] = {"field": b"", "value": b""}

    def on_part_begin() -> None:
        current.clear()
        current.update(headers={}, data=bytearray())

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"] += data[start:end]

    def on_header_end() -> None:
        current["headers"][header["field"].lower()] = header["value"]
        header["field"], header["value"] = b"", b""

    def on_part_data(data: bytes, start: int, end: int) -> None:
        current["data"].extend(data[start:end])

    def on_part_end() -> None:
        parts.append(dict(current))

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_part_data": on_part_data, "on_part_end": on_part_end,
    })
    parser.write(body)
    parser.finalize()
    for part in parts:
        _, disp = parse_options_header(part["headers"].get(b"content-disposition", b""))
        if disp.get(b"name") == FIELD.encode():
            name = disp.get(b"filename", b"").decode("utf-8", "replace")
            return UploadedFile(filename=name, data=bytes(part["data"]))
    return None


def safe_name(filename: str) -> str:
    """The base name only (no folders, no control characters), used as the document's source and format hint."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".")
    return name[:120] or "upload.txt"


def save_upload(data_dir: Path, name: str, data: bytes) -> Path:
    """Keep a copy as data_dir/uploads/<sha256 prefix><safe suffix>; the user's name never becomes a path."""
    folder = (data_dir / "uploads").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(name).suffix.lower()
    target = folder / (hashlib.sha256(data).hexdigest()[:32] + (suffix if SAFE_SUFFIX.match(suffix) else ""))
    if target.resolve().parent != folder:
        raise BadUpload("refused path")
    target.write_bytes(data)
    return target
