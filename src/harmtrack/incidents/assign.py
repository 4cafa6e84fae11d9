"""Put a document's claims into incidents, in the caller's transaction, and re-consolidate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from harmtrack.geo import distance_km
from harmtrack.geo.zones import zones_for
from harmtrack.incidents.consolidate import consolidate, with_overrides
from harmtrack.incidents.match import (
    COARSE,
    Candidate,
    ClaimFacts,
    best_match,
    extend_profile,
    placed,
    window,
)
from harmtrack.incidents.rules import MatchRules, default_rules
from harmtrack.incidents.statements import LOOKBACK_DAYS, by_place_named, by_same_document
from harmtrack.store import audit
from harmtrack.store import incidents as store
from harmtrack.store.incidents import ClaimRecord
from harmtrack.store.zones import stored_zones


@dataclass(frozen=True)
class PreviousLink:
    """An event claim's incident before re-extraction replaced the claim."""

    claim_id: int
    incident_id: int
    facts: ClaimFacts


def previous_links(session: Session, document_id: int) -> list[PreviousLink]:
    """Where a document's event claims are now: taken before its claims are replaced."""
    return [
        PreviousLink(r.id, r.incident_id, ClaimFacts.of(r))
        for r in store.claims_of_document(session, document_id)
        if r.kind == "event" and r.incident_id is not None
    ]


def refresh(
    session: Session,
    incident_id: int,
    *,
    row: Mapping[Any, Any] | None = None,
    added: ClaimRecord | None = None,
) -> None:
    """Recompute an incident from its claims, keeping the analyst's values.

    An incident left without claims is deleted, unless analysts worked on it (it has revisions):
    then it stays, with its last values and no sources, so that their work and the ids in the
    log still mean something. ``zones`` is not consolidation's to set (geo zones fill it).
    The matcher, having just ``added`` an event claim to an incident whose ``row`` it read,
    passes both: the profile is then extended rather than rebuilt from every claim's quotes.
    """
    row = row if row is not None else store.incident(session, incident_id)
    if row is None or row["merged_into"] is not None:
        return  # a merged incident keeps its last values, as a pointer to the one it joined
    known = None
    if added is not None and row["profile"]:
        known = extend_profile(row["profile"], [added])
    records = store.claims_of_incident(session, incident_id, quotes=known is None)
    if not records:
        if audit.has_revisions(session, incident_id):
            # Analysts worked on it: it keeps its last values, with no source left behind them,
            # for them to merge or discount.
            store.write_incident(session, incident_id, {"sources": 0})
        else:
            store.delete_incident(session, incident_id)
        return
    events = [r for r in records if r.kind == "event"]
    statements = [r for r in records if r.kind == "statement"]
    consolidated = consolidate(events, statements, known)
    values = with_overrides(consolidated.columns(), row["overrides"] or {})
    values["zones"] = zones_violated(session, values)
    store.write_incident(session, incident_id, values)


def zones_violated(session: Session, values: Mapping[str, Any]) -> list[str]:
    """The names of the stored zones in force on the incident's day that contain its point."""
    lat, lon, day = values.get("lat"), values.get("lon"), values.get("date")
    if lat is None or lon is None or day is None:
        return []
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return [zone.name for zone in zones_for(lat, lon, day, stored_zones(session))]


def _same_event(old: ClaimFacts, new: ClaimFacts, rules: MatchRules) -> bool:
    if old.country != new.country or old.first is None or new.first is None:
        return False
    if abs((old.first - new.first).days) > rules.window_days:
        return False
    if old.names & new.names:
        return True
    if old.point and new.point and old.geo_precision not in COARSE:
        return distance_km(old.point, new.point) <= rules.place.near_km
    return False


def _carry(
    facts: ClaimFacts, previous: list[PreviousLink], rules: MatchRules
) -> PreviousLink | None:
    """The old claim (of the same document) that ``facts`` restates, used at most once."""
    for index, old in enumerate(previous):
        if _same_event(old.facts, facts, rules):
            return previous.pop(index)
    return None


