"""Which date a frame's event took place on: its sentence's, its paragraph's, the lead's; never
the day a source spoke when another is given; no event for a tally since a date."""

from __future__ import annotations

import re

from harmtrack.extract.dates import DateMention
from harmtrack.extract.frames import Frame, Layout

# "an official told Xinhua on Friday", "the monitor said on Sunday", "as of Tuesday morning":
# the day of the telling, or of the count.
_REPORTED_ON = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|added|confirmed)"
    r"(?:\s+(?:[A-Z][\w.-]*|reporters|journalists|the\s+\w+)){0,3}\s*,?\s*(?:on\s+)?$"
    r"|\b[Aa]s\s+of\s+$"
)
# "A municipal official on Sunday confirmed that 19 people were killed".
_REPORTED_AFTER = re.compile(
    r"\s*,?\s*(?:said|says|told|reported|announced|stated|confirmed|added)\b"
)


def date_frames(frames: list[Frame], layout: Layout, dates: list[DateMention], text: str) -> None:
    """A frame's date: the date in its sentence; else the last one stated before it in its
    paragraph; else the report's lead date (the first in the body; a title's frame takes it
    too); else none (the publication date is used). A date told for one paragraph's events
    does not carry into the next. The day a source spoke ("told Xinhua on Friday", "as
    reported on 1 May", "an official on Sunday confirmed") is an event's date only when the
    report gives no other."""
    told = [
        d
        for d in dates
        if _REPORTED_ON.search(text[max(0, d.start - 40) : d.start])
        or _REPORTED_AFTER.match(text, d.end)
    ]
    events = [d for d in dates if d not in told]
    for frame in frames:
        frame.date = _date_of(frame, layout, events) or _date_of(frame, layout, dates)


# "clashes ... since April 15, resulting in at least 3,000 deaths", "on at least four occasions
# since December 12": the date a period began.
_SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.I)


def drop_tallies(
    frames: list[Frame], layout: Layout, dates: list[DateMention], text: str
) -> list[Frame]:
    """A frame told in a sentence whose only date is the start of a period ("since April 15")
    tallies a campaign; it is no event of its own."""

    def tally(frame: Frame) -> bool:
        here = [d for d in dates if layout.sentence_of(d.start) == frame.anchor]
        return bool(here) and all(_SINCE.search(text[max(0, d.start - 12) : d.start]) for d in here)

    return [f for f in frames if not tally(f)]


def _date_of(frame: Frame, layout: Layout, dates: list[DateMention]) -> DateMention | None:
    here = [d for d in dates if layout.sentence_of(d.start) == frame.anchor]
    if frame.header:
        here = [d for d in here if d.relative or d.precision != "day"] or here
    if here:
        return here[0]
    body = [d for d in dates if layout.sentence_of(d.start) >= layout.body_start]
    if frame.header:
        # A title tells the report's event: the lead's date, the first the body gives.
        return body[0] if body else None
    anchor = layout.sentences[frame.anchor]
    before = [d for d in body if d.start < anchor.start]
    same_paragraph = [
        d
        for d in before
        if layout.sentences[layout.sentence_of(d.start)].paragraph == anchor.paragraph
    ]
    if same_paragraph:
        return same_paragraph[-1]
    return before[0] if before else None
