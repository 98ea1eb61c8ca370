"""Search: a phrase with filters; hits grouped by report (a total, sortable by year), each a snippet with the
phrase marked, linking to its place in the report; the same hits as CSV."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from .. import data
from ..csvout import csv_response
from ..filters import PAGE_SIZE, Filters, text_or_none
from ..render import render
from .deps import StoreDep

router = APIRouter()
MAX_QUERY_CHARS = 50
CSV_COLUMNS = ["report_id", "title", "region", "year", "doc_type", "start", "end", "sentence"]


def marked_snippet(snippet: str, marks: list[tuple[int, int]]) -> Markup:
    """The snippet escaped, with each [a, b) of marks wrapped in <mark>."""
    out, pos = [], 0
    for a, b in sorted(marks):
        if a < pos or b > len(snippet):
            continue
        out.append(Markup("{}<mark>{}</mark>").format(snippet[pos:a], snippet[a:b]))
        pos = b
    out.append(escape(snippet[pos:]))
    return Markup("").join(out)


def run_search(request: Request, store: Any, *, limit: int | None) -> tuple[str, Filters, str, dict | None, str | None]:
    query = text_or_none(request.query_params.get("q"), MAX_QUERY_CHARS)
    filters = Filters.from_query(request.query_params)
    sort = request.query_params.get("sort", "rank")
    sort = sort if sort in data.SEARCH_SORTS else "rank"
    result, error = None, None
    if query:
        try:
            use_index = data.search_index_ready(store, writable=request.app.state.allow_upload)
            key = ("search", query, filters, sort, limit, use_index, data.fingerprint(store))
            result = request.app.state.cache.get_or_compute(key, lambda: data.search(
                store, query, filters, use_index=use_index, sort=sort, limit=limit))
        except ValueError as e:  # the query language refused it (unbalanced quotes, only negative terms, ...)
            error = str(e)
    return query or "", filters, sort, result, error


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep) -> HTMLResponse:
    query, filters, sort, result, error = run_search(request, store, limit=PAGE_SIZE)
    for g in (result or {}).get("groups", []):
        for h in g["hits"]:
            h["html"] = marked_snippet((h["snippet"] or "").replace("\n", " "), h["marks"])
    return render(request, "search.html", query=query, result=result, error=error, filters=filters, sort=sort,
                  sorts=data.SEARCH_SORTS, page_size=PAGE_SIZE, choices=data.filter_choices(store), nav="search")


@router.get("/search.csv")
def search_csv(request: Request, store: StoreDep) -> Response:
    """The hits of the search (every page, the same filters): one row per hit with its sentence and offsets."""
    _, _, _, result, _ = run_search(request, store, limit=None)
    rows = [{"report_id": g["id"], "title": g["title"], "region": g["region"], "year": g["year"],
             "doc_type": g.get("doc_type"), "start": h["start"], "end": h["end"], "sentence": h["snippet"]}
            for g in (result or {}).get("groups", []) for h in g["hits"]]
    return csv_response(rows, CSV_COLUMNS, "search.csv")
