"""Overview (counts, recent reports, quality) and the paginated report list."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .. import data
from ..filters import PAGE_SIZE, Filters
from ..render import render
from .deps import StoreDep

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "overview.html", o=data.overview(store), nav="overview")


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, store: StoreDep) -> HTMLResponse:
    filters = Filters.from_query(request.query_params)
    rows, total = data.report_list(store, filters)
    return render(request, "reports.html", rows=rows, total=total, filters=filters, page_size=PAGE_SIZE,
                  choices=data.filter_choices(store), nav="reports")
