"""Reading a report in Chromium: one mark per stretch, kinds shown or hidden from the
keyboard, and each mark's details reachable by keyboard and by touch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow


def _style(page: Any, selector: str, pseudo: str = "") -> dict[str, str]:
    return page.eval_on_selector(  # type: ignore[no-any-return]
        selector,
        "(el, pseudo) => { const s = getComputedStyle(el, pseudo || null);"
        " return {bg: s.backgroundColor, line: s.textDecorationLine, content: s.content}; }",
        pseudo,
    )


def test_marks_can_be_hidden_and_read_without_a_mouse(
    chromium_binary: Path, local_server: str, seeded: Any
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_binary))
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{local_server}/documents/{seeded.colony}")
        assert page.locator("#text .m .m").count() == 0  # no mark inside a mark

        # Hide the entities with the keyboard alone: their marks lose colour and brackets.
        entity = "#text .m-entity.first"
        assert _style(page, entity, "::before")["content"] == '"«"'
        page.focus("input[data-mark-kind=entity]")
        page.keyboard.press("Space")
        assert _style(page, entity)["line"] == "none"
        assert _style(page, entity, "::before")["content"] == "none"
        assert _style(page, "#text .m-quantity.first")["line"] == "underline"  # others stay
        # Hidden marks leave the Tab order; the choice holds on the next page.
        assert page.get_attribute(entity, "tabindex") == "-1"
        page.goto(f"{local_server}/documents/{seeded.flood}")
        expect(page.locator("input[data-mark-kind=entity]")).not_to_be_checked()
        page.focus("input[data-mark-kind=entity]")
        page.keyboard.press("Space")

        # Tab into the text: the first mark's details appear in the panel.
        page.goto(f"{local_server}/documents/{seeded.colony}")
        panel = page.locator("#mark-details")
        expect(panel).to_be_hidden()
        page.focus("input[data-mark-kind=entity]")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.closest('#text') !== null"):
                break
        expect(panel).to_be_visible()
        focused = page.evaluate("document.activeElement.dataset.detail")
        expect(panel).to_contain_text(focused.split("\n")[0])
        page.keyboard.press("Escape")
        expect(panel).to_be_hidden()

        # The review page's excerpt works the same way.
        page.goto(f"{local_server}/review?event={seeded.events['visit']}")
        page.focus(".context [data-detail]")
        expect(page.locator("#mark-details")).to_be_visible()
        browser.close()


def test_a_tap_on_a_mark_shows_its_details(
    chromium_binary: Path, local_server: str, seeded: Any
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_binary))
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
        )
        page = context.new_page()
        page.goto(f"{local_server}/documents/{seeded.colony}")
        page.tap("#text .m-quantity.first")
        expect(page.locator("#mark-details")).to_contain_text("quantity q1: 40 person")
        browser.close()
