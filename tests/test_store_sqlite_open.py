"""Many processes opening one new SQLite file at once: each gets a WAL connection (none fails with "locked")."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3

from luoshi.store.sqlite import SQLiteStore


def _open_and_write(path: str) -> str:
    try:
        store = SQLiteStore(path)
        with store.transaction():
            store.conn.execute("CREATE TABLE IF NOT EXISTS t(x)")
            store.conn.execute("INSERT INTO t VALUES (1)")
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        store.close()
        return mode
    except sqlite3.Error as e:  # reported, so the assertion shows what went wrong
        return repr(e)


def test_processes_opening_a_new_file_together_all_get_wal(tmp_path):
    ctx = mp.get_context("spawn")
    with ctx.Pool(6) as pool:
        modes = []
        for i in range(12):
            modes += pool.map(_open_and_write, [str(tmp_path / f"new{i}.db")] * 6)
    assert modes == ["wal"] * len(modes)
