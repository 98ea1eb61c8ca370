"""Which extracted facts are a report's main GDP target and its result for the reviewed year (fact dicts).

The audit reads the JSON record (shared/spec/report-json.md) as dicts, so that a field added by a later version of
the extract stage (e.g. a fact's `relation`) is read when present and never required. The rules mirror the track
stage's pairing (luoshi.track.pairing): a main target is the first whole-jurisdiction, annual-basis target of the
report's own year; a result is an actual (before an estimate) for the year, not a multi-year figure.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..track.pairing import FIVE_YEAR_NEAR, RESULT_STATUSES

FIRST_YEAR = 1995  # as ../shared/tools/coverage.py: nearly every annual work report since then sets a GDP target
GDP = "gdp"


def meta(record: dict[str, Any]) -> dict[str, Any]:
    return record.get("meta") or {}


def is_annual_work_report(record: dict[str, Any]) -> bool:
    """An annual work report of 1995 or later, by its own metadata (the filter of ../shared/tools/coverage.py)."""
    m = meta(record)
    return (m.get("kind") == "annual" and (m.get("doc_type") or "work_report") == "work_report"
            and (m.get("year") or 0) >= FIRST_YEAR)


def is_communique(record: dict[str, Any]) -> bool:
    return meta(record).get("doc_type") == "communique"


def whole_annual(fact: dict[str, Any]) -> bool:
    """About the jurisdiction as a whole and one year (not a park, not 年均/累计)."""
    return not fact.get("scope") and (fact.get("basis") or "annual") == "annual"


def absent_metrics(record: dict[str, Any]) -> set[str]:
    """Metrics the report explicitly sets no target for: `absent_targets` holds metric ids (or, should it come to
    carry the sentence too, dicts with a "metric")."""
    found = {a.get("metric") if isinstance(a, dict) else a for a in record.get("absent_targets") or []}
    return {m for m in found if isinstance(m, str)}


def covers_gdp_target(record: dict[str, Any]) -> bool:
    """The coverage rule of ../shared/tools/coverage.py: a gdp target with a growth or a relation, or gdp listed in
    absent_targets (an explicit "不设具体目标")."""
    return GDP in absent_metrics(record) or any(
        f.get("metric") == GDP and f.get("status") == "target" and (f.get("growth") is not None or f.get("relation"))
        for f in record.get("facts") or [])


def main_gdp_target(record: dict[str, Any]) -> dict[str, Any] | None:
    """The report's main GDP growth target for its own year with a figure in %, or None."""
    year = meta(record).get("year")
    for f in record.get("facts") or []:
        if (f.get("metric") == GDP and f.get("status") == "target" and f.get("period") in (year, None)
                and whole_annual(f) and f.get("growth") is not None and f.get("growth_unit") == "%"):
            return f
    return None


def target_figure(fact: dict[str, Any]) -> float:
    """One figure for a target: the middle of a range ("7%-8%"), else the growth."""
    low, high = fact["growth"], fact.get("high")
    return (low + high) / 2 if high is not None and high >= low else low


def multi_year(fact: dict[str, Any]) -> bool:
    """A figure over several years ("年均", "累计", "五年来增长45%") is not the year's result (track.pairing)."""
    if (fact.get("basis") or "annual") != "annual":
        return True
    sentence, value_text = fact.get("sentence") or "", fact.get("value_text") or ""
    at = sentence.find(value_text) if value_text else -1
    return bool(FIVE_YEAR_NEAR.search(sentence[:at] if at >= 0 else sentence))


def gdp_result(record: dict[str, Any], year: int | None) -> dict[str, Any] | None:
    """The GDP growth result the record states for `year`: an actual before an estimate, first in text order."""
    if year is None:
        return None
    found = [f for f in record.get("facts") or []
             if f.get("metric") == GDP and f.get("status") in RESULT_STATUSES and f.get("period") == year
             and f.get("growth") is not None and not f.get("scope") and not multi_year(f)]
    found.sort(key=lambda f: RESULT_STATUSES.index(f["status"]))
    return found[0] if found else None


def reviewed_year(record: dict[str, Any]) -> int | None:
    """The year an annual work report reviews: the one before its own."""
    year = meta(record).get("year")
    return year - 1 if year else None


def communique_year(record: dict[str, Any]) -> int | None:
    """The year a communiqué reports on: the most common period of its actuals, else its meta year
    (as luoshi.track.communique.communique_year)."""
    periods = Counter(f["period"] for f in record.get("facts") or []
                      if f.get("status") == "actual" and f.get("period") is not None)
    return periods.most_common(1)[0][0] if periods else meta(record).get("year")


def figure_text(fact: dict[str, Any] | None) -> str:
    """'增长8%' / '增长7%—8%' / '与全国同步' for a failure row."""
    if fact is None:
        return ""
    parts = []
    if fact.get("growth") is not None:
        g = f"{fact['growth']:g}"
        if fact.get("high") is not None:
            g += f"—{fact['high']:g}"
        parts.append(f"增长{g}{fact.get('growth_unit') or ''}")
    elif fact.get("value") is not None:
        parts.append(fact.get("value_text") or f"{fact['value']:g}{fact.get('unit') or ''}")
    if fact.get("relation"):
        parts.append(f"relation {fact['relation']}")
    return "，".join(parts) or (fact.get("value_text") or "")
