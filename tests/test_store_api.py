"""The Store API on real reports, on both back ends: SQLite (a file) and PostgreSQL (a throwaway server)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from luoshi.ingest import read_paths
from luoshi.models import Document, Report
from luoshi.pipeline import process
from luoshi.store import open_store
from luoshi.store.base import translate
from luoshi.store.ingest import ingest


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path):
    if request.param == "sqlite":
        target = str(tmp_path / "t.db")
    else:
        target = request.getfixturevalue("pg_url")
    with open_store(target) as s:
        yield s


@pytest.fixture(scope="module")
def processed(corpus: Path) -> list[tuple[Document, Report]]:
    """Seeds (messy web copies) and the .docx provincial reports: a mix of formats and difficulties."""
    docs = [d for d in read_paths([str(corpus / "seeds"), str(corpus / "raw" / "alexzhu0-prov2025-docx")])
            if isinstance(d, Document)]
    assert len(docs) >= 10
    return [(d, process(d)) for d in docs]


def test_round_trip_gives_back_the_full_report(store, processed):
    for doc, report in processed:
        assert store.add_report(report, raw=doc.data) is True
    for doc, report in processed:
        back = store.get_report(report.id)
        assert back is not None
        assert back.to_dict(with_text=True) == report.to_dict(with_text=True)
        assert back.raw_text == report.raw_text and back.fmt == report.fmt
        assert [(s.start, s.end, s.section) for s in back.sentences] == [
            (s.start, s.end, s.section) for s in report.sentences]
        n = {t: store.query(f"SELECT COUNT(*) AS n FROM {t} WHERE report_id = ?", (report.id,))[0]["n"]
             for t in ("sections", "sentences", "facts", "repairs", "removals")}
        assert n == {"sections": len(report.sections), "sentences": len(report.sentences),
                     "facts": len(report.facts), "repairs": len(report.quality.repairs),
                     "removals": len(report.quality.removed)}
        row = store.get_row(report.id)
        assert row["n_bytes"] == len(doc.data) and row["n_chars"] == len(report.text)
        rest = json.loads(row["record_json"])  # only what no column holds: the facts are not stored twice
        assert "facts" not in rest and "sections" not in rest and len(row["record_json"]) < 2000 + 200 * len(
            report.facts)
        assert store.record(report.id) == report.to_dict()
        assert store.raw_text(report.id[:12]) == report.raw_text
        texts = store.query("SELECT idx, text FROM sentences_text WHERE report_id = ? ORDER BY idx", (report.id,))
        assert [t["text"] for t in texts] == [report.text[s.start:s.end] for s in report.sentences]


def _store_the_old_way(store, doc: Document, report: Report) -> None:
    """Rows as the code before migration 010 wrote them: the whole record in record_json, sentences with text."""
    from luoshi.store.records import record_json, report_row

    row = report_row(report, canonical_id=None, minhash=None, n_bytes=len(doc.data), record=record_json(report))
    del row["raw_z"], row["raw_chars"]  # version 1 kept the decoded original as text
    row["raw_text"] = report.raw_text
    with store.transaction():
        store.query(f"INSERT INTO reports ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        for table, cols in (("sections", "report_id, idx, level, number, title, role, start, \"end\""),
                            ("repairs", "report_id, idx, kind, start, \"end\", before, after"),
                            ("removals", "report_id, idx, kind, text")):
            from luoshi.store.records import child_rows
            for r in child_rows(report)[table]:
                store.query(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(r))})", r)
        for i, s in enumerate(report.sentences):
            store.query('INSERT INTO sentences (report_id, idx, start, "end", section_idx, text) '
                        "VALUES (?, ?, ?, ?, ?, ?)", (report.id, i, s.start, s.end, s.section, report.text[s.start:s.end]))
        for i, f in enumerate(report.facts):
            store.query("INSERT INTO facts (report_id, idx, metric, value, sentence) VALUES (?, ?, ?, ?, ?)",
                        (report.id, i, f.metric, f.value, f.sentence))


def test_a_database_made_before_the_lean_schema_opens_and_keeps_working(request, tmp_path, processed, monkeypatch):
    """Migration 010 on a version-1 database with rows in it: old reports read back whole, new ones are added."""
    from luoshi.store import base

    every = base.migrations()
    for target in ("sqlite", "postgresql"):
        url = str(tmp_path / "old.db") if target == "sqlite" else request.getfixturevalue("pg_url")
        with monkeypatch.context() as m:
            m.setattr(base, "migrations", lambda: [v for v in every if v[0] == 1])
            with open_store(url) as old:
                assert old.schema_version == 1
                for doc, report in processed[:2]:
                    _store_the_old_way(old, doc, report)
        with open_store(url) as store:
            assert store.schema_version == max(v for v, _ in every)
            for doc, report in processed[:2]:
                assert store.get_report(report.id).to_dict(with_text=True) == report.to_dict(with_text=True)
                assert store.raw_text(report.id) == report.raw_text  # packed by the version-70 upgrade
                row = store.query("SELECT raw_text, raw_z, raw_chars FROM reports WHERE id = ?", (report.id,))[0]
                assert row["raw_text"] is None and row["raw_z"] and row["raw_chars"] == len(report.raw_text)
                n = store.query("SELECT COUNT(*) AS n FROM sentences_text WHERE report_id = ? AND text = ?",
                                (report.id, report.text[report.sentences[0].start:report.sentences[0].end]))
                assert n[0]["n"] >= 1
            doc, report = processed[2]
            assert store.add_report(report, raw=doc.data)
            assert store.record(report.id) == report.to_dict()
            assert store.count() == 3


def test_a_fact_sentence_after_a_nul_keeps_its_text(store, processed):
    """SQLite's substr stops at U+0000: a sentence that the view would cut past one is stored as text instead."""
    report = processed[0][1]
    damaged = dataclasses.replace(report, text="\x00" + report.text)
    assert store.add_report(damaged)
    rows = store.query("SELECT sentence FROM facts WHERE report_id = ? ORDER BY idx", (report.id,))
    assert [r["sentence"] for r in rows] == [f.sentence for f in report.facts] and rows
    assert store.query("SELECT COUNT(*) AS n FROM fact_rows WHERE sentence IS NULL")[0]["n"] == 0


