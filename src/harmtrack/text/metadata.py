"""Read a report's own header: title, publication date (and its precision) and publisher."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from harmtrack.text.datelines import DateMention, find_dates

_LABEL = re.compile(
    r"^(?:press release|news release|media release|press statement|statement|communiqu[eé]|"
    r"for immediate release|news)$",
    re.I,
)
_DEPARTMENT = re.compile(r"\b(?:department|office|unit|desk|service|section)$", re.I)
_BODY_MIN_CHARS = 200
_HEADER_MAX_LINES = 15
_LEAD_MIN_CHARS = 120
_DATELINE_PREFIX = 80


@dataclass(frozen=True)
class DateCandidate:
    """A publication date stated somewhere, and where it came from."""

    value: datetime
    precision: str
    origin: str  # "header", "dateline", "html", "pdf", "record"


@dataclass(frozen=True)
class HeaderInfo:
    """What the header block of a report says about the report."""

    title: str | None
    publisher: str | None
    dates: list[DateCandidate] = field(default_factory=list)


def _is_date_line(line: str, mentions: list[DateMention]) -> bool:
    covered = sum(m.end - m.start for m in mentions)
    return bool(mentions) and covered >= 0.6 * len(line)


def _header_lines(text: str) -> tuple[list[str], str | None]:
    """Lines before the first body paragraph, and that paragraph."""
    header: list[str] = []
    for line in (raw.strip() for raw in text.split("\n")):
        if not line:
            continue
        if len(line) >= _BODY_MIN_CHARS:
            return header, line
        header.append(line)
        if len(header) >= _HEADER_MAX_LINES:
            break
    return header, None


def _is_lead_sentence(line: str) -> bool:
    """A news lead ("Air strikes killed 43 people in northwest Syria on Monday, ... bastion."):
    long and closed by a full stop, which titles and header lines are not."""
    return len(line) >= _LEAD_MIN_CHARS and line.rstrip("\"”’'").endswith(".")


def header_end(text: str) -> int:
    """Offset where the body of a report begins (0 when there is no header block)."""
    position = 0
    lines = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            if len(line) >= _BODY_MIN_CHARS or _is_lead_sentence(line):
                return position
            lines += 1
            if lines >= _HEADER_MAX_LINES:
                return 0
        position += len(raw) + 1
    return 0


def _publisher_after_label(lines: list[str]) -> str | None:
    """The press-release signature: "Press release / Syrian Coalition / Media Department"."""
    for index, line in enumerate(lines):
        if not _LABEL.match(line):
            continue
        for candidate in lines[index + 1 : index + 4]:
            if _LABEL.match(candidate) or _DEPARTMENT.search(candidate):
                continue
            if find_dates(candidate) or len(candidate) > 80 or candidate.endswith("."):
                continue
            return candidate
    return None


def _could_be_title(line: str, mentions: list[DateMention], publisher: str | None) -> bool:
    if len(line) < 15 or _is_date_line(line, mentions) or line == publisher:
        return False
    return not (_LABEL.match(line) or _DEPARTMENT.search(line))


def read_header(text: str) -> HeaderInfo:
    """Title, publisher and stated dates from the header block of a plain-text report."""
    lines, body = _header_lines(text)
    dates: list[DateCandidate] = []
    title = None
    publisher = _publisher_after_label(lines)
    for line in lines:
        mentions = find_dates(line)
        dates.extend(DateCandidate(m.value, m.precision, "header") for m in mentions)
        if title is None and _could_be_title(line, mentions, publisher):
            title = line
    if body:
        # A news dateline: "BEIRUT, Nov 13, 2017 (Reuters) - ..."
        prefix = re.split(r"\s[-–—]\s", body[:_DATELINE_PREFIX], maxsplit=1)[0]
        dates.extend(DateCandidate(m.value, m.precision, "dateline") for m in find_dates(prefix))
    return HeaderInfo(title, publisher, dates)


def choose_publication_date(candidates: Iterable[DateCandidate]) -> DateCandidate | None:
    """The earliest stated date wins.

    A release carries its own date ("November 13, 2017") while the website that posts it adds a
    later posting time ("Tuesday, 14 November 2017 11:25"); relative dates in the text ("today",
    "on Monday") were written against the release's own date, so the earliest is the one to use.
    Among candidates of the same day, the more precise one wins.
    """
    ranked = sorted(candidates, key=lambda c: (c.value.date(), c.precision != "minute"))
    return ranked[0] if ranked else None
