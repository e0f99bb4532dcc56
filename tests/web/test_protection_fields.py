"""Protected witnesses beyond the text (issue 15, findings 1–5 and 10): the byline, URLs,
the file a report was added from, metadata and corrections typed by hand — before or after
protecting — and the other spellings of the name (capitals, handles, slugs, inflections).

Each test protects through the API as an editor, reads as a viewer, checks what the
database holds, then unprotects and checks that exactly what was there comes back. All run
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from storyline.store import accounts
from storyline.store.db import Store
from storyline.store.schema import AuditRow, CaptureRow, DocumentRow, EventRow

#: Any spelling of the witness's first name or surname (Kowalska, KOWALSKI, zara.…).
LEAK = re.compile(r"zara|kowalsk", re.IGNORECASE)


@pytest.fixture
def bearer(store: Store, users: dict[str, str]) -> Callable[[str], dict[str, str]]:
    """Headers carrying a fresh API token of the named user."""
    return lambda user: {"Authorization": f"Bearer {accounts.create_api_token(store, user, 't')}"}


def _act(client: Any, headers: dict[str, str], document: int, verb: str) -> None:
    response = client.post(
        f"/api/documents/{document}/{verb}", json={"keys": ["E1"]}, headers=headers
    )
    assert response.status_code == 200, response.text


def _metadata(store: Store, document: int) -> dict[str, Any]:
    with store.sessions() as session:
        row = session.get(DocumentRow, document)
        assert row is not None
        capture = session.get(CaptureRow, row.capture_id)
        assert capture is not None
        return {
            "title": row.title,
            "byline": row.byline,
            "outlet": row.outlet,
            "url": row.url,
            "canonical_url": row.canonical_url,
            "tags": list(row.tags),
            "input": capture.input,
            "capture_url": capture.url,
        }


def _audit(store: Store) -> str:
    with store.sessions() as session:
        return json.dumps([r.detail for r in session.scalars(select(AuditRow))])


def _event_data(store: Store, event: int) -> str:
    with store.sessions() as session:
        row = session.get(EventRow, event)
        assert row is not None
        return json.dumps([row.data, row.place], ensure_ascii=False)


def test_byline_urls_and_file_name_are_blacked_out_and_come_back(
    store: Store, witness: Any, users: dict[str, str], client_for: Callable, bearer: Callable
) -> None:
    with store.sessions.begin() as session:  # what an HTML page's metadata gave the report
        row = session.get(DocumentRow, witness.document)
        assert row is not None
        row.byline = "Zara Kowalski"
        row.canonical_url = "https://orsk-herald.example/2024/06/zara-kowalski-saw-recruiters"
        row.tags = ["Kowalski", "colony"]
        capture = session.get(CaptureRow, row.capture_id)
        assert capture is not None
        capture.input = "/srv/inbox/Interview with Zara Kowalski.html"
    before = _metadata(store, witness.document)
    client = client_for()
    viewer, editor = bearer("viewer"), bearer("editor")
    shown = client.get(f"/api/documents/{witness.document}", headers=viewer).json()
    assert shown["capture"]["input"] == "Interview with Zara Kowalski.html", "no server path"
    _act(client, editor, witness.document, "protect")
    for path in (f"/api/documents/{witness.document}", "/api/documents"):
        text = client.get(path, headers=viewer).text
        assert not LEAK.search(text), (path, LEAK.findall(text))
        assert "/srv/inbox" not in text
    page = client_for(login="viewer").get(f"/documents/{witness.document}").text
    assert not LEAK.search(page) and "/srv/inbox" not in page
    stored = json.dumps(_metadata(store, witness.document))
    assert not LEAK.search(stored), stored
    assert "colony" in stored, "only the name is blacked out"
    _act(client, editor, witness.document, "unprotect")
    assert _metadata(store, witness.document) == before


def test_metadata_typed_after_protecting_is_blacked_out_as_stored(
    store: Store, witness: Any, users: dict[str, str], client_for: Callable, bearer: Callable
) -> None:
    client = client_for()
    viewer, editor = bearer("viewer"), bearer("editor")
    _act(client, editor, witness.document, "protect")
    typed = {
        "title": "Interview: ZARA KOWALSKI speaks",
        "outlet": "Kowalski Weekly",
        "url": "https://example.org/zara-kowalski/Kowalski",
    }
    response = client.patch(f"/api/documents/{witness.document}", json=typed, headers=editor)
    assert response.status_code == 200, response.text
    for path in (
        f"/api/documents/{witness.document}",
        "/api/documents",
        "/api/documents?outlet=Kowalski Weekly",
    ):
        text = client.get(path, headers=viewer).text
        assert not LEAK.search(text), (path, LEAK.findall(text))
    stored = _metadata(store, witness.document)
    assert not LEAK.search(json.dumps(stored)) and not LEAK.search(_audit(store))
    assert stored["title"] is not None and stored["title"].startswith("Interview: ")
    _act(client, editor, witness.document, "unprotect")
    after = _metadata(store, witness.document)
    assert {k: after[k] for k in typed} == typed, "unprotecting brings back what was typed"


def test_corrections_typed_before_protecting_are_blacked_out_in_history_and_data(
    store: Store, witness: Any, users: dict[str, str], client_for: Callable, bearer: Callable
) -> None:
    client = client_for()
    viewer, editor = bearer("viewer"), bearer("editor")
    correction = {
        "decision": "correct",
        "changes": {
            "roles": {"actor": ["ZARA KOWALSKI (former inmate)"]},
            "place": "Kowalski house",
        },
        "note": "Zara Kowalski confirmed",
    }
    response = client.post(f"/api/events/{witness.event}/review", json=correction, headers=editor)
    assert response.status_code == 200, response.text
    _act(client, editor, witness.document, "protect")
    shown = client.get(f"/api/events/{witness.event}", headers=viewer).text
    assert not LEAK.search(shown), LEAK.findall(shown)
    assert not LEAK.search(_event_data(store, witness.event)), "stored review data masked"


SPELLINGS = [
    "ZARA KOWALSKI",
    "zara.kowalski@example.org",
    "https://t.me/ZaraKowalski",
    "Zara  Kowalski",
    "Zara\nKowalski",
    "Kowalska's neighbour",
    "Zara",
    "@zara_kowalski",
]


def test_other_spellings_typed_while_protected_are_masked_and_restored(
    store: Store, witness: Any, users: dict[str, str], client_for: Callable, bearer: Callable
) -> None:
    client = client_for()
    viewer, editor = bearer("viewer"), bearer("editor")
    _act(client, editor, witness.document, "protect")
    note = "Zara called again; the Kowalskis confirmed by phone."
    correction = {
        "decision": "correct",
        "changes": {"roles": {"actor": SPELLINGS}, "place": "Kowalski village"},
        "note": note,
    }
    response = client.post(f"/api/events/{witness.event}/review", json=correction, headers=editor)
    assert response.status_code == 200, response.text
    for path in (f"/api/events/{witness.event}", "/api/exports/events.csv", "/api/events"):
        text = client.get(path, headers=viewer).text
        assert not LEAK.search(text), (path, LEAK.findall(text))
    assert not LEAK.search(_event_data(store, witness.event))
    assert not LEAK.search(_audit(store))
    assert "confirmed by phone" in _event_data(store, witness.event), "the rest is kept"
    _act(client, editor, witness.document, "unprotect")
    back = client.get(f"/api/events/{witness.event}", headers=editor).json()
    assert sorted(r["text"] for r in back["roles"]["actor"]) == sorted(SPELLINGS)
    assert back["place"] == "Kowalski village"
    assert note in _event_data(store, witness.event)
