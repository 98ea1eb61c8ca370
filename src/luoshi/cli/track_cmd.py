"""`luoshi track`: did they deliver? Verdicts for a region's targets, or a summary across the corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from .common import Tally, err, iter_reports

COLUMNS = ("year", "kind", "metric", "verdict", "target_value", "target_bound", "result_value", "unit", "confidence", "result",
           "source", "reference", "reference_value")  # reference: what a relative target is set against ("经济增长")


def _reports_from(paths: list[str], tally: Tally):
    return list(iter_reports(paths, tally=tally))


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


TOLERANCE = typer.Option(0.3, "--tolerance", help="Points below a 左右 rate target still counted as met.")
LEVEL_TOLERANCE = typer.Option(0.03, "--level-tolerance", help="Share below a 左右 level target still met (0.03 = 3%).")
EXACT_AS = typer.Option("floor", "--exact-as", help="How a target stated exactly (增长7.5%) is read: floor (met when "
                        "reached; research practice) or approx (as 左右).")


def convention_of(tolerance: float, level_tolerance: float, exact_as: str):
    """The reading of targets the options ask for (docs/track.md § conventions)."""
    from ..track import Convention

    try:
        return Convention(tolerance=tolerance, level_tolerance=level_tolerance, exact_as=exact_as)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def track(
    targets: list[str] = typer.Argument(None, help="A region name or adcode as stored (苏州市, 320500), or files/folders of reports to track without a store."),  # noqa: B008
    year: int = typer.Option(None, "--year", "-y", help="Only the targets set for this year."),
    db: str = typer.Option(None, "--db", help="Store path or postgresql:// URL (default: $LUOSHI_DB or luoshi.db)."),
    all_regions: bool = typer.Option(False, "--all", help="Summary across every region in the store."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | xlsx | jsonl"),
    output: str = typer.Option(None, "--output", "-o", help="Write to this file (needed for xlsx)."),
    plans: bool = typer.Option(True, "--plans/--no-plans", help="Also judge quantified commitments."),
    amplify: bool = typer.Option(False, "--amplification", help="With --all: each region's target minus its parent's."),
    tolerance: float = TOLERANCE, level_tolerance: float = LEVEL_TOLERANCE, exact_as: str = EXACT_AS,
) -> None:
    """Pair each target of year N with the result reported for year N and give a verdict (docs/track.md).

    Examples: luoshi track 苏州市 --year 2024 --db luoshi.db
              luoshi track ../shared/corpus/bulk/lawtext-gov/政府工作报告-主要城市/苏州市 --format csv
              luoshi track --all --year 2023 --db luoshi.db [--amplification]
    """
    from .. import track as tracking

    convention = convention_of(tolerance, level_tolerance, exact_as)
    if fmt not in ("table", "csv", "xlsx", "jsonl"):
        raise typer.BadParameter("format must be table, csv, xlsx or jsonl", param_hint="--format")
    targets = targets or []
    files = targets if targets and all(Path(t).exists() for t in targets) else []
    region = None if files else (targets[0] if targets else None)
    if files:
        tally = Tally()
        verdicts = tracking.track(_reports_from(files, tally), year=year, plans=plans, convention=convention)
        _emit(tracking.verdict_frame(verdicts), fmt, output)
        tally.exit()
        return
    from ..store import open_store

    with open_store(db) as store:
        if not all_regions:
            if not region:
                raise typer.BadParameter("give a REGION, --files or --all")
            frame = tracking.track_frame(store, region, year=year, plans=plans, convention=convention)
            if frame.empty:
                err(f"luoshi: no consecutive reports with targets for {region}")
            _emit(frame, fmt, output)
            return
        from ..store.fact_reports import MAIN_FACTS, reports_from_facts

        # the judged facts only, of the years around Y: the whole store is never loaded (70,000 reports)
        window = (year - 1, year + 1) if year is not None else None
        by_region: dict[str, list] = {}
        for report in reports_from_facts(store, facts_where=MAIN_FACTS, years=window):
            if report.meta.region:
                by_region.setdefault(report.meta.region, []).append(report)
        refs = tracking.jurisdiction_references(by_region)  # "高于全省": the province's own result, where stored
        frames = [tracking.verdict_frame(tracking.track(by_region[name], year=year, plans=False, convention=convention,
                                                        references=refs[name]))
                  for name in sorted(by_region)]
        import pandas as pd

        frame = pd.concat([f for f in frames if not f.empty] or [tracking.verdict_frame([])], ignore_index=True)
        parents = {row["region"]: (row["province"] if row.get("level") != "province" else "全国")
                   for row in frame.to_dict(orient="records") if row.get("region")}
        _emit(tracking.amplification(frame, parents) if amplify else tracking.share_met(frame), fmt, output)


def _years(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    low, _, high = text.partition("-")
    try:
        return int(low), int(high or low)
    except ValueError:
        raise typer.BadParameter("give a year or a span, e.g. 2010-2024", param_hint="--years") from None


def panel(
    paths: list[str] = typer.Argument(None, help="Files or folders of reports to read instead of a store."),  # noqa: B008
    db: str = typer.Option(None, "--db", help="Store path or postgresql:// URL (default: $LUOSHI_DB or luoshi.db)."),
    metric: list[str] = typer.Option(None, "--metric", "-m", help="Metric id (repeat or comma-separate); default all."),  # noqa: B008
    level: list[str] = typer.Option(None, "--level", help="province, city, district, county, national (repeatable)."),  # noqa: B008
    years: str = typer.Option(None, "--years", help="A year or a span of target years, e.g. 2010-2024."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv | parquet | dta | xlsx | jsonl"),
    output: str = typer.Option(None, "--output", "-o", help="Write to this file (needed for parquet, dta, xlsx)."),
    tolerance: float = TOLERANCE, level_tolerance: float = LEVEL_TOLERANCE, exact_as: str = EXACT_AS,
) -> None:
    """The research panel: one row per region, year and metric with the target, the result a year later, the
    verdict, the gap and the parent jurisdiction's target (codebook: docs/panel.md).

    Examples: luoshi panel --db luoshi.db --metric gdp --level province --years 2010-2024 -f dta -o gdp.dta
              luoshi panel ../shared/corpus/raw --metric gdp -f csv
    """
    from ..track import panel_frame
    from ..track.panel_io import FORMATS, write_panel

    if fmt not in FORMATS:
        raise typer.BadParameter(f"format must be one of {', '.join(FORMATS)}", param_hint="--format")
    convention = convention_of(tolerance, level_tolerance, exact_as)
    metrics = [m.strip() for item in metric or [] for m in item.split(",") if m.strip()]
    span = _years(years)
    tally = Tally()
    if paths:
        reports = _reports_from(paths, tally)
    else:
        from ..store import open_store
        from ..store.fact_reports import MAIN_FACTS, reports_from_facts

        with open_store(db) as store:
            reports = reports_from_facts(store, facts_where=MAIN_FACTS)
    frame = panel_frame(reports, metrics=metrics or None, levels=level or None, years=span, convention=convention)
    if frame.empty:
        err("luoshi: the panel is empty (no annual work report with main targets matches)")
    try:
        write_panel(frame, fmt, output)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--output") from None
    if output:
        err(f"luoshi: {len(frame)} rows written to {output}")
    tally.exit()


def register(app: typer.Typer) -> None:
    app.command("track")(track)
    app.command("panel")(panel)
