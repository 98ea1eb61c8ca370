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
    groups: dict[str, list[int]] = field(default_factory=dict)  # group -> [checked, failed], for checks that sort

    def count(self, group: str, failure: Failure | None = None) -> None:
        """Count one checked item in `group` (e.g. "2000s city": misses cluster by period and level), failing
        when a failure row is given."""
        self.checked += 1
        tally = self.groups.setdefault(group, [0, 0])
        tally[0] += 1
        if failure is not None:
            tally[1] += 1
            self.failures.append(failure)

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
    groups: dict[str, list[int]] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {"check": self.id, "description": self.description, "checked": self.checked, "failed": self.failed,
                "rate": None if self.rate is None else round(self.rate, 4)}
