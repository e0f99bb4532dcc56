"""A full database seen from the web app: 507 Insufficient Storage with the one-line reason,
never a 500, and nothing half-written (SQLite made full for real, see ``sqlite_full``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.store import accounts
from storyline.store.db import Store, open_store

SENTENCE = "Police detained 12 protesters in Kazan on Monday, officials said. "


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store only: the full database is made with a SQLite pragma."""
    opened = open_store(f"sqlite:///{tmp_path / 'full.db'}", tmp_path / "blobs")
    yield opened
    opened.close()


def _documents(store: Store) -> tuple[str, int]:
    path = store.url.split("///", 1)[1]
    with sqlite3.connect(path) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        return check, connection.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_adds_and_edits_on_a_full_database_are_507_with_the_reason(
    store: Store, client_for: Callable, sqlite_full: Callable[[str], Any]
) -> None:
    accounts.add_user(store, "ed", "a long editing passphrase", "editor")
    token = accounts.create_api_token(store, "ed", "disk")
    headers = {"Authorization": f"Bearer {token}"}
    client = client_for()
    first = client.post(
        "/api/documents",
        json={"text": "First report\n\n" + SENTENCE, "title": "First"},
        headers=headers,
    )
    assert first.status_code == 201, first.text
    full = sqlite_full(store.url.split("///", 1)[1])
    full.on()
    store.engine.dispose()  # pooled connections were opened before: reconnect under the cap
    added = client.post(
        "/api/documents", json={"text": "Big report\n\n" + SENTENCE * 400}, headers=headers
    )
    assert added.status_code == 507, added.text
    assert added.json()["detail"].startswith("disk full: the SQLite database cannot grow")
    assert _documents(store) == ("ok", 1)
    status = 200
    for number in range(300):  # edits fill the last free bytes; the first over them fails
        edit = client.patch(
            "/api/documents/1", json={"title": f"Edit {number} " + "long " * 380}, headers=headers
        )
        status = edit.status_code
        if status != 200:
            break
    assert status == 507, edit.text
    assert edit.json()["detail"].startswith("disk full: the SQLite database cannot grow")
    assert _documents(store) == ("ok", 1)
    full.off()
    store.engine.dispose()
    again = client.post(
        "/api/documents", json={"text": "Big report\n\n" + SENTENCE * 400}, headers=headers
    )
    assert again.status_code == 201, again.text
