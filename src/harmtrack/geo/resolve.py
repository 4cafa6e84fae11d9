"""Choose the place a mention refers to, using what the report says around it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from harmtrack.geo.gazetteer import Candidate, Gazetteer
from harmtrack.geo.index import EXACT, NORMALIZED, SKELETON
from harmtrack.geo.mention import Cue, Mention, name_parts, parse_mention
from harmtrack.geo.normalize import MIN_TRUSTED_SKELETON, fold, name_keys
from harmtrack.geo.place import Place, distance_km
from harmtrack.geo.tables import load_lexicon

GeoPrecision = Literal["town", "near", "admin2", "admin1", "country"]

# Score parts; a candidate's score is their sum. The scale is arbitrary, the order is not:
# country > division named in the report ≈ closeness to the report's other places > spelling >
# kind > population, so context decides before spelling or size does.
_IN_COUNTRY = 3.0
_NEIGHBOUR_COUNTRY = 0.5
_IN_ADMIN1 = 2.0
_TIER_SCORE = {EXACT: 1.0, NORMALIZED: 0.7, SKELETON: 0.0}
_TIER_WORDS = {
    EXACT: "exact name",
    NORMALIZED: "name without article",
    SKELETON: "spelling variant",
}
_KIND_SCORE = {"city": 0.3, "admin2": 0.2, "admin1": 0.0, "country": 0.0}
_NEAR_STEPS = ((30.0, 2.0), (75.0, 1.5), (150.0, 1.0), (300.0, 0.4))
# Guards against namesakes. A skeleton match must look like the name written (SequenceMatcher
# ratio) and lie in the report's division or near its places. A place over the border must lie
# near the report's places or divisions. A small place far from every division the report
# names is taken for a namesake of some unlisted village, and dropped.
_MIN_SKELETON_SIMILARITY = 0.75
_SKELETON_RADIUS_KM = 150.0
_BORDER_RADIUS_KM = 60.0
_OUTSIDE_DIVISION_KM = 100.0
_OUTSIDE_DIVISION_MIN_POPULATION = 500_000


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What the report says that helps place a mention.

    ``countries``: ISO2 codes or names of the countries the report is about; ``admin1``:
    first-level divisions it names (any spelling); ``places``: places already resolved in it.
    """

    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """The place chosen for a mention, how precise the point is, and why it was chosen."""

    place: Place
    geo_precision: GeoPrecision
    score: float
    reason: str
    name: str  # the name looked up, folded, cue words removed ("western rural Aleppo" → "aleppo")


@dataclass(frozen=True, slots=True)
class _Scope:
    """The context, resolved against the gazetteer once per mention."""

    countries: frozenset[str]
    neighbours: frozenset[str]
    divisions: tuple[Place, ...]
    places: tuple[Place, ...]

    @property
    def division_codes(self) -> frozenset[tuple[str, str | None]]:
        return frozenset((d.country, d.admin1_code) for d in self.divisions)


_GLUED_ARTICLE = re.compile(r"^(Al|El)(?=[a-z]{4,}(?:\s|$))")
_TOWN_OF = re.compile(r"\b(?:town|village|city)\s+of\s+(?:the\s+)?$", re.I)