def assign_event(session: Session, record: ClaimRecord, rules: MatchRules) -> int:
    """Link one event claim to the best-matching incident, or to a new one; returns its id."""
    facts = ClaimFacts.of(record)
    found = best_match(facts, find_candidates(session, facts, rules), rules)
    if found is None:
        # Consolidated at once (one claim, no analyst values), so the next claim sees it.
        values = consolidate([record]).columns()
        values["zones"] = zones_violated(session, values)
        incident_id = store.new_incident(session, **values)
        store.link(session, incident_id, record.id, {"method": "new"})
        return incident_id
    incident_id = found[0].id
    store.link(session, incident_id, record.id, {"method": "match", **found[1].to_dict()})
    refresh(session, incident_id, row=found[0].row, added=record)
    return incident_id


def find_candidates(session: Session, facts: ClaimFacts, rules: MatchRules) -> list[Candidate]:
    """The incidents ``facts`` may belong to: its country, its date window, and (by the place
    rules of ``match``) not placed at a town too far away or in another division."""
    span = window(facts, rules)
    if span is None or facts.country is None:
        return []
    around = admin1 = None
    if facts.point is not None and placed(facts.geo_precision, facts.point):
        lat, lon = facts.point
        around = store.Around(lat, lon, rules.place.far_km, tuple(c for c in COARSE if c))
    else:
        admin1 = facts.admin1
    rows = store.candidates(
        session, facts.country, *span, rules.max_span_days, around=around, admin1=admin1
    )
    return [Candidate.of(row) for row in rows]


def _link_statements(
    session: Session, statements: Sequence[ClaimRecord], events: Sequence[ClaimRecord]
) -> set[int]:
    touched: set[int] = set()
    text: str | None = None
    for statement in statements:
        found = by_same_document(statement, events)
        if found is None and not events:
            if text is None:
                text, published = store.document_text(session, statement.document_id)
                day = published or statement.published
                rows = (
                    store.incidents_dated(session, day - timedelta(days=LOOKBACK_DAYS), day)
                    if day
                    else []
                )
            found = by_place_named(statement, text, rows)
        if found is not None:
            store.link(session, found[0], statement.id, found[1])
            touched.add(found[0])
    return touched


def match_document(
    session: Session,
    document_id: int,
    previous: Sequence[PreviousLink] = (),
    rules: MatchRules | None = None,
) -> set[int]:
    """Link the document's unlinked claims; returns the incidents touched.

    ``previous`` (from ``previous_links``, after re-extraction) sends a new claim that restates an
    old one (same place, date within the window) back to the old claim's incident, so that an
    analyst's merges and splits survive a new extractor; the incidents it names are refreshed.
    """
    rules = rules or default_rules()
    records = store.claims_of_document(session, document_id)
    unplaced = [r for r in records if r.kind == "event" and r.incident_id is None]
    left = list(previous)
    placed: dict[int, int] = {}
    for record in unplaced:
        old = _carry(ClaimFacts.of(record), left, rules)
        if old is not None and store.incident(session, old.incident_id) is not None:
            how = {"method": "carried", "from_claim": old.claim_id}
            store.link(session, old.incident_id, record.id, how)
            refresh(session, old.incident_id)
            placed[record.id] = old.incident_id
        else:
            placed[record.id] = assign_event(session, record, rules)
    events = [
        replace(r, incident_id=placed.get(r.id, r.incident_id))
        for r in records
        if r.kind == "event"
    ]
    statements = [r for r in records if r.kind == "statement" and r.incident_id is None]
    spoken_of = _link_statements(session, statements, events)
    # Event claims were consolidated as they were placed; what statements and the removal of
    # old claims changed is consolidated here.
    refresh_all(session, sorted(spoken_of | {p.incident_id for p in previous}))
    return set(placed.values()) | spoken_of


def refresh_all(session: Session, incident_ids: Iterable[int]) -> None:
    for incident_id in incident_ids:
        refresh(session, incident_id)


def flag_zones(session: Session) -> int:
    """Recompute every incident's zones (after zones were loaded); how many lie in one."""
    flagged = 0
    for incident_id, lat, lon, day in store.incident_places(session):
        names = zones_violated(session, {"lat": lat, "lon": lon, "date": day})
        store.write_incident(session, incident_id, {"zones": names})
        flagged += bool(names)
    return flagged
