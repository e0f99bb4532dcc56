"""Issue 14.5 in real Chromium: the first account made in single-user mode is an admin.

Before, Admin → Add user offered "viewer" first; saving it ended single-user mode with no
admin left and only the command line could recover. Now the form picks admin while no
admin exists, and the server refuses any other role for that first account.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.settings import Settings
from storyline.store import accounts
from storyline.store.db import Store
from storyline.web import create_app
from storyline.web.config import WebOptions

from .serving import serving

pytestmark = pytest.mark.slow


@pytest.fixture
def single_user(store: Store, settings: Settings) -> Iterator[str]:
    """The app over a store with no accounts, on loopback: single-user mode."""
    app = create_app(store, settings, WebOptions(local=True))
    with serving(app) as url:
        yield url


def test_the_first_account_added_in_the_browser_is_an_admin(
    chromium: Path,
    single_user: str,
    store: Store,
) -> None:
    from playwright.sync_api import expect, sync_playwright

    base = single_user
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium))
        page = browser.new_page()
        page.goto(base + "/admin/users")
        expect(page.locator("#first-admin-note")).to_be_visible()
        role = page.locator("select[name=role]").last
        expect(role).to_have_value("admin")

        # Choosing another role on purpose is refused, and nothing is created.
        page.fill("input[name=name]", "ana")
        page.fill("input[name=password]", "correct horse battery")
        role.select_option("viewer")
        page.click("text=Add user")
        expect(page.locator(".field-error")).to_contain_text("no account is an admin yet")
        assert accounts.count_users(store) == 0

        # The default saves an admin, who can sign in and still manage users.
        page.fill("input[name=name]", "ana")
        page.fill("input[name=password]", "correct horse battery")
        page.click("text=Add user")
        expect(page).to_have_url(base + "/login?next=%2Fadmin%2Fusers")
        page.fill("#name", "ana")
        page.fill("#password", "correct horse battery")
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Users")
        expect(page.locator("#first-admin-note")).to_have_count(0)
        expect(page.locator("select[name=role]").last).to_have_value("viewer")
        browser.close()
    assert [(a.name, a.role) for a, _, _ in accounts.list_users(store)] == [("ana", "admin")]


def test_the_last_admin_cannot_demote_or_disable_themselves_on_the_web(
    users: dict[str, str], client_for: Callable[..., Any], csrf: Callable[..., str]
) -> None:
    client = client_for(login="admin")
    token = csrf(client, "/admin/users")
    for form in ({"role": "viewer"}, {"disabled": "1"}):
        response = client.post("/admin/users/admin", data={**form, "csrf_token": token})
        assert response.status_code == 400
        assert "admin is the last admin: make another account admin first" in response.text
    assert client.get("/admin/users").status_code == 200  # still an admin
    promoted = client.post("/admin/users/editor", data={"role": "admin", "csrf_token": token})
    assert promoted.status_code == 303
    demoted = client.post("/admin/users/admin", data={"role": "viewer", "csrf_token": token})
    assert demoted.status_code == 303
