"""Compact forms of what is kept for display and audit only: the decoded original (raw text) as a blob.

Why a dictionary: the raw text is the clean text plus what cleaning removed or repaired, so zstd given the clean
text as a raw-content dictionary stores only the difference (about 0.6 kB per report on the corpus instead of
51 kB as text, 21 kB as plain zlib). The clean text stays uncompressed in `reports.text`: it is what Datasette,
search snippets and every offset read. A blob's first byte names its codec, so a reader never guesses:
  b"d" zstd with the clean text as dictionary    b"z" zlib (no zstandard installed when it was written)
"""

from __future__ import annotations

import json
import zlib
from typing import Any

try:
    import zstandard
except ImportError:  # pragma: no cover - a dependency; zlib keeps working without it
    zstandard = None  # type: ignore[assignment]

ZSTD_DICT, ZLIB = b"d", b"z"
LEVEL = 9  # zstd level: higher levels gain a few bytes at twice the CPU


def _dictionary(text: str):
    """The clean text as the stored form reads back on every back end (PostgreSQL keeps NUL as U+FFFD)."""
    data = text.replace("\x00", "\ufffd").encode("utf-8", "surrogatepass")
    return zstandard.ZstdCompressionDict(data, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


def pack_raw(raw: str, text: str) -> bytes:
    """The raw text as a blob, compressed against the clean text it was cleaned into."""
    data = raw.encode("utf-8", "surrogatepass")
    if zstandard is not None and text:
        return ZSTD_DICT + zstandard.ZstdCompressor(level=LEVEL, dict_data=_dictionary(text)).compress(data)
    return ZLIB + zlib.compress(data, 6)


def unpack_raw(blob: bytes | memoryview | None, text: str) -> str | None:
    """The raw text from `pack_raw`'s blob and the same clean text; None for no blob."""
    if blob is None:
        return None
    blob = bytes(blob)
    codec, body = blob[:1], blob[1:]
    if codec == ZSTD_DICT:
        if zstandard is None:
            raise RuntimeError("this database's raw texts are zstd-compressed: pip install zstandard")
        data = zstandard.ZstdDecompressor(dict_data=_dictionary(text)).decompress(body)
    elif codec == ZLIB:
        data = zlib.decompress(body)
    else:
        raise ValueError(f"unknown raw-text codec {codec!r}")
    return data.decode("utf-8", "surrogatepass")


def stored_raw_text(row: dict[str, Any]) -> str:
    """The decoded original of a `reports` row: its blob, else the raw_text column of rows written before the
    blob existed (or read from a file not yet upgraded), else the clean text."""
    if row.get("raw_z") is not None:
        return unpack_raw(row["raw_z"], row["text"] or "") or ""
    return row["raw_text"] if row.get("raw_text") is not None else (row["text"] or "")


def spans_json(spans: list[tuple[int, int, int | None]]) -> str:
    """A report's sentences as sentence_spans.spans: [[start, end, section_idx], ...] without spaces."""
    return json.dumps([list(s) for s in spans], separators=(",", ":"))


def spans_from_json(text: str | None) -> list[dict[str, Any]]:
    """sentence_spans.spans as rows of the sentences view: {idx, start, end, section_idx}."""
    return [{"idx": i, "start": a, "end": b, "section_idx": sec} for i, (a, b, sec) in enumerate(json.loads(text or "[]"))]
