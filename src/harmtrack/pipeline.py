"""The one ingest path every door uses: acquire, archive, read, extract, store, match."""

from __future__ import annotations

import json
import traceback
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import Literal, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from harmtrack.errors import HarmtrackError
from harmtrack.extract.extractor import default_extractor
from harmtrack.incidents import assign
from harmtrack.model import DocumentText, Extraction, RawInput
from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive, sha256_hex
from harmtrack.sources.fetch import FetchPolicy
from harmtrack.sources.inputs import InputFailure, InputItem, read_item
from harmtrack.store import repo
from harmtrack.store.db import Database
from harmtrack.store.tables import ClaimRow, DocumentRow
from harmtrack.text.reader import read_document

Status = Literal["ok", "duplicate", "failed"]


@dataclass(frozen=True)
class IngestResult:
    """What became of one input.

    ``status`` is about the document; ``extraction_error`` says that its text was stored but the
    extractor failed on it (``harmtrack reextract`` retries).
    """

    input: str
    status: Status
    document_id: int | None = None
    sha256: str | None = None
    title: str | None = None
    reason: str | None = None
    events: int = 0
    statements: int = 0
    extraction_error: str | None = None


class ExtractFn(Protocol):
    """The extractor's public call."""

    def __call__(
        self, text: str, *, published: date | None, publisher: str | None
    ) -> Extraction: ...


@dataclass(frozen=True)
class Extracted:
    """What the extractor made of one text: claim rows ready to store, or why it failed."""

    extractor: str | None = None
    claims: list[ClaimRow] = field(default_factory=list)
    events: int = 0
    statements: int = 0
    error: str | None = None


def describe_exception(exc: Exception) -> str:
    """Type, message and the line that raised: enough to find an extractor bug from the record."""
    message = exc.describe() if isinstance(exc, HarmtrackError) else str(exc)
    described = f"{type(exc).__name__}: {message}"
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        where = "/".join(PurePath(last.filename).parts[-2:])
        described += f" (at {where}:{last.lineno} in {last.name})"
    return described


def run_extractor(
    extract: ExtractFn, text: str, published: datetime | None, publisher: str | None
) -> Extracted:
    """Claims of ``text``. Any exception the extractor raises is returned as the error, not raised:
    a bug in one component must not cost a document, which is stored with the error instead."""
    try:
        extraction = extract(
            text, published=published.date() if published else None, publisher=publisher
        )
        rows = repo.claim_rows(extraction)
    except Exception as exc:
        return Extracted(error=describe_exception(exc))
    return Extracted(extraction.extractor, rows, len(extraction.events), len(extraction.statements))


def store_extracted(session: Session, document: DocumentRow, extracted: Extracted) -> None:
    """Record an extraction in the document's transaction: its claims, or its error; then put
    the new claims into incidents.

    A failed run keeps the claims an earlier run stored (nothing is lost); ``extractor`` keeps
    naming the extractor that made them. New claims that restate old ones go back to the old
    ones' incidents, so analysts' merges, splits and values survive a new extractor.
    """
    if extracted.error is not None or extracted.extractor is None:
        document.extraction_error = extracted.error
        return
    previous = assign.previous_links(session, document.id)
    repo.save_claims(session, document, extracted.extractor, extracted.claims)
    session.flush()
    assign.match_document(session, document.id, previous)


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.read_timeout,
        total_timeout=settings.total_timeout,
        max_bytes=settings.max_bytes,
        max_redirects=settings.max_redirects,
        allow_private=settings.allow_private,
    )


