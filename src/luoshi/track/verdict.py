"""Judging one target against one result: like with like, with documented tolerances (docs/track.md).

Conventions (a `Convention`; the default follows research practice, options change it)
- A target stated exactly ("增长7.5%") or as a floor ("以上"/"不低于") is met when the result reaches it: 7.2 against
  "增长7.5%" is missed. `Convention(exact_as="approx")` reads an exact rate target as "左右" instead (luoshi 0.1).
- A "左右" target is met within a tolerance below it: 0.3 points for rates (growth in %, shares and rates in %,
  growth in 个百分点), 3 % of the target for levels (元, 人, 吨 …).
- Any met target is "exceeded" when the result is at least 0.5 points (rates) or 5 % (levels) above it.
- "以内"/"控制在…以内" (max) targets are strict ceilings. Metrics where less is better (CPI, unemployment, energy
  intensity) treat every target as a ceiling (a "左右" one with the tolerance above) and are never "exceeded".
- Ranges (low–high) are met inside, exceeded above, missed below.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extract import direction
from ..models import Fact

RATE_TOLERANCE = 0.3  # points
RATE_EXCEED = 0.5  # points
LEVEL_TOLERANCE = 0.03  # relative
LEVEL_EXCEED = 0.05  # relative
EXACT_AS = ("floor", "approx")


@dataclass(frozen=True)
class Convention:
    """How a target is read when judged. The default is research practice: a target stated exactly is a floor."""

    tolerance: float = RATE_TOLERANCE  # points below a "左右" rate target still met
    level_tolerance: float = LEVEL_TOLERANCE  # share below a "左右" level target still met
    exact_as: str = "floor"  # floor | approx: how a target stated exactly ("增长7.5%") is read
    exceed: float = RATE_EXCEED  # points above a rate target from which it is "exceeded"
    level_exceed: float = LEVEL_EXCEED  # share above a level target from which it is "exceeded"

    def __post_init__(self) -> None:
        if self.exact_as not in EXACT_AS:
            raise ValueError(f"exact_as must be one of {', '.join(EXACT_AS)}, not {self.exact_as!r}")
        if min(self.tolerance, self.level_tolerance, self.exceed, self.level_exceed) < 0:
            raise ValueError("tolerances cannot be negative")

    def describe(self) -> str:
        """One line recorded with every output judged under this convention."""
        return (f"exact targets read as {self.exact_as}; 左右 within {self.tolerance:g} points (rates) or "
                f"{self.level_tolerance:.0%} (levels); exceeded from {self.exceed:g} points or {self.level_exceed:.0%}")


RESEARCH = Convention()
MASS_IN_JIN = {"斤": 1.0, "公斤": 2.0, "千克": 2.0, "吨": 2000.0}

VERDICTS = ("met", "exceeded", "missed", "partly", "not_reported", "not_comparable", "no_target")


@dataclass(frozen=True)
class Quantity:
    """One comparable figure of a fact: its kind (growth or level), the unit it is in, the number(s)."""

    kind: str  # growth | level
    unit: str
    value: float
    high: float | None = None


@dataclass
class Verdict:
    region: str | None
    year: int | None
    metric: str | None
    verdict: str
    kind: str = "target"  # target | plan | five_year | relative (Report.relative_targets: "收入与经济增长同步")
    target: Fact | None = None
    result: Fact | None = None
    target_report: str | None = None
    result_report: str | None = None
    target_value: float | None = None
    result_value: float | None = None
    unit: str | None = None
    confidence: float = 0.0
    source: str = "work_report"  # where the result came from: work_report | communique | same_report
    note: str = ""
    level: str | None = None
    province: str | None = None
    extra: dict = field(default_factory=dict)

    def row(self) -> dict:
        """A flat record for tables, CSV and DataFrames."""
        return {
            "region": self.region, "level": self.level, "province": self.province, "year": self.year,
            "kind": self.kind, "metric": self.metric, "verdict": self.verdict,
            "target": shown(self.target, self.target_value), "target_value": self.target_value,
            "target_bound": self.target.bound if self.target else None,
            "result": shown(self.result, self.result_value), "result_value": self.result_value,
            "unit": self.unit, "confidence": round(self.confidence, 2), "source": self.source,
            "target_sentence": self.target.sentence if self.target else None,
            "result_sentence": self.result.sentence if self.result else None,
            "target_report": self.target_report, "result_report": self.result_report,
            "target_start": self.target.start if self.target else None,
            "result_start": self.result.start if self.result else None,
            "result_status": self.result.status if self.result else None, "note": self.note,
            "reference": self.extra.get("reference"), "reference_value": self.extra.get("reference_value"),
        }


def shown(fact: Fact | None, figure: float | None) -> str | None:
    """The written figure a verdict compared: the fact's value as written, or its growth when the growth was compared
    ("国内生产总值达到114万亿元，增长8.1%" against a 6% target shows 8.1%, not 114万亿元)."""
    if fact is None:
        return None
    if (figure is not None and fact.value is not None and fact.growth is not None
            and abs(fact.growth - figure) < 1e-9 and abs(fact.value - figure) > 1e-9):
        return f"{fact.growth:g}{fact.growth_unit or ''}"
    return fact.value_text


def quantities(fact: Fact) -> list[Quantity]:
    """The comparable figures of a fact. A % value and a % growth of a percent metric are the same kind of thing
    only for price and unemployment-like metrics (CPI "涨幅3%" is written both ways), handled in `comparable`."""
    found = []
    if fact.growth is not None and fact.growth_unit:
        found.append(Quantity("growth", fact.growth_unit, fact.growth, fact.high if fact.value is None else None))
    if fact.value is not None and fact.unit:
        value, high, unit = fact.value, fact.high, fact.unit
        if unit in MASS_IN_JIN:
            value, high, unit = value * MASS_IN_JIN[unit], high * MASS_IN_JIN[unit] if high else None, "斤"
        found.append(Quantity("level", unit, value, high))
    return found


def comparable(target: Fact, result: Fact) -> tuple[Quantity, Quantity] | None:
    """The first pair of like-with-like quantities (growth with growth in the same unit, level with level)."""
    t_all, r_all = quantities(target), quantities(result)
    for t in t_all:
        for r in r_all:
            if t.kind == r.kind and t.unit == r.unit:
                return t, r
    if target.metric == "cpi":  # "涨幅3%左右" (a level in %) against "上涨0.2%" (a growth in %)
        for t in t_all:
            for r in r_all:
                if t.unit == r.unit == "%":
                    return t, r
    return None


def judge(target: Fact, result: Fact, convention: Convention = RESEARCH) -> tuple[str, str]:
    """The verdict for a target and a like-with-like result, and a short note of the rule that decided it."""
    pair = comparable(target, result)
    if pair is None:
        return "not_comparable", "no figure of the same kind and unit"
    t, r = pair
    is_rate = t.unit in ("%", "个百分点")
    tolerance = convention.tolerance if is_rate else abs(t.value) * convention.level_tolerance
    exceed = convention.exceed if is_rate else abs(t.value) * convention.level_exceed
    bound = target.bound
    if bound == "range" and t.high is not None:
        low, high = t.value, t.high
    else:
        low = high = t.value
    down = direction(target.metric) == "down"
    if bound == "exact":
        bound = "approx" if is_rate and convention.exact_as == "approx" else ("max" if down else "min")
    if down and t.value < 0 and bound in ("min", "approx", "exact"):  # "能耗降低3%以上": a decrease at least this big
        return ("met", "decrease at least as large") if r.value <= t.value + (tolerance if bound == "approx" else 0) \
            else ("missed", "decrease smaller than targeted")
    if down:
        ceiling = high + (tolerance if bound == "approx" else 0)
        return ("met", "within the ceiling") if r.value <= ceiling else ("missed", "above the ceiling")
    if bound == "max":
        return ("met", "within the ceiling") if r.value <= high else ("missed", "above the ceiling")
    floor = low - (tolerance if bound == "approx" else 0)
    if r.value < floor:
        return "missed", "below the target" + (" and its tolerance" if bound == "approx" else "")
    if r.value >= high + exceed:
        return "exceeded", f"at least {exceed:g} above the target"
    return "met", "at or above the target" if bound == "min" else "within the tolerance"


def confidence(target: Fact, result: Fact, verdict: str, *, source: str = "work_report") -> float:
    """How sure the verdict is: lower for estimates, borderline results and results read from another document."""
    if verdict not in ("met", "exceeded", "missed"):
        return 0.5
    score = 0.95
    if result.status == "estimate":
        score -= 0.1
    if result.bound in ("approx", "min", "max"):  # "达4.15%左右", "突破2000亿元": the result itself is imprecise
        score -= 0.1
    pair = comparable(target, result)
    if pair:
        t, r = pair
        margin = abs(r.value - t.value)
        if margin < (0.1 if t.unit in ("%", "个百分点") else abs(t.value) * 0.01):
            score -= 0.1  # borderline: rounding could flip it
    if source == "communique":
        score = min(score + 0.03, 0.99)
    return round(max(score, 0.1), 2)
