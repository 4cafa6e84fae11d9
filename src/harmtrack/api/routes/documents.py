"""Documents: the list, one document with its text, claims and evidence spans, and the archived
original bytes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from harmtrack.api import schemas, views
from harmtrack.api.deps import PublicDep, Reader, SessionDep
from harmtrack.api.routes import errors
from harmtrack.errors import NotFoundError, StoreError
from harmtrack.sources.archive import Archive, sha256_hex
from harmtrack.store import repo

router = APIRouter(tags=["documents"])

#: Media types served as themselves; anything else (HTML above all, and text whose encoding
#: may not be the one a browser guesses) is served as bytes to save, never rendered on this
#: site's origin.
_SAFE_TYPES = {"application/pdf"}
_SUFFIXES = {"text/plain": ".txt", "application/pdf": ".pdf", "text/html": ".html"}


def _start(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, UTC) if day else None


def _end(day: date | None) -> datetime | None:
    return datetime.combine(day, time.max, UTC) if day else None


@router.get(
    "/documents",
    summary="List documents",
    description="Stored documents by id, filtered by publisher, status, language and "
    "publication days, a page at a time with the total matching.",
    response_model=schemas.Page[schemas.DocumentSummary],
    responses=errors(401, 422),
)
def list_documents(
    session: SessionDep,
    _who: Reader,
    public: PublicDep,
    source: Annotated[str | None, Query(description="Publisher name, any case.")] = None,
    status: Annotated[str | None, Query(description="ok or failed.")] = None,
    language: Annotated[str | None, Query(description="ISO 639-1 code.")] = None,
    published_from: Annotated[date | None, Query(description="Published on or after.")] = None,
    published_to: Annotated[date | None, Query(description="Published on or before.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> schemas.Page[schemas.DocumentSummary]:
    flt = repo.DocumentFilter(
        source, status, _start(published_from), _end(published_to), language, limit, offset
    )
    rows = repo.list_documents(session, flt)
    return schemas.Page[schemas.DocumentSummary](
        items=[views.document_summary(r, public) for r in rows],
        total=repo.count_documents(session, flt),
        limit=limit,
        offset=offset,
    )


@router.get(
    "/documents/{document_id}",
    summary="One document",
    description="A document's metadata, its stored text (every evidence offset refers to it), "
    "its writing direction, and its claims with their evidence spans and incidents.",
    response_model=schemas.DocumentPublic,
    responses=errors(401, 404, 422),
)
def get_document(
    document_id: int, session: SessionDep, _who: Reader, public: PublicDep
) -> schemas.DocumentPublic:
    found = views.document_detail(session, document_id, public)
    if found is None:
        raise NotFoundError(f"no document {document_id}")
    return found


@router.get(
    "/documents/{document_id}/original",
    summary="The archived original",
    description="The bytes as acquired, from the archive, as an attachment. The SHA-256 of the "
    "bytes is in the X-Content-SHA256 header (it is also the document's sha256); the bytes are "
    "checked against it before they are sent.",
    response_class=Response,
    responses={
        **errors(401, 404, 422),
        200: {"content": {"application/octet-stream": {}}, "description": "The bytes."},
    },
)
def get_original(document_id: int, request: Request, session: SessionDep, _who: Reader) -> Response:
    row = repo.document_row(session, document_id)
    if row is None:
        raise NotFoundError(f"no document {document_id}")
    archive: Archive = request.app.state.archive
    try:
        data = archive.read(row.sha256)
    except StoreError:
        data = b""
    if sha256_hex(data) != row.sha256:
        raise NotFoundError(
            f"the archived bytes of document {document_id} are missing or altered",
            hint="Restore the archive from a backup; `harmtrack status` says where it lives.",
        )
    media = (row.media_type or "").split(";")[0].strip().lower()
    name = row.sha256 + _SUFFIXES.get(media, ".bin")
    return Response(
        data,
        media_type=media if media in _SAFE_TYPES else "application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-SHA256": row.sha256,
        },
    )
