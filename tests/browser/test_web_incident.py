"""The incident page in Chromium: evidence highlighted in the source text, linked to the figures,
and an analyst's correction that shows in the figures and the revision history."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.live import Live, sign_in

pytestmark = pytest.mark.browser

TRANSPARENT = ("rgba(0, 0, 0, 0)", "transparent")


def open_atareb(page: Page, live: Live) -> None:
    """From the map's list, open the Atareb incident as a reader would."""
    page.goto(live.url + "/?date_from=2017-11-13&date_to=2017-11-13")
    row = page.locator("section.list tbody tr", has_text="Al Atarib")
    expect(row).to_have_count(1)
    with page.expect_navigation():
        row.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("Al Atarib")


def background(page: Page, selector: str) -> str:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e).backgroundColor")


def test_web_incident_evidence_is_highlighted(page: Page, live: Live):
    sign_in(page, live, "alice")
    open_atareb(page, live)
    text = page.locator("article.source-text div.text").first
    killed = text.locator('mark.ev[data-field~="killed_low"]')
    expect(killed).to_have_text("over 40 civilians were killed")
    expect(killed).to_be_visible()
    expect(text.locator('mark.ev[data-field~="target_site"]')).to_have_text("popular market")
    expect(text.locator('mark.ev[data-field~="location"]').first).to_have_text("Atareb")
    expect(text.locator('mark.ev[data-field~="perpetrator"]')).to_have_text(
        "aircraft of the Russian occupation forces"
    )
    # Each kind of field has its colour, and none is left unpainted.
    colours = {
        field: background(page, f'article.source-text mark.ev[data-field~="{field}"]')
        for field in ("killed_low", "target_site", "location", "date", "perpetrator")
    }
    assert not set(colours.values()) & set(TRANSPARENT)
    assert len(set(colours.values())) == len(colours), colours


def test_web_incident_figure_lights_up_its_evidence(page: Page, live: Live):
    sign_in(page, live, "alice")
    open_atareb(page, live)
    killed = page.locator('article.source-text mark.ev[data-field~="killed_low"]')
    market = page.locator('article.source-text mark.ev[data-field~="target_site"]')
    expect(killed).not_to_have_class(re.compile("ev-active"))

    page.hover("#killed")
    expect(killed).to_have_class(re.compile("ev-active"))
    expect(market).not_to_have_class(re.compile("ev-active"))

    # Keyboard users get the same: the fields table rows take focus.
    page.locator('table.fields tr[data-field="target_site"]').focus()
    expect(market).to_have_class(re.compile("ev-active"))
    expect(killed).not_to_have_class(re.compile("ev-active"))

    # And a claim's quoted evidence lights up its words in the text.
    page.locator("ul.evidence a", has_text="popular market").hover()
    expect(market).to_have_class(re.compile("ev-active"))

    page.keyboard.press("Escape")
    expect(market).not_to_have_class(re.compile("ev-active"))


def test_web_incident_correct_the_death_toll_with_a_reason(page: Page, live: Live):
    sign_in(page, live, "alice")
    open_atareb(page, live)
    before = page.locator("#killed .figures strong").inner_text()
    new = "58" if before != "58" else "59"
    page.select_option("#edit-field", "killed_best")
    page.fill("#edit-value", new)
    page.fill("#edit-reason", "the local council's list of names")
    with page.expect_navigation():
        page.click("#edit-form button[type=submit]")
    expect(page.locator("#killed .figures strong")).to_have_text(new)
    expect(page.locator("#killed .analyst")).to_be_visible()
    revision = page.locator("table.revisions tbody tr", has_text="killed_best").last
    expect(revision).to_contain_text("alice")
    expect(revision).to_contain_text("the local council's list of names")
    expect(revision.locator("td").nth(5)).to_have_text(new)

    # The list under the map shows the corrected figure too.
    page.goto(live.url + "/?date_from=2017-11-13&date_to=2017-11-13")
    expect(page.locator("section.list tbody tr", has_text="Al Atarib")).to_contain_text(new)


def test_web_incident_a_correction_needs_a_reason(page: Page, live: Live):
    sign_in(page, live, "alice")
    open_atareb(page, live)
    url = page.url
    revisions = page.locator("table.revisions tbody tr").count()
    page.fill("#edit-value", "1000")
    page.click("#edit-form button[type=submit]")
    # The browser refuses to send the form: the reason is required.
    assert page.url == url
    assert page.locator("#edit-reason").evaluate("e => !e.validity.valid")
    assert page.locator("table.revisions tbody tr").count() == revisions


def test_web_viewer_sees_no_correction_forms(page: Page, live: Live):
    sign_in(page, live, "victor")
    expect(page.locator("header.site .user")).to_contain_text("victor (viewer)")
    expect(page.locator("header.site nav")).not_to_contain_text("Review queue")
    open_atareb(page, live)
    expect(page.locator("article.source-text mark.ev").first).to_be_visible()
    expect(page.locator("form.review-form")).to_have_count(0)
    expect(page.locator("#edit-form")).to_have_count(0)