def test_same_bytes_are_stored_once(store, processed):
    doc, report = processed[0]
    assert store.add_report(report, raw=doc.data)
    assert not store.add_report(report, raw=doc.data)
    assert store.count() == 1
    with pytest.raises(ValueError):
        store.add_report(report, raw=doc.data + b" ")


def test_lookup_by_prefix_and_source(store, processed):
    for doc, report in processed[:4]:
        store.add_report(report, raw=doc.data)
    doc, report = processed[2]
    assert store.get_report(report.id[:10]).id == report.id
    assert store.get_report(report.source).id == report.id
    assert store.get_report("0" * 64) is None


def test_listing_filters(store, processed):
    stored = []
    for i, (doc, report) in enumerate(processed):
        r = dataclasses.replace(report, meta=dataclasses.replace(report.meta, year=2020 + i % 3,
                                                                 province=["甲省", "乙省"][i % 2]))
        store.add_report(r, raw=doc.data)
        stored.append(r)
    rows = store.reports()
    assert {r["id"] for r in rows} == {r.id for r in stored}
    assert "text" not in rows[0]
    for year in (2020, 2021, 2022):
        assert {r["id"] for r in store.reports(year=year)} == {r.id for r in stored if r.meta.year == year}
    got = {r["id"] for r in store.reports(year_from=2021, province="乙省")}
    assert got == {r.id for r in stored if r.meta.year >= 2021 and r.meta.province == "乙省"}
    with pytest.raises(TypeError):
        store.reports(colour="red")


def test_query_is_parameterised_and_portable(store, processed):
    for doc, report in processed[:3]:
        store.add_report(report, raw=doc.data)
    ids = sorted(r.id for _, r in processed[:3])
    rows = store.query("SELECT id FROM reports WHERE id IN (?, ?) AND source LIKE '%' ORDER BY id", ids[:2])
    assert [r["id"] for r in rows] == ids[:2]
    assert store.query("SELECT '?' AS q")[0]["q"] == "?"  # a ? inside a literal is not a placeholder


def test_translate_placeholders():
    assert translate("SELECT * FROM t WHERE a = ? AND b LIKE 'x%?' AND c = ?") == \
        "SELECT * FROM t WHERE a = %s AND b LIKE 'x%%?' AND c = %s"


def test_schema_version_recorded_and_not_reapplied(store):
    assert store.schema_version >= 1
    before = store.query("SELECT version, applied_at FROM schema_migrations")
    assert store.migrate() == []
    assert store.query("SELECT version, applied_at FROM schema_migrations") == before
    assert store.count("metrics") > 10  # the extract stage's metric table is copied in


