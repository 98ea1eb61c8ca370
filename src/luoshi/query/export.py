"""Exports: one row per fact, the same fields as the JSON record."""

from __future__ import annotations

import csv
import json
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
