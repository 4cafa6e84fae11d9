"""Zones: named areas in force over a period (de-escalation zones, ceasefire lines)."""

from __future__ import annotations

import json

from fastapi import APIRouter

from harmtrack.api import schemas, views
from harmtrack.api.deps import PublicDep, Reader, SessionDep
from harmtrack.api.routes import errors
from harmtrack.store.zones import zone_rows

router = APIRouter(tags=["zones"])


@router.get(
    "/zones",
    summary="List zones",
    description="The stored zones by start of validity: kind, validity, parties and the area "
    "as a GeoJSON Feature.",
    response_model=list[schemas.ZonePublic],
    responses=errors(401),
)
def list_zones(session: SessionDep, _who: Reader, public: PublicDep) -> list[schemas.ZonePublic]:
    return [views.zone(row, public, json.loads(row.feature)) for row in zone_rows(session)]
