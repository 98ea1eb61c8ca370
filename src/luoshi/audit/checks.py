"""The ordered registry of audit checks (like ftfy's FIXERS): each an id, a one-line description and a function of
the corpus returning an Outcome (items checked, failures). Order: coverage, continuity, agreement, plausibility."""

from __future__ import annotations

from .agreement import communique_agrees, copies_agree
from .continuity import suspicious_target, target_near_province, target_year_step
from .coverage import gdp_result_coverage, gdp_target_coverage
from .model import Check
from .plausibility import growth_in_bounds, units_fit, value_in_bounds

CHECKS: list[Check] = [
    Check("gdp_target", "annual work reports (1995-) with their GDP target (growth, range, relation or absence)",
          gdp_target_coverage),
    Check("gdp_result", "annual work reports (1995-) with the GDP growth of the year they review", gdp_result_coverage),
    Check("target_step", "GDP targets within a few points of the region's target the year before", target_year_step),
    Check("target_province", "city GDP targets within a few points of the province's of the same year",
          target_near_province),
    Check("suspicious_target", "GDP targets near at least one reference (own neighbouring years, province)",
          suspicious_target),
    Check("copies_agree", "copies of one report (same region, year) yielding the same GDP target and result",
          copies_agree),
    Check("communique_agrees", "national GDP results within half a point of the NBS communiqué", communique_agrees),
    Check("growth_bounds", "annual growth figures within the metric's sane bounds", growth_in_bounds),
    Check("value_bounds", "values within the metric's sane bounds (a per-capita figure read as a total)",
          value_in_bounds),
    Check("units_fit", "units that fit the metric (GDP in 元, rates in %)", units_fit),
]

BY_ID = {c.id: c for c in CHECKS}
