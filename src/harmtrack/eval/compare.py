"""How two values of a field are compared: distances, loose admin names, ACLED's zero."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from harmtrack.geo.place import distance_km

__all__ = ["distance_km", "name_key", "point", "same_name"]


def point(event: dict[str, Any]) -> tuple[float, float] | None:
    lat, lon = event.get("lat"), event.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


_ADMIN_WORDS = re.compile(
    r"\b(?:governorate|province|region|oblast|state|district|muhafazat|gouvernorat|division)\b"
)


def name_key(name: str | None) -> str:
    """A loose key for place names: no accents, case, articles, admin words or doubled letters."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _ADMIN_WORDS.sub(" ", text)
    text = re.sub(r"\b(?:al|el|an|ar|as|ash|ad|at|az)[\s-]", "", text)
    text = re.sub(r"[^a-z0-9\u0600-\u06ff]", "", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"(?<=.)[aeiouy]", "", text)  # "Idleb" and "Idlib" share a skeleton


def same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and name_key(a) == name_key(b)
