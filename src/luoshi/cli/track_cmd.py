"""`luoshi track`: did they deliver? Verdicts for a region's targets, or a summary across the corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from .common import Tally, err, iter_documents

COLUMNS = ("year", "kind", "metric", "verdict", "target_value", "target_bound", "result_value", "unit", "confidence", "result", "source")


def _reports_from(paths: list[str], tally: Tally):
    from ..pipeline import process

    reports = [process(doc) for doc in iter_documents(paths, tally=tally)]
    tally.read += len(reports)
    return reports


def _emit(frame, fmt: str, output: str | None) -> None:
    if fmt == "csv":
        frame.to_csv(output or sys.stdout, index=False)
    elif fmt == "jsonl":
        lines = "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in frame.to_dict(orient="records"))
        if output:
            Path(output).write_text(lines, encoding="utf-8")
        else:
            sys.stdout.write(lines)
    elif fmt == "xlsx":
        if not output:
            raise typer.BadParameter("xlsx needs --output FILE.xlsx", param_hint="--output")
        frame.to_excel(output, index=False)
    else:
        import pandas as pd
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        columns = [c for c in COLUMNS if c in frame] or list(frame.columns)
        for column in columns:
            table.add_column(column)
        for row in frame[columns].itertuples(index=False):
            table.add_row(*["" if pd.isna(v) else str(v) for v in row])
        console = Console()
        if not console.is_terminal:
            console = Console(width=200)  # piped or captured: do not squeeze the columns to 80
        console.print(table)


def track(
    targets: list[str] = typer.Argument(None, help="A region name or adcode as stored (苏州市, 320500), or files/folders of reports to track without a store."),  # noqa: B008
    year: int = typer.Option(None, "--year", "-y", help="Only the targets set for this year."),
    db: str = typer.Option(None, "--db", help="Store path or postgresql:// URL (default: $LUOSHI_DB or luoshi.db)."),
    all_regions: bool = typer.Option(False, "--all", help="Summary across every region in the store."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | xlsx | jsonl"),
    output: str = typer.Option(None, "--output", "-o", help="Write to this file (needed for xlsx)."),
    plans: bool = typer.Option(True, "--plans/--no-plans", help="Also judge quantified commitments."),
    amplify: bool = typer.Option(False, "--amplification", help="With --all: each region's target minus its parent's."),
) -> None:
    """Pair each target of year N with the result reported for year N and give a verdict (docs/track.md).

    Examples: luoshi track 苏州市 --year 2024 --db luoshi.db
              luoshi track ../shared/corpus/bulk/lawtext-gov/政府工作报告-主要城市/苏州市 --format csv
              luoshi track --all --year 2023 --db luoshi.db [--amplification]
    """
    from .. import track as tracking

    if fmt not in ("table", "csv", "xlsx", "jsonl"):
        raise typer.BadParameter("format must be table, csv, xlsx or jsonl", param_hint="--format")
    targets = targets or []
    files = targets if targets and all(Path(t).exists() for t in targets) else []
    region = None if files else (targets[0] if targets else None)
    if files:
        tally = Tally()
        _emit(tracking.verdict_frame(tracking.track(_reports_from(files, tally), year=year, plans=plans)), fmt, output)
        tally.exit()
        return
    from ..store import open_store

    with open_store(db) as store:
        if not all_regions:
            if not region:
                raise typer.BadParameter("give a REGION, --files or --all")
            frame = tracking.track_frame(store, region, year=year, plans=plans)
            if frame.empty:
                err(f"luoshi: no consecutive reports with targets for {region}")
            _emit(frame, fmt, output)
            return
        regions = sorted({r["region"] for r in store.reports() if r.get("region")})
        frames = [tracking.track_frame(store, name, year=year, plans=False) for name in regions]
        import pandas as pd

        frame = pd.concat([f for f in frames if not f.empty] or [tracking.verdict_frame([])], ignore_index=True)
        parents = {row["region"]: (row["province"] if row.get("level") != "province" else "全国")
                   for row in frame.to_dict(orient="records") if row.get("region")}
        _emit(tracking.amplification(frame, parents) if amplify else tracking.share_met(frame), fmt, output)


def register(app: typer.Typer) -> None:
    app.command("track")(track)
