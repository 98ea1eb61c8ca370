"""The records an audit reads, indexed once for the checks that look across reports (by region and year)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ..store import neardup
from .select import communique_year, gdp_result, is_annual_work_report, is_communique, main_gdp_target, meta


def record_failure_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Where a failure is: the report's id, source, region and year (as extracted, never read from the source)."""
    m = meta(record)
    return {"report": record.get("id"), "source": record.get("source"), "region": m.get("region"),
            "year": m.get("year")}


class Corpus:
    """Audit records (JSON records as dicts: id, source, meta, facts, absent_targets; see audit.records), with the
    indexes the cross-report checks need. Records are kept in a stable order (region, year, id), so every run over
    the same reports lists the same failures in the same order."""

    def __init__(self, records: Iterable[dict[str, Any]]):
        self.records = sorted(records, key=lambda r: (meta(r).get("region") or "", meta(r).get("year") or 0,
                                                      r.get("id") or ""))

    @cached_property
    def annual(self) -> list[dict[str, Any]]:
        """Annual work reports of 1995 or later: the reports coverage and continuity are about."""
        return [r for r in self.records if is_annual_work_report(r)]

    @cached_property
    def by_region_year(self) -> dict[tuple[str, int], list[dict[str, Any]]]:
        """Annual work reports by (region, year): more than one is the same report from different sources."""
        out: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for r in self.annual:
            m = meta(r)
            if m.get("region"):
                out.setdefault((m["region"], m["year"]), []).append(r)
        return out

    @cached_property
    def copies(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Pairs of annual work reports that are copies of one report: same region and year, different ids, and
        near-duplicate texts (MinHash similarity at the store's threshold, store.neardup; two reports of one year,
        such as a January report and an October one, are not copies)."""
        out = []
        for records in self.by_region_year.values():
            for i, a in enumerate(records):
                for b in records[i + 1:]:
                    if a.get("id") != b.get("id") and a.get("minhash") and b.get("minhash") \
                            and neardup.similarity(a["minhash"], b["minhash"]) >= neardup.THRESHOLD:
                        out.append((a, b))
        return out

    @cached_property
    def targets(self) -> dict[tuple[str, int], tuple[dict[str, Any], dict[str, Any]]]:
        """(region, year) -> (record, main GDP target fact) from the first copy that has one."""
        out = {}
        for key, records in self.by_region_year.items():
            for r in records:
                if (fact := main_gdp_target(r)) is not None:
                    out[key] = (r, fact)
                    break
        return out

    @cached_property
    def communique_results(self) -> dict[int, tuple[dict[str, Any], dict[str, Any]]]:
        """Year N -> (communiqué record, its headline GDP growth for N): the first such figure in its text."""
        out = {}
        for r in self.records:
            if is_communique(r) and (year := communique_year(r)) is not None and year not in out:
                fact = gdp_result(r, year)
                if fact is not None and fact.get("growth_unit") == "%":
                    out[year] = (r, fact)
        return out
