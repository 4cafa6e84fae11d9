"""Claim records built by hand, for the matcher's and consolidation's pure functions."""

from __future__ import annotations

from datetime import date
from typing import Any

from harmtrack.model import EVENT_FIELDS
from harmtrack.store.incidents import ClaimRecord, Quote

ATAREB = (36.13907, 36.82504)
SARAQIB = (35.86447, 36.80591)


def event(
    claim_id: int,
    document_id: int | None = None,
    *,
    publisher: str | None = "Monitor A",
    published: str | None = "2017-11-14",
    origin: str | None = None,
    origin_kind: str = "file",
    final_url: str | None = None,
    quotes: tuple[tuple[str, str], ...] = (("location", "Atareb"),),
    **values: Any,
) -> ClaimRecord:
    """An event claim of the Atareb strike unless ``values`` say otherwise."""
    fields: dict[str, Any] = dict.fromkeys(EVENT_FIELDS)
    fields.update(
        date=date(2017, 11, 13),
        date_precision="day",
        country="SY",
        admin1="Aleppo",
        location="Al Atarib",
        lat=ATAREB[0],
        lon=ATAREB[1],
        geo_precision="town",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        perpetrator="russia",
        target_site="market",
    )
    for name in ("date", "date_end"):
        if isinstance(values.get(name), str):
            values[name] = date.fromisoformat(values[name])
    fields.update(values)
    document = document_id if document_id is not None else claim_id
    return ClaimRecord(
        id=claim_id,
        kind="event",
        document_id=document,
        record_id=None,
        publisher=publisher,
        origin=origin or f"reports/{document}.txt",
        origin_kind=origin_kind,
        final_url=final_url,
        published=date.fromisoformat(published) if published else None,
        values=fields,
        quotes=tuple(Quote(name, 10, 10 + len(text), text) for name, text in quotes),
    )


def statement(
    claim_id: int, document_id: int, kind: str, speaker: str = "Someone", start: int = 100
) -> ClaimRecord:
    return ClaimRecord(
        id=claim_id,
        kind="statement",
        document_id=document_id,
        record_id=None,
        publisher=None,
        origin=f"reports/{document_id}.txt",
        origin_kind="file",
        final_url=None,
        published=date(2017, 11, 14),
        values={"speaker": speaker, "statement_kind": kind, "addressee": None},
        quotes=(Quote("kind", start, start + 6, "denied"),),
    )
