"""Evidence highlighting: a text escaped for HTML with ``<mark>`` around each evidence span.

Spans may overlap or nest (one quote may support the event type, sub-type and weapon): the
text is cut at every span boundary, and each piece covered by spans is one ``<mark>`` naming
all of their fields. The text is escaped piece by piece, never parsed as HTML.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A span to mark: ``key`` names it in the page (its anchor is ``ev-<key>``)."""

    key: str
    field: str
    start: int
    end: int


def _attr(values: Sequence[str]) -> str:
    return " ".join(dict.fromkeys(values))


def highlight(text: str, spans: Sequence[Span]) -> tuple[Markup, dict[str, str]]:
    """The marked-up text, and for each span key the anchor id of the mark where it starts.

    Spans outside the text or empty are left out (an evidence read from no words has none).
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    parts: list[str] = []
    anchors: dict[str, str] = {}
    for start, end in itertools.pairwise(cuts):
        piece = escape(text[start:end])
        covering = [s for s in valid if s.start <= start and end <= s.end]
        if not covering:
            parts.append(piece)
            continue
        starting = [s for s in covering if s.start == start]
        attrs = [
            'class="ev"',
            f'data-field="{escape(_attr([s.field for s in covering]))}"',
            f'data-ev="{escape(_attr([s.key for s in covering]))}"',
        ]
        if starting:
            anchor = f"ev-{starting[0].key}"
            attrs.append(f'id="{escape(anchor)}"')
            for s in starting:
                anchors[s.key] = anchor
        parts.append(f"<mark {' '.join(attrs)}>{piece}</mark>")
    return Markup("".join(parts)), anchors
