"""Commitments of year N (status "plan": "新增公共停车位2万个") against the evidence in year N+1's review.

Objects match through synonym groups (data/objects.tsv); quantities must share a unit. A total reported as
cumulative ("累计建成…") can only show a commitment was met when it alone reaches the committed quantity, so such
evidence is accepted with a lower confidence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..models import Fact, Report
from .pairing import report_year
from .verdict import Verdict


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Every synonym to its canonical object name, longest first."""
    text = resources.files(__package__).joinpath("data/objects.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, names = line.split("\t")
            for name in [canonical, *names.split("|")]:
                table[name] = canonical
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


def canonical_object(phrase: str | None) -> str | None:
    for name, canonical in synonyms().items():
        if phrase and name in phrase:
            return canonical
    return None


OBJECT_NOISE_RE = re.compile(r"^(?:及|和|再|累计|全市|全省|全年|各类|一批)+|(?:数|总数|总量)$")
STOCK_WORDS = r"(?:累计|达到|达|总数|总量|拥有|增至|提高到)"


def object_key(phrase: str | None) -> str | None:
    """What a commitment or a result is about: the synonym group's name, else the phrase without filler."""
    if not phrase:
        return None
    canonical = canonical_object(phrase)
    if canonical:
        return canonical
    key = OBJECT_NOISE_RE.sub("", re.split(r"[和及、\d]", phrase.strip())[0])  # "康居乡村和10个康居特色村" → 康居乡村
    return key if len(key) >= 2 else None


def _same_object(plan_key: str, fact: Fact) -> bool:
    key = object_key(fact.object) or object_key(fact.metric_text)
    if key is None:
        return False
    shorter, longer = sorted((key, plan_key), key=len)
    return key == plan_key or (len(shorter) >= 3 and len(shorter) >= 0.5 * len(longer) and shorter in longer)


def _plans(report: Report, year: int) -> list[Fact]:
    """The report's quantified commitments for its year: extracted facts with status plan and an object."""
    return [f for f in report.facts if f.status == "plan" and f.period in (year, None) and f.object]


def _evidence(report: Report, year: int) -> list[Fact]:
    """Results of the reviewed year stated in the next report."""
    return [f for f in report.facts if f.status in ("actual", "estimate") and f.period in (year, None)]


def _is_stock(fact: Fact) -> bool:
    """A total ("累计", "达到1.7万家", "总数") rather than the year's addition."""
    return fact.action in ("达到", "突破", "累计") or bool(
        re.search(STOCK_WORDS + r"[^，。；、]{0,4}" + re.escape(fact.value_text), fact.sentence))


def judge_commitment(plan: Fact, evidence: list[Fact]) -> tuple[str, Fact | None, float]:
    """met / exceeded (≥110 %) / partly (≥50 %) / missed (20-50 %) / not_reported / not_comparable."""
    key = object_key(plan.object)
    same_object = [e for e in evidence if key and _same_object(key, e)]
    if not same_object:
        return "not_reported", None, 0.6
    same_unit = [e for e in same_object if e.unit == plan.unit and e.value is not None]
    if not same_unit or plan.value is None:
        return "not_comparable", same_object[0], 0.5
    best = max(same_unit, key=lambda e: e.value or 0)
    if _is_stock(plan) and not _is_stock(best) and (best.value or 0) < plan.value:
        return "not_comparable", best, 0.4  # "高新技术企业达到1.7万家" against "新增高新技术企业1769家"
    cumulative = bool(re.search(STOCK_WORDS + r"\s*" + re.escape(best.value_text), best.sentence)) or "累计" in best.sentence
    ratio = (best.value or 0) / plan.value if plan.value else 0
    conf = 0.6 if cumulative else 0.8
    if ratio >= 1.1 and not cumulative:
        return "exceeded", best, conf
    if ratio >= 1:
        return "met", best, conf
    if cumulative:
        return "not_comparable", best, 0.4  # a cumulative total below the year's commitment proves nothing
    if ratio < 0.2:
        return "not_comparable", best, 0.3  # an order of magnitude apart: a total against an addition, most likely
    return ("partly" if ratio >= 0.5 else "missed"), best, conf


def track_plans(reports: list[Report], *, year: int | None = None) -> list[Verdict]:
    """Verdicts for each quantified commitment of year N whose year-N+1 report is present."""
    by_year = {y: r for r in reports if (y := report_year(r)) is not None}
    verdicts = []
    for n, report in sorted(by_year.items()):
        if (year is not None and n != year) or n + 1 not in by_year:
            continue
        follow = by_year[n + 1]
        evidence = _evidence(follow, n)
        for plan in _plans(report, n):
            verdict, found, conf = judge_commitment(plan, evidence)
            verdicts.append(Verdict(region=report.meta.region, year=n, metric=object_key(plan.object) or plan.object, verdict=verdict,
                                    kind="plan", target=plan, result=found, target_report=report.id,
                                    result_report=follow.id if found else None, target_value=plan.value,
                                    result_value=found.value if found else None, unit=plan.unit, confidence=conf,
                                    level=report.meta.level, province=report.meta.province))
    return verdicts
