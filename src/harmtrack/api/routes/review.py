"""Analysts' review actions on an incident: edit a field, set the grade, merge, split; and the
review queue. Each change is a hash-chained revision (absent in public mode)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from harmtrack.api import schemas, views
from harmtrack.api.deps import Analyst, CurrentUser, SessionDep
from harmtrack.api.routes import errors
from harmtrack.errors import NotFoundError
from harmtrack.incidents import review
from harmtrack.store import incidents as store

router = APIRouter(tags=["review"])


def _exists(session: Session, incident_id: int) -> None:
    if store.incident(session, incident_id) is None:
        raise NotFoundError(f"no incident {incident_id}")


def _detail(session: Session, incident_id: int) -> schemas.IncidentPublic:
    found = views.incident_detail(session, incident_id, public=False)
    assert found is not None
    return found


@router.post(
    "/incidents/{incident_id}/edit",
    summary="Edit a field",
    description="Sets a field to the analyst's value (kept as an override that consolidation, "
    "re-extraction and rebuild never overwrite), or removes it (`value` null), and logs a "
    "revision with the reason. Analysts and admins; needs the CSRF token.",
    response_model=schemas.EditResult,
    responses=errors(401, 403, 404, 422),
)
def edit(
    incident_id: int, body: schemas.EditRequest, session: SessionDep, who: Analyst
) -> schemas.EditResult:
    _exists(session, incident_id)
    old, new = review.edit(
        session, incident_id, body.field, body.value, why=body.reason, user=who.user.name
    )
    return schemas.EditResult(incident_id=incident_id, field=body.field, old=old, new=new)


@router.post(
    "/incidents/{incident_id}/grade",
    summary="Set the grade",
    description="The analyst's grade (e.g. confirmed, discounted), logged as a revision of "
    "`grade` with the reason. Analysts and admins; needs the CSRF token.",
    response_model=schemas.EditResult,
    responses=errors(401, 403, 404, 422),
)
def grade(
    incident_id: int, body: schemas.GradeRequest, session: SessionDep, who: Analyst
) -> schemas.EditResult:
    _exists(session, incident_id)
    old, new = review.set_grade(
        session, incident_id, body.grade, why=body.reason, user=who.user.name
    )
    return schemas.EditResult(incident_id=incident_id, field="grade", old=old, new=new)


@router.post(
    "/incidents/{incident_id}/merge",
    summary="Merge incidents into this one",
    description="Moves every claim of the other incidents into this one; they point to it "
    "(`merged_into`). Returns this incident. Analysts and admins; needs the CSRF token.",
    response_model=schemas.IncidentPublic,
    responses=errors(401, 403, 404, 422),
)
def merge(
    incident_id: int, body: schemas.MergeRequest, session: SessionDep, who: Analyst
) -> schemas.IncidentPublic:
    for i in (incident_id, *body.others):
        _exists(session, i)
    target = review.merge(session, [incident_id, *body.others], why=body.reason, user=who.user.name)
    return _detail(session, target)


@router.post(
    "/incidents/{incident_id}/split",
    summary="Split a claim out",
    description="Takes an event claim of this incident into a new incident of its own, and "
    "returns the new incident. Analysts and admins; needs the CSRF token.",
    response_model=schemas.IncidentPublic,
    responses=errors(401, 403, 404, 422),
)
def split(
    incident_id: int, body: schemas.SplitRequest, session: SessionDep, who: Analyst
) -> schemas.IncidentPublic:
    _exists(session, incident_id)
    review.claim_of(session, incident_id, body.claim_id)
    new_id = review.split(session, body.claim_id, why=body.reason, user=who.user.name)
    return _detail(session, new_id)


@router.get(
    "/review",
    summary="The review queue",
    description="Incidents waiting for an analyst: `new` (no analyst has changed them), "
    "`contested` (their sources name different perpetrators, or a party denies) or `disputed` "
    "(an analyst marked them so), oldest first, with the total.",
    response_model=schemas.Page[schemas.IncidentSummary],
    responses=errors(401, 422),
)
def queue(
    session: SessionDep,
    _who: CurrentUser,
    name: Annotated[Literal["new", "contested", "disputed"], Query(alias="queue")] = "new",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> schemas.Page[schemas.IncidentSummary]:
    return views.incident_page(session, review.REVIEW_QUEUES[name], limit, offset)
