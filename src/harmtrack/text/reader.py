"""One entry point from a raw input to its normalized text and metadata."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from harmtrack.errors import TextExtractionError
from harmtrack.model import DocumentText, RawInput
from harmtrack.text.boilerplate import strip_furniture
from harmtrack.text.decode import decode_bytes
from harmtrack.text.html import html_to_text
from harmtrack.text.language import detect_language
from harmtrack.text.metadata import DateCandidate, choose_publication_date, read_header
from harmtrack.text.normalize import normalize_text
from harmtrack.text.pdf import pdf_to_text
from harmtrack.text.sniff import HTML, PDF, TEXT, sniff_media_type


def _record_date(value: Any) -> DateCandidate | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    precision = "minute" if "T" in value or " " in value.strip() else "day"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return DateCandidate(parsed.astimezone(UTC), precision, "record")


def _from_record(raw: RawInput) -> DocumentText:
    record = raw.record or {}
    text = normalize_text(str(record.get("text") or ""))
    if not text:
        raise TextExtractionError(f"{raw.origin}: the record has no text")
    header = read_header(text)
    given = _record_date(record.get("published"))
    chosen = given or choose_publication_date(header.dates)
    language = record.get("language") or detect_language(text)
    return DocumentText(
        text=text,
        media_type=TEXT,
        title=record.get("title") or header.title,
        published_at=chosen.value if chosen else None,
        published_precision=chosen.precision if chosen else None,
        publisher=record.get("source") or header.publisher,
        language=language,
        encoding="utf-8",
        meta={"record_id": record.get("id"), "url": record.get("url")},
    )


def read_document(raw: RawInput) -> DocumentText:
    """Normalized text and metadata of ``raw``; raise TextExtractionError when it has no text."""
    if raw.origin_kind == "record":
        return _from_record(raw)
    media_type = sniff_media_type(raw.data, raw.media_type)
    candidates: list[DateCandidate] = []
    title = sitename = None
    encoding = None
    meta: dict[str, Any] = {}
    if media_type == PDF:
        pdf = pdf_to_text(raw.data, name=raw.origin)
        body, title, meta["pages"] = pdf.text, pdf.title, pdf.pages
        if pdf.created_at:
            candidates.append(DateCandidate(pdf.created_at, "minute", "pdf"))
    elif media_type == HTML:
        page = html_to_text(raw.data, url=raw.final_url or None, name=raw.origin)
        body, title, sitename = page.text, page.title, page.sitename
        if page.published_at and page.published_precision:
            candidates.append(DateCandidate(page.published_at, page.published_precision, "html"))
    else:
        decoded = decode_bytes(raw.data, raw.charset, name=raw.origin)
        body, encoding = decoded.text, decoded.encoding
        meta["repaired"] = decoded.repaired
    text = normalize_text(body)
    header = read_header(text)
    title = title or header.title
    text = strip_furniture(text, title)
    if not text:
        raise TextExtractionError(f"{raw.origin}: no text left after removing page furniture")
    chosen = choose_publication_date([*candidates, *header.dates])
    meta["date_candidates"] = [
        {"value": c.value.isoformat(), "precision": c.precision, "origin": c.origin}
        for c in [*candidates, *header.dates]
    ]
    return DocumentText(
        text=text,
        media_type=media_type if media_type in (PDF, HTML) else TEXT,
        title=title,
        published_at=chosen.value if chosen else None,
        published_precision=chosen.precision if chosen else None,
        publisher=sitename or header.publisher,
        language=detect_language(text),
        encoding=encoding,
        meta=meta,
    )
