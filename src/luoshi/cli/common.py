"""Helpers shared by CLI commands: reading inputs with clear per-file errors, stderr output."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..ingest import read_bytes, read_paths
from ..models import Document, IngestError


def err(msg: str) -> None:
    print(msg, file=sys.stderr)


def iter_documents(paths: list[str]) -> Iterator[Document]:
    """Documents from paths ("-" is stdin); a refused input prints one line on stderr and the batch goes on."""
    for p in paths:
        items = read_bytes("<stdin>", sys.stdin.buffer.read()) if p == "-" else read_paths([p])
        for item in items:
            if isinstance(item, IngestError):
                err(f"luoshi: skipped {item}")
            else:
                yield item
