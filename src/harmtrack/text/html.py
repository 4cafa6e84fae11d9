"""HTML to main text and page metadata, through trafilatura (navigation and boilerplate removed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from trafilatura.settings import Document as TrafilaturaDocument

from harmtrack.errors import TextExtractionError


@dataclass(frozen=True)
class HtmlText:
    """Main text of a web page and what its markup says about it."""

    text: str
    title: str | None
    sitename: str | None
    published_at: datetime | None
    published_precision: str | None


def _parse_date(value: str | None) -> tuple[datetime | None, str | None]:
    if not value:
        return None, None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None, None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    parsed = parsed.astimezone(UTC)
    # htmldate writes midnight when the page gave a day only.
    precision = "day" if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0) else "minute"
    return parsed, precision


def html_to_text(data: bytes, *, url: str | None = None, name: str = "input") -> HtmlText:
    """Extract the main text of an HTML page; raise TextExtractionError when there is none."""
    try:
        doc = trafilatura.bare_extraction(
            data,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            date_extraction_params={
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
                "extensive_search": False,
                "original_date": True,
            },
        )
    except (ValueError, RecursionError, MemoryError) as exc:
        raise TextExtractionError(f"{name}: HTML could not be parsed ({exc})") from exc
    text = ""
    title = sitename = None
    published: tuple[datetime | None, str | None] = (None, None)
    if isinstance(doc, TrafilaturaDocument):
        text = doc.text or ""
        title, sitename = doc.title or None, doc.sitename or None
        published = _parse_date(doc.date)
    if not text.strip():
        # No article found: fall back to all visible text, as a reader would see it.
        text = trafilatura.html2txt(data) or ""
    if not text.strip():
        raise TextExtractionError(
            f"{name}: the HTML page has no readable text",
            hint="Check that the page is not empty, script-only or nested beyond parsing limits.",
        )
    return HtmlText(text, title, sitename, *published)
