"""Which incident a statement speaks about: its report's nearest event, or a place it names."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from harmtrack.store.incidents import ClaimRecord

#: How many days before its report a statement may speak of an incident it names by place.
LOOKBACK_DAYS = 7


def _starts(record: ClaimRecord) -> list[int]:
    # An empty span (a date read from the publication date) is no position in the text.
    return [q.start for q in record.quotes if q.end > q.start]


def _gap(a: Sequence[int], b: Sequence[int]) -> int | None:
    return min((abs(x - y) for x in a for y in b), default=None)


def by_same_document(
    statement: ClaimRecord, events: Sequence[ClaimRecord]
) -> tuple[int, dict[str, Any]] | None:
    """The incident of the report's event told nearest to the statement's words."""
    placed = [e for e in events if e.incident_id is not None]
    if not placed:
        return None
    here = _starts(statement)
    scored = []
    for event in placed:
        gap = _gap(here, _starts(event))
        scored.append((gap if gap is not None else 1 << 30, event.id, event))
    gap, _, nearest = min(scored)
    assert nearest.incident_id is not None
    link: dict[str, Any] = {"method": "statement", "rule": "same document"}
    if len(placed) > 1:
        link["chars"] = gap
    return nearest.incident_id, link


def _mentions(text: str, name: str) -> list[int]:
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    return [m.start() for m in pattern.finditer(text)]


def by_place_named(
    statement: ClaimRecord, text: str, candidates: Sequence[Mapping[Any, Any]]
) -> tuple[int, dict[str, Any]] | None:
    """For a report with no event of its own ("the ministry denied striking Atareb"): the
    incident, among ``candidates`` (dated shortly before the report), whose place the report
    names nearest to the statement's words."""
    folded = text.lower()
    here = _starts(statement) or [0]
    best: tuple[int, int, str] | None = None
    for row in candidates:
        for name in (row["profile"] or {}).get("places", ()):
            gap = _gap(here, _mentions(folded, str(name)))
            if gap is not None and (best is None or (gap, row["id"]) < best[:2]):
                best = (gap, row["id"], str(name))
    if best is None:
        return None
    return best[1], {"method": "statement", "rule": "place named", "place": best[2]}
