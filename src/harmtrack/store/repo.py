"""Repository functions: every read and write of documents, sources, claims and the ingest log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from harmtrack.model import (
    EVENT_FIELDS,
    Claim,
    Document,
    EventClaim,
    Evidence,
    Extraction,
    StatementClaim,
)
from harmtrack.store.tables import (
    ClaimRow,
    DocumentRow,
    EvidenceRow,
    IncidentClaimRow,
    IngestLogRow,
    SourceRow,
)


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
        extractor=row.extractor,
        extraction_error=row.extraction_error,
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


def document_ids_with_text(session: Session) -> list[int]:
    """Ids of the documents whose text was read (status ok): those extraction can run on."""
    query = select(DocumentRow.id).where(DocumentRow.status == "ok").order_by(DocumentRow.id)
    return list(session.scalars(query))


# Claims. The conversions between model claims and table rows live here and nowhere else.


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _evidence_rows(evidence: Sequence[Evidence]) -> list[EvidenceRow]:
    return [
        EvidenceRow(field=e.field, start_char=e.start, end_char=e.end, quote=e.quote, rule=e.rule)
        for e in evidence
    ]


def claim_rows(extraction: Extraction) -> list[ClaimRow]:
    """Unsaved rows for every claim of ``extraction``; ValueError when a date is not ISO."""
    rows: list[ClaimRow] = []
    for event in extraction.events:
        values: dict[str, Any] = {name: getattr(event, name) for name in EVENT_FIELDS}
        values["date"], values["date_end"] = _day(event.date), _day(event.date_end)
        rows.append(
            ClaimRow(
                kind="event",
                extractor=extraction.extractor,
                evidence=_evidence_rows(event.evidence),
                **values,
            )
        )
    for statement in extraction.statements:
        rows.append(
            ClaimRow(
                kind="statement",
                extractor=extraction.extractor,
                speaker=statement.speaker,
                statement_kind=statement.kind,
                addressee=statement.addressee,
                evidence=_evidence_rows(statement.evidence),
            )
        )
    return rows


def to_claim(row: ClaimRow) -> Claim:
    evidence = [Evidence(e.field, e.start_char, e.end_char, e.quote, e.rule) for e in row.evidence]
    content: EventClaim | StatementClaim
    if row.kind == "event":
        values: dict[str, Any] = {name: getattr(row, name) for name in EVENT_FIELDS}
        for name in ("date", "date_end"):
            values[name] = values[name].isoformat() if values[name] is not None else None
        content = EventClaim(**values, evidence=evidence)
    else:
        content = StatementClaim(
            speaker=row.speaker or "",
            kind=row.statement_kind or "",
            addressee=row.addressee,
            evidence=evidence,
        )
    return Claim(id=row.id, document_id=row.document_id, extractor=row.extractor, content=content)


def delete_claims(session: Session, document_id: int) -> None:
    """Remove a document's claims, their evidence and their incident links.

    The incidents that held them must then be consolidated again (``incidents.assign`` does).
    """
    claim_ids = select(ClaimRow.id).where(ClaimRow.document_id == document_id)
    session.execute(
        delete(IncidentClaimRow).where(IncidentClaimRow.claim_id.in_(claim_ids)),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        delete(EvidenceRow).where(EvidenceRow.claim_id.in_(claim_ids)),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        delete(ClaimRow).where(ClaimRow.document_id == document_id),
        execution_options={"synchronize_session": False},
    )


def save_claims(
    session: Session, document: DocumentRow, extractor: str, claims: Sequence[ClaimRow]
) -> None:
    """Make ``claims`` the document's claims, replacing earlier ones, in the caller's transaction.

    The document must have been flushed (it needs its id). Its ``extractor`` is set and any
    earlier extraction error cleared.
    """
    delete_claims(session, document.id)
    for claim in claims:
        claim.document_id = document.id
    session.add_all(claims)
    document.extractor, document.extraction_error = extractor, None


def claims_of(session: Session, document_id: int) -> list[Claim]:
    """A document's claims in the order the extractor gave them, events first."""
    return [to_claim(row) for row in claim_rows_of(session, document_id)]


