"""Hostile values a black-box test found answered with a server error (issue 15): filters
longer than SQLite's 50,000-byte LIKE limit, and JSON strings holding half a surrogate pair.
Each must be a 400 that says what is wrong, on SQLite and PostgreSQL, for pages, the API and
the streamed CSV export alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from storyline.store import accounts
from storyline.store.db import Store

HUGE = "a" * 50_001
LONG = "b" * 600  # under the app-wide cap, over any name a filter looks for


@pytest.fixture
def bearer(store: Store, users: dict[str, str]) -> Callable[[str], dict[str, str]]:
    return lambda user: {"Authorization": f"Bearer {accounts.create_api_token(store, user, 't')}"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?source={v}",
        "/api/events?place={v}",
        "/events?source={v}",
        "/api/events/timeline?source={v}",
        "/api/events/places?source={v}",
        "/events/facets?source={v}",
        "/api/entities?q={v}",
        "/api/exports/events.csv?source={v}",
    ],
)
def test_overlong_filters_are_refused_with_their_name(
    seeded: Any, client_for: Callable, bearer: Callable, path: str
) -> None:
    client = client_for()
    headers = bearer("viewer")
    for value in (HUGE, LONG):
        answer = client.get(path.format(v=value), headers=headers)
        assert answer.status_code == 400, (path, len(value), answer.text[:200])
        name = path.split("?")[1].split("=")[0]
        assert name in answer.text and "characters" in answer.text


def test_half_a_surrogate_pair_in_json_is_a_400_that_says_so(
    seeded: Any, client_for: Callable, bearer: Callable
) -> None:
    client = client_for()
    headers = {**bearer("editor"), "Content-Type": "application/json"}
    document = seeded.colony
    for path, body in (
        (f"/api/documents/{document}/protect", '{"keys": ["\\ud800"]}'),
        ("/api/documents", '{"title": "x\\udfff", "text": "Floods\\n\\nAbout 300 fled."}'),
    ):
        answer = client.post(path, content=body.encode(), headers=headers)
        assert answer.status_code == 400, (path, answer.text)
        assert "surrogate" in answer.json()["detail"]
    fine = client.post(
        "/api/documents",
        content=b'{"text": "Floods \\ud83c\\udf0a\\n\\nAbout 300 people fled the town."}',
        headers=headers,
    )
    assert fine.status_code != 400 or "surrogate" not in fine.text, "a whole pair is text"