def test_near_duplicates_across_formats_are_linked(store, corpus):
    """The .docx provincial reports of 2025 and the same reports as markdown in bulk/ are one report each."""
    docx = sorted((corpus / "raw" / "alexzhu0-prov2025-docx").glob("*.docx"))
    md = []
    for p in docx:
        name = p.stem.removeprefix("2025年").removesuffix("政府工作报告")
        md += [m for m in (corpus / "bulk" / "lawtext-gov").glob(f"*/{name}/2025.md")]
    assert len(md) >= 3
    summary = ingest(store, [str(p) for p in docx + md], jobs=1)
    assert summary.near_duplicates >= len(md)
    rows = {r["source"]: r for r in store.reports()}
    by_id = {r["id"]: r for r in rows.values()}
    linked = [r for r in rows.values() if r["canonical_id"]]
    for r in linked:
        canon = by_id[r["canonical_id"]]
        assert canon["canonical_id"] is None  # canonical reports are roots
        assert {Path(r["source"]).suffix, Path(canon["source"]).suffix} == {".docx", ".md"}
    # a different year's report of the same region is not a near-duplicate
    other = [m for m in (corpus / "bulk" / "lawtext-gov").glob("*/*/2024.md")
             if m.parent.name in {p.parent.name for p in md}][:2]
    s2 = ingest(store, [str(p) for p in other], jobs=1)
    assert s2.stored == len(other) and s2.near_duplicates == 0


def test_nul_characters_do_not_stop_a_report(store, processed):
    """PostgreSQL text cannot hold U+0000: it is stored as U+FFFD there, one character too, so offsets hold."""
    report = processed[0][1]
    damaged = dataclasses.replace(report, text=report.text + "\x00x")
    assert store.add_report(damaged)
    back = store.get_report(report.id)
    assert len(back.text) == len(damaged.text)
    assert back.text[:-2] == report.text


def test_a_complete_copy_becomes_canonical_over_a_partial_one(store, processed):
    """Whatever the order they arrive in, the group's canonical report is the complete copy."""
    report = max((r for _, r in processed if not r.quality.partial), key=lambda r: len(r.text))
    partial = dataclasses.replace(report, id="f" * 64, source="copy-a",
                                  quality=dataclasses.replace(report.quality, partial=True))
    later_partial = dataclasses.replace(partial, id="e" * 64, source="copy-b")
    assert store.add_report(partial) and store.last_near_duplicate is None
    assert store.add_report(report) and store.last_near_duplicate == partial.id
    assert store.add_report(later_partial) and store.last_near_duplicate == report.id
    links = {r["id"]: r["canonical_id"] for r in store.reports()}
    assert links == {report.id: None, partial.id: report.id, later_partial.id: report.id}
    assert [r["id"] for r in store.reports(canonical_only=True)] == [report.id]


