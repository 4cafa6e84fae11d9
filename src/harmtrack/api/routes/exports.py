"""Exports of the filtered incidents: JSON (with claims), CSV and GeoJSON, streamed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from harmtrack.api.deps import FilterDep, Reader, get_database
from harmtrack.api.routes import errors
from harmtrack.export.incidents import csv_chunks, geojson_chunks, json_chunks
from harmtrack.store.db import Database
from harmtrack.store.incidents import IncidentFilter

router = APIRouter(prefix="/exports", tags=["exports"])

DatabaseDep = Annotated[Database, Depends(get_database)]
Limit = Annotated[int | None, Query(ge=1, description="At most this many incidents.")]

_FORMATS: dict[str, tuple[str, Callable[[Database, IncidentFilter], Iterator[str]]]] = {
    "json": ("application/json", json_chunks),
    "csv": ("text/csv; charset=utf-8", csv_chunks),
    "geojson": ("application/geo+json", geojson_chunks),
}


def _stream(fmt: str, db: Database, flt: IncidentFilter) -> StreamingResponse:
    media, chunks = _FORMATS[fmt]
    return StreamingResponse(
        chunks(db, flt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="incidents.{fmt}"'},
    )


def _described(fmt: str, what: str) -> dict[int | str, dict[str, object]]:
    media = _FORMATS[fmt][0].split(";")[0]
    return {**errors(401, 422), 200: {"content": {media: {}}, "description": what}}


@router.get(
    "/incidents.json",
    summary="Export incidents as JSON",
    description="The filtered incidents as one JSON array, each in the shape of `harmtrack "
    "incidents --json` (fields, figures, grade, sources, zones and claims).",
    response_class=StreamingResponse,
    responses=_described("json", "A JSON array of incidents."),
)
def export_json(
    db: DatabaseDep, _who: Reader, flt: FilterDep, limit: Limit = None
) -> StreamingResponse:
    return _stream("json", db, replace(flt, limit=limit))


@router.get(
    "/incidents.csv",
    summary="Export incidents as CSV",
    description="The filtered incidents, one row each: the fields in force, killed and injured "
    "low/best/high, grade, status, sources, zones (joined by ';'). Cells that a spreadsheet "
    "would run as a formula start with a quote.",
    response_class=StreamingResponse,
    responses=_described("csv", "CSV with a header row."),
)
def export_csv(
    db: DatabaseDep, _who: Reader, flt: FilterDep, limit: Limit = None
) -> StreamingResponse:
    return _stream("csv", db, replace(flt, limit=limit))


@router.get(
    "/incidents.geojson",
    summary="Export incidents as GeoJSON",
    description="The filtered, located incidents as a FeatureCollection of points, with the "
    "CSV's columns as properties.",
    response_class=StreamingResponse,
    responses=_described("geojson", "A GeoJSON FeatureCollection."),
)
def export_geojson(
    db: DatabaseDep, _who: Reader, flt: FilterDep, limit: Limit = None
) -> StreamingResponse:
    return _stream("geojson", db, replace(flt, limit=limit))
