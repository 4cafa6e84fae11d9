"""API latency with 100k incidents: p50/p95/p99 of list and detail requests over loopback.

.venv/bin/python benchmarks/api_latency.py [--incidents 100000] [--requests 300] [--keep DIR]

Builds a store in a temporary directory (or reuses the one kept in DIR): synthetic reports from
benchmarks/match_scale.py (documents, claims, evidence) are matched into incidents as ingest does,
until the store holds INCIDENTS incidents. Then `harmtrack serve` runs on a free loopback port in
a subprocess, a user signs in, and after a warm-up each request kind is timed REQUESTS times with
httpx (one connection, sequential; time from sending to the last byte of the body). The goal is a
p95 under 100 ms for every kind.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from match_scale import BATCH_CLAIMS, SEED, Loader, World, reports

from harmtrack.auth.users import add_user
from harmtrack.settings import Settings
from harmtrack.store.db import Database
from harmtrack.store.incidents import count_incidents

PASSWORD = "benchmark passphrase"
GOAL_MS = 100.0


def build(home: Path, incidents: int) -> None:
    """Fill ``home`` with reports matched into at least ``incidents`` incidents."""
    db = Database(Settings(home=home).db_url)
    world = World(random.Random(SEED))
    loader = Loader(db, world)
    stream = reports(world)
    began, found = time.perf_counter(), 0
    while found < incidents:
        batch, claims = [], 0
        while claims < BATCH_CLAIMS:
            report = next(stream)
            batch.append(report)
            claims += len(report[2])
        loader.load_and_match(batch)
        with db.session() as session:
            found = count_incidents(session)
        print(f"  … {found:,} incidents, {time.perf_counter() - began:.0f} s", end="\r",
              file=sys.stderr, flush=True)  # fmt: skip
    with db.session() as session:
        add_user(session, "bench", "viewer", PASSWORD)
    db.close()
    print(f"built {found:,} incidents in {time.perf_counter() - began:.0f} s", file=sys.stderr)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            httpx.get(f"{base}/login", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _timed(client: httpx.Client, path: str, params: dict[str, Any]) -> float:
    start = time.perf_counter()
    response = client.get(path, params=params)
    response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} {params}: {response.status_code} {response.text[:200]}")
    return elapsed


def _percentiles(times: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return statistics.median(times), cuts[94], cuts[98]


def run(home: Path, requests: int) -> bool:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "harmtrack", "--home", str(home), "serve", "--port",
               str(port)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait(base, server)
        with httpx.Client(base_url=base, timeout=30) as client:
            login = client.post("/api/v1/auth/login", json={"name": "bench", "password": PASSWORD})
            login.raise_for_status()
            total = client.get("/api/v1/incidents", params={"limit": 1}).json()["total"]
            facets = client.get("/api/v1/facets").json()
            rng = random.Random(SEED)
            month = facets["date_min"][:7]
            kinds: list[tuple[str, str, Any]] = [
                ("list, no filter", "/api/v1/incidents", lambda: {}),
                ("list, page 2-20", "/api/v1/incidents",
                 lambda: {"offset": 50 * rng.randint(1, 19)}),
                ("list, deep page", "/api/v1/incidents",
                 lambda: {"offset": rng.randrange(0, max(1, total - 50))}),
                ("list, country", "/api/v1/incidents",
                 lambda: {"country": rng.choice(facets["countries"])}),
                ("list, country+month", "/api/v1/incidents",
                 lambda: {"country": "SY", "date_from": f"{month}-01", "date_to": f"{month}-28"}),
                ("list, date range", "/api/v1/incidents",
                 lambda: {"date_from": "2012-06-01", "date_to": "2012-06-30"}),
                ("list, type", "/api/v1/incidents",
                 lambda: {"event_type": rng.choice(facets["event_types"])}),
                ("list, sub-type+country", "/api/v1/incidents",
                 lambda: {"event_type": "Air/drone strike", "country": "SY"}),
                ("list, perpetrator+grade", "/api/v1/incidents",
                 lambda: {"perpetrator": rng.choice(facets["perpetrators"]), "grade": "fair"}),
                ("list, text", "/api/v1/incidents", lambda: {"q": "province"}),
                ("list, min killed", "/api/v1/incidents", lambda: {"min_killed": 20}),
                ("detail", "DETAIL", lambda: {}),
                ("facets", "/api/v1/facets", lambda: {}),
                ("map GeoJSON, country+month", "/api/v1/incidents.geojson",
                 lambda: {"country": "SY", "date_from": f"{month}-01", "date_to": f"{month}-28"}),
                ("map page (HTML)", "/", lambda: {}),
            ]  # fmt: skip
            print(f"{total:,} incidents; {requests} requests each after a warm-up; ms")
            print(f"{'request':<30}{'p50':>8}{'p95':>8}{'p99':>8}")
            ok = True
            for name, path, params in kinds:
                times = []
                for n in range(requests + 20):
                    where = (
                        f"/api/v1/incidents/{rng.randint(1, total)}" if path == "DETAIL" else path
                    )
                    elapsed = _timed(client, where, params())
                    if n >= 20:
                        times.append(elapsed)
                p50, p95, p99 = _percentiles(times)
                ok &= p95 < GOAL_MS
                print(f"{name:<30}{p50:8.1f}{p95:8.1f}{p99:8.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"p95 under {GOAL_MS:.0f} ms for every kind: {'yes' if ok else 'NO'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="build the store here (reused when present)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="harmtrack-api-bench-"))
    home = folder / "home"
    try:
        if not (home / "harmtrack.db").exists():
            build(home, args.incidents)
        ok = run(home, args.requests)
    finally:
        if args.keep is None:
            shutil.rmtree(folder)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
