"""bench/bench_national.py end to end on 20 files made from 8 real reports: generate, ingest, query, track, serve.

No timing is asserted (speed is measured in bench/, not in tests): only that each phase did its work.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "corpus" / "raw" / "alexzhu0-prov2025-docx"

pytestmark = pytest.mark.skipif(not SOURCE.is_dir(), reason=f"needs the shared corpus ({SOURCE} is absent)")


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_national
    import national_corpus

    return bench_national, national_corpus


@pytest.fixture(scope="module")
def run(bench, tmp_path_factory):
    bench_national, _ = bench
    work = tmp_path_factory.mktemp("national")
    result = bench_national.main(["--n", "20", "--sources", str(SOURCE), "--workdir", str(work), "--backend", "sqlite",
                                  "--jobs", "1", "--web-repeat", "0", "--json", str(work / "out.json"),
                                  "--results-md", str(work / "RESULTS.md")])
    return work, result


def manifest(work: Path) -> list[dict]:
    with open(work / "corpus" / "MANIFEST.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_generated_file_is_stored(run):
    work, result = run
    rows = manifest(work)
    r = result["backends"]["sqlite"]
    assert len(rows) == 20 and result["corpus"]["files"] == 20
    assert r["ingest"]["exit"] == 0
    assert r["database"]["reports"] == 20
    assert r["ingest"]["cpu_s"] > 0 and r["ingest"]["peak_rss_main_mb"] > 0
    assert r["size"]["bytes"] > 0


def test_variants_are_read_as_their_target_region_and_year(run):
    """The relabelling works: luoshi reads most variants as the region and year the manifest gives them (the
    bench's own count, checked here against the database directly)."""
    from luoshi.store import open_store

    work, result = run
    variants = [m for m in manifest(work) if m["variant"] != "0"]
    with open_store(str(work / "national.db"), readonly=True) as store:
        stored = {(r["region"] or "", r["year"]) for r in store.query("SELECT region, year FROM reports")}
    matched = [m for m in variants
               if any(region.endswith(m["target_region"]) and year == int(m["target_year"]) for region, year in stored)]
    assert len(variants) == 12
    assert len(matched) >= 0.75 * len(variants), (len(matched), variants)
    relabel = result["backends"]["sqlite"]["database"]["relabel"]
    assert relabel["variants_stored"] == 12
    assert relabel["read_as_target_region"] >= len(matched) - 1 and relabel["read_as_target_year"] >= 9


def test_queries_track_and_pages_return_rows(run):
    _, result = run
    r = result["backends"]["sqlite"]
    q = r["queries"]
    assert q["search"]["with_hits"] >= q["search"]["queries"] // 2
    assert sum(q["facts"]["rows"]) > 0
    assert any(q["series"]["rows"])
    assert r["track"]["exit"] == 0
    assert r["web"]["region"]["requests"] > 0 and r["web"]["region"]["not_200"] == 0
    assert r["web"]["search"]["not_200"] == 0


def test_results_are_written(run):
    work, result = run
    text = (work / "RESULTS.md").read_text(encoding="utf-8")
    assert "## national scale" in text and result["date"] in text and "Extrapolated, not measured" in text
    assert (work / "out.json").exists()


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(bench, run, tmp_path):
    _, national_corpus = bench
    work, _ = run
    national_corpus.generate(tmp_path, 12, 16, [str(SOURCE)], log=lambda *_: None)
    small = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("0*.*"))
    assert len(small) == 12
    for rel in small:
        assert (tmp_path / rel).read_bytes() == (work / "corpus" / rel).read_bytes(), rel
