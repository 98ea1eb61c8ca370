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


def test_show_explain_prints_the_rule_trail_of_a_fact():
    """`luoshi show FILE --explain --fact N`: the rules that made fact N and the vetoes it passed."""
    runner = CliRunner()
    whole = runner.invoke(app, ["show", SAMPLE, "--explain"])
    assert whole.exit_code == 0, whole.output
    blocks = [b for b in whole.stdout.split("fact ") if b.strip()]
    assert len(blocks) > 5 and all("rules:" in b and "passed:" in b for b in blocks)
    carried = next(i for i, b in enumerate(blocks) if "(rule carry)" in b)  # "新认定…182家、总数达1120家"
    one = runner.invoke(app, ["show", SAMPLE, "--explain", "--fact", str(carried)])
    assert one.exit_code == 0 and one.stdout.count("fact ") == 1
    assert "name > previous_subject" in one.stdout and "unit_mismatch" in one.stdout
    missing = runner.invoke(app, ["show", SAMPLE, "--explain", "--fact", "100000"])
    assert missing.exit_code == 1 and "no fact 100000" in missing.output
