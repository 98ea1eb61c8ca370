"""Coverage checks: does each annual work report yield its main GDP target and the GDP result of the year it
reviews? A miss is either an extraction gap (the figure is in the text) or a report that truly lacks it."""

from __future__ import annotations

from typing import Any

from .corpus import Corpus, record_failure_fields
from .model import Failure, Outcome
from .select import GDP, RESULT_STATUSES, covers_gdp_target, figure_text, gdp_result, meta, reviewed_year


def group(record: dict[str, Any]) -> str:
    """Decade and level ("2000s city"), the way ../shared/tools/coverage.py sorts its figures."""
    m = meta(record)
    return f"{m['year'] // 10 * 10}s {m.get('level') or 'unknown'}"


def _first(record: dict[str, Any], keep) -> dict[str, Any] | None:
    return next((f for f in record.get("facts") or [] if f.get("metric") == GDP and keep(f)), None)


def gdp_target_coverage(corpus: Corpus) -> Outcome:
    """Each annual work report has a GDP target: a growth, a range, a relation, or gdp in absent_targets."""
    out = Outcome()
    for r in corpus.annual:
        if covers_gdp_target(r):
            out.count(group(r))
            continue
        year = meta(r).get("year")
        near = _first(r, lambda f, year=year: f.get("growth") is not None and f.get("period") in (year, None)) \
            or _first(r, lambda f: f.get("status") == "target")
        why = "no GDP target, relation or explicit absence"
        if near is not None:
            why += f"; nearest GDP figure of the year was read as {near.get('status')}"
        out.count(group(r), Failure("gdp_target", **record_failure_fields(r), metric=GDP, values=figure_text(near),
                                    sentence=(near or {}).get("sentence", ""), why=why))
    return out


def gdp_result_coverage(corpus: Corpus) -> Outcome:
    """Each annual work report states the GDP growth of the year it reviews (actual or estimate, period year-1)."""
    out = Outcome()
    for r in corpus.annual:
        year = reviewed_year(r)
        if gdp_result(r, year) is not None:
            out.count(group(r))
            continue
        near = _first(r, lambda f: f.get("status") in RESULT_STATUSES and f.get("growth") is not None)
        why = f"no GDP growth result for {year}"
        if near is not None:
            why += f"; first GDP growth result is for {near.get('period')} ({near.get('basis') or 'annual'})"
        out.count(group(r), Failure("gdp_result", **record_failure_fields(r), metric=GDP, values=figure_text(near),
                                    sentence=(near or {}).get("sentence", ""), why=why))
    return out
