"""Zip archives: every member read like a file, named `archive.zip!member/name.txt`.

Zip tools on Chinese Windows store member names as GBK bytes without the UTF-8 flag; zipfile then decodes
them as cp437, so such names are re-encoded to cp437 and decoded as UTF-8 (tools that forget the flag)
or else GB18030.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator

from ...models import IngestError
from ..limits import Budget, Limits, declared_entries

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


def open_zip(source: str, data: bytes, limits: Limits, budget: Budget) -> zipfile.ZipFile | IngestError:
    """The archive, or why it is refused: too many members (counted before zipfile reads the directory) or a
    declared expanded total over what is left of the budget (checked before anything is inflated)."""
    declared = declared_entries(data)
    if declared is not None and declared > budget.members_left:
        return IngestError(source, f"archive has too many members ({declared:,} > limit {limits.archive_members:,})")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        return IngestError(source, f"corrupt zip archive ({e})")
    if len(infos) > budget.members_left:
        return IngestError(source, f"archive has too many members ({len(infos):,} > limit {limits.archive_members:,})")
    total = sum(i.file_size for i in infos)
    if total > budget.bytes_left:
        return IngestError(
            source, f"archive expands too far ({total:,} bytes > limit {limits.archive_bytes:,}; zip bomb?)"
        )
    if budget.fresh:  # the top archive: what the archives inside it declare counts before anything is read
        nested = _nested_total(archive, limits, 1, total)
        if nested > budget.bytes_left:
            return IngestError(source, (f"archive expands too far ({nested:,} bytes with the archives inside it > "
                                        f"limit {limits.archive_bytes:,}; zip bomb?)"))
        budget.fresh = False
    budget.members_left -= len(infos)
    budget.bytes_left -= total  # zipfile stops each member at its declared size, so the declared total holds
    return archive


def _nested_total(archive: zipfile.ZipFile, limits: Limits, depth: int, total: int) -> int:
    """`total` plus what the archives inside `archive` declare, recursively within the depth limit, stopping as
    soon as the limit is passed; only the inner archives are inflated (each within the file size limit)."""
    for info in archive.infolist():
        if total > limits.archive_bytes or depth >= limits.archive_depth:
            break
        if info.file_size > limits.file_bytes or info.file_size < 22:
            continue
        try:
            with archive.open(info) as f:
                if f.read(4) != b"PK\x03\x04":
                    continue
                inner = zipfile.ZipFile(io.BytesIO(b"PK\x03\x04" + f.read(limits.file_bytes)))
                infos = inner.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, RuntimeError, NotImplementedError, OSError,
                ValueError, EOFError):
            continue  # reported when the member is read
        if len(infos) > limits.archive_members:
            return limits.archive_bytes + 1
        total = _nested_total(inner, limits, depth + 1, total + sum(i.file_size for i in infos))
    return total


def read_zip(
    source: str, archive: zipfile.ZipFile, limits: Limits, read_member: Callable[..., Iterator], depth: int,
    budget: Budget,
) -> Iterator:
    """Documents of every member of an archive from `open_zip`, in name order, one member inflated at a time;
    `read_member(name, bytes, limits, depth, budget)` reads one."""
    members = sorted((member_name(i), i) for i in archive.infolist() if not _skipped(member_name(i)))
    if not members:
        yield IngestError(source, "zip archive has no files")
    max_bytes = limits.file_bytes
    for name, info in members:
        member = f"{source}!{name}"
        if info.file_size > max_bytes:
            yield IngestError(member, f"file too large ({info.file_size:,} bytes > limit {max_bytes:,})")
            continue
        try:
            with archive.open(info) as f:
                content = f.read(max_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError, ValueError, EOFError) as e:
            yield IngestError(member, f"unreadable archive member ({type(e).__name__}: {e})")
            continue
        if len(content) > max_bytes:
            yield IngestError(member, f"file too large (> limit {max_bytes:,} bytes)")
            continue
        yield from read_member(member, content, limits, depth + 1, budget)
