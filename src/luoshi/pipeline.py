"""The one documented sequence from a read document to an annotated report.

    Document --clean--> (clean text, Quality) --parse--> Meta, Sections, Sentences --extract--> Facts (and relative targets)

Each stage is a plain function of the record so far; no other module orchestrates.
"""

from __future__ import annotations

from .clean import clean_document
from .extract import extract_facts, relative_targets
from .models import Document, Report
from .parse import parse_meta, parse_sections, split_sentences


def process(doc: Document) -> Report:
    """Run every stage on one document and return the full report record."""
    text, quality = clean_document(doc)
    report = Report(id=doc.id, source=doc.source, text=text, quality=quality, raw_text=doc.text, fmt=doc.fmt)
    report.sections = parse_sections(text, quality.structure)
    report.meta = parse_meta(text, doc.hints, report.sections, quality)
    report.quality = quality.judged(report.meta)  # clean's quality with parse's doubts, as a new object
    report.sentences = split_sentences(text, report.sections)
    report.facts, report.absent_targets = extract_facts(report)
    report.relative_targets = relative_targets(report)  # "收入与经济增长同步": a target without a number, no fact
    return report
