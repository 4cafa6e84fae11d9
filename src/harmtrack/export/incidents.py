"""Incidents as JSON, CSV or GeoJSON text, streamed in batches from the store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from harmtrack.incidents.fields import json_value
from harmtrack.incidents.query import find_incidents
from harmtrack.store import incidents as store
from harmtrack.store.db import Database
from harmtrack.store.incidents import IncidentFilter

BATCH = 1000

#: One CSV row per incident: its fields in force and its figures (claims are in the JSON export).
CSV_COLUMNS = store.SUMMARY_COLUMNS
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _batches(
    db: Database, flt: IncidentFilter, columns: tuple[str, ...] | None
) -> Iterator[list[Any]]:
    """The incidents ``flt`` selects, a batch (and a short transaction) at a time."""
    offset = flt.offset
    remaining = flt.limit
    while remaining is None or remaining > 0:
        size = BATCH if remaining is None else min(BATCH, remaining)
        page = replace(flt, limit=size, offset=offset)
        with db.session() as session:
            rows = _read(session, page, columns)
        if not rows:
            return
        yield rows
        offset += len(rows)
        remaining = None if remaining is None else remaining - len(rows)
        if len(rows) < size:
            return


def _read(session: Session, flt: IncidentFilter, columns: tuple[str, ...] | None) -> list[Any]:
    if columns is None:
        return [incident.to_json() for incident in find_incidents(session, flt)]
    return [dict(row) for row in store.list_incidents(session, flt, columns)]


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is prefixed with a quote."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    text = str(json_value(value)) if not isinstance(value, bool) else str(value).lower()
    return "'" + text if text.startswith(_FORMULA_START) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_chunks(db: Database, flt: IncidentFilter) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rows in _batches(db, flt, CSV_COLUMNS):
        for row in rows:
            writer.writerow([_cell(row[name]) for name in CSV_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def json_chunks(db: Database, flt: IncidentFilter) -> Iterator[str]:
    """A JSON array of incidents in the shape of `harmtrack incidents --json` (with claims)."""
    yield "["
    first = True
    for rows in _batches(db, flt, None):
        for row in rows:
            yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
            first = False
    yield "]\n"


def feature(row: Mapping[str, Any], properties: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": {name: json_value(row[name]) for name in properties},
    }


def geojson_chunks(db: Database, flt: IncidentFilter) -> Iterator[str]:
    """A FeatureCollection of the located incidents, every CSV column as a property."""
    properties = tuple(c for c in CSV_COLUMNS if c not in ("lat", "lon"))
    yield '{"type":"FeatureCollection","features":['
    first = True
    for rows in _batches(db, replace(flt, located=True), CSV_COLUMNS):
        for row in rows:
            text = json.dumps(feature(row, properties), ensure_ascii=False)
            yield ("" if first else ",\n") + text
            first = False
    yield "]}\n"
