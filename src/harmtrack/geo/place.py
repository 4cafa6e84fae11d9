"""The Place record the gazetteer returns, and great-circle distance."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from harmtrack.geo.normalize import normalize

#: What a place is: a populated place, a second-level (or finer) division, a first-level
#: division (province, governorate, state…) or a country.
Kind = Literal["city", "admin2", "admin1", "country"]

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Place:
    """One GeoNames feature, with the names of the divisions it lies in."""

    geonameid: int
    name: str  # GeoNames spelling, e.g. "Al Atārib"
    ascii_name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None  # GeoNames English name of the first-level division, e.g. "Aleppo"
    admin1_code: str | None  # GeoNames admin1 code within the country, e.g. "09"
    lat: float
    lon: float
    population: int
    feature_code: str | None  # GeoNames feature code (PPL, PPLA, ADM1…) when the source has it
    kind: Kind

    @property
    def point(self) -> tuple[float, float]:
        """``(lat, lon)`` in degrees."""
        return (self.lat, self.lon)

    @property
    def named_like_its_province(self) -> bool:
        """A city that bears its province's name ("Idlib", "Hama", "Siirt"): how reports often
        name the whole province."""
        return normalize(self.name) == normalize(self.admin1 or "")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_km(a: Place | tuple[float, float], b: Place | tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two places or ``(lat, lon)`` points."""
    lat1, lon1 = a.point if isinstance(a, Place) else a
    lat2, lon2 = b.point if isinstance(b, Place) else b
    return haversine_km(lat1, lon1, lat2, lon2)
