"""The extraction commands: extract (files, records) and eval (scores against a coded file)."""

from __future__ import annotations

import json
from pathlib import Path


def test_cli_extract_records_one_line_per_record(cli, seed_path: Path, tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    seed = {
        "id": "seed",
        "text": seed_path.read_text(),
        "published": "2017-11-13",
        "source": "Syrian Coalition",
    }
    records.write_text(json.dumps(seed) + "\n{not json\n")
    result = cli("extract", "--records", str(records))
    assert result.exit_code == 1  # the broken line
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["id"] == "seed"
    (event,) = line["events"]
    assert (event["location"], event["killed_low"], event["perpetrator"]) == (
        "Al Atarib",
        40,
        "russia",
    )
    assert {(s["speaker"], s["kind"], s["addressee"]) for s in line["statements"]} == {
        ("Syrian Coalition", "condemn", "russia"),
        ("Syrian Coalition", "demand", "UN Security Council"),
    }
    for evidence in event["evidence"]:
        assert seed["text"][evidence["start"] : evidence["end"]] == evidence["quote"]


def test_cli_extract_file_json(cli, seed_path: Path) -> None:
    result = cli("extract", "--json", str(seed_path))
    assert result.exit_code == 0
    (document,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert document["published"] == "2017-11-13" and len(document["events"]) == 1


def test_cli_eval_scores_a_coded_file(cli, seed_path: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    event = {
        "date": "2017-11-13",
        "country": "SY",
        "admin1": "Aleppo",
        "location": "Al Atarib",
        "lat": 36.139,
        "lon": 36.825,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "perpetrator": "russia",
        "weapon": "airstrike",
        "target_site": "market",
        "killed_low": 40,
        "injured_low": 100,
        "civilian": True,
    }
    row = {
        "id": "seed",
        "text": seed_path.read_text(),
        "published": "2017-11-13",
        "source": "Syrian Coalition",
        "events": [event],
        "statements": [{"speaker": "Syrian Coalition", "kind": "condemn", "addressee": "russia"}],
    }
    gold.write_text(json.dumps(row) + "\n")
    result = cli("eval", "--json", str(gold))
    assert result.exit_code == 0
    scores = json.loads(result.stdout)[str(gold)]
    assert scores["events"]["recall"] == 1.0 and scores["events"]["precision"] == 1.0
    assert scores["fields"]["weapon"]["accuracy"] == 0.0  # thermobaric is coded, not airstrike
    assert scores["fields"]["place_10km"]["accuracy"] == 1.0
    assert scores["statements"]["recall"] == 1.0 and scores["statements"]["precision"] == 0.5
