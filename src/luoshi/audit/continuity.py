"""Continuity of GDP growth targets: a region's target moves little from one year to the next, and a city's target
sits near its province's target of the same year. A target far from every figure it can be compared with is
suspicious: a misread number, a target of another metric or year, or a region that really changed course.
"""

from __future__ import annotations

from .corpus import Corpus, record_failure_fields
from .model import Failure, Outcome
from .select import GDP, figure_text, meta, target_figure

# Percentage points. Targets are planned, not measured: a region lowers or raises its GDP target by a point or two
# in a year (2008→2009, 2014→2015, 2019→2021); a step of more than YEAR_STEP is rare enough to read.
YEAR_STEP = 3.0
# Percentage points. A city sets its target from its province's (usually equal or 0.5–2 points above: provinces add
# up faster-growing cities); a gap of more than PROVINCE_GAP either way is rare enough to read.
PROVINCE_GAP = 3.0


def _figure(corpus: Corpus, region: str, year: int) -> float | None:
    got = corpus.targets.get((region, year))
    return target_figure(got[1]) if got else None


def _province_figure(corpus: Corpus, record: dict) -> float | None:
    m = meta(record)
    province = m.get("province")
    if m.get("level") != "city" or not province or province == m.get("region"):
        return None
    return _figure(corpus, province, m["year"])


def _row(check: str, record: dict, fact: dict, refs: str, why: str) -> Failure:
    return Failure(check, **record_failure_fields(record), metric=GDP, values=f"{figure_text(fact)}; {refs}",
                   sentence=fact.get("sentence", ""), why=why)


def target_year_step(corpus: Corpus) -> Outcome:
    """A region's GDP target moves by at most YEAR_STEP points from the year before."""
    out = Outcome()
    for (region, year), (record, fact) in sorted(corpus.targets.items()):
        before = _figure(corpus, region, year - 1)
        if before is None:
            continue
        out.checked += 1
        now = target_figure(fact)
        if abs(now - before) > YEAR_STEP:
            out.failures.append(_row("target_step", record, fact, f"{year - 1}: {before:g}%",
                                     f"moves {now - before:+.1f} points from the year before (limit {YEAR_STEP:g})"))
    return out


def target_near_province(corpus: Corpus) -> Outcome:
    """A city's GDP target is within PROVINCE_GAP points of its province's target of the same year."""
    out = Outcome()
    for (_region, _year), (record, fact) in sorted(corpus.targets.items()):
        province = _province_figure(corpus, record)
        if province is None:
            continue
        out.checked += 1
        now = target_figure(fact)
        if abs(now - province) > PROVINCE_GAP:
            out.failures.append(_row("target_province", record, fact, f"{meta(record)['province']}: {province:g}%",
                                     f"{now - province:+.1f} points from the province (limit {PROVINCE_GAP:g})"))
    return out


def suspicious_target(corpus: Corpus) -> Outcome:
    """A GDP target far from every reference it has: the region's targets of the years before and after (more than
    YEAR_STEP) and, for a city, the province's of the same year (more than PROVINCE_GAP)."""
    out = Outcome()
    for (region, year), (record, fact) in sorted(corpus.targets.items()):
        now = target_figure(fact)
        refs = [(f"{y}: {v:g}%", abs(now - v) > YEAR_STEP) for y in (year - 1, year + 1)
                if (v := _figure(corpus, region, y)) is not None]
        if (p := _province_figure(corpus, record)) is not None:
            refs.append((f"{meta(record)['province']}: {p:g}%", abs(now - p) > PROVINCE_GAP))
        if not refs:
            continue
        out.checked += 1
        if all(far for _, far in refs):
            out.failures.append(_row("suspicious_target", record, fact, "; ".join(r for r, _ in refs),
                                     "far from every reference (own neighbouring years, province)"))
    return out
