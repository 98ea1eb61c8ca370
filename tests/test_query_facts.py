# ruff: noqa: F811  (the fixtures imported from test_query_search are parameters here)
"""Facts, series, compare and exports over the small real-report database of test_query_search.

Expected rows are computed from each report's own record (`store.get_report`, the JSON record), an independent
path from the `facts` table the query stage reads.
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_query_search import ALL, query_db, store  # noqa: F401  (fixtures)

from luoshi.query.compare import compare
from luoshi.query.facts import facts
from luoshi.query.search import search
from luoshi.query.series import series


def record_facts(store, **where):
    """(report_id, idx) of every fact in the stored records of the reports matching `where` (listing columns)."""
    out = {}
    for row in store.reports():
        if all(row[k] == v for k, v in where.items()):
            report = store.get_report(row["id"])
            for i, f in enumerate(report.facts):
                out[(row["id"], i)] = f
    return out


def test_facts_filters_match_the_records(store):
    rows = facts(store, metric="gdp", status="target")
    assert rows, "the extract stage found no gdp targets in these reports"
    expected = {k for k, f in record_facts(store).items() if f.metric == "gdp" and f.status == "target"}
    assert {(r["report_id"], r["idx"]) for r in rows} == expected
    jiangsu = facts(store, metric="gdp", status="target", province="江苏省")
    assert jiangsu and {r["province"] for r in jiangsu} == {"江苏省"} and len(jiangsu) < len(rows)
    years = sorted({r["year"] for r in rows})
    one_year = facts(store, metric="gdp", status="target", year=years[-1])
    assert one_year and {r["year"] for r in one_year} == {years[-1]}
    assert facts(store, metric="gdp", region="苏州") == facts(store, metric="gdp", region="苏州市")
    assert facts(store, metric="no_such_metric") == []


def test_series_is_one_headline_value_per_year(store):
    rows = series(store, "苏州市", "gdp", status="actual")
    assert len(rows) >= 3, "the extract stage found too few 苏州 gdp figures"
    years = [r["year"] for r in rows]
    assert years == sorted(set(years))
    for r in rows:
        report = store.get_report(r["report_id"])
        assert report.meta.region == "苏州市" and report.meta.year == r["year"]
        candidates = [f for f in report.facts if f.metric == "gdp" and f.status == "actual" and f.scope is None]
        first = next((f for f in candidates if f.value is not None), candidates[0])
        assert (r["value"], r["unit"], r["sentence"]) == (first.value, first.unit, first.sentence)
        assert r["source"].endswith(".md")


def test_compare_by_region_and_province(store):
    year = 2024
    by_region = compare(store, "gdp", year=year)
    assert by_region, "no gdp figures for 2024"
    assert {r["year"] for r in by_region} == {year}
    assert len({r["report_id"] for r in by_region}) == len(by_region)
    values = [r["value"] for r in by_region if r["value"] is not None]
    assert values == sorted(values, reverse=True)
    by_province = compare(store, "gdp", year=year, by="province")
    assert sum(r["regions"] for r in by_province) == len(by_region)
    with pytest.raises(ValueError):
        compare(store, "gdp", by="colour")


def test_search_by_section_role(store):
    every = search(store, "就业", limit=ALL)
    targets = search(store, "就业", role="targets", limit=ALL)
    assert targets, "parse found no 就业 in a targets section"
    assert {h["role"] for h in targets} == {"targets"}
    assert len(targets) < len(every)
    assert {(h["report_id"], h["start"]) for h in targets} <= {(h["report_id"], h["start"]) for h in every}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "xlsx"])
def test_cli_facts_exports(query_db, store, tmp_path, fmt):
    from typer.testing import CliRunner

    from luoshi.cli import app

    out = tmp_path / f"facts.{fmt}"
    result = CliRunner().invoke(app, ["facts", "--db", query_db, "--metric", "gdp", "--province", "江苏省",
                                      "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    frame = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet,
             "xlsx": pd.read_excel}[fmt](out)
    expected = facts(store, metric="gdp", province="江苏省")
    assert len(frame) == len(expected) > 0
    assert set(frame["metric"]) == {"gdp"} and set(frame["province"]) == {"江苏省"}


def test_api_series_and_facts_frames(query_db):
    import luoshi

    with luoshi.open(query_db) as corpus:
        frame = corpus.facts("gdp", status="actual", province="江苏省")
        assert len(frame) and set(frame["metric"]) == {"gdp"}
        assert list(corpus.series("苏州市", "gdp").columns)[:3] == ["year", "status", "value"]
