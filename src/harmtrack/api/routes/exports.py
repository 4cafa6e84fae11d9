"""Exports of the filtered incidents: JSON (with claims), CSV and GeoJSON, streamed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Annotated, Any

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


@dataclass(frozen=True)
class Format:
    media_type: str
    chunks: Callable[[Database, IncidentFilter], Iterator[str]]
    summary: str
    description: str
    body: str


FORMATS = {
    "json": Format(
        "application/json",
        json_chunks,
        "Export incidents as JSON",
        "The filtered incidents as one JSON array, each in the shape of `harmtrack incidents "
        "--json` (fields, figures, grade, sources, zones and claims).",
        "A JSON array of incidents.",
    ),
    "csv": Format(
        "text/csv; charset=utf-8",
        csv_chunks,
        "Export incidents as CSV",
        "The filtered incidents, one row each: the fields in force, killed and injured "
        "low/best/high, grade, status, sources, zones (joined by ';'). Cells that a spreadsheet "
        "would run as a formula start with a quote.",
        "CSV with a header row.",
    ),
    "geojson": Format(
        "application/geo+json",
        geojson_chunks,
        "Export incidents as GeoJSON",
        "The filtered, located incidents as a FeatureCollection of points, with the CSV's "
        "columns as properties.",
        "A GeoJSON FeatureCollection.",
    ),
}


def _exporter(suffix: str, fmt: Format) -> Callable[..., StreamingResponse]:
    def export(
        db: DatabaseDep, _who: Reader, flt: FilterDep, limit: Limit = None
    ) -> StreamingResponse:
        return StreamingResponse(
            fmt.chunks(db, replace(flt, limit=limit)),
            media_type=fmt.media_type,
            headers={"Content-Disposition": f'attachment; filename="incidents.{suffix}"'},
        )

    return export


for _suffix, _fmt in FORMATS.items():
    _responses: dict[int | str, dict[str, Any]] = {
        **errors(401, 422),
        200: {"content": {_fmt.media_type.split(";")[0]: {}}, "description": _fmt.body},
    }
    router.add_api_route(
        f"/incidents.{_suffix}",
        _exporter(_suffix, _fmt),
        methods=["GET"],
        name=f"export_{_suffix}",
        summary=_fmt.summary,
        description=_fmt.description,
        response_class=StreamingResponse,
        responses=_responses,
    )
