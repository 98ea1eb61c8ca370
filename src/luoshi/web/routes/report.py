"""One report: highlighted text, outline, facts, repair/removal logs, the original; JSON and CSV downloads."""

from __future__ import annotations

import io
import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from .. import data, names
from ..highlight import highlighted_text
from ..render import render, request_lang
from .deps import StoreDep

router = APIRouter()

FACT_FIELDS_FOR_JS = (
    "metric", "metric_text", "value", "unit", "value_text", "high", "growth", "growth_unit", "bound", "status",
    "period", "rank", "start", "end", "scope", "action", "object",
)


def load_report(store: Any, rid: str) -> Any:
    report = store.get_report(rid)
    if report is None:
        raise HTTPException(404, "report.not_found")
    return report


def attachment(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/report/{rid}.json")
def report_json(rid: str, store: StoreDep) -> Response:
    report = load_report(store, rid)
    body = json.dumps(report.to_dict(with_text=True), ensure_ascii=False, indent=1)
    return attachment(body, "application/json; charset=utf-8", f"{report.id[:16]}.json")


@router.get("/report/{rid}.csv")
def report_csv(rid: str, store: StoreDep) -> Response:
    from ...query.export import fact_rows_writer

    report = load_report(store, rid)
    out = io.StringIO()
    fact_rows_writer(out)(report)
    return attachment("\ufeff" + out.getvalue(), "text/csv; charset=utf-8", f"{report.id[:16]}.csv")


@router.get("/report/{rid}/{table}.csv")
def report_log_csv(rid: str, table: str, store: StoreDep) -> Response:
    """The report's repair log or removal log (the tables under its text)."""
    from ..csvout import csv_response

    if table not in ("repairs", "removals"):
        raise HTTPException(404, "error.not_found")
    report = load_report(store, rid)
    items = report.quality.repairs if table == "repairs" else report.quality.removed
    columns = ["report_id", "kind", "start", "end", "before", "after"] if table == "repairs" else [
        "report_id", "kind", "text"]
    rows = [{"report_id": report.id, **{c: getattr(item, c, None) for c in columns[1:]}} for item in items]
    return csv_response(rows, columns, f"{report.id[:16]}-{table}.csv")


@router.get("/report/{rid}/raw")
def report_raw(rid: str, store: StoreDep) -> Response:
    """The original as ingested, as plain text (never interpreted as HTML: text/plain and nosniff)."""
    report_id = store.resolve(rid)
    text = data.raw_text(store, report_id) if report_id else None
    if text is None:
        raise HTTPException(404, "report.not_found")
    return Response(text, media_type="text/plain; charset=utf-8")


@router.get("/report/{rid}", response_class=HTMLResponse)
def report_page(request: Request, rid: str, store: StoreDep) -> HTMLResponse:
    report = load_report(store, rid)
    row = data.report_row(store, report.id) or {}
    lang = request_lang(request)
    facts = []
    for i, f in enumerate(report.facts):  # getattr, not dataclasses.asdict: a deep copy per fact is slow
        fact = {"i": i, **{k: getattr(f, k) for k in FACT_FIELDS_FOR_JS}}
        fact["metric_name"] = names.metric_name(names.chart_key(f.metric, f.metric_text), lang) if f.metric else None
        fact["value_shown"] = names.value(fact, lang).striptags()
        fact["growth_shown"] = names.growth(fact, lang)
        facts.append(fact)
    copies = data.attach_copies(store, [{"id": report.id}])[0]["copies"] if not row.get("canonical_id") else []
    return render(
        request, "report.html",
        report=report, row=row, facts=facts, copies=copies,
        reasons_shown=[s for s in (names.reason(r, lang) for r in report.quality.reasons) if s],
        text_html=highlighted_text(report.text, facts),
        status_counts={s: sum(1 for f in facts if f["status"] == s) for s in ("target", "plan", "actual", "estimate")},
        nav="reports",
    )
