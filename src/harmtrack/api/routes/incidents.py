"""Incidents: the filtered list, the map's GeoJSON, the filter menus' facets, one incident."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from harmtrack.api import schemas, views
from harmtrack.api.deps import FilterDep, PublicDep, Reader, SessionDep
from harmtrack.api.routes import errors
from harmtrack.errors import NotFoundError
from harmtrack.store import incidents as store

router = APIRouter(tags=["incidents"])

MAX_PAGE = 500
MAX_FEATURES = 200_000


@router.get(
    "/incidents",
    summary="List incidents",
    description="Live incidents (not merged into another) matching the filters, oldest first "
    "(by date, then id), a page at a time, with the total matching.",
    response_model=schemas.Page[schemas.IncidentSummary],
    responses=errors(401, 422),
)
def list_incidents(
    session: SessionDep,
    _who: Reader,
    flt: FilterDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
) -> schemas.Page[schemas.IncidentSummary]:
    return views.incident_page(session, flt, limit, offset)


@router.get(
    "/incidents.geojson",
    summary="Located incidents as GeoJSON",
    description="The located incidents matching the filters (the same as the list's) as a "
    "GeoJSON FeatureCollection of points, for the map. Each feature's properties: id, date, "
    "date_precision, country, admin1, location, geo_precision, event_type, sub_event_type, "
    "perpetrator, weapon, target_site, killed_low, killed_best, killed_high, injured_best, "
    "civilian, grade and url (the incident's page).",
    response_model=schemas.FeatureCollection,
    responses={
        **errors(401, 422),
        200: {"content": {"application/geo+json": {}}, "description": "A FeatureCollection."},
    },
)
def incidents_geojson(
    session: SessionDep,
    _who: Reader,
    flt: FilterDep,
    limit: Annotated[
        int, Query(ge=1, le=MAX_FEATURES, description="At most this many features.")
    ] = 50_000,
) -> Response:
    located = replace(flt, located=True)
    rows = store.list_incidents(session, replace(located, limit=limit), views.MAP_COLUMNS)
    total = len(rows) if len(rows) < limit else store.count_matching(session, located)
    body = {
        "type": "FeatureCollection",
        "features": [views.map_feature(r) for r in rows],
        "total": total,
        "truncated": total > len(rows),
    }
    # Built as plain JSON: validating tens of thousands of features would cost more than the query.
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(text, media_type="application/geo+json")


@router.get(
    "/facets",
    summary="Values present, for filter menus",
    description="The distinct countries, event types, sub-event types, perpetrators and grades "
    "of the live incidents, and their first and last dates.",
    response_model=schemas.Facets,
    responses=errors(401),
)
def facets(session: SessionDep, _who: Reader) -> schemas.Facets:
    return views.facets(store.facets(session))


@router.get(
    "/incidents/{incident_id}",
    summary="One incident",
    description="An incident's consolidated fields and figures, every claim (its source, "
    "document, own figures and evidence spans) and its revisions (in public mode without the "
    "analyst's name and reason). A merged incident says which one it was merged into.",
    response_model=schemas.IncidentPublic,
    responses=errors(401, 404, 422),
)
def get_incident(
    incident_id: int, session: SessionDep, _who: Reader, public: PublicDep
) -> schemas.IncidentPublic:
    found = views.incident_detail(session, incident_id, public)
    if found is None:
        raise NotFoundError(f"no incident {incident_id}")
    return found
