"""`luoshi track FILES --format jsonl`: the verdict rows of a two-report series, without a database."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from luoshi.cli import app


def test_track_files_jsonl(corpus):
    folder = corpus / "bulk/lawtext-gov/政府工作报告-主要城市/苏州市"
    result = CliRunner().invoke(app, ["track", str(folder / "2024.md"), str(folder / "2025.md"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    gdp = next(r for r in rows if r["kind"] == "target" and r["metric"] == "gdp")
    # "地区生产总值增长5%以上" (2024) against "全市实现地区生产总值2.67万亿元，增长6%" (2025 report)
    assert (gdp["year"], gdp["verdict"], gdp["target_value"], gdp["result_value"]) == (2024, "exceeded", 5.0, 6.0)
    assert "2.67万亿元" in gdp["result_sentence"] and gdp["target_report"] != gdp["result_report"]
