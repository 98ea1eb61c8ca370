"""Readers for each container format. (Placeholder: plain text only; the ingest issue fills this in.)"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..models import Document, IngestError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _decode(data: bytes) -> tuple[str, str]:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc), ("utf-8" if enc == "utf-8-sig" else enc)
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", "replace"), "utf-8"


def read_bytes(name: str, data: bytes) -> list[Document | IngestError]:
    if not data:
        return [IngestError(name, "empty file")]
    text, enc = _decode(data)
    return [Document(source=name, data=data, text=text, encoding=enc, fmt="txt")]


def read_paths(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | IngestError]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, _dirs, files in os.walk(path):
                for f in sorted(files):
                    yield from read_paths([os.path.join(root, f)], max_bytes=max_bytes)
            continue
        if not path.exists():
            yield IngestError(str(p), "no such file")
            continue
        yield from read_bytes(str(p), path.read_bytes())
