"""`luoshi extract` and `luoshi clean`: run the pipeline on files, print records or clean text."""

from __future__ import annotations

import json
import sys

import typer

from .common import (
    MaxArchiveDepth,
    MaxArchiveMB,
    MaxFileMB,
    MaxHtmlDepth,
    MaxMembers,
    MaxTextChars,
    Tally,
    iter_reports,
    make_limits,
)


def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, archives, or - for stdin."),  # noqa: B008
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one record per report) or csv (one row per fact)."),
    text: bool = typer.Option(False, "--text", help="Include the clean text in each JSON record."),
    max_file_mb: MaxFileMB = None,
    max_archive_mb: MaxArchiveMB = None,
    max_members: MaxMembers = None,
    max_archive_depth: MaxArchiveDepth = None,
    max_html_depth: MaxHtmlDepth = None,
    max_text_chars: MaxTextChars = None,
) -> None:
    """Extract the full record of each report (shared/spec/report-json.md).

    Exit status 0 when every input was read, 1 when some failed, 2 when all failed (each failure: one line).

    Example: luoshi extract examples/sample_report.txt --format jsonl
    """
    if format not in ("jsonl", "csv"):
        raise typer.BadParameter("format must be jsonl or csv", param_hint="--format")
    out = sys.stdout
    writer = None
    tally = Tally()
    limits = make_limits(max_file_mb, max_archive_mb, max_members, max_archive_depth, max_html_depth, max_text_chars)
    for report in iter_reports(paths, limits=limits, tally=tally):
        if format == "jsonl":
            out.write(json.dumps(report.to_dict(with_text=text), ensure_ascii=False) + "\n")
        else:
            from ..query.export import fact_rows_writer

            writer = writer or fact_rows_writer(out)
            writer(report)
    tally.exit()


def clean(
    path: str = typer.Argument(..., help="A file, or - for stdin."),
    max_file_mb: MaxFileMB = None,
    max_archive_mb: MaxArchiveMB = None,
    max_members: MaxMembers = None,
    max_archive_depth: MaxArchiveDepth = None,
    max_html_depth: MaxHtmlDepth = None,
    max_text_chars: MaxTextChars = None,
) -> None:
    """Print the clean, simplified text of a report (usable in pipes). Exit status as for extract.

    Example: luoshi clean examples/sample_report.txt | head
    """
    tally = Tally()
    limits = make_limits(max_file_mb, max_archive_mb, max_members, max_archive_depth, max_html_depth, max_text_chars)
    for report in iter_reports([path], limits=limits, tally=tally):
        report_text = report.text
        sys.stdout.write(report_text if report_text.endswith("\n") else report_text + "\n")
    tally.exit()


TARGET_COLUMNS = ["region", "year", "metric", "metric_text", "value", "unit", "growth", "growth_unit", "high", "bound",
                  "period", "text", "source"]


def targets(
    paths: list[str] = typer.Argument(..., help="Files, folders, archives, or - for stdin."),  # noqa: B008
    format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl (one row per target)."),
    year: int | None = typer.Option(None, "--year", help="Only reports of this year."),
    region: str | None = typer.Option(None, "--region", help="Only reports whose region contains this text."),
    max_file_mb: MaxFileMB = None,
    max_archive_mb: MaxArchiveMB = None,
    max_members: MaxMembers = None,
    max_archive_depth: MaxArchiveDepth = None,
    max_html_depth: MaxHtmlDepth = None,
    max_text_chars: MaxTextChars = None,
) -> None:
    """The main expected targets of each report (one row per number-bearing target, plus explicit absences).
    Exit status as for extract.

    Example: luoshi targets examples/sample_report.txt --format csv
    """
    from ..extract import targets_table

    if format not in ("table", "csv", "jsonl"):
        raise typer.BadParameter("format must be table, csv or jsonl", param_hint="--format")

    tally = Tally()

    def reports():
        limits = make_limits(max_file_mb, max_archive_mb, max_members, max_archive_depth, max_html_depth, max_text_chars)
        for report in iter_reports(paths, limits=limits, tally=tally):
            if year is not None and report.meta.year != year:
                continue
            if region and region not in (report.meta.region or ""):
                continue
            yield report

    rows = targets_table(reports())
    if format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=TARGET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title="Main expected targets")
        for col in ("region", "year", "metric", "metric_text", "figure", "bound"):
            table.add_column(col)
        for row in rows:
            table.add_row(str(row["region"] or ""), str(row["year"] or ""), row["metric"] or "", row["metric_text"],
                          figure_text(row), row["bound"])
        Console().print(table)
    tally.exit()


def figure_text(row: dict) -> str:
    """'5%—6%' / '120万人' style text of a target row for display."""
    def num(x: float) -> str:
        for scale, name in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
            if abs(x) >= scale:
                return f"{x / scale:.6g}{name}"
        return f"{x:.6g}"

    parts = []
    if row["value"] is not None:
        v = num(row["value"]) + (row["unit"] or "")
        if row["high"] is not None and row["growth"] is None:
            v = f"{num(row['value'])}—{num(row['high'])}{row['unit'] or ''}"
        parts.append(v)
    if row["growth"] is not None:
        g = f"{num(row['growth'])}{row['growth_unit'] or ''}"
        if row["high"] is not None:
            g = f"{num(row['growth'])}—{num(row['high'])}{row['growth_unit'] or ''}"
        parts.append(("增长" if row["growth"] >= 0 else "") + g)
    return "，".join(parts) if parts else "(no target)"


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(clean)
    app.command()(targets)
