"""The research panel: one row per region, year and metric, with the target, the result a year later, the verdict,
and the parent jurisdiction's target for the same year (docs/panel.md is the codebook).

Built from `track` itself, so the panel and `luoshi track` give the same verdict for every target; a national
target with results in both the next work report and the NBS communiqué is one row with both sources.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from ..models import Fact, Report
from .combined import track
from .pairing import main_targets, work_reports_by_year
from .verdict import RESEARCH, Convention, Verdict, quantities

# Column → label (a Stata variable label: at most 80 characters, tested). The order is the output's.
LABELS: dict[str, str] = {
    "adcode": "Administrative code (6 digits) of the region",
    "region": "Region (jurisdiction) name as in the report",
    "level": "Level: national, province, city, district or county",
    "province": "Province the region belongs to",
    "year": "Year the target is set for",
    "metric": "Metric id (luoshi metrics table)",
    "parent_region": "Parent jurisdiction (province of a city; 全国 for a province)",
    "parent_target": "Parent's target for the same metric and year (low end)",
    "parent_target_high": "Parent's target, high end of a range",
    "parent_target_bound": "Parent's target bound: exact, approx, min, max, range",
    "target": "Target as written (figure with its unit)",
    "target_low": "Target figure (low end of a range)",
    "target_high": "Target, high end of a range",
    "target_unit": "Unit of the target figure (% for growth)",
    "target_kind": "growth or level",
    "target_bound": "Target bound: exact, approx (左右), min (以上), max (以内), range",
    "target_relation": "Target relative to another jurisdiction or quantity (JSON)",
    "target_absent": "1 when the report states it sets no target for this metric",
    "target_sentence": "Sentence the target was read from",
    "target_report": "Report id (luoshi) of the target",
    "target_start": "Character offset of the target's figure in the target report",
    "target_end": "Character offset where the target's figure ends",
    "result": "Result as written",
    "result_value": "Result figure compared with the target",
    "result_unit": "Unit of the result figure",
    "result_status": "actual or estimate (预计)",
    "result_basis": "Basis of the result: annual, cumulative, average",
    "result_source": "Where the result is from: work_report (year N+1), communique, same_report",
    "result_sentence": "Sentence the result was read from",
    "result_report": "Report id of the result",
    "result_start": "Character offset of the result's figure in the result report",
    "result2_source": "Second source of the result (e.g. the next work report)",
    "result2_value": "Result figure in the second source",
    "result2_verdict": "Verdict against the second source",
    "result2_report": "Report id of the second source",
    "result2_sentence": "Sentence of the second source",
    "verdict": "met, exceeded, missed, not_reported, not_comparable, no_target; empty: pending",
    "gap": "Result minus target (minus the ceiling for max targets), in the target's unit",
    "confidence": "Confidence of the verdict, 0 to 1",
    "note": "Rule that decided the verdict",
    "convention": "Reading of targets the verdict used (tolerances)",
}
COLUMNS = list(LABELS)
CEILING = ("max",)


def parent_candidates(report: Report) -> list[str]:
    """Keys of the level above: for a city its province, for a county/district its city then its province (by
    adcode prefix), for a province the country."""
    m = report.meta
    if m.level == "province":
        return ["全国"]
    code = m.adcode or ""
    if len(code) != 6 or not code.isdigit():
        return [m.province] if m.province else []
    ups = [code[:4] + "00"] if m.level in ("county", "district") else []
    return [*ups, code[:2] + "0000"]


def region_key(report: Report) -> str | None:
    """The key a region is known by in the panel: its adcode, the country as 全国, else its name."""
    if report.meta.level == "national" or report.meta.region == "全国":
        return "全国"
    return report.meta.adcode or report.meta.region


def _target_figure(target: Fact, verdict: Verdict | None) -> tuple[float | None, float | None, str | None, str | None]:
    """(low, high, unit, kind) of the figure judged (the verdict's like-with-like pair), else the target's first."""
    own = quantities(target)
    if verdict is not None and verdict.target_value is not None:
        kind = verdict.extra.get("kind")
        match = next((q for q in own if q.value == verdict.target_value and (kind is None or q.kind == kind)), None)
        if match:
            return match.value, match.high, match.unit, match.kind
    if own:
        return own[0].value, own[0].high, own[0].unit, own[0].kind
    return None, None, None, None


def _gap(verdict: Verdict | None, low: float | None, high: float | None, bound: str | None) -> float | None:
    if verdict is None or verdict.result_value is None or low is None or verdict.verdict not in (
            "met", "exceeded", "missed", "partly"):
        return None
    reference = high if bound in CEILING and high is not None else low
    return round(verdict.result_value - reference, 6)


def _row(report: Report, year: int, metric: str, target: Fact | None, verdict: Verdict | None,
         convention: Convention) -> dict:
    m = report.meta
    row: dict = {"adcode": m.adcode, "region": m.region, "level": m.level, "province": m.province, "year": year,
                 "metric": metric, "target_report": report.id, "convention": convention.describe(),
                 "target_absent": 0 if target is not None else 1}
    if target is not None:
        low, high, unit, kind = _target_figure(target, verdict)
        relation = getattr(target, "relation", None)
        row.update(target=target.value_text, target_low=low, target_high=high, target_unit=unit, target_kind=kind,
                   target_bound=target.bound, target_relation=json.dumps(relation, ensure_ascii=False)
                   if relation else None, target_sentence=target.sentence, target_start=target.start,
                   target_end=target.end, gap=_gap(verdict, low, high, target.bound))
    if verdict is not None:
        flat = verdict.row()
        result = verdict.result
        row.update(verdict=verdict.verdict, confidence=flat["confidence"], note=verdict.note,
                   result=flat["result"], result_value=verdict.result_value,
                   result_unit=verdict.unit if verdict.result_value is not None else None,
                   result_status=result.status if result else None, result_basis=result.basis if result else None,
                   result_source=verdict.source if result else None, result_sentence=result.sentence if result else None,
                   result_report=verdict.result_report, result_start=result.start if result else None)
        for other in verdict.extra.get("other_sources", [])[:1]:
            row.update(result2_source=other["source"], result2_value=other["result_value"],
                       result2_verdict=other["verdict"], result2_report=other["result_report"],
                       result2_sentence=other["result_sentence"])
    else:
        row["note"] = "no report of the next year in the corpus"
    return row


def region_rows(reports: list[Report], convention: Convention = RESEARCH) -> list[dict]:
    """Panel rows of one region's reports: every main target of every annual work report, judged as `track` does."""
    verdicts = track(reports, plans=False, convention=convention)
    judged: dict[tuple, Verdict] = {}
    for v in verdicts:
        if v.kind == "target" and v.source != "same_report":
            judged.setdefault((v.target_report, v.metric, v.target.start if v.target else None), v)
    rows = []
    by_year, _ = work_reports_by_year(reports)
    for n, report in sorted(by_year.items()):
        targets = main_targets(report, n)
        for target in targets:
            rows.append(_row(report, n, target.metric or "", target, judged.get((report.id, target.metric,
                                                                                 target.start)), convention))
        targeted = {t.metric for t in targets}
        for metric in sorted(set(report.absent_targets) - targeted):
            rows.append(_row(report, n, metric, None, judged.get((report.id, metric, None)), convention))
    return rows


def _add_parents(rows: list[dict], parent_keys: dict[str, list[str]]) -> None:
    """Each row gets the target of the level above for the same metric and year, where the corpus has it and it is
    the same kind of figure in the same unit (a growth in % beside a growth in %, never beside 3800亿元)."""
    own: dict[tuple, dict] = {}
    names: dict[str, str] = {}
    for row in rows:
        key = "全国" if row["level"] == "national" or row["region"] == "全国" else (row["adcode"] or row["region"])
        names[key] = row["region"]
        if not row["target_absent"] and row.get("target_low") is not None:
            own.setdefault((key, row["metric"], row["year"], row.get("target_kind"), row.get("target_unit")), row)
    for row in rows:
        for parent in parent_keys.get(row["target_report"], []):
            above = own.get((parent, row["metric"], row["year"], row.get("target_kind"), row.get("target_unit")))
            if above is not None:
                row.update(parent_region=names[parent], parent_target=above.get("target_low"),
                           parent_target_high=above.get("target_high"), parent_target_bound=above.get("target_bound"))
                break


def panel_frame(reports: Iterable[Report], *, metrics: list[str] | None = None, levels: list[str] | None = None,
                years: tuple[int, int] | None = None, convention: Convention = RESEARCH) -> pd.DataFrame:
    """The panel over any set of reports (every region's reports are judged together; parents are looked up among
    all of them before the filters apply)."""
    by_region: dict[str, list[Report]] = defaultdict(list)
    parent_keys: dict[str, list[str]] = {}
    for report in reports:
        key = region_key(report)
        if key:
            by_region[key].append(report)
            parent_keys[report.id] = parent_candidates(report)
    rows = [row for group in by_region.values() for row in region_rows(group, convention)]
    _add_parents(rows, parent_keys)
    keep = [r for r in rows if (not metrics or r["metric"] in metrics) and (not levels or r["level"] in levels)
            and (years is None or years[0] <= r["year"] <= years[1])]
    keep.sort(key=lambda r: (r["level"] or "", r["province"] or "", r["adcode"] or "", r["region"] or "", r["year"],
                             r["metric"]))
    frame = pd.DataFrame(keep, columns=COLUMNS)
    frame.attrs["convention"] = convention.describe()
    return frame
