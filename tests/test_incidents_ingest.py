"""Ingest puts claims into incidents: the Atareb strike told by several sources is one incident."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from harmtrack.model import EventClaim, Evidence, Extraction, StatementClaim
from harmtrack.pipeline import Ingestor, reextract
from harmtrack.sources.inputs import plan_inputs

REPORTS = Path(__file__).parent / "data" / "reports"
MONITOR_53 = REPORTS / "atareb-2017-11-14-monitor.txt"
RELIEF_61 = REPORTS / "atareb-2017-11-15-relief.txt"
SARAQIB = REPORTS / "saraqib-2017-11-13.txt"
MORE = REPORTS / "more"


def _incidents(cli, *options: str) -> list[dict]:
    result = cli("incidents", "--json", *options)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _atareb(incidents: list[dict]) -> dict:
    (found,) = [i for i in incidents if i["location"] == "Al Atarib"]
    return found


def test_incidents_three_sources_of_atareb_make_one_fair_incident(cli, seed_path: Path) -> None:
    result = cli("ingest", str(seed_path), str(MONITOR_53), str(RELIEF_61), str(SARAQIB))
    assert result.exit_code == 0, result.output
    incidents = _incidents(cli)
    assert sorted(i["location"] for i in incidents) == ["Al Atarib", "Saraqib"]
    atareb = _atareb(incidents)
    assert atareb["killed"] == {"low": 40, "best": 61, "high": 61}
    assert (atareb["sources"], atareb["grade"], atareb["zones"]) == (3, "fair", [])
    assert (atareb["date"], atareb["country"], atareb["perpetrator"]) == (
        "2017-11-13",
        "SY",
        "russia",
    )
    events = [c for c in atareb["claims"] if c["kind"] == "event"]
    assert sorted(c["killed_low"] for c in events) == [40, 53, 61]  # each source's own figure
    assert {c["publisher"] for c in events} == {
        "Syrian Coalition",
        "Northern Syria Civil Monitor",
        "Aleppo Relief Network",
    }
    matched = [c["link"] for c in events if c["link"]["method"] == "match"]
    assert len(matched) == 2 and all(m["place"] == 1.0 and m["score"] >= 0.7 for m in matched)
    statements = [c for c in atareb["claims"] if c["kind"] == "statement"]
    assert {s["statement_kind"] for s in statements} == {"condemn", "demand"}
    saraqib = next(i for i in incidents if i["location"] == "Saraqib")
    assert (saraqib["sources"], saraqib["grade"], saraqib["killed"]["best"]) == (1, "weak", 4)
    assert json.loads(cli("status", "--json").stdout)["incidents"] == 2


def test_incidents_json_has_exactly_the_issue_shape(cli, seed_path: Path) -> None:
    cli("ingest", str(seed_path))
    (incident,) = _incidents(cli)
    assert list(incident) == [
        "id", "date", "country", "admin1", "location", "lat", "lon", "event_type",
        "sub_event_type", "perpetrator", "weapon", "target_site", "killed", "injured", "grade",
        "sources", "zones", "claims",
    ]  # fmt: skip
    assert incident["injured"] == {"low": 100, "best": 100, "high": 100}
    assert incident["claims"][0]["document"] == 1


def test_incidents_the_same_publisher_twice_is_one_source(cli, seed_path: Path) -> None:
    update = MORE / "atareb-2017-11-16-monitor-update.txt"
    cli("ingest", str(seed_path), str(MONITOR_53), str(RELIEF_61), str(update))
    atareb = _atareb(_incidents(cli))
    assert len([c for c in atareb["claims"] if c["kind"] == "event"]) == 4
    assert (atareb["sources"], atareb["grade"]) == (3, "fair")
    # The update is "near" Atareb and exact; the relief network's town-level 61 stays best.
    assert atareb["killed"] == {"low": 40, "best": 61, "high": 61}


def test_incidents_a_source_naming_another_perpetrator_contests(cli, seed_path: Path) -> None:
    cli("ingest", str(seed_path), str(MONITOR_53), str(MORE / "atareb-2017-11-14-regime.txt"))
    atareb = _atareb(_incidents(cli))
    assert (atareb["grade"], atareb["sources"]) == ("contested", 3)
    assert {c["perpetrator"] for c in atareb["claims"] if c["kind"] == "event"} == {
        "russia",
        "syria_gov",
    }


def test_incidents_a_denial_is_linked_and_contests(cli, seed_path: Path) -> None:
    cli("ingest", str(seed_path), str(MORE / "atareb-2017-11-14-denial.txt"))
    atareb = _atareb(_incidents(cli))
    assert atareb["grade"] == "contested"
    (denial,) = [c for c in atareb["claims"] if c.get("statement_kind") == "deny"]
    # a denial is coded as the belligerent's (the codebook's speaker), not its ministry's
    assert denial["speaker"] == "russia"
    shown = cli("incidents", "show", str(atareb["id"]))
    assert shown.exit_code == 0 and "deny" in shown.stdout


def test_incidents_list_filters(cli, seed_path: Path) -> None:
    cli("ingest", str(seed_path), str(MONITOR_53), str(RELIEF_61), str(SARAQIB))

    def places(*options: str) -> list[str]:
        return sorted(i["location"] for i in _incidents(cli, *options))

    assert places("--admin1", "idlib") == ["Saraqib"]
    assert places("--min-killed", "50") == ["Al Atarib"]
    assert places("--grade", "fair") == ["Al Atarib"]
    assert places("--country", "sy", "--type", "Air/drone strike") == ["Al Atarib", "Saraqib"]
    assert places("--perpetrator", "syria_gov") == []
    assert places("--since", "2017-11-14") == []
    assert places("--until", "2017-11-13", "--limit", "1") == ["Al Atarib"]
    table = cli("incidents")
    assert table.exit_code == 0 and "2 incidents" in table.stdout
    assert cli("incidents", "--grade", "good").exit_code == 2
    assert cli("incidents", "--since", "last week").exit_code == 2


# With a stand-in extractor: statements without events of their own, and re-extraction.


def _ingest_records(db, archive, settings, tmp_path: Path, records: list[dict], extract) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    list(Ingestor(db, archive, settings, extract=extract).run(plan_inputs([str(path)])))


def _fake(text: str, *, published: date | None, publisher: str | None) -> Extraction:
    """Reads "EVENT <place> <killed>" and "DENY" lines: enough to drive the matcher."""
    events, statements = [], []
    for line in text.splitlines():
        words = line.split()
        if words[:1] == ["EVENT"]:
            place = {"Atareb": (36.13907, 36.82504), "Saraqib": (35.86447, 36.80591)}[words[1]]
            events.append(
                EventClaim(
                    date="2017-11-13", date_precision="day", country="SY", admin1="Aleppo",
                    location=words[1], lat=place[0], lon=place[1], geo_precision="town",
                    event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                    perpetrator="russia", killed_low=int(words[2]), killed_high=int(words[2]),
                    evidence=[Evidence("location", 6, 6 + len(words[1]), words[1], "fake@1")],
                )
            )  # fmt: skip
        if words[:1] == ["DENY"]:
            start = text.index("denied")
            statements.append(
                StatementClaim(
                    "Russian Ministry of Defence",
                    "deny",
                    evidence=[Evidence("kind", start, start + 6, "denied", "fake@1")],
                )
            )
    return Extraction(events, statements, "fake 1")


def test_incidents_a_statement_alone_links_by_the_place_it_names(
    cli, db, archive, settings, tmp_path: Path
) -> None:
    records = [
        {"id": "a", "text": "EVENT Atareb 40", "published": "2017-11-13", "source": "A"},
        {"id": "b", "text": "EVENT Saraqib 4", "published": "2017-11-13", "source": "B"},
        {
            "id": "c",
            "text": "DENY\nThe ministry denied striking the market of Atareb.",
            "published": "2017-11-15",
            "source": "C",
        },
    ]
    _ingest_records(db, archive, settings, tmp_path, records, _fake)
    (atareb,) = [i for i in _incidents(cli) if i["location"] == "Atareb"]
    (denial,) = [c for c in atareb["claims"] if c["kind"] == "statement"]
    assert denial["document"] == "c" and denial["link"]["rule"] == "place named"
    assert atareb["grade"] == "contested"


def test_incidents_reextract_keeps_the_incident_and_the_analysts_value(
    cli, db, archive, settings, tmp_path: Path
) -> None:
    records = [
        {"id": "a", "text": "EVENT Atareb 40", "published": "2017-11-13", "source": "A"},
        {"id": "b", "text": "EVENT Atareb 53", "published": "2017-11-14", "source": "B"},
    ]
    _ingest_records(db, archive, settings, tmp_path, records, _fake)
    (incident,) = _incidents(cli)
    edited = cli("incidents", "edit", str(incident["id"]), "killed_best", "50", "--reason", "x")
    assert edited.exit_code == 0, edited.output
    results = list(reextract(db, [1, 2], _fake))
    assert [r.error for r in results] == [None, None]
    (again,) = _incidents(cli)
    assert again["id"] == incident["id"] and again["killed"] == {"low": 40, "best": 50, "high": 53}
    links = [c["link"]["method"] for c in again["claims"]]
    assert links == ["carried", "carried"]
    assert {c["claim"] for c in again["claims"]}.isdisjoint(
        {c["claim"] for c in incident["claims"]}
    )


@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_incidents_matching_does_not_depend_on_ingest_batches(
    cli, db, archive, settings, tmp_path: Path, order: tuple[str, str]
) -> None:
    texts = {"a": "EVENT Atareb 40", "b": "EVENT Atareb 61"}
    for name in order:
        record = {"id": name, "text": texts[name], "published": "2017-11-13", "source": name}
        _ingest_records(db, archive, settings, tmp_path / name, [record], _fake)
    (incident,) = _incidents(cli)
    # Equally specific sources of one day: the lower figure is best, whichever came first.
    assert incident["killed"] == {"low": 40, "best": 40, "high": 61}
