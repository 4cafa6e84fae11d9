"""Places: the gazetteer, toponym resolution and zones."""

from harmtrack.geo.gazetteer import Candidate, Gazetteer
from harmtrack.geo.geonames_dump import DumpReport, load_geonames_dump
from harmtrack.geo.normalize import fold, normalize, skeleton
from harmtrack.geo.place import Place, distance_km
from harmtrack.geo.resolve import GeoPrecision, PlaceContext, Resolution, resolve_place

__all__ = [
    "Candidate",
    "DumpReport",
    "Gazetteer",
    "GeoPrecision",
    "Place",
    "PlaceContext",
    "Resolution",
    "distance_km",
    "fold",
    "load_geonames_dump",
    "normalize",
    "resolve_place",
    "skeleton",
]
