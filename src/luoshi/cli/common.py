"""Helpers shared by CLI commands: reading inputs with clear per-file errors, stderr output."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

from ..ingest import DEFAULT_MAX_BYTES, read_bytes, read_paths
from ..models import Document, IngestError


def err(msg: str) -> None:
    print(msg, file=sys.stderr)


def iter_documents(paths: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Documents from paths ("-" is stdin); a refused input prints one line on stderr and the batch goes on."""
    for p in paths:
        items: Iterable[Document | IngestError]
        if p == "-":  # read one byte past the limit so an oversize stream is refused, not swallowed whole
            items = read_bytes("<stdin>", sys.stdin.buffer.read(max_bytes + 1), max_bytes=max_bytes)
        else:
            items = read_paths([p], max_bytes=max_bytes)
        for item in items:
            if isinstance(item, IngestError):
                err(f"luoshi: skipped {item}")
            else:
                yield item
