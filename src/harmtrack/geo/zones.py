"""Zones: named areas in force for a period (de-escalation zones, ceasefire lines), from GeoJSON."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Final

from harmtrack.errors import GazetteerError

#: Most vertices one zone file may hold (all rings of all features together).
MAX_VERTICES: Final = 1_000_000
#: Largest zone file read, in bytes (a million vertices written plainly fit well within it).
MAX_BYTES: Final = 64 * 1024 * 1024
#: A point this close to an edge (in degrees, about 0.1 mm) is on the boundary, hence inside.
BOUNDARY_TOLERANCE: Final = 1e-9
#: Problems written out in the error message; all of them are kept in ``ZoneFileError.problems``.
MAX_LISTED_PROBLEMS: Final = 50

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WGS84_CRS_NAMES = frozenset(
    {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "urn:ogc:def:crs:EPSG::4326"}
)
_HINT = "GeoJSON positions are [longitude, latitude]; see docs/zones.md for the file format"

Position = tuple[float, float]  # (lon, lat), GeoJSON order

_Report = Callable[[str], None]

_OUTSIDE, _BOUNDARY, _INSIDE = -1, 0, 1


@dataclass(frozen=True, slots=True)
class ZoneProblem:
    """One thing wrong with a zone file: the feature (None for the file as a whole) and what."""

    feature: int | None
    message: str
    name: str | None = None

    def __str__(self) -> str:
        if self.feature is None:
            return self.message
        label = f"feature {self.feature}" + (f" ({self.name!r})" if self.name else "")
        return f"{label}: {self.message}"


class ZoneFileError(GazetteerError):
    """A zone file could not be loaded; ``problems`` lists every bad feature found."""

    def __init__(self, origin: str, problems: Sequence[ZoneProblem], *, hint: str = _HINT) -> None:
        self.origin = origin
        self.problems = tuple(problems)
        shown = [f"  {problem}" for problem in self.problems[:MAX_LISTED_PROBLEMS]]
        if len(self.problems) > MAX_LISTED_PROBLEMS:
            shown.append(f"  … and {len(self.problems) - MAX_LISTED_PROBLEMS} more")
        if len(self.problems) == 1 and self.problems[0].feature is None:
            message = f"{origin}: {self.problems[0]}"
        else:
            count = len(self.problems)
            message = f"{origin}: {count} problem{'s' * (count != 1)}\n" + "\n".join(shown)
        super().__init__(message, hint=hint)


@dataclass(frozen=True, slots=True)
class BBox:
    """A bounding box in degrees, edges included."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies in the box or on its edge (False for NaN)."""
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon

    @classmethod
    def around(cls, points: Iterable[Position]) -> BBox:
        """The smallest box holding every ``(lon, lat)`` point."""
        lons, lats = zip(*points, strict=True)
        return cls(min(lons), min(lats), max(lons), max(lats))


@dataclass(frozen=True, slots=True)
class Ring:
    """A closed ring of ``(lon, lat)`` vertices, stored without repeating the first at the end."""

    vertices: tuple[Position, ...]
    bbox: BBox = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.vertices) < 3:
            raise ValueError("a ring needs at least 3 vertices")
        object.__setattr__(self, "bbox", BBox.around(self.vertices))

    def locate(self, lat: float, lon: float) -> int:
        """Where the point is: inside (1), on the boundary (0) or outside (-1); even-odd rule."""
        if not self.bbox.contains(lat, lon):
            return _OUTSIDE
        inside = False
        vertices = self.vertices
        ax, ay = vertices[-1]
        for bx, by in vertices:
            if _on_segment(lon, lat, ax, ay, bx, by):
                return _BOUNDARY
            # Half-open rule (ay > lat) != (by > lat): a ray through a vertex counts it once.
            if (ay > lat) != (by > lat) and lon < ax + (lat - ay) * (bx - ax) / (by - ay):
                inside = not inside
            ax, ay = bx, by
        return _INSIDE if inside else _OUTSIDE


