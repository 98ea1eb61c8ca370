"""Template rendering: one autoescaping Jinja2 environment; every page gets the language, t() and link helpers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from .. import data_file
from . import names
from .charts import bar_chart, line_chart
from .highlight import format_number, status_class
from .i18n import COOKIE, pick_lang, translator

STATIC_DIR = data_file.directory(__package__, "static")

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(data_file.directory(__package__, "templates"))),
    autoescape=True,  # report text comes from the web: everything is escaped unless built as Markup
    undefined=jinja2.ChainableUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters["num"] = format_number
ENV.filters["signed"] = lambda x: format_number(x, signed=True)
ENV.filters["status_class"] = status_class
ENV.globals["line_chart"] = line_chart
ENV.globals["bar_chart"] = bar_chart


def request_lang(request: Request) -> str:
    return pick_lang(request.query_params.get("lang"), request.cookies.get(COOKIE))


def url_with(request: Request, **changes: Any) -> str:
    """The current path with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    return request.url.path + ("?" + urlencode(params) if params else "")


def display_title(row: Any, t: Any) -> str:
    """A report's title; one stored without a title (a row of a table file, say) is named by its region, year and
    kind of document, never by its file path."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k, None)
    if title := get("title"):
        return str(title)
    what = t("doctype." + (get("doc_type") or "work_report"))
    return " ".join(str(p) for p in (get("region"), t("year.n", year=get("year")) if get("year") else None, what) if p)


def render(request: Request, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = request_lang(request)
    html = ENV.get_template(template).render(
        request=request,
        lang=lang,
        t=translator(lang),
        mname=lambda key, metric_text=None: names.metric_name(
            names.chart_key(key, metric_text) if key and metric_text else key, lang),
        unit_name=lambda unit: names.unit_name(unit, lang),
        amount=lambda value, unit, high=None: names.amount(value, unit, lang, high=high),
        fig_value=lambda fact: names.value(fact, lang),
        fig_growth=lambda fact: names.growth(fact, lang),
        reason=lambda text: names.reason(text, lang),
        title_of=lambda row: display_title(row, translator(lang)),
        url_with=lambda **kw: url_with(request, **kw),
        allow_upload=request.app.state.allow_upload,
        status_code=status_code,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
