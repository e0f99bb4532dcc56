"""Sign-in limits in the web app: guessing is cut off before argon2 runs (issue 15.9).

Also the lifetime of API tokens as scripts see it: an expired token, or one issued before
a password change, gets 401.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import update

from storyline.store import accounts
from storyline.store.db import Store
from storyline.store.schema import ApiTokenRow, LoginLimitRow

from .conftest import PASSWORD


def _login(client: Any, csrf: Callable, name: str, password: str) -> Any:
    return client.post(
        "/login", data={"name": name, "password": password, "csrf_token": csrf(client)}
    )


def test_a_hundred_and_twenty_guesses_then_the_right_password_is_refused(
    users: dict[str, str], client_for: Callable, csrf: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for()
    hashed: list[str] = []
    authenticate = accounts.authenticate

    def counting(store: Store, name: str, password: str) -> accounts.Account | None:
        hashed.append(password)
        return authenticate(store, name, password)

    monkeypatch.setattr(accounts, "authenticate", counting)
    statuses = [_login(client, csrf, "editor", f"guess no. {n}").status_code for n in range(120)]
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}
    assert len(hashed) == 5  # refused guesses never reach argon2
    response = _login(client, csrf, "editor", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins for this account; try again in" in response.text
    assert 0 < int(response.headers["retry-after"]) <= 61
    assert client.get("/").status_code == 303  # still not signed in


def test_a_lock_ends_and_a_good_sign_in_clears_the_count(
    store: Store, users: dict[str, str], client_for: Callable, csrf: Callable
) -> None:
    client = client_for()
    for _ in range(5):
        _login(client, csrf, "viewer", "wrong wrong wrong")
    assert _login(client, csrf, "viewer", PASSWORD).status_code == 429
    with store.sessions.begin() as session:
        session.execute(update(LoginLimitRow).values(locked_until=None))
    assert _login(client, csrf, "viewer", PASSWORD).status_code == 303
    other = client_for()
    for _ in range(4):  # the count started again from zero
        assert _login(other, csrf, "viewer", "wrong wrong wrong").status_code == 401
    assert _login(other, csrf, "viewer", PASSWORD).status_code == 303


def test_one_client_spraying_names_is_locked_out(
    users: dict[str, str], client_for: Callable, csrf: Callable
) -> None:
    client = client_for()
    for number in range(20):
        assert _login(client, csrf, f"nobody{number}", "guess guess guess").status_code == 401
    response = _login(client, csrf, "admin", PASSWORD)
    assert response.status_code == 429
    assert "for this address" in response.text


def test_expired_and_pre_password_change_tokens_get_401(
    store: Store, users: dict[str, str], client_for: Callable
) -> None:
    client = client_for()
    first = accounts.create_api_token(store, "editor", "script")
    second = accounts.create_api_token(store, "viewer", "script")
    for token in (first, second):
        response = client.get("/api/stats", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
    with store.sessions.begin() as session:
        session.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.token_hash == accounts.token_hash(first))
            .values(expires_at=datetime.now(UTC))
        )
    accounts.update_user(store, "viewer", password="a brand new passphrase")
    for token in (first, second):
        response = client.get("/api/stats", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json() == {"detail": "unknown, expired or revoked API token"}
