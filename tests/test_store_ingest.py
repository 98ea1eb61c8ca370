"""Batch ingest and the ingest/show/list commands: resumable, crash-safe, readable by Datasette."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

import luoshi.store.ingest as store_ingest
from luoshi.cli import app
from luoshi.ingest import read_paths
from luoshi.models import Document
from luoshi.store import open_store
from luoshi.store.ingest import ingest

LUOSHI = [sys.executable, "-m", "luoshi"]


def small_batch(corpus: Path) -> list[str]:
    return [str(corpus / "raw" / "alexzhu0-prov2025-docx"), str(corpus / "raw" / "johncodes404-prov2026-csv"),
            str(corpus / "seeds")]


def distinct_ids(paths: list[str]) -> set[str]:
    return {d.id for d in read_paths(paths) if isinstance(d, Document)}


def assert_complete(target: Path | str) -> int:
    """Integrity holds and every stored report has all its rows (none half-written); the number stored."""
    if not str(target).startswith("postgresql://"):
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()
    n = 0
    with open_store(target) as store:
        for row in store.query("SELECT id, record_json, minhash FROM reports"):
            rec = json.loads(row["record_json"])["rows"]
            count = {t: store.query(f"SELECT COUNT(*) AS n FROM {t} WHERE report_id = ?", (row["id"],))[0]["n"]
                     for t in ("sections", "sentences", "facts", "repairs", "removals", "near_dup_bands",
                               "search_spans", "search_indexed")}
            assert count["search_indexed"] == 1, "stored without its search index rows"
            if count["sentences"]:
                assert count["search_spans"] == count["sentences"]
            assert {t: count[t] for t in rec} == rec
            assert count["near_dup_bands"] == (16 if row["minhash"] else 0)
            n += 1
    return n


def count_reports(target: Path | str) -> int:
    try:
        if str(target).startswith("postgresql://"):
            import psycopg

            with psycopg.connect(str(target), connect_timeout=2) as conn:
                return conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        with sqlite3.connect(target, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    except Exception:  # noqa: BLE001 - not created yet
        return 0


def test_ingest_twice_stores_nothing_new(corpus, tmp_path):
    db = tmp_path / "l.db"
    paths = small_batch(corpus)
    first = subprocess.run([*LUOSHI, "ingest", *paths, "--db", str(db), "--jobs", "2"],
                           capture_output=True, text=True, check=True)
    n = len(distinct_ids(paths))
    assert f"stored {n}," in first.stderr
    second = subprocess.run([*LUOSHI, "ingest", *paths, "--db", str(db), "--jobs", "2"],
                            capture_output=True, text=True, check=True)
    assert "stored 0," in second.stderr and f"already stored {n}," in second.stderr
    assert assert_complete(db) == n
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_ingest_writes_the_search_index_as_the_catch_up_path_would(corpus, tmp_path):
    from luoshi.query.search import search
    from luoshi.store.search_index import drop, ensure_index

    db = str(tmp_path / "i.db")
    with open_store(db) as store:
        ingest(store, [str(corpus / "seeds")], jobs=2)
    queries = ("就业", "经济 -青年", "高质量发展", "税")
    with open_store(db) as store:
        assert ensure_index(store) == 0  # nothing left to catch up
        at_ingest = [[(h["report_id"], h["start"], h["end"]) for h in search(store, q, limit=10_000)] for q in queries]
        drop(store)
        assert ensure_index(store) == store.count()
        rebuilt = [[(h["report_id"], h["start"], h["end"]) for h in search(store, q, limit=10_000)] for q in queries]
    assert at_ingest == rebuilt and all(at_ingest)


def test_full_text_rows_refused_at_the_end_of_a_batch_are_written_report_by_report(corpus, tmp_path, monkeypatch):
    """The batch's full-text rows are inserted together after its reports; should that insert fail, the batch is
    rolled back and written again with each report's rows under its own savepoint: nothing is lost or half-indexed."""
    from luoshi.query.search import search
    from luoshi.store.search_index import drop, ensure_index

    real, calls = store_ingest.write_pending, []

    def refuse_first(store, rows):
        calls.append(len(rows))
        if len(calls) == 1:
            raise sqlite3.OperationalError("simulated refusal")
        return real(store, rows)

    monkeypatch.setattr(store_ingest, "write_pending", refuse_first)
    db = str(tmp_path / "r.db")
    docs = distinct_ids([str(corpus / "seeds")])
    with open_store(db) as store:
        summary = ingest(store, [str(corpus / "seeds")], jobs=1)
        assert summary.stored == len(docs) and not summary.failed and calls[0] > 0
        hits = [(h["report_id"], h["start"]) for h in search(store, "就业", limit=10_000)]
        drop(store)
        assert ensure_index(store) == store.count()
        assert hits and hits == [(h["report_id"], h["start"]) for h in search(store, "就业", limit=10_000)]
    assert assert_complete(db) == len(docs)


