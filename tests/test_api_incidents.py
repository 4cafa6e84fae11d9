"""The incidents API: list with filters and totals, the map's GeoJSON, facets, one incident."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.webapp import SECRET_REASON, SECRET_USER


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_api_incidents_list_pages_with_total(viewer: TestClient) -> None:
    everything = viewer.get("/api/v1/incidents").json()
    # Atareb, Saraqib, Kafr Nabl and Douma (the Arabic report)
    assert everything["total"] == len(everything["items"]) == 4
    page = viewer.get("/api/v1/incidents", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 4 and page["limit"] == 1 and page["offset"] == 1
    assert [i["id"] for i in page["items"]] == [everything["items"][1]["id"]]
    atareb = everything["items"][0]
    assert (atareb["location"], atareb["sources"]) == ("Al Atarib", 3)
    assert atareb["killed"] == {"low": 40, "best": 58, "high": 61}  # the analyst's 58
    assert atareb["url"] == f"/incidents/{atareb['id']}"
    douma = everything["items"][3]
    assert (douma["date"], douma["country"], douma["admin1"], douma["location"]) == (
        "2018-02-21", "SY", "Rif-dimashq", "Duma"
    )  # fmt: skip
    assert (douma["lat"], douma["lon"], douma["geo_precision"]) == (33.57175, 36.4027, "town")
    assert douma["sub_event_type"] == "Shelling/artillery/missile attack"
    assert (douma["perpetrator"], douma["weapon"], douma["civilian"]) == (
        "syria_gov", "artillery", True
    )  # fmt: skip
    assert (douma["killed"]["low"], douma["injured"]["low"]) == (14, 40)


@pytest.mark.parametrize(
    ("params", "locations"),
    [
        ({"date_from": "2017-11-14"}, ["Kafranbel", "Duma"]),
        ({"date_to": "2017-11-13"}, ["Al Atarib", "Saraqib"]),
        ({"country": "sy", "admin1": "idlib"}, ["Saraqib", "Kafranbel"]),
        ({"event_type": "Air/drone strike"}, ["Al Atarib", "Saraqib", "Kafranbel"]),
        ({"sub_event_type": "Shelling/artillery/missile attack"}, ["Duma"]),
        ({"perpetrator": "russia", "min_killed": 9}, ["Al Atarib", "Kafranbel"]),
        ({"grade": "fair"}, ["Al Atarib"]),
        ({"q": "atarib"}, ["Al Atarib"]),
        ({"q": "kafranbel IDLIB"}, ["Kafranbel"]),
        (
            {"date_from": "", "grade": "", "country": ""},
            ["Al Atarib", "Saraqib", "Kafranbel", "Duma"],
        ),
        ({"country": "SY", "admin1": "rif-dimashq"}, ["Duma"]),
        ({"perpetrator": "syria_gov", "date_to": "2018-02-21"}, ["Duma"]),
        ({"date_from": "2017-11-14", "date_to": "2018-02-20"}, ["Kafranbel"]),
    ],
)
def test_api_incidents_filters(viewer: TestClient, params: dict, locations: list[str]) -> None:
    found = viewer.get("/api/v1/incidents", params=params).json()
    assert [i["location"] for i in found["items"]] == locations
    assert found["total"] == len(locations)


def test_api_incidents_geojson_has_the_maps_properties(viewer: TestClient) -> None:
    response = viewer.get("/api/v1/incidents.geojson", params={"country": "SY"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["truncated"] is False
    atareb = next(f for f in body["features"] if f["properties"]["location"] == "Al Atarib")
    assert atareb["geometry"] == {"type": "Point", "coordinates": [36.82504, 36.13907]}
    assert set(atareb["properties"]) == {
        "id", "date", "date_precision", "country", "admin1", "location", "geo_precision",
        "event_type", "sub_event_type", "perpetrator", "weapon", "target_site", "killed_low",
        "killed_best", "killed_high", "injured_best", "civilian", "grade", "url",
    }  # fmt: skip
    p = atareb["properties"]
    assert (p["killed_low"], p["killed_best"], p["killed_high"]) == (40, 58, 61)
    assert p["url"] == f"/incidents/{p['id']}" and p["date"] == "2017-11-13"


def test_api_incidents_geojson_limit_says_truncated(viewer: TestClient) -> None:
    body = viewer.get("/api/v1/incidents.geojson", params={"limit": 1}).json()
    assert len(body["features"]) == 1 and body["total"] == 4 and body["truncated"] is True


def test_api_facets_list_the_values_present(viewer: TestClient) -> None:
    facets = viewer.get("/api/v1/facets").json()
    assert facets["countries"] == ["SY"]
    assert facets["perpetrators"] == ["russia", "syria_gov"]
    assert facets["grades"] == ["fair", "weak"]
    assert "Explosions/Remote violence" in facets["event_types"]
    assert facets["sub_event_types"] == ["Air/drone strike", "Shelling/artillery/missile attack"]
    assert (facets["date_min"], facets["date_max"]) == ("2017-11-13", "2018-02-21")


def test_api_incident_detail_has_claims_evidence_and_revisions(viewer: TestClient) -> None:
    incident = viewer.get("/api/v1/incidents/1").json()
    events = [c for c in incident["claims"] if c["kind"] == "event"]
    assert sorted(c["fields"]["killed_low"] for c in events) == [40, 53, 61]
    assert {c["publisher"] for c in events} >= {"Syrian Coalition"}
    seed = next(c for c in events if c["fields"]["killed_low"] == 40)
    killed = next(e for e in seed["evidence"] if e["field"] == "killed_low")
    document = viewer.get(f"/api/v1/documents/{seed['document_id']}").json()
    assert document["text"][killed["start"] : killed["end"]] == killed["quote"]
    assert seed["document_url"] == f"/documents/{seed['document_id']}"
    statements = [c for c in incident["claims"] if c["kind"] == "statement"]
    assert {c["fields"]["statement_kind"] for c in statements} == {"condemn", "demand"}
    edit = next(r for r in incident["revisions"] if r["field"] == "killed_best")
    assert (edit["old"], edit["new"], edit["user"]) == (61, 58, SECRET_USER)
    assert edit["why"] == SECRET_REASON
    assert incident["overrides"] == {"killed_best": 58} and incident["status"] == "reviewed"


def test_api_incident_unknown_is_404_in_the_error_shape(viewer: TestClient) -> None:
    response = viewer.get("/api/v1/incidents/999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "E601", "message": "no incident 999", "hint": None}
    }
