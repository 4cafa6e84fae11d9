"""TopoJSON decoding on small hand-written topologies."""

from __future__ import annotations

import pytest

from harmtrack.geo.topojson import (
    TopologyError,
    decode_arcs,
    feature_collection,
    round_geometry,
)

# Squares A (x 0..2) and B (x 2..4) sharing the edge x=2, quantized and delta-encoded:
# arc 0 is the shared edge (2,0)->(2,2); arc 1 closes A; arc 2 runs round B up to the shared edge.
TWO_SQUARES = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],
        [[2, 2], [-2, 0], [0, -2], [2, 0]],
        [[2, 0], [2, 0], [0, 2], [-2, 0]],
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "001", "arcs": [[0, 1]], "properties": {"name": "A"}},
                {"type": "Polygon", "id": "002", "arcs": [[2, ~0]], "properties": {"name": "B"}},
                {"type": "MultiPolygon", "id": "003", "arcs": [[[0, 1]], [[2, ~0]]]},
                {"type": None, "id": "004", "properties": {"name": "nowhere"}},
                {"type": "Point", "coordinates": [4, 2], "properties": {"name": "P"}},
            ],
        }
    },
}

A_RING = [[11.0, 20.0], [11.0, 20.5], [10.0, 20.5], [10.0, 20.0], [11.0, 20.0]]
B_RING = [[11.0, 20.0], [12.0, 20.0], [12.0, 20.5], [11.0, 20.5], [11.0, 20.0]]


def test_topojson_decode_arcs_undoes_deltas_and_transform():
    arcs = decode_arcs(TWO_SQUARES)
    assert arcs[0] == [[11.0, 20.0], [11.0, 20.5]]
    assert arcs[2] == [[11.0, 20.0], [12.0, 20.0], [12.0, 20.5], [11.0, 20.5]]


def test_topojson_polygons_share_arcs_and_reversed_arcs_run_backwards():
    fc = feature_collection(TWO_SQUARES, "countries")
    by_name = {f["properties"].get("name"): f for f in fc["features"]}
    assert by_name["A"]["geometry"] == {"type": "Polygon", "coordinates": [A_RING]}
    assert by_name["B"]["geometry"] == {"type": "Polygon", "coordinates": [B_RING]}
    assert by_name["A"]["id"] == "001"
    multi = next(f for f in fc["features"] if f.get("id") == "003")
    assert multi["geometry"] == {"type": "MultiPolygon", "coordinates": [[A_RING], [B_RING]]}


def test_topojson_null_geometry_and_points():
    fc = feature_collection(TWO_SQUARES, "countries")
    by_name = {f["properties"].get("name"): f for f in fc["features"]}
    assert by_name["nowhere"]["geometry"] is None
    # Points are quantized but not delta-encoded.
    assert by_name["P"]["geometry"] == {"type": "Point", "coordinates": [12.0, 20.5]}


def test_topojson_untransformed_arcs_are_absolute():
    topology = {
        "type": "Topology",
        "arcs": [[[1.5, 2.5], [3.5, 2.5], [3.5, 4.5], [1.5, 2.5]]],
        "objects": {"x": {"type": "LineString", "arcs": [0]}},
    }
    fc = feature_collection(topology, "x")
    assert fc["features"][0]["geometry"]["coordinates"] == [
        [1.5, 2.5],
        [3.5, 2.5],
        [3.5, 4.5],
        [1.5, 2.5],
    ]


def test_topojson_properties_callback_renames_and_filters():
    fc = feature_collection(
        TWO_SQUARES,
        "countries",
        properties=lambda g: {"iso": g["id"]} if g.get("type") == "Polygon" else None,
    )
    assert [f["properties"] for f in fc["features"]] == [{"iso": "001"}, {"iso": "002"}]


def test_topojson_rounding_drops_repeats_and_collapsed_rings():
    tiny = {"type": "Polygon", "coordinates": [[[0.0, 0.0], [0.01, 0.0], [0.01, 0.01], [0.0, 0.0]]]}
    assert round_geometry(tiny, 1) is None
    kept = {
        "type": "MultiPolygon",
        "coordinates": [
            tiny["coordinates"],
            [[[0.0, 0.0], [1.04, 0.0], [1.06, 0.0], [1.0, 1.0], [0.0, 0.0]]],
        ],
    }
    assert round_geometry(kept, 1) == {
        "type": "MultiPolygon",
        "coordinates": [[[[0.0, 0.0], [1.0, 0.0], [1.1, 0.0], [1.0, 1.0], [0.0, 0.0]]]],
    }
    fc = feature_collection(TWO_SQUARES, "countries", digits=0)
    by_name = {f["properties"].get("name"): f for f in fc["features"]}
    # 20.5 rounds to 20 (banker's rounding), so the squares collapse to lines and are dropped.
    assert by_name["A"]["geometry"] is None


@pytest.mark.parametrize(
    ("topology", "message"),
    [
        ({"type": "FeatureCollection"}, "not a Topology"),
        ({"type": "Topology", "arcs": [], "objects": {}}, "no object 'countries'"),
        (
            {"type": "Topology", "arcs": [], "objects": {"countries": {"type": "Circle"}}},
            "unknown geometry type",
        ),
    ],
)
def test_topojson_rejects_what_it_cannot_decode(topology, message):
    with pytest.raises(TopologyError, match=message):
        feature_collection(topology, "countries")
