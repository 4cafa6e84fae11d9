"""The map page in Chromium: signing in, markers and clusters, filters, the timeline, popups."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.live import Live, serve, sign_in

pytestmark = pytest.mark.browser

# The seed set: Atareb and Saraqib (13 Nov 2017, air strikes), Maarat al-Numan (1 Dec 2017,
# shelling), Douma (20 Feb 2018, air strikes; the Arabic report), Kramatorsk (8 Apr 2022, missile).
ALL = "5 incidents, 5 located"


def markers_shown(page: Page) -> int:
    """Incidents on the map: single markers plus the counts written on the clusters."""
    singles = page.locator("path.incident-marker").count()
    clusters = page.locator(".marker-cluster span").all_inner_texts()
    return singles + sum(int(text) for text in clusters)


def test_web_login_is_required_and_wrong_password_is_refused(page: Page, live: Live):
    page.goto(live.url + "/login")
    page.fill("#login-name", "alice")
    page.fill("#login-password", "not-her-password")
    page.click("form.login button[type=submit]")
    expect(page.locator("[role=alert]")).to_be_visible()
    assert urlparse(page.url).path == "/login"
    sign_in(page, live, "alice")
    assert urlparse(page.url).path == "/"
    expect(page.locator("header.site .user")).to_contain_text("alice (analyst)")


def test_web_map_shows_outlines_markers_and_clusters(page: Page, live: Live):
    sign_in(page, live, "alice")
    expect(page.locator("#map-count")).to_have_text(ALL)
    # Syria's four incidents cluster at the first view; Kramatorsk stands alone.
    expect(page.locator(".marker-cluster")).not_to_have_count(0)
    expect(page.locator("path.incident-marker")).not_to_have_count(0)
    assert markers_shown(page) == 5
    # The offline base layer: Natural Earth outlines drawn as paths, with their attribution.
    assert page.locator(".leaflet-overlay-pane path").count() > 100
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("GeoNames")
    # Nothing was fetched from another host: the page works offline.
    hosts = page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => new URL(e.name).host)"
    )
    assert set(hosts) == {urlparse(live.url).netloc}


def test_web_map_marker_size_grows_with_deaths(page: Page, live: Live):
    sign_in(page, live, "alice")
    expect(page.locator("#map-count")).to_have_text(ALL)
    page.select_option("#filter-country", "UA")
    expect(page.locator("#map-count")).to_have_text("1 incident, 1 located")
    expect(page.locator("path.incident-marker")).to_be_visible()
    big = page.locator("path.incident-marker").bounding_box()
    page.select_option("#filter-country", "SY")
    expect(page.locator("#map-count")).to_have_text("4 incidents, 4 located")
    # Douma was an air strike: Maarat al-Numan is Syria's only shelling.
    page.select_option("#filter-type", "Shelling/artillery/missile attack")
    expect(page.locator("#map-count")).to_have_text("1 incident, 1 located")
    expect(page.locator("path.incident-marker")).to_be_visible()
    small = page.locator("path.incident-marker").bounding_box()
    assert big and small
    # 57 killed in Kramatorsk, 7 in Maarat al-Numan: a larger circle, though not 8 times larger.
    assert small["width"] < big["width"] < 8 * small["width"]


def test_web_map_filters_change_the_count_and_live_in_the_url(page: Page, live: Live):
    sign_in(page, live, "alice")
    expect(page.locator("#map-count")).to_have_text(ALL)

    page.select_option("#filter-type", "Shelling/artillery/missile attack")
    expect(page.locator("#map-count")).to_have_text("2 incidents, 2 located")
    assert parse_qs(urlparse(page.url).query) == {
        "event_type": ["Shelling/artillery/missile attack"]
    }
    expect(page.locator("section.list table.incidents tbody tr")).to_have_count(2)
    assert markers_shown(page) == 2

    page.fill("#filter-date-from", "2017-11-01")
    page.fill("#filter-date-to", "2017-12-31")
    page.click("form.filters button[type=submit]")
    expect(page.locator("#map-count")).to_have_text("1 incident, 1 located")
    expect(page.locator("section.list")).to_contain_text("Ma'arrat an Nu'man")
    query = parse_qs(urlparse(page.url).query)
    assert query["date_from"] == ["2017-11-01"] and query["date_to"] == ["2017-12-31"]

    # The back button restores the previous filters (each change was a step), and the map follows.
    page.go_back()
    expect(page.locator("#filter-date-to")).to_have_value("")
    expect(page.locator("#filter-date-from")).to_have_value("2017-11-01")
    expect(page.locator("#map-count")).to_have_text("2 incidents, 2 located")
    page.go_back()
    expect(page.locator("#filter-date-from")).to_have_value("")
    expect(page.locator("#map-count")).to_have_text("2 incidents, 2 located")
    page.go_back()
    expect(page.locator("#map-count")).to_have_text(ALL)
    expect(page.locator("#filter-type")).to_have_value("")

    # A shared link opens with its filters applied.
    page.goto(live.url + "/?date_from=2017-11-13&date_to=2017-11-13")
    expect(page.locator("#map-count")).to_have_text("2 incidents, 2 located")
    expect(page.locator("#filter-date-from")).to_have_value("2017-11-13")


def test_web_timeline_draws_bars_and_a_click_sets_the_date_range(page: Page, live: Live):
    sign_in(page, live, "alice")
    expect(page.locator("#map-count")).to_have_text(ALL)
    bars = page.locator("#timeline rect.timeline-bar")
    counts = [int(c) for c in bars.evaluate_all("bs => bs.map(b => b.dataset.count)")]
    assert sum(counts) == 5
    # Four and a half years of data: one bar per week; the first holds both 13 November strikes.
    assert counts[0] == 2
    first = page.locator("#timeline rect.timeline-hit").first
    first.click()
    expect(page.locator("#filter-date-from")).to_have_value("2017-11-13")
    expect(page.locator("#filter-date-to")).to_have_value("2017-11-19")
    expect(page.locator("#map-count")).to_have_text("2 incidents, 2 located")
    # Filtered to one week, the timeline redraws with one bar per day.
    days = page.locator("#timeline rect.timeline-bar")
    expect(days).to_have_count(1)
    assert days.first.get_attribute("data-count") == "2"


def test_web_timeline_drag_across_bars_sets_a_range(page: Page, live: Live):
    sign_in(page, live, "alice")
    expect(page.locator("#map-count")).to_have_text(ALL)
    hits = page.locator("#timeline rect.timeline-hit")
    # Weekly bars from 13 November 2017: the third (27 November - 3 December) holds Maarat al-Numan.
    start, end = hits.nth(0).bounding_box(), hits.nth(2).bounding_box()
    assert start and end
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + 10)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 10, steps=4)
    expect(page.locator("#timeline rect.timeline-bar.selected")).to_have_count(3)
    page.mouse.up()
    expect(page.locator("#filter-date-from")).to_have_value("2017-11-13")
    expect(page.locator("#filter-date-to")).to_have_value("2017-12-03")
    expect(page.locator("#map-count")).to_have_text("3 incidents, 3 located")


def test_web_timeline_keyboard_selects_a_bar(page: Page, live: Live):
    sign_in(page, live, "alice")
    expect(page.locator("#map-count")).to_have_text(ALL)
    last = page.locator("#timeline rect.timeline-hit[tabindex='0']").last
    last.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#map-count")).to_have_text("1 incident, 1 located")
    assert page.locator("#filter-date-to").input_value() >= "2022-04-08"


def test_web_map_popup_shows_the_incident_and_links_to_it(page: Page, live: Live):
    sign_in(page, live, "alice")
    page.select_option("#filter-country", "UA")
    expect(page.locator("#map-count")).to_have_text("1 incident, 1 located")
    page.locator("path.incident-marker").click()
    popup = page.locator(".leaflet-popup-content .map-popup")
    expect(popup).to_contain_text("Kramatorsk")
    expect(popup).to_contain_text("2022-04-08")
    expect(popup).to_contain_text("Shelling/artillery/missile attack")
    expect(popup).to_contain_text("57 – 57 – 57")
    link = popup.locator("a", has_text=re.compile("Open incident"))
    href = link.get_attribute("href")
    assert href and re.fullmatch(r"/incidents/\d+", href)
    link.click()
    expect(page.locator("h1")).to_contain_text("Kramatorsk")


@pytest.fixture
def live_with_tiles(live: Live):
    """A second server over the same home whose map has an online tile layer; the "tile server"
    is the first server handing out one of Leaflet's images for every tile."""
    tiles = live.url + "/static/vendor/leaflet/images/layers.png?tile={z}-{x}-{y}"
    with serve(live.home, tile_url=tiles) as server:
        yield server


