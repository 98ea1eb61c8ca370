"""Bytes to text: BOM, strict UTF-8, strict GB18030/Big5 (chosen by common-hanzi share), then detection.

Strict decodes come first because they are fast and certain; charset-normalizer only sees what none of
them can read (it calls short GBK text "cp949", measured, so it must not get the first word).
"""

from __future__ import annotations

import codecs
import re

from .common_hanzi import common_share

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CJK_CANDIDATES = ("gb18030", "big5")
# Labels web pages and tools use for codecs we read with a superset.
ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "big5-hkscs": "big5hkscs"}
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01


class NotText(ValueError):
    """The bytes are not text in any encoding we can read; the message says why."""


def canonical_codec(label: str) -> str | None:
    """Python's name for an encoding label (from <meta charset>, say), or None when unknown."""
    label = label.strip().lower()
    label = ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used). `declared` (e.g. an HTML meta charset) is tried first when given."""
    text, encoding = _decode(data, declared)
    if text and len(CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise NotText("binary data (too many control characters for text)")
    return text, encoding


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                break
    if declared and (codec := canonical_codec(declared)):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = []
    for codec in CJK_CANDIDATES:
        try:
            readings.append((data.decode(codec), codec))
        except UnicodeDecodeError:
            pass
    if len(readings) == 1:
        return readings[0]
    if readings:
        return max(readings, key=lambda r: common_share(r[0]))
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise NotText("undecodable bytes (not text in any known encoding)")
    return str(best), best.encoding
