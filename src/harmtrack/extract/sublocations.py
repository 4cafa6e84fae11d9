"""Places named together in one sentence: landmarks, places inside others, provinces named like
their main city; which of them an event is at."""

from __future__ import annotations

import itertools
import re

from harmtrack.extract.places import LANDMARK, PlaceMention
from harmtrack.geo.normalize import normalize
from harmtrack.geo.resolve import Resolution


def without_landmarks(towns: list[PlaceMention], folded: str) -> list[PlaceMention]:
    """The towns of a sentence minus those named only to place the town just before them
    ("Douma, about 10 miles east of Damascus")."""
    kept = []
    for town in towns:
        earlier = [t for t in towns if t.end <= town.start and town.start - t.end <= 90]
        if earlier and LANDMARK.search(folded[earlier[-1].end : town.start]):
            continue
        kept.append(town)
    return kept


# "Dogankoy village of Pervari", "the area of Helat Elfaki in Dilling locality": a place
# inside another named with it; "... in Braunas neighborhood": a part of the sentence's town.
_INSIDE = re.compile(
    r"^\s*(?:area|village|neighbou?rhood|district|town|locality|hamlet|quarter)\s+"
    r"(?:of|in)\s+(?:the\s+)?$"
)
_IN_DISTRICT = re.compile(r"^\s*in\s+(?:the\s+)?$")
_DISTRICT_AFTER = re.compile(r"\s+(?:district|locality|township|municipality)\b")
_PROVINCE_GAP = re.compile(
    r"^\s*(?:(?:district|area|village|town|locality|township|county|commune|subdistrict)\s*)?"
    r"(?:,\s*(?:in\s+)?|in\s+|of\s+)(?:the\s+)?$"
)
_PART_AFTER = re.compile(r"\s+(?:neighbou?rhood|quarter)\b")


def without_sublocations(towns: list[PlaceMention], folded: str) -> list[PlaceMention]:
    """One place for a place named with the place it lies in."""
    dropped: set[int] = set()
    placed: dict[int, PlaceMention] = {}
    for inner, outer in itertools.pairwise(towns):
        between = folded[inner.end : outer.start]
        in_district = _IN_DISTRICT.match(between) and _DISTRICT_AFTER.match(folded, outer.end)
        if not (_INSIDE.match(between) or in_district):
            continue
        # The inner place is the event's when it is located (the outer one, a district or a
        # province named like its main town, is context); else the outer one's point is the
        # best the sentence gives.
        dropped.add(outer.start if inner.resolution is not None else inner.start)
    for town in towns[1:]:
        if _PART_AFTER.match(folded, town.end):
            dropped.add(town.start)
    for place, province in itertools.pairwise(towns):
        # "in Dogankoy village of Pervari, Siirt, killing ...", "in Chahar Asyab district,
        # Kabul", "Daret Azza in Aleppo", "Maarat al-Numan of Idlib's countryside": a town
        # named like its province, just after another place, is that place's province.
        if _PROVINCE_GAP.match(folded[place.end : province.start]) and _names_its_province(
            province
        ):
            dropped.add(province.start)
            if place.resolution is None:
                placed[place.start] = _in_province(place, province)
    return [placed.get(t.start, t) for t in towns if t.start not in dropped]


def _in_province(place: PlaceMention, province: PlaceMention) -> PlaceMention:
    """A place the gazetteer does not know, in a province named like its main city: kept by
    name at that city's point, no more precise than the province."""
    found = province.resolution
    assert found is not None
    reason = f"unknown place in {found.place.admin1}; the point of {found.place.name}, at admin1"
    near = Resolution(found.place, "admin1", found.score, reason, found.name)
    return PlaceMention(place.start, place.end, place.name, near, approximate=True)


def _names_its_province(place: PlaceMention) -> bool:
    """ "Siirt" (a city named like its province), "Para" (written as the province's name,
    resolved to its capital)."""
    if place.resolution is None or place.approximate:
        return False
    written = normalize(place.name) == normalize(place.place.admin1 or "")
    return written or place.place.named_like_its_province
