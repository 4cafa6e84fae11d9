"""The API's JSON shapes (pydantic): what each route returns or takes, as OpenAPI documents."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Errors.


class ErrorDetail(Schema):
    code: str = Field(description="Stable error code (docs/errors.md), e.g. E601.")
    message: str = Field(description="What went wrong, naming the input.")
    hint: str | None = Field(default=None, description="What to do about it.")


class ErrorBody(Schema):
    """Every error, whatever its status, has this shape."""

    error: ErrorDetail


# Incidents.


class Figures(Schema):
    low: int | None = Field(description="The lowest figure any claim gives.")
    best: int | None = Field(description="The most specific claim's figure.")
    high: int | None = Field(description="The highest figure any claim gives.")


class IncidentBase(Schema):
    """The consolidated fields of an incident (analysts' values applied)."""

    id: int
    date: dt.date | None
    date_precision: str | None
    date_end: dt.date | None
    country: str | None = Field(description="ISO 3166-1 alpha-2.")
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: str | None = Field(description="town, near, admin2 or admin1.")
    event_type: str | None
    sub_event_type: str | None
    perpetrator: str | None = Field(description="Actor id, e.g. russia.")
    weapon: str | None
    target_site: str | None
    civilian: bool | None
    killed: Figures
    injured: Figures
    grade: str = Field(description="weak, fair, contested, confirmed or discounted.")
    status: str = Field(description="auto, reviewed or disputed.")
    sources: int = Field(description="Independent sources among the event claims.")
    zones: list[str] = Field(description="Zones in force the incident lies in.")
    url: str = Field(description="The incident's page.")


class IncidentSummary(IncidentBase):
    """One incident in a list."""


class EvidenceSpan(Schema):
    field: str
    start: int = Field(description="First character in the document's stored text.")
    end: int = Field(description="End (exclusive) in the document's stored text.")
    quote: str = Field(description="text[start:end].")
    rule: str | None = Field(default=None, description="The component that read it.")


class ClaimPublic(Schema):
    """One source's claim about the incident: its own values, its document and its evidence."""

    id: int
    kind: Literal["event", "statement"]
    document_id: int
    document_url: str
    document_title: str | None
    publisher: str | None
    published: dt.date | None
    fields: dict[str, Any] = Field(
        description="An event's codebook fields, or a statement's speaker, statement_kind and "
        "addressee."
    )
    link: dict[str, Any] = Field(description="How the claim joined the incident, with scores.")
    evidence: list[EvidenceSpan]


class RevisionPublic(Schema):
    """One analyst change from the hash-chained log (user and why are null in public mode)."""

    id: int
    at: datetime
    user: str | None
    action: str
    field: str
    old: Any
    new: Any
    why: str | None
    prev_hash: str
    hash: str


class IncidentPublic(IncidentBase):
    """One incident with its claims (each with source, document, figures and evidence) and its
    revisions."""

    overrides: dict[str, Any] = Field(description="The fields an analyst set, with their values.")
    merged_into: int | None
    created_at: datetime | None
    updated_at: datetime | None
    claims: list[ClaimPublic]
    revisions: list[RevisionPublic]


class Page(Schema, Generic[T]):
    """A page of a list: ``items`` from ``offset``, and ``total`` items matching the filters."""

    items: list[T]
    total: int
    limit: int
    offset: int


class Facets(Schema):
    """The values present among live incidents, for filter menus."""

    countries: list[str]
    event_types: list[str]
    sub_event_types: list[str]
    perpetrators: list[str]
    grades: list[str]
    date_min: dt.date | None
    date_max: dt.date | None


class MapProperties(Schema):
    id: int
    date: dt.date | None
    date_precision: str | None
    country: str | None
    admin1: str | None
    location: str | None
    geo_precision: str | None
    event_type: str | None
    sub_event_type: str | None
    perpetrator: str | None
    weapon: str | None
    target_site: str | None
    killed_low: int | None
    killed_best: int | None
    killed_high: int | None
    injured_best: int | None
    civilian: bool | None
    grade: str
    url: str


class Point(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude]")


class Feature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Point
    properties: MapProperties


class FeatureCollection(Schema):
    """GeoJSON (RFC 7946) of the located incidents; ``total`` and ``truncated`` say whether
    ``limit`` cut the list."""

    type: Literal["FeatureCollection"]
    features: list[Feature]
    total: int
    truncated: bool


# Documents, sources, statements, zones.


class DocumentSummary(Schema):
    id: int
    sha256: str
    title: str | None
    publisher: str | None
    published_at: datetime | None
    published_precision: str | None
    language: str | None
    media_type: str | None
    size_bytes: int
    status: str
    retrieved_at: datetime
    origin: str | None
    origin_kind: str
    final_url: str | None
    record_id: str | None
    url: str = Field(description="The document's page.")
    original_url: str = Field(description="Download of the archived original bytes.")


class DocumentClaim(Schema):
    id: int
    kind: Literal["event", "statement"]
    incident_id: int | None
    fields: dict[str, Any]
    evidence: list[EvidenceSpan]


class DocumentPublic(DocumentSummary):
    """A document with its stored text (every evidence offset refers to it) and its claims."""

    text: str
    direction: Literal["ltr", "rtl"] = Field(description="Writing direction of its language.")
    meta: dict[str, Any] | None
    error: str | None
    extractor: str | None
    extraction_error: str | None
    claims: list[DocumentClaim]


class SourcePublic(Schema):
    id: int
    name: str
    kind: str
    side: str | None
    country: str | None
    documents: int


class StatementPublic(Schema):
    """A statement claim: who said what kind of thing to whom, in which document, about which
    incident."""

    id: int
    speaker: str | None
    statement_kind: str | None
    addressee: str | None
    document_id: int
    publisher: str | None
    published: dt.date | None
    incident_id: int | None
    evidence: list[EvidenceSpan]


class ZonePublic(Schema):
    id: int
    name: str
    kind: str | None
    valid_from: dt.date
    valid_to: dt.date | None
    parties: list[str]
    origin: str | None
    feature: dict[str, Any] = Field(description="The zone as a GeoJSON Feature.")


# Review actions.


class EditRequest(Schema):
    field: str = Field(description="An editable field (docs/incidents.md#analysts-work).")
    value: str | None = Field(
        description="The new value as text ('null' for unknown); null removes the analyst's "
        "value so that the claims decide again."
    )
    reason: str = Field(min_length=1, description="Why; kept in the revision.")


class GradeRequest(Schema):
    grade: Literal["weak", "fair", "contested", "confirmed", "discounted"]
    reason: str = Field(min_length=1)


class MergeRequest(Schema):
    others: list[int] = Field(min_length=1, description="Incidents merged into this one.")
    reason: str = Field(min_length=1)


class SplitRequest(Schema):
    claim_id: int = Field(description="An event claim of this incident.")
    reason: str = Field(min_length=1)


class EditResult(Schema):
    incident_id: int
    field: str
    old: Any
    new: Any


class ReviewItem(Schema):
    incident: IncidentSummary
    queue: Literal["new", "contested"]


# Users and sessions.


class LoginRequest(Schema):
    name: str
    password: str


class SessionInfo(Schema):
    """The signed-in user; scripts send ``csrf_token`` back in the X-CSRF-Token header."""

    name: str
    role: str
    csrf_token: str
    expires_at: datetime


class UserPublic(Schema):
    name: str
    role: str
    created_at: datetime


class UserCreate(Schema):
    name: str
    role: Literal["viewer", "analyst", "admin"]
    password: str


class RoleUpdate(Schema):
    role: Literal["viewer", "analyst", "admin"]