def resolve_place(
    name: str,
    context: PlaceContext,
    gazetteer: Gazetteer,
    *,
    left: str = "",
    right: str = "",
) -> Resolution | None:
    """Resolve a place mention; ``None`` when no known place fits (never a guessed point).

    ``name`` may carry cue words ("western rural Aleppo", "outskirts of Saraqib", "Idlib
    province"); ``left`` and ``right`` are the words just before and after the mention in the
    text, read for the same cues ("on the outskirts of" | Saraqib). When the whole name is
    unknown, its capitalised parts are tried ("Al Nuseirat Camp 5" → Nuseirat), at precision
    'near' at best.
    """
    lexicon = load_lexicon()
    mention = parse_mention(name, lexicon, left=left, right=right)
    if not mention.core:
        return None
    scope = _scope(context, gazetteer)
    written = fold(name)
    if written != mention.core:
        # The name as written first: cue words can be part of a name ("Cape Town").
        as_written = Mention(written, mention.outer_cues, mention.outer_cues)
        found = _resolve_mention(name, as_written, scope, gazetteer, names_only=True)
        if found is not None:
            return found
    found = _resolve_mention(name, mention, scope, gazetteer)
    if found is not None or not scope.countries:
        return found
    glued = _GLUED_ARTICLE.match(name)
    if glued and _TOWN_OF.search(left):
        # "the town of Alashara": the article written onto the name (Al Ashara), tried in the
        # report's countries only, and only where the text says it is a town ("Alhurra" and
        # "Almayadeen" are television channels).
        spaced = f"{glued.group(1)} {name[glued.end(1) :]}"
        found = _resolve_mention(spaced, parse_mention(spaced, lexicon), scope, gazetteer)
        if found is not None:
            return found
    # Parts of a longer name are only tried inside the report's countries and on a name
    # match: out of context, or spelled loosely, a common word would find some village.
    for part in name_parts(name, lexicon.facility_words):
        part_mention = parse_mention(part, lexicon)
        if not part_mention.core:
            continue
        near: frozenset[Cue] = frozenset({"near"})
        cues = part_mention.cues | mention.cues | near
        part_found = _resolve_mention(
            part, Mention(part_mention.core, cues), scope, gazetteer, names_only=True
        )
        if part_found is not None:
            reason = f"{part_found.reason}; part {part!r} of {name!r}"
            return Resolution(
                part_found.place,
                part_found.geo_precision,
                part_found.score,
                reason,
                part_found.name,
            )
    return None


def _resolve_mention(
    name: str, mention: Mention, scope: _Scope, gazetteer: Gazetteer, *, names_only: bool = False
) -> Resolution | None:
    if "admin1" in mention.cues:
        division = _division(name, mention.core, scope, gazetteer)
        if division is not None:
            reason = f"division named with a cue ({name!r})"
            return Resolution(division, "admin1", _IN_COUNTRY, reason, mention.core)
    candidates = _candidates(mention.core, scope, gazetteer, names_only)
    if names_only:
        candidates = [c for c in candidates if c.tier < SKELETON]
    if "town" in mention.cues:
        candidates = [c for c in candidates if c.place.kind == "city"]
    if names_only:
        # A part of a longer name is never taken for a whole country ("Tha" of "Tha Phon").
        candidates = [c for c in candidates if c.place.kind != "country"]
    chosen = _choose(mention.core, candidates, scope)
    if chosen is None:
        return None
    candidate, score, reasons = chosen
    if "admin1" in mention.cues and candidate.place.kind in ("city", "admin2"):
        reasons.append("countryside of a town: near it")
    precision = _precision(candidate.place, mention.cues)
    reason = "; ".join(reasons)
    return Resolution(candidate.place, precision, round(score, 3), reason, mention.core)


def _candidates(
    name: str, scope: _Scope, gazetteer: Gazetteer, names_only: bool
) -> list[Candidate]:
    if not scope.countries:
        # Skeleton matches are never believed without a country: do not look for them.
        return gazetteer.candidates(name, skeletons=False)
    found = gazetteer.candidates(name, scope.countries, skeletons=not names_only)
    if not any(c.tier < SKELETON for c in found) and scope.neighbours:
        found += gazetteer.candidates(name, scope.neighbours, skeletons=False)
    return found


def _scope(context: PlaceContext, gazetteer: Gazetteer) -> _Scope:
    countries: set[str] = set()
    for country_name in context.countries:
        place = gazetteer.country_by_name(country_name)
        if place is not None:
            countries.add(place.country)
    neighbours = set().union(*(gazetteer.neighbours(c) for c in countries)) - countries
    divisions: dict[int, Place] = {}
    scopes: list[str | None] = [*sorted(countries)] or [None]
    for division_name in context.admin1:
        for scope in scopes:
            division = gazetteer.admin1_by_name(division_name, scope)
            if division is not None:
                divisions[division.geonameid] = division
    return _Scope(
        frozenset(countries), frozenset(neighbours), tuple(divisions.values()), context.places
    )


def _division(name: str, core: str, scope: _Scope, gazetteer: Gazetteer) -> Place | None:
    # The whole phrase first: "Rural Damascus" is a division name of its own (Rif Dimashq).
    scopes: list[str | None] = [*sorted(scope.countries)] or [None]
    for text in (name, core):
        for country in scopes:
            place = gazetteer.admin1_by_name(text, country)
            if place is not None:
                return place
    return None


