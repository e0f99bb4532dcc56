"""Hostile requests to the web app: local paths, odd URLs and dates, streamed uploads, slow adds."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from storyline.store import accounts
from storyline.store.db import Store

RELATIVE = "Arrests\n\nYesterday police detained five people; a trial is due next week."


@pytest.fixture
def editor_headers(store: Store, users: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {accounts.create_api_token(store, 'editor', 't')}"}


@pytest.mark.parametrize(
    "url", ["/proc/self/environ", "/etc/passwd", "file:///etc/passwd", "../storyline.db", "-"]
)
@pytest.mark.parametrize("local", [False, True])
def test_local_paths_are_never_read_from_the_web(
    client_for: Callable, editor_headers: dict[str, str], url: str, local: bool
) -> None:
    client = client_for(local=local)
    response = client.post("/api/documents", json={"url": url}, headers=editor_headers)
    assert response.status_code == 400
    assert "http://" in response.json()["detail"]
    with_text = client.post(
        "/api/documents", json={"text": RELATIVE, "url": url}, headers=editor_headers
    )
    assert with_text.status_code == 400


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"url": "http://[::1/"}, "web address"),
        ({"url": "http://a..b/"}, "not a valid host name"),
        ({"url": "http://0177.0.0.1/x"}, "private or local address"),
        ({"url": "http://[::127.0.0.1]/x"}, "private or local address"),
        ({"url": "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/"}, "private or local address"),
        ({"text": "\u200b\u200b \u200d"}, "no visible text"),
    ],
)
def test_odd_inputs_are_400_with_a_message(
    client_for: Callable, editor_headers: dict[str, str], payload: dict[str, str], fragment: str
) -> None:
    response = client_for().post("/api/documents", json=payload, headers=editor_headers)
    assert response.status_code == 400, response.text
    assert fragment in response.json()["detail"]


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_calendar_edge_dates_and_odd_texts_are_stored(
    client_for: Callable, editor_headers: dict[str, str], published: str
) -> None:
    client = client_for()
    for text in (RELATIVE, "It was a long summer.</p> Police held five.", "Autumn/ came."):
        response = client.post(
            "/api/documents",
            json={"text": text, "published": published, "title": "Report \u202eexe"},
            headers=editor_headers,
        )
        assert response.status_code == 201, response.text


def _chunks(total: int, sent: list[int]) -> Iterator[bytes]:
    block = b"x" * 65536
    for _ in range(total // len(block)):
        sent.append(len(block))
        yield block


def test_anonymous_streamed_uploads_are_refused_unread(client_for: Callable, users: Any) -> None:
    sent: list[int] = []
    response = client_for().post(
        "/add", content=_chunks(4_000_000, sent), headers={"content-type": "multipart/form-data"}
    )
    assert response.status_code == 401
    assert "Sign in" in response.text


def test_streamed_uploads_stop_at_the_cap(
    client_for: Callable, editor_headers: dict[str, str]
) -> None:
    sent: list[int] = []
    response = client_for().post(
        "/api/documents",
        content=_chunks(3_000_000, sent),  # the app's cap is 200,000 bytes plus the envelope
        headers={**editor_headers, "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "The upload is larger than this server accepts."}


def test_slow_adds_leave_threads_for_pages(client_for: Callable, http_server: str) -> None:
    client = client_for(local=True)  # single-user: the local admin, fetching 127.0.0.1 allowed
    token = client.get("/add")
    assert token.status_code == 200
    csrf = token.text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    slow = f"{http_server}/slower"  # answers after 4 s
    adds = [
        threading.Thread(
            target=client.post,
            args=("/api/documents",),
            kwargs={"json": {"url": slow}, "headers": {"X-CSRF-Token": csrf}},
        )
        for _ in range(4)
    ]
    for add in adds:
        add.start()
    time.sleep(0.5)
    started = time.monotonic()
    page = client.get("/api/stats")
    waited = time.monotonic() - started
    for add in adds:
        add.join()
    assert page.status_code == 200
    assert waited < 3.0  # the adds hold their own threads; before, pages waited for them
