"""PDF with a text layer via pypdf; scanned PDFs (no text) are refused, since OCR is out of scope."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from ...models import Document, IngestError

NO_TEXT = "PDF has no text layer (scanned?)"


def read_pdf(source: str, data: bytes, max_chars: int | None = None) -> Document | IngestError:
    """pypdf bounds each stream it inflates (75 MB); reading stops as soon as the text passes `max_chars`."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns loudly on harmless quirks
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return IngestError(source, "PDF is encrypted with a password")
        pages, chars = [], 0
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip())
            chars += len(pages[-1])
            if max_chars is not None and chars > max_chars:
                return IngestError(source, f"text too long ({chars:,} characters read > limit {max_chars:,})")
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on broken files
        return IngestError(source, f"corrupt PDF ({type(e).__name__}: {e})")
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        return IngestError(source, NO_TEXT)
    return Document(source=source, data=data, text=text + "\n", encoding="utf-8", fmt="pdf")
