"""Incidents as the doors show them: the stored values with their claims, sources and link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from harmtrack.incidents.consolidate import source_key
from harmtrack.incidents.fields import json_value
from harmtrack.model import EVENT_FIELDS, INCIDENT_FIELDS, Figures, Incident, IncidentClaim
from harmtrack.store import incidents as store
from harmtrack.store.incidents import STATEMENT_FIELDS, ClaimRecord, IncidentFilter

# What a claim shows on its incident: the place and figures a reader compares across sources.
_SHOWN_EVENT_FIELDS = tuple(f for f in EVENT_FIELDS if f not in ("date_precision", "date_end"))


def incident_claim(record: ClaimRecord) -> IncidentClaim:
    names = _SHOWN_EVENT_FIELDS if record.kind == "event" else STATEMENT_FIELDS
    return IncidentClaim(
        claim_id=record.id,
        kind="event" if record.kind == "event" else "statement",
        document_id=record.document_id,
        document=record.record_id or record.document_id,
        publisher=record.publisher,
        published=record.published.isoformat() if record.published else None,
        source_key=source_key(record),
        fields={name: json_value(record.get(name)) for name in names},
        link=dict(record.link or {}),
    )


def _figures(row: Mapping[Any, Any], role: str) -> Figures:
    return Figures(row[f"{role}_low"], row[f"{role}_best"], row[f"{role}_high"])


def to_incident(row: Mapping[Any, Any], records: list[ClaimRecord]) -> Incident:
    return Incident(
        id=row["id"],
        fields={name: json_value(row[name]) for name in INCIDENT_FIELDS},
        killed=_figures(row, "killed"),
        injured=_figures(row, "injured"),
        grade=row["grade"],
        status=row["status"],
        sources=row["sources"],
        zones=list(row["zones"] or []),
        overrides=dict(row["overrides"] or {}),
        claims=[incident_claim(r) for r in records],
        merged_into=row["merged_into"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def load_incident(session: Session, incident_id: int) -> Incident | None:
    row = store.incident(session, incident_id)
    if row is None:
        return None
    return to_incident(row, store.claims_of_incident(session, incident_id))


def find_incidents(session: Session, flt: IncidentFilter) -> list[Incident]:
    """The live incidents ``flt`` selects, by date, each with its claims."""
    return [
        to_incident(row, store.claims_of_incident(session, row["id"]))
        for row in store.list_incidents(session, flt)
    ]
