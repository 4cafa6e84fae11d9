"""The small data files shipped with the gazetteer: divisions, countries, aliases and cue words."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from harmtrack.errors import GazetteerError
from harmtrack.geo.normalize import fold
from harmtrack.geo.place import Place

ALIAS_SEPARATOR = "|"
_ADMIN1_COLUMNS = ["country", "code", "name", "ascii_name", "geonameid", "lat", "lon", "aliases"]
_COUNTRY_COLUMNS = [
    "iso2", "iso3", "name", "geonameid", "population", "lat", "lon", "neighbours", "aliases"
]  # fmt: skip
_LEXICON_KEYS = (
    "division_words",
    "admin1_before",
    "admin1_after",
    "admin2_before",
    "admin2_after",
    "near_before",
    "near_after",
    "town_before",
    "town_after",
    "noise_words",
    "facility_words",
)


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """A division or country with every name it is known by (its own name first)."""

    place: Place
    names: tuple[str, ...]
    iso3: str | None = None
    neighbours: frozenset[str] = frozenset()  # ISO2 codes of bordering countries


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue words around place names, folded, each tuple longest phrase first."""

    division_words: frozenset[str]
    admin1_before: tuple[str, ...]
    admin1_after: tuple[str, ...]
    admin2_before: tuple[str, ...]
    admin2_after: tuple[str, ...]
    near_before: tuple[str, ...]
    near_after: tuple[str, ...]
    town_before: tuple[str, ...]
    town_after: tuple[str, ...]
    noise_words: frozenset[str]
    facility_words: frozenset[str]


def _data_path(name: str) -> Path:
    return Path(str(resources.files("harmtrack.geo") / "data" / name))


def _csv_rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc}", hint="reinstall harmtrack") from exc
    with handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.DictReader(lines)
        if reader.fieldnames != columns:
            raise GazetteerError(f"{path}: columns {reader.fieldnames}, expected {columns}")
        for row in reader:
            yield reader.line_num, row


def _float(value: str, low: float, high: float) -> float:
    number = float(value)
    if not low <= number <= high:
        raise ValueError(f"{value} is outside [{low}, {high}]")
    return number


def _raise_if_errors(path: Path, errors: list[str]) -> None:
    if errors:
        listing = "\n".join(f"  {error}" for error in errors)
        raise GazetteerError(f"{path}: {len(errors)} bad entries\n{listing}")


@cache
def load_admin1(path: Path | None = None) -> tuple[NamedPlace, ...]:
    """First-level divisions (GeoNames admin1 codes and English names), with their aliases.

    Each division's point is the mean position of its populated places, since the shipped
    sources have no GeoNames point for the division itself.
    """
    path = path or _data_path("admin1.csv")
    extra = load_aliases()["admin1"]
    errors: list[str] = []
    out: list[NamedPlace] = []
    for line, row in _csv_rows(path, _ADMIN1_COLUMNS):
        try:
            if len(row["country"]) != 2 or not row["code"] or not row["name"]:
                raise ValueError("country, code and name are required")
            key = f"{row['country']}.{row['code']}"
            place = Place(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                ascii_name=row["ascii_name"] or row["name"],
                country=row["country"],
                admin1=row["name"],
                admin1_code=row["code"],
                lat=_float(row["lat"], -90, 90),
                lon=_float(row["lon"], -180, 180),
                population=0,
                feature_code="ADM1",
                kind="admin1",
            )
        except (ValueError, TypeError) as exc:
            errors.append(f"line {line}: {exc}")
            continue
        names = [row["name"], row["ascii_name"], *_split(row["aliases"]), *extra.get(key, ())]
        out.append(NamedPlace(place, _unique(names)))
    _raise_if_errors(path, errors)
    return tuple(out)


