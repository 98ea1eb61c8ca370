"""National results from the NBS statistical communiqués (国家统计局年度统计公报), a second source for national targets.

A communiqué is a document of its own kind: its headline results are read with the focused reader (the same
metric aliases and figure patterns), all as status "actual" for the communiqué's year.
"""

from __future__ import annotations

import re

from ..models import Fact, Report
from . import reader
from .pairing import main_targets, pair_target, report_year
from .verdict import Verdict, comparable

TITLE_YEAR_RE = re.compile(r"(\d{4})年国民经济和社会发展统计公报")


def communique_year(text: str) -> int | None:
    """The year a communiqué reports on, from its title line ("中华人民共和国2023年国民经济和社会发展统计公报")."""
    match = TITLE_YEAR_RE.search(text[:2000])
    return int(match.group(1)) if match else None


def is_communique(report: Report) -> bool:
    return report.meta.doc_type == "communique" or communique_year(report.text) is not None


def communique_results(report: Report) -> dict[str, list[Fact]]:
    """The communiqué's results by metric (first mention of each: the headline figure)."""
    year = communique_year(report.text)
    by_metric: dict[str, list[Fact]] = {}
    for fact in reader.read_figures(report.text, status="actual", period=year):
        if fact.metric:
            by_metric.setdefault(fact.metric, []).append(fact)
    return by_metric


def track_national(reports: list[Report], communiques: list[Report], *, year: int | None = None) -> list[Verdict]:
    """Each national target of year N against the communiqué for year N."""
    by_year = {communique_year(c.text): c for c in communiques}
    verdicts: list[Verdict] = []
    for report in reports:
        n = report_year(report)
        if n is None or (year is not None and n != year) or n not in by_year:
            continue
        source = by_year[n]
        results = communique_results(source)
        for target in main_targets(report, n):
            verdict, result, conf, note = pair_target(target, results.get(target.metric or "", []), source="communique")
            v = Verdict(region=report.meta.region or "全国", year=n, metric=target.metric, verdict=verdict,
                        target=target, result=result, target_report=report.id,
                        result_report=source.id if result else None, confidence=conf, source="communique",
                        note=note, level=report.meta.level, province=report.meta.province)
            if result is not None and (pair := comparable(target, result)):
                v.target_value, v.result_value, v.unit = pair[0].value, pair[1].value, pair[0].unit
            verdicts.append(v)
    return verdicts
