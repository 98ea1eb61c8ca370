"""`luoshi audit`: label-free data-quality checks over a corpus (files run through the pipeline, or a database)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import err

DB_HELP = "SQLite file or postgresql:// URL to audit instead of files."


def is_database(target: str) -> bool:
    """A database argument: a postgresql:// URL or a path ending in .db."""
    from ..store import is_postgres_url

    return is_postgres_url(target) or target.endswith(".db")


def audit(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders or archives; or one .db / postgresql:// URL.")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    check: Annotated[str | None, typer.Option("--check", help="List every failure of this check (an id).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: the number of cores).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Check what luoshi extracted from a corpus: coverage of the main GDP target and result, continuity of targets,
    agreement between sources, plausible figures and units. Each check gives its rate and what fails it
    (docs/audit.md).

    Example: luoshi audit ../shared/corpus/bulk          (or: luoshi audit luoshi.db --check suspicious_target)
    """
    from ..audit import BY_ID, CHECKS
    from ..audit import audit as run_audit

    if format not in ("table", "csv", "json"):
        raise typer.BadParameter("format must be table, csv or json", param_hint="--format")
    if check is not None and check not in BY_ID:
        raise typer.BadParameter(f"unknown check {check!r}; one of: {', '.join(c.id for c in CHECKS)}",
                                 param_hint="--check")
    paths = list(paths or [])
    if db is None and len(paths) == 1 and is_database(paths[0]):
        db, paths = paths[0], []
    if db is not None and paths:
        raise typer.BadParameter("give either files/folders or a database, not both")
    if db is None and not paths:
        raise typer.BadParameter("give files, folders or archives, or a database (--db)")
    records = _from_db(db) if db is not None else _from_paths(paths, jobs=jobs, quiet=quiet)
    if not records:
        err("luoshi: no report could be read")
        raise typer.Exit(1)
    results = run_audit(records, only=[check] if check else None)
    text = render(results, format=format, full=check is not None)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _from_db(target: str) -> list[dict]:
    from ..audit import records_from_store
    from ..store import open_store

    try:
        store = open_store(target, readonly=True)
    except FileNotFoundError as e:
        err(f"luoshi: {e}")
        raise typer.Exit(1) from None
    with store:
        return records_from_store(store)


def _from_paths(paths: list[str], *, jobs: int, quiet: bool) -> list[dict]:
    """Audit records of the files, with one line on stderr per refused or failed file and a progress bar."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..audit import Failed, records_from_paths
    from ..models import IngestError

    console = Console(stderr=True)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]audit"), BarColumn(), TextColumn("{task.description}"),
                        TimeElapsedColumn(), console=console, disable=quiet or not console.is_terminal)
    records: list[dict] = []
    failed = 0
    with progress:
        task = progress.add_task("", total=None)
        for item in records_from_paths(paths, jobs=jobs or None):
            if isinstance(item, IngestError):
                failed += 1
                progress.console.print(f"luoshi: skipped {item}", markup=False, highlight=False, soft_wrap=True)
            elif isinstance(item, Failed):
                failed += 1
                progress.console.print(f"luoshi: failed {item}", markup=False, highlight=False, soft_wrap=True)
            else:
                records.append(item)
            progress.update(task, description=f"read {len(records)} reports, {failed} refused or failed")
    return records


def render(results, *, format: str, full: bool) -> str:
    """The summary (one row per check) or, with `full`, every failure of the checks run; as text."""
    from ..audit import FAILURE_COLUMNS

    if format == "json":
        return json.dumps([{**r.summary(), **({"groups": {g: {"checked": c, "failed": f}
                                                           for g, (c, f) in r.groups.items()}} if r.groups else {}),
                            "failures": [f.row() for f in r.failures]} for r in results],
                          ensure_ascii=False, indent=1) + "\n"
    if format == "csv":
        buf = io.StringIO()
        if full:
            writer = csv.DictWriter(buf, fieldnames=list(FAILURE_COLUMNS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(f.row() for r in results for f in r.failures)
        else:
            writer = csv.DictWriter(buf, fieldnames=["check", "description", "checked", "failed", "rate"],
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(r.summary() for r in results)
        return buf.getvalue()
    from rich.console import Console
    from rich.table import Table

    if full:  # one table per check run; the report id shortened as `luoshi list` shows it (`luoshi show` takes it)
        table = Table(title=f"{results[0].id}: {results[0].failed} of {results[0].checked} fail", show_lines=True)
        for col in FAILURE_COLUMNS[1:]:
            table.add_column(col, overflow="fold", ratio=3 if col in ("sentence", "source", "values", "why") else None)
        for r in results:
            for f in r.failures:
                row = f.row()
                row["report"] = (row["report"] or "")[:12]
                table.add_row(*("" if row[c] is None else str(row[c]) for c in FAILURE_COLUMNS[1:]))
    else:
        table = Table("check", "description", "checked", "failed", "rate", title="luoshi audit")
        for r in results:
            table.add_row(r.id, r.description, str(r.checked), str(r.failed),
                          "—" if r.rate is None else f"{r.rate:.3f}")
    out = io.StringIO()
    console = Console(file=out, width=200 if full else 150, highlight=False)
    console.print(table)
    if full and results[0].groups:  # where the failures cluster (decade and level, for the coverage checks)
        by_group = Table("group", "checked", "failed", "rate", title=f"{results[0].id} by decade and level")
        for g, (checked, failed) in results[0].groups.items():
            by_group.add_row(g, str(checked), str(failed), f"{1 - failed / checked:.3f}")
        console.print(by_group)
    return out.getvalue()


def register(app: typer.Typer) -> None:
    app.command()(audit)
