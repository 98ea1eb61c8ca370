"""`pg_url`: a fresh, empty PostgreSQL database per test.

Uses env LUOSHI_TEST_PG_URL when set (a database is created on that server for each test when the role may;
otherwise the URL is used as is). Else starts a throwaway cluster once per session with Debian's
/usr/lib/postgresql/*/bin (initdb, pg_ctl) in a temporary folder on a free port, owned by the `postgres` user
when the tests run as root (PostgreSQL refuses to run as root), and stops it at the end.
Skips with the reason when there are no server binaries.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

_counter = itertools.count()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4].split(".")[0]))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _as_owner(cmd: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database (postgres)."""
    env_url = os.environ.get("LUOSHI_TEST_PG_URL")
    if env_url:
        yield env_url
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests need psycopg (pip install 'luoshi[test]')")
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql, or set LUOSHI_TEST_PG_URL)")
    owner = None
    if os.geteuid() == 0:
        owner = "postgres" if _user_exists("postgres") else "nobody"
    base = tempfile.mkdtemp(prefix="luoshi-pg-")
    data = os.path.join(base, "data")
    if owner:
        shutil.chown(base, user=owner)
    port = _free_port()
    log = os.path.join(base, "log")
    subprocess.run(_as_owner([f"{bin_dir}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                              "--no-locale"], owner), check=True, capture_output=True)
    subprocess.run(_as_owner([f"{bin_dir}/pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "-o",
                              f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"], owner),
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_owner([f"{bin_dir}/pg_ctl", "-D", data, "-m", "immediate", "stop"], owner),
                       check=False, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh empty database on the test server, dropped after the test."""
    import psycopg

    name = f"luoshi_test_{os.getpid()}_{next(_counter)}_{int(time.time() * 1000) % 100000}"
    try:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:  # a role without CREATEDB: use the given database as is
        yield pg_server
        return
    yield urlunsplit(urlsplit(pg_server)._replace(path="/" + name))
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
