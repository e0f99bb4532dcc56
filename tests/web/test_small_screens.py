"""At 390 px (a phone) the menu folds away and no page is wider than the screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

WIDTH, HEIGHT = 390, 844


def test_phone_pages_fit_and_the_menu_folds(
    chromium_binary: Path, local_server: str, seeded: Any
) -> None:
    from playwright.sync_api import expect, sync_playwright

    pages = [
        "/",
        "/documents",
        f"/documents/{seeded.colony}?event=v1",
        "/events",
        "/entities",
        "/claims?all=1",
        f"/claims/event/{seeded.events['visit']}",
        f"/review?event={seeded.events['visit']}",
        "/add",
    ]
    too_wide: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_binary))
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for path in pages:
            page.goto(local_server + path)
            header = page.locator("header.top").bounding_box()
            assert header is not None and header["height"] < 0.25 * HEIGHT, (path, header)
            # …and the page's own content starts in the first quarter of the screen.
            top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
            assert top < 0.25 * HEIGHT, (path, top)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                too_wide[path] = width
        assert too_wide == {}

        # The folded menu opens from the keyboard and reaches every page.
        page.goto(local_server + "/events")
        assert page.locator("table.grid").count() == 1  # the events table is on the page
        nav = page.locator("#main-nav")
        expect(nav).to_be_hidden()
        page.focus("button.menu-toggle")
        page.keyboard.press("Enter")
        expect(nav).to_be_visible()
        expect(page.locator("button.menu-toggle")).to_have_attribute("aria-expanded", "true")
        page.click("#main-nav >> text=Claims")
        expect(page).to_have_url(local_server + "/claims")

        # On a wide screen the menu is simply there.
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(local_server + "/")
        expect(nav).to_be_visible()
        expect(page.locator("button.menu-toggle")).to_be_hidden()
        browser.close()
