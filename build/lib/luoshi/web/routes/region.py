"""A region: its reports over the years, a chart per main metric (target vs result), tracking verdicts."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from .. import data
from ..charts import Series, line_chart
from ..i18n import translator
from ..render import render, request_lang
from ..verdicts import region_verdicts as region_verdicts_rows
from .deps import StoreDep

router = APIRouter()
MAX_CHARTS = 12


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
    state = request.app.state
    fingerprint = data.fingerprint(store)
    rows = state.cache.get_or_compute(("verdicts", name, plans, fingerprint),
                                      lambda: region_verdicts_rows(store, name, plans=plans))
    if not plans:  # the commitments are judged next, in the background: opening their section then finds them
        state.cache.prefetch(state.background, ("verdicts", name, True, fingerprint),
                             lambda: region_verdicts_rows(state.stores.get(), name, plans=True))
    return render(request, "verdicts.html", verdicts=rows, plans_only=plans, metric_names=data.metric_names(store),
                  plans_src=f"/region/{quote(name, safe='')}/verdicts/plans")


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
