"""PDF to text through PDFium (pypdfium2): robust on broken files, fast, no external programs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pypdfium2 as pdfium

from harmtrack.errors import TextExtractionError

MAX_PAGES = 500


@dataclass(frozen=True)
class PdfText:
    """Text of a PDF (pages separated by blank lines) and its document information."""

    text: str
    title: str | None
    created_at: datetime | None
    pages: int


def _pdf_date(value: str | None) -> datetime | None:
    """Parse a PDF date string such as ``D:20171113112500+03'00'``."""
    if not value:
        return None
    digits = value.removeprefix("D:")[:14]
    for fmt, width in (("%Y%m%d%H%M%S", 14), ("%Y%m%d%H%M", 12), ("%Y%m%d", 8)):
        try:
            return datetime.strptime(digits[:width], fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def pdf_to_text(data: bytes, *, name: str = "input") -> PdfText:
    """Extract the text layer of a PDF; raise TextExtractionError for broken or image-only files."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise TextExtractionError(f"{name}: not a readable PDF ({exc})") from exc
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise TextExtractionError(f"{name}: PDF has {pages} pages, over the {MAX_PAGES} limit")
        chunks = []
        for index in range(pages):
            page = pdf[index]
            textpage = page.get_textpage()
            chunks.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        meta = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError as exc:
        raise TextExtractionError(f"{name}: PDF is damaged ({exc})") from exc
    finally:
        pdf.close()
    text = "\n\n".join(chunk.strip() for chunk in chunks if chunk.strip())
    if not text:
        raise TextExtractionError(
            f"{name}: the PDF has no text layer",
            hint="It is probably a scan; run OCR on it first (Harmtrack does not OCR).",
        )
    return PdfText(text, meta.get("Title") or None, _pdf_date(meta.get("CreationDate")), pages)
