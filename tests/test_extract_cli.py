"""`luoshi targets` on the sample report: table, csv and jsonl, with the year and region filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from luoshi.cli import app

SAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "sample_report.txt")


def test_targets_csv_and_filters():
    runner = CliRunner()
    out = runner.invoke(app, ["targets", SAMPLE, "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and all(r["metric_text"] for r in rows)
    year = rows[0]["year"]
    same = runner.invoke(app, ["targets", SAMPLE, "--format", "jsonl", "--year", year])
    assert [json.loads(line)["metric_text"] for line in same.stdout.splitlines()] == [r["metric_text"] for r in rows]
    other = runner.invoke(app, ["targets", SAMPLE, "--format", "jsonl", "--year", str(int(year) + 1)])
    assert other.exit_code == 0 and other.stdout.strip() == ""
    nowhere = runner.invoke(app, ["targets", SAMPLE, "--format", "csv", "--region", "不存在的地方"])
    assert nowhere.stdout.splitlines()[1:] == []


def test_targets_table():
    out = CliRunner().invoke(app, ["targets", SAMPLE])
    assert out.exit_code == 0 and "Main expected targets" in out.stdout
