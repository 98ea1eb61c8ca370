"""Extraction: every quantified fact, with metric, value, growth, bound, status, period and offsets."""

from __future__ import annotations

from ..models import Fact, Report


def extract_facts(report: Report) -> tuple[list[Fact], list[str]]:
    """Return the facts and the metric ids the report explicitly sets no target for."""
    return [], []
