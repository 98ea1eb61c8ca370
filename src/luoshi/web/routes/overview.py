"""Overview (counts, recent reports, quality) and the paginated report list."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from .. import data
from ..csvout import csv_response
from ..filters import PAGE_SIZE, Filters
from ..render import render
from .deps import StoreDep

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "overview.html", o=data.overview(store), nav="overview")


OVERVIEW_TABLES = {"by_year": ["year", "n"], "by_level": ["level", "n"], "by_province": ["province", "n"],
                   "recent": None, "low_confidence": None, "partial": None}


@router.get("/overview/{table}.csv")
def overview_csv(table: str, store: StoreDep) -> Response:
    """One of the overview's tables (counts by year, level, province; the latest; the quality lists)."""
    if table not in OVERVIEW_TABLES:
        raise HTTPException(404, "error.not_found")
    rows = data.overview(store)[table]
    return csv_response(rows, OVERVIEW_TABLES[table] or REPORT_COLUMNS, f"{table}.csv")


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, store: StoreDep) -> HTMLResponse:
    filters = Filters.from_query(request.query_params)
    copies = request.query_params.get("copies") == "1"
    rows, total = data.report_list(store, filters, copies=copies)
    return render(request, "reports.html", rows=rows, total=total, filters=filters, page_size=PAGE_SIZE,
                  copies=copies, choices=data.filter_choices(store), nav="reports")


REPORT_COLUMNS = ["id", "title", "region", "level", "province", "year", "doc_type", "kind", "date", "confidence",
                  "n_chars", "canonical_id", "copies", "source"]


@router.get("/reports.csv")
def reports_csv(request: Request, store: StoreDep) -> Response:
    """Every report the list shows with its filters (all pages); `copies` lists the ids of its near-duplicates."""
    filters = Filters.from_query(request.query_params)
    rows, _ = data.report_list(store, filters, copies=request.query_params.get("copies") == "1", limit=None)
    return csv_response(({**r, "copies": [c["id"] for c in r["copies"]]} for r in rows), REPORT_COLUMNS,
                        "reports.csv")
