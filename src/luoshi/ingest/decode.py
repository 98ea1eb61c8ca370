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
# A detector guess is kept only if it reads as Chinese (or nearly plain ASCII): on short or random bytes
# it happily names EBCDIC or UTF-16 and returns noise.
MIN_DETECTED_COMMON_SHARE = 0.6
MIN_ASCII_SHARE = 0.85
MIN_CJK_COMMON_SHARE = 0.3  # below this a strict GB18030/Big5 reading is noise (random bytes, Shift-JIS)
LENIENT_CANDIDATES = ("utf-8", "gb18030")
MAX_REPLACED_SHARE = 0.005  # a few damaged bytes in a long file: read it, the clean stage marks the damage


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
    """(text, encoding used). `declared` (e.g. an HTML meta charset) is tried when strict UTF-8 fails.

    A file that no codec reads strictly but UTF-8 or GB18030 reads with a few damaged bytes comes back with
    those bytes as U+FFFD and the encoding named "gb18030 (3 damaged characters replaced)"."""
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
    try:  # before the declared charset: pages often say gb2312 while serving UTF-8, never the reverse by luck
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and (named := canonical_codec(declared)):
        try:
            return data.decode(named), named
        except UnicodeDecodeError:
            pass
    readings = []
    for codec in CJK_CANDIDATES:
        try:
            readings.append((data.decode(codec), codec))
        except UnicodeDecodeError:
            pass
    if readings:
        # ties go to the first candidate (GB18030: the reports are mostly mainland ones)
        share, _, text, codec = max((common_share(t), -i, t, c) for i, (t, c) in enumerate(readings))
        return (text, codec) if share >= MIN_CJK_COMMON_SHARE else _detect(data)
    for codec in LENIENT_CANDIDATES:
        text = data.decode(codec, "replace")
        replaced = text.count("\ufffd")
        if replaced <= MAX_REPLACED_SHARE * len(text):
            return text, f"{codec} ({replaced} damaged characters replaced)"
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding is not None:
        text = str(best)
        if common_share(text) >= MIN_DETECTED_COMMON_SHARE or _mostly_ascii(text):
            return text, best.encoding
    raise NotText("undecodable bytes (not text in any known encoding)")


def _mostly_ascii(text: str) -> bool:
    return sum(ch.isascii() for ch in text) >= MIN_ASCII_SHARE * len(text)