@dataclass(frozen=True, slots=True)
class Polygon:
    """An exterior ring with optional holes; points on any of its rings are inside."""

    exterior: Ring
    holes: tuple[Ring, ...] = ()

    @property
    def bbox(self) -> BBox:
        """The exterior's bounding box."""
        return self.exterior.bbox

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point is inside or on the boundary, and not strictly inside a hole."""
        if self.exterior.locate(lat, lon) == _OUTSIDE:
            return False
        return all(hole.locate(lat, lon) != _INSIDE for hole in self.holes)


@dataclass(frozen=True, slots=True)
class Zone:
    """A named area with a validity period and parties, e.g. a de-escalation zone."""

    name: str
    valid_from: date
    valid_to: date | None  # last day in force (inclusive); None while still in force
    polygons: tuple[Polygon, ...]
    parties: tuple[str, ...] = ()
    kind: str | None = None
    source: str | None = None
    note: str | None = None
    bbox: BBox = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.polygons:
            raise ValueError("a zone needs at least one polygon")
        corners = [corner for p in self.polygons for corner in _corners(p.bbox)]
        object.__setattr__(self, "bbox", BBox.around(corners))

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point (degrees) lies in the zone, boundary included."""
        if not self.bbox.contains(lat, lon):
            return False
        return any(polygon.contains(lat, lon) for polygon in self.polygons)

    def in_force(self, day: date) -> bool:
        """Whether the zone is in force on ``day``: ``valid_from <= day <= valid_to``.

        A datetime is taken as its UTC calendar day (naive datetimes as written).
        """
        day = _as_day(day)
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def violated_by(self, lat: float, lon: float, day: date) -> bool:
        """Whether an incident at this point on this day falls inside the zone while in force."""
        return self.in_force(day) and self.contains(lat, lon)

    def to_feature(self) -> dict[str, Any]:
        """The zone as a GeoJSON Feature that ``parse_zones`` reads back to an equal zone."""
        polygons = [
            [_closed(polygon.exterior), *(_closed(hole) for hole in polygon.holes)]
            for polygon in self.polygons
        ]
        geometry: dict[str, Any] = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if len(polygons) == 1
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
        properties = {
            "name": self.name,
            "kind": self.kind,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "parties": list(self.parties),
            "source": self.source,
            "note": self.note,
        }
        return {"type": "Feature", "properties": properties, "geometry": geometry}


def zones_for(lat: float, lon: float, day: date, zones: Iterable[Zone]) -> list[Zone]:
    """The zones an incident at ``(lat, lon)`` on ``day`` violates, in the order given."""
    return [zone for zone in zones if zone.violated_by(lat, lon, day)]


def bundled_zone_files() -> list[Path]:
    """The example zone files shipped with Harmtrack (``geo/data/zones/*.geojson``), sorted."""
    folder = Path(str(resources.files("harmtrack.geo") / "data" / "zones"))
    return sorted(folder.glob("*.geojson"))


