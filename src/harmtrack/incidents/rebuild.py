"""Recompute every incident from its claims; optionally redo the machine's matching."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from harmtrack.incidents.assign import match_document, refresh
from harmtrack.incidents.rules import MatchRules, default_rules
from harmtrack.store import audit
from harmtrack.store import incidents as store


@dataclass(frozen=True)
class RebuildReport:
    dissolved: int  # machine-made incidents taken apart to be matched again (--rematch)
    documents: int  # documents whose unlinked claims were matched
    incidents: int  # live incidents after the rebuild


def _dissolve_machine_incidents(session: Session) -> int:
    """Unlink and delete the incidents no analyst touched; analysts' incidents stay whole."""
    dissolved = 0
    for incident_id in store.live_incident_ids(session):
        if audit.has_revisions(session, incident_id):
            continue
        store.unlink(session, [r.id for r in store.claims_of_incident(session, incident_id)])
        store.delete_incident(session, incident_id)
        dissolved += 1
    return dissolved


def rebuild(
    session: Session,
    *,
    rematch: bool = False,
    rules: MatchRules | None = None,
    on_step: Callable[[str, int, int], None] | None = None,
) -> RebuildReport:
    """Link every claim no incident holds, then consolidate every incident again.

    Analysts' values (overrides) are applied on top of the recomputed values, as always. With
    ``rematch`` the incidents no analyst has touched are taken apart first and their claims
    matched again, in the order they were stored (after a change of the matching rules).
    """
    rules = rules or default_rules()
    dissolved = _dissolve_machine_incidents(session) if rematch else 0
    documents = store.documents_with_unlinked_claims(session)
    for number, document_id in enumerate(documents, start=1):
        match_document(session, document_id, rules=rules)
        if on_step is not None:
            on_step("matching", number, len(documents))
    live = store.live_incident_ids(session)
    for number, incident_id in enumerate(live, start=1):
        refresh(session, incident_id)
        if on_step is not None:
            on_step("consolidating", number, len(live))
    return RebuildReport(dissolved, len(documents), len(store.live_incident_ids(session)))
