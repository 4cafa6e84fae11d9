"""`harmtrack serve`: a real uvicorn on loopback; refuses a public address for the workbench."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from harmtrack.cli import app
from harmtrack.cli.serve import is_loopback
from harmtrack.settings import Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_cli_serve_answers_on_loopback(seeded_home: Path, tmp_path: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "harmtrack", "--home", str(seeded_home), "serve",
               "--port", str(port), "--public"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                response = httpx.get(f"{base}/api/v1/facets", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["countries"] == ["SY"]
        page = httpx.get(f"{base}/", timeout=5)
        assert 'id="map"' in page.text and "server" not in page.headers
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10"])
def test_cli_serve_refuses_a_non_loopback_workbench(settings: Settings, host: str) -> None:
    result = CliRunner().invoke(app, ["--home", str(settings.home), "serve", "--host", host])
    assert result.exit_code == 2 and "not a loopback" in " ".join(result.output.split())


def test_cli_serve_loopback_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.10")
