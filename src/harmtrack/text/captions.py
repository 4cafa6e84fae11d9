"""Photo captions: lines that describe a picture of the story, not a new event.

A caption repeats the story ("Rescuers check the wreckage of a car at the scene of a bomb
explosion in Azaz, early on March 31, 2024 (Bakr ALKASEM)") and often carries its own date,
the day the photo was taken; read as a sentence of the report, it opens an event that is
not there. A line is a caption when it ends with a photo credit.
"""

from __future__ import annotations

import re

# "(Bakr ALKASEM)", "(The State Emergency Service)": a credit of two to four capitalised words
# in brackets; "— Reuters", "2017 AFP", "Vitalii Matokha / AFP", "Source: Getty Images",
# "© 2022 Fadel Senna/AFP via Getty Images".
_CREDIT = re.compile(
    r"(?:\([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\)"
    r"|[—–-]\s*(?:Reuters|AFP|AP|EPA|Getty Images|Anadolu(?: Agency)?)\.?"
    r"|[^.\s]\s+(?:AFP|Reuters|AP|EPA)"
    r"|Getty Images|/\s*(?:AFP|Reuters|AP|EPA))\s*$"
    r"|©\s*\d{4}"
)
_MAX_CAPTION = 500


def caption_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` that are photo captions."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped and len(stripped) <= _MAX_CAPTION and _CREDIT.search(stripped):
            spans.append((start, end))
        start = end + 1
    return spans
