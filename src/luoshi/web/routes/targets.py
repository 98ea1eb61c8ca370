"""Main targets of the reports matching filters: sortable table and CSV download."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from .. import data
from ..csvout import csv_response
from ..filters import PAGE_SIZE, Filters
from ..names import chart_key, metric_name
from ..render import render, request_lang
from .deps import StoreDep

router = APIRouter()

CSV_COLUMNS = [
    "report_id", "region", "province", "level", "year", "doc_type", "metric", "metric_name", "metric_text", "value",
    "unit", "value_text", "high", "growth", "growth_unit", "bound", "period", "basis", "start", "end", "sentence",
]


def sort_params(request: Request) -> tuple[str, bool]:
    sort = request.query_params.get("sort", "year")
    return (sort if sort in data.TARGET_SORTS else "year"), request.query_params.get("desc") == "1"


def targets_filters(request: Request, store: StoreDep) -> Filters:
    """The filters asked for; a first visit (no year in the URL at all) shows the latest year, not every target
    ever set (the form's "all" sends year= and gets all years)."""
    filters = Filters.from_query(request.query_params)
    if "year" not in request.query_params:
        latest = store.query("SELECT MAX(year) AS y FROM reports WHERE canonical_id IS NULL", [])[0]["y"]
        filters = dataclasses.replace(filters, year=latest)
    return filters


@router.get("/targets", response_class=HTMLResponse)
def targets_page(request: Request, store: StoreDep) -> HTMLResponse:
    filters = targets_filters(request, store)
    sort, desc = sort_params(request)
    rows, total = data.targets(store, filters, sort, desc)
    return render(request, "targets.html", rows=rows, total=total, filters=filters, sort=sort, desc=desc,
                  page_size=PAGE_SIZE, choices=data.filter_choices(store), sorts=list(data.TARGET_SORTS), nav="targets")


@router.get("/targets.csv")
def targets_csv(request: Request, store: StoreDep) -> Response:
    filters = targets_filters(request, store)
    sort, desc = sort_params(request)
    rows, _ = data.targets(store, filters, sort, desc, limit=None)
    lang = request_lang(request)
    return csv_response(({**r, "metric_name": metric_name(chart_key(r["metric"], r["metric_text"]) if r["metric"] else None, lang)} for r in rows), CSV_COLUMNS,
                        "targets.csv")
