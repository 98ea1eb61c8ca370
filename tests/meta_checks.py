"""Helper shared by the metadata tests on real reports: the metadata and clean text of a corpus file."""

from __future__ import annotations

from luoshi.clean import clean_document
from luoshi.ingest import read_paths
from luoshi.parse import parse_meta, parse_sections


def meta_of(path):
    """(Meta, clean text) of the first report in a file, through clean and parse only."""
    doc = next(iter(read_paths([path])))
    text, quality = clean_document(doc)
    return parse_meta(text, doc.hints, parse_sections(text), quality), text
