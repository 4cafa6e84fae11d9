"""Analysts' changes to incidents: edit a field, merge incidents, split a claim out.

Each change is written as revisions in the hash-chained log (store/audit.py), in the same
transaction as the change itself. The incident row is always written before the log, so that on
SQLite the writer holds the database lock while it reads the end of the chain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from harmtrack.errors import IncidentError
from harmtrack.incidents.assign import refresh
from harmtrack.incidents.fields import GRADES, check_field, json_value, parse_value
from harmtrack.store import audit
from harmtrack.store import incidents as store
from harmtrack.store.incidents import IncidentFilter


def _live(session: Session, incident_id: int) -> Mapping[Any, Any]:
    row = store.incident(session, incident_id)
    if row is None:
        raise IncidentError(
            f"no incident {incident_id}", hint="List them with `harmtrack incidents`."
        )
    if row["merged_into"] is not None:
        raise IncidentError(
            f"incident {incident_id} was merged into incident {row['merged_into']}",
            hint=f"Work on incident {row['merged_into']}.",
        )
    return row


def _mark_reviewed(session: Session, row: Mapping[Any, Any], user: str, why: str) -> None:
    """An incident an analyst changed is no longer the machine's alone."""
    if row["status"] == "auto":
        store.write_incident(session, row["id"], {"status": "reviewed"})
        audit.append(
            session,
            user=user,
            incident_id=row["id"],
            action="edit",
            field="status",
            old="auto",
            new="reviewed",
            why=why,
        )


def edit(
    session: Session, incident_id: int, field: str, value: str | None, *, why: str, user: str
) -> tuple[Any, Any]:
    """Set ``field`` to the analyst's ``value`` (None: remove the analyst's value and let the
    claims decide again). Returns the value in force before and after."""
    row = _live(session, incident_id)
    check_field(field)
    if field == "status":
        if value is None:
            raise IncidentError("status has no machine value to return to; give one")
        new = parse_value(field, value)
        store.write_incident(session, incident_id, {"status": new})
        audit.append(
            session,
            user=user,
            incident_id=incident_id,
            action="edit",
            field=field,
            old=row["status"],
            new=new,
            why=why,
        )
        return row["status"], new
    overrides = dict(row["overrides"] or {})
    old = json_value(row[field])
    if value is None:
        if field not in overrides:
            raise IncidentError(f"incident {incident_id} has no analyst value for {field}")
        del overrides[field]
        action = "unset"
    else:
        overrides[field] = parse_value(field, value)
        action = "edit"
    store.write_incident(session, incident_id, {"overrides": overrides})
    refresh(session, incident_id)
    now = store.incident(session, incident_id)
    assert now is not None
    new = json_value(now[field])
    audit.append(
        session,
        user=user,
        incident_id=incident_id,
        action=action,
        field=field,
        old=old,
        new=new,
        why=why,
    )
    _mark_reviewed(session, now, user, why)
    return old, new


def _claim_ids(session: Session, incident_id: int) -> list[int]:
    return [r.id for r in store.claims_of_incident(session, incident_id)]


def merge(session: Session, incident_ids: Sequence[int], *, why: str, user: str) -> int:
    """Move every claim of the other incidents into the first; the others are kept, empty,
    as pointers to it (``merged_into``). The first incident's analyst values win."""
    if len(set(incident_ids)) < 2:
        raise IncidentError("give two or more different incidents to merge")
    target, *others = incident_ids
    rows = [_live(session, i) for i in incident_ids]
    before = _claim_ids(session, target)
    moved: list[int] = []
    for other in others:
        claims = _claim_ids(session, other)
        how = {"method": "analyst", "action": "merge", "from_incident": other}
        store.relink(session, claims, target, how)
        store.write_incident(session, other, {"merged_into": target, "status": "reviewed"})
        moved += claims
    refresh(session, target)
    for other in others:
        audit.append(
            session,
            user=user,
            incident_id=other,
            action="merge",
            field="merged_into",
            old=None,
            new=target,
            why=why,
        )
    audit.append(
        session,
        user=user,
        incident_id=target,
        action="merge",
        field="claims",
        old=before,
        new=sorted(before + moved),
        why=why,
    )
    _mark_reviewed(session, rows[0], user, why)
    return target


def split(session: Session, claim_id: int, *, why: str, user: str) -> int:
    """Take an event claim out of its incident into a new one of its own; returns the new id."""
    found = store.claims_by_id(session, [claim_id])
    if not found:
        raise IncidentError(f"no claim {claim_id}")
    record = found[0]
    if record.kind != "event":
        raise IncidentError(f"claim {claim_id} is a statement; only event claims can be split")
    if record.incident_id is None:
        raise IncidentError(f"claim {claim_id} is in no incident")
    source = _live(session, record.incident_id)
    before = _claim_ids(session, source["id"])
    events = [r for r in store.claims_of_incident(session, source["id"]) if r.kind == "event"]
    if len(events) == 1:
        raise IncidentError(
            f"claim {claim_id} is the only event claim of incident {source['id']}",
            hint="Nothing to split it from; edit the incident instead.",
        )
    new_id = store.new_incident(session, status="reviewed")
    how = {"method": "analyst", "action": "split", "from_incident": source["id"]}
    store.relink(session, [claim_id], new_id, how)
    refresh(session, new_id)
    refresh(session, source["id"])
    audit.append(
        session,
        user=user,
        incident_id=source["id"],
        action="split",
        field="claims",
        old=before,
        new=[c for c in before if c != claim_id],
        why=why,
    )
    audit.append(
        session,
        user=user,
        incident_id=new_id,
        action="split",
        field="claims",
        old=[],
        new=[claim_id],
        why=why,
    )
    _mark_reviewed(session, source, user, why)
    return new_id


def set_grade(
    session: Session, incident_id: int, grade: str, *, why: str, user: str
) -> tuple[Any, Any]:
    """Grade an incident (e.g. ``confirmed`` after a field investigation): the analyst's value,
    logged as an ``edit`` of ``grade`` like any other field."""
    if grade not in GRADES:
        raise IncidentError(f"{grade!r} is not a grade", hint="Grades: " + ", ".join(GRADES))
    return edit(session, incident_id, "grade", grade, why=why, user=user)


def claim_of(session: Session, incident_id: int, claim_id: int) -> None:
    """IncidentError unless ``claim_id`` is one of the incident's claims."""
    found = store.claims_by_id(session, [claim_id])
    if not found or found[0].incident_id != incident_id:
        raise IncidentError(f"claim {claim_id} is not a claim of incident {incident_id}")


#: What waits for an analyst. New: no analyst has changed it. Contested: its sources name
#: different perpetrators, or a party denies it. Disputed: an analyst marked it so.
REVIEW_QUEUES = {
    "new": IncidentFilter(status="auto"),
    "contested": IncidentFilter(grade="contested"),
    "disputed": IncidentFilter(status="disputed"),
}
