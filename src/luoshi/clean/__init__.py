"""Cleaning: repairs (each a small named function, logged) and removal of everything not the report."""

from __future__ import annotations

from ..models import Document, Quality


def clean_document(doc: Document) -> tuple[str, Quality]:
    """Placeholder until the clean stage lands: normalise line ends only."""
    text = doc.text.replace("\r\n", "\n").replace("\r", "\n")
    return text, Quality(encoding=doc.encoding)
