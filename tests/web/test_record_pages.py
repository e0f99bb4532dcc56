"""The record as data in the web app (issue 14, 15.10): figures and precision in the
events table and downloads, country-level places off the map, rejected events out of
every default view, metadata edits, dates at their granularity, closed-vocabulary
filters. Reports go in through the real CLI pipeline; pages are read by a test client
and, for what a reader sees, by headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.settings import Settings
from storyline.store import accounts, event_queries, review
from storyline.store.db import Store
from storyline.web import create_app
from storyline.web.config import WebOptions

from .serving import serving

pytestmark = pytest.mark.slow

CHROMIUM = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))

COUNTRY = """=HYPERLINK("http://evil.example","Convicts killed")

Tens of thousands of Russian prisoners who signed military contracts since 2022 have been
killed in Ukraine, researchers said.

About 120 men from a colony near Omsk enlisted in 2023, according to two former inmates.
"""


@pytest.fixture
def added(cli: Callable[..., Any], write: Callable[..., Path], store: Store) -> dict[str, int]:
    """One report through the real pipeline; the ids of its casualty and enlistment."""
    result = cli("add", str(write("country.txt", COUNTRY)), "--published", "2024-06-20")
    assert result.exit_code == 0, result.stderr
    rows = list(event_queries.iter_events(store, event_queries.EventFilters()))
    casualty = next(row.event.id for row in rows if row.event.type == "casualty")
    omsk = next(row.event.id for row in rows if "Omsk" in (row.event.place or ""))
    return {"casualty": casualty, "enlistment": omsk}


@pytest.fixture
def editor(client_for: Callable[..., Any], users: dict[str, str]) -> Any:
    return client_for(login="editor")


def test_downloads_have_typed_figures_precision_and_safe_cells(
    added: dict[str, int], editor: Any
) -> None:
    rows = list(csv.DictReader(io.StringIO(editor.get("/events/export.csv").text)))
    assert len(rows) == len({r["id"] for r in rows}) >= 2
    enlisted = next(r for r in rows if r["type"] == "enlistment" and r["precision"])
    assert (int(enlisted["value"]), enlisted["unit"], enlisted["precision"]) == (
        120,
        "person",
        "city",
    )
    assert all(r["document_title"].startswith("'=HYPERLINK") for r in rows)
    assert {r["published"] for r in rows} == {"2024-06-20"}
    features = json.loads(editor.get("/events/export.geojson").text)["features"]
    assert {f["properties"]["precision"] for f in features} == {"city", "country"}
    ukraine = next(f for f in features if f["properties"]["place"] == "Ukraine")
    assert ukraine["geometry"] is None
    items = editor.get("/api/events").json()["items"]
    assert next(e for e in items if e["type"] == "casualty")["low"] == 10_000


def test_the_map_draws_no_capital_for_a_country(added: dict[str, int], editor: Any) -> None:
    page = editor.get("/events/map").text
    assert "Omsk" in page
    assert "Ukraine:" not in page and "30.52" not in page  # no marker at Kyiv
    assert "placed only in a country" in page and "UA: 1" in page
    places = editor.get("/api/events/places").json()["items"]
    assert all(p["place"] != "Ukraine" for p in places)


def test_rejected_events_leave_table_map_timeline_and_downloads(
    added: dict[str, int], editor: Any, store: Store
) -> None:
    review.reject_event(store, added["enlistment"], "editor", "a different colony")
    assert "colony near Omsk" not in editor.get("/events").text
    assert "Omsk" not in editor.get("/events/map").text
    assert "2023" not in editor.get("/events/timeline").text
    for fmt in ("csv", "json", "geojson"):
        assert "colony near Omsk" not in editor.get(f"/events/export.{fmt}").text
        assert "colony near Omsk" not in editor.get(f"/api/exports/events.{fmt}").text
    assert "colony near Omsk" not in editor.get("/api/events").text
    shown = editor.get("/api/events?status=rejected").json()["items"]
    assert [e["id"] for e in shown] == [added["enlistment"]]


def test_year_and_open_dates_are_not_piled_on_a_month(added: dict[str, int], editor: Any) -> None:
    timeline = editor.get("/api/events/timeline").json()
    assert timeline["items"] == []  # neither "since 2022" nor "in 2023" is a month
    assert {c["period"] for c in timeline["coarse"]} == {"since 2022", "2023"}
    fragment = editor.get("/events/timeline").text
    assert "since 2022: 1" in fragment and "2023: 1" in fragment
    table = editor.get("/events").text
    assert "since 2022" in table and "2022-01-01" not in table


def test_unknown_filter_values_are_400(added: dict[str, int], editor: Any) -> None:
    response = editor.get("/api/events?type=enlistmnet")
    assert response.status_code == 400
    assert "enlistment" in response.text
    assert editor.get("/events?type=enlistmnet").status_code == 400
    assert editor.get("/api/events?status=gone").status_code == 400
    assert editor.get("/api/events?country=ZZ").status_code == 400
    assert len(editor.get("/api/events?country=ua").json()["items"]) == 1
    assert editor.get("/api/events?type=enlistment").status_code == 200
    omsk = editor.get("/api/events?place=Omsk").json()["items"]
    assert [e["type"] for e in omsk] == ["enlistment"]


def test_metadata_edit_is_for_editors_and_audited(
    added: dict[str, int],
    client_for: Callable[..., Any],
    users: dict[str, str],
    store: Store,
    csrf: Callable[..., str],
) -> None:
    viewer = client_for(login="viewer")
    assert viewer.get("/documents/1/edit").status_code == 403
    assert "Edit details" not in viewer.get("/documents/1").text
    editor = client_for(login="editor")
    form = {
        "title": "Convicts killed",
        "outlet": "Siberian Ledger",
        "url": "https://ledger.example/a",
        "published": "2024-06-20",
        "csrf_token": csrf(editor, "/documents/1/edit"),
    }
    response = editor.post("/documents/1/edit", data=form)
    assert response.status_code == 303
    page = editor.get("/documents/1").text
    assert "Siberian Ledger" in page and "Convicts killed" in page
    history = [h for h in review.history(store, "document", 1) if h["action"] == "document.set"]
    assert [h["actor"] for h in history] == ["editor"]
    bad = editor.post("/documents/1/edit", data={**form, "url": "javascript:alert(1)"})
    assert bad.status_code == 400 and "http(s)" in bad.text
    assert (
        len([h for h in review.history(store, "document", 1) if h["action"] == "document.set"]) == 1
    )
    headers = {"X-CSRF-Token": csrf(editor, "/documents/1")}
    patched = editor.patch("/api/documents/1", json={"outlet": "Ledger"}, headers=headers)
    assert patched.json()["changed"] == {"outlet": {"from": "Siberian Ledger", "to": "Ledger"}}
    rows = list(csv.DictReader(io.StringIO(editor.get("/events/export.csv").text)))
    assert {r["outlet"] for r in rows} == {"Ledger"}
    assert (
        editor.patch("/api/documents/1", json={"url": "/etc/passwd"}, headers=headers).status_code
        == 400
    )
    assert (
        editor.patch("/api/documents/99", json={"outlet": "x"}, headers=headers).status_code == 404
    )
    viewer_headers = {"X-CSRF-Token": csrf(viewer, "/documents/1")}
    denied = viewer.patch("/api/documents/1", json={"outlet": "x"}, headers=viewer_headers)
    assert denied.status_code == 403


@pytest.fixture
def served(
    store: Store, added: dict[str, int], settings: Settings
) -> Iterator[tuple[str, dict[str, int]]]:
    accounts.add_user(store, "ana", "correct horse battery", "editor")
    app = create_app(store, settings, WebOptions(local=True))
    with serving(app) as url:
        yield url, added


def test_in_chromium_figures_map_rejection_and_metadata(served: Any, store: Store) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and STORYLINE_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import expect, sync_playwright

    base, ids = served
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        page = browser.new_context(viewport={"width": 1360, "height": 900}).new_page()
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(base + "/login")
        page.fill("#name", "ana")
        page.fill("#password", "correct horse battery")
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("The record")

        # Figures are a column; a country has a precision and no marker at its capital.
        page.goto(base + "/events")
        expect(page.locator(".events-table td.figure").first).to_be_visible()
        expect(page.locator(".events-table")).to_contain_text("~120 person")
        expect(page.locator(".events-table")).to_contain_text("country")
        expect(page.locator(".map .country-level")).to_contain_text("UA: 1")
        titles = page.locator(".map circle title").all_text_contents()
        assert titles and not any(t.startswith("Ukraine") for t in titles)
        expect(page.locator(".timeline .coarse-periods")).to_contain_text("since 2022")

        # Reject the enlistment with the keyboard: it leaves the table and the map.
        page.goto(f"{base}/review?event={ids['enlistment']}")
        page.keyboard.press("r")
        page.wait_for_url(lambda url: f"event={ids['enlistment']}" not in url)
        page.goto(base + "/events")
        expect(page.locator(".events-table")).not_to_contain_text("colony near Omsk")
        expect(page.locator(".map")).to_contain_text("No events in this selection have a place")

        # Fix the document's outlet through its form.
        page.goto(base + "/documents/1")
        page.click("#edit-details")
        page.fill("#meta-outlet", "Siberian Ledger")
        page.click("#metadata-form button[type=submit]")
        expect(page.locator("p.meta").first).to_contain_text("Siberian Ledger")
        browser.close()
    assert problems == []
