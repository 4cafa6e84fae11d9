"""Incident matching at scale: claims per second as the store grows to 10k, 100k and 1M claims.

.venv/bin/python benchmarks/match_scale.py [--sizes 10000,100000,1000000] [--window 10000] [--keep]

Synthetic claims go straight into the store (documents, claims, evidence; no extraction) and are
matched document by document, as ingest does, one transaction per batch, in a SQLite file in a
temporary directory. Reports arrive in time order at a constant number of events per day across
~20 countries (a database grows by covering more time, not by denser days): each event is told
by one to several publishers over the next days, with dates a day off now and then, places given
at province level now and then, and tolls that differ. The rate printed at each size is the rate
over the last WINDOW claims before the store reached that size; the claim of the matcher is that
it does not fall as the tables grow (candidate search is an indexed range scan of a date window).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from harmtrack.incidents.assign import match_document
from harmtrack.store.db import Database
from harmtrack.store.tables import ClaimRow, DocumentRow, EvidenceRow, SourceRow

SEED = 20171113
EVENTS_PER_DAY = 120  # across all countries: the order of a busy conflict-monitoring desk
BATCH_CLAIMS = 2000  # claims per transaction
START = date(2012, 1, 1)

# Country, share of events, bounding box (lat0, lat1, lon0, lon1), main perpetrators.
COUNTRIES = [
    ("SY", 30, (32.5, 37.0, 35.8, 42.0), ["syria_gov", "russia", "isis", "turkey", "unknown"]),
    ("UA", 18, (44.5, 52.0, 22.5, 40.0), ["russia", "ukraine", "unknown"]),
    ("YE", 9, (12.8, 18.5, 42.6, 52.0), ["saudi_coalition", "houthis", "unknown"]),
    ("IQ", 6, (29.5, 37.3, 39.0, 48.5), ["isis", "us_coalition", "unknown"]),
    ("AF", 6, (29.5, 38.4, 60.5, 74.8), ["taliban", "us_coalition", "unknown"]),
    ("SO", 4, (-1.6, 11.9, 41.0, 51.4), ["al_shabaab", "us_coalition", "unknown"]),
    ("SD", 4, (8.7, 22.0, 21.8, 38.6), ["rsf", "saf", "unknown"]),
    ("NG", 4, (4.3, 13.9, 2.7, 14.6), ["boko_haram", "nigeria_gov", "unknown"]),
    ("ML", 3, (10.2, 25.0, -12.2, 4.2), ["jnim", "mali_gov", "unknown"]),
    ("MM", 3, (9.8, 28.5, 92.2, 101.1), ["myanmar_gov", "unknown"]),
    ("PS", 3, (31.2, 32.5, 34.2, 35.5), ["israel", "hamas", "unknown"]),
    ("LY", 2, (20.0, 33.0, 10.0, 25.0), ["lna", "gna", "unknown"]),
    ("CD", 2, (-13.4, 5.3, 12.2, 31.3), ["m23", "adf", "unknown"]),
    ("ET", 2, (3.4, 14.9, 33.0, 47.9), ["ethiopia_gov", "tplf", "unknown"]),
    ("BF", 1, (9.4, 15.1, -5.5, 2.4), ["jnim", "unknown"]),
    ("LB", 1, (33.0, 34.7, 35.1, 36.6), ["israel", "hezbollah", "unknown"]),
    ("CM", 1, (1.6, 13.1, 8.4, 16.2), ["unknown"]),
    ("MZ", 1, (-26.9, -10.4, 30.2, 40.8), ["unknown"]),
]
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike", 30, "airstrike", "air strike"),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        30,
        "artillery",
        "shelling",
    ),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 8, "ied", "roadside bomb"),
    ("Battles", "Armed clash", 20, None, "clashes"),
    ("Violence against civilians", "Attack", 10, "small_arms", "gunmen attacked"),
    ("Explosions/Remote violence", "Suicide bomb", 2, "suicide_vest", "suicide bomber"),
]
TARGETS = [None, None, "residential", "market", "medical", "school", "vehicle", "military"]
SYLLABLES = "al ba da ka ma na ra sa ta za qa ha ya ri mi ni li di bu ku mu nu ru".split()


@dataclass(frozen=True)
class Town:
    name: str
    admin1: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Claim:
    country: str
    town: Town
    coarse: bool
    day: date
    types: tuple[Any, ...]
    perpetrator: str
    target: str | None
    killed: int | None


class World:
    """Seeded synthetic geography, publishers and events."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.towns: dict[str, list[Town]] = {}
        self.provinces: dict[str, dict[str, tuple[float, float]]] = {}
        for code, _, (lat0, lat1, lon0, lon1), _ in COUNTRIES:
            provinces = {
                f"{self._name().title()} Province": (
                    rng.uniform(lat0, lat1),
                    rng.uniform(lon0, lon1),
                )
                for _ in range(12)
            }
            self.provinces[code] = provinces
            towns = []
            for _ in range(400):
                admin1, (plat, plon) = rng.choice(list(provinces.items()))
                towns.append(
                    Town(
                        self._name().title(),
                        admin1,
                        round(min(lat1, max(lat0, plat + rng.gauss(0, 0.5))), 5),
                        round(min(lon1, max(lon0, plon + rng.gauss(0, 0.5))), 5),
                    )
                )
            self.towns[code] = towns
        self.publishers = {c[0]: [f"{c[0]} Monitor {i}" for i in range(40)] for c in COUNTRIES}
        self.weights = [c[1] for c in COUNTRIES]
        self.town_weights = list(itertools.accumulate(1 / rank for rank in range(1, 401)))
        self.type_weights = [t[2] for t in TYPES]

    def _name(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))

    def event(self, day: date) -> list[tuple[int, str, Claim]]:
        """One real event and the claims its reports make: (publish lag, publisher, claim)."""
        rng = self.rng
        code, _, _, perpetrators = rng.choices(COUNTRIES, self.weights)[0]
        # A few towns are hit again and again (front lines): Zipf's law over the towns.
        town = rng.choices(self.towns[code], cum_weights=self.town_weights)[0]
        types = rng.choices(TYPES, self.type_weights)[0]
        perpetrator = rng.choice(perpetrators)
        target = rng.choice(TARGETS)
        killed = int(rng.expovariate(1 / 6)) if rng.random() < 0.8 else None
        claims = []
        reports = 1 + min(6, int(rng.expovariate(1 / 1.3)))
        for _ in range(reports):
            shift = rng.choices((0, -1, 1), (90, 5, 5))[0]
            told = killed + rng.randint(0, 4) if killed is not None else None
            claims.append(
                (
                    rng.choice((0, 0, 1, 1, 2, 3)),
                    rng.choice(self.publishers[code]),
                    Claim(
                        code,
                        town,
                        rng.random() < 0.05,
                        day + timedelta(days=shift),
                        types,
                        perpetrator if rng.random() < 0.9 else "unknown",
                        target,
                        told,
                    ),
                )
            )
        return claims


