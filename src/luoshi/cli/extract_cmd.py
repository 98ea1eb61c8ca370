"""`luoshi extract` and `luoshi clean`: run the pipeline on files, print records or clean text."""

from __future__ import annotations

import json
import sys

import typer

from ..pipeline import process
from .common import err, iter_documents


def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, archives, or - for stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one record per report) or csv (one row per fact)."),
    text: bool = typer.Option(False, "--text", help="Include the clean text in each JSON record."),
) -> None:
    """Extract the full record of each report (shared/spec/report-json.md).

    Example: luoshi extract examples/sample_report.txt --format jsonl
    """
    if format not in ("jsonl", "csv"):
        raise typer.BadParameter("format must be jsonl or csv", param_hint="--format")
    out = sys.stdout
    writer = None
    for doc in iter_documents(paths):
        try:
            report = process(doc)
        except Exception as e:  # one bad report must not stop the batch
            err(f"luoshi: failed {doc.source}: {type(e).__name__}: {e}")
            continue
        if format == "jsonl":
            out.write(json.dumps(report.to_dict(with_text=text), ensure_ascii=False) + "\n")
        else:
            from ..query.export import fact_rows_writer

            writer = writer or fact_rows_writer(out)
            writer(report)


def clean(path: str = typer.Argument(..., help="A file, or - for stdin.")) -> None:
    """Print the clean, simplified text of a report (usable in pipes).

    Example: luoshi clean examples/sample_report.txt | head
    """
    for doc in iter_documents([path]):
        report_text = process(doc).text
        sys.stdout.write(report_text if report_text.endswith("\n") else report_text + "\n")


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(clean)
