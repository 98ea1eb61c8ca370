"""Audit: a label-free data-quality report over a corpus of extracted reports (`luoshi audit`).

Each check (checks.CHECKS, an ordered registry) reads only what luoshi extracted (meta, facts, absent_targets),
never a file name, and returns how many items it looked at and the ones that fail it, each with the report, the
figure, its sentence and why. docs/audit.md explains each check and what to do with a flag.

    from luoshi.audit import audit, records_from_paths
    results = audit(r for r in records_from_paths(["../shared/corpus/bulk"]) if isinstance(r, dict))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .checks import BY_ID, CHECKS
from .corpus import Corpus
from .model import FAILURE_COLUMNS, Check, CheckResult, Failure, Outcome
from .records import Failed, audit_record, records_from_paths, records_from_store


def audit(records: Iterable[dict[str, Any]], *, only: Iterable[str] | None = None) -> list[CheckResult]:
    """Run every check (or those in `only`, by id) over the audit records, in registry order."""
    corpus = Corpus(records)
    wanted = set(only) if only is not None else None
    if wanted is not None and (unknown := wanted - set(BY_ID)):
        raise KeyError(f"unknown check(s): {', '.join(sorted(unknown))}")
    results = []
    for check in CHECKS:
        if wanted is not None and check.id not in wanted:
            continue
        outcome = check.run(corpus)
        results.append(CheckResult(check.id, check.description, outcome.checked, len(outcome.failures),
                                   outcome.rate, outcome.failures, dict(sorted(outcome.groups.items()))))
    return results


__all__ = ["BY_ID", "CHECKS", "FAILURE_COLUMNS", "Check", "CheckResult", "Corpus", "Failed", "Failure", "Outcome",
           "audit", "audit_record", "records_from_paths", "records_from_store"]
