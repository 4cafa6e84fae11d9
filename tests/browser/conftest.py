"""Browser-test fixtures: one live server for the session, a fresh browser context per test."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Response, sync_playwright

from tests.browser.live import Live, launch, prepare, serve


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    home = tmp_path_factory.mktemp("home")
    prepare(home)
    with serve(home) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, live: Live) -> Iterator[Page]:
    """A page in a fresh context (no cookies).

    Fails the test on any JavaScript error and on any script, style or API request that failed
    (pages themselves may answer 401/403: some tests ask for that).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live.url)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(f"script error: {error}"))

    def check(response: Response) -> None:
        path = urlparse(response.url).path
        if response.status >= 400 and path.startswith(("/static/", "/api/")):
            errors.append(f"{response.status} for {path}")

    tab.on("response", check)
    yield tab
    context.close()
    assert not errors, f"errors on the page: {errors}"
