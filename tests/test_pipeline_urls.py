"""Ingesting URLs from a real HTTP server on loopback."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harmtrack.pipeline import Ingestor
from harmtrack.sources.inputs import plan_inputs
from harmtrack.store import repo

PAGE = (
    "<!doctype html><html><head><title>Strike on Atareb market</title>"
    '<meta property="og:site_name" content="Syrian Coalition"></head><body>'
    '<nav><a href="/">Home</a> › press releases</nav><article><h1>Strike on Atareb market</h1>'
    "<p>"
    + "Russian jets fired vacuum missiles on a popular market in the town of Atareb. " * 4
    + "</p></article></body></html>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/release")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.send_header("X-Archive-Test", "kept")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_ingest_url_archives_body_and_headers(db, archive, settings, server: str) -> None:
    allowed = settings.model_copy(update={"allow_private": True})
    (result,) = Ingestor(db, archive, allowed).run(plan_inputs([f"{server}/moved"]))
    assert result.status == "ok", result.reason
    with db.session() as session:
        doc = repo.find_documents(session, str(result.document_id))[0]
        headers_sha, final_url, publisher = doc.headers_sha256, doc.final_url, doc.source.name
        text = doc.text
    assert archive.read(result.sha256) == PAGE
    assert final_url == f"{server}/release"
    assert publisher == "Syrian Coalition"
    assert "vacuum missiles" in text and "press releases" not in text
    assert headers_sha is not None
    saved = json.loads(archive.read(headers_sha))
    assert ["X-Archive-Test", "kept"] in saved["headers"] or ["x-archive-test", "kept"] in saved[
        "headers"
    ]
    assert saved["final_url"] == final_url


def test_ingest_loopback_url_refused_without_allow_private(db, archive, settings, server) -> None:
    (result,) = Ingestor(db, archive, settings).run(plan_inputs([f"{server}/release"]))
    assert result.status == "failed"
    assert "E111" in result.reason and "--allow-private" in result.reason
    assert server.split("//")[1].split(":")[0] in result.reason
    with db.session() as session:
        assert repo.count_by(session, "status") == {}
