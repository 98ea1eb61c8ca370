"""`luoshi audit` on real reports: the same coverage as coverage.py, the same rates from files and from a database,
parseable CSV/JSON, and the bulk corpus's main-result coverage pinned."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from luoshi.audit import FAILURE_COLUMNS, audit, records_from_paths, records_from_store
from luoshi.cli import app
from luoshi.store import open_store
from luoshi.store.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("bulk/lawtext-gov/政府工作报告-省自治区/湖北省", "bulk/lawtext-gov/政府工作报告-主要城市/武汉市")
# Measured on ../shared/corpus/bulk (1,460 annual work reports since 1995). Floors: raise them when the extraction
# finds more, never lower them (issue 12 asks for 0.99 of the main result).
# 1225 at f969e30; 1273 after the result rules of branch result12; 1276 after the merges; 1284 after the growth rules
# of branch actuals12; 1295 after branch cov12 (群主 clean fix, year and quarter rules)
BULK_GDP_RESULT_FLOOR = 1301  # 1297 after branch review12, 1300 after branch result13, 1301 after branch address12
BULK_GDP_TARGET_FLOOR = 1447  # the audit gdp_target check passes 1447 of 1460 (= coverage.py; 1448 until 苏州 2012's term-of-office targets, 年均增长12%, stopped counting as the year's)


def blind_set() -> set[str]:
    """The files being hand-labelled blind (eval/stratified/sample.tsv): kept out of every sample here."""
    lines = (ROOT / "eval" / "stratified" / "sample.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {line.split("\t")[2] for line in lines if line.strip()}


@pytest.fixture(scope="module")
def small_folder(corpus, tmp_path_factory) -> Path:
    """A province's and its capital's reports (outside the blind set), plus a near-duplicate copy of one report
    (same text, one more line break: other bytes, so another id) so that the copies check has a pair to read."""
    blind = blind_set()
    files = [p for folder in FOLDERS for p in sorted((corpus / folder).glob("*"))
             if p.is_file() and str(p.relative_to(corpus)) not in blind]
    if not files:
        pytest.skip(f"the folders {FOLDERS} are not in this corpus")
    out = tmp_path_factory.mktemp("audit_small")
    for i, p in enumerate(files):
        (out / f"{i:03d}{p.suffix}").write_bytes(p.read_bytes())
    (out / f"copy{files[-1].suffix}").write_bytes(files[-1].read_bytes() + b"\n")
    return out


@pytest.fixture(scope="module")
def file_results(small_folder):
    records = [r for r in records_from_paths([str(small_folder)], jobs=1) if isinstance(r, dict)]
    return records, {r.id: r for r in audit(records)}


def test_gdp_target_coverage_equals_coverage_tool(shared, small_folder, file_results, tmp_path):
    tool = shared / "tools" / "coverage.py"
    if not tool.is_file():
        pytest.skip(f"needs {tool}")
    proc = subprocess.run([sys.executable, str(tool), "--luoshi", f"{sys.executable} -m luoshi",
                           "--misses", str(tmp_path / "misses.tsv"), str(small_folder)],
                          capture_output=True, text=True, check=True)
    covered, total = map(int, re.search(r"coverage (\d+)/(\d+)", proc.stdout.splitlines()[-1]).groups())
    result = file_results[1]["gdp_target"]
    # coverage.py counts each extracted record; the audit reads identical bytes once (none here are identical)
    assert (result.checked - result.failed, result.checked) == (covered, total)
    assert total >= 20


def test_database_round_trip_gives_the_same_rates(small_folder, file_results, tmp_path):
    with open_store(tmp_path / "a.db") as store:
        summary = ingest(store, [str(small_folder)], jobs=1)
        assert summary.stored == len(file_results[0]) and summary.near_duplicates == 1
        db_records = records_from_store(store)
    from_db = {r.id: r for r in audit(db_records)}
    for cid, result in file_results[1].items():
        assert from_db[cid].summary() == result.summary(), cid
        assert from_db[cid].groups == result.groups, cid
        assert [f.row() for f in from_db[cid].failures] == [f.row() for f in result.failures], cid
    assert file_results[1]["copies_agree"].checked >= 1  # the copy was paired in both modes


@pytest.mark.postgres
def test_postgres_round_trip_gives_the_same_rates(small_folder, file_results, pg_url):
    files = sorted(small_folder.glob("*"))[:8]
    records = [r for r in records_from_paths([str(p) for p in files], jobs=1) if isinstance(r, dict)]
    with open_store(pg_url) as store:
        ingest(store, [str(p) for p in files], jobs=1)
        from_pg = audit(records_from_store(store))
    assert [r.summary() for r in from_pg] == [r.summary() for r in audit(records)]


def test_cli_outputs_parse(small_folder, tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["audit", str(small_folder), "--format", "csv", "--jobs", "1", "-q"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["check"] for r in rows][:2] == ["gdp_target", "gdp_result"] and all(r["checked"] for r in rows)
    out = tmp_path / "audit.json"
    res = runner.invoke(app, ["audit", str(small_folder), "--format", "json", "--output", str(out), "-j", "1", "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    by_id = {c["check"]: c for c in data}
    assert by_id["gdp_target"]["failed"] == len(by_id["gdp_target"]["failures"])
    assert sum(g["checked"] for g in by_id["gdp_target"]["groups"].values()) == by_id["gdp_target"]["checked"]
    res = runner.invoke(app, ["audit", str(small_folder), "--check", "gdp_result", "--format", "csv", "-j", "1"])
    failures = list(csv.DictReader(io.StringIO(res.stdout)))
    assert tuple(failures[0]) == FAILURE_COLUMNS if failures else res.exit_code == 0
    assert {f["check"] for f in failures} <= {"gdp_result"}
    assert len(failures) == by_id["gdp_result"]["failed"]


def test_cli_reads_a_database_and_refuses_bad_input(small_folder, tmp_path):
    runner = CliRunner()
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    for p in sorted(small_folder.glob("00*"))[:3]:
        (bad / p.name).write_bytes(p.read_bytes())
    res = runner.invoke(app, ["audit", str(bad), "-j", "1", "-q", "--format", "csv"])
    assert res.exit_code == 0 and "empty.txt" in res.stderr
    db = tmp_path / "b.db"
    with open_store(db) as store:
        ingest(store, [str(bad)], jobs=1)
    from_db = runner.invoke(app, ["audit", str(db), "--format", "csv"])
    assert from_db.exit_code == 0, from_db.output
    assert from_db.stdout == res.stdout
    assert runner.invoke(app, ["audit", str(tmp_path / "missing.db")]).exit_code == 1
    assert runner.invoke(app, ["audit", str(bad), "--check", "nonsense"]).exit_code != 0


@pytest.mark.slow
def test_bulk_main_result_and_target_coverage_are_pinned(corpus):
    records = [r for r in records_from_paths([str(corpus / "bulk")]) if isinstance(r, dict)]
    results = {r.id: r for r in audit(records, only=["gdp_target", "gdp_result"])}
    result, target = results["gdp_result"], results["gdp_target"]
    assert result.checked >= 1400
    assert result.checked - result.failed >= BULK_GDP_RESULT_FLOOR, result.summary()
    assert target.checked - target.failed >= BULK_GDP_TARGET_FLOOR, target.summary()
