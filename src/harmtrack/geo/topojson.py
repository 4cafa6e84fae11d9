"""Decode TopoJSON topologies into GeoJSON features (pure Python; builds the offline base map)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Position = list[float]
Ring = list[Position]


class TopologyError(ValueError):
    """The input is not a TopoJSON topology this decoder understands."""


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc of the topology as absolute [lon, lat] positions (delta decoding and transform)."""
    if topology.get("type") != "Topology":
        raise TopologyError(f"not a Topology: type={topology.get('type')!r}")
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology.get("arcs", []):
        if transform is None:
            arcs.append([[float(x), float(y)] for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        positions: Ring = []
        # Quantized arcs store the first position absolutely and every later one as a delta.
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            positions.append([x * sx + tx, y * sy + ty])
        arcs.append(positions)
    return arcs


def _point(topology: dict[str, Any], position: Sequence[float]) -> Position:
    transform = topology.get("transform")
    if transform is None:
        return [float(position[0]), float(position[1])]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    return [position[0] * sx + tx, position[1] * sy + ty]


def _line(arcs: list[Ring], indexes: Sequence[int]) -> Ring:
    positions: Ring = []
    for index in indexes:
        # A negative index ~i means arc i walked backwards.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining position: keep it once.
        positions.extend(arc[1:] if positions else arc)
    return [list(p) for p in positions]


def _geometry(topology: dict[str, Any], arcs: list[Ring], obj: dict[str, Any]) -> dict | None:
    kind = obj.get("type")
    if kind is None:
        return None
    if kind == "GeometryCollection":
        members = [_geometry(topology, arcs, g) for g in obj.get("geometries", [])]
        return {"type": kind, "geometries": [m for m in members if m is not None]}
    if kind == "Point":
        return {"type": kind, "coordinates": _point(topology, obj["coordinates"])}
    if kind == "MultiPoint":
        return {"type": kind, "coordinates": [_point(topology, p) for p in obj["coordinates"]]}
    if kind == "LineString":
        return {"type": kind, "coordinates": _line(arcs, obj["arcs"])}
    if kind in ("MultiLineString", "Polygon"):
        return {"type": kind, "coordinates": [_line(arcs, part) for part in obj["arcs"]]}
    if kind == "MultiPolygon":
        return {
            "type": kind,
            "coordinates": [[_line(arcs, ring) for ring in poly] for poly in obj["arcs"]],
        }
    raise TopologyError(f"unknown geometry type {kind!r}")


def _round_ring(ring: Ring, digits: int) -> Ring:
    out: Ring = []
    for x, y, *_ in ring:
        p = [round(x, digits), round(y, digits)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def round_geometry(geometry: dict[str, Any] | None, digits: int) -> dict[str, Any] | None:
    """Round coordinates; drop repeated positions and the rings or polygons that collapse."""
    if geometry is None:
        return None
    kind: str = geometry["type"]
    coords: Any = geometry.get("coordinates")
    if kind == "GeometryCollection":
        members = [round_geometry(g, digits) for g in geometry["geometries"]]
        return {"type": kind, "geometries": [m for m in members if m is not None]}
    if kind == "Point":
        return {"type": kind, "coordinates": [round(c, digits) for c in coords[:2]]}
    if kind in ("MultiPoint", "LineString"):
        return {"type": kind, "coordinates": _round_ring(coords, digits)}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [_round_ring(line, digits) for line in coords]}
    polygons = [coords] if kind == "Polygon" else coords
    kept = []
    for polygon in polygons:
        rings = [_round_ring(ring, digits) for ring in polygon]
        # A ring needs at least four positions (closed triangle); an outer ring that collapsed
        # takes its holes with it.
        if len(rings[0]) < 4:
            continue
        kept.append([rings[0], *(r for r in rings[1:] if len(r) >= 4)])
    if not kept:
        return None
    if kind == "Polygon":
        return {"type": kind, "coordinates": kept[0]}
    return {"type": kind, "coordinates": kept}


def feature_collection(
    topology: dict[str, Any],
    name: str,
    *,
    digits: int | None = None,
    properties: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None,
) -> dict[str, Any]:
    """The named object of the topology as a GeoJSON FeatureCollection.

    `properties` maps each geometry object (with its `id` and `properties`) to the feature's
    properties, or to None to leave the object out; by default the object's own properties are kept.
    """
    arcs = decode_arcs(topology)
    objects = topology.get("objects", {})
    if name not in objects:
        raise TopologyError(f"no object {name!r}; the topology has {sorted(objects)}")
    obj = objects[name]
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    features = []
    for member in members:
        props = properties(member) if properties else dict(member.get("properties") or {})
        if props is None:
            continue
        geometry = _geometry(topology, arcs, member)
        if digits is not None:
            geometry = round_geometry(geometry, digits)
        feature: dict[str, Any] = {"type": "Feature", "properties": props, "geometry": geometry}
        if "id" in member:
            feature["id"] = member["id"]
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}
