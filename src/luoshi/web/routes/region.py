"""A region: its reports over the years (near-duplicates under their canonical report), a chart per main metric
(target vs result, a year's figures only, the judged targets' own figures), tracking verdicts with a side-by-side
view of each, CSV downloads of all of it; region search and a not-found page that suggests the nearest names."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from .. import data, names
from ..charts import Series, line_chart
from ..csvout import csv_response
from ..filters import text_or_none
from ..i18n import translator
from ..render import render, request_lang
from ..verdicts import as_row, judged, sentence_at
from .deps import StoreDep

router = APIRouter()
MAX_CHARTS = 12
POINT_COLUMNS = ["region", "metric", "metric_name", "measure", "unit", "series", "period", "y", "plotted", "basis",
                 "status", "verdict", "value_text", "metric_text", "report_id", "start", "end", "sentence"]
VERDICT_COLUMNS = ["region", "level", "province", "year", "kind", "metric", "metric_name", "verdict", "confidence",
                   "target", "target_value", "target_bound", "result", "result_value", "unit", "source",
                   "other_sources", "note", "target_report", "target_start", "target_end", "target_sentence",
                   "result_report", "result_start", "result_end", "result_sentence", "result_status"]


def cached_verdicts(request: Request, store: Any, name: str, *, plans: bool, prefetch: bool = True) -> list[Any]:
    """The region's Verdict objects, judged once per database state (the charts and the tables share them)."""
    state = request.app.state
    fingerprint = data.fingerprint(store)
    found = state.cache.get_or_compute(("verdicts", name, plans, fingerprint),
                                       lambda: judged(store, name, plans=plans))
    if not plans and prefetch:  # the commitments are judged next, in the background: opening their section then finds them
        state.cache.prefetch(state.background, ("verdicts", name, True, fingerprint),
                             lambda: judged(state.stores.get(), name, plans=True))
    return found


def not_found(request: Request, store: Any, name: str) -> HTMLResponse:
    """404 with the nearest region names (江苏 -> 江苏省)."""
    return render(request, "regions.html", status_code=404, query=name, missing=True,
                  regions=data.nearest_regions(store, name), nav="regions")


@router.get("/regions", response_class=HTMLResponse)
def regions_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Find a region by (part of) its name; without a query, the regions with the most reports."""
    query = text_or_none(request.query_params.get("q"), 30)
    if query:
        found = data.nearest_regions(store, query, limit=50)
    else:
        found = sorted(data.region_names(store), key=lambda r: (-r["n"], r["region"]))[:200]
    return render(request, "regions.html", query=query or "", regions=found, missing=False, nav="regions")


def region_series(request: Request, store: Any, name: str) -> dict[str, dict]:
    facts = data.region_facts(store, name)
    return data.metric_series(facts, cached_verdicts(request, store, name, plans=False, prefetch=False))


def point_rows(name: str, series: dict[str, dict], lang: str) -> list[dict]:
    rows = []
    for key, s in series.items():
        common = {"region": name, "metric": key, "metric_name": names.metric_name(key, lang),
                  "measure": s["measure"], "unit": s["unit"]}
        rows += [{**common, **p, "plotted": 1} for p in s["points"]]
        rows += [{**common, **p, "plotted": 0} for p in s["apart"]]
    return rows


@router.get("/region/{name}.csv")
def region_csv(request: Request, name: str, store: StoreDep) -> Response:
    """Every figure behind the region's charts (plotted = 1) and the multi-year ones kept apart (plotted = 0)."""
    if not data.region_reports(store, name):
        raise HTTPException(404, "error.not_found")
    series = region_series(request, store, name)
    metric = request.query_params.get("metric")
    if metric:  # one chart's figures
        series = {k: v for k, v in series.items() if k == metric}
    rows = point_rows(name, series, request_lang(request))
    return csv_response(rows, POINT_COLUMNS, f"{name}.csv")


@router.get("/region/{name}/verdicts.csv")
def region_verdicts_csv(request: Request, name: str, store: StoreDep) -> Response:
    """The verdicts table (`?plans=1`: the commitments) with both sentences and the other sources."""
    if not data.region_reports(store, name):
        raise HTTPException(404, "error.not_found")
    plans = request.query_params.get("plans") == "1"
    lang = request_lang(request)
    rows = [{**as_row(v), "metric_name": names.metric_name(
                names.chart_key(v.metric, v.target.metric_text) if v.metric and v.target else v.metric, lang),
             "other_sources": [f"{o['source']}:{o['verdict']}:{o['result_value']}{o['unit'] or ''}:{o['result_report']}"
                               for o in v.extra.get("other_sources", [])]}
            for v in cached_verdicts(request, store, name, plans=plans)]
    return csv_response(rows, VERDICT_COLUMNS, f"{name}-verdicts{'-plans' if plans else ''}.csv")