def load_zones(
    path: Path | str, *, max_vertices: int = MAX_VERTICES, max_bytes: int = MAX_BYTES
) -> tuple[Zone, ...]:
    """Read and validate a GeoJSON FeatureCollection of zones; every bad feature is reported.

    Raises ``ZoneFileError`` (a ``GazetteerError``, code E400) naming the file.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _file_error(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise _file_error(
            str(path),
            f"the file is larger than {max_bytes:,} bytes",
            hint="simplify the zones (fewer vertices) or raise max_bytes",
        )
    return parse_zones(data, origin=str(path), max_vertices=max_vertices)


def parse_zones(
    data: bytes | str, *, origin: str = "<zones>", max_vertices: int = MAX_VERTICES
) -> tuple[Zone, ...]:
    """Validate GeoJSON text (a FeatureCollection of Polygon/MultiPolygon features) into zones."""
    document = _decode(data, origin)
    problems: list[ZoneProblem] = []
    features = _features(document, problems)
    if features is None:
        raise ZoneFileError(origin, problems)
    budget = _VertexBudget(origin, max_vertices)
    zones: list[Zone] = []
    first_index: dict[str, int] = {}
    for index, feature in enumerate(features):
        zone = _feature_zone(index, feature, problems, budget)
        if zone is None:
            continue
        if zone.name in first_index:
            message = f"the name is already used by feature {first_index[zone.name]}"
            problems.append(ZoneProblem(index, message, zone.name))
            continue
        first_index[zone.name] = index
        zones.append(zone)
    if problems:
        raise ZoneFileError(origin, problems)
    return tuple(zones)


# --- geometry -------------------------------------------------------------------------------


def _on_segment(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> bool:
    tol = BOUNDARY_TOLERANCE
    if not (min(ax, bx) - tol <= px <= max(ax, bx) + tol):
        return False
    if not (min(ay, by) - tol <= py <= max(ay, by) + tol):
        return False
    dx, dy = bx - ax, by - ay
    cross = dx * (py - ay) - dy * (px - ax)
    # |cross| / length is the distance from the point to the segment's line.
    return abs(cross) <= tol * math.hypot(dx, dy) or (dx == 0 and dy == 0)


def _corners(box: BBox) -> tuple[Position, Position]:
    return (box.min_lon, box.min_lat), (box.max_lon, box.max_lat)


def _closed(ring: Ring) -> list[list[float]]:
    return [list(vertex) for vertex in (*ring.vertices, ring.vertices[0])]


def _twice_area(vertices: Sequence[Position]) -> float:
    total = 0.0
    ax, ay = vertices[-1]
    for bx, by in vertices:
        total += ax * by - bx * ay
        ax, ay = bx, by
    return total


def _as_day(day: date) -> date:
    if isinstance(day, datetime):
        return (day.astimezone(UTC) if day.tzinfo else day).date()
    return day


# --- reading and validation -----------------------------------------------------------------


class _Invalid(ValueError):
    """One problem with a feature, raised to abandon the part being read."""


@dataclass(slots=True)
class _VertexBudget:
    origin: str
    limit: int
    used: int = 0

    def spend(self, count: int, feature: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise _file_error(
                self.origin,
                f"more than {self.limit:,} vertices (reached at feature {feature})",
                hint="simplify the zones (fewer vertices) or raise max_vertices",
            )


def _file_error(origin: str, message: str, *, hint: str = _HINT) -> ZoneFileError:
    return ZoneFileError(origin, [ZoneProblem(None, message)], hint=hint)


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _decode(data: bytes | str, origin: str) -> Any:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise _file_error(origin, f"not UTF-8 text (byte {exc.start})") from exc
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        message = f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise _file_error(origin, message) from exc
    except ValueError as exc:
        raise _file_error(origin, f"not JSON: {exc}") from exc
    except RecursionError as exc:
        raise _file_error(origin, "not usable JSON: nested too deeply") from exc


def _features(document: Any, problems: list[ZoneProblem]) -> list[Any] | None:
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        kind = document.get("type") if isinstance(document, dict) else type(document).__name__
        problems.append(ZoneProblem(None, f"expected a GeoJSON FeatureCollection, got {kind!r}"))
        return None
    crs = document.get("crs")
    if crs is not None:
        crs_properties = crs.get("properties") if isinstance(crs, dict) else None
        name = crs_properties.get("name") if isinstance(crs_properties, dict) else None
        if name not in _WGS84_CRS_NAMES:
            message = f"coordinates must be WGS 84 longitude/latitude, the file declares {name!r}"
            problems.append(ZoneProblem(None, message))
            return None
    features = document.get("features")
    if not isinstance(features, list):
        problems.append(ZoneProblem(None, "'features' must be a list"))
        return None
    if not features:
        problems.append(ZoneProblem(None, "the FeatureCollection has no features"))
        return None
    return features


def _feature_zone(
    index: int, feature: Any, problems: list[ZoneProblem], budget: _VertexBudget
) -> Zone | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(ZoneProblem(index, "not a GeoJSON Feature"))
        return None
    before = len(problems)
    properties = feature.get("properties")
    raw_name = properties.get("name") if isinstance(properties, dict) else None
    name = raw_name.strip() if isinstance(raw_name, str) and raw_name.strip() else None

    def report(message: str) -> None:
        problems.append(ZoneProblem(index, message, name))

    valid_from: date | None = None
    valid_to: date | None = None
    parties: tuple[str, ...] = ()
    texts: dict[str, str | None] = {}
    if not isinstance(properties, dict):
        report("'properties' must be an object with at least 'name' and 'valid_from'")
    else:
        if name is None:
            report("'name' is required (a non-empty string)")
        valid_from = _required_date(properties, "valid_from", report)
        valid_to = _optional_date(properties, "valid_to", report)
        if valid_from and valid_to and valid_to < valid_from:
            report(f"'valid_to' {valid_to} is before 'valid_from' {valid_from}")
        parties = _parties(properties.get("parties"), report)
        texts = {key: _optional_text(properties, key, report) for key in ("kind", "source", "note")}
    try:
        polygons = _geometry(feature.get("geometry"), index, budget)
    except _Invalid as exc:
        report(f"geometry: {exc}")
        polygons = ()
    if len(problems) > before or name is None or valid_from is None:
        return None
    return Zone(
        name=name,
        valid_from=valid_from,
        valid_to=valid_to,
        polygons=polygons,
        parties=parties,
        kind=texts.get("kind"),
        source=texts.get("source"),
        note=texts.get("note"),
    )


def _parse_date(value: Any, key: str) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _Invalid(f"{key!r} must be a date written YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _Invalid(f"{key!r} is not a calendar date: {value!r}") from exc


def _required_date(properties: dict[str, Any], key: str, report: _Report) -> date | None:
    if properties.get(key) is None:
        report(f"{key!r} is required (YYYY-MM-DD)")
        return None
    try:
        return _parse_date(properties[key], key)
    except _Invalid as exc:
        report(str(exc))
        return None


def _optional_date(properties: dict[str, Any], key: str, report: _Report) -> date | None:
    # The key must be present (null = still in force) so that a misspelt key is not read as
    # "in force forever".
    if key not in properties:
        report(f"{key!r} is required: a date (YYYY-MM-DD), or null while still in force")
        return None
    if properties[key] is None:
        return None
    try:
        return _parse_date(properties[key], key)
    except _Invalid as exc:
        report(str(exc))
        return None


def _parties(value: Any, report: _Report) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        report("'parties' must be a list of non-empty strings")
        return ()
    return tuple(v.strip() for v in value)


def _optional_text(properties: dict[str, Any], key: str, report: _Report) -> str | None:
    value = properties.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        report(f"{key!r} must be a string")
        return None
    return value.strip() or None


def _geometry(geometry: Any, index: int, budget: _VertexBudget) -> tuple[Polygon, ...]:
    if not isinstance(geometry, dict):
        raise _Invalid("missing; expected a Polygon or MultiPolygon")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return (_polygon(coordinates, "", index, budget),)
    if kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise _Invalid("a MultiPolygon's coordinates must be a non-empty list of polygons")
        return tuple(
            _polygon(part, f"polygon {n}, ", index, budget) for n, part in enumerate(coordinates)
        )
    raise _Invalid(f"type {kind!r} is not supported; expected Polygon or MultiPolygon")


def _polygon(coordinates: Any, where: str, index: int, budget: _VertexBudget) -> Polygon:
    if not isinstance(coordinates, list) or not coordinates:
        raise _Invalid(f"{where}coordinates must be a non-empty list of rings")
    rings = [_ring(ring, f"{where}ring {n}", index, budget) for n, ring in enumerate(coordinates)]
    return Polygon(rings[0], tuple(rings[1:]))


def _ring(coordinates: Any, where: str, index: int, budget: _VertexBudget) -> Ring:
    if not isinstance(coordinates, list):
        raise _Invalid(f"{where}: expected a list of positions")
    budget.spend(len(coordinates), index)
    if len(coordinates) < 4:
        raise _Invalid(f"{where}: {len(coordinates)} positions; a closed ring needs at least 4")
    positions = [_position(value, f"{where}, position {n}") for n, value in enumerate(coordinates)]
    if positions[0] != positions[-1]:
        # Rejected rather than closed: an open ring is as likely a truncated file as a slip.
        raise _Invalid(
            f"{where}: not closed (first position {list(positions[0])} differs from the last "
            f"{list(positions[-1])}); repeat the first position at the end"
        )
    vertices: list[Position] = []
    for position in positions[:-1]:
        if not vertices or vertices[-1] != position:
            vertices.append(position)
    while len(vertices) > 1 and vertices[-1] == vertices[0]:
        vertices.pop()
    if len(set(vertices)) < 3 or _twice_area(vertices) == 0:
        raise _Invalid(f"{where}: encloses no area (fewer than 3 distinct, non-collinear points)")
    return Ring(tuple(vertices))


def _position(value: Any, where: str) -> Position:
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise _Invalid(f"{where}: expected [longitude, latitude], got {_short(value)}")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        raise _Invalid(f"{where}: coordinates must be numbers, got {_short(value)}")
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise _Invalid(f"{where}: coordinates must be finite, got {_short(value)}")
    if not -180 <= lon <= 180:
        raise _Invalid(f"{where}: longitude {value[0]} is outside [-180, 180]")
    if not -90 <= lat <= 90:
        raise _Invalid(f"{where}: latitude {value[1]} is outside [-90, 90]")
    return (lon, lat)


def _short(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."
