"""Take the README's screenshots (docs/screenshots/map.png, incident.png) at 1280x800.

Usage: python tools/screenshots.py [--out docs/screenshots]   (needs /usr/bin/chromium)

Runs what the browser tests run: a fresh home with the seed reports, `harmtrack serve` on
loopback, Debian's chromium through Playwright.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from tests.browser.live import launch, prepare, serve, sign_in  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        home = Path(tmp)
        prepare(home)
        with serve(home) as live:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            sign_in(page, live, "alice")
            expect(page.locator("#map-count")).to_have_text("4 incidents, 4 located")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=args.out / "map.png")

            page.goto(live.url + "/?date_from=2017-11-13&date_to=2017-11-13")
            row = page.locator("section.list tbody tr", has_text="Al Atarib")
            with page.expect_navigation():
                row.locator("a").first.click()
            # Point at the death toll, as an analyst checking it would: its words light up.
            page.hover("#killed")
            expect(page.locator("mark.ev.ev-active").first).to_be_visible()
            page.screenshot(path=args.out / "incident.png")
            browser.close()


if __name__ == "__main__":
    main()