@router.get("/region/{name}/verdicts", response_class=HTMLResponse)
def region_verdicts(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    """The verdicts table alone (the region page loads it after showing itself); plans load when opened."""
    return _verdicts_fragment(request, name, store, plans=False)


@router.get("/region/{name}/verdicts/plans", response_class=HTMLResponse)
def region_plan_verdicts(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    """The plan commitments' verdicts (slow to judge: hundreds per region), fetched when their section opens."""
    return _verdicts_fragment(request, name, store, plans=True)


def _verdicts_fragment(request: Request, name: str, store: Any, *, plans: bool) -> HTMLResponse:
    if not data.region_reports(store, name):
        raise HTTPException(404, "error.not_found")
    rows = [as_row(v) for v in cached_verdicts(request, store, name, plans=plans)]
    base = f"/region/{quote(name, safe='')}"
    return render(request, "verdicts.html", verdicts=rows, plans_only=plans, plans_src=f"{base}/verdicts/plans",
                  csv_src=f"{base}/verdicts.csv" + ("?plans=1" if plans else ""))


@router.get("/verdict/{rid}/{start}", response_class=HTMLResponse)
def verdict_page(request: Request, rid: str, start: int, store: StoreDep) -> HTMLResponse:
    """One verdict: the target sentence and the result sentence side by side, each figure marked at its exact
    offsets, with the figures, the confidence, the method note and the other sources."""
    rows = store.query("SELECT region FROM reports WHERE id = ?", [rid])
    if not rows or not rows[0]["region"]:
        raise HTTPException(404, "error.not_found")
    region = rows[0]["region"]
    verdict = None
    for plans in (False, True):
        verdict = next((v for v in cached_verdicts(request, store, region, plans=plans)
                        if v.target_report == rid and v.target is not None and v.target.start == start), None)
        if verdict:
            break
    if verdict is None:
        raise HTTPException(404, "error.not_found")
    row = as_row(verdict)
    target = sentence_at(store, verdict.target_report, verdict.target.start, verdict.target.end)
    result = sentence_at(store, verdict.result_report, verdict.result.start, verdict.result.end) \
        if verdict.result is not None else None
    others = []
    for o in row["other_sources"]:
        end = store.query('SELECT f."end" FROM facts f WHERE f.report_id = ? AND f.start = ? ORDER BY f.idx LIMIT 1',
                          [o.get("result_report"), o.get("result_start")]) if o.get("result_report") else []
        s = sentence_at(store, o.get("result_report"), o.get("result_start"), end[0]["end"] if end else None)
        others.append({**o, "sentence_at": s})
    titles = {r["id"]: r for r in store.query(
        "SELECT id, title, year, region, source, doc_type FROM reports WHERE id IN (?, ?)",
        [verdict.target_report, verdict.result_report or verdict.target_report])}
    return render(request, "verdict.html", v=row, region=region, target=target, result=result, others=others,
                  titles=titles, nav="regions")


@router.get("/region/{name}", response_class=HTMLResponse)
def region_page(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    reports = data.region_reports(store, name)
    if not reports:
        return not_found(request, store, name)
    lang = request_lang(request)
    t = translator(lang)
    charts = []
    for key, s in list(region_series(request, store, name).items())[:MAX_CHARTS]:
        charts.append(chart(key, s, t, lang))
    return render(request, "region.html", name=name, reports=data.group_copies(reports), n_reports=len(reports),
                  charts=charts, nav="regions")


def chart(key: str, s: dict, t: Any, lang: str) -> dict:
    """One metric's chart: figures scaled to a readable unit (亿元), each point saying where it comes from."""
    ys = [abs(y) for _, y in s["target"] + s["result"]]
    size, unit_shown = (1.0, names.unit_name(s["unit"], lang)) if s["measure"] == "growth" else \
        names.scale(max(ys) if ys else 0, s["unit"], lang)
    what = f"{t('col.growth')}, {unit_shown}" if s["measure"] == "growth" else unit_shown
    label = f"{names.metric_name(key, lang)} ({what})"
    series = []
    for name, kind, dashed in ((t("col.target"), "target", True), (t("col.actual"), "result", False)):
        points = [p for p in s["points"] if p["series"] == kind]
        series.append(Series(
            name, [(float(p["period"]), p["y"] / size) for p in points], dashed=dashed,
            info={float(p["period"]): {"report": p["report_id"], "start": p["start"], "end": p["end"],
                                       "basis": p["basis"], "status": p["status"], "title": p["value_text"]}
                  for p in points}))
    return {"metric": key, "label": label, "svg": line_chart(series, y_label=label), "apart": s["apart"], **s}
