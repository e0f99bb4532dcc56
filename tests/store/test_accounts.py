"""Accounts on SQLite and PostgreSQL: users and roles, passwords, sessions, API tokens."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from storyline.errors import AccountError, NotFoundInStoreError
from storyline.store import accounts
from storyline.store.db import Store, open_store
from storyline.store.schema import ApiTokenRow, SessionRow, UserRow

PASSWORD = "a long enough secret"


def test_users_are_created_with_argon2_hashes_and_listed_by_name(store: Store) -> None:
    accounts.add_user(store, "zoe", PASSWORD, "viewer")
    accounts.add_user(store, "ana", PASSWORD, "editor")
    assert [(a.name, a.role, off) for a, _, off in accounts.list_users(store)] == [
        ("ana", "editor", False),
        ("zoe", "viewer", False),
    ]
    with store.sessions() as session:
        stored = session.scalar(select(UserRow.password_hash).where(UserRow.name == "ana"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.count_users(store) == 2


@pytest.mark.parametrize(
    ("name", "password", "role", "message"),
    [
        ("ana", PASSWORD, "owner", "unknown role 'owner': choose one of viewer, editor, admin"),
        ("ana", "short", "viewer", "the password must have at least 12 characters"),
        ("ana", " " * 12, "viewer", "the password needs at least 5 different characters"),
        ("ana", "password", "viewer", "the password must have at least 12 characters"),
        ("ana", "Password1234!", "viewer", "that password is on the lists guessing tools try"),
        ("ana", "qwerty qwerty", "viewer", "that password is on the lists guessing tools try"),
        ("ana", "123456789012", "viewer", "that password is on the lists guessing tools try"),
        ("margarethe", "Margarethe", "viewer", "the password must have at least 12 characters"),
        ("margarethe.k", "Margarethe.K", "viewer", "the password must not be the user name"),
        ("margarethe.k", "margarethe.k2024", "viewer", "the password must not be the user name"),
        ("ana smith", PASSWORD, "viewer", "'ana smith' is not a usable user name"),
        ("", PASSWORD, "viewer", "'' is not a usable user name"),
    ],
)
def test_bad_accounts_are_refused_with_one_line(
    store: Store, name: str, password: str, role: str, message: str
) -> None:
    with pytest.raises(AccountError) as caught:
        accounts.add_user(store, name, password, role)
    assert str(caught.value).startswith(message)
    assert accounts.count_users(store) == 0


def test_a_taken_name_is_refused(store: Store) -> None:
    accounts.add_user(store, "ana", PASSWORD, "viewer")
    with pytest.raises(AccountError, match="a user named 'ana' already exists"):
        accounts.add_user(store, "ana", PASSWORD, "admin")
    assert [a.role for a, _, _ in accounts.list_users(store)] == ["viewer"]


def test_authenticate_checks_the_password_and_the_disabled_flag(store: Store) -> None:
    accounts.add_user(store, "ana", PASSWORD, "editor")
    account = accounts.authenticate(store, "ana", PASSWORD)
    assert account is not None and (account.name, account.role) == ("ana", "editor")
    assert accounts.authenticate(store, "ana", PASSWORD + "!") is None
    assert accounts.authenticate(store, "nobody", PASSWORD) is None
    accounts.update_user(store, "ana", disabled=True)
    assert accounts.authenticate(store, "ana", PASSWORD) is None


def test_sessions_are_stored_hashed_and_end_on_logout_disable_or_expiry(store: Store) -> None:
    account = accounts.add_user(store, "ana", PASSWORD, "editor")
    token = accounts.create_session(store, account)
    with store.sessions() as session:
        hashes = list(session.scalars(select(SessionRow.token_hash)))
    assert hashes == [accounts.token_hash(token)] and token not in hashes
    assert accounts.session_account(store, token) == account
    assert accounts.session_account(store, token + "x") is None

    accounts.end_session(store, token)
    assert accounts.session_account(store, token) is None

    second = accounts.create_session(store, account)
    accounts.update_user(store, "ana", disabled=True)
    assert accounts.session_account(store, second) is None

    accounts.update_user(store, "ana", disabled=False)
    third = accounts.create_session(store, account)
    with store.sessions.begin() as session:
        row = session.scalar(
            select(SessionRow).where(SessionRow.token_hash == accounts.token_hash(third))
        )
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    assert accounts.session_account(store, third) is None


def test_a_role_change_applies_to_existing_sessions(store: Store) -> None:
    account = accounts.add_user(store, "ana", PASSWORD, "viewer")
    token = accounts.create_session(store, account)
    accounts.update_user(store, "ana", role="admin")
    current = accounts.session_account(store, token)
    assert current is not None and current.can("admin")


def test_api_tokens_act_for_their_user_until_revoked(store: Store) -> None:
    accounts.add_user(store, "ana", PASSWORD, "editor")
    token = accounts.create_api_token(store, "ana", "nightly export")
    assert token.startswith("sl_")
    account = accounts.token_account(store, token)
    assert account is not None and account.name == "ana"
    listed = accounts.list_api_tokens(store)
    assert [(t["user"], t["name"], t["revoked"]) for t in listed] == [
        ("ana", "nightly export", False)
    ]
    assert listed[0]["last_used_at"] is not None
    with store.sessions() as session:
        assert token not in list(session.scalars(select(ApiTokenRow.token_hash)))
    accounts.revoke_api_token(store, int(listed[0]["id"]))  # type: ignore[arg-type]
    assert accounts.token_account(store, token) is None


def test_token_errors(store: Store) -> None:
    with pytest.raises(NotFoundInStoreError, match="no user named 'ghost'"):
        accounts.create_api_token(store, "ghost", "script")
    accounts.add_user(store, "ana", PASSWORD, "viewer")
    with pytest.raises(AccountError, match="give the token a name"):
        accounts.create_api_token(store, "ana", "  ")
    with pytest.raises(NotFoundInStoreError, match="no API token with id 99"):
        accounts.revoke_api_token(store, 99)


def test_roles_include_weaker_ones() -> None:
    editor = accounts.Account(1, "ana", "editor")
    assert editor.can("viewer") and editor.can("editor") and not editor.can("admin")
    assert accounts.LOCAL_ADMIN.can("admin")


def test_the_last_admin_can_neither_be_demoted_nor_disabled(store: Store) -> None:
    accounts.add_user(store, "ana", PASSWORD, "admin")
    accounts.add_user(store, "bo", PASSWORD, "editor")
    for change in ({"role": "editor"}, {"disabled": True}):
        with pytest.raises(AccountError, match="ana is the last admin"):
            accounts.update_user(store, "ana", **change)  # type: ignore[arg-type]
    assert accounts.admin_exists(store)
    accounts.update_user(store, "bo", role="admin")
    accounts.update_user(store, "ana", role="viewer")  # another admin exists now
    with pytest.raises(AccountError, match="bo is the last admin"):
        accounts.update_user(store, "bo", disabled=True)
    assert [(a.name, a.role, off) for a, _, off in accounts.list_users(store)] == [
        ("ana", "viewer", False),
        ("bo", "admin", False),
    ]


def test_api_tokens_expire(store: Store) -> None:
    accounts.add_user(store, "ana", PASSWORD, "editor")
    token = accounts.create_api_token(store, "ana", "nightly export")
    listed = accounts.list_api_tokens(store)[0]
    lifetime = listed["expires_at"] - listed["created_at"]  # type: ignore[operator]
    assert lifetime == accounts.TOKEN_LIFETIME == timedelta(days=90)
    short = accounts.create_api_token(store, "ana", "one-off", lifetime=timedelta(days=2))
    with store.sessions.begin() as session:
        row = session.scalar(
            select(ApiTokenRow).where(ApiTokenRow.token_hash == accounts.token_hash(short))
        )
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    assert accounts.token_account(store, short) is None
    assert accounts.token_account(store, token) is not None
    with pytest.raises(AccountError, match="at least one day"):
        accounts.create_api_token(store, "ana", "x", lifetime=timedelta(hours=1))


def test_a_new_password_revokes_tokens_and_ends_sessions(store: Store) -> None:
    account = accounts.add_user(store, "ana", PASSWORD, "editor")
    token = accounts.create_api_token(store, "ana", "nightly export")
    session_token = accounts.create_session(store, account)
    accounts.update_user(store, "ana", password="a different long secret")
    assert accounts.token_account(store, token) is None
    assert accounts.session_account(store, session_token) is None
    assert [t["revoked"] for t in accounts.list_api_tokens(store)] == [True]
    assert accounts.authenticate(store, "ana", "a different long secret") is not None


def test_a_weak_new_password_changes_nothing(store: Store) -> None:
    accounts.add_user(store, "ana", PASSWORD, "editor")
    with pytest.raises(AccountError, match="on the lists guessing tools try"):
        accounts.update_user(store, "ana", password="letmein letmein")
    assert accounts.authenticate(store, "ana", PASSWORD) is not None


def test_two_admins_demoting_each_other_at_once_leave_one_admin(
    db_url: str, tmp_path: Path
) -> None:
    first, second = (open_store(db_url, tmp_path / "blobs") for _ in range(2))
    try:
        accounts.add_user(first, "ana", PASSWORD, "admin")
        accounts.add_user(first, "bo", PASSWORD, "admin")
        barrier = threading.Barrier(2)
        outcomes: dict[str, str] = {}

        def demote(store: Store, name: str) -> None:
            barrier.wait()
            try:
                accounts.update_user(store, name, role="viewer")
                outcomes[name] = "demoted"
            except AccountError as exc:
                outcomes[name] = str(exc)

        threads = [
            threading.Thread(target=demote, args=(first, "ana")),
            threading.Thread(target=demote, args=(second, "bo")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(outcomes) == 2 and list(outcomes.values()).count("demoted") == 1
        assert any("is the last admin" in outcome for outcome in outcomes.values())
        assert accounts.admin_exists(first)
    finally:
        first.close()
        second.close()
