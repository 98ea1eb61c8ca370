"""The search index follows the reports table however it changes, though a search checks it only once per change
(ensure_index remembers the file's state when it found the index in step): reports added by this connection or
another, deleted, a report number reused after the newest report was deleted, the index dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.cli.common import iter_documents
from luoshi.pipeline import process
from luoshi.query.search import search
from luoshi.store import open_store
from luoshi.store.search_index import drop, ensure_index, missing_reports

NEEDLE = "就业"


def reports(seeds: dict[str, Path], keys: list[str]) -> list:
    out = []
    for key in keys:
        for doc in iter_documents([str(seeds[key])]):
            out.append((process(doc), doc.data))
    return out


def occurrences(store) -> set[tuple[str, int]]:
    found = set()
    for r in store.query("SELECT id, text FROM reports"):
        pos = r["text"].find(NEEDLE)
        while pos >= 0:
            found.add((r["id"], pos))
            pos = r["text"].find(NEEDLE, pos + 1)
    return found


def found(store) -> set[tuple[str, int]]:
    return {(h["report_id"], a) for h in search(store, NEEDLE, limit=1_000_000) for a, _ in h["matches"]}


@pytest.fixture(scope="module")
def four(seeds) -> list:
    picked = reports(seeds, sorted(seeds)[:4])
    assert all(NEEDLE in r.text for r, _ in picked), "the first seeds should all mention the needle"
    return picked


def test_every_change_to_the_reports_reaches_the_index(four, tmp_path):
    db = str(tmp_path / "step.db")
    (r1, raw1), (r2, raw2), (r3, raw3), (r4, raw4) = four
    with open_store(db) as a:
        a.add_report(r1, raw=raw1)
        a.add_report(r2, raw=raw2)  # add_report writes no index rows: the first search catches up
        assert found(a) == occurrences(a) and {rid for rid, _ in found(a)} == {r1.id, r2.id}
        assert ensure_index(a) == 0
        with open_store(db) as b:  # another connection's commit (PRAGMA data_version)
            b.add_report(r3, raw=raw3)
        assert missing_reports(a) == 1  # what the web app asks before it searches
        assert ensure_index(a) == 1 and missing_reports(a) == 0 and found(a) == occurrences(a)
        a.delete_report(r1.id)  # this connection's own change: the index is rebuilt without it
        assert ensure_index(a) == 2
        assert found(a) == occurrences(a) and r1.id not in {rid for rid, _ in found(a)}
        newest = a.query("SELECT num, report_id FROM report_keys ORDER BY num DESC LIMIT 1")[0]
        a.delete_report(newest["report_id"])  # the next report takes its number: its index rows must not stand for it
        a.add_report(r4, raw=raw4)
        assert a.query("SELECT num FROM report_keys WHERE report_id = ?", (r4.id,))[0]["num"] == newest["num"]
        assert found(a) == occurrences(a) and {rid for rid, _ in found(a)} == {r2.id, r3.id, r4.id} - {newest["report_id"]}
        drop(a)  # a schema change, no row change
        assert ensure_index(a) == a.count() == 2
    with open_store(db, readonly=True) as ro:
        assert ensure_index(ro) == 0 and found(ro) == occurrences(ro)
