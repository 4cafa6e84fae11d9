"""The pages: map, incident, document, review queue, sign-in; the analysts' forms."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from tests.webapp import PASSWORD, ClientFactory

HTML = {"accept": "text/html"}


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field"
    return found.group(1)


def _form_login(client: TestClient, name: str, password: str = PASSWORD, next_path: str = "/"):
    form = client.get(f"/login?next={next_path}").text
    data = {
        "name": name,
        "password": password,
        "csrf_token": _field(form, "csrf_token"),
        "next": _field(form, "next"),
    }
    return client.post("/login", data=data, follow_redirects=False)


@pytest.fixture
def analyst_page(make_client: ClientFactory) -> TestClient:
    client = make_client()
    assert _form_login(client, "ana").status_code == 303
    return client


def test_web_pages_need_sign_in_and_come_back(client: TestClient) -> None:
    response = client.get("/incidents/1", headers=HTML, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/incidents/1"
    signed = _form_login(client, "vera", next_path="/incidents/1")
    assert (signed.status_code, signed.headers["location"]) == (303, "/incidents/1")
    assert client.get("/incidents/1").status_code == 200


def test_web_login_never_sends_you_elsewhere(client: TestClient) -> None:
    signed = _form_login(client, "vera", next_path="//evil.example/")
    assert signed.headers["location"] == "/"


def test_web_login_form_needs_its_csrf_token(client: TestClient) -> None:
    client.get("/login")
    data = {"name": "vera", "password": PASSWORD, "csrf_token": "forged", "next": "/"}
    assert client.post("/login", data=data).status_code == 403


def test_web_login_wrong_password_shows_the_form_again(client: TestClient) -> None:
    response = _form_login(client, "vera", "wrong password")
    assert response.status_code == 401 and "wrong user name or password" in response.text
    assert "harmtrack_session" not in response.cookies


def test_web_login_rate_limit(client: TestClient) -> None:
    for _ in range(5):
        assert _form_login(client, "vera", "wrong password").status_code == 401
    blocked = _form_login(client, "vera")
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0


def test_web_map_page_has_the_maps_elements(analyst_page: TestClient) -> None:
    page = analyst_page.get("/").text
    for element in (
        'id="map"', 'id="timeline"', 'id="filter-date-from"', 'id="filter-date-to"',
        'id="filter-country"', 'id="filter-type"', 'id="filter-perpetrator"',
        'id="filter-grade"', 'src="/static/vendor/leaflet/leaflet.js"',
        'src="/static/vendor/leaflet.markercluster/leaflet.markercluster.js"',
        'src="/static/js/map.js"', 'href="/static/vendor/leaflet/leaflet.css"',
    ):  # fmt: skip
        assert element in page, element
    config = re.search(r'<script type="application/json" id="map-config">(.*?)</script>', page)
    assert config is not None
    assert json.loads(config.group(1)) == {
        "api": "/api/v1/incidents.geojson",
        "facets": "/api/v1/facets",
        "outlines": "/static/data/countries.geojson",
        "tiles": None,
    }
    assert '<option value="russia"' in page and '<option value="syria_gov"' in page
    assert '<h2 id="list-title">4 incidents</h2>' in page


def test_web_map_page_lists_the_filtered_incidents(analyst_page: TestClient) -> None:
    page = analyst_page.get("/?country=SY&date_from=2017-11-14&grade=").text
    assert "2 incidents<" in page and "Kafranbel, Idlib, SY" in page
    assert "Duma, Rif-dimashq, SY" in page and "Al Atarib" not in page
    page = analyst_page.get("/?country=SY&date_from=2017-11-14&date_to=2017-12-31").text
    assert "1 incident<" in page and "Kafranbel" in page and "Duma" not in page


def test_web_map_tiles_come_from_the_settings(make_client: ClientFactory, web_settings) -> None:
    web_settings.tile_url = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    response = make_client(public=True).get("/")
    assert '"tiles": "https://{s}.tile.example.org/{z}/{x}/{y}.png"' in response.text
    assert (
        "img-src 'self' data: https://*.tile.example.org"
        in response.headers["content-security-policy"]
    )


def test_web_incident_page_shows_figures_claims_evidence_revisions(
    analyst_page: TestClient,
) -> None:
    page = analyst_page.get("/incidents/1").text
    assert re.search(r"40 – <strong>58</strong> – 61", page)
    assert page.count('class="claim-event"') == 3
    assert re.search(r'<mark class="ev" data-field="[^"]*killed_low[^"]*"', page)
    assert "over 40 civilians were killed" in re.sub(r"<[^>]+>", "", page)
    assert 'id="revisions"' in page and "informant-K7" in page
    assert 'action="/incidents/1/edit"' in page and 'name="csrf_token"' in page


def test_web_incident_correction_form_writes_a_revision(analyst_page: TestClient) -> None:
    page = analyst_page.get("/incidents/1").text
    form = {
        "csrf_token": _field(page, "csrf_token"),
        "field": "killed_best",
        "value": "59",
        "reason": "morgue records",
    }
    response = analyst_page.post("/incidents/1/edit", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/incidents/1")
    after = analyst_page.get("/incidents/1").text
    assert re.search(r"40 – <strong>59</strong> – 61", after) and "morgue records" in after


def test_web_grade_merge_split_forms(analyst_page: TestClient) -> None:
    token = _field(analyst_page.get("/incidents/1").text, "csrf_token")
    graded = analyst_page.post(
        "/incidents/3/grade", data={"csrf_token": token, "grade": "confirmed", "reason": "visit"}
    )
    assert graded.status_code == 200 and 'id="grade" class="grade grade-confirmed"' in graded.text
    merged = analyst_page.post(
        "/incidents/1/merge", data={"csrf_token": token, "others": "2", "reason": "same"}
    )
    assert merged.status_code == 200 and merged.url.path == "/incidents/1"
    claim = re.search(r'<option value="(\d+)">\d+: Syrian', merged.text)
    assert claim is not None
    split = analyst_page.post(
        "/incidents/1/split",
        data={"csrf_token": token, "claim_id": claim.group(1), "reason": "apart"},
    )
    assert split.status_code == 200 and split.url.path not in ("/incidents/1", "/incidents/2")


@pytest.mark.parametrize("token", [None, "forged"])
def test_web_form_without_its_csrf_token_is_refused(
    analyst_page: TestClient, token: str | None
) -> None:
    form = {"field": "killed_best", "value": "1", "reason": "x"}
    if token:
        form["csrf_token"] = token
    response = analyst_page.post("/incidents/1/edit", data=form, headers=HTML)
    assert response.status_code == 403 and "E612" in response.text
    assert re.search(r"<strong>58</strong>", analyst_page.get("/incidents/1").text)


def test_web_viewer_sees_no_forms_and_cannot_post(make_client: ClientFactory) -> None:
    client = make_client()
    _form_login(client, "vera")
    page = client.get("/incidents/1").text
    assert 'action="/incidents/1/edit"' not in page
    token = _field(page, "csrf_token")  # the sign-out form's
    form = {"csrf_token": token, "field": "killed_best", "value": "1", "reason": "x"}
    assert client.post("/incidents/1/edit", data=form).status_code == 403


def test_web_form_errors_are_pages_with_the_code(analyst_page: TestClient) -> None:
    token = _field(analyst_page.get("/incidents/1").text, "csrf_token")
    form = {"csrf_token": token, "field": "killed_best", "value": "many", "reason": "x"}
    response = analyst_page.post("/incidents/1/edit", data=form, headers=HTML)
    assert response.status_code == 422 and "E500" in response.text
    assert "not a valid killed_best" in response.text


def test_web_document_page(analyst_page: TestClient) -> None:
    page = analyst_page.get("/documents/1").text
    assert "c819be16e66ff00760c1ddb119dddd709ba2dbbc97c78a3e89847f66751013cb" in page
    assert 'href="/api/v1/documents/1/original"' in page
    assert page.count('<mark class="ev"') >= 8 and 'id="document-text"' in page


def test_web_document_page_right_to_left(analyst_page: TestClient) -> None:
    page = analyst_page.get("/documents/6").text
    assert re.search(r'id="document-text" lang="ar" dir="rtl"', page)


def test_web_review_queue(analyst_page: TestClient) -> None:
    page = analyst_page.get("/review").text
    assert "New: not yet reviewed (3)" in page and "autofocus" in page
    assert 'accesskey="q"' in page


def test_web_review_queue_needs_sign_in(client: TestClient) -> None:
    response = client.get("/review", headers=HTML, follow_redirects=False)
    assert response.status_code == 303


def test_web_logout(analyst_page: TestClient) -> None:
    token = _field(analyst_page.get("/").text, "csrf_token")
    response = analyst_page.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert analyst_page.get("/api/v1/incidents").status_code == 401


def test_web_static_files_are_served(client: TestClient) -> None:
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/data/countries.geojson").status_code == 200
