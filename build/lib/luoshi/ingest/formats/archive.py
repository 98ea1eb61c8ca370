"""Zip archives: every member read like a file, named `archive.zip!member/name.txt`.

Zip tools on Chinese Windows store member names as GBK bytes without the UTF-8 flag; zipfile then decodes
them as cp437, so such names are re-encoded to cp437 and decoded as UTF-8 (tools that forget the flag)
or else GB18030.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

from ...models import IngestError

MAX_DEPTH = 3  # archives inside archives
UTF8_FLAG = 0x800


def member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            pass
    return info.filename


def _skipped(name: str) -> bool:
    parts = name.split("/")
    return name.endswith("/") or parts[0] == "__MACOSX" or parts[-1].startswith(".")


def read_zip(source: str, data: bytes, max_bytes: int, read_member: Callable[..., list], depth: int = 0) -> list:
    """Documents of every member, in name order; `read_member(name, bytes, max_bytes, depth)` reads one."""
    if depth >= MAX_DEPTH:
        return [IngestError(source, f"archive nested more than {MAX_DEPTH} deep")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = sorted((member_name(i), i) for i in archive.infolist() if not _skipped(member_name(i)))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        return [IngestError(source, f"corrupt zip archive ({e})")]
    out: list = []
    for name, info in members:
        member = f"{source}!{name}"
        if info.file_size > max_bytes:
            out.append(IngestError(member, f"file too large ({info.file_size:,} bytes > limit {max_bytes:,})"))
            continue
        try:
            with archive.open(info) as f:
                content = f.read(max_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError, ValueError, EOFError) as e:
            out.append(IngestError(member, f"unreadable archive member ({type(e).__name__}: {e})"))
            continue
        if len(content) > max_bytes:
            out.append(IngestError(member, f"file too large (> limit {max_bytes:,} bytes)"))
            continue
        out.extend(read_member(member, content, max_bytes, depth + 1))
    return out or [IngestError(source, "zip archive has no files")]
