"""Incidents inside a zone while it is in force are flagged with the zone's name."""

from __future__ import annotations

import json
from pathlib import Path

from harmtrack.geo.zones import bundled_zone_files

REPORTS = Path(__file__).parent / "data" / "reports"
ATAREB = [REPORTS / "atareb-2017-11-14-monitor.txt", REPORTS / "atareb-2017-11-15-relief.txt"]
SARAQIB = REPORTS / "saraqib-2017-11-13.txt"
IDLIB = next(p for p in bundled_zone_files() if p.name == "idlib-deescalation-2017.geojson")


def _incidents(cli) -> dict[str, dict]:
    lines = cli("incidents", "--json").stdout.splitlines()
    return {i["location"]: i for i in map(json.loads, lines)}


def test_incidents_zone_loaded_first_flags_new_incidents(cli, seed_path: Path) -> None:
    loaded = cli("zones", "load", str(IDLIB))
    assert loaded.exit_code == 0, loaded.output
    assert "1 zone(s) stored" in " ".join(loaded.output.split())
    assert cli("ingest", str(seed_path), *map(str, ATAREB), str(SARAQIB)).exit_code == 0
    incidents = _incidents(cli)
    atareb = incidents["Al Atarib"]
    assert atareb["killed"]["low"] == 40 and atareb["killed"]["high"] == 61
    assert (atareb["sources"], atareb["grade"]) == (3, "fair")
    assert atareb["zones"] == ["Idlib de-escalation zone"]
    assert incidents["Saraqib"]["zones"] == ["Idlib de-escalation zone"]


def test_incidents_zone_loaded_later_flags_stored_incidents(cli, seed_path: Path) -> None:
    assert cli("ingest", str(seed_path)).exit_code == 0
    assert _incidents(cli)["Al Atarib"]["zones"] == []
    loaded = cli("zones", "load", str(IDLIB))
    assert "1 incident(s) inside a zone in force" in " ".join(loaded.output.split())
    assert _incidents(cli)["Al Atarib"]["zones"] == ["Idlib de-escalation zone"]
    listed = cli("zones", "list").stdout
    assert "Idlib" in listed and "2017-09-15" in listed and "Russia" in listed


def test_incidents_zone_out_of_force_does_not_flag(cli, seed_path: Path, tmp_path: Path) -> None:
    later = json.loads(IDLIB.read_text())
    later["features"][0]["properties"]["valid_from"] = "2018-01-01"
    path = tmp_path / "later.geojson"
    path.write_text(json.dumps(later))
    cli("zones", "load", str(path))
    cli("ingest", str(seed_path))
    assert _incidents(cli)["Al Atarib"]["zones"] == []


def test_incidents_bad_zone_file_fails_clearly(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json")
    result = cli("zones", "load", str(bad))
    assert result.exit_code == 1 and "bad.geojson" in result.output
