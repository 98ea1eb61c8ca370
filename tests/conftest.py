"""Shared fixtures. Tests that need ../shared (the corpus and the gold answers) skip with a reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LUOSHI_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED} (set LUOSHI_SHARED); it is not in this checkout")
    return SHARED


@pytest.fixture(scope="session")
def corpus(shared: Path) -> Path:
    return shared / "corpus"


@pytest.fixture(scope="session")
def seeds(corpus: Path) -> dict[str, Path]:
    return {p.name[:3]: p for p in sorted((corpus / "seeds").glob("*.txt"))}
from pg_fixture import pg_server, pg_url  # noqa: F401  (PostgreSQL fixtures, see tests/pg_fixture.py)
