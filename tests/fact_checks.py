"""Helpers shared by the extraction tests on real reports: facts of a corpus file and checks on them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from luoshi.ingest import read_paths
from luoshi.models import Fact
from luoshi.pipeline import process


@lru_cache(maxsize=32)
def report_facts(path: str) -> tuple[Fact, ...]:
    """The facts of the first report in a file (processed once per test session)."""
    return tuple(process(next(iter(read_paths([Path(path)])))).facts)


def facts(corpus: Path, rel: str, *statuses: str) -> list[Fact]:
    return [f for f in report_facts(str(corpus / rel)) if f.status in statuses]


def close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= abs(b) * 1e-4 + 1e-9


def has(got: list[Fact], metric: str | None, *, value: float | None = None, unit: str | None = None,
        growth: float | None = None, growth_unit: str = "%", bound: str | None = None, period: int | None = None,
        text: str | None = None) -> bool:
    """A fact of that metric (and metric_text containing `text`) with every number given, and bound/period where given."""
    for f in got:
        if f.metric != metric or (text is not None and text not in (f.metric_text or "")):
            continue
        if value is not None and not (close(f.value, value) and f.unit == unit):
            continue
        if growth is not None and not (close(f.growth, growth) and f.growth_unit == growth_unit):
            continue
        if bound is not None and f.bound != bound:
            continue
        if period is not None and f.period != period:
            continue
        return True
    return False
