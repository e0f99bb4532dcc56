"""End to end in real headless Chromium: sign in, add, read, review, download.

The app runs under uvicorn on 127.0.0.1 in a thread over a real SQLite store; Chromium is
Debian's ``chromium`` package driven by Playwright (no browser download). Without
``/usr/bin/chromium`` the test is skipped — unless ``STORYLINE_REQUIRE_BROWSER=1`` (set by
``.ci/run``) makes that a failure. Screenshots of the main pages are saved to
``$STORYLINE_ARTIFACTS/web`` (default ``test-artifacts/web`` in the repository).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from storyline.settings import Settings
from storyline.store import accounts
from storyline.store.db import Store
from storyline.store.schema import EventRow
from storyline.web import create_app
from storyline.web.config import WebOptions

from .serving import serving

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("STORYLINE_ARTIFACTS", ROOT / "test-artifacts")) / "web"
PASTE = (
    "Recruiters came to the women's colony in Kessel twice in March 2024, two former "
    "inmates said. About 30 women signed contracts to serve as medics, and the regional "
    "prison service did not reply to questions."
)

pytestmark = pytest.mark.slow


@pytest.fixture
def served(store: Store, seeded: Any, settings: Settings) -> Iterator[tuple[str, Store, Any]]:
    """The app over the seeded store, under uvicorn on a free port of 127.0.0.1."""
    accounts.add_user(store, "ana", "correct horse battery", "editor")
    app = create_app(store, settings, WebOptions(local=True))
    with serving(app) as url:
        yield url, store, seeded


def _status(store: Store, event_id: int) -> EventRow:
    with store.sessions() as session:
        row = session.scalar(select(EventRow).where(EventRow.id == event_id))
        assert row is not None
        return row


def test_sign_in_add_read_review_and_download(chromium: Path, served: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, store, seeded = served
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = ARTIFACTS / store.dialect
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium))
        context = browser.new_context(
            viewport={"width": 1360, "height": 900}, accept_downloads=True
        )
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))

        # Sign in: the Secure session cookie must work on http://127.0.0.1.
        page.goto(base + "/")
        expect(page).to_have_url(base + "/login?next=%2F")
        page.fill("#name", "ana")
        page.fill("#password", "correct horse battery")
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("The record")
        # The claims count loads after the page (htmx), so a cold computation never delays it.
        expect(page.locator("#claims-summary")).to_contain_text("0 claims with open contradictions")
        page.screenshot(path=shots / "dashboard.png", full_page=True)

        # Add a report by pasting text; land on its page with the mentions marked.
        page.click("text=Add a report")
        page.fill("#paste-title", "Medics recruited in Kessel")
        page.fill("#paste-published", "2024-04-10")
        page.fill("#paste-text", PASTE)
        page.click("#paste-form button[type=submit]")
        expect(page.locator(".result")).to_contain_text("Added as document")
        quantities = "".join(page.locator("#text .m-quantity").all_text_contents())
        assert "About 30 women" in quantities  # one mention may be cut by a nested one
        assert page.locator("#text .m-time").count() >= 1
        page.screenshot(path=shots / "added.png", full_page=True)

        # Read a seeded report and choose an event: its evidence is marked in place.
        page.goto(f"{base}/documents/{seeded.colony}")
        page.click(".events a:has-text('visited')")
        expect(page.locator("#text mark.evidence").first).to_be_visible()
        expect(page).to_have_url(f"{base}/documents/{seeded.colony}?event=v1")
        page.screenshot(path=shots / "document.png", full_page=True)

        # Review: verify one event with the keyboard, correct another with the form.
        visit = seeded.events["visit"]
        page.goto(f"{base}/review?event={visit}")
        page.screenshot(path=shots / "review.png", full_page=True)
        page.keyboard.press("v")
        page.wait_for_url(lambda url: f"event={visit}" not in url)
        assert _status(store, visit).review_status == "verified"

        deploy = seeded.events["deploy"]
        page.goto(f"{base}/review?event={deploy}")
        page.select_option("select[name=certainty]", "reported")
        page.fill("input[name=place]", "Marsk colony")
        page.click("#correct-form button[type=submit]")
        page.wait_for_url(lambda url: f"event={deploy}" not in url)
        corrected = _status(store, deploy)
        assert (corrected.review_status, corrected.certainty, corrected.place) == (
            "corrected",
            "reported",
            "Marsk colony",
        )
        assert corrected.data["machine"]["certainty"] == "asserted"

        # Events: the table, its timeline and map, and the CSV of exactly these rows.
        page.goto(f"{base}/events?place=tversk")
        expect(page.locator(".map circle").first).to_be_attached()
        expect(page.locator(".timeline rect.bar").first).to_be_attached()
        shown = page.locator(".events-table tbody tr").count()
        with page.expect_download() as download:
            page.click("a:has-text('CSV')")
        with open(download.value.path(), encoding="utf-8") as saved:
            rows = list(csv.DictReader(saved))
        assert len(rows) == shown == 3
        assert {r["place"] for r in rows} == {"Tverskaya"}
        assert {r["review_status"] for r in rows} == {"verified", "machine"}
        page.goto(f"{base}/events")
        expect(page.locator(".map circle").first).to_be_attached()
        page.screenshot(path=shots / "events.png", full_page=True)

        # Claims: the seeded report and its reprint are one claim from one independent source.
        page.goto(base + "/claims")
        page.click(".claims-table tbody a >> nth=0")
        expect(page.locator(".claim-event")).to_have_count(2)
        expect(page.locator(".claim-counts")).to_contain_text("1 independent sources")
        page.screenshot(path=shots / "claim.png", full_page=True)

        for path, name in [("/documents", "documents"), ("/entities/LOC/Tverskaya", "entity")]:
            page.goto(base + path)
            page.screenshot(path=shots / f"{name}.png", full_page=True)
        browser.close()
    assert problems == []  # no CSP violation, no script error, no missing file
