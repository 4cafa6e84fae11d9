"""Find the publication dates a report states in its header ("Tuesday, 14 November 2017 11:25")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
_TIME = (
    r"(?:,?\s+(?:at\s+)?(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?)?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = (
    # Tuesday, 14 November 2017 11:25  /  14 Nov. 2017
    re.compile(
        rf"\b(?:{_WEEKDAY})?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}{_TIME}", re.I
    ),
    # November 13, 2017  /  Monday, November 13, 2017 at 5:30 pm
    re.compile(
        rf"\b(?:{_WEEKDAY})?{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}{_TIME}", re.I
    ),
    # 2017-11-13 or 2017-11-13T11:25
    re.compile(
        r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)"
        r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?\b"
    ),
)


@dataclass(frozen=True)
class DateMention:
    """A calendar date (and maybe time) written in the text, with its span."""

    value: datetime  # tz-aware UTC; local times are taken as written (reports rarely give a zone)
    precision: str  # "minute" or "day"
    start: int
    end: int


def _to_datetime(match: re.Match[str]) -> tuple[datetime, str] | None:
    parts = match.groupdict()
    month_text = parts["month"].lower()
    # re.I also lets odd case variants through ("ſept" with a long s): they are no month names.
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text)
    if month is None:
        return None
    hour, minute, precision = 0, 0, "day"
    if parts.get("hour") is not None:
        hour, minute, precision = int(parts["hour"]), int(parts["minute"]), "minute"
        ampm = (parts.get("ampm") or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    try:
        value = datetime(int(parts["year"]), month, int(parts["day"]), hour, minute, tzinfo=UTC)
    except ValueError:
        return None  # "31 February" and the like: not a date
    return value, precision


def find_dates(text: str) -> list[DateMention]:
    """Every absolute calendar date in ``text``, in order of position, overlaps removed."""
    found: list[DateMention] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            converted = _to_datetime(match)
            if converted is not None:
                found.append(DateMention(converted[0], converted[1], match.start(), match.end()))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DateMention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept
