"""The plain data every floor speaks: raw inputs, document texts, stored documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

OriginKind = Literal["file", "url", "record"]
DocumentStatus = Literal["ok", "failed"]


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
