"""Search: a phrase with filters; each hit is a snippet with the phrase marked, linking to its place in the report."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from .. import data
from ..filters import PAGE_SIZE, Filters, text_or_none
from ..render import render
from .deps import StoreDep

router = APIRouter()
MAX_QUERY_CHARS = 50


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


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep) -> HTMLResponse:
    query = text_or_none(request.query_params.get("q"), MAX_QUERY_CHARS)
    filters = Filters.from_query(request.query_params)
    hits: list[dict] = []
    more, error = False, None
    if query:
        try:
            use_index = data.search_index_ready(store, writable=request.app.state.allow_upload)
            hits, more = data.search(store, query, filters, use_index=use_index)
        except ValueError as e:  # the query language refused it (unbalanced quotes, only negative terms, ...)
            error = str(e)
        for h in hits:
            h["html"] = marked_snippet((h["snippet"] or "").replace("\n", " "), h["marks"])
    return render(request, "search.html", query=query or "", hits=hits, more=more, error=error, filters=filters,
                  page_size=PAGE_SIZE, choices=data.filter_choices(store), nav="search")