def _choose(
    name: str, candidates: list[Candidate], scope: _Scope
) -> tuple[Candidate, float, list[str]] | None:
    if scope.countries:
        inside = [c for c in candidates if c.place.country in scope.countries]
        if not any(c.tier < SKELETON for c in inside):
            inside += [c for c in candidates if _near_border(c, scope)]
        candidates = inside
    if any(c.tier < SKELETON for c in candidates):
        candidates = [c for c in candidates if c.tier < SKELETON]
    else:
        candidates = _plausible_skeletons(name, candidates, scope)
    if scope.divisions:
        candidates = [c for c in candidates if not _far_small_namesake(c, scope)]
    if not candidates:
        return None
    scored = [(_score(c, scope), c) for c in candidates]
    scored.sort(key=lambda item: (-item[0][0], -item[1].place.population, item[1].place.geonameid))
    (score, reasons), best = scored[0]
    if len(scored) > 1:
        reasons.append(f"best of {len(scored)} candidates")
    return best, score, reasons


def _near_border(candidate: Candidate, scope: _Scope) -> bool:
    """A name match just over the border, near the places or divisions the report names."""
    if candidate.tier == SKELETON or candidate.place.country not in scope.neighbours:
        return False
    anchors = (*scope.places, *scope.divisions)
    return any(distance_km(candidate.place, a) <= _BORDER_RADIUS_KM for a in anchors)


def _far_small_namesake(candidate: Candidate, scope: _Scope) -> bool:
    place = candidate.place
    if place.kind in ("admin1", "country"):
        return False
    if (place.country, place.admin1_code) in scope.division_codes:
        return False
    if place.population >= _OUTSIDE_DIVISION_MIN_POPULATION:
        return False
    return all(distance_km(place, d) > _OUTSIDE_DIVISION_KM for d in scope.divisions)


def _plausible_skeletons(name: str, candidates: list[Candidate], scope: _Scope) -> list[Candidate]:
    """Skeleton matches need support: the report's country, and its division or nearby places.

    A match must also look like the name written: differing only in vowels ("Ein Issa" / "Ayn
    Isa"), or close as strings with a skeleton long enough not to be a coincidence. With only
    the country to go by, it must be close as a string and the only one.
    """
    if not scope.countries:
        return []
    supported = bool(scope.divisions or scope.places)
    long_enough = len(name_keys(name)[2]) >= MIN_TRUSTED_SKELETON
    kept = []
    for c in candidates:
        same_shape = c.same_shape(name)
        alike = c.similarity(name) >= _MIN_SKELETON_SIMILARITY
        if supported:
            in_division = (c.place.country, c.place.admin1_code) in scope.division_codes
            near = any(distance_km(c.place, p) <= _SKELETON_RADIUS_KM for p in scope.places)
            if (in_division or near) and (same_shape or (alike and long_enough)):
                kept.append(c)
        elif alike and (long_enough or same_shape):
            kept.append(c)
    if not supported and len(kept) > 1:
        return []
    return kept


def _score(candidate: Candidate, scope: _Scope) -> tuple[float, list[str]]:
    place = candidate.place
    reasons = [_TIER_WORDS[candidate.tier]]
    score = _TIER_SCORE[candidate.tier] + _KIND_SCORE[place.kind]
    if scope.countries:
        if place.country in scope.countries:
            score += _IN_COUNTRY
            reasons.append(f"in the report's country {place.country}")
        else:
            score += _NEIGHBOUR_COUNTRY
            reasons.append(f"just over the border in {place.country}")
    if (place.country, place.admin1_code) in scope.division_codes:
        score += _IN_ADMIN1
        reasons.append(f"in the report's division {place.admin1}")
    others = [p for p in scope.places if p.geonameid != place.geonameid]
    if others:
        nearest = min(others, key=lambda p: distance_km(place, p))
        km = distance_km(place, nearest)
        bonus = next((b for limit, b in _NEAR_STEPS if km <= limit), 0.0)
        if bonus:
            score += bonus
            reasons.append(f"{km:.0f} km from {nearest.name}")
    # Population only breaks ties: log scale, at most 1 point for a city of ten million.
    score += min(1.0, math.log10(place.population + 1) / 7)
    if place.population:
        reasons.append(f"population {place.population:,}")
    return score, reasons


def _precision(place: Place, cues: frozenset[Cue]) -> GeoPrecision:
    if place.kind == "country":
        return "country"
    if place.kind == "admin1":
        return "admin1"
    if place.kind == "admin2" or "admin2" in cues:
        return "admin2"
    if "near" in cues or "admin1" in cues:
        return "near"
    return "town"
