"""Hostile report text renders inert; every answer carries the security headers; pages carry no
inline script."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

KAFR_NABL_DOCUMENT = 5
KAFR_NABL_INCIDENT = 3
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>")


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page)


@pytest.mark.parametrize(
    "path", [f"/documents/{KAFR_NABL_DOCUMENT}", f"/incidents/{KAFR_NABL_INCIDENT}"]
)
def test_web_hostile_text_is_escaped_on_pages(viewer: TestClient, path: str) -> None:
    page = viewer.get(path).text
    for markup in HOSTILE:
        assert markup not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert not re.search(r"<[a-z]+[^>]*\son(error|load)=", page)
    assert all("src=" in tag or 'type="application/json"' in tag for tag in _scripts(page))


def test_web_hostile_text_is_plain_data_in_the_api(viewer: TestClient) -> None:
    response = viewer.get(f"/api/v1/documents/{KAFR_NABL_DOCUMENT}")
    assert response.headers["content-type"] == "application/json"
    document = response.json()
    assert "<script>alert(1)</script>" in document["title"] + document["text"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_web_hostile_title_in_the_config_block_cannot_close_it(viewer: TestClient) -> None:
    from harmtrack.web.pages import json_script

    block = str(json_script({"title": "</script><script>alert(1)</script>"}))
    assert "</script>" not in block and "<" not in block


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/incidents/1",
        "/documents/1",
        "/login",
        "/api/v1/incidents",
        "/api/v1/nowhere",
        "/static/js/map.js",
        "/api/v1/documents/1/original",
    ],
)
def test_web_security_headers_on_every_answer(viewer: TestClient, path: str) -> None:
    headers = viewer.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"


def test_web_pages_have_no_inline_script_or_style(viewer: TestClient) -> None:
    for path in ("/", "/incidents/1", "/documents/1", "/documents/6"):
        page = viewer.get(path).text
        assert all("src=" in tag or 'type="application/json"' in tag for tag in _scripts(page))
        assert " style=" not in page and "<style" not in page
        assert not re.search(r"\son[a-z]+=", page)