def test_env_var_chooses_the_database(corpus, tmp_path):
    db = tmp_path / "env.db"
    env = {**os.environ, "LUOSHI_DB": str(db)}
    subprocess.run([*LUOSHI, "ingest", str(corpus / "seeds"), "--jobs", "1", "-q"], env=env, check=True,
                   capture_output=True, cwd=tmp_path)
    assert db.exists() and not (tmp_path / "luoshi.db").exists()


def test_a_failing_report_is_reported_and_the_batch_goes_on(corpus, tmp_path, monkeypatch):
    real = store_ingest.process_for_store
    docs = [d for d in read_paths([str(corpus / "seeds")]) if isinstance(d, Document)]
    victim = docs[1].source

    def flaky(doc, *args):
        if doc.source == victim:
            raise RuntimeError("simulated stage bug")
        return real(doc, *args)

    monkeypatch.setattr(store_ingest, "process_for_store", flaky)
    for jobs in (1, 2):  # in-process and in forked workers
        with open_store(tmp_path / f"f{jobs}.db") as store:
            summary = ingest(store, [str(corpus / "seeds")], jobs=jobs)
            assert summary.failed == [(victim, "RuntimeError: simulated stage bug")]
            assert summary.stored == len(docs) - 1 == store.count()
            assert any(line == f"failed {victim}: RuntimeError: simulated stage bug" for line in summary.lines())


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigkill_mid_batch_loses_nothing_and_resumes(corpus, tmp_path, request, backend):
    db = str(tmp_path / "k.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    paths = [str(corpus / "raw")]
    proc = subprocess.Popen([*LUOSHI, "ingest", *paths, "--db", db, "--jobs", "2", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and count_reports(db) < 10:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest process and its workers, as a crash would
    proc.wait()
    survived = assert_complete(db)
    assert survived >= 10
    done = subprocess.run([*LUOSHI, "ingest", *paths, "--db", db, "--jobs", "2"],
                          capture_output=True, text=True, check=True)
    assert f"already stored {survived}," in done.stderr
    assert assert_complete(db) == len(distinct_ids(paths))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_reads_the_file_as_is(corpus, tmp_path):
    pytest.importorskip("datasette")
    db = tmp_path / "ds.db"
    with open_store(db) as store:
        summary = ingest(store, [str(corpus / "seeds")], jobs=1)
        ids = {r["id"] for r in store.reports()}
    assert summary.stored == len(ids) > 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/ds/reports.json?_shape=array&_col=id&_col=source"
        rows = None
        for _ in range(200):
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    rows = json.load(resp)
                break
            except OSError:
                time.sleep(0.1)
        assert rows is not None, "datasette did not answer"
        assert {r["id"] for r in rows} == ids
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_show_and_list_commands(corpus, tmp_path):
    db = tmp_path / "c.db"
    runner = CliRunner()
    with open_store(db) as store:
        ingest(store, small_batch(corpus), jobs=1)
        rows = store.reports()
        first = store.get_report(rows[0]["id"])
    res = runner.invoke(app, ["show", first.id[:12], "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["facts"] == first.to_dict()["facts"]
    res = runner.invoke(app, ["show", first.id, "--db", str(db), "--text"])
    assert res.stdout.rstrip("\n") == first.text.rstrip("\n")
    res = runner.invoke(app, ["show", first.id, "--db", str(db)])
    assert res.exit_code == 0 and first.id in res.stdout and "confidence" in res.stdout
    res = runner.invoke(app, ["show", "nonexistent-report", "--db", str(db)])
    assert res.exit_code == 1
    seed = min((corpus / "seeds").glob("*.txt"))  # a file is processed on the fly, not stored
    res = runner.invoke(app, ["show", str(seed), "--db", str(db), "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["source"] == str(seed)
    res = runner.invoke(app, ["list", "--db", str(db), "--format", "jsonl"])
    listed = [json.loads(line) for line in res.stdout.splitlines()]
    assert {r["id"] for r in listed} == {r["id"] for r in rows}
    res = runner.invoke(app, ["list", "--db", str(db), "--format", "csv"])
    assert len(res.stdout.strip().splitlines()) == len(rows) + 1
    years = {r["year"] for r in rows if r["year"]}
    for year in years:
        res = runner.invoke(app, ["list", "--db", str(db), "--year", str(year), "--format", "jsonl"])
        assert {json.loads(x)["id"] for x in res.stdout.splitlines()} == {r["id"] for r in rows if r["year"] == year}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_ingests_at_once_store_each_report_once(corpus, tmp_path, request, backend):
    db = str(tmp_path / "two.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    paths = small_batch(corpus)
    procs = [subprocess.Popen([*LUOSHI, "ingest", *paths, "--db", db, "--jobs", "1", "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert all("failed 0" in out for out in outputs), outputs
    assert assert_complete(db) == len(distinct_ids(paths))


def test_ctrl_c_rolls_back_only_the_current_report(corpus, tmp_path):
    db = tmp_path / "int.db"
    paths = [str(corpus / "raw")]
    # Ctrl-C must reach the command even when this test runs in a background job, whose commands start with SIGINT
    # ignored (an ignored signal stays ignored across exec): catching it here while the child starts gives the child
    # the default disposition (a caught signal is reset on exec), as a terminal would.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen([*LUOSHI, "ingest", *paths, "--db", str(db), "--jobs", "2", "-q"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and count_reports(db) < 5:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 130
    assert "interrupted" in err and "stored " in err
    survived = assert_complete(db)
    assert f"stored {survived}," in err  # the summary counts exactly what is in the file
    subprocess.run([*LUOSHI, "ingest", *paths, "--db", str(db), "--jobs", "2", "-q"], check=True, capture_output=True)
    assert assert_complete(db) == len(distinct_ids(paths))


def test_unreadable_inputs_are_listed_and_fail_the_command(tmp_path):
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    res = subprocess.run([*LUOSHI, "ingest", str(image), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "u.db")],
                         check=False, capture_output=True, text=True)
    assert res.returncode == 2  # every input failed (1: some did)
    lines = res.stderr.splitlines()
    assert any(line.startswith(f"failed {image}: ") for line in lines)
    assert any(line.startswith(f"failed {tmp_path / 'missing.txt'}: ") for line in lines)
    assert "read 2, stored 0," in res.stderr


def test_ingest_leaves_planner_statistics_for_the_listing_queries(corpus, tmp_path):
    """An ingest that adds at least a tenth of the database re-gathers the planner's statistics (a planner without
    them starts the targets-of-a-year join from every target fact); a small addition to a big database does not."""
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        summary = ingest(store, [str(corpus / "seeds")], jobs=1)
        assert summary.stored > 2
        analysed = {r["tbl"] for r in store.query("SELECT tbl FROM sqlite_stat1", [])}
        assert {"reports", "fact_rows"} <= analysed  # facts is a view of fact_rows (schema version 100)
        assert store.query("SELECT 1 AS x FROM sqlite_master WHERE name = 'reports_canonical_year'", [])
        assert store.refresh_statistics(0) is False
        assert store.refresh_statistics(1) is (10 >= store.count())
        assert store.refresh_statistics(store.count()) is True


def test_a_re_run_after_one_file_changed_reads_and_processes_only_that_file(corpus, tmp_path, monkeypatch):
    """Incremental work: of a folder ingested before, only the changed file is decoded and processed again (the
    others are known by the sha256 of their bytes); the time this saves is measured in bench/bench_ingest.py."""
    from luoshi.ingest import readers

    folder = tmp_path / "in"
    folder.mkdir()
    files = sorted(p for p in (corpus / "bulk").rglob("*.md"))[:20]
    for i, f in enumerate(files):
        (folder / f"{i:02d}.md").write_bytes(f.read_bytes())
    db = str(tmp_path / "inc.db")
    with open_store(db) as store:
        first = ingest(store, [str(folder)], jobs=1)
    assert first.stored + first.duplicates == 20 and not first.failed
    changed = folder / "07.md"
    changed.write_bytes(changed.read_bytes() + "\n（本文有删改）\n".encode())
    decoded, processed = [], []
    real_iter_bytes, real_process = readers.iter_bytes, store_ingest.process
    monkeypatch.setattr(readers, "iter_bytes", lambda source, *a, **k: decoded.append(source) or real_iter_bytes(
        source, *a, **k))
    monkeypatch.setattr(store_ingest, "process", lambda doc: processed.append(doc.source) or real_process(doc))
    with open_store(db) as store:
        again = ingest(store, [str(folder)], jobs=1)
        assert store.count() == first.stored + 1
    assert (again.stored, again.already_stored + again.duplicates) == (1, 19)
    assert decoded == [str(changed)] and processed == [str(changed)]


def test_jobs_auto_uses_every_core_and_a_bad_count_is_refused(corpus, tmp_path, monkeypatch):
    used = []
    real = store_ingest.ingest
    monkeypatch.setattr(store_ingest, "ingest", lambda *a, **k: used.append(k["jobs"]) or real(*a, **k))
    db = str(tmp_path / "auto.db")
    ok = CliRunner().invoke(app, ["ingest", str(corpus / "seeds"), "--db", db, "--jobs", "auto", "-q"])
    assert ok.exit_code == 0, ok.output
    assert used == [store_ingest.default_jobs()] and "stored 5" in ok.output
    bad = CliRunner().invoke(app, ["ingest", str(corpus / "seeds"), "--db", db, "--jobs", "lots"])
    assert bad.exit_code == 2 and "--jobs takes a number" in bad.output
