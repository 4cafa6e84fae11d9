"""Documents, sources, statements, zones and exports through the API."""

from __future__ import annotations

import csv
import hashlib
import io
import json

from fastapi.testclient import TestClient

from tests.webapp import REPORTS


def test_api_documents_list_and_filters(viewer: TestClient) -> None:
    page = viewer.get("/api/v1/documents").json()
    assert page["total"] == len(REPORTS) == len(page["items"])
    seed = page["items"][0]
    assert seed["sha256"].startswith("c819be16") and seed["publisher"] == "Syrian Coalition"
    assert seed["original_url"] == "/api/v1/documents/1/original"
    arabic = viewer.get("/api/v1/documents", params={"language": "ar"}).json()
    assert [d["id"] for d in arabic["items"]] == [6] and arabic["total"] == 1
    later = viewer.get("/api/v1/documents", params={"published_from": "2017-11-15"}).json()
    assert {d["id"] for d in later["items"]} == {3, 5}


def test_api_document_detail_has_text_claims_and_spans(viewer: TestClient) -> None:
    doc = viewer.get("/api/v1/documents/1").json()
    assert doc["direction"] == "ltr" and doc["origin"].endswith("atareb-2017-11-13.txt")
    event = next(c for c in doc["claims"] if c["kind"] == "event")
    assert event["incident_id"] == 1
    for span in event["evidence"]:
        assert doc["text"][span["start"] : span["end"]] == span["quote"]
        assert span["rule"]


def test_api_document_arabic_is_right_to_left(viewer: TestClient) -> None:
    doc = viewer.get("/api/v1/documents/6").json()
    assert (doc["language"], doc["direction"]) == ("ar", "rtl")


def test_api_document_original_is_the_archived_bytes(viewer: TestClient) -> None:
    response = viewer.get("/api/v1/documents/1/original")
    assert response.status_code == 200
    assert response.content == REPORTS[0].read_bytes()
    digest = hashlib.sha256(response.content).hexdigest()
    assert response.headers["X-Content-SHA256"] == digest
    assert response.headers["content-disposition"] == f'attachment; filename="{digest}.txt"'
    assert response.headers["content-type"] == "application/octet-stream"


def test_api_document_original_altered_in_the_archive_is_refused(
    viewer: TestClient, web_settings
) -> None:
    doc = viewer.get("/api/v1/documents/1").json()
    path = web_settings.archive_dir / doc["sha256"][:2] / doc["sha256"][2:4] / doc["sha256"]
    path.chmod(0o644)
    path.write_bytes(b"tampered")
    response = viewer.get("/api/v1/documents/1/original")
    assert response.status_code == 404 and "altered" in response.json()["error"]["message"]


def test_api_sources(viewer: TestClient) -> None:
    sources = {s["name"]: s["documents"] for s in viewer.get("/api/v1/sources").json()}
    assert sources["Syrian Coalition"] == 1 and len(sources) >= 4


def test_api_statements(viewer: TestClient) -> None:
    found = viewer.get("/api/v1/statements", params={"kind": "condemn"}).json()
    speakers = {(s["speaker"], s["incident_id"]) for s in found["items"]}
    assert ("Syrian Coalition", 1) in speakers and found["total"] == len(found["items"])
    for item in found["items"]:
        assert item["statement_kind"] == "condemn" and item["evidence"]


def test_api_zones(viewer: TestClient) -> None:
    assert viewer.get("/api/v1/zones").json() == []


def test_api_export_csv(viewer: TestClient) -> None:
    response = viewer.get("/api/v1/exports/incidents.csv", params={"country": "SY"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["location"] for r in rows] == ["Al Atarib", "Saraqib", "Kafranbel", "Duma"]
    assert (rows[0]["killed_low"], rows[0]["killed_best"], rows[0]["killed_high"]) == (
        "40", "58", "61"
    )  # fmt: skip
    assert rows[0]["civilian"] == "true" and rows[0]["grade"] == "fair"
    duma = rows[3]  # from the Arabic report
    assert (duma["date"], duma["admin1"], duma["killed_low"], duma["civilian"]) == (
        "2018-02-21", "Rif-dimashq", "14", "true"
    )  # fmt: skip


def test_api_export_json_and_geojson_follow_the_filters(viewer: TestClient) -> None:
    exported = json.loads(viewer.get("/api/v1/exports/incidents.json?q=atarib").text)
    assert [i["location"] for i in exported] == ["Al Atarib"]
    assert len([c for c in exported[0]["claims"] if c["kind"] == "event"]) == 3
    geo = json.loads(viewer.get("/api/v1/exports/incidents.geojson?limit=2").text)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    assert geo["features"][0]["properties"]["killed_best"] == 58
