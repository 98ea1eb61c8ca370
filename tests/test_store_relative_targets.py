"""Relative targets survive the store, on both back ends: the record read back, the reports tracking rebuilds from
the facts table (web, `luoshi track --all`), and the verdicts judged from the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.ingest import read_paths
from luoshi.models import Document
from luoshi.pipeline import process
from luoshi.store import open_store
from luoshi.store.fact_reports import MAIN_FACTS, reports_from_facts
from luoshi.track import track

CITY = "bulk/lawtext-gov/政府工作报告-其他地市/马鞍山市"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path):
    target = str(tmp_path / "t.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(target) as s:
        yield s


@pytest.fixture(scope="module")
def processed(corpus: Path):
    docs = [d for d in read_paths([str(corpus / CITY / "2019.md"), str(corpus / CITY / "2020.md")])
            if isinstance(d, Document)]
    return [(d, process(d)) for d in docs]


def test_round_trip_keeps_relative_targets(store, processed):
    assert any(r.relative_targets for _, r in processed)
    for doc, report in processed:
        store.add_report(report, raw=doc.data)
    for _, report in processed:
        back = store.get_report(report.id)
        assert back.relative_targets == report.relative_targets
        assert store.record(report.id)["relative_targets"] == report.to_dict()["relative_targets"]
    region = processed[0][1].meta.region
    rebuilt = {r.id: r for r in reports_from_facts(store, region, facts_where=MAIN_FACTS)}
    for _, report in processed:
        assert rebuilt[report.id].relative_targets == report.relative_targets
    want = [v.row() for v in track([r for _, r in processed], plans=False) if v.kind == "relative"]
    got = [v.row() for v in track(list(rebuilt.values()), plans=False) if v.kind == "relative"]
    assert got == want and want
