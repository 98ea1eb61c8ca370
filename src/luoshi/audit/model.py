"""What an audit produces: each check's outcome (how many items it looked at, which failed and why)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

FAILURE_COLUMNS = ("check", "report", "source", "region", "year", "metric", "values", "sentence", "why")


@dataclass
class Failure:
    """One item a check refused: where it is (report id and source, as stored), what it says and why it fails."""

    check: str
    report: str | None
    source: str | None
    region: str | None
    year: int | None
    metric: str | None
    values: str
    sentence: str
    why: str

    def row(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Outcome:
    """A check's result: `checked` items looked at, the `failures` among them (one row per failing item)."""

    checked: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """The share of checked items that pass (None when nothing could be checked)."""
        return None if not self.checked else 1 - len(self.failures) / self.checked


@dataclass(frozen=True)
class Check:
    id: str
    description: str
    run: Callable[[Any], Outcome]


@dataclass
class CheckResult:
    id: str
    description: str
    checked: int
    failed: int
    rate: float | None
    failures: list[Failure]

    def summary(self) -> dict[str, Any]:
        return {"check": self.id, "description": self.description, "checked": self.checked, "failed": self.failed,
                "rate": None if self.rate is None else round(self.rate, 4)}