@cache
def load_countries(path: Path | None = None) -> tuple[NamedPlace, ...]:
    """Countries (GeoNames countryInfo) with English and Arabic names as aliases."""
    path = path or _data_path("countries.csv")
    extra = load_aliases()["countries"]
    errors: list[str] = []
    out: list[NamedPlace] = []
    for line, row in _csv_rows(path, _COUNTRY_COLUMNS):
        try:
            iso2 = row["iso2"]
            if len(iso2) != 2 or not iso2.isalpha() or not iso2.isupper() or not row["name"]:
                raise ValueError(f"bad ISO code or name: {iso2!r} {row['name']!r}")
            place = Place(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                ascii_name=row["name"],
                country=iso2,
                admin1=None,
                admin1_code=None,
                lat=_float(row["lat"], -90, 90),
                lon=_float(row["lon"], -180, 180),
                population=int(row["population"] or 0),
                feature_code="PCLI",
                kind="country",
            )
        except (ValueError, TypeError) as exc:
            errors.append(f"line {line}: {exc}")
            continue
        names = [row["name"], *_split(row["aliases"]), *extra.get(iso2, ())]
        neighbours = frozenset(row["neighbours"].split())
        out.append(NamedPlace(place, _unique(names), row["iso3"] or None, neighbours))
    _raise_if_errors(path, errors)
    return tuple(out)


@cache
def load_aliases(path: Path | None = None) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """Hand-curated extra names: ``{"admin1": {"SY.08": [...]}, "countries": {"SY": [...]}}``."""
    path = path or _data_path("aliases.yaml")
    data = _read_yaml(path)
    errors: list[str] = []
    out: dict[str, dict[str, tuple[str, ...]]] = {"admin1": {}, "countries": {}}
    for section, key_shape in (("admin1", "CC.CODE"), ("countries", "CC")):
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            errors.append(f"{section}: expected a mapping")
            continue
        for key, names in entries.items():
            shape_ok = isinstance(key, str) and (
                ("." in key and len(key.split(".")[0]) == 2)
                if key_shape == "CC.CODE"
                else (len(key) == 2 and key.isupper())
            )
            if not shape_ok:
                errors.append(f"{section}.{key}: key must look like {key_shape}")
            elif not isinstance(names, list) or not all(
                isinstance(n, str) and n.strip() for n in names
            ):
                errors.append(f"{section}.{key}: expected a list of non-empty names")
            else:
                out[section][key] = tuple(n.strip() for n in names)
    unknown = set(data) - {"admin1", "countries"}
    errors.extend(f"{name}: unknown section" for name in sorted(unknown))
    _raise_if_errors(path, errors)
    return MappingProxyType({k: MappingProxyType(v) for k, v in out.items()})


@cache
def load_lexicon(path: Path | None = None) -> Lexicon:
    """The cue words of ``lexicon.yaml``, folded and sorted longest first."""
    path = path or _data_path("lexicon.yaml")
    data = _read_yaml(path)
    errors = [f"{key}: missing" for key in _LEXICON_KEYS if key not in data]
    errors.extend(f"{key}: unknown section" for key in sorted(set(data) - set(_LEXICON_KEYS)))
    folded: dict[str, tuple[str, ...]] = {}
    for key in _LEXICON_KEYS:
        words = data.get(key) or []
        if not isinstance(words, list):
            errors.append(f"{key}: expected a list")
            continue
        bad = [w for w in words if not isinstance(w, str) or not fold(w)]
        errors.extend(f"{key}: bad entry {w!r}" for w in bad)
        good = {fold(w) for w in words if isinstance(w, str) and fold(w)}
        folded[key] = tuple(sorted(good, key=lambda w: (-len(w), w)))
    _raise_if_errors(path, errors)
    return Lexicon(
        division_words=frozenset(folded["division_words"]),
        admin1_before=folded["admin1_before"],
        admin1_after=folded["admin1_after"],
        admin2_before=folded["admin2_before"],
        admin2_after=folded["admin2_after"],
        near_before=folded["near_before"],
        near_after=folded["near_after"],
        town_before=folded["town_before"],
        town_after=folded["town_after"],
        noise_words=frozenset(folded["noise_words"]),
        facility_words=frozenset(folded["facility_words"]),
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: expected a mapping at the top")
    return data


def _split(aliases: str) -> list[str]:
    return [name for name in aliases.split(ALIAS_SEPARATOR) if name.strip()]


def _unique(names: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return tuple(out)
