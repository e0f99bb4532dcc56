"""Every page and endpoint against every role: anonymous, viewer, editor, admin.

An allowed request gets the route's own answer; a weaker role gets 403; nobody signed in
gets the login page (pages) or 401 (API). A test also checks that no route was left out
of the table, so a new route without a permission decision fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from storyline.store.accounts import ROLES
from storyline.web import create_app

Seeded = Any


@dataclass(frozen=True)
class Case:
    """One route: method, path (formatted with the seeded ids), who may, what they get."""

    method: str
    path: str
    role: str
    ok: int = 200
    form: dict[str, str] | None = None
    json: dict[str, Any] | None = None

    def url(self, seeded: Seeded) -> str:
        return self.path.format(
            doc=seeded.colony, event=seeded.events["visit"], other=seeded.events["deploy"]
        )


CASES = [
    Case("GET", "/", "viewer"),
    Case("GET", "/documents", "viewer"),
    Case("GET", "/documents/{doc}", "viewer"),
    Case("GET", "/documents/{doc}/capture", "viewer"),
    Case("GET", "/events", "viewer"),
    Case("GET", "/events/timeline", "viewer"),
    Case("GET", "/events/map", "viewer"),
    Case("GET", "/events/facets", "viewer"),
    Case("GET", "/documents/facets", "viewer"),
    Case("GET", "/events/export.csv", "viewer"),
    Case("GET", "/entities", "viewer"),
    Case("GET", "/entities/LOC/Tverskaya", "viewer"),
    Case("GET", "/claims", "viewer"),
    Case("GET", "/claims/summary", "viewer"),
    Case("GET", "/claims/1", "viewer"),  # the first claim made (ids start at 1)
    Case("GET", "/claims/event/{event}", "viewer"),
    Case("GET", "/review", "editor"),
    Case("POST", "/review/{event}/verify", "editor", 303, form={}),
    Case("POST", "/review/{event}/reject", "editor", 303, form={}),
    Case("POST", "/review/{event}/correct", "editor", 303, form={"place": "near {role}"}),
    Case("GET", "/add", "editor"),
    Case("POST", "/add", "editor", 400, form={"mode": "paste", "text": ""}),
    Case("GET", "/admin/users", "admin"),
    Case("POST", "/admin/users", "admin", 400, form={"name": "x", "password": "", "role": "x"}),
    Case("POST", "/admin/users/viewer", "admin", 303, form={"role": "viewer"}),
    Case("GET", "/admin/audit", "admin"),
    Case("GET", "/api/stats", "viewer"),
    Case("GET", "/api/documents", "viewer"),
    Case("POST", "/api/documents", "editor", 400, json={}),
    Case("GET", "/api/documents/{doc}", "viewer"),
    Case("GET", "/api/documents/{doc}/mentions", "viewer"),
    Case("GET", "/api/entities", "viewer"),
    Case("GET", "/api/entities/LOC/Tverskaya", "viewer"),
    Case("GET", "/api/events", "viewer"),
    Case("GET", "/api/events/timeline", "viewer"),
    Case("GET", "/api/events/places", "viewer"),
    Case("GET", "/api/events/{event}", "viewer"),
    Case("GET", "/api/claims", "viewer"),
    Case("GET", "/api/claims/event/{event}", "viewer"),
    Case("POST", "/api/events/{other}/review", "editor", json={"decision": "verify"}),
    Case("GET", "/api/exports/events.geojson", "viewer"),
]
#: Routes open to everyone (the login flow, static files, the API description).
PUBLIC = {"/login", "/logout", "/static", "/api/openapi.json"}


def _send(client: Any, case: Case, seeded: Seeded, token: str, role: str = "") -> Any:
    url = case.url(seeded)
    if case.method == "GET":
        return client.get(url)
    if case.json is not None:
        return client.post(url, json=case.json, headers={"X-CSRF-Token": token})
    form = {key: value.replace("{role}", role) for key, value in (case.form or {}).items()}
    return client.post(url, data={**form, "csrf_token": token})


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.path}")
def test_each_role_gets_what_it_may(
    case: Case,
    seeded: Seeded,
    users: dict[str, str],
    client_for: Callable[..., Any],
    csrf: Callable[..., str],
) -> None:
    anonymous = client_for()
    response = _send(anonymous, case, seeded, csrf(anonymous))
    if case.path.startswith("/api"):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    else:
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
    for role in ROLES:
        client = client_for(login=role)
        response = _send(client, case, seeded, csrf(client, "/documents"), role)
        allowed = ROLES.index(role) >= ROLES.index(case.role)
        expected = case.ok if allowed else 403
        assert response.status_code == expected, (role, response.text[:300])


def test_every_route_has_a_permission_case(store: Any, settings: Any) -> None:
    app = create_app(store, settings)
    covered = {(c.method, c.path.split("{")[0].rstrip("/")) for c in CASES}
    missing = []
    for route in app.routes:
        path = getattr(route, "path", "")
        if any(path.startswith(p) for p in PUBLIC):
            continue
        for method in getattr(route, "methods", None) or {"GET"}:
            if method == "HEAD":
                continue
            prefix = path.split("{")[0].rstrip("/") or "/"
            if not any(m == method and p.startswith(prefix) for m, p in covered):
                missing.append(f"{method} {path}")
    assert missing == []
