"""The card renders the metadata, the outline with roles and the quality of a real report."""

from __future__ import annotations

from rich.console import Console

from luoshi.ingest import read_paths
from luoshi.parse.card import render_card
from luoshi.pipeline import process


def test_card_shows_metadata_outline_and_quality(seeds):
    report = process(next(iter(read_paths([seeds["004"]]))))
    console = Console(record=True, width=120)
    console.print(render_card(report))
    out = console.export_text()
    assert report.meta.region in out and str(report.meta.year) in out and report.meta.speaker in out
    assert "review" in out and "plan" in out and "targets" in out
    assert "confidence" in out
    assert report.sections[0].title in out