def reports(world: World) -> Iterator[tuple[date, str, list[Claim]]]:
    """Reports in order of publication: (day, publisher, claims), forever."""
    pending: dict[date, list[tuple[str, list[Claim]]]] = defaultdict(list)
    day = START
    while True:
        for _ in range(EVENTS_PER_DAY):
            for lag, publisher, claim in world.event(day):
                pending[day + timedelta(days=lag)].append((publisher, [claim]))
        today = pending.pop(day, [])
        world.rng.shuffle(today)
        # A fifth of the reports tell two events of one country and day (a daily round-up).
        merged: list[tuple[str, list[Claim]]] = []
        for publisher, claims in today:
            last = merged[-1] if merged else None
            if (
                last is not None
                and len(last[1]) == 1
                and last[1][0].country == claims[0].country
                and world.rng.random() < 0.2
            ):
                last[1].extend(claims)
            else:
                merged.append((publisher, claims))
        for publisher, claims in merged:
            yield day, publisher, claims
        day += timedelta(days=1)


class Loader:
    """Writes documents, claims and evidence with explicit ids, in bulk."""

    def __init__(self, db: Database, world: World) -> None:
        self.db = db
        self.world = world
        self.next_doc = self.next_claim = 1
        self.sources: dict[str, int] = {}
        names = [p for pool in world.publishers.values() for p in pool]
        with db.session() as session:
            session.execute(insert(SourceRow), [{"name": n, "kind": "monitor"} for n in names])
        with db.session() as session:
            self.sources = dict(session.query(SourceRow.name, SourceRow.id).all())  # type: ignore[arg-type]

    def rows(self, batch: list[tuple[date, str, list[Claim]]]) -> tuple[list[Any], ...]:
        now = datetime.now(UTC)
        documents, claims, evidence = [], [], []
        for day, publisher, told in batch:
            doc_id = self.next_doc
            self.next_doc += 1
            documents.append(
                {
                    "id": doc_id,
                    "sha256": hashlib.sha256(str(doc_id).encode()).hexdigest(),
                    "origin": f"synthetic:{doc_id}",
                    "origin_kind": "record",
                    "size_bytes": 0,
                    "retrieved_at": now,
                    "published_at": datetime(day.year, day.month, day.day, tzinfo=UTC),
                    "published_precision": "day",
                    "text": "",
                    "source_id": self.sources[publisher],
                    "status": "ok",
                    "meta": {},
                    "extractor": "synthetic",
                    "created_at": now,
                    "updated_at": now,
                }
            )
            for claim in told:
                claims.append(self._claim(doc_id, claim, now))
                evidence += self._evidence(self.next_claim - 1, claim)
        return documents, claims, evidence

    def _claim(self, doc_id: int, claim: Claim, now: datetime) -> dict[str, Any]:
        event_type, sub_type, _, weapon, _ = claim.types
        if claim.coarse:
            location = claim.town.admin1
            lat, lon = self.world.provinces[claim.country][claim.town.admin1]
        else:
            location, lat, lon = claim.town.name, claim.town.lat, claim.town.lon
        row = {
            "id": self.next_claim,
            "document_id": doc_id,
            "kind": "event",
            "extractor": "synthetic",
            "date": claim.day,
            "date_precision": "day",
            "date_end": None,
            "country": claim.country,
            "admin1": claim.town.admin1,
            "location": location,
            "lat": lat,
            "lon": lon,
            "geo_precision": "admin1" if claim.coarse else "town",
            "event_type": event_type,
            "sub_event_type": sub_type,
            "perpetrator": claim.perpetrator,
            "weapon": weapon,
            "target_site": claim.target,
            "killed_low": claim.killed,
            "killed_high": claim.killed,
            "injured_low": None,
            "injured_high": None,
            "civilian": True,
            "speaker": None,
            "statement_kind": None,
            "addressee": None,
            "created_at": now,
        }
        self.next_claim += 1
        return row

    def _evidence(self, claim_id: int, claim: Claim) -> list[dict[str, Any]]:
        cue = claim.types[4]
        where = claim.town.admin1 if claim.coarse else claim.town.name
        quotes = [("location", where), ("event_type", cue)]
        if claim.killed is not None:
            quotes.append(("killed_low", f"{claim.killed} civilians were killed"))
        return [
            {
                "claim_id": claim_id,
                "field": name,
                "start_char": 0,
                "end_char": 0,
                "quote": quote,
                "rule": "synthetic",
            }
            for name, quote in quotes
        ]

    def load_and_match(self, batch: list[tuple[date, str, list[Claim]]]) -> tuple[float, float]:
        """Insert a batch and match it in one transaction: (insert seconds, match seconds)."""
        documents, claims, evidence = self.rows(batch)
        start = time.perf_counter()
        with self.db.session() as session:
            session.execute(insert(DocumentRow), documents)
            session.execute(insert(ClaimRow), claims)
            session.execute(insert(EvidenceRow), evidence)
            inserted = time.perf_counter()
            for document in documents:
                match_document(session, document["id"])
        return inserted - start, time.perf_counter() - inserted


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claim counts to report")
    parser.add_argument("--window", type=int, default=10_000, help="claims per measured rate")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    folder = Path(tempfile.mkdtemp(prefix="harmtrack-bench-"))
    db = Database(f"sqlite:///{folder / 'bench.db'}")
    world = World(random.Random(SEED))
    loader = Loader(db, world)
    store = folder / "bench.db"
    print(f"store: {store}; {EVENTS_PER_DAY} events a day, {BATCH_CLAIMS} claims a batch")
    # (claims so far, seconds inserting, seconds matching) after each batch.
    marks: list[tuple[int, float, float]] = [(0, 0.0, 0.0)]
    results: list[tuple[int, float, float, date]] = []
    stream = reports(world)
    began = time.perf_counter()
    done = loaded = matched = 0.0
    batch: list[tuple[date, str, list[Claim]]] = []
    claims = in_batch = 0
    next_print = 50_000
    last_day = START
    while claims < sizes[-1]:
        report = next(stream)
        batch.append(report)
        claims += len(report[2])
        in_batch += len(report[2])
        last_day = report[0]
        if in_batch < BATCH_CLAIMS and claims < sizes[-1]:
            continue
        spent_insert, spent_match = loader.load_and_match(batch)
        batch, in_batch = [], 0
        loaded += spent_insert
        matched += spent_match
        marks.append((claims, loaded, matched))
        for size in sizes:
            if marks[-2][0] < size <= claims:
                results.append((size, *_rates(marks, args.window), last_day))
                total, match_only, day = results[-1][1], results[-1][2], results[-1][3]
                print(
                    f"{size:>9,} claims (to {day}): {total:8,.0f} claims/s"
                    f" (match alone {match_only:8,.0f}/s) over the last {args.window:,}",
                    flush=True,
                )
        if claims >= next_print:
            done = time.perf_counter() - began
            eta = done / claims * (sizes[-1] - claims)
            print(
                f"  … {claims:,} claims, {done:.0f} s, ~{eta:.0f} s to go, RSS {_rss_mb():.0f} MB",
                file=sys.stderr,
                flush=True,
            )
            next_print += 50_000
    db_mb = (folder / "bench.db").stat().st_size / 1e6
    took = time.perf_counter() - began
    print(f"total {took:.0f} s; database {db_mb:.0f} MB; RSS {_rss_mb():.0f} MB")
    first, last = results[0], results[-1]
    ratio = last[1] / first[1]
    print(
        f"rate at {last[0]:,} / rate at {first[0]:,}: {ratio:.2f}"
        + (" (at least 0.5: ok)" if ratio >= 0.5 else " (below 0.5)")
    )
    db.close()
    if args.keep:
        print(f"kept {folder}")
    else:
        shutil.rmtree(folder)


def _rates(marks: list[tuple[int, float, float]], window: int) -> tuple[float, float]:
    """Claims per second (insert + match, and match alone) over the last ``window`` claims."""
    end = marks[-1]
    start = next((m for m in reversed(marks) if end[0] - m[0] >= window), marks[0])
    claims = end[0] - start[0]
    total = (end[1] - start[1]) + (end[2] - start[2])
    return claims / total, claims / (end[2] - start[2])


if __name__ == "__main__":
    main()
