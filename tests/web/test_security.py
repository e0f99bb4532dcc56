"""Sign-in, sessions, CSRF, single-user mode, the Host check and the security headers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from storyline.store import accounts
from storyline.store.db import Store

from_page = Callable[..., str]


def test_pages_send_a_csp_without_inline_scripts(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    response = client.get(f"/documents/{seeded.colony}")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    scripts = [line for line in response.text.splitlines() if "<script" in line]
    assert scripts and all('<script src="/static/' in line for line in scripts)


def test_report_text_is_escaped_everywhere(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    page = client.get(f"/documents/{seeded.colony}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    for path in ("/", "/documents?q=scrawled", f"/documents/{seeded.colony}", "/events"):
        assert "<script>alert" not in client.get(path).text


def test_login_sets_a_secure_httponly_samesite_session(
    users: dict[str, str], client_for: Callable, csrf: from_page
) -> None:
    client = client_for()
    response = client.post(
        "/login",
        data={
            "name": "editor",
            "password": "correct horse battery",
            "csrf_token": csrf(client),
            "next": "/events",
        },
    )
    assert (response.status_code, response.headers["location"]) == (303, "/events")
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("storyline_session=")
    )
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= flags
    assert "editor · editor" in client.get("/").text


def test_a_wrong_password_is_refused_without_saying_which_part(
    users: dict[str, str], client_for: Callable, csrf: from_page
) -> None:
    client = client_for()
    for name in ("editor", "nobody"):
        response = client.post(
            "/login", data={"name": name, "password": "guess-guess", "csrf_token": csrf(client)}
        )
        assert response.status_code == 401
        assert "Wrong user name or password." in response.text
    assert client.get("/").status_code == 303


def test_login_never_redirects_to_another_site(
    users: dict[str, str], client_for: Callable, csrf: from_page
) -> None:
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        client = client_for()
        response = client.post(
            "/login",
            data={
                "name": "viewer",
                "password": "correct horse battery",
                "csrf_token": csrf(client),
                "next": target,
            },
        )
        assert response.headers["location"] == "/"


def test_logout_ends_the_session_on_the_server(
    users: dict[str, str], client_for: Callable, csrf: from_page
) -> None:
    client = client_for(login="viewer")
    stolen = client.cookies.get("storyline_session")
    response = client.post("/logout", data={"csrf_token": csrf(client, "/")})
    assert response.status_code == 303
    other = client_for()
    other.cookies.set("storyline_session", stolen, domain="storyline.test")
    assert other.get("/").status_code == 303  # the old cookie no longer signs anyone in


def test_posts_need_the_csrf_token_of_this_browser(
    seeded: Any, users: dict[str, str], client_for: Callable, csrf: from_page
) -> None:
    event = seeded.events["visit"]
    client = client_for(login="editor")
    assert client.post(f"/review/{event}/verify").status_code == 403
    assert client.post(f"/review/{event}/verify", data={"csrf_token": "0" * 64}).status_code == 403
    other = client_for(login="editor")
    foreign = csrf(other, "/")
    assert client.post(f"/review/{event}/verify", data={"csrf_token": foreign}).status_code == 403
    ok = client.post(f"/review/{event}/verify", headers={"X-CSRF-Token": csrf(client, "/")})
    assert ok.status_code == 303


def test_single_user_mode_on_loopback_without_accounts(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    page = client.get("/")
    assert page.status_code == 200
    assert "Single-user mode" in page.text and "local · admin" in page.text
    assert client.get("/admin/users").status_code == 200


def test_loopback_mode_refuses_other_host_names(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=True)
    response = client.get("/", headers={"Host": "rebound.example"})
    assert response.status_code == 400
    assert "127.0.0.1 or localhost only" in response.text
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_single_user_mode_ends_once_an_account_exists(
    store: Store, seeded: Any, client_for: Callable
) -> None:
    client = client_for(local=True)
    assert client.get("/").status_code == 200
    accounts.add_user(store, "ana", "correct horse battery", "admin")
    assert client.get("/").status_code == 303
    assert client.get("/api/events").status_code == 401


def test_a_team_server_without_accounts_lets_nobody_in(seeded: Any, client_for: Callable) -> None:
    client = client_for(local=False)
    assert client.get("/").status_code == 303
    login = client.get("/login")
    assert "This store has no accounts yet" in login.text


@pytest.mark.parametrize("path", ["/add", "/api/documents"])
def test_oversized_bodies_are_refused_before_reading(
    path: str, users: dict[str, str], client_for: Callable, settings: Any
) -> None:
    client = client_for(login="editor")
    body = b"x" * (settings.max_bytes + 2_000_000)
    response = client.post(path, content=body, headers={"Content-Type": "text/plain"})
    assert response.status_code == 413
