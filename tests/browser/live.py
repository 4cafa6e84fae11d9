"""A live Harmtrack for browser tests and screenshots: a fresh home with the seed reports, two
users made with the CLI, `harmtrack serve` on a free loopback port, and headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
REPORTS = [
    ROOT / "examples" / "reports",  # the Atareb press release
    ROOT / "tests" / "data" / "reports" / "saraqib-2017-11-13.txt",
    ROOT / "tests" / "data" / "web",  # Arabic, <script> in the text, Kramatorsk
]
#: Name, role and password of the users the tests sign in as.
USERS = {
    "alice": ("analyst", "alice-correct-horse-42"),
    "victor": ("viewer", "victor-battery-staple-7"),
}
CHROMIUM = os.environ.get("HARMTRACK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass(frozen=True)
class Live:
    url: str
    home: Path


def harmtrack(home: Path, *args: str, stdin: str | None = None) -> str:
    """Run the CLI against `home`; fail loudly with its output when it fails."""
    env = {**os.environ, "HARMTRACK_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "harmtrack", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"harmtrack {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(home: Path) -> None:
    harmtrack(home, "ingest", *(str(p) for p in REPORTS))
    for name, (role, password) in USERS.items():
        harmtrack(home, "users", "add", name, "--role", role, "--password-stdin", stdin=password)


@contextmanager
def serve(home: Path, *options: str, **settings: str) -> Iterator[Live]:
    """`harmtrack serve` on a free port, until it answers; stopped (and reaped) afterwards.

    `options` are added to the command (e.g. --public); `settings` become HARMTRACK_* variables
    (e.g. tile_url=...).
    """
    port = free_port()
    env = {**os.environ, "HARMTRACK_HOME": str(home)}
    env.update({f"HARMTRACK_{key.upper()}": value for key, value in settings.items()})
    log = (home / f"serve-{port}.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "harmtrack",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *options,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"harmtrack serve exited: {Path(log.name).read_text()}")
            try:
                # Any answer will do: "/" is the map, or a redirect to sign in.
                if httpx.get(url + "/", timeout=2).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("harmtrack serve did not answer within 60 s")
            time.sleep(0.2)
        yield Live(url, home)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def launch(playwright):  # type: ignore[no-untyped-def]
    """Debian's chromium, headless (Playwright's own browser download does not work here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def sign_in(page, live: Live, name: str) -> None:  # type: ignore[no-untyped-def]
    """Sign in through the login form, as a person would."""
    page.goto(live.url + "/login")
    page.fill("#login-name", name)
    page.fill("#login-password", USERS[name][1])
    with page.expect_navigation():
        page.click("form.login button[type=submit]")
