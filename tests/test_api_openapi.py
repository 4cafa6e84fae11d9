"""The OpenAPI document validates, and every route says what it does and how it fails."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from tests.webapp import ClientFactory


@pytest.fixture(params=[False, True], ids=["workbench", "public"])
def spec(request: pytest.FixtureRequest, make_client: ClientFactory) -> dict:
    document: dict = make_client(public=request.param).get("/api/v1/openapi.json").json()
    return document


def _operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_api_openapi_document_validates(spec: dict) -> None:
    validate(spec)


def test_api_openapi_every_route_has_a_summary_description_and_errors(spec: dict) -> None:
    for path, method, operation in _operations(spec):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        assert operation.get("description"), where
        success = [s for s in operation["responses"] if s.startswith("2")]
        assert success, where
        errors = [s for s in operation["responses"] if s[0] in "45"]
        assert errors, f"{where} documents no error response"
        for status in errors:
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}, where


def test_api_openapi_public_mode_has_no_review_or_account_routes(
    make_client: ClientFactory,
) -> None:
    public = make_client(public=True).get("/api/v1/openapi.json").json()["paths"]
    full = make_client().get("/api/v1/openapi.json").json()["paths"]
    assert not [p for p in public if p.startswith(("/api/v1/auth", "/api/v1/users"))]
    assert "/api/v1/incidents/{incident_id}/edit" in full
    assert "/api/v1/incidents/{incident_id}/edit" not in public
    assert set(public) < set(full)


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/v1/nowhere", 404, "E601"),
        ("delete", "/api/v1/incidents", 405, "E602"),
        ("get", "/api/v1/incidents?limit=0", 422, "E603"),
        ("get", "/api/v1/incidents/abc", 422, "E603"),
    ],
)
def test_api_errors_share_one_shape(
    viewer: TestClient, method: str, path: str, status: int, code: str
) -> None:
    response = viewer.request(method, path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
    assert body["error"]["code"] == code and body["error"]["message"]


def test_api_server_failure_is_500_in_the_error_shape(viewer: TestClient, web_settings) -> None:
    """A real failure (a table gone from the database), not a simulated one."""
    import sqlite3

    connection = sqlite3.connect(web_settings.home / "harmtrack.db")
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("DROP TABLE zones")
    connection.commit()
    connection.close()
    response = viewer.get("/api/v1/zones")
    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "code": "E699",
            "message": "the server failed on this request",
            "hint": None,
        }
    }
    assert "zones" not in response.text  # no SQL or traceback in the answer
