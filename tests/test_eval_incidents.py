"""Scoring how events are merged into incidents: gold clusters and B-cubed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmtrack.eval.incidents import GoldEvent, bcubed, evaluate_incidents, gold_clusters
from harmtrack.extract.extractor import default_extractor

REPORTS = Path(__file__).parent / "data" / "reports"


def test_eval_bcubed_perfect_split_and_lumped() -> None:
    gold = ["x", "x", "y"]
    assert bcubed([1, 1, 2], gold) == (1.0, 1.0)
    assert bcubed([1, 2, 3], gold) == pytest.approx((1.0, (0.5 + 0.5 + 1) / 3))
    assert bcubed([1, 1, 1], gold) == pytest.approx(((2 / 3 + 2 / 3 + 1 / 3) / 3, 1.0))


def _event(**values: object) -> dict:
    base = {
        "date": "2017-11-13",
        "sub_event_type": "Air/drone strike",
        "lat": 36.139,
        "lon": 36.825,
    }
    return {**base, **values}


def test_eval_gold_clusters_by_slug_or_by_day_type_and_5km() -> None:
    events = [
        GoldEvent(0, _event()),
        GoldEvent(1, _event(lat=36.16)),  # 2.3 km away, another report: same incident
        GoldEvent(1, _event(lat=36.30)),  # 18 km away
        GoldEvent(2, _event(lat=36.30, cluster="far", date="2017-11-14")),
        GoldEvent(3, _event(lat=36.31, cluster="far", sub_event_type="Shelling")),
    ]
    labels = gold_clusters(events)
    assert labels[0] == labels[1] != labels[2]
    assert labels[3] == labels[4] and labels[2] not in (labels[3], labels[0])
    # Two events of one report are two incidents (unless a third report joins them).
    same_report = gold_clusters([GoldEvent(0, _event()), GoldEvent(0, _event(lat=36.141))])
    assert same_report[0] != same_report[1]


def test_eval_incidents_on_a_small_coded_set(tmp_path: Path) -> None:
    def record(name: str, source: str, published: str, location: str, lat: float, lon: float):
        return {
            "id": name,
            "source": source,
            "published": published,
            "text": (REPORTS / f"{name}.txt").read_text(),
            "events": [_event(location=location, lat=lat, lon=lon, country="SY")],
        }

    rows = [
        record("atareb-2017-11-14-monitor", "Northern Syria Civil Monitor", "2017-11-14",
               "Al Atarib", 36.139, 36.825),
        record("atareb-2017-11-15-relief", "Aleppo Relief Network", "2017-11-15",
               "Al Atarib", 36.139, 36.825),
        record("saraqib-2017-11-13", "Idlib Civil Observatory", "2017-11-13",
               "Saraqib", 35.864, 36.806),
    ]  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    scores = evaluate_incidents(path, default_extractor())
    assert (scores.items, scores.gold_clusters, scores.predicted_clusters) == (3, 2, 2)
    assert (scores.precision, scores.recall) == (1.0, 1.0)
    assert scores.singleton_recall == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_eval_cli_incidents_json(cli, tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    text = (REPORTS / "saraqib-2017-11-13.txt").read_text()
    event = _event(location="Saraqib", lat=35.864, lon=36.806, country="SY")
    path.write_text(
        json.dumps({"id": "s", "text": text, "published": "2017-11-13", "events": [event]})
    )
    result = cli("eval", "--incidents", "--json", str(path))
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)[str(path)]
    assert scores["items"] == 1 and scores["bcubed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    table = cli("eval", "--incidents", str(path))
    assert "B-cubed precision" in table.stdout
