"""Tell what kind of document some bytes are: PDF, HTML or plain text."""

from __future__ import annotations

import re

PDF, HTML, TEXT = "application/pdf", "text/html", "text/plain"
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|br|span|a|title|meta|h[1-6])\b[^>]*>", re.I)
_SUFFIXES = {".pdf": PDF, ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".txt": TEXT, ".text": TEXT}


def media_type_for_suffix(suffix: str) -> str | None:
    """The media type a file suffix implies, if Harmtrack reads such files."""
    return _SUFFIXES.get(suffix.lower())


def sniff_media_type(data: bytes, declared: str | None = None) -> str:
    """Content wins over names: a PDF is a PDF whatever it is called; HTML shows by its tags."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return PDF
    if _HTML_START.match(head) or (declared in (HTML, "application/xhtml+xml")):
        return HTML
    if declared == PDF:
        return PDF  # a damaged PDF: let the PDF reader name the damage
    if len(_HTML_TAGS.findall(head)) >= 3:
        return HTML
    return TEXT
