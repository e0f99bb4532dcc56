"""Facet counts beside the events and documents tables, each a link that applies it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def _facet(page: str, label: str) -> dict[str, tuple[str, int]]:
    """One facet's values: shown label → (link, count)."""
    aside = page.split('id="facets"')[1].split("</aside>")[0]
    section = aside.split(f"<h2>{label}</h2>")[1].split("</section>")[0]
    found = re.findall(
        r'<a href="([^"]*)"[^>]*>(?:✓ )?([^<]*)</a>\s*<span class="count">(\d+)</span>', section
    )
    return {text: (html.unescape(link), int(n)) for link, text, n in found}


def test_event_facets_count_the_selection_and_link_to_it(
    seeded: Any, client_for: Callable[..., Any]
) -> None:
    client = client_for(local=True)
    # The page loads its facets after the table (htmx), for the same selection.
    assert 'hx-get="/events/facets?"' in client.get("/events").text
    page = client.get("/events/facets").text
    assert _facet(page, "Type") == {
        "recruitment_visit": ("/events?type=recruitment_visit", 2),
        "deployment": ("/events?type=deployment", 1),
        "enlistment": ("/events?type=enlistment", 1),
    }
    assert _facet(page, "Outlet")["northern-courier"][1] == 2
    assert _facet(page, "Place")["Tverskaya"] == ("/events?place=Tverskaya", 3)
    assert _facet(page, "Certainty")["reported"][1] == 2
    assert _facet(page, "Review") == {"awaiting review": ("/events?status=machine", 4)}

    # Following a facet narrows the table, and the other facets count what is left.
    link = _facet(page, "Outlet")["marsk-news"][0]
    table = client.get(link).text
    assert "1–1 of 1" in table and "sent" in table
    assert 'hx-get="/events/facets?outlet=marsk-news"' in table
    narrowed = client.get(link.replace("/events?", "/events/facets?")).text
    assert _facet(narrowed, "Type") == {
        "deployment": ("/events?outlet=marsk-news&type=deployment", 1)
    }
    # The chosen value is marked and its link takes the filter off again.
    assert _facet(narrowed, "Outlet") == {"marsk-news": ("/events", 1)}
    assert 'aria-current="true" title="remove this filter"' in narrowed


def test_document_facets_follow_the_search(seeded: Any, client_for: Callable[..., Any]) -> None:
    client = client_for(local=True)
    assert 'hx-get="/documents/facets?"' in client.get("/documents").text
    page = client.get("/documents/facets").text
    assert {k: v[1] for k, v in _facet(page, "Outlet").items()} == {
        "daily-mirror-site": 1,
        "marsk-news": 1,
        "northern-courier": 1,
    }
    assert _facet(page, "Language") == {"en": ("/documents?language=en", 3)}
    # An htmx search swaps the table and, out of band, a placeholder that loads the counts
    # of its rows.
    table = client.get("/documents?q=ombudsman", headers={"HX-Request": "true"}).text
    assert 'id="facets" class="facets" aria-label="Narrow by" hx-swap-oob="true"' in table
    assert 'hx-get="/documents/facets?q=ombudsman"' in table
    counts = client.get("/documents/facets?q=ombudsman").text
    assert _facet(counts, "Outlet") == {
        "marsk-news": ("/documents?q=ombudsman&outlet=marsk-news", 1)
    }


@pytest.mark.slow
def test_a_facet_link_narrows_the_events_in_the_browser(
    chromium_binary: Path, local_server: str, seeded: Any
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_binary))
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(local_server + "/events")
        facets = page.locator("#facets")
        expect(facets).to_be_visible()
        # Beside the table, not under it.
        table = page.locator("#events-table table").bounding_box()
        box = facets.bounding_box()
        assert table is not None and box is not None and box["x"] > table["x"] + table["width"] - 1
        facets.get_by_role("link", name="deployment").click()
        expect(page).to_have_url(local_server + "/events?type=deployment")
        expect(page.locator("#events-table tbody tr")).to_have_count(1)
        browser.close()


@pytest.mark.slow
def test_document_facets_load_after_the_table_and_follow_a_search_in_the_browser(
    chromium_binary: Path, local_server: str, seeded: Any
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_binary))
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(local_server + "/documents")
        outlets = page.locator("#facets section").filter(has_text="Outlet")
        expect(outlets.locator("li")).to_have_count(3)
        page.locator("#q").fill("ombudsman")
        page.locator("#q").press("Enter")
        expect(outlets.locator("li")).to_have_count(1)
        expect(outlets.get_by_role("link", name="marsk-news")).to_be_visible()
        browser.close()
