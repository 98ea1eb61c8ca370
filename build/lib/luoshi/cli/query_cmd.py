"""Query commands over a luoshi database: search, kwic, trend, facts, series, compare."""

from __future__ import annotations

import sys

import typer

from .common import err

DB = typer.Option(None, "--db", help="SQLite file or postgresql:// URL (default $LUOSHI_DB or ./luoshi.db).")
FORMAT = typer.Option("table", "--format", "-f", help="table, csv, jsonl, parquet or xlsx (the last two need -o).")
OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout.")
YEAR = typer.Option(None, "--year", help="Only reports of this year.")
YEAR_FROM = typer.Option(None, "--from", help="Only reports of this year or later.")
YEAR_TO = typer.Option(None, "--to", help="Only reports of this year or earlier.")
REGION = typer.Option(None, "--region", help="Only this region (e.g. 苏州市).")
PROVINCE = typer.Option(None, "--province", help="Only reports from this province (e.g. 江苏省).")
LEVEL = typer.Option(None, "--level", help="national, province, city, prefecture, county, district, ...")
TERMS = typer.Argument(..., help="One or more words.")
KIND = typer.Option(None, "--kind", help="annual, five_year, ...")


def _open(db: str | None):
    from pathlib import Path

    from ..store import default_target, is_postgres_url, open_store

    target = db or default_target()
    if not is_postgres_url(target) and not Path(target).exists():
        err(f"luoshi: no database at {target} (store reports first, or pass --db / set LUOSHI_DB)")
        raise typer.Exit(2)
    try:
        return open_store(target)
    except Exception as e:  # one clear line for the user, whatever the driver raises
        err(f"luoshi: cannot open database {db or ''}: {e}")
        raise typer.Exit(2) from e


