"""Public mode: read-only, no sign-in, and no sensitive field through any route, page or export."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from harmtrack.api.sensitive import sensitive_fields
from tests.webapp import ROOT, SECRET_REASON, SECRET_USER, ClientFactory

#: What public mode must never show: an analyst's name and reason, local file paths, hashes.
SECRETS = (SECRET_USER, SECRET_REASON, str(ROOT), "$argon2", "harmtrack_session")

PAGES = ["/", "/incidents/1", "/incidents/2", "/incidents/3"] + [
    f"/documents/{i}" for i in range(1, 7)
]


def _public_get_paths(client: TestClient) -> list[str]:
    """Every GET route of the public API, with the ids of the seeded records filled in."""
    spec = client.get("/api/v1/openapi.json").json()
    paths = []
    for path, item in spec["paths"].items():
        if "get" not in item:
            continue
        if "{incident_id}" in path:
            paths += [path.replace("{incident_id}", str(n)) for n in (1, 2, 3)]
        elif "{document_id}" in path:
            paths += [path.replace("{document_id}", str(n)) for n in range(1, 7)]
        else:
            paths.append(path)
    return paths


def test_api_public_routes_leak_no_sensitive_value(public_client: TestClient) -> None:
    paths = _public_get_paths(public_client) + PAGES
    assert "/api/v1/exports/incidents.json" in paths and "/api/v1/documents/1" in paths
    for path in paths:
        response = public_client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode("utf-8", "replace")
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} shown by {path}"


def test_api_public_sensitive_fields_are_null(public_client: TestClient) -> None:
    hidden = sensitive_fields()
    incident = public_client.get("/api/v1/incidents/1").json()
    revision = incident["revisions"][0]
    assert revision["field"] == "killed_best" and revision["new"] == 58  # the change is public
    assert all(revision[f] is None for f in hidden["revision"])
    document = public_client.get("/api/v1/documents/1").json()
    assert all(document[f] is None for f in hidden["document"])
    listed = public_client.get("/api/v1/documents").json()["items"]
    assert all(d["origin"] is None for d in listed)


def test_api_workbench_shows_what_public_mode_hides(analyst: TestClient) -> None:
    """The secrets above are really in the store: the public test would catch a leak."""
    incident = analyst.get("/api/v1/incidents/1").json()
    assert incident["revisions"][0]["user"] == SECRET_USER
    assert incident["revisions"][0]["why"] == SECRET_REASON
    assert str(ROOT) in analyst.get("/api/v1/documents/1").json()["origin"]
    assert SECRET_REASON in analyst.get("/incidents/1").text


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/incidents/1/edit"),
        ("post", "/api/v1/incidents/1/grade"),
        ("post", "/api/v1/incidents/1/merge"),
        ("post", "/api/v1/incidents/1/split"),
        ("get", "/api/v1/review"),
        ("post", "/api/v1/auth/login"),
        ("get", "/api/v1/users"),
        ("get", "/review"),
        ("get", "/login"),
        ("post", "/login"),
        ("post", "/incidents/1/edit"),
        ("post", "/incidents/1/grade"),
    ],
)
def test_api_public_has_no_review_or_account_routes(
    public_client: TestClient, method: str, path: str
) -> None:
    response = public_client.request(method, path, headers={"accept": "application/json"})
    assert response.status_code in (404, 405), path
    assert response.json()["error"]["code"] in ("E601", "E602")


def test_api_public_pages_have_no_forms_or_tokens(make_client: ClientFactory) -> None:
    page = make_client(public=True).get("/incidents/1").text
    assert "<form" not in page.replace('<form id="filters"', "") and "csrf" not in page
    assert "Public read-only view" in page