def test_web_map_tile_layer_when_configured(page: Page, live: Live, live_with_tiles: Live):
    sign_in(page, live_with_tiles, "alice")
    expect(page.locator("#map-count")).to_have_text(ALL)
    layers = page.locator(".leaflet-control-layers-base label")
    expect(layers).to_have_count(2)
    # The offline outlines are the default base layer: no tile is asked for until chosen.
    expect(page.locator("img.leaflet-tile")).to_have_count(0)
    layers.filter(has_text="Map tiles").locator("input").check()
    expect(page.locator("img.leaflet-tile-loaded").first).to_be_visible()
    # The outlines made way: the only paths left are the incidents' circles.
    expect(page.locator(".leaflet-overlay-pane path")).to_have_count(
        page.locator("path.incident-marker").count()
    )


def test_web_map_without_tiles_has_no_layer_switcher(page: Page, live: Live):
    sign_in(page, live, "alice")
    expect(page.locator("#map-count")).to_have_text(ALL)
    expect(page.locator(".leaflet-control-layers")).to_have_count(0)
    expect(page.locator("img.leaflet-tile")).to_have_count(0)


@pytest.fixture
def live_public(live: Live):
    """The same home served read-only to the public (`harmtrack serve --public`)."""
    with serve(live.home, "--public") as server:
        yield server


def test_web_public_map_needs_no_sign_in_and_offers_no_forms(page: Page, live_public: Live):
    page.goto(live_public.url + "/")
    expect(page.locator("#map-count")).to_have_text(ALL)
    assert markers_shown(page) == 5
    expect(page.locator("header.site")).to_contain_text("Public read-only view")
    page.goto(live_public.url + "/?country=UA")
    expect(page.locator("#map-count")).to_have_text("1 incident, 1 located")
    page.locator("path.incident-marker").click()
    with page.expect_navigation():
        page.locator(".map-popup a").last.click()
    expect(page.locator("article.source-text mark.ev").first).to_be_visible()
    expect(page.locator("form")).to_have_count(0)
