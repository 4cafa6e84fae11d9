"""Review actions through the API: edit, grade, merge, split; roles and CSRF tokens."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from harmtrack.settings import Settings
from harmtrack.store import audit
from harmtrack.store.db import Database


def _verify(settings: Settings) -> audit.ChainReport:
    db = Database(settings.db_url)
    with db.session() as session:
        report = audit.verify(session)
    db.close()
    return report


def test_api_review_edit_writes_a_revision(analyst: TestClient, web_settings: Settings) -> None:
    response = analyst.post(
        "/api/v1/incidents/1/edit",
        json={"field": "killed_best", "value": "57", "reason": "hospital list"},
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"incident_id": 1, "field": "killed_best", "old": 58, "new": 57}
    incident = analyst.get("/api/v1/incidents/1").json()
    assert incident["killed"]["best"] == 57
    last = incident["revisions"][-1]
    assert (last["user"], last["field"], last["new"], last["why"]) == (
        "ana", "killed_best", 57, "hospital list"
    )  # fmt: skip
    assert _verify(web_settings).ok


def test_api_review_unset_returns_to_the_claims(analyst: TestClient) -> None:
    body = {"field": "killed_best", "value": None, "reason": "list was wrong"}
    response = analyst.post("/api/v1/incidents/1/edit", json=body)
    assert response.json()["new"] == 61


def test_api_review_grade(analyst: TestClient) -> None:
    response = analyst.post(
        "/api/v1/incidents/2/grade", json={"grade": "confirmed", "reason": "site visit"}
    )
    assert response.status_code == 200 and response.json()["new"] == "confirmed"
    assert analyst.get("/api/v1/incidents/2").json()["grade"] == "confirmed"
    bad = analyst.post("/api/v1/incidents/2/grade", json={"grade": "great", "reason": "x"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E603"


def test_api_review_merge_and_split(analyst: TestClient) -> None:
    merged = analyst.post(
        "/api/v1/incidents/1/merge", json={"others": [2], "reason": "same strike"}
    )
    assert merged.status_code == 200, merged.text
    assert {c["fields"].get("location") for c in merged.json()["claims"]} >= {"Saraqib"}
    assert analyst.get("/api/v1/incidents/2").json()["merged_into"] == 1
    saraqib = next(
        c["id"] for c in merged.json()["claims"] if c["fields"].get("location") == "Saraqib"
    )
    split = analyst.post(
        "/api/v1/incidents/1/split", json={"claim_id": saraqib, "reason": "not the same"}
    )
    assert split.status_code == 200
    assert [c["id"] for c in split.json()["claims"]] == [saraqib]


def test_api_review_split_of_another_incidents_claim_is_refused(analyst: TestClient) -> None:
    other = analyst.get("/api/v1/incidents/2").json()["claims"][0]["id"]
    response = analyst.post("/api/v1/incidents/1/split", json={"claim_id": other, "reason": "x"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "E500"


def test_api_review_bad_field_and_unknown_incident(analyst: TestClient) -> None:
    bad = analyst.post(
        "/api/v1/incidents/1/edit", json={"field": "profile", "value": "x", "reason": "y"}
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E500"
    assert "Editable fields" in bad.json()["error"]["hint"]
    missing = analyst.post(
        "/api/v1/incidents/99/edit", json={"field": "grade", "value": "weak", "reason": "y"}
    )
    assert missing.status_code == 404


def test_api_review_reason_is_required(analyst: TestClient) -> None:
    response = analyst.post(
        "/api/v1/incidents/1/edit", json={"field": "killed_best", "value": "50", "reason": ""}
    )
    assert response.status_code == 422 and "reason" in response.json()["error"]["message"]


def test_api_review_viewer_gets_403(viewer: TestClient) -> None:
    response = viewer.post(
        "/api/v1/incidents/1/edit", json={"field": "killed_best", "value": "1", "reason": "x"}
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "E611"
    assert viewer.get("/api/v1/incidents/1").json()["killed"]["best"] == 58


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_api_review_without_the_right_csrf_token_is_403(
    analyst: TestClient, token: str | None
) -> None:
    if token is None:
        del analyst.headers["X-CSRF-Token"]
    else:
        analyst.headers["X-CSRF-Token"] = token
    response = analyst.post(
        "/api/v1/incidents/1/edit", json={"field": "killed_best", "value": "1", "reason": "x"}
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "E612"
    assert analyst.get("/api/v1/incidents/1").json()["killed"]["best"] == 58


def test_api_review_not_signed_in_is_401(client: TestClient) -> None:
    response = client.post("/api/v1/incidents/1/grade", json={"grade": "confirmed", "reason": "x"})
    assert response.status_code == 401


def test_api_review_queue(analyst: TestClient) -> None:
    new = analyst.get("/api/v1/review", params={"queue": "new"}).json()
    # Atareb was reviewed; the others, Douma among them, were not.
    assert [i["location"] for i in new["items"]] == ["Saraqib", "Kafranbel", "Duma"]
    assert analyst.get("/api/v1/review", params={"queue": "contested"}).json()["total"] == 0
