"""Limits on what one input may cost: every one refuses with a line naming the limit, never a crash or a hang.

Why each exists: a file's size bounds reading; an archive's expanded total and member count bound a zip bomb
(members are checked before they are inflated, nested archives share their parent's budget); nesting depth
bounds archives of archives; HTML depth bounds the parser (lexbor is quadratic in the depth of nested blocks);
text characters bound processing (about 90 bytes of memory per character of text: 10 million characters is
about 1 GB). Uploads get stricter defaults: a web server must not let one request take its memory.
"""

from __future__ import annotations

import dataclasses
import struct
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * MB  # one file, or one archive member
    archive_bytes: int = 200 * MB  # expanded total of one archive, nested archives included
    archive_members: int = 10_000  # members of one archive, nested archives included
    archive_depth: int = 3  # archives inside archives (1: an archive's members may not be archives)
    html_depth: int = 512  # elements nested deeper are flattened into their parent before parsing
    text_chars: int = 10_000_000  # characters of text in one document


DEFAULT_LIMITS = Limits()
UPLOAD_LIMITS = Limits(
    file_bytes=20 * MB, archive_bytes=20 * MB, archive_members=100, archive_depth=1, html_depth=512,
    text_chars=1_000_000,
)


def with_overrides(base: Limits, **values: float | None) -> Limits:
    """`base` with the values given (None keeps the base's)."""
    return dataclasses.replace(base, **{k: int(v) for k, v in values.items() if v is not None})


@dataclass
class Budget:
    """What is left of one top-level archive's allowance, shared by the archives nested in it."""

    bytes_left: int
    members_left: int
    fresh: bool = True  # no archive opened yet: the next one opened is the top one

    @classmethod
    def of(cls, limits: Limits) -> Budget:
        return cls(limits.archive_bytes, limits.archive_members)


EOCD = b"PK\x05\x06"


def declared_entries(data: bytes) -> int | None:
    """The member count a zip's end-of-central-directory record declares (read before zipfile builds one object
    per member), or None when there is no such record. 0xFFFF means "see the zip64 record": at least that many."""
    at = data.rfind(EOCD, max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    (total,) = struct.unpack_from("<H", data, at + 10)
    return total
