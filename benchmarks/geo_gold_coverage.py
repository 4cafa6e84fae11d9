"""How often gold event locations resolve near their coded point (a measuring script, not a test).

Reads the dev sets under ../shared/data (never test.jsonl), resolves each event's location name
with its country and admin1 as context, and reports the share within 10 km and 25 km of the
gold point, with the misses grouped by cause. Usage:

    .venv/bin/python benchmarks/geo_gold_coverage.py [--data ../shared/data] [--misses 30]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from harmtrack.geo.gazetteer import Gazetteer
from harmtrack.geo.place import haversine_km
from harmtrack.geo.resolve import PlaceContext, resolve_place

DATASETS = ("reports/dev.jsonl", "acled/dev.jsonl", "airwars/dev.jsonl")


def _events(path: Path) -> list[dict]:
    events = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            for event in json.loads(line).get("events") or []:
                if event.get("location") and event.get("lat") is not None:
                    events.append(event)
    return events


def measure(gazetteer: Gazetteer, path: Path, show_misses: int) -> None:
    events = _events(path)
    within10 = within25 = 0
    causes: Counter[str] = Counter()
    misses: list[str] = []
    for event in events:
        context = PlaceContext(
            countries=(event["country"],) if event.get("country") else (),
            admin1=(event["admin1"],) if event.get("admin1") else (),
        )
        resolution = resolve_place(event["location"], context, gazetteer)
        if resolution is None:
            causes["unresolved"] += 1
            misses.append(
                f"  none   {event['country']} {event.get('admin1')!s:20} {event['location']}"
            )
            continue
        km = haversine_km(event["lat"], event["lon"], resolution.place.lat, resolution.place.lon)
        within10 += km <= 10
        within25 += km <= 25
        if km > 25:
            kind = resolution.place.kind
            causes[f"wrong place ({kind})" if kind == "city" else f"coarser point ({kind})"] += 1
            place = resolution.place
            misses.append(
                f"  {km:6.0f} {event['country']} {event.get('admin1')!s:20} {event['location']!r}"
                f" -> {place.name} ({place.admin1}, {kind}) [{resolution.reason}]"
            )
    total = len(events)
    print(f"{path.parent.name}/{path.name}: {total} events with a gold point")
    print(f"  within 10 km: {within10 / total:.1%}   within 25 km: {within25 / total:.1%}")
    print(f"  misses > 25 km: {dict(causes.most_common())}")
    # Wrong points first: they cost more than places left unresolved.
    misses.sort(key=lambda line: line.lstrip().startswith("none"))
    for line in misses[:show_misses]:
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parents[2] / "shared" / "data")
    parser.add_argument("--misses", type=int, default=25, help="misses to list per data set")
    args = parser.parse_args()
    with Gazetteer() as gazetteer:
        for name in DATASETS:
            measure(gazetteer, args.data / name, args.misses)


if __name__ == "__main__":
    main()