def count_claims(session: Session) -> dict[str, int]:
    """Claim counts by kind (event, statement)."""
    rows = session.execute(select(ClaimRow.kind, func.count()).group_by(ClaimRow.kind)).all()
    return {str(kind): int(n) for kind, n in rows}


def count_extraction_errors(session: Session) -> int:
    """Documents whose last extraction failed."""
    query = select(func.count()).where(DocumentRow.extraction_error.is_not(None))
    return int(session.scalar(query) or 0)


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


# What the web door lists besides incidents: documents by id, sources, statements.


def document_row(session: Session, document_id: int) -> DocumentRow | None:
    return session.get(DocumentRow, document_id)


def count_documents(session: Session, flt: DocumentFilter) -> int:
    query = select(func.count(DocumentRow.id))
    if flt.source:
        query = query.join(SourceRow).where(func.lower(SourceRow.name) == flt.source.lower())
    for column, value in (
        (DocumentRow.status, flt.status),
        (DocumentRow.language, flt.language),
    ):
        if value:
            query = query.where(column == value)
    if flt.published_from:
        query = query.where(DocumentRow.published_at >= flt.published_from)
    if flt.published_to:
        query = query.where(DocumentRow.published_at <= flt.published_to)
    return int(session.scalar(query) or 0)


def document_titles(session: Session, document_ids: Sequence[int]) -> dict[int, str | None]:
    if not document_ids:
        return {}
    query = select(DocumentRow.id, DocumentRow.title).where(DocumentRow.id.in_(document_ids))
    return {int(i): t for i, t in session.execute(query)}


def incident_of_claims(session: Session, claim_ids: Sequence[int]) -> dict[int, int]:
    """Claim id -> the incident holding it (claims in no incident are left out)."""
    if not claim_ids:
        return {}
    query = select(IncidentClaimRow.claim_id, IncidentClaimRow.incident_id).where(
        IncidentClaimRow.claim_id.in_(claim_ids)
    )
    return {int(c): int(i) for c, i in session.execute(query)}


def list_sources(session: Session) -> list[tuple[SourceRow, int]]:
    """Every source with its number of documents, by name."""
    counted = (
        select(SourceRow, func.count(DocumentRow.id))
        .outerjoin(DocumentRow, DocumentRow.source_id == SourceRow.id)
        .group_by(SourceRow.id)
        .order_by(SourceRow.name)
    )
    return [(row, int(n)) for row, n in session.execute(counted)]


def statement_rows(
    session: Session, *, kind: str | None, speaker: str | None, limit: int, offset: int
) -> tuple[list[ClaimRow], int]:
    """Statement claims (newest first), filtered by kind and speaker, and how many match."""
    where: list[Any] = [ClaimRow.kind == "statement"]
    if kind:
        where.append(ClaimRow.statement_kind == kind)
    if speaker:
        where.append(func.lower(ClaimRow.speaker) == speaker.lower())
    total = int(session.scalar(select(func.count(ClaimRow.id)).where(*where)) or 0)
    query = (
        select(ClaimRow)
        .where(*where)
        .options(selectinload(ClaimRow.evidence))
        .order_by(ClaimRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(query)), total


def documents_by_id(session: Session, document_ids: Sequence[int]) -> dict[int, DocumentRow]:
    if not document_ids:
        return {}
    query = select(DocumentRow).where(DocumentRow.id.in_(document_ids))
    return {row.id: row for row in session.scalars(query).unique()}


def claim_rows_of(session: Session, document_id: int) -> list[ClaimRow]:
    """A document's claim rows with their evidence, in the extractor's order."""
    query = (
        select(ClaimRow)
        .where(ClaimRow.document_id == document_id)
        .options(selectinload(ClaimRow.evidence))
        .order_by(ClaimRow.id)
    )
    return list(session.scalars(query))
