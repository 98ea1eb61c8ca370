"""The figures of the jurisdictions a relation names ("高于全省平均水平", "进出口增速高于全国平均水平"), from the corpus.

A relation target (a GDP `Fact.relation`, or an entry of `Report.relative_targets`) set against another jurisdiction
is judged against that jurisdiction's result for the year (track/relation.py). Where the corpus holds it: the
national figures of the NBS communiqués (else the national work report of the next year), and a province's results
for year N as its own N+1 work report states them: the first figure of the metric stated as a rate in %, not a
part's ("全年贫困地区农村居民人均可支配收入…增长8.8%" is not the country's). `track(..., references=...)` takes one region's.
"""

from __future__ import annotations

from ..extract import part_named
from ..models import Fact, Report
from .communique import communique_results, communique_year, is_communique
from .lexicon import words
from .pairing import reported_results, work_reports_by_year
from .relation import rate_of

NATIONAL = tuple(words("national_references"))


def first_rate(facts: list[Fact], metric: str) -> float | None:
    return next((r for f in facts if (r := rate_of(f, metric)) is not None and not part_named(f.metric_text)), None)


def stated_results(reports: list[Report]) -> dict[tuple[int, str], float]:
    """{(year, metric): rate in %} of one jurisdiction's work reports: the first result for year N its N+1 report
    states as a rate (a growth; a level in % for a metric where less is better)."""
    by_year, _ = work_reports_by_year(reports)
    out: dict[tuple[int, str], float] = {}
    for n in by_year:
        if n + 1 not in by_year:
            continue
        for metric, facts in reported_results(by_year[n + 1], n).items():
            if (rate := first_rate(facts, metric)) is not None:
                out[(n, metric)] = rate
    return out


def jurisdiction_references(groups: dict[str, list[Report]]) -> dict[str, dict[tuple[str, int, str], float]]:
    """For each region of `groups` (its name → its reports, as `luoshi track --all` groups them) the figures its
    relations are set against: {(to, year, metric): rate} with to 全国/国家 (the communiqués among all the reports,
    else the national work reports) and 全省 (全区 for an autonomous region) from its province's own reports."""
    everything = [r for reports in groups.values() for r in reports]
    national: dict[tuple[int, str], float] = {}
    for c in (r for r in everything if is_communique(r)):
        year = communique_year(c)
        for metric, facts in communique_results(c).items():
            if year is not None and (rate := first_rate(facts, metric)) is not None:
                national.setdefault((year, metric), rate)
    for (n, m), v in stated_results(groups.get("全国", [])).items():
        national.setdefault((n, m), v)  # the communiqué first: the statistical source
    base = {(to, n, m): v for to in NATIONAL for (n, m), v in national.items()}
    provinces = {name: stated_results(reports) for name, reports in groups.items()
                 if any(r.meta.level == "province" for r in reports)}
    out = {}
    for name, reports in groups.items():
        refs = dict(base)
        province = next((r.meta.province for r in reports if r.meta.province), None)
        if province and province != name and province in provinces:
            word = "全区" if province.endswith("自治区") else "全省"
            refs.update({(word, n, m): v for (n, m), v in provinces[province].items()})
        out[name] = refs
    return out
