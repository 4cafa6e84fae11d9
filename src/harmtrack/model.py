"""The plain data every floor speaks: raw inputs, document texts, documents, claims, evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

OriginKind = Literal["file", "url", "record"]
DocumentStatus = Literal["ok", "failed"]
ClaimKind = Literal["event", "statement"]


@dataclass(frozen=True)
class RawInput:
    """Bytes as acquired, before any interpretation, and where they came from."""

    origin: str  # a path, a URL, or "records.jsonl:LINE" for a record
    origin_kind: OriginKind
    data: bytes
    retrieved_at: datetime
    media_type: str | None = None  # as declared (HTTP) or implied by a file suffix
    charset: str | None = None
    final_url: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    record: dict[str, Any] | None = None  # the parsed record, for record-file inputs


@dataclass(frozen=True)
class DocumentText:
    """What the text stage makes of a raw input: normalized text and metadata."""

    text: str
    media_type: str
    title: str | None = None
    published_at: datetime | None = None
    published_precision: str | None = None
    publisher: str | None = None
    language: str | None = None
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """One archived input as stored."""

    id: int
    sha256: str
    origin: str
    origin_kind: str
    status: str
    retrieved_at: datetime
    size_bytes: int
    media_type: str | None
    text: str
    title: str | None
    published_at: datetime | None
    published_precision: str | None
    language: str | None
    publisher: str | None
    record_id: str | None
    final_url: str | None
    error: str | None
    meta: dict[str, Any]
    extractor: str | None = None  # the extractor that made the stored claims
    extraction_error: str | None = None  # why the last extraction failed, when it did

    @property
    def extraction_status(self) -> Literal["ok", "failed"] | None:
        """``ok``, ``failed`` (the stored claims, if any, are older), or None: never extracted."""
        if self.extraction_error is not None:
            return "failed"
        return "ok" if self.extractor is not None else None


@dataclass(frozen=True)
class Evidence:
    """Where a field's value comes from: a span of the stored text and the rule that read it."""

    field: str
    start: int
    end: int
    quote: str  # text[start:end], kept so that evidence reads without the document at hand
    rule: str  # component name and version, e.g. "frames@1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "rule": self.rule,
        }


EVENT_FIELDS = (
    "date",
    "date_precision",
    "date_end",
    "country",
    "admin1",
    "location",
    "lat",
    "lon",
    "geo_precision",
    "event_type",
    "sub_event_type",
    "perpetrator",
    "weapon",
    "target_site",
    "killed_low",
    "killed_high",
    "injured_low",
    "injured_high",
    "civilian",
)


@dataclass
class EventClaim:
    """What one document says about one event, in the codebook's fields, with evidence."""

    date: str | None = None
    date_precision: str | None = None
    date_end: str | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    perpetrator: str | None = None
    weapon: str | None = None
    target_site: str | None = None
    killed_low: int | None = None
    killed_high: int | None = None
    injured_low: int | None = None
    injured_high: int | None = None
    civilian: bool | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in EVENT_FIELDS}
        out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


@dataclass
class StatementClaim:
    """A statement a document reports: who said what kind of thing to whom, with evidence."""

    speaker: str
    kind: str
    addressee: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "kind": self.kind,
            "addressee": self.addressee,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Extraction:
    """Everything the extractor found in one text."""

    events: list[EventClaim]
    statements: list[StatementClaim]
    extractor: str  # name and version of the extractor and its vocabulary


@dataclass(frozen=True)
class Claim:
    """A claim as stored: what one document says, which extractor read it, with its evidence."""

    id: int
    document_id: int
    extractor: str
    content: EventClaim | StatementClaim

    @property
    def kind(self) -> ClaimKind:
        return "event" if isinstance(self.content, EventClaim) else "statement"

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON: a statement's kind (condemn, demand ...) is ``statement_kind``."""
        fields = self.content.to_dict()
        if isinstance(self.content, StatementClaim):
            fields = {
                "speaker": fields["speaker"],
                "statement_kind": fields["kind"],
                "addressee": fields["addressee"],
                "evidence": fields["evidence"],
            }
        return {"id": self.id, "kind": self.kind, "extractor": self.extractor, **fields}


# Incidents: what the claims of several documents say together about one real event.

IncidentStatus = Literal["auto", "reviewed", "disputed"]
Grade = Literal["weak", "fair", "contested", "confirmed", "discounted"]

#: The consolidated fields of an incident, each taken from its most specific claim (see
#: docs/incidents.md) unless an analyst set it.
INCIDENT_FIELDS = tuple(
    name for name in EVENT_FIELDS if not name.startswith(("killed_", "injured_"))
)


@dataclass(frozen=True)
class Figures:
    """A casualty count as its sources give it: the lowest, the best-sourced and the highest."""

    low: int | None = None
    best: int | None = None
    high: int | None = None

    def to_dict(self) -> dict[str, int | None]:
        return {"low": self.low, "best": self.best, "high": self.high}


@dataclass(frozen=True)
class IncidentClaim:
    """One claim as an incident shows it: who said it, when, its figures, and why it was linked."""

    claim_id: int
    kind: ClaimKind
    document_id: int
    document: str | int  # the record id when the document has one, else the document id
    publisher: str | None
    published: str | None  # ISO day of the report
    source_key: str  # what makes two documents one source (see incidents/consolidate.py)
    fields: dict[str, Any]  # the claim's event fields, or speaker/statement_kind/addressee
    link: dict[str, Any]  # how it was linked: method and the component scores

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "claim": self.claim_id,
            "kind": self.kind,
            "publisher": self.publisher,
            "published": self.published,
            **self.fields,
            "link": self.link,
        }


@dataclass(frozen=True)
class Incident:
    """One real-world event: consolidated fields, figures, corroboration, and its claims."""

    id: int
    fields: dict[str, Any]  # INCIDENT_FIELDS, analyst values applied
    killed: Figures
    injured: Figures
    grade: str
    status: str
    sources: int
    zones: list[Any]  # filled by geo zones (incidents inside a zone while it is in force)
    overrides: dict[str, Any]  # the analyst's values, by field; consolidation never overwrites them
    claims: list[IncidentClaim]
    merged_into: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The export shape: one JSON object per incident (see docs/cli.md)."""
        f = self.fields
        return {
            "id": self.id,
            "date": f["date"],
            "country": f["country"],
            "admin1": f["admin1"],
            "location": f["location"],
            "lat": f["lat"],
            "lon": f["lon"],
            "event_type": f["event_type"],
            "sub_event_type": f["sub_event_type"],
            "perpetrator": f["perpetrator"],
            "weapon": f["weapon"],
            "target_site": f["target_site"],
            "killed": self.killed.to_dict(),
            "injured": self.injured.to_dict(),
            "grade": self.grade,
            "sources": self.sources,
            "zones": list(self.zones),
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass(frozen=True)
class Revision:
    """One analyst change in the append-only, hash-chained log."""

    id: int
    at: datetime
    user: str
    incident_id: int
    action: str  # edit, unset, merge, split
    field: str
    old: Any
    new: Any
    why: str
    prev_hash: str
    hash: str
