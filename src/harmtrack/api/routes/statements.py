"""Statements: condemnations, demands, denials, claims of responsibility, and their incidents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from harmtrack.api import schemas, views
from harmtrack.api.deps import Reader, SessionDep
from harmtrack.api.routes import errors
from harmtrack.store import repo

router = APIRouter(tags=["statements"])


@router.get(
    "/statements",
    summary="List statements",
    description="Statement claims, newest first, with speaker, kind, addressee, document, "
    "the incident they speak of and their evidence spans.",
    response_model=schemas.Page[schemas.StatementPublic],
    responses=errors(401, 422),
)
def list_statements(
    session: SessionDep,
    _who: Reader,
    kind: Annotated[
        str | None,
        Query(description="condemn, demand, deny, claim_responsibility, call_investigation."),
    ] = None,
    speaker: Annotated[str | None, Query(description="The speaker, any case.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> schemas.Page[schemas.StatementPublic]:
    rows, total = repo.statement_rows(
        session, kind=kind or None, speaker=speaker or None, limit=limit, offset=offset
    )
    return schemas.Page[schemas.StatementPublic](
        items=views.statements(session, rows), total=total, limit=limit, offset=offset
    )
