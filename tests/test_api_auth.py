"""Signing in: sessions, cookie flags, CSRF on unsafe requests, roles, the rate limit."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient
from sqlalchemy import select

from harmtrack.settings import Settings
from harmtrack.store.db import Database
from harmtrack.store.tables import SessionRow
from tests.webapp import PASSWORD, ClientFactory, sign_in


def _cookie_header(response) -> str:
    return next(v for k, v in response.headers.multi_items() if k == "set-cookie")


def test_api_auth_login_sets_a_hardened_session_cookie(make_client: ClientFactory) -> None:
    client = make_client(https=True)
    response = client.post("/api/v1/auth/login", json={"name": "ana", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["role"]) == ("ana", "analyst") and len(body["csrf_token"]) >= 40
    cookie = _cookie_header(response).lower()
    assert cookie.startswith("harmtrack_session=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie


def test_api_auth_cookie_is_not_secure_over_plain_http(make_client: ClientFactory) -> None:
    response = make_client().post("/api/v1/auth/login", json={"name": "ana", "password": PASSWORD})
    cookie = _cookie_header(response).lower()
    assert "httponly" in cookie and "secure" not in cookie


def test_api_auth_only_the_tokens_hash_is_stored(
    make_client: ClientFactory, web_settings: Settings
) -> None:
    client = make_client()
    sign_in(client, "vera")
    token = client.cookies["harmtrack_session"]
    db = Database(web_settings.db_url)
    with db.session() as session:
        stored = list(session.scalars(select(SessionRow.token_hash)))
    db.close()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert len(token) >= 43  # 32 random bytes, URL-safe base64


def test_api_auth_wrong_password_is_401(client: TestClient) -> None:
    response = client.post("/api/v1/auth/login", json={"name": "ana", "password": "nope"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "E610"
    assert "harmtrack_session" not in response.cookies


def test_api_auth_rate_limit_per_user_name_gives_429_with_retry_after(
    client: TestClient,
) -> None:
    for _ in range(5):
        wrong = client.post("/api/v1/auth/login", json={"name": "ana", "password": "wrong"})
        assert wrong.status_code == 401
    blocked = client.post("/api/v1/auth/login", json={"name": "ana", "password": PASSWORD})
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "E613"
    assert 0 < int(blocked.headers["Retry-After"]) <= 15 * 60
    # Another name from the same address is still refused once the address has used its five.
    other = client.post("/api/v1/auth/login", json={"name": "vera", "password": PASSWORD})
    assert other.status_code == 429


def test_api_auth_session_and_logout(viewer: TestClient) -> None:
    me = viewer.get("/api/v1/auth/session").json()
    assert (me["name"], me["role"]) == ("vera", "viewer")
    assert me["csrf_token"] == viewer.headers["X-CSRF-Token"]
    assert viewer.post("/api/v1/auth/logout").status_code == 204
    assert viewer.get("/api/v1/incidents").status_code == 401


def test_api_auth_logout_needs_the_csrf_token(viewer: TestClient) -> None:
    del viewer.headers["X-CSRF-Token"]
    response = viewer.post("/api/v1/auth/logout")
    assert response.status_code == 403 and response.json()["error"]["code"] == "E612"
    assert viewer.get("/api/v1/auth/session").status_code == 200


def test_api_auth_reading_needs_a_session(client: TestClient) -> None:
    for path in ("/api/v1/incidents", "/api/v1/incidents/1", "/api/v1/documents/1"):
        response = client.get(path)
        assert response.status_code == 401 and response.json()["error"]["code"] == "E610"


def test_api_users_admin_manages_users(admin: TestClient, make_client: ClientFactory) -> None:
    created = admin.post(
        "/api/v1/users", json={"name": "nour", "role": "viewer", "password": "a long passphrase"}
    )
    assert created.status_code == 201 and created.json()["role"] == "viewer"
    changed = admin.patch("/api/v1/users/nour", json={"role": "analyst"})
    assert changed.json()["role"] == "analyst"
    names = {u["name"]: u["role"] for u in admin.get("/api/v1/users").json()}
    assert names["nour"] == "analyst" and "password_hash" not in str(names)
    nour = make_client()
    login = nour.post("/api/v1/auth/login", json={"name": "nour", "password": "a long passphrase"})
    assert login.status_code == 200
    assert admin.delete("/api/v1/users/nour").status_code == 204
    assert nour.get("/api/v1/incidents").status_code == 401  # the session went with the user
    assert admin.delete("/api/v1/users/nour").status_code == 404
    assert admin.delete("/api/v1/users/adam").status_code == 422  # not yourself


def test_api_users_are_for_admins_only(analyst: TestClient) -> None:
    response = analyst.get("/api/v1/users")
    assert response.status_code == 403 and response.json()["error"]["code"] == "E611"


def test_api_users_short_password_is_refused(admin: TestClient) -> None:
    response = admin.post(
        "/api/v1/users", json={"name": "x", "role": "viewer", "password": "short"}
    )
    assert response.status_code == 422 and response.json()["error"]["code"] == "E520"


def test_api_auth_new_password_ends_open_sessions(
    viewer: TestClient, web_settings: Settings
) -> None:
    from harmtrack.auth.users import set_password

    db = Database(web_settings.db_url)
    with db.session() as session:
        set_password(session, "vera", "a brand new passphrase")
    db.close()
    assert viewer.get("/api/v1/incidents").status_code == 401


def test_api_auth_login_takes_json_only(client: TestClient) -> None:
    """A cross-site form cannot post JSON without a preflight: the login is not forgeable."""
    response = client.post("/api/v1/auth/login", data={"name": "ana", "password": PASSWORD})
    assert response.status_code == 422
    assert "harmtrack_session" not in response.cookies


def test_api_auth_signing_in_again_ends_the_earlier_session(make_client: ClientFactory) -> None:
    client = make_client()
    sign_in(client, "vera")
    first = client.cookies["harmtrack_session"]
    sign_in(client, "ana")
    assert client.cookies["harmtrack_session"] != first
    stale = make_client()
    stale.cookies.set("harmtrack_session", first)
    assert stale.get("/api/v1/incidents").status_code == 401