class Ingestor:
    """Ingests inputs into one database and archive; safe to interrupt at any point."""

    def __init__(
        self,
        db: Database,
        archive: Archive,
        settings: Settings,
        extract: ExtractFn | None = None,
    ) -> None:
        self.db = db
        self.archive = archive
        self.settings = settings
        self.extract = extract or default_extractor(settings.home).extract
        self.run_id = str(uuid.uuid4())

    def run(
        self,
        items: Sequence[InputItem],
        on_item: Callable[[InputItem], None] | None = None,
    ) -> Iterator[IngestResult]:
        """Ingest planned inputs (see ``plan_inputs``); one result per raw input or failure."""
        policy = fetch_policy(self.settings)
        for item in items:
            for got in read_item(item, self.settings.max_bytes, policy):
                if isinstance(got, InputFailure):
                    yield self._log(IngestResult(got.origin, "failed", reason=got.error.describe()))
                else:
                    yield self.ingest_raw(got)
            if on_item is not None:
                on_item(item)

    def ingest_raw(self, raw: RawInput) -> IngestResult:
        """Archive the bytes first, then read their text and extract its claims, then record the
        document and its claims in one commit: neither is ever stored without the other."""
        digest = sha256_hex(raw.data)
        with self.db.session() as session:
            existing = repo.document_by_sha(session, digest)
            if existing is not None and existing.status == "ok":
                result = IngestResult(
                    raw.origin,
                    "duplicate",
                    existing.id,
                    digest,
                    existing.title,
                    reason=f"same bytes as document {existing.id} ({existing.origin})",
                )
                repo.log_input(
                    session, self.run_id, raw.origin, "duplicate", existing.id, result.reason
                )
                return result
        self.archive.put(raw.data)
        headers_sha = self._archive_headers(raw) if raw.origin_kind == "url" else None
        text: DocumentText | None = None
        error: HarmtrackError | None = None
        try:
            text = read_document(raw)
        except HarmtrackError as exc:
            error = exc
        extracted = None
        if text is not None:
            extracted = run_extractor(self.extract, text.text, text.published_at, text.publisher)
        try:
            return self._store(raw, digest, headers_sha, text, error, extracted)
        except IntegrityError:
            # Another process stored the same bytes between our check and our commit.
            return self._log(
                IngestResult(
                    raw.origin,
                    "duplicate",
                    sha256=digest,
                    reason="stored concurrently by another run",
                )
            )

    def _archive_headers(self, raw: RawInput) -> str:
        payload = {
            "url": raw.origin,
            "final_url": raw.final_url,
            "retrieved_at": raw.retrieved_at.isoformat(),
            "headers": [list(pair) for pair in raw.headers],
        }
        return self.archive.put(json.dumps(payload, ensure_ascii=False, indent=1).encode())

    def _store(
        self,
        raw: RawInput,
        digest: str,
        headers_sha: str | None,
        text: DocumentText | None,
        error: HarmtrackError | None,
        extracted: Extracted | None,
    ) -> IngestResult:
        with self.db.session() as session:
            row = repo.document_by_sha(session, digest) or DocumentRow(sha256=digest)
            record = raw.record or {}
            row.origin, row.origin_kind = raw.origin, raw.origin_kind
            row.record_id = str(record["id"]) if record.get("id") is not None else None
            row.final_url, row.headers_sha256 = raw.final_url, headers_sha
            row.size_bytes, row.retrieved_at = len(raw.data), raw.retrieved_at
            if text is not None:
                row.status, row.error = "ok", None
                row.media_type, row.text, row.title = text.media_type, text.text, text.title
                row.published_at, row.published_precision = (
                    text.published_at,
                    text.published_precision,
                )
                row.language, row.encoding, row.meta = text.language, text.encoding, text.meta
                row.source = repo.source_named(session, text.publisher) if text.publisher else None
            else:
                row.status, row.error, row.text = "failed", error.describe() if error else "", ""
                row.media_type, row.meta = (
                    raw.media_type,
                    {"error_code": error.code if error else None},
                )
            session.add(row)
            session.flush()
            if extracted is not None:
                store_extracted(session, row, extracted)
            status: Status = "ok" if text is not None else "failed"
            reason = row.error if text is None else None
            repo.log_input(session, self.run_id, raw.origin, status, row.id, reason)
            return IngestResult(
                raw.origin,
                status,
                row.id,
                digest,
                row.title,
                reason,
                events=extracted.events if extracted else 0,
                statements=extracted.statements if extracted else 0,
                extraction_error=extracted.error if extracted else None,
            )

    def _log(self, result: IngestResult) -> IngestResult:
        with self.db.session() as session:
            repo.log_input(
                session, self.run_id, result.input, result.status, result.document_id, result.reason
            )
        return result


@dataclass(frozen=True)
class ReextractResult:
    """What a new extraction of one stored document gave."""

    document_id: int
    title: str | None = None
    events: int = 0
    statements: int = 0
    error: str | None = None


def reextract(
    db: Database, document_ids: Sequence[int], extract: ExtractFn
) -> Iterator[ReextractResult]:
    """Run the extractor again over stored documents, replacing their claims.

    Each document is its own transaction, so an interrupted run leaves every document with either
    its old claims or its new ones. A document whose extraction fails keeps its old claims.
    """
    # Claims are machine work and are replaced wholesale; analysts' work lives on incidents
    # (overrides, merges, splits), which the new claims find again (see store_extracted).
    for document_id in document_ids:
        with db.session() as session:
            row = session.get(DocumentRow, document_id)
            if row is None or row.status != "ok":
                yield ReextractResult(document_id, error="no stored text to extract from")
                continue
            title, text, published = row.title, row.text, row.published_at
            publisher = row.source.name if row.source else None
        extracted = run_extractor(extract, text, published, publisher)
        with db.session() as session:
            row = session.get(DocumentRow, document_id)
            assert row is not None  # documents are never deleted
            store_extracted(session, row, extracted)
        yield ReextractResult(
            document_id, title, extracted.events, extracted.statements, extracted.error
        )
