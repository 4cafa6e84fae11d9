"""Load a GeoNames country dump (XX.txt / XX.zip) into the gazetteer's store of added places."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, TextIO

from harmtrack.errors import GazetteerError
from harmtrack.geo.index import PlaceRecord
from harmtrack.geo.place import Kind

#: Columns of GeoNames' ``geoname`` table, in dump order.
COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
    "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
    "modification_date",
)  # fmt: skip
_FEATURE_CLASSES = frozenset("ADHLPRSTUV")
#: Administrative features kept, and the kind of place each becomes.
_DIVISION_KINDS: dict[str, Kind] = {
    "ADM1": "admin1",
    "ADM2": "admin2",
    "ADM3": "admin2",
    "ADM4": "admin2",
    "ADM5": "admin2",
    "ADMD": "admin2",
}
#: How many bad lines are described one by one; the rest are only counted.
MAX_REPORTED_BAD_LINES = 200


class PlaceSink(Protocol):
    """Where loaded places go: a Gazetteer (its data directory) or a PlaceIndex."""

    def add_places(self, records: Iterable[PlaceRecord]) -> int: ...

    def set_meta(self, values: Mapping[str, str]) -> None: ...


@dataclass(frozen=True, slots=True)
class BadLine:
    """A dump line that was skipped, and why."""

    line: int
    reason: str


@dataclass(slots=True)
class DumpReport:
    """What a dump load did: lines read, places kept, features skipped, bad lines."""

    path: Path
    lines: int = 0
    kept: int = 0
    skipped: int = 0  # valid features of other kinds (streams, hills, buildings…)
    bad: int = 0
    bad_lines: list[BadLine] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary (bad lines listed up to MAX_REPORTED_BAD_LINES)."""
        return {
            "path": str(self.path),
            "lines": self.lines,
            "kept": self.kept,
            "skipped": self.skipped,
            "bad": self.bad,
            "bad_lines": [{"line": b.line, "reason": b.reason} for b in self.bad_lines],
        }


def load_geonames_dump(path: Path, store: PlaceSink) -> DumpReport:
    """Stream a GeoNames dump into ``store``, keeping populated places and divisions.

    Reads ``XX.txt`` (or ``XX.zip`` as downloaded, or ``.gz``) line by line, so a country of
    millions of rows needs little memory. Bad lines are skipped, counted and reported with
    their line numbers; they never stop the load. Places already stored (same geonameid) are
    replaced, so loading a newer dump updates them.
    """
    report = DumpReport(path=path)
    with _open_text(path) as handle:
        store.add_places(_records(handle, report))
    # Keep a trace of what was loaded, so the provenance of added places can be shown.
    summary = {**report.as_dict(), "loaded_at": datetime.now(UTC).isoformat(timespec="seconds")}
    summary["bad_lines"] = summary["bad_lines"][:20]  # type: ignore[index]
    store.set_meta({f"dump:{path.name}": json.dumps(summary, ensure_ascii=False)})
    return report


@contextmanager
def _open_text(path: Path) -> Iterator[TextIO]:
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [
                    m for m in archive.namelist()
                    if m.endswith(".txt") and not m.lower().startswith("readme")
                ]  # fmt: skip
                if len(members) != 1:
                    raise GazetteerError(f"{path}: expected one data .txt inside, got {members}")
                with archive.open(members[0]) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        elif path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as text:
                yield text
        else:
            with path.open(encoding="utf-8", errors="replace") as text:
                yield text
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise GazetteerError(
            f"cannot read GeoNames dump {path}: {exc}",
            hint="pass a country file from the GeoNames export (e.g. SY.txt or SY.zip)",
        ) from exc


def _records(handle: TextIO, report: DumpReport) -> Iterator[PlaceRecord]:
    for number, line in enumerate(handle, start=1):
        report.lines = number
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        try:
            record = parse_line(line)
        except ValueError as exc:
            report.bad += 1
            if len(report.bad_lines) < MAX_REPORTED_BAD_LINES:
                report.bad_lines.append(BadLine(number, str(exc)))
            continue
        if record is None:
            report.skipped += 1
            continue
        report.kept += 1
        yield record


def parse_line(line: str) -> PlaceRecord | None:
    """One dump line as a record; ``None`` for features that are not places or divisions.

    Raises ValueError saying what is wrong with a malformed line.
    """
    cells = line.split("\t")
    if len(cells) != len(COLUMNS):
        raise ValueError(f"{len(cells)} tab-separated columns, expected {len(COLUMNS)}")
    row = dict(zip(COLUMNS, cells, strict=True))
    geonameid = _int(row, "geonameid")
    if geonameid <= 0:
        raise ValueError(f"geonameid must be positive, got {geonameid}")
    if not row["name"].strip():
        raise ValueError("empty name")
    lat, lon = _float(row, "latitude"), _float(row, "longitude")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"point ({lat}, {lon}) is off the globe")
    feature_class, feature_code = row["feature_class"], row["feature_code"]
    if feature_class and feature_class not in _FEATURE_CLASSES:
        raise ValueError(f"unknown feature class {feature_class!r}")
    country = row["country_code"]
    if country and (len(country) != 2 or not country.isalpha() or not country.isupper()):
        raise ValueError(f"bad country code {country!r}")
    population = _int(row, "population") if row["population"] else 0
    if population < 0:
        raise ValueError(f"negative population {population}")
    kind: Kind | None
    if feature_class == "P":
        kind = "city"
    elif feature_class == "A":
        kind = _DIVISION_KINDS.get(feature_code)
    else:
        kind = None
    if kind is None or not country:
        return None
    alternates = tuple(n for n in row["alternatenames"].split(",") if n.strip())
    return PlaceRecord(
        geonameid=geonameid,
        name=row["name"].strip(),
        ascii_name=row["asciiname"].strip() or row["name"].strip(),
        country=country,
        admin1_code=row["admin1_code"] or None,
        admin2_code=row["admin2_code"] or None,
        lat=lat,
        lon=lon,
        population=population,
        feature_code=feature_code or None,
        kind=kind,
        alternate_names=alternates,
    )


def _int(row: dict[str, str], column: str) -> int:
    try:
        return int(row[column])
    except ValueError:
        raise ValueError(f"{column} is not an integer: {row[column]!r}") from None


def _float(row: dict[str, str], column: str) -> float:
    try:
        return float(row[column])
    except ValueError:
        raise ValueError(f"{column} is not a number: {row[column]!r}") from None
