"""CSV downloads: every table and chart of the app has one, with the page's filters, the sentence each figure
comes from and the report ids (UTF-8 with a BOM, so spreadsheet programs read the Chinese)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from fastapi.responses import Response

MAX_ROWS = 200_000


def csv_response(rows: Iterable[dict], columns: Sequence[str], filename: str) -> Response:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    w.writeheader()
    for k, row in enumerate(rows):
        if k >= MAX_ROWS:
            break
        w.writerow({c: "|".join(map(str, v)) if isinstance(v, list | tuple) else v for c, v in row.items()})
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": disposition})
