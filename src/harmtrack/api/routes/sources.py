"""Sources: who speaks, with the number of their documents."""

from __future__ import annotations

from fastapi import APIRouter

from harmtrack.api import schemas
from harmtrack.api.deps import Reader, SessionDep
from harmtrack.api.routes import errors
from harmtrack.store import repo

router = APIRouter(tags=["sources"])


@router.get(
    "/sources",
    summary="List sources",
    description="Every source (publisher) by name: kind, side, country and documents stored.",
    response_model=list[schemas.SourcePublic],
    responses=errors(401),
)
def list_sources(session: SessionDep, _who: Reader) -> list[schemas.SourcePublic]:
    return [
        schemas.SourcePublic(
            id=row.id,
            name=row.name,
            kind=row.kind,
            side=row.side,
            country=row.country,
            documents=count,
        )
        for row, count in repo.list_sources(session)
    ]
