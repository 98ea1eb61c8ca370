"""PostgreSQL search asks for the newest matches in id windows (search_index.WINDOW_LEVELS): the same rows, in the
same order, as one query over the whole index; a database made with the plain grams index is upgraded by `luoshi
migrate`; a search checks the index against the reports only after a write on the server."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from luoshi.query import search as search_module
from luoshi.query.expr import parse, to_tsquery
from luoshi.query.search import count, newest_matches, search
from luoshi.store import open_store
from luoshi.store.search_index import ensure_index, file_state, pg_grams, window_lexemes

pytestmark = pytest.mark.postgres

FILES = ("政府工作报告-主要城市/苏州市/",)
QUERIES = ("就业", "高质量发展", "低空经济", "税", "就业 -青年", "科技 创新", "养老|医疗", "ＧＤＰ", "長江")


def plain_newest(store, tsquery: str, joins: str, cond: str, params: list, need: int) -> list[dict]:
    """What search asked before the windows: one query over the whole index, newest first."""
    return store.query(f'SELECT sp.id, sp.report_id, sp.start, sp."end" - sp.start AS n FROM search_spans sp{joins} '
                       f"WHERE {pg_grams()} @@ ?::tsquery{cond} ORDER BY sp.id DESC LIMIT ?", [tsquery, *params, need])


@pytest.fixture(scope="module")
def pg_db(pg_server: str, corpus: Path) -> str:
    """A database of the 苏州市 reports of the corpus (a few thousand index rows: many windows of 256)."""
    import psycopg
    from test_query_search import build_store, manifest_reports

    name = f"luoshi_windows_{os.getpid()}_{int(time.time() * 1000) % 100000}"
    try:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        pytest.skip("the PostgreSQL role may not create a database")
    url = urlunsplit(urlsplit(pg_server)._replace(path="/" + name))
    files = [f for f in manifest_reports(corpus) if any(s in str(f[0]) for s in FILES)]
    with build_store(url, files) as store:
        ensure_index(store)
    yield url
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_window_lexemes_are_blocks_of_one_level_holding_the_window():
    for lo, top in [(0, 5), (255, 256), (300, 4095), (1000, 70_000), (123_457, 4_175_049), (2_097_152, 2_097_152)]:
        blocks = [(int(x.split(":")[0][1:]), int(x.split(":")[1])) for x in window_lexemes(lo, top)]
        assert len({k for k, _ in blocks}) == 1 and (len(blocks) <= 8 or blocks[0][0] == 20)
        k = blocks[0][0]
        assert [n for _, n in blocks] == list(range(blocks[0][1], blocks[-1][1] + 1))  # contiguous
        assert blocks[0][1] << k <= lo < (blocks[0][1] + 1) << k and blocks[-1][1] == top >> k
        assert k == 8 or (top >> (k - 3)) - (lo >> (k - 3)) >= 8  # no smaller level would do


def test_windows_find_the_same_rows_as_one_query(pg_db):
    with open_store(pg_db) as store:
        top = store.query("SELECT MAX(id) AS m FROM search_spans")[0]["m"]
        assert top > 8 * 256, "too few index rows to need windows"
        asked: list[str] = []
        real = store.query

        def spy(sql, params=()):
            asked.extend(p for p in params if isinstance(p, str) and " & ('i" in p)
            return real(sql, params)

        store.query = spy
        joins = " JOIN reports r ON r.id = sp.report_id"
        for q in QUERIES:
            tsq = to_tsquery(parse(q), "substring")
            for need in (1, 20, 100, 1000, 100_000):
                assert newest_matches(store, tsq, "", "", [], need) == plain_newest(store, tsq, "", "", [], need), q
            year = store.query("SELECT MAX(year) AS y FROM reports")[0]["y"]
            assert (newest_matches(store, tsq, joins, " AND r.year = ?", [year], 50)
                    == plain_newest(store, tsq, joins, " AND r.year = ?", [year], 50)), q
        assert asked, "no window was asked for"


@pytest.mark.parametrize("window", [30, 200])
def test_search_pages_are_the_same_with_and_without_windows(pg_db, monkeypatch, window):
    monkeypatch.setattr(search_module, "RANK_WINDOW", window)
    with open_store(pg_db) as store:
        for q in QUERIES:
            got = [search(store, q, limit=20, offset=o) for o in (0, 20)]
            with monkeypatch.context() as m:
                m.setattr(search_module, "newest_matches", plain_newest)
                want = [search(store, q, limit=20, offset=o) for o in (0, 20)]
            assert got == want, q
            if q == "就业":
                assert len(got[0]) == len(got[1]) == 20 and all("就业" in h["sentence"] for h in got[0] + got[1])


def test_migrate_upgrades_a_database_with_the_plain_grams_index(pg_db):
    from typer.testing import CliRunner

    from luoshi.cli import app

    with open_store(pg_db) as store:
        before = {q: search(store, q, limit=50) for q in QUERIES}
        counts = {q: count(store, q) for q in QUERIES}
        with store.transaction():  # the index of before: GIN (grams), no window lexemes
            store.query("DROP INDEX search_spans_windows")
            store.query("DROP FUNCTION search_grams(tsvector, bigint)")
            store.query("CREATE INDEX search_spans_grams ON search_spans USING GIN (grams)")
    result = CliRunner().invoke(app, ["migrate", "--db", pg_db])
    assert result.exit_code == 0, result.output
    with open_store(pg_db) as store:
        indexes = {r["indexname"] for r in store.query("SELECT indexname FROM pg_indexes WHERE tablename = 'search_spans'")}
        assert "search_spans_windows" in indexes and "search_spans_grams" not in indexes
        plan = "\n".join(r["QUERY PLAN"] for r in store.query(
            f"EXPLAIN SELECT sp.id FROM search_spans sp WHERE {pg_grams()} @@ ?::tsquery ORDER BY sp.id + 0 DESC LIMIT 5",
            [to_tsquery(parse("就业"), "substring") + " & 'i8:0'"]))
        assert "search_spans_windows" in plan
        assert {q: search(store, q, limit=50) for q in QUERIES} == before
        assert {q: count(store, q) for q in QUERIES} == counts


def test_the_index_is_checked_again_only_after_a_write(pg_db, corpus):
    from test_query_search import build_store, manifest_reports

    other = [f for f in manifest_reports(corpus) if "江苏省/2024" in str(f[0])][:1]
    assert other, "the corpus should hold 江苏省 2024"
    with open_store(pg_db) as a:
        ensure_index(a)
        state = file_state(a)
        assert ensure_index(a) == 0 and file_state(a) == state  # a read takes no transaction id
        n = len(search(a, "就业", limit=1_000_000))
        with build_store(pg_db, other) as b:  # another connection stores a report without index rows
            rid = b.query("SELECT id FROM reports ORDER BY ingested_at DESC LIMIT 1")[0]["id"]
        assert file_state(a) != state
        assert ensure_index(a) == 1 and ensure_index(a) == 0
        assert len(search(a, "就业", limit=1_000_000)) > n
        a.delete_report(rid)  # its rows stay in the index until the next search: rebuilt without it
        assert ensure_index(a) >= 1
        assert len(search(a, "就业", limit=1_000_000)) == n