def _emit(rows: list[dict], fmt: str, output: str | None, columns: list[str], *, title: str = "",
          table_columns: list[str] | None = None) -> None:
    from ..query.export import FORMATS, write_rows

    if fmt not in FORMATS:
        err(f"luoshi: --format must be one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if fmt == "table" and not output:
        _table(rows, table_columns or columns, title)
        return
    try:
        write_rows(rows, "csv" if fmt == "table" else fmt, sys.stdout, path=output, columns=columns)
    except ValueError as e:
        err(f"luoshi: {e}")
        raise typer.Exit(2) from e


def _table(rows: list[dict], columns: list[str], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
    Console().print(table)
    if not rows:
        err("luoshi: no results")


def search(
    query: str = typer.Argument(..., help='Words to find: 就业, "数字经济", 就业 -青年, 新质生产力 OR 低空经济.'),
    db: str | None = DB, limit: int = typer.Option(20, "--limit", "-n"), year: int | None = YEAR,
    year_from: int | None = YEAR_FROM, year_to: int | None = YEAR_TO, region: str | None = REGION,
    province: str | None = PROVINCE, level: str | None = LEVEL, kind: str | None = KIND,
    role: str | None = typer.Option(None, "--role", help="Section role: review, problems, targets, plan, ..."),
    words: bool = typer.Option(False, "--words", help="Whole words only (no matches inside other words)."),
    format: str = FORMAT, output: str | None = OUTPUT,
) -> None:
    """Ranked sentences containing the query, with the report, section and offsets of each."""
    from ..query.expr import QueryError
    from ..query.search import HIT_COLUMNS
    from ..query.search import search as run

    with _open(db) as store:
        try:
            hits = run(store, query, limit=limit, year=year, year_from=year_from, year_to=year_to, region=region,
                       province=province, level=level, kind=kind, role=role, words_only=words)
        except QueryError as e:
            err(f"luoshi: {e}")
            raise typer.Exit(2) from e
    for h in hits:
        h["report_id"] = h["report_id"] if format != "table" else h["report_id"][:10]
    _emit(hits, format, output, list(HIT_COLUMNS), title=f"search: {query}",
          table_columns=["rank", "region", "year", "section", "start", "snippet", "report_id"])


def kwic(
    term: str = typer.Argument(..., help="The word to show in context."), db: str | None = DB,
    width: int = typer.Option(20, "--width", "-w", help="Characters of context either side."),
    limit: int = typer.Option(100, "--limit", "-n"), year: int | None = YEAR, region: str | None = REGION,
    province: str | None = PROVINCE, level: str | None = LEVEL, format: str = FORMAT, output: str | None = OUTPUT,
) -> None:
    """Keyword-in-context lines: each occurrence with the characters either side, aligned."""
    from ..query.search import kwic as run

    with _open(db) as store:
        lines = run(store, term, width=width, limit=limit, year=year, region=region, province=province, level=level)
    columns = ["report_id", "region", "year", "start", "end", "left", "keyword", "right"]
    if format == "table" and not output:
        from rich.console import Console
        from rich.markup import escape

        console = Console(highlight=False)
        for ln in lines:
            left = ln["left"].rjust(width, "\u3000")
            console.print(f"{escape(left)}[bold red]{escape(ln['keyword'])}[/]{escape(ln['right'])}  "
                          f"[dim]{ln['region'] or ''} {ln['year'] or ''} {ln['report_id'][:8]}:{ln['start']}[/]")
        if not lines:
            err("luoshi: no results")
        return
    _emit(lines, format, output, columns)


def trend(
    terms: list[str] = TERMS, db: str | None = DB,
    by: str = typer.Option("year", "--by", help="year, province, level, region or kind."),
    year_from: int | None = YEAR_FROM, year_to: int | None = YEAR_TO, province: str | None = PROVINCE,
    level: str | None = LEVEL, format: str = FORMAT, output: str | None = OUTPUT,
    include_copies: bool = typer.Option(False, "--include-copies",
                                        help="Count near-duplicate copies too (by default a report counts once)."),
) -> None:
    """How often each term is used, per 10,000 characters of report text, with a bar chart in the terminal."""
    from ..query.trend import trend as run

    with _open(db) as store:
        try:
            rows = run(store, terms, by=by, year_from=year_from, year_to=year_to, province=province, level=level,
                       canonical_only=not include_copies)
        except ValueError as e:
            err(f"luoshi: {e}")
            raise typer.Exit(2) from e
    if format == "table" and not output:
        _bars(rows, by)
        return
    _emit(rows, format, output, [by, "term", "count", "chars", "reports", "per_10k"])


def _bars(rows: list[dict], by: str) -> None:
    from rich.console import Console
    from rich.table import Table

    top = max((r["per_10k"] for r in rows), default=0) or 1
    palette = ["red", "blue", "green", "magenta", "cyan", "yellow"]
    terms = list(dict.fromkeys(r["term"] for r in rows))
    table = Table(box=None, title="uses per 10,000 characters")
    for c in (by, "term", "per_10k", "", "count", "reports"):
        table.add_column(c, justify="right" if c in ("per_10k", "count", "reports") else "left")
    for r in rows:
        color = palette[terms.index(r["term"]) % len(palette)]
        bar = "█" * max(0, round(40 * r["per_10k"] / top))
        table.add_row(str(r[by]), r["term"], f"{r['per_10k']:.2f}", f"[{color}]{bar}[/]", str(r["count"]),
                      str(r["reports"]))
    Console().print(table)


def facts(
    db: str | None = DB, metric: str | None = typer.Option(None, "--metric", "-m", help="Metric id, e.g. gdp."),
    status: str | None = typer.Option(None, "--status", help="actual, target, plan, ..."), year: int | None = YEAR,
    year_from: int | None = YEAR_FROM, year_to: int | None = YEAR_TO, region: str | None = REGION,
    province: str | None = PROVINCE, level: str | None = LEVEL, kind: str | None = KIND,
    limit: int | None = typer.Option(None, "--limit", "-n"), format: str = FORMAT, output: str | None = OUTPUT,
) -> None:
    """Facts from stored reports, filtered (e.g. `--metric gdp --status target --year 2024`)."""
    from ..query.facts import FACT_SELECT_COLUMNS
    from ..query.facts import facts as run

    with _open(db) as store:
        rows = run(store, metric=metric, status=status, year=year, year_from=year_from, year_to=year_to,
                   region=region, province=province, level=level, kind=kind, limit=limit)
    _emit(rows, format, output, FACT_SELECT_COLUMNS, title="facts",
          table_columns=["region", "year", "metric", "status", "value_text", "value", "unit", "growth", "sentence"])


def series(
    region: str = typer.Argument(..., help="The region, e.g. 苏州市 (or part of its name)."), db: str | None = DB,
    metric: str = typer.Option(..., "--metric", "-m", help="Metric id, e.g. general_budget_revenue."),
    status: str | None = typer.Option(None, "--status", help="actual, target, ... (default: all)."),
    format: str = FORMAT, output: str | None = OUTPUT,
) -> None:
    """A region's values of one metric over the years, with the report and sentence each comes from."""
    from ..query.series import SERIES_COLUMNS
    from ..query.series import series as run

    with _open(db) as store:
        rows = run(store, region, metric, status=status)
    _emit(rows, format, output, list(SERIES_COLUMNS), title=f"{region} {metric}",
          table_columns=["year", "status", "value", "unit", "growth", "growth_unit", "sentence"])


def compare(
    db: str | None = DB, metric: str = typer.Option(..., "--metric", "-m"), year: int | None = YEAR,
    by: str = typer.Option("region", "--by", help="region, province or level."),
    status: str = typer.Option("actual", "--status"), province: str | None = PROVINCE, level: str | None = LEVEL,
    format: str = FORMAT, output: str | None = OUTPUT,
) -> None:
    """One metric across regions (or provinces, levels) for a year."""
    from ..query.compare import compare as run

    with _open(db) as store:
        try:
            rows = run(store, metric, year=year, by=by, status=status, province=province, level=level)
        except ValueError as e:
            err(f"luoshi: {e}")
            raise typer.Exit(2) from e
    columns = list(rows[0]) if rows else [by]
    _emit(rows, format, output, columns, title=f"{metric} {year or ''} by {by}",
          table_columns=[c for c in columns if c not in ("report_id", "sentence")])


def register(app: typer.Typer) -> None:
    for command in (search, kwic, trend, facts, series, compare):
        app.command()(command)
