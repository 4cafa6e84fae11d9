"""Document pages in Chromium: Arabic reads right to left; a report's markup stays text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.live import Live, sign_in

pytestmark = pytest.mark.browser


def document_id(page: Page, live: Live, origin_end: str) -> int:
    """The id of the document ingested from the file whose path ends so (via the API)."""
    response = page.request.get(live.url + "/api/v1/documents?limit=100")
    assert response.ok, response.status
    ids = [d["id"] for d in response.json()["items"] if (d["origin"] or "").endswith(origin_end)]
    assert len(ids) == 1, ids
    return ids[0]


def test_web_arabic_document_reads_right_to_left(page: Page, live: Live):
    sign_in(page, live, "victor")
    doc = document_id(page, live, "douma-2018-02-20-ar.txt")
    page.goto(f"{live.url}/documents/{doc}")
    text = page.locator("#document-text")
    expect(text).to_contain_text("مقتل 12 مدنياً بغارات جوية على مدينة دوما")
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.locator("h1").evaluate("e => getComputedStyle(e).direction") == "rtl"
    # Laid out from the right: a line's first word sits at the box's right edge.
    box = text.bounding_box()
    first = text.evaluate(
        """e => { const r = document.createRange(); const t = e.firstChild;
                  r.setStart(t, 0); r.setEnd(t, 3); return r.getBoundingClientRect().right; }"""
    )
    assert box and box["x"] + box["width"] - first < 40


def test_web_script_in_a_report_runs_nowhere(page: Page, live: Live):
    sign_in(page, live, "alice")
    doc = document_id(page, live, "maarat-2017-12-01-script.txt")
    page.goto(f"{live.url}/documents/{doc}")
    text = page.locator("#document-text")
    expect(text).to_contain_text("<script>window.__harmtrackPwned = true;</script>")
    expect(text).to_contain_text('<img src="x" onerror="window.__harmtrackPwned = true">')
    assert text.locator("script, img").count() == 0
    assert page.evaluate("() => window.__harmtrackPwned") is None

    # Nor on its incident's page, nor in the map's popup for it.
    incident = page.locator("ul.doc-claims a[href^='/incidents/']").first.get_attribute("href")
    page.goto(live.url + incident)
    expect(page.locator("article.source-text")).to_contain_text("<script>window.__harmtrackPwned")
    assert page.locator("article.source-text script, article.source-text img").count() == 0
    page.goto(live.url + "/?date_from=2017-12-01&date_to=2017-12-01")
    expect(page.locator("#map-count")).to_have_text("1 incident, 1 located")
    page.locator("path.incident-marker").click()
    expect(page.locator(".map-popup")).to_contain_text("Ma'arrat an Nu'man")
    assert page.evaluate("() => window.__harmtrackPwned") is None
