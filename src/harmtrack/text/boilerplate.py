"""Remove page furniture left in plain-text copies of web pages (breadcrumbs, share bars)."""

from __future__ import annotations

import re

_BREADCRUMB_START = re.compile(r"^(?:home|you are here:?|main page)\b", re.I)
_SEPARATORS = re.compile(r"[›»>/|]|\s-\s")
_FURNITURE = re.compile(
    r"^(?:share(?: this)?:?|print|email|tweet|related (?:articles|posts|news):?|tags?:.*)$", re.I
)
_EDGE_LINES = 4  # breadcrumbs and share bars sit at the very top or the very bottom


def _is_breadcrumb(line: str, title: str | None) -> bool:
    if not _BREADCRUMB_START.match(line) or len(line) > 400:
        return False
    return bool(_SEPARATORS.search(line)) or bool(title and title.lower() in line.lower())


def strip_furniture(text: str, title: str | None = None) -> str:
    """Drop breadcrumb and share-bar lines among the first and last few lines of ``text``."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(content[:_EDGE_LINES] + content[-_EDGE_LINES:])
    keep = [
        line
        for i, line in enumerate(lines)
        if i not in edges
        or not (_is_breadcrumb(line.strip(), title) or _FURNITURE.match(line.strip()))
    ]
    return "\n".join(keep).strip()
