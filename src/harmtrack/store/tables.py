"""SQLAlchemy tables: sources, documents, claims, evidence, ingest log, incidents, revisions."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    func,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone: store UTC, read UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Harmtrack stores timezone-aware UTC only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(40), default="other")
    side: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    origin: Mapped[str] = mapped_column(Text)
    origin_kind: Mapped[str] = mapped_column(String(10))
    record_id: Mapped[str | None] = mapped_column(String(300), index=True)
    final_url: Mapped[str | None] = mapped_column(Text)
    headers_sha256: Mapped[str | None] = mapped_column(String(64))
    media_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    retrieved_at: Mapped[datetime] = mapped_column(UTCDateTime())
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    published_precision: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str | None] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The extractor that made the stored claims; extraction_error says why the last run failed
    # ("TypeError: ... (at file:line)"). Both empty: never extracted (no text, or stored earlier).
    extractor: Mapped[str | None] = mapped_column(String(200))
    extraction_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    source: Mapped[SourceRow | None] = relationship(lazy="joined")


class EventColumns:
    """The codebook's event fields (model.EVENT_FIELDS) that claims and incidents both keep;
    the casualty figures differ (a claim's low/high, an incident's low/best/high)."""

    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str | None] = mapped_column(String(20))
    event_type: Mapped[str | None] = mapped_column(String(100))
    sub_event_type: Mapped[str | None] = mapped_column(String(100))
    perpetrator: Mapped[str | None] = mapped_column(String(100))
    weapon: Mapped[str | None] = mapped_column(String(100))
    target_site: Mapped[str | None] = mapped_column(String(100))
    civilian: Mapped[bool | None] = mapped_column(Boolean)


class ClaimRow(EventColumns, Base):
    """What one document says about one event (kind 'event') or one statement ('statement')."""

    __tablename__ = "claims"
    # The incident matcher looks for claims of one country within a date window.
    __table_args__ = (Index("ix_claims_country_date", "country", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    extractor: Mapped[str] = mapped_column(String(200))
    killed_low: Mapped[int | None] = mapped_column(Integer)
    killed_high: Mapped[int | None] = mapped_column(Integer)
    injured_low: Mapped[int | None] = mapped_column(Integer)
    injured_high: Mapped[int | None] = mapped_column(Integer)
    # Statement fields.
    speaker: Mapped[str | None] = mapped_column(String(300))
    statement_kind: Mapped[str | None] = mapped_column(String(40))
    addressee: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    evidence: Mapped[list[EvidenceRow]] = relationship(
        order_by="EvidenceRow.id", cascade="all, delete-orphan"
    )


class EvidenceRow(Base):
    """Where one field of a claim was read: document.text[start_char:end_char] == quote."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(100))


class IngestLogRow(Base):
    """Every input of every run and what became of it, failures included."""

    __tablename__ = "ingest_log"
    __table_args__ = (Index("ix_ingest_log_run", "run_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    input: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    reason: Mapped[str | None] = mapped_column(Text)


class IncidentRow(EventColumns, Base):
    """One real event: fields consolidated from its claims, with the analyst's values applied.

    The columns hold the values in force (what lists and filters see); ``overrides`` says which of
    them an analyst set, and consolidation never overwrites those. ``profile`` keeps what the
    matcher compares new claims with (documents, place names, points, actors, words), rebuilt
    with the rest from the claims.
    """

    __tablename__ = "incidents"
    # The matcher's candidate search: one country, a date window (single days by their date,
    # ranges by their end); statements search by date alone. The lists' filters (web door) each
    # have an index ending in (merged_into, date): live incidents of one value, in date order,
    # counted from the index alone (see the expression indexes after the class). AUTOINCREMENT:
    # an id named in the audit log or an export is never given to another incident.
    __table_args__ = (
        Index("ix_incidents_country_date", "country", "merged_into", "date"),
        Index("ix_incidents_country_date_end", "country", "date_end"),
        Index("ix_incidents_date", "date"),
        Index("ix_incidents_live", "merged_into", "date"),
        Index("ix_incidents_perpetrator", "perpetrator", "merged_into", "date"),
        Index("ix_incidents_grade", "grade", "merged_into", "date"),
        Index("ix_incidents_status", "status", "merged_into", "date"),
        Index("ix_incidents_killed_best", "killed_best", "merged_into"),
        # The values present, for filter menus (DISTINCT reads them from these indexes alone).
        Index("ix_incidents_event_type", "event_type", "merged_into"),
        Index("ix_incidents_sub_event_type", "sub_event_type", "merged_into"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    killed_low: Mapped[int | None] = mapped_column(Integer)
    killed_best: Mapped[int | None] = mapped_column(Integer)
    killed_high: Mapped[int | None] = mapped_column(Integer)
    injured_low: Mapped[int | None] = mapped_column(Integer)
    injured_best: Mapped[int | None] = mapped_column(Integer)
    injured_high: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(12), default="weak")
    status: Mapped[str] = mapped_column(String(10), default="auto")
    sources: Mapped[int] = mapped_column(Integer, default=0)
    zones: Mapped[list[Any]] = mapped_column(JSON, default=list)
    overrides: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    merged_into: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


# Filters that ignore case (event type or sub-type, first-level division) use lower(column).
for _name in ("event_type", "sub_event_type", "admin1"):
    Index(
        f"ix_incidents_{_name}_lower",
        func.lower(IncidentRow.__table__.c[_name]),
        IncidentRow.merged_into,
        IncidentRow.date,
    )


class IncidentClaimRow(Base):
    """A claim's incident, and why it was put there (``link``: method and component scores)."""

    __tablename__ = "incident_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), unique=True)
    link: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RevisionRow(Base):
    """One analyst change. Append-only: each row's hash covers the previous row's hash and its
    own canonical JSON, so changing or removing any row breaks the chain from there on."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    user: Mapped[str] = mapped_column(String(200))
    # No foreign key: the log outlives any incident and must never block a change.
    incident_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str] = mapped_column(Text)  # canonical JSON of the value
    new: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class ZoneRow(Base):
    """A named area with a validity period and parties (a de-escalation zone, a ceasefire line)."""

    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    parties: Mapped[list[Any]] = mapped_column(JSON, default=list)
    feature: Mapped[str] = mapped_column(Text)  # the zone as a GeoJSON Feature
    origin: Mapped[str] = mapped_column(Text)  # the file it was loaded from
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class UserRow(Base):
    """Someone who signs in to the web door: a name, a role and an argon2id password hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class SessionRow(Base):
    """A signed-in browser or script. Only the SHA-256 of the cookie's random token is kept, so
    a copy of the database does not let anyone sign in; ``csrf_token`` is the session's
    synchroniser token for forms and scripts."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
