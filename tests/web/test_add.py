"""Adding reports in the browser and through the API: the CLI's pipeline, errors by field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from storyline.store.db import Store
from storyline.store.schema import AuditRow, CaptureRow, DocumentRow

PASTE = (
    "Officials in the Orlov region said on Tuesday that about 60 inmates of a penal colony "
    "had signed contracts with the defence ministry in March, according to a lawyer who "
    "represents several of their families."
)


def _documents(store: Store) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count(DocumentRow.id))) or 0


@pytest.mark.slow
def test_a_pasted_report_is_stored_with_its_mentions(
    store: Store, users: dict[str, str], client_for: Callable, csrf: Callable
) -> None:
    client = client_for(login="editor")
    response = client.post(
        "/add",
        data={
            "csrf_token": csrf(client, "/add"),
            "mode": "paste",
            "title": "Inmates sign contracts in Orlov",
            "published": "2024-04-02",
            "text": PASTE,
        },
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.endswith("?added=1")
    page = client.get(location).text
    assert "Added as document" in page
    assert 'class="m m-quantity first last"' in page  # extraction ran
    with store.sessions() as session:
        document = session.scalar(select(DocumentRow))
        assert (document.title, str(document.published)) == (
            "Inmates sign contracts in Orlov",
            "2024-04-02",
        )
        assert session.scalar(select(CaptureRow.input)) == "web paste"
        audit = session.execute(select(AuditRow.actor, AuditRow.action)).all()
    assert audit == [("editor", "document.add")]
    again = client.post(
        "/add",
        data={
            "csrf_token": csrf(client, "/add"),
            "mode": "paste",
            "title": "Inmates sign contracts in Orlov",
            "published": "2024-04-02",
            "text": PASTE,
        },
    )
    assert again.status_code == 200 and "already stored as" in again.text
    assert _documents(store) == 1


@pytest.mark.parametrize(
    ("form", "files", "field", "message"),
    [
        ({"mode": "paste", "text": "  "}, None, "text", "Paste the report"),
        (
            {"mode": "paste", "text": PASTE, "published": "next Tuesday"},
            None,
            "published",
            "is not a date like 2024-06-20",
        ),
        ({"mode": "url", "url": "ftp://example.org/x"}, None, "url", "starting with http"),
        ({"mode": "upload"}, None, "file", "Choose a file"),
        (
            {"mode": "upload"},
            {"file": ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")},
            "file",
            "not a text or HTML report",
        ),
    ],
)
def test_problems_are_shown_next_to_their_field_and_nothing_is_stored(
    store: Store,
    users: dict[str, str],
    client_for: Callable,
    csrf: Callable,
    form: dict[str, str],
    files: Any,
    field: str,
    message: str,
) -> None:
    client = client_for(login="editor")
    response = client.post("/add", data={"csrf_token": csrf(client, "/add"), **form}, files=files)
    assert response.status_code == 400
    mode = form["mode"]
    error_id = f"{field}-{mode}-error"
    assert f'aria-describedby="{error_id}"' in response.text
    after = response.text.split(f'id="{error_id}">', 1)[1].split("</p>", 1)[0]
    assert message in after.replace("&#39;", "'")
    assert _documents(store) == 0


@pytest.mark.slow
def test_a_url_is_fetched_on_a_laptop(
    store: Store, client_for: Callable, csrf: Callable, http_server: str
) -> None:
    client = client_for(local=True)
    response = client.post(
        "/add",
        data={"csrf_token": csrf(client, "/add"), "mode": "url", "url": f"{http_server}/article"},
    )
    assert response.status_code == 303, response.text
    assert _documents(store) == 1


def test_a_team_server_does_not_fetch_private_addresses(
    store: Store, users: dict[str, str], client_for: Callable, csrf: Callable, http_server: str
) -> None:
    client = client_for(login="editor")
    response = client.post(
        "/add",
        data={"csrf_token": csrf(client, "/add"), "mode": "url", "url": f"{http_server}/article"},
    )
    assert response.status_code == 400
    assert "is a private or local address" in response.text
    assert _documents(store) == 0


def test_a_failed_fetch_is_reported_at_the_url_field(
    store: Store, client_for: Callable, csrf: Callable, http_server: str
) -> None:
    client = client_for(local=True)
    response = client.post(
        "/add",
        data={"csrf_token": csrf(client, "/add"), "mode": "url", "url": f"{http_server}/missing"},
    )
    assert response.status_code == 400
    assert 'id="url-url-error">HTTP 404 Not Found</p>' in response.text
    assert _documents(store) == 0


@pytest.mark.slow
def test_the_api_adds_a_pasted_report(
    store: Store, users: dict[str, str], client_for: Callable
) -> None:
    from storyline.store import accounts

    token = accounts.create_api_token(store, "editor", "importer")
    client = client_for()
    response = client.post(
        "/api/documents",
        json={"text": PASTE, "title": "Orlov contracts", "published": "2024-04-02"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    assert response.json()["status"] == "added"
    document = client.get(
        f"/api/documents/{response.json()['document']}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert document["document"]["published"] == "2024-04-02"
    assert any(m["kind"] == "quantity" for m in document["mentions"])
