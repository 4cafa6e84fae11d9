"""Stored zones: saved from GeoJSON files, read back as ``geo.zones.Zone`` values."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from harmtrack.geo.zones import Zone, parse_zones
from harmtrack.store.tables import ZoneRow


def save_zones(session: Session, zones: Iterable[Zone], origin: str) -> int:
    """Store zones by name; a zone loaded again under the same name replaces the old one."""
    count = 0
    for zone in zones:
        row = session.scalars(select(ZoneRow).where(ZoneRow.name == zone.name)).first()
        row = row or ZoneRow(name=zone.name)
        row.kind, row.valid_from, row.valid_to = zone.kind, zone.valid_from, zone.valid_to
        row.parties = list(zone.parties)
        row.feature = json.dumps(zone.to_feature(), ensure_ascii=False, sort_keys=True)
        row.origin = origin
        session.add(row)
        count += 1
    session.flush()
    return count


def stored_zones(session: Session) -> tuple[Zone, ...]:
    """Every stored zone (parsed once per distinct set of stored features)."""
    features = tuple(session.scalars(select(ZoneRow.feature).order_by(ZoneRow.name)))
    return _parsed(features)


def zone_rows(session: Session) -> list[ZoneRow]:
    return list(session.scalars(select(ZoneRow).order_by(ZoneRow.valid_from, ZoneRow.name)))


@lru_cache(maxsize=8)
def _parsed(features: tuple[str, ...]) -> tuple[Zone, ...]:
    if not features:
        return ()
    collection = {"type": "FeatureCollection", "features": [json.loads(f) for f in features]}
    return parse_zones(json.dumps(collection), origin="stored zones")
