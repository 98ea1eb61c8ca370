"""Word .docx via python-docx: paragraphs and tables in body order (a table row is one tab-joined line)."""

from __future__ import annotations

import io

import docx
from docx.table import Table

from ...models import Document, IngestError


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            if not cells or text != cells[-1]:  # merged cells repeat their text
                cells.append(text)
        line = "\t".join(cells).strip()
        if line:
            lines.append(line)
    return lines


def read_docx(source: str, data: bytes) -> Document | IngestError:
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds on broken packages
        return IngestError(source, f"corrupt .docx ({type(e).__name__}: {e})")
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        return IngestError(source, ".docx has no text")
    return Document(source=source, data=data, text=text + "\n", encoding="utf-8", fmt="docx")