def test_luoshi_migrate_upgrades_an_old_file_and_gives_the_space_back(tmp_path, processed, monkeypatch):
    """`luoshi migrate` on a version-1 file: the schema and the search index upgraded, the originals packed, the
    report tables smaller (the old file had no search index yet), and every report read back as it was stored."""
    import sqlite3

    from typer.testing import CliRunner

    from luoshi.cli import app
    from luoshi.store import base

    every = base.migrations()
    db = str(tmp_path / "old.db")
    with monkeypatch.context() as m:
        m.setattr(base, "migrations", lambda: [v for v in every if v[0] == 1])
        with open_store(db) as old:
            for doc, report in processed[:4]:
                _store_the_old_way(old, doc, report)
            old.query("PRAGMA wal_checkpoint(TRUNCATE)")

    def report_bytes() -> int:
        with sqlite3.connect(db) as con:
            return con.execute("SELECT SUM(pgsize) FROM dbstat WHERE name NOT LIKE 'search%'").fetchone()[0]

    before = report_bytes()
    result = CliRunner().invoke(app, ["migrate", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"schema version {max(v for v, _ in every)} (was 1), compacted, search index built for 4" in result.output
    assert report_bytes() < 0.8 * before
    with open_store(db, readonly=True) as store:
        assert store.query("SELECT COUNT(*) AS n FROM reports WHERE raw_text IS NOT NULL")[0]["n"] == 0
        for doc, report in processed[:4]:
            assert store.get_report(report.id).to_dict(with_text=True) == report.to_dict(with_text=True)
            assert store.raw_text(report.id) == report.raw_text


def test_deleting_a_report_leaves_none_of_its_rows(store, processed):
    """Every row keyed by the report's number goes with it, near-duplicate bands included (they are found through
    report_keys, so they must go before the key does)."""
    _doc, report = processed[0]
    store.add_report(report)
    assert store.query("SELECT COUNT(*) AS n FROM band_rows")[0]["n"] > 0
    assert store.delete_report(report.id) is True
    for table in ("band_rows", "report_keys", "reports", "facts", "sections", "repairs"):
        assert store.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"] == 0, table


def test_a_version_110_database_upgrades_to_fact_sentences_as_spans(request, tmp_path, processed, monkeypatch):
    """Version 120 on a file written by version 110 (each fact row holding its sentence's text): the data step finds
    every sentence in its report's text and drops the copy (SQLite), the `facts` view gives the same sentences as
    before, a sentence the text does not hold verbatim keeps its text, and reports read back whole."""
    from luoshi.store import base, records

    every = base.migrations()
    old_columns = {**records.STORED_COLUMNS, "facts": records.FACT_COLUMNS}

    def rows_as_110(report, **kwargs):  # the writer of version 110: the sentence's text in the row, no span
        row, children = records.store_rows(report, **kwargs)
        at = records.FACT_COLUMNS.index("sentence")
        children["facts"] = [(*r[:at], f.sentence, *r[at + 1:len(records.FACT_COLUMNS)])
                             for r, f in zip(children["facts"], report.facts, strict=True)]
        return row, children

    doc, odd = processed[1]  # a sentence that is not in the text (a clause rewritten): kept as text
    odd = dataclasses.replace(odd, facts=[dataclasses.replace(odd.facts[0], sentence="正文里没有的一句话"),
                                          *odd.facts[1:]])
    reports = [processed[0], (doc, odd)]
    for target in ("sqlite", "postgresql"):
        url = str(tmp_path / "v110.db") if target == "sqlite" else request.getfixturevalue("pg_url")
        with monkeypatch.context() as m:
            m.setattr(base, "migrations", lambda: [v for v in every if v[0] <= 110])
            m.setattr(base, "STORED_COLUMNS", old_columns)
            m.setattr(base, "store_rows", rows_as_110)
            m.setattr(base, "with_sentences", lambda facts, text: facts)  # rows of 110 hold the text already
            with open_store(url) as old:
                assert old.schema_version == 110
                for d, report in reports:
                    assert old.add_report(report, raw=d.data)
                before = old.query("SELECT report_id, idx, sentence FROM facts ORDER BY report_id, idx")
                assert old.query("SELECT COUNT(*) AS n FROM fact_rows WHERE sentence IS NULL")[0]["n"] == 0
        with open_store(url) as store:
            assert store.schema_version == max(v for v, _ in every)
            assert store.query("SELECT report_id, idx, sentence FROM facts ORDER BY report_id, idx") == before
            kept = store.query("SELECT sentence, sentence_start FROM fact_rows WHERE sentence IS NOT NULL "
                               "ORDER BY sentence_start IS NOT NULL")
            n = sum(len(r.facts) for _, r in reports)
            assert kept[0] == {"sentence": "正文里没有的一句话", "sentence_start": None}
            assert len(kept) == (1 if store.cuts_fact_sentences else n)  # PostgreSQL keeps the copies (postgres.py)
            assert store.query("SELECT COUNT(*) AS n FROM fact_rows WHERE sentence_start IS NOT NULL")[0]["n"] == n - 1
            for _, report in reports:
                assert store.get_report(report.id).to_dict(with_text=True) == report.to_dict(with_text=True)
            doc3, third = processed[2]  # written by this version: spans only
            assert store.add_report(third, raw=doc3.data)
            assert store.record(third.id) == third.to_dict()
            rows = store.query("SELECT f.sentence, t.sentence AS copy FROM facts f JOIN report_keys k ON "
                               "k.report_id = f.report_id JOIN fact_rows t ON t.report_num = k.num AND t.idx = f.idx "
                               "WHERE f.report_id = ? ORDER BY f.idx", (third.id,))
            assert [r["sentence"] for r in rows] == [f.sentence for f in third.facts]
            assert all(r["copy"] == (None if store.cuts_fact_sentences else r["sentence"]) for r in rows if r["sentence"])
            assert store.cuts_fact_sentences == (target == "sqlite")
