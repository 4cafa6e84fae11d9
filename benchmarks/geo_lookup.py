"""Gazetteer speed: index build or open time, memory, and look-ups / resolutions per second.

.venv/bin/python benchmarks/geo_lookup.py [--rebuild]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from harmtrack.geo.gazetteer import Gazetteer, default_cache_dir
from harmtrack.geo.resolve import PlaceContext, resolve_place

NAMES = [
    "Al Atarib", "Atareb", "الأتارب", "Saraqib", "Sarqib", "Khan Sheikhoun", "Maarat al-Numan",
    "Aleppo", "Idlib", "Douma", "Kafranbel", "Ariha", "Hass", "Mogadishu", "Garissa",
    "Myitkyina", "Cox's Bazar", "Rafah", "Khan Younis", "Qwxzvbnm",
]  # fmt: skip
ROUNDS = 200


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _distinct_names(gazetteer: Gazetteer) -> list[str]:
    """Real place names from a few regions (Syria, Kenya, Myanmar, Gaza, France)."""
    names: dict[str, None] = {}
    for lat, lon in (
        (35.9, 36.6),
        (36.2, 37.1),
        (-1.3, 36.8),
        (21.9, 96.1),
        (31.4, 34.4),
        (48.9, 2.3),
    ):
        for place in gazetteer.nearby(lat, lon, 60):
            names[place.name] = None
    return list(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the index in a temp dir")
    args = parser.parse_args()
    base_rss = _rss_mb()
    cache = Path(tempfile.mkdtemp()) if args.rebuild else default_cache_dir()
    start = time.perf_counter()
    gazetteer = Gazetteer(cache_dir=cache)
    load = time.perf_counter() - start
    index_files = sorted(cache.glob("*.sqlite"))
    size = sum(f.stat().st_size for f in index_files) / 1e6
    print(f"{'build + open' if args.rebuild else 'open'}: {load:.2f} s; index {size:.0f} MB")
    print(f"peak RSS: {_rss_mb():.0f} MB (interpreter alone {base_rss:.0f} MB)")

    # Cold: every name asked once (the cache does not help); warm: names asked again, as
    # in a stream of reports about the same region.
    distinct = _distinct_names(gazetteer)
    start = time.perf_counter()
    for name in distinct:
        gazetteer.lookup(name)
    rate = len(distinct) / (time.perf_counter() - start)
    print(f"lookup(name), {len(distinct)} distinct names, cold: {rate:,.0f} / s")
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for name in NAMES:
            gazetteer.lookup(name)
    rate = ROUNDS * len(NAMES) / (time.perf_counter() - start)
    print(f"lookup(name), repeated names, warm: {rate:,.0f} / s")

    context = PlaceContext(countries=("SY",), admin1=("Idlib",))
    fresh = Gazetteer(cache_dir=cache)
    start = time.perf_counter()
    for name in distinct:
        resolve_place(name, context, fresh)
    rate = len(distinct) / (time.perf_counter() - start)
    print(f"resolve_place(name, SY/Idlib context), cold: {rate:,.0f} / s")
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for name in NAMES:
            resolve_place(name, context, fresh)
    rate = ROUNDS * len(NAMES) / (time.perf_counter() - start)
    print(f"resolve_place(name, SY/Idlib context), warm: {rate:,.0f} / s")
    print(f"peak RSS after: {_rss_mb():.0f} MB")
    gazetteer.close()


if __name__ == "__main__":
    main()
