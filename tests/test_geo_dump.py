"""Tests of loading a GeoNames country dump into the gazetteer's data directory."""

from __future__ import annotations

import gzip
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmtrack.errors import GazetteerError
from harmtrack.geo.gazetteer import USER_INDEX_NAME, Gazetteer
from harmtrack.geo.geonames_dump import COLUMNS, load_geonames_dump, parse_line
from harmtrack.geo.index import PlaceIndex
from harmtrack.geo.resolve import PlaceContext, resolve_place

SAMPLE = Path(__file__).parent / "data" / "geonames" / "SY-sample.txt"
IDLIB = PlaceContext(countries=("SY",), admin1=("Idlib",))


@pytest.fixture
def gazetteer(tmp_path: Path) -> Iterator[Gazetteer]:
    with Gazetteer(data_dir=tmp_path) as gaz:
        yield gaz


def _line(**changes: str) -> str:
    row = {
        "geonameid": "99000001", "name": "Hass", "asciiname": "Hass", "alternatenames": "",
        "latitude": "35.605", "longitude": "36.6", "feature_class": "P", "feature_code": "PPL",
        "country_code": "SY", "cc2": "", "admin1_code": "12", "admin2_code": "",
        "admin3_code": "", "admin4_code": "", "population": "0", "elevation": "", "dem": "420",
        "timezone": "Asia/Damascus", "modification_date": "2024-01-01",
    }  # fmt: skip
    row.update(changes)
    return "\t".join(row[c] for c in COLUMNS)


def test_load_sample_reports_kept_skipped_and_bad_lines(gazetteer: Gazetteer) -> None:
    report = load_geonames_dump(SAMPLE, gazetteer)
    assert (report.lines, report.kept, report.skipped, report.bad) == (12, 8, 3, 1)
    assert [b.line for b in report.bad_lines] == [6]
    assert "latitude is not a number" in report.bad_lines[0].reason
    assert "SY-sample.txt" in gazetteer.loaded_dumps()


def test_loaded_village_below_500_people_resolves(gazetteer: Gazetteer) -> None:
    assert resolve_place("Hass", IDLIB, gazetteer) is None
    load_geonames_dump(SAMPLE, gazetteer)
    for name in ("Hass", "حاس", "Ḩass"):
        found = resolve_place(name, IDLIB, gazetteer)
        assert found is not None and found.place.name == "Hass"
        assert (found.place.admin1, found.place.feature_code) == ("Idlib", "PPL")


def test_loaded_places_persist_across_processes(tmp_path: Path) -> None:
    with Gazetteer(data_dir=tmp_path) as gaz:
        load_geonames_dump(SAMPLE, gaz)
    code = (
        "import sys; from pathlib import Path; from harmtrack.geo.gazetteer import Gazetteer; "
        "g = Gazetteer(data_dir=Path(sys.argv[1])); print(g.lookup('Kafr Ruma', 'SY')[0].name)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "Kafr Rūmā"


def test_dump_record_replaces_the_cities500_one(gazetteer: Gazetteer) -> None:
    before = gazetteer.lookup("Al Atarib", "SY")[0]
    assert before.feature_code is None
    load_geonames_dump(SAMPLE, gazetteer)
    after = gazetteer.lookup("Al Atarib", "SY")
    assert [p.geonameid for p in after].count(before.geonameid) == 1
    assert after[0].feature_code == "PPLA3"


def test_divisions_in_a_dump_become_admin_places(gazetteer: Gazetteer) -> None:
    load_geonames_dump(SAMPLE, gazetteer)
    district = resolve_place("Ariha District", IDLIB, gazetteer)
    assert district is not None
    assert (district.place.kind, district.geo_precision) == ("admin2", "admin2")
    governorate = gazetteer.get(169387)
    assert governorate is not None and governorate.kind == "admin1"
    # Streams, hills and the country row are not places or divisions: they are left out.
    assert gazetteer.lookup("Nahr al Abyad", "SY") == []
    assert gazetteer.lookup("Tall Hass", "SY") == []


def test_loading_twice_keeps_one_record_per_place(tmp_path: Path) -> None:
    with Gazetteer(data_dir=tmp_path) as gaz:
        load_geonames_dump(SAMPLE, gaz)
        load_geonames_dump(SAMPLE, gaz)
    index = PlaceIndex(tmp_path / USER_INDEX_NAME, readonly=True)
    assert index.count() == 8
    index.close()


@pytest.mark.parametrize("suffix", [".zip", ".gz"])
def test_load_compressed_dump(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"SY{suffix}"
    if suffix == ".zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(SAMPLE, "SY.txt")
            archive.writestr("readme.txt", "not data")
    else:
        path.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    index = PlaceIndex(tmp_path / "store.sqlite")
    report = load_geonames_dump(path, index)
    assert (report.kept, report.bad) == (8, 1)
    assert index.count() == 8
    index.close()


def test_load_missing_file_raises(gazetteer: Gazetteer, tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot read GeoNames dump"):
        load_geonames_dump(tmp_path / "XX.txt", gazetteer)


def test_bad_lines_are_counted_not_fatal(gazetteer: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    lines = [_line(), "garbage", _line(geonameid="x"), "", _line(geonameid="99000002", name="Qrya")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_geonames_dump(path, gazetteer)
    assert (report.kept, report.bad) == (2, 2)
    assert [b.line for b in report.bad_lines] == [2, 3]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("a\tb\tc", "3 tab-separated columns, expected 19"),
        (_line(geonameid="abc"), "geonameid is not an integer"),
        (_line(geonameid="-5"), "geonameid must be positive"),
        (_line(name=" "), "empty name"),
        (_line(latitude="north"), "latitude is not a number"),
        (_line(longitude="200"), "off the globe"),
        (_line(latitude="nan"), "off the globe"),
        (_line(feature_class="Z"), "unknown feature class"),
        (_line(country_code="Syria"), "bad country code"),
        (_line(population="-3"), "negative population"),
        (_line(population="many"), "population is not an integer"),
    ],
)
def test_parse_line_rejects_malformed_rows(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_line(line)


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({}, "city"),
        ({"feature_code": "PPLX"}, "city"),
        ({"feature_class": "A", "feature_code": "ADM1"}, "admin1"),
        ({"feature_class": "A", "feature_code": "ADM3"}, "admin2"),
        ({"feature_class": "A", "feature_code": "PCLI"}, None),
        ({"feature_class": "H", "feature_code": "STM"}, None),
        ({"country_code": ""}, None),
    ],
)
def test_parse_line_keeps_places_and_divisions(changes: dict[str, str], kind: str | None) -> None:
    record = parse_line(_line(**changes))
    assert (record.kind if record else None) == kind
