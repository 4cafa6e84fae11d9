"""Loading a GeoNames country dump makes villages below 500 people resolvable in extraction."""

from __future__ import annotations

import json
from pathlib import Path

from harmtrack.extract.extractor import Extractor
from harmtrack.geo.gazetteer import Gazetteer

SAMPLE = Path(__file__).parent / "data" / "geonames" / "SY-sample.txt"
TEXT = (
    "On 5 May 2020, Russian warplanes struck the village of Hass in Idlib province, "
    "killing 3 civilians."
)


def test_cli_gazetteer_load_then_lookup_and_extract(cli, settings) -> None:
    loaded = cli("gazetteer", "load", str(SAMPLE))
    assert loaded.exit_code == 0, loaded.output
    assert "8 places added" in loaded.output and "1 bad lines" in loaded.output
    found = [
        json.loads(x)
        for x in cli("gazetteer", "lookup", "Hass", "--country", "SY", "--json").stdout.splitlines()
    ]
    assert found[0]["name"] == "Hass" and found[0]["admin1"] == "Idlib"
    assert "SY-sample.txt" in cli("gazetteer", "status").stdout
    # The extractor of this home now knows the village and its point.
    (event,) = Extractor(gazetteer=Gazetteer(settings.home)).extract(TEXT).events
    assert (event.location, event.admin1, event.geo_precision) == ("Hass", "Idlib", "town")
    assert event.lat is not None and abs(event.lat - found[0]["lat"]) < 1e-4


def test_cli_gazetteer_without_dump_keeps_the_village_by_name_at_its_province(settings) -> None:
    """Unknown without the dump, the village keeps its name and is placed no more precisely
    than its province: the point of Idlib city, marked admin1, never a point of its own."""
    (event,) = Extractor(gazetteer=Gazetteer(settings.home)).extract(TEXT).events
    assert (event.location, event.admin1, event.geo_precision) == ("Hass", "Idlib", "admin1")
    assert event.lat is not None and abs(event.lat - 35.93) < 0.01


def test_cli_gazetteer_load_missing_file_fails_clearly(cli, tmp_path: Path) -> None:
    result = cli("gazetteer", "load", str(tmp_path / "XX.txt"))
    assert result.exit_code == 1
    assert "XX.txt" in result.output
