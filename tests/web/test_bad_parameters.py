"""Issue 15.12: no parameter value gets a 500, on SQLite and on PostgreSQL.

The sweep walks every route of the app (so a route added later is swept too) and sends
each query, path and form parameter it declares — and the JSON bodies of the API — a set
of values that used to break something: superscript and fullwidth digits, ids beyond 64
bits, ``1e20``, NUL and other control characters, malformed dates, very long text, and
JSON of the wrong types. Every answer must be a deliberate one (2xx, 3xx or 4xx) with a
message, never a server error.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.exceptions import StarletteDeprecationWarning

from storyline.settings import Settings
from storyline.store import accounts
from storyline.store.db import Store
from storyline.web import create_app
from storyline.web.config import WebOptions

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

BAD = [
    "²",
    "１２",
    "99999999999999999999999",
    "-9223372036854775809",
    "1e20",
    "x\x00y",
    "\x1b[2J",
    "2024-02-30",
    "a" * 3000,
]
#: Form fields that routes read from ``request.form()`` themselves (no declared parameter).
FORM_FIELDS = ["type", "certainty", "time_start", "time_end", "place", "country", "lat", "lon"]
FORM_FIELDS += ["role:actor", "note", "events", "other", "event", "key", "claim", "into"]
JSON_CHANGES: list[Any] = [
    {"country": 5},
    {"country": ["RU"]},
    {"roles": {"actor": 5}},
    {"roles": {"actor": [1, None]}},
    {"roles": ["actor"]},
    {"lat": "north"},
    {"lat": 1e308},
    {"lat": [1]},
    {"time_start": 5},
    {"time_start": "99999-01-01"},
    {"place": 5},
    {"place": {"name": "x"}},
    {"type": {}},
    {"type": "x\x00y"},
    {"certainty": []},
    {"nope": 1},
]
JSON_REPORTS: list[Any] = [
    {"text": 5},
    {"text": ["a"]},
    {"url": 5},
    {"text": "A report.", "published": "2024-02-30"},
    {"text": "A report.", "published": 20240601},
    {"text": "A report.", "title": {"x": 1}},
    [],
    "text",
]


def _routes(app: FastAPI) -> Iterator[APIRoute]:
    def walk(routes: list[Any]) -> Iterator[APIRoute]:
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # FastAPI's included routers
                yield from walk(route.original_router.routes)

    return walk(app.routes)


def _flat(dependant: Any, kind: str) -> list[str]:
    names = [field.alias for field in getattr(dependant, kind)]
    for sub in dependant.dependencies:
        names += _flat(sub, kind)
    return names


def _path(route: APIRoute, good: dict[str, str], bad: dict[str, str] | None = None) -> str:
    path = route.path
    for name in _flat(route.dependant, "path_params"):
        value = (bad or {}).get(name, good.get(name, "1"))
        for pattern in (f"{{{name}}}", f"{{{name}:int}}", f"{{{name}:path}}"):
            path = path.replace(pattern, quote(value, safe=""))
    return path


def _requests(app: FastAPI, good: dict[str, str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for route in _routes(app):
        method = "POST" if "POST" in route.methods else "GET"
        paths = _flat(route.dependant, "path_params")
        for name in paths:
            for value in BAD:
                yield method, _path(route, good, {name: value}), {}
        url = _path(route, good)
        for name in _flat(route.dependant, "query_params"):
            for value in BAD:
                yield method, url, {"params": {name: value}}
        if method != "POST":
            continue
        body = _flat(route.dependant, "body_params")
        if body in (["report"], ["decision"]):
            continue  # JSON bodies: swept below
        for name in [*(n for n in body if n != "file"), *FORM_FIELDS]:
            for value in BAD:
                yield method, url, {"data": {name: value}}


@pytest.fixture
def swept(store: Store, seeded: Any, settings: Settings) -> Iterator[tuple[TestClient, Any]]:
    """A client acting as an admin (API token) that sees server errors as 500 answers."""
    accounts.add_user(store, "admin", "correct horse battery", "admin")
    token = accounts.create_api_token(store, "admin", "sweep")
    app = create_app(store, settings, WebOptions(local=False))
    client = TestClient(
        app,
        base_url="https://storyline.test",
        follow_redirects=False,
        raise_server_exceptions=False,
        headers={"Authorization": f"Bearer {token}"},
    )
    with client:
        yield client, seeded


@pytest.mark.slow
def test_no_query_path_or_form_value_gets_a_500(swept: tuple[TestClient, Any]) -> None:
    client, seeded = swept
    good = {
        "document_id": str(seeded.colony),
        "event_id": str(seeded.events["visit"]),
        "claim_id": "1",
        "format": "csv",
        "type": "LOC",
        "name": "Tverskaya",
        "action": "split",
    }
    failures = []
    sent = 0
    for method, url, kwargs in _requests(client.app, good):  # type: ignore[arg-type]
        response = client.request(method, url, **kwargs)
        sent += 1
        if response.status_code >= 500:
            failures.append(f"{method} {url} {kwargs}: {response.status_code}")
    assert sent > 1000
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("changes", JSON_CHANGES, ids=repr)
def test_wrong_types_in_a_review_correction_are_400(
    swept: tuple[TestClient, Any], changes: dict[str, Any]
) -> None:
    client, seeded = swept
    event = seeded.events["visit"]
    response = client.post(
        f"/api/events/{event}/review", json={"decision": "correct", "changes": changes}
    )
    assert response.status_code == 400, response.text
    assert response.json()["detail"]


@pytest.mark.parametrize("report", JSON_REPORTS, ids=repr)
def test_wrong_types_in_a_new_report_are_400(swept: tuple[TestClient, Any], report: Any) -> None:
    client, _ = swept
    response = client.post("/api/documents", json=report)
    assert response.status_code == 400, response.text
    assert response.json()["detail"]
