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
