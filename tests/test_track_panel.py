"""`luoshi panel`: one row per region, year and metric, read back as researchers read it (Stata, Parquet, CSV).

The reports: 江苏省 and 苏州市 2024 (both hand-labelled in ../shared/gold/dev) with their 2025 reports, and the
national reports of 2022-2023 with the NBS communiqué for 2022 (a second source for national results).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from luoshi.cli import app
from luoshi.models import Fact
from luoshi.track import RESEARCH, Convention, judge, panel_frame, track
from luoshi.track.panel import LABELS

FILES = [
    "raw/lawtext-gov/政府工作报告-省自治区/江苏省/2024.md", "bulk/lawtext-gov/政府工作报告-省自治区/江苏省/2025.md",
    "raw/lawtext-gov/政府工作报告-主要城市/苏州市/2024.md", "bulk/lawtext-gov/政府工作报告-主要城市/苏州市/2025.md",
    "raw/lawtext-gov/政府工作报告-国务院/2022.md", "bulk/lawtext-gov/政府工作报告-国务院/2023.md",
    "bulk/lawtext-gov/国家统计局年度统计/2022.md",
    "raw/johncodes404-prov2026-csv/2026_广东省_政府工作报告.csv", "bulk/lawtext-gov/政府工作报告-国务院/2026.md",
]


@pytest.fixture(scope="module")
def db(corpus, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("panel") / "panel.db")
    result = CliRunner().invoke(app, ["ingest", *[str(corpus / f) for f in FILES], "--db", path, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def frame(db) -> pd.DataFrame:
    import luoshi

    with luoshi.open(db) as corpus:
        return corpus.panel()


def gold_gdp_target(shared, name: str) -> float:
    gold = json.loads((shared / "gold/dev" / name).read_text(encoding="utf-8"))
    return next(t["growth"] for t in gold["targets"] if t.get("metric") == "gdp")


def test_one_row_per_region_year_metric(frame):
    assert not frame.duplicated(["region", "year", "metric"]).any()
    assert set(frame["region"]) == {"江苏省", "苏州市", "广东省", "全国"}


def test_a_province_target_with_the_national_target_beside_it(frame, shared):
    gold = json.loads((shared / "gold/dev/raw__johncodes404-prov2026-csv__2026_广东省_政府工作报告.json")
                      .read_text(encoding="utf-8"))
    target = next(t for t in gold["targets"] if t.get("metric") == "gdp" and not t.get("optional"))
    row = frame[(frame["region"] == "广东省") & (frame["year"] == 2026) & (frame["metric"] == "gdp")].iloc[0]
    assert (row["target_low"], row["target_high"], row["target_bound"]) == (target["growth"], target["high"], "range")
    national = frame[(frame["region"] == "全国") & (frame["year"] == 2026) & (frame["metric"] == "gdp")].iloc[0]
    assert (row["parent_region"], row["parent_target"]) == ("全国", national["target_low"])
    assert "国内生产总值" in national["target_sentence"] or "经济增长" in national["target_sentence"]


def test_a_city_target_with_its_province_target_beside_it(frame, shared):
    city = gold_gdp_target(shared, "raw__lawtext-gov__政府工作报告-主要城市__苏州市__2024.json")
    province = gold_gdp_target(shared, "raw__lawtext-gov__政府工作报告-省自治区__江苏省__2024.json")
    row = frame[(frame["region"] == "苏州市") & (frame["year"] == 2024) & (frame["metric"] == "gdp")].iloc[0]
    assert (row["target_low"], row["parent_region"], row["parent_target"]) == (city, "江苏省", province)
    assert row["verdict"] in ("met", "exceeded", "missed") and row["result_report"] != row["target_report"]
    assert row["gap"] == pytest.approx(row["result_value"] - row["target_low"])
    assert "地区生产总值" in row["target_sentence"] and "地区生产总值" in row["result_sentence"]


def test_a_national_target_has_both_sources_and_one_verdict(frame):
    row = frame[(frame["region"] == "全国") & (frame["year"] == 2022) & (frame["metric"] == "gdp")]
    assert len(row) == 1
    row = row.iloc[0]
    assert (row["result_source"], row["result2_source"]) == ("communique", "work_report")
    assert row["result_value"] == row["result2_value"] == 3.0 and row["verdict"] == "missed"
    province = frame[(frame["region"] == "江苏省") & (frame["metric"] == "gdp")].iloc[0]
    assert province["parent_region"] is None or pd.isna(province["parent_region"])  # no national 2024 report here


def test_the_panel_and_track_agree_on_every_verdict(db, frame):
    from luoshi.store import open_store
    from luoshi.store.fact_reports import MAIN_FACTS, reports_from_facts

    with open_store(db) as store:
        reports = reports_from_facts(store, facts_where=MAIN_FACTS)
    judged = frame[frame["verdict"].notna()]
    assert len(judged) >= 10
    for region, rows in judged.groupby("region"):
        verdicts = {(v.year, v.metric): v.verdict for v in track([r for r in reports if r.meta.region == region],
                                                                  plans=False) if v.kind == "target"}
        for row in rows.itertuples():
            assert verdicts[(row.year, row.metric)] == row.verdict, (region, row.year, row.metric)


def test_stata_file_reads_back_with_labels_and_types(db, tmp_path, shared):
    out = tmp_path / "panel.dta"
    result = CliRunner().invoke(app, ["panel", "--db", db, "--metric", "gdp", "-f", "dta", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with pd.io.stata.StataReader(out) as reader:
        labels = reader.variable_labels()
        data_label = reader.data_label
        data = reader.read()
    assert labels["target_low"] == LABELS["target_low"] and labels["verdict"] == LABELS["verdict"]
    assert data_label.startswith("luoshi panel; exact targets read as floor")
    assert pd.api.types.is_float_dtype(data["target_low"]) and pd.api.types.is_float_dtype(data["year"])
    assert pd.api.types.is_string_dtype(data["region"]) and set(data["metric"]) == {"gdp"}
    row = data[(data["region"] == "苏州市") & (data["year"] == 2024)].iloc[0]
    assert row["target_low"] == gold_gdp_target(shared, "raw__lawtext-gov__政府工作报告-主要城市__苏州市__2024.json")
    assert row["parent_region"] == "江苏省"


def test_parquet_and_csv_carry_the_convention(db, tmp_path):
    out = tmp_path / "panel.parquet"
    result = CliRunner().invoke(app, ["panel", "--db", db, "-f", "parquet", "-o", str(out), "--tolerance", "0.5"])
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    meta = pq.read_schema(out).metadata
    assert b"within 0.5 points" in meta[b"luoshi.convention"]
    csv = CliRunner().invoke(app, ["panel", "--db", db, "--years", "2024", "--level", "city"])
    assert csv.exit_code == 0, csv.output
    rows = pd.read_csv(__import__("io").StringIO(csv.stdout))
    assert set(rows["region"]) == {"苏州市"} and set(rows["year"]) == {2024}
    assert rows["convention"].str.contains("exact targets read as floor").all()


def growth(value: float, bound: str, status: str = "target") -> Fact:
    return Fact(metric="gdp", metric_text="地区生产总值", value=None, unit=None, value_text=f"{value}%", growth=value,
                growth_unit="%", bound=bound, status=status)


def test_research_convention_reads_an_exact_target_as_a_floor():
    target, result = growth(7.5, "exact"), growth(7.2, "exact", "actual")
    assert judge(target, result)[0] == "missed"  # "增长7.5%" against 7.2%: missed in the literature
    assert judge(target, result, Convention(exact_as="approx"))[0] == "met"  # the lenient reading, on request
    assert judge(growth(7.5, "approx"), result, RESEARCH)[0] == "met"  # "7.5%左右": within 0.3 points
    assert judge(growth(7.5, "approx"), result, Convention(tolerance=0.2))[0] == "missed"
    with pytest.raises(ValueError):
        Convention(exact_as="generous")


def test_panel_over_files_without_a_store(corpus):
    reports_dir = corpus / "bulk/lawtext-gov/政府工作报告-主要城市/苏州市"
    result = CliRunner().invoke(app, ["panel", str(reports_dir / "2024.md"), str(reports_dir / "2025.md"),
                                      "--metric", "gdp", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(r["year"], r["metric"]) for r in rows] == [(2024, "gdp"), (2025, "gdp")]
    assert rows[0]["verdict"] == "exceeded" and rows[1]["verdict"] is None


def test_panel_frame_is_empty_but_typed_on_no_reports():
    empty = panel_frame([])
    assert list(empty.columns) == list(LABELS) and empty.empty
    assert all(len(label.encode()) <= 80 and len(name) <= 32 for name, label in LABELS.items())  # Stata's limits
