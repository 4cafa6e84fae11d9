"""Analysts' changes: edit (overrides that survive rebuild and re-extraction), merge, split."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from harmtrack.model import EventClaim, Evidence, Extraction
from harmtrack.pipeline import Ingestor, reextract
from harmtrack.sources.inputs import plan_inputs

PLACES = {"Atareb": (36.13907, 36.82504), "Saraqib": (35.86447, 36.80591)}


def _fake(text: str, *, published: date | None, publisher: str | None) -> Extraction:
    """Reads "<place> <killed> [<perpetrator>]": one air strike on 13 November 2017."""
    place, killed, *rest = text.split()
    lat, lon = PLACES[place]
    event = EventClaim(
        date="2017-11-13", date_precision="day", country="SY", admin1="Aleppo",
        location=place, lat=lat, lon=lon, geo_precision="town",
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        perpetrator=rest[0] if rest else "russia", killed_low=int(killed), killed_high=int(killed),
        evidence=[Evidence("location", 0, len(place), place, "fake@1")],
    )  # fmt: skip
    return Extraction([event], [], "fake 1")


def _ingest(db, archive, settings, tmp_path: Path, *texts: str) -> None:
    path = tmp_path / "records.jsonl"
    lines = [
        json.dumps({"id": f"r{n}", "text": t, "published": "2017-11-14", "source": f"S{n}"})
        for n, t in enumerate(texts)
    ]
    path.write_text("\n".join(lines) + "\n")
    list(Ingestor(db, archive, settings, extract=_fake).run(plan_inputs([str(path)])))


def _listed(cli) -> list[dict]:
    return [json.loads(line) for line in cli("incidents", "--json").stdout.splitlines()]


def _shown(cli, incident_id: int) -> dict:
    result = cli("incidents", "show", "--json", str(incident_id))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_review_edit_sets_an_override_and_writes_revisions(
    cli, db, archive, settings, tmp_path: Path
) -> None:
    _ingest(db, archive, settings, tmp_path, "Atareb 40", "Atareb 61")
    result = cli(
        "incidents", "edit", "1", "killed_best", "58", "--reason", "council count", "--user", "ana"
    )
    assert result.exit_code == 0, result.output
    shown = _shown(cli, 1)
    assert shown["killed"] == {"low": 40, "best": 58, "high": 61}
    assert shown["overrides"] == {"killed_best": 58} and shown["status"] == "reviewed"
    edit, status = shown["revisions"]
    assert (edit["user"], edit["field"], edit["old"], edit["new"], edit["why"]) == (
        "ana", "killed_best", 40, 58, "council count"
    )  # fmt: skip
    assert (status["field"], status["old"], status["new"]) == ("status", "auto", "reviewed")


def test_review_overrides_survive_rebuild_and_rematch(
    cli, db, archive, settings, tmp_path: Path
) -> None:
    _ingest(db, archive, settings, tmp_path, "Atareb 40", "Atareb 61", "Saraqib 4")
    cli("incidents", "edit", "1", "grade", "confirmed", "--reason", "site visit")
    cli("incidents", "edit", "1", "date", "2017-11-12", "--reason", "night strike")
    for options in ((), ("--rematch",)):
        assert cli("incidents", "rebuild", *options).exit_code == 0
        atareb = _shown(cli, 1)
        assert (atareb["grade"], atareb["date"]) == ("confirmed", "2017-11-12")
        assert atareb["killed"] == {"low": 40, "best": 40, "high": 61}
    # The machine's incident (Saraqib, untouched) was matched again under a new id.
    assert sorted(i["location"] for i in _listed(cli)) == ["Atareb", "Saraqib"]
    assert [i["id"] for i in _listed(cli) if i["location"] == "Saraqib"] != [2]


def test_review_unset_lets_the_claims_decide_again(cli, db, archive, settings, tmp_path) -> None:
    _ingest(db, archive, settings, tmp_path, "Atareb 40")
    cli("incidents", "edit", "1", "perpetrator", "syria_gov", "--reason", "x")
    assert _shown(cli, 1)["perpetrator"] == "syria_gov"
    assert (
        cli("incidents", "edit", "1", "perpetrator", "--unset", "--reason", "wrong").exit_code == 0
    )
    shown = _shown(cli, 1)
    assert shown["perpetrator"] == "russia" and shown["overrides"] == {}
    assert shown["revisions"][-1]["new"] == "russia"
    assert cli("incidents", "edit", "1", "perpetrator", "--unset", "--reason", "x").exit_code == 1


def test_review_edit_refuses_bad_fields_values_and_ids(
    cli, db, archive, settings, tmp_path
) -> None:
    _ingest(db, archive, settings, tmp_path, "Atareb 40")
    assert cli("incidents", "edit", "1", "colour", "red", "--reason", "x").exit_code == 2
    assert cli("incidents", "edit", "1", "killed_low", "many", "--reason", "x").exit_code == 2
    assert cli("incidents", "edit", "1", "grade", "great", "--reason", "x").exit_code == 2
    assert cli("incidents", "edit", "1", "killed_low", "3").exit_code == 2  # no --reason
    missing = cli("incidents", "edit", "99", "killed_low", "3", "--reason", "x")
    assert missing.exit_code == 1 and "no incident 99" in missing.stderr
    assert _shown(cli, 1)["revisions"] == []


def test_review_merge_moves_the_claims_and_points_to_the_kept_incident(
    cli, db, archive, settings, tmp_path: Path
) -> None:
    _ingest(db, archive, settings, tmp_path, "Atareb 40", "Saraqib 3")
    assert len(_listed(cli)) == 2
    assert cli("incidents", "merge", "1", "2", "--reason", "same strike").exit_code == 0
    (kept,) = _listed(cli)
    assert kept["id"] == 1 and kept["sources"] == 2 and kept["killed"]["high"] == 40
    assert _shown(cli, 2)["merged_into"] == 1
    assert cli("incidents", "edit", "2", "killed_low", "3", "--reason", "x").exit_code == 1
    assert cli("incidents", "merge", "1", "1", "--reason", "x").exit_code == 2
    actions = [(r["action"], r["field"]) for r in _shown(cli, 1)["revisions"]]
    assert ("merge", "claims") in actions


def test_review_split_starts_an_incident_that_rematch_keeps(
    cli, db, archive, settings, tmp_path: Path
) -> None:
    _ingest(db, archive, settings, tmp_path, "Atareb 40", "Atareb 61", "Atareb 45")
    (incident,) = _listed(cli)
    assert len(incident["claims"]) == 3
    result = cli("incidents", "split", "3", "--reason", "another strike that day")
    assert result.exit_code == 0, result.output
    assert "incident 2" in result.stdout
    assert cli("incidents", "rebuild", "--rematch").exit_code == 0
    by_id = {i["id"]: [c["claim"] for c in i["claims"]] for i in _listed(cli)}
    assert by_id == {1: [1, 2], 2: [3]}
    assert cli("incidents", "split", "1", "--reason", "x").exit_code == 0
    lonely = cli("incidents", "split", "2", "--reason", "x")
    assert lonely.exit_code == 1 and "only event claim" in lonely.stderr
    assert cli("incidents", "split", "999", "--reason", "x").exit_code == 1


def _nothing(text: str, *, published: date | None, publisher: str | None) -> Extraction:
    return Extraction([], [], "finds nothing 1")


def test_review_an_incident_analysts_touched_outlives_its_claims(
    cli, db, archive, settings, tmp_path: Path
) -> None:
    _ingest(db, archive, settings, tmp_path, "Atareb 40", "Saraqib 4")
    cli("incidents", "edit", "1", "grade", "confirmed", "--reason", "site visit")
    assert [r.error for r in reextract(db, [1, 2], _nothing)] == [None, None]
    (kept,) = _listed(cli)  # the machine's Saraqib incident went with its claim
    assert (kept["id"], kept["location"], kept["grade"]) == (1, "Atareb", "confirmed")
    assert (kept["sources"], kept["claims"], kept["killed"]["low"]) == (0, [], 40)
