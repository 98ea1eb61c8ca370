"""The SQLite file's size per report on a sample of the corpus, with everything a report keeps: the clean text,
the packed original, sections, sentences, facts, the repair log and the search index.

The bound is a ceiling that only comes down (issue 16 asks for 150 kB; see docs/store.md for where the bytes go
and bench/RESULTS.md for the whole corpus). The sample is every 38th file of bulk/ in path order (40 reports),
the same on every run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from luoshi.query.search import search
from luoshi.store import open_store
from luoshi.store.ingest import ingest

MAX_KB_PER_REPORT = 163  # measured 2026-12-07: 160 kB on this sample with schema 120 (170 with 110) and search index 8 (358
# with schema 90, 523 before); 40 reports weigh the index's per-segment terms more than the corpus does
SAMPLE = 40


@pytest.fixture(scope="module")
def sample_db(corpus: Path, tmp_path_factory) -> tuple[str, list[str]]:
    files = sorted(str(p) for p in (corpus / "bulk").rglob("*") if p.is_file())
    step = max(1, len(files) // SAMPLE)
    chosen = files[::step][:SAMPLE]
    db = str(tmp_path_factory.mktemp("size") / "size.db")
    with open_store(db) as store:
        summary = ingest(store, chosen, jobs=2)
    assert summary.stored >= SAMPLE * 0.9 and not summary.failed
    return db, chosen


def used_bytes(db: str) -> int:
    """Bytes in use (free pages left out), after the WAL is folded into the file."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages, free, size = (con.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count",
                                                                            "page_size"))
    con.close()
    return (pages - free) * size


def test_size_per_report_stays_under_the_ceiling(sample_db):
    db, _ = sample_db
    with open_store(db, readonly=True) as store:
        n = store.count()
    per_report = used_bytes(db) / n / 1000
    assert per_report <= MAX_KB_PER_REPORT, f"{per_report:.0f} kB per report"


def test_what_the_lean_file_keeps_is_all_there(sample_db):
    """Search, facts traced to their characters, sentences, the repair log and the original, from the small file."""
    db, _ = sample_db
    with open_store(db, readonly=True) as store:
        ids = [r["id"] for r in store.reports()]
        for rid in ids:
            report = store.get_report(rid)
            assert report.sentences and report.raw_text
            for f in report.facts:
                assert report.text[f.start:f.end] and f.start < f.end
        repairs = store.query("SELECT report_id, start, \"end\", after FROM repairs WHERE after <> '' LIMIT 50")
        for r in repairs:
            text = store.query("SELECT text FROM reports WHERE id = ?", (r["report_id"],))[0]["text"]
            assert text[r["start"]:r["end"]] == r["after"]
        view = store.query("SELECT COUNT(*) AS n FROM sentences_text WHERE report_id = ?", (ids[0],))[0]["n"]
        assert view == len(store.get_report(ids[0]).sentences)
        hits = search(store, "就业", limit=5)
        assert hits and all("就业" in h["sentence"] for h in hits)
