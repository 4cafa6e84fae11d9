"""The one ingest path every door uses: acquire, archive, read text, store."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.exc import IntegrityError

from harmtrack.errors import HarmtrackError
from harmtrack.model import DocumentText, RawInput
from harmtrack.settings import Settings
from harmtrack.sources.archive import Archive, sha256_hex
from harmtrack.sources.fetch import FetchPolicy
from harmtrack.sources.inputs import InputFailure, InputItem, read_item
from harmtrack.store import repo
from harmtrack.store.db import Database
from harmtrack.store.tables import DocumentRow
from harmtrack.text.reader import read_document

Status = Literal["ok", "duplicate", "failed"]


@dataclass(frozen=True)
class IngestResult:
    """What became of one input."""

    input: str
    status: Status
    document_id: int | None = None
    sha256: str | None = None
    title: str | None = None
    reason: str | None = None


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

    def __init__(self, db: Database, archive: Archive, settings: Settings) -> None:
        self.db = db
        self.archive = archive
        self.settings = settings
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
        """Archive the bytes first, then read their text, then record the document in one commit."""
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
        try:
            return self._store(raw, digest, headers_sha, text, error)
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
            status: Status = "ok" if text is not None else "failed"
            reason = row.error if text is None else None
            repo.log_input(session, self.run_id, raw.origin, status, row.id, reason)
            return IngestResult(raw.origin, status, row.id, digest, row.title, reason)

    def _log(self, result: IngestResult) -> IngestResult:
        with self.db.session() as session:
            repo.log_input(
                session, self.run_id, result.input, result.status, result.document_id, result.reason
            )
        return result
