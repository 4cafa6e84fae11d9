"""Zones: loading and validating GeoJSON, point-in-polygon, the in-force rule, the Idlib example."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from harmtrack.errors import GazetteerError
from harmtrack.geo.zones import (
    Polygon,
    Ring,
    Zone,
    ZoneFileError,
    bundled_zone_files,
    load_zones,
    parse_zones,
    zones_for,
)

ATAREB = (36.139, 36.825)
ATAREB_DAY = date(2017, 11, 13)
INSIDE_IDLIB = {
    "Al Atarib": ATAREB,
    "Khan Shaykhun": (35.442, 36.651),
    "Morek": (35.376, 36.690),
    "Kabani": (35.718, 36.234),
    "Idlib": (35.931, 36.634),
    "Jisr al-Shughur": (35.814, 36.320),
    "Darat Izza": (36.282, 36.852),
    "Maarat al-Numan": (35.648, 36.677),
}
OUTSIDE_IDLIB = {
    "Aleppo": (36.201, 37.161),
    "Hama": (35.132, 36.758),
    "Latakia": (35.531, 35.791),
    "Damascus": (33.513, 36.292),
    "Reyhanli (Turkey)": (36.268, 36.567),
    "Afrin": (36.512, 36.870),
}


def _square(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def _feature(**overrides: Any) -> dict[str, Any]:
    properties = {
        "name": "Test zone",
        "kind": "ceasefire area",
        "valid_from": "2020-01-01",
        "valid_to": None,
        "parties": ["A", "B"],
    }
    geometry = {"type": "Polygon", "coordinates": [_square(0, 0, 10, 10)]}
    feature: dict[str, Any] = {"type": "Feature", "properties": properties, "geometry": geometry}
    for key, value in overrides.items():
        if key in ("geometry", "type"):
            feature[key] = value
        else:
            properties[key] = value
    return feature


def _collection(*features: Any) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _zone(*rings: list[list[float]] | list[list[int]]) -> Zone:
    geometry = {"type": "Polygon", "coordinates": list(rings)}
    return parse_zones(_collection(_feature(geometry=geometry)))[0]


@pytest.fixture(scope="module")
def idlib() -> Zone:
    (path,) = [p for p in bundled_zone_files() if p.name == "idlib-deescalation-2017.geojson"]
    (zone,) = load_zones(path)
    return zone


# --- the Idlib example -----------------------------------------------------------------------


def test_geo_zones_idlib_example_loads_with_its_period_and_parties(idlib: Zone) -> None:
    assert idlib.name == "Idlib de-escalation zone"
    assert idlib.kind == "de-escalation zone"
    assert (idlib.valid_from, idlib.valid_to) == (date(2017, 9, 15), date(2020, 3, 5))
    assert idlib.parties == ("Russia", "Turkey", "Iran")
    assert idlib.note is not None and "APPROXIMATE" in idlib.note
    assert len(idlib.polygons) == 1 and not idlib.polygons[0].holes
    assert 10 <= len(idlib.polygons[0].exterior.vertices) <= 16


def test_geo_zones_atareb_strike_violates_the_idlib_zone(idlib: Zone) -> None:
    assert zones_for(*ATAREB, ATAREB_DAY, [idlib]) == [idlib]
    assert idlib.violated_by(*ATAREB, datetime(2017, 11, 13, 10, 30, tzinfo=UTC))


@pytest.mark.parametrize(
    "day", [date(2017, 6, 1), date(2017, 9, 14), date(2020, 3, 6), date(2020, 6, 1)]
)
def test_geo_zones_idlib_not_in_force_outside_its_period(idlib: Zone, day: date) -> None:
    assert idlib.contains(*ATAREB)
    assert not idlib.in_force(day)
    assert zones_for(*ATAREB, day, [idlib]) == []


def test_geo_zones_idlib_period_includes_both_ends(idlib: Zone) -> None:
    assert idlib.in_force(date(2017, 9, 15))
    assert idlib.in_force(date(2020, 3, 5))


@pytest.mark.parametrize("place", sorted(INSIDE_IDLIB))
def test_geo_zones_idlib_covers(idlib: Zone, place: str) -> None:
    assert idlib.contains(*INSIDE_IDLIB[place])


@pytest.mark.parametrize("place", sorted(OUTSIDE_IDLIB))
def test_geo_zones_idlib_leaves_out(idlib: Zone, place: str) -> None:
    assert not idlib.contains(*OUTSIDE_IDLIB[place])
    assert zones_for(*OUTSIDE_IDLIB[place], ATAREB_DAY, [idlib]) == []


def test_geo_zones_feature_round_trips(idlib: Zone) -> None:
    assert parse_zones(_collection(idlib.to_feature())) == (idlib,)


# --- the in-force rule -----------------------------------------------------------------------


def test_geo_zones_open_ended_zone_stays_in_force() -> None:
    zone = _zone(_square(0, 0, 10, 10))
    assert zone.valid_to is None
    assert zone.in_force(date(2020, 1, 1)) and zone.in_force(date(2999, 1, 1))
    assert not zone.in_force(date(2019, 12, 31))


def test_geo_zones_datetime_is_taken_as_its_utc_day() -> None:
    zone = _zone(_square(0, 0, 10, 10))
    # 00:30 on 1 January in UTC+3 is still 31 December in UTC.
    assert not zone.in_force(datetime(2020, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=3))))
    assert zone.in_force(datetime(2020, 1, 1, 0, 30, tzinfo=UTC))


def test_geo_zones_for_keeps_only_zones_in_force_and_containing_the_point() -> None:
    collection = _collection(
        _feature(name="early", valid_from="2010-01-01", valid_to="2012-12-31"),
        _feature(name="late", valid_from="2011-06-01", valid_to=None),
        _feature(
            name="far", geometry={"type": "Polygon", "coordinates": [_square(50, 50, 60, 60)]}
        ),
    )
    zones = parse_zones(collection)
    assert [z.name for z in zones_for(5, 5, date(2012, 1, 1), zones)] == ["early", "late"]
    assert [z.name for z in zones_for(5, 5, date(2011, 1, 1), zones)] == ["early"]
    assert [z.name for z in zones_for(55, 55, date(2021, 1, 1), zones)] == ["far"]
    assert zones_for(55, 55, date(2011, 1, 1), zones) == []
    assert zones_for(-5, 5, date(2012, 1, 1), zones) == []


# --- geometry --------------------------------------------------------------------------------


def test_geo_zones_square_with_hole() -> None:
    zone = _zone(_square(0, 0, 10, 10), _square(4, 4, 6, 6))
    assert zone.contains(lat=2, lon=2)
    assert not zone.contains(lat=5, lon=5)  # in the hole
    assert zone.contains(lat=4, lon=5)  # on the hole's edge: on the boundary, so inside
    assert zone.contains(lat=0, lon=5) and zone.contains(lat=10, lon=10)  # outer edge, corner
    assert not zone.contains(lat=5, lon=10.001)


def test_geo_zones_multipolygon_with_holes() -> None:
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [
            [_square(0, 0, 2, 2)],
            [_square(10, 10, 20, 20), _square(12, 12, 14, 14)],
        ],
    }
    (zone,) = parse_zones(_collection(_feature(geometry=geometry)))
    assert len(zone.polygons) == 2
    assert zone.contains(1, 1) and zone.contains(15, 15)
    assert not zone.contains(13, 13)  # in the second polygon's hole
    assert not zone.contains(5, 5)  # between the two polygons, inside the zone's bbox
    assert zone.bbox.contains(5, 5)


def test_geo_zones_concave_polygon_excludes_its_notch() -> None:
    # A "U": the notch between the arms is outside, though inside the bounding box.
    u_shape = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]
    zone = _zone(u_shape)
    assert zone.contains(lat=2, lon=0.5) and zone.contains(lat=2, lon=2.5)
    assert not zone.contains(lat=2, lon=1.5)
    assert zone.contains(lat=1, lon=1.5)  # on the bottom of the notch
    # A ray along y = 1 runs through the notch's corners; it must not miscount them.
    assert zone.contains(lat=1, lon=0.5) and not zone.contains(lat=1, lon=-0.5)
    assert zone.contains(lat=3, lon=2.5) and not zone.contains(lat=3, lon=1.5)


def test_geo_zones_nan_point_is_outside() -> None:
    assert not _zone(_square(0, 0, 10, 10)).contains(math.nan, 5)


# --- hypothesis: point in polygon --------------------------------------------------------------

_LON = st.floats(-170, 170)
_LAT = st.floats(-80, 80)


@st.composite
def _convex_rings(draw: st.DrawFn) -> list[tuple[float, float]]:
    """3–12 points on a circle, in angle order: a convex polygon."""
    cx, cy = draw(st.floats(-150, 150)), draw(st.floats(-60, 60))
    radius = draw(st.floats(0.01, 20))
    # Gaps between angles drawn as weights within 1:1.4 of each other, so every gap lies well
    # between 0 and pi (a well-formed polygon with its centroid strictly inside) by construction:
    # filtering random angles with assume() rejected too many examples now and then.
    weights = draw(st.lists(st.floats(1.0, 1.4), min_size=3, max_size=12))
    start = draw(st.floats(0, 2 * math.pi, exclude_max=True))
    angles, angle = [], start
    for weight in weights:
        angles.append(angle)
        angle += 2 * math.pi * weight / sum(weights)
    return [(cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in angles]


@st.composite
def _star_rings(draw: st.DrawFn) -> list[tuple[float, float]]:
    """A star-shaped (often concave) simple polygon around a centre."""
    cx, cy = draw(st.floats(-100, 100)), draw(st.floats(-50, 50))
    count = draw(st.integers(3, 16))
    radii = draw(st.lists(st.floats(0.5, 10), min_size=count, max_size=count))
    step = 2 * math.pi / count
    return [(cx + r * math.cos(i * step), cy + r * math.sin(i * step)) for i, r in enumerate(radii)]


def _ring_zone(vertices: list[tuple[float, float]]) -> Zone:
    return Zone("z", date(2000, 1, 1), None, (Polygon(Ring(tuple(vertices))),))


def _winding(vertices: list[tuple[float, float]], x: float, y: float) -> int:
    """Winding number by summing angles: an oracle independent of ray casting."""
    total = 0.0
    for (ax, ay), (bx, by) in zip(vertices, [*vertices[1:], vertices[0]], strict=True):
        total += math.atan2(
            (ax - x) * (by - y) - (ay - y) * (bx - x), (ax - x) * (bx - x) + (ay - y) * (by - y)
        )
    return round(total / (2 * math.pi))


def _distance_to_boundary(vertices: list[tuple[float, float]], x: float, y: float) -> float:
    best = math.inf
    for (ax, ay), (bx, by) in zip(vertices, [*vertices[1:], vertices[0]], strict=True):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(x - (ax + t * dx), y - (ay + t * dy)))
    return best


@given(_convex_rings())
def test_geo_zones_convex_polygon_contains_its_centroid_and_vertices(
    ring: list[tuple[float, float]],
) -> None:
    zone = _ring_zone(ring)
    cx = sum(x for x, _ in ring) / len(ring)
    cy = sum(y for _, y in ring) / len(ring)
    assert zone.contains(lat=cy, lon=cx)
    for x, y in ring:
        assert zone.contains(lat=y, lon=x)
    for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
        assert zone.contains(lat=(ay + by) / 2, lon=(ax + bx) / 2)  # edge midpoints


@given(_convex_rings(), st.floats(1e-6, 5.0), st.sampled_from(["n", "s", "e", "w"]), _LAT, _LON)
def test_geo_zones_point_outside_the_bbox_is_outside(
    ring: list[tuple[float, float]], gap: float, side: str, lat: float, lon: float
) -> None:
    # The point is built outside the box (by more than the boundary tolerance), rather than
    # filtered out of random ones: filtering rejected too many examples now and then.
    zone = _ring_zone(ring)
    box = zone.bbox
    if side in ("n", "s"):
        lat = box.max_lat + gap if side == "n" else box.min_lat - gap
    else:
        lon = box.max_lon + gap if side == "e" else box.min_lon - gap
    assert not zone.contains(lat, lon)


@given(_star_rings(), _LAT, _LON, st.booleans())
def test_geo_zones_ray_casting_agrees_with_winding_number(
    ring: list[tuple[float, float]], lat: float, lon: float, reverse: bool
) -> None:
    cx = sum(x for x, _ in ring) / len(ring)
    cy = sum(y for _, y in ring) / len(ring)
    # Bring the point near the polygon, where the answer is interesting.
    x, y = cx + math.fmod(lon, 12), cy + math.fmod(lat, 12)
    assume(_distance_to_boundary(ring, x, y) > 1e-6)
    zone = _ring_zone(ring[::-1] if reverse else ring)
    assert zone.contains(lat=y, lon=x) == (_winding(ring, x, y) != 0)


@given(
    st.floats(-100, 100), st.floats(-50, 50), st.floats(0.1, 30), st.floats(0.1, 30),
    st.floats(-0.5, 1.5), st.floats(-0.5, 1.5),
)  # fmt: skip
def test_geo_zones_rectangle_matches_plain_comparisons(
    x0: float, y0: float, width: float, height: float, fx: float, fy: float
) -> None:
    x1, y1 = x0 + width, y0 + height
    x, y = x0 + fx * width, y0 + fy * height
    zone = _zone(_square(x0, y0, x1, y1))
    assert zone.contains(lat=y, lon=x) == (x0 <= x <= x1 and y0 <= y <= y1)


@given(st.floats(0.01, 0.99), st.floats(0.01, 0.99))
def test_geo_zones_square_with_hole_excludes_the_hole(fx: float, fy: float) -> None:
    zone = _zone(_square(0, 0, 10, 10), _square(3, 3, 7, 7))
    assert not zone.contains(lat=3 + 4 * fy, lon=3 + 4 * fx)  # strictly inside the hole
    assert zone.contains(lat=3 * fy, lon=10 * fx)  # the band below the hole


# --- validation ------------------------------------------------------------------------------


def test_geo_zones_bad_file_lists_every_bad_feature(tmp_path: Path) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(
        _collection(
            _feature(name="good"),
            _feature(name="", valid_from="2020-13-01"),
            _feature(name="a point", geometry={"type": "Point", "coordinates": [1, 2]}),
            _feature(
                name="open ring",
                geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
            ),
            _feature(
                name="far north",
                geometry={"type": "Polygon", "coordinates": [_square(0, 0, 10, 95)]},
            ),
            _feature(name="late start", valid_from="2021-01-01", valid_to="2020-01-01"),
            _feature(name="good"),
            "not a feature",
        )
    )
    with pytest.raises(ZoneFileError) as caught:
        load_zones(path)
    error = caught.value
    assert isinstance(error, GazetteerError) and error.code == "E400"
    by_feature: dict[int, str] = {}
    for problem in error.problems:
        assert problem.feature is not None
        by_feature[problem.feature] = by_feature.get(problem.feature, "") + problem.message + "\n"
    assert sorted(by_feature) == [1, 2, 3, 4, 5, 6, 7]
    assert "'name' is required" in by_feature[1] and "not a calendar date" in by_feature[1]
    assert "'Point' is not supported" in by_feature[2]
    assert "not closed" in by_feature[3]
    assert "latitude 95 is outside [-90, 90]" in by_feature[4]
    assert "before 'valid_from'" in by_feature[5]
    assert "already used by feature 0" in by_feature[6]
    assert "not a GeoJSON Feature" in by_feature[7]
    message = str(error)
    assert str(path) in message and "feature 3 ('open ring')" in message
    assert "[longitude, latitude]" in error.describe()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"{'type': 'FeatureCollection'}", "not JSON"),
        (b'{"type": "Feature", "properties": {}}', "expected a GeoJSON FeatureCollection"),
        (b"[1, 2]", "expected a GeoJSON FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": []}', "no features"),
        (b'{"type": "FeatureCollection", "features": {}}', "'features' must be a list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (
            b'{"type": "FeatureCollection", "crs": {"type": "name", "properties": '
            b'{"name": "urn:ogc:def:crs:EPSG::3857"}}, "features": [1]}',
            "must be WGS 84",
        ),
    ],
    ids=["encoding", "json", "feature", "array", "empty", "features", "deep", "crs"],
)
def test_geo_zones_unreadable_file_names_itself(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "zones.geojson"
    path.write_bytes(content)
    with pytest.raises(ZoneFileError, match=expected) as caught:
        load_zones(path)
    assert str(caught.value).startswith(f"[E400] {path}: ")


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "'LineString' is not supported"),
        ({"type": "Polygon", "coordinates": []}, "non-empty list of rings"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}, "at least 4"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]},
            "encloses no area",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], ["1", 1], [0, 0]]]},
            "must be numbers",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1], [0, 0]]]},
            "expected \\[longitude",
        ),
        ({"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [1, 1], [0, 0]]]}, "longitude 200"),
        ({"type": "MultiPolygon", "coordinates": []}, "non-empty list of polygons"),
        (
            {"type": "MultiPolygon", "coordinates": [[_square(0, 0, 1, 1)], [[[0, 0]]]]},
            "polygon 1, ring 0",
        ),
        (None, "missing"),
    ],
)
def test_geo_zones_bad_geometry_is_explained(geometry: Any, expected: str) -> None:
    with pytest.raises(ZoneFileError, match=expected) as caught:
        parse_zones(_collection(_feature(geometry=geometry)), origin="test.geojson")
    (problem,) = caught.value.problems
    assert problem.feature == 0 and problem.name == "Test zone"


@pytest.mark.parametrize(
    ("written", "expected"), [("NaN", "not JSON: NaN"), ("1e400", "must be finite")]
)
def test_geo_zones_non_finite_coordinate_is_refused(written: str, expected: str) -> None:
    text = _collection(_feature()).replace("[0, 0], [10, 0]", f"[0, 0], [{written}, 0]")
    with pytest.raises(ZoneFileError, match=expected):
        parse_zones(text)


@pytest.mark.parametrize(
    ("properties", "expected"),
    [
        ({"valid_from": None}, "'valid_from' is required"),
        ({"valid_from": "15/09/2017"}, "YYYY-MM-DD"),
        ({"valid_to": "2020-02-30"}, "not a calendar date"),
        ({"parties": "Russia"}, "'parties' must be a list"),
        ({"parties": ["Russia", ""]}, "'parties' must be a list"),
        ({"note": 3}, "'note' must be a string"),
    ],
)
def test_geo_zones_bad_properties_are_explained(properties: dict[str, Any], expected: str) -> None:
    with pytest.raises(ZoneFileError, match=expected):
        parse_zones(_collection(_feature(**properties)))


def test_geo_zones_valid_to_must_be_present_even_if_null() -> None:
    feature = _feature()
    del feature["properties"]["valid_to"]  # e.g. misspelt "valid_until": not "in force forever"
    with pytest.raises(ZoneFileError, match="'valid_to' is required"):
        parse_zones(_collection(feature))


def test_geo_zones_vertex_cap(tmp_path: Path) -> None:
    ring = [[math.cos(a / 100), math.sin(a / 100)] for a in range(600)]
    path = tmp_path / "big.geojson"
    path.write_text(
        _collection(_feature(geometry={"type": "Polygon", "coordinates": [[*ring, ring[0]]]}))
    )
    assert len(load_zones(path, max_vertices=1000)[0].polygons[0].exterior.vertices) == 600
    with pytest.raises(ZoneFileError, match="more than 500 vertices") as caught:
        load_zones(path, max_vertices=500)
    assert str(path) in str(caught.value) and "max_vertices" in caught.value.describe()


def test_geo_zones_byte_cap_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "zones.geojson"
    path.write_text(_collection(_feature()))
    with pytest.raises(ZoneFileError, match="larger than 100 bytes"):
        load_zones(path, max_bytes=100)
    with pytest.raises(ZoneFileError, match="cannot read"):
        load_zones(tmp_path / "missing.geojson")


def test_geo_zones_altitude_bom_and_duplicate_closing_vertices_are_accepted() -> None:
    ring = [[0, 0, 5], [10, 0, 5], [10, 10], [10, 10], [0, 10], [0, 0], [0, 0]]
    text = "\ufeff" + _collection(_feature(geometry={"type": "Polygon", "coordinates": [ring]}))
    (zone,) = parse_zones(text.encode("utf-8"))
    assert zone.polygons[0].exterior.vertices == ((0, 0), (10, 0), (10, 10), (0, 10))
