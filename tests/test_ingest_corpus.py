"""The whole shared corpus reads without an exception, one Document per report, every refusal with a reason."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from luoshi.ingest import read_paths
from luoshi.models import Document, IngestError

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_whole_corpus(corpus: Path) -> None:
    items = list(read_paths([corpus]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    report_files = [p for p in corpus.rglob("*") if p.suffix in (".md", ".docx", ".csv", ".txt")]
    multi_report_lines = 50
    assert len(docs) == len(report_files) - 1 + multi_report_lines
    assert all(e.reason for e in errors)
    assert {e.source for e in errors} <= {str(corpus / "MANIFEST.tsv")}  # a table of labels, not of reports
    assert len({d.source for d in docs}) == len(docs)
    assert all(d.text.strip() for d in docs)
    formats = Counter(d.fmt for d in docs)
    assert formats["docx"] == len(list(corpus.rglob("*.docx")))
    assert formats["row"] == len(list(corpus.rglob("*.csv"))) + multi_report_lines
    assert not any(d.text.startswith("---\n") for d in docs if d.fmt == "md")


def test_reading_is_deterministic(corpus: Path) -> None:
    first = [(i.source, getattr(i, "id", None)) for i in read_paths([corpus / "raw"])]
    second = [(i.source, getattr(i, "id", None)) for i in read_paths([corpus / "raw"])]
    assert first == second
