"""`luoshi ingest`, `luoshi show`, `luoshi list`: fill the database and look at what it holds."""

from __future__ import annotations

import csv
import json
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    EXIT_NONE,
    EXIT_SOME,
    MaxArchiveDepth,
    MaxArchiveMB,
    MaxFileMB,
    MaxHtmlDepth,
    MaxMembers,
    MaxTextChars,
    err,
    make_limits,
)

DB_HELP = "SQLite file or postgresql:// URL (default: $LUOSHI_DB, else ./luoshi.db)."


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or archives to ingest.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, envvar="LUOSHI_DB")] = None,
    jobs: Annotated[str, typer.Option("--jobs", "-j", help="Worker processes: a number, or auto (the default): "
                                      "every core this process may run on.")] = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    max_file_mb: MaxFileMB = None,
    max_archive_mb: MaxArchiveMB = None,
    max_members: MaxMembers = None,
    max_archive_depth: MaxArchiveDepth = None,
    max_html_depth: MaxHtmlDepth = None,
    max_text_chars: MaxTextChars = None,
) -> None:
    """Process reports and store them, one transaction per batch; re-running stores only what is new.

    Exit status 0 when every input was read (stored or already stored), 1 when some failed, 2 when every input
    failed, 130 when interrupted (what was stored is complete).

    Example: luoshi ingest ../shared/corpus/raw --db luoshi.db --jobs 2
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..store import open_store
    from ..store.ingest import IngestSummary, default_jobs
    from ..store.ingest import ingest as run_ingest

    if jobs.strip().lower() in ("auto", "0"):
        workers = default_jobs()
    elif jobs.strip().isdigit():
        workers = int(jobs)
    else:
        err(f"luoshi: --jobs takes a number of worker processes or auto, not {jobs!r}")
        raise typer.Exit(2)

    # SIGTERM behaves like Ctrl-C: the report being written is rolled back, the summary is still printed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    console = Console(stderr=True)
    with open_store(db) as store:
        store.sync_metrics()
        progress = Progress(
            SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), TextColumn("{task.description}"),
            TimeElapsedColumn(), console=console, disable=quiet or not console.is_terminal, transient=False,
        )
        task = None

        def on_progress(s: IngestSummary, source: str) -> None:
            nonlocal task
            if task is None:  # started on the first report, once the worker processes exist
                progress.start()
                task = progress.add_task("", total=None)
            rate = s.stored / max(progress.tasks[0].elapsed or 0, 1e-6)
            progress.update(task, description=f"read {s.read} stored {s.stored} ({rate:.1f}/s) skipped "
                                              f"{s.already_stored + s.duplicates} failed {len(s.failed)}")

        interrupted = False
        summary = IngestSummary()
        try:
            limits = make_limits(max_file_mb, max_archive_mb, max_members, max_archive_depth, max_html_depth,
                                 max_text_chars)
            run_ingest(store, paths, jobs=workers, on_progress=on_progress, summary=summary, limits=limits)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            progress.stop()
        for line in summary.lines():
            err(line)
        if interrupted:
            err("interrupted: every report listed as stored is complete; run the same command again to resume")
            raise typer.Exit(130)
        if summary.failed:
            raise typer.Exit(EXIT_NONE if len(summary.failed) >= summary.read else EXIT_SOME)


def show(
    key: Annotated[str, typer.Argument(help="A report id or unique prefix, a stored source, or a file to process.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, envvar="LUOSHI_DB")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON record.")] = False,
    text: Annotated[bool, typer.Option("--text", help="Print the clean text.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print each fact's rule trail: the attribution rules "
                                          "that made it, the vetoes it passed and those that fired.")] = False,
    fact: Annotated[int | None, typer.Option("--fact", help="With --explain: only the fact of this index.")] = None,
) -> None:
    """Show one report: its card (metadata, quality with repairs and removals, sections, facts).

    Example: luoshi show 3fa2c1 --db luoshi.db    (or: luoshi show examples/sample_report.txt --explain --fact 3)
    """
    reports = []
    canonical = None
    if Path(key).is_file():  # a file: process it on the fly, store nothing
        from ..pipeline import process
        from .common import iter_documents

        reports = [process(doc) for doc in iter_documents([key])]
        if not reports:  # its line is printed: nothing was read
            raise typer.Exit(EXIT_NONE)
    else:
        from ..store import open_store

        try:
            store = open_store(db, readonly=True)
        except FileNotFoundError as e:
            err(f"luoshi: {e}")
            raise typer.Exit(1) from None
        with store:
            report = store.get_report(key)
            if report is not None:
                reports = [report]
                canonical = (store.get_row(report.id) or {}).get("canonical_id")
    if not reports:
        err(f"luoshi: no report matches {key!r} (an id, a unique id prefix, a stored source, or a file)")
        raise typer.Exit(1)
    for report in reports:
        if as_json:
            record = report.to_dict(with_text=text)
            if canonical:
                record["canonical_id"] = canonical
            print(json.dumps(record, ensure_ascii=False, indent=2))
        elif explain:
            from ..extract import explain_fact

            chosen = range(len(report.facts)) if fact is None else [fact]
            for i in chosen:
                if not 0 <= i < len(report.facts):
                    err(f"luoshi: {report.source} has {len(report.facts)} facts; no fact {i}")
                    raise typer.Exit(1)
                print(explain_fact(i, report.facts[i]))
        elif text:
            sys.stdout.write(report.text if report.text.endswith("\n") else report.text + "\n")
        else:
            print_card(report, canonical)


def print_card(report, canonical: str | None = None) -> None:
    """The parse stage's card (who/where/when, outline, confidence), then the details it leaves out: the full id,
    the near-duplicate link, every repair and removal, and the facts."""
    from rich.console import Console

    from ..parse.card import render_card

    Console(highlight=False, soft_wrap=True).print(render_card(report))
    print(details(report, canonical))


def details(report, canonical: str | None = None) -> str:
    q = report.quality
    lines = [f"id {report.id}  source {report.source}  format {report.fmt}  confidence {q.confidence:.2f}"]
    if canonical:
        lines.append(f"near-duplicate of {canonical}")
    lines.append(f"repairs ({len(q.repairs)})")
    lines += [f"  {r.kind}: {r.before!r} -> {r.after!r} at {r.start}-{r.end}" for r in q.repairs[:20]]
    if len(q.repairs) > 20:
        lines.append(f"  … {len(q.repairs) - 20} more (--json for all)")
    lines.append(f"removed ({len(q.removed)})")
    lines += [f"  {r.kind}: {r.text[:60]!r}" for r in q.removed[:20]]
    if len(q.removed) > 20:
        lines.append(f"  … {len(q.removed) - 20} more (--json for all)")
    lines.append(f"facts ({len(report.facts)})")
    for f in report.facts[:40]:
        growth = f"  growth {f.growth}{f.growth_unit or ''}" if f.growth is not None else ""
        lines.append(f"  {f.status:8} {f.metric or f.metric_text}: {f.value_text}{growth}")
    if len(report.facts) > 40:
        lines.append(f"  … {len(report.facts) - 40} more (--json for all)")
    return "\n".join(lines)


LIST_COLUMNS = ("id", "year", "region", "province", "level", "kind", "doc_type", "confidence", "canonical_id",
                "n_chars", "source")


def list_reports(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, envvar="LUOSHI_DB")] = None,
    region: Annotated[str | None, typer.Option("--region")] = None,
    province: Annotated[str | None, typer.Option("--province")] = None,
    level: Annotated[str | None, typer.Option("--level", help="national | provincial | prefecture | county | ...")] = None,
    year: Annotated[int | None, typer.Option("--year")] = None,
    kind: Annotated[str | None, typer.Option("--kind")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or jsonl.")] = "table",
) -> None:
    """List stored reports, filtered.

    Example: luoshi list --db luoshi.db --year 2024 --format csv
    """
    if format not in ("table", "csv", "jsonl"):
        raise typer.BadParameter("format must be table, csv or jsonl", param_hint="--format")
    from ..store import open_store

    try:
        store = open_store(db, readonly=True)
    except FileNotFoundError as e:
        err(f"luoshi: {e}")
        raise typer.Exit(1) from None
    with store:
        rows = store.reports(region=region, province=province, level=level, year=year, kind=kind)
    if format == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    elif format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(LIST_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*LIST_COLUMNS, title=f"{len(rows)} reports")
        for r in rows:
            table.add_row(*("" if r[c] is None else str(r[c])[:12] if c in ("id", "canonical_id") else str(r[c])
                            for c in LIST_COLUMNS))
        console = Console()
        if not console.is_terminal:  # piped: do not squeeze the table into 80 columns
            console = Console(width=200)
        console.print(table)


def migrate(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, envvar="LUOSHI_DB")] = None,
    vacuum: Annotated[bool, typer.Option("--vacuum/--no-vacuum", help="SQLite: rewrite the file afterwards, so "
                                         "the space freed by the upgrade is given back (needs free disk space the "
                                         "size of the file).")] = True,
) -> None:
    """Upgrade a database to this version's schema and search index (any luoshi command that writes upgrades the
    schema too; the index is otherwise rebuilt on the first search) and compact it.

    Example: luoshi migrate --db old.db
    """
    from ..store import open_store

    if db and "://" not in db and not Path(db).exists():
        err(f"luoshi: no database at {db}")
        raise typer.Exit(1)
    with open_store(db, migrate=False) as store:
        try:
            before = store.schema_version
        except Exception:  # noqa: BLE001 - no schema_migrations table: an empty file
            before = 0
        applied = store.migrate()
        version = store.schema_version
        from ..store.search_index import compact_index, ensure_index

        reindexed = ensure_index(store)
        if vacuum and store.dialect == "sqlite":
            compact_index(store)
            store.query("VACUUM")
    vacuumed = ", compacted" if vacuum and store.dialect == "sqlite" else ""
    err(f"schema version {version}" + (f" (was {before})" if applied else " (already)") + vacuumed
        + (f", search index built for {reindexed} reports" if reindexed else ""))


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(migrate)
    app.command()(show)
    app.command("list")(list_reports)
