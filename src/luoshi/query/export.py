"""Exports: one row per fact, the same fields as the JSON record."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from typing import IO

from ..models import Report

FACT_COLUMNS = [
    "report_id", "source", "region", "adcode", "level", "province", "year", "kind",
    "metric", "metric_text", "value", "unit", "value_text", "high", "growth", "growth_unit",
    "bound", "status", "period", "rank_scope", "rank_n", "start", "end", "sentence",
]


def fact_rows(report: Report) -> list[dict]:
    m = report.meta
    rows = []
    for f in report.facts:
        rows.append({
            "report_id": report.id, "source": report.source, "region": m.region, "adcode": m.adcode,
            "level": m.level, "province": m.province, "year": m.year, "kind": m.kind,
            "metric": f.metric, "metric_text": f.metric_text, "value": f.value, "unit": f.unit,
            "value_text": f.value_text, "high": f.high, "growth": f.growth, "growth_unit": f.growth_unit,
            "bound": f.bound, "status": f.status, "period": f.period,
            "rank_scope": (f.rank or {}).get("scope"), "rank_n": (f.rank or {}).get("n"),
            "start": f.start, "end": f.end, "sentence": f.sentence,
        })
    return rows


def fact_rows_writer(out: IO[str]) -> Callable[[Report], None]:
    """A CSV writer that writes the header once and then one row per fact of each report given."""
    w = csv.DictWriter(out, fieldnames=FACT_COLUMNS)
    w.writeheader()

    def write(report: Report) -> None:
        for row in fact_rows(report):
            w.writerow(row)

    return write


def jsonl_line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


# --- query results: one writer for every `luoshi` query command --------------------------------------------------

FORMATS = ("table", "csv", "jsonl", "parquet", "xlsx")
BINARY_FORMATS = ("parquet", "xlsx")


def write_rows(rows: list[dict], fmt: str, out: IO[str] | None = None, *, path: str | None = None,
               columns: list[str] | None = None) -> None:
    """Write result rows as csv or jsonl (to `out`, the file at `path`, else stdout), or parquet/xlsx (to `path`; pandas).

    `table` is handled by the CLI (rich); lists and dicts in cells are written as JSON text in csv/xlsx/parquet.
    """
    if fmt not in FORMATS or fmt == "table":
        raise ValueError(f"format must be one of {', '.join(f for f in FORMATS if f != 'table')}")
    columns = columns or (list(rows[0]) if rows else [])
    if fmt in BINARY_FORMATS:
        if not path:
            raise ValueError(f"--format {fmt} needs --output FILE")
        import pandas as pd

        frame = pd.DataFrame([{c: _flat(r.get(c)) for c in columns} for r in rows], columns=columns)
        if fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            frame.to_excel(path, index=False)
        return
    if path:
        with open(path, "w", encoding="utf-8", newline="") as f:
            write_rows(rows, fmt, f, columns=columns)
        return
    out = out or sys.stdout
    if fmt == "jsonl":
        for r in rows:
            out.write(jsonl_line({c: r.get(c) for c in columns}))
    else:
        w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({c: _flat(r.get(c)) for c in columns})


def _flat(value: object) -> object:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
