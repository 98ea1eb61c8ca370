"""Trends: how often one or more terms appear in reports, year by year, as a line chart and a table."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from .. import data
from ..charts import Series, line_chart
from ..csvout import csv_response
from ..filters import Filters
from ..i18n import translator
from ..render import render, request_lang
from .deps import StoreDep

router = APIRouter()
MAX_TERMS = 6
MAX_TERM_CHARS = 20


def parse_terms(raw: str | None) -> list[str]:
    """Terms split on commas (either width), 、 or whitespace; duplicates and over-long terms dropped."""
    terms: list[str] = []
    for term in re.split(r"[,，、;；\s]+", raw or ""):
        if term and len(term) <= MAX_TERM_CHARS and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def trend_series(request: Request, store: StoreDep, terms: list[str], filters: Filters) -> dict[str, list[dict]]:
    series: dict[str, list[dict]] = {}
    if terms:
        state = data.fingerprint(store)
        texts = request.app.state.texts.get(store, state)  # in memory: counts in milliseconds (None: huge corpus)
        use_index = texts is None and data.search_index_ready(store, writable=request.app.state.allow_upload)
        key = ("trend", tuple(terms), filters, use_index, texts is None, state)
        series = request.app.state.cache.get_or_compute(key, lambda: data.trend(store, terms, filters,
                                                                                use_index=use_index, texts=texts))
    return series


@router.get("/trends.csv")
def trends_csv(request: Request, store: StoreDep) -> Response:
    """The chart's and the table's figures: per term and year, occurrences, reports and per 10,000 characters."""
    terms = parse_terms(request.query_params.get("terms"))
    series = trend_series(request, store, terms, Filters.from_query(request.query_params))
    rows = [{"term": term, **p} for term, points in series.items() for p in points]
    return csv_response(rows, ["term", "year", "count", "reports", "per_10k"], "trends.csv")


@router.get("/trends", response_class=HTMLResponse)
def trends_page(request: Request, store: StoreDep) -> HTMLResponse:
    terms = parse_terms(request.query_params.get("terms"))
    filters = Filters.from_query(request.query_params)
    series = trend_series(request, store, terms, filters)
    t = translator(request_lang(request))
    chart = line_chart(
        [Series(term, [(float(p["year"]), p["per_10k"]) for p in points])
         for term, points in series.items()],
        width=760, height=300, y_label=t("trends.per"),
    )
    years = sorted({p["year"] for points in series.values() for p in points})
    table = {term: {p["year"]: p for p in points} for term, points in series.items()}
    return render(request, "trends.html", terms=terms, raw_terms=request.query_params.get("terms", ""),
                  chart=chart, years=years, table=table, filters=filters, choices=data.filter_choices(store),
                  nav="trends")
