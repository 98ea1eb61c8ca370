"""A region: its reports over the years, a chart per main metric (target vs result), tracking verdicts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from .. import data
from ..charts import Series, line_chart
from ..i18n import translator
from ..render import render, request_lang
from .deps import StoreDep

router = APIRouter()
MAX_CHARTS = 12


def verdicts(store: Any, region: str) -> list[dict]:
    """The tracking stage's verdicts for the region (targets and plans against later results), as flat rows."""
    try:
        from ...track import load_region, track
    except ImportError:  # the tracking stage is optional for the web app
        return []
    rows = [v.row() for v in track(load_region(store, region))]
    return sorted(rows, key=lambda r: (-(r["year"] or 0), r["metric"] or "", r["kind"] or ""))


@router.get("/region/{name}/verdicts", response_class=HTMLResponse)
def region_verdicts(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    """The verdicts table alone (the region page loads it after showing itself: judging reads every report)."""
    reports = data.region_reports(store, name)
    if not reports:
        raise HTTPException(404, "error.not_found")
    key = ("verdicts", name, data.fingerprint(store))
    rows = request.app.state.cache.get_or_compute(key, lambda: verdicts(store, name))
    return render(request, "verdicts.html", verdicts=rows, metric_names=data.metric_names(store))


@router.get("/region/{name}", response_class=HTMLResponse)
def region_page(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    reports = data.region_reports(store, name)
    if not reports:
        raise HTTPException(404, "error.not_found")
    names = data.metric_names(store)
    t = translator(request_lang(request))
    charts = []
    for metric, s in list(data.metric_series(data.region_facts(store, name)).items())[:MAX_CHARTS]:
        what = f"{t('col.growth')}, {s['unit']}" if s["measure"] == "growth" else s["unit"]
        label = f"{names.get(metric, metric)} ({what})"
        svg = line_chart([
            Series(t("col.target"), [(float(x), y) for x, y in s["target"]], dashed=True),
            Series(t("col.actual"), [(float(x), y) for x, y in s["result"]]),
        ], y_label=label)
        charts.append({"metric": metric, "label": label, "svg": svg, **s})
    return render(request, "region.html", name=name, reports=reports, charts=charts, metric_names=names,
                  nav="reports")
