"""Repository functions: every read and write of documents, sources and the ingest log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from harmtrack.model import Document
from harmtrack.store.tables import DocumentRow, IngestLogRow, SourceRow


def to_document(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        sha256=row.sha256,
        origin=row.origin,
        origin_kind=row.origin_kind,
        status=row.status,
        retrieved_at=row.retrieved_at,
        size_bytes=row.size_bytes,
        media_type=row.media_type,
        text=row.text,
        title=row.title,
        published_at=row.published_at,
        published_precision=row.published_precision,
        language=row.language,
        publisher=row.source.name if row.source else None,
        record_id=row.record_id,
        final_url=row.final_url,
        error=row.error,
        meta=dict(row.meta or {}),
    )


def document_by_sha(session: Session, sha256: str) -> DocumentRow | None:
    return session.scalars(select(DocumentRow).where(DocumentRow.sha256 == sha256)).first()


def find_documents(session: Session, ref: str) -> list[DocumentRow]:
    """Documents that ``ref`` names: an id, a SHA-256 prefix (8+ hex digits) or a record id."""
    clauses = [DocumentRow.record_id == ref]
    if ref.isdigit():
        clauses.append(DocumentRow.id == int(ref))
    if len(ref) >= 8 and all(c in "0123456789abcdef" for c in ref.lower()):
        clauses.append(DocumentRow.sha256.startswith(ref.lower(), autoescape=True))
    return list(session.scalars(select(DocumentRow).where(or_(*clauses)).order_by(DocumentRow.id)))


def source_named(session: Session, name: str, kind: str = "other") -> SourceRow:
    """The source row called ``name``, created when new."""
    row = session.scalars(select(SourceRow).where(SourceRow.name == name)).first()
    if row is None:
        row = SourceRow(name=name, kind=kind)
        session.add(row)
        session.flush()
    return row


@dataclass(frozen=True)
class DocumentFilter:
    source: str | None = None
    status: str | None = None
    published_from: datetime | None = None
    published_to: datetime | None = None
    language: str | None = None
    limit: int = 100
    offset: int = 0


def list_documents(session: Session, flt: DocumentFilter) -> list[DocumentRow]:
    query = select(DocumentRow).order_by(DocumentRow.id)
    if flt.source:
        query = query.join(SourceRow).where(func.lower(SourceRow.name) == flt.source.lower())
    if flt.status:
        query = query.where(DocumentRow.status == flt.status)
    if flt.language:
        query = query.where(DocumentRow.language == flt.language)
    if flt.published_from:
        query = query.where(DocumentRow.published_at >= flt.published_from)
    if flt.published_to:
        query = query.where(DocumentRow.published_at <= flt.published_to)
    return list(session.scalars(query.limit(flt.limit).offset(flt.offset)).unique())


def count_by(session: Session, column: str) -> dict[str, int]:
    """Document counts grouped by a column of the documents table (status, language, ...)."""
    col = getattr(DocumentRow, column)
    rows = session.execute(select(col, func.count()).group_by(col)).all()
    return {str(key): int(n) for key, n in rows}


def count_sources(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(SourceRow)) or 0)


def log_input(
    session: Session,
    run_id: str,
    origin: str,
    status: str,
    document_id: int | None = None,
    reason: str | None = None,
) -> None:
    session.add(
        IngestLogRow(
            run_id=run_id, input=origin, status=status, document_id=document_id, reason=reason
        )
    )


def last_run(session: Session) -> tuple[str, datetime, dict[str, int]] | None:
    """The newest ingest run: its id, when it started, and its counts by status."""
    newest = session.execute(
        select(IngestLogRow.run_id, func.min(IngestLogRow.at))
        .group_by(IngestLogRow.run_id)
        .order_by(func.max(IngestLogRow.id).desc())
        .limit(1)
    ).first()
    if newest is None:
        return None
    run_id, started = newest
    counts = session.execute(
        select(IngestLogRow.status, func.count())
        .where(IngestLogRow.run_id == run_id)
        .group_by(IngestLogRow.status)
    ).all()
    return run_id, started, {status: int(n) for status, n in counts}
