"""Tables with one report per row: .csv, .tsv, .xlsx, .jsonl, and headerless `year<TAB>text` files.

The text column is found by name (full_text, text, doc, content, 正文) or else by content: the column whose
values are longest and mostly Chinese. Every other column of the row goes to hints["columns"].
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from ...models import Document, IngestError
from ..common_hanzi import is_hanzi
from .text import normalize_newlines

TEXT_COLUMN_NAMES = ("full_text", "text", "doc", "content", "正文")
MIN_MEAN_TEXT_CHARS = 200  # by-content choice: shorter columns are titles or labels, not reports
MIN_HANZI_SHARE = 0.3
YEAR_LINE = re.compile(r"(1[89]\d\d|20\d\d)\t")
TAB_RUNS = re.compile(r"[ \t]*\t[ \t]*")  # inside a flattened one-line report, tabs mark the old paragraph breaks
MIN_YEAR_LINE_CHARS = 200

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # one cell holds a whole report

Row = dict[str, Any]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _hanzi_share(text: str) -> float:
    sample = text[:2000]
    letters = [ch for ch in sample if not ch.isspace() and not ch.isdigit()]
    return sum(map(is_hanzi, letters)) / len(letters) if letters else 0.0


def find_text_column(header: Sequence[str], rows: Sequence[Row]) -> str | None:
    by_name = {str(h).strip().lower(): h for h in header}
    for name in TEXT_COLUMN_NAMES:
        if name in by_name:
            return by_name[name]
    best, best_len = None, 0.0
    for column in header:
        values = [str(r.get(column, "")) for r in rows]
        values = [v for v in values if v.strip()]
        if not values:
            continue
        mean_len = sum(map(len, values)) / len(values)
        if mean_len > best_len and sum(_hanzi_share(v) >= MIN_HANZI_SHARE for v in values) * 2 > len(values):
            best, best_len = column, mean_len
    return best if best_len >= MIN_MEAN_TEXT_CHARS else None


def rows_to_documents(source: str, header: Sequence[str], rows: Sequence[Row], encoding: str) -> list:
    """One Document per row (row numbers count data rows from 1), or one error when no column holds text."""
    if not rows:
        return [IngestError(source, "table has no data rows")]
    column = find_text_column(header, rows)
    if column is None:
        return [IngestError(source, "table has no text column (none named full_text/text/content/正文, none long)")]
    out: list[Document | IngestError] = []
    empty: list[int] = []
    for n, row in enumerate(rows, 1):
        row_source = f"{source}#row={n}"
        text = normalize_newlines(str(row.get(column) or ""))
        if not text.strip():
            empty.append(n)
            continue
        columns = {str(k): _cell(v) for k, v in row.items() if k != column}
        out.append(
            Document(
                source=row_source,
                data=text.encode("utf-8"),
                text=text,
                encoding=encoding,
                fmt="row",
                hints={"columns": columns},
            )
        )
    return out + _empty_rows_error(source, column, empty)


def _empty_rows_error(source: str, column: str, empty: list[int]) -> list[IngestError]:
    """One line for all rows without text (a broken quote can split a table into hundreds of them)."""
    if len(empty) == 1:
        return [IngestError(f"{source}#row={empty[0]}", f"empty text in column {column!r}")]
    if empty:
        shown = ", ".join(map(str, empty[:5])) + (", ..." if len(empty) > 5 else "")
        return [IngestError(source, f"{len(empty)} rows with empty text in column {column!r} (rows {shown})")]
    return []


def read_delimited(source: str, text: str, encoding: str, delimiter: str) -> list:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = [r for r in reader if any(c.strip() for c in r)]
    except csv.Error as e:
        return [IngestError(source, f"malformed table ({e})")]
    if not table:
        return [IngestError(source, "table is empty")]
    header = _unique([h.strip() for h in table[0]])
    rows = [dict(zip(header, r + [""] * (len(header) - len(r)), strict=False)) for r in table[1:]]
    return rows_to_documents(source, header, rows, encoding)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name or f"column{i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def read_jsonl(source: str, text: str, encoding: str) -> list:
    rows: list[Row] = []
    errors: list[IngestError] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(IngestError(f"{source}#line={n}", f"invalid JSON ({e.msg})"))
            continue
        if isinstance(value, dict):
            rows.append(value)
        else:
            errors.append(IngestError(f"{source}#line={n}", "JSON line is not an object"))
    header = list(dict.fromkeys(k for r in rows for k in r))
    return errors + (rows_to_documents(source, header, rows, encoding) if rows else [])


def read_json(source: str, text: str, encoding: str) -> list:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        return [IngestError(source, f"invalid JSON ({e.msg})")]
    rows = value if isinstance(value, list) else [value]
    rows = [r for r in rows if isinstance(r, dict)]
    if not rows:
        return [IngestError(source, "JSON holds no objects")]
    header = list(dict.fromkeys(k for r in rows for k in r))
    return rows_to_documents(source, header, rows, encoding)


def read_xlsx(source: str, data: bytes) -> list:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        out: list = []
        for sheet in book.worksheets:
            table = [list(r) for r in sheet.iter_rows(values_only=True) if any(c not in (None, "") for c in r)]
            if not table:
                continue
            header = _unique([str(h).strip() if h is not None else "" for h in table[0]])
            rows = [dict(zip(header, r, strict=False)) for r in table[1:]]
            name = source if len(book.worksheets) == 1 else f"{source}#sheet={sheet.title}"
            out.extend(rows_to_documents(name, header, rows, "utf-8"))
        book.close()
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds on broken workbooks
        return [IngestError(source, f"corrupt .xlsx ({type(e).__name__}: {e})")]
    return out or [IngestError(source, ".xlsx has no rows")]


def sniff_table(text: str) -> str | None:
    """For names without a telling extension (stdin, uploads): "jsonl", "csv", "tsv" or None for plain text.

    Only unmistakable shapes count: a first line that is a JSON object, or a header naming a text column.
    """
    first = next((line for line in text.splitlines() if line.strip()), "").lstrip("\ufeff").strip()
    if first.startswith("{") and first.endswith("}"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    for delimiter, kind in (("\t", "tsv"), (",", "csv")):
        fields = [f.strip().strip('"').lower() for f in first.split(delimiter)]
        if len(fields) >= 2 and any(f in TEXT_COLUMN_NAMES for f in fields):
            return kind
    return None


def is_year_lines(text: str) -> bool:
    """A headerless `year<TAB>text` file: every non-blank line is a year, a tab and a long text (a report's first
    line answers for most files: they are not checked line by line)."""
    n = 0
    for line in text.splitlines():
        if line.strip():
            if not (YEAR_LINE.match(line) and len(line) >= MIN_YEAR_LINE_CHARS):
                return False
            n += 1
    return n >= 2


def read_year_lines(source: str, text: str, encoding: str) -> list:
    out: list[Document | IngestError] = []
    for n, line in enumerate((x for x in text.splitlines() if x.strip()), 1):
        year, body = line.split("\t", 1)
        body = body.strip()  # some lines pad the year with empty columns
        out.append(
            Document(
                source=f"{source}#row={n}",
                data=body.encode("utf-8"),
                text=TAB_RUNS.sub("\n", body),
                encoding=encoding,
                fmt="row",
                hints={"columns": {"year": year}},
            )
        )
    return out
