"""Fixtures for the web app: a store holding a few reports with mentions and events,
accounts of every role, and clients signed in as each of them.

The reports are fictional, written for these tests. Documents and mentions are stored
through the repository; events are inserted as ``EventRow`` rows in a real session,
the way the pipeline stores them.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from storyline.capture.hashing import sha256_hex
from storyline.model import (
    Capture,
    Document,
    Entity,
    EntityMention,
    Extraction,
    HedgeMention,
    QuantityMention,
    SourceMention,
    TimeMention,
)
from storyline.settings import Settings
from storyline.store import accounts, repository
from storyline.store.claim_members import catch_up
from storyline.store.db import Store
from storyline.store.schema import EventRow
from storyline.web import create_app
from storyline.web.config import WebOptions

from .serving import serving

with warnings.catch_warnings():
    # Starlette >= 1.0 warns that its TestClient will move from httpx to httpx2; the client
    # works the same, and the suite turns warnings into errors.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

PASSWORD = "correct horse battery"
ROLES = ("viewer", "editor", "admin")

COLONY_TITLE = "Recruiters return to the colony near Tverskaya"
COLONY_BODY = (
    "Recruiters visited Penal Colony No. 7 near Tverskaya in late May 2024, according to "
    "two former inmates. About 40 inmates signed contracts after they were offered a pardon "
    "and 200,000 roubles a month.\n\n"
    "The prison service reportedly declined to comment. <script>alert('x')</script> was "
    "scrawled on the notice board, one inmate said."
)
FLOOD_TITLE = "Volunteers leave for the front from Marsk"
FLOOD_BODY = (
    "In June 2024 some 15 prisoners from a colony in Marsk were sent to the front, "
    "the regional ombudsman said. Their relatives were not told where they went."
)


def span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    """Offsets of ``phrase`` in ``text`` (failing loudly when absent)."""
    start = text.index(phrase, after)
    return start, start + len(phrase)


@dataclass
class Seeded:
    """Ids of what :func:`seed` stored."""

    colony: int
    reprint: int
    flood: int
    events: dict[str, int]


def _store_report(
    store: Store,
    title: str,
    body: str,
    *,
    outlet: str,
    published: date | None,
    mentions: list[tuple[str, str, dict]],
    entities: list[Entity],
    salt: str = "",
) -> tuple[int, str]:
    text = f"{title}\n\n{body}"
    data = (text + salt).encode()
    capture = Capture(
        data=data,
        sha256=sha256_hex(data),
        input=f"{outlet}.html",
        url=f"https://{outlet}.example/story",
        captured_at=datetime(2024, 6, 2, 9, 30, tzinfo=UTC),
        content_type="text/html",
    )
    document = Document(
        text=text,
        sha256=capture.sha256,
        body_start=len(title) + 2,
        title=title,
        outlet=outlet,
        published=published,
        published_source="metadata" if published else None,
        language="en",
        url=capture.url,
    )
    records = []
    counters: dict[str, int] = {}
    classes = {
        "quantity": QuantityMention,
        "time": TimeMention,
        "source": SourceMention,
        "hedge": HedgeMention,
        "entity": EntityMention,
    }
    for kind, phrase, fields in mentions:
        start, end = span(text, phrase)
        counters[kind] = counters.get(kind, 0) + 1
        key = f"{kind[0] if kind != 'hedge' else 'h'}{counters[kind]}"
        records.append(classes[kind](start=start, end=end, text=phrase, id=key, **fields))
    extraction = Extraction(
        document=document,
        mentions=tuple(records),
        entities=tuple(entities),
        versions={"quantity": "quantities/1", "entity": "entities/1"},
    )
    result = repository.add_document(store, capture, document, extraction, parser_version="p/1")
    return result.document_id, text


def _event(
    document_id: int,
    text: str,
    key: str,
    type: str,
    trigger: str,
    evidence: str,
    roles: dict[str, list[tuple[str, str | None, str | None]]],
    **columns: object,
) -> EventRow:
    start, end = span(text, trigger, text.index("\n\n"))
    ev_start, ev_end = span(text, evidence, text.index("\n\n"))
    role_data = {}
    for role, fillers in roles.items():
        role_data[role] = []
        for phrase, mention, entity in fillers:
            s, e = span(text, phrase, text.index("\n\n"))
            role_data[role].append(
                {"start": s, "end": e, "text": phrase, "mention": mention, "entity": entity}
            )
    data = {
        "id": key,
        "type": type,
        "start": start,
        "end": end,
        "text": trigger,
        "evidence": [[ev_start, ev_end]],
        "roles": role_data,
        "certainty": columns.get("certainty", "asserted"),
        "source": columns.pop("source", None),
        "codebook": "prison-recruitment/1",
    }
    data["machine"] = {k: v for k, v in data.items()}
    return EventRow(
        document_id=document_id,
        key=key,
        type=type,
        codebook="prison-recruitment/1",
        certainty=str(columns.pop("certainty", "asserted")),
        start=start,
        end=end,
        text=trigger,
        data=data,
        **columns,
    )


def seed(store: Store) -> Seeded:
    """Three reports (one a reprint of another) with mentions, entities and four events."""
    colony_mentions = [
        ("entity", "Penal Colony No. 7", {"type": "FAC", "entity": "E1"}),
        ("entity", "Tverskaya", {"type": "LOC", "entity": "E2"}),
        (
            "time",
            "late May 2024",
            {
                "resolved": True,
                "start_date": date(2024, 5, 21),
                "end_date": date(2024, 5, 31),
                "granularity": "part-of-month",
            },
        ),
        (
            "source",
            "according to two former inmates",
            {"source": "two former inmates", "anonymous": True},
        ),
        (
            "quantity",
            "About 40 inmates",
            {"value": 40, "unit": "person", "approximate": True, "counts": "inmates"},
        ),
        ("quantity", "200,000 roubles a month", {"value": 200000, "unit": "RUB", "per": "month"}),
        ("hedge", "reportedly", {"certainty": "possible"}),
    ]
    colony_entities = [
        Entity("E1", "Penal Colony No. 7", "FAC"),
        Entity("E2", "Tverskaya", "LOC", {"lat": 56.86, "lon": 35.9}),
    ]
    colony, colony_text = _store_report(
        store,
        COLONY_TITLE,
        COLONY_BODY,
        outlet="northern-courier",
        published=date(2024, 6, 1),
        mentions=colony_mentions,
        entities=colony_entities,
    )
    reprint, reprint_text = _store_report(
        store,
        COLONY_TITLE,
        COLONY_BODY,
        outlet="daily-mirror-site",
        published=date(2024, 6, 3),
        mentions=colony_mentions,
        entities=colony_entities,
        salt=" ",
    )
    flood, flood_text = _store_report(
        store,
        FLOOD_TITLE,
        FLOOD_BODY,
        outlet="marsk-news",
        published=None,
        mentions=[
            (
                "time",
                "In June 2024",
                {
                    "resolved": True,
                    "start_date": date(2024, 6, 1),
                    "end_date": date(2024, 6, 30),
                    "granularity": "month",
                },
            ),
            ("quantity", "some 15 prisoners", {"value": 15, "unit": "person"}),
            ("entity", "Marsk", {"type": "LOC", "entity": "E1"}),
            ("source", "the regional ombudsman said", {"source": "the regional ombudsman"}),
        ],
        entities=[Entity("E1", "Marsk", "LOC", {"lat": 47.2, "lon": 39.7})],
    )
    colony_visit = dict(
        place="Tverskaya",
        country="RU",
        lat=56.86,
        lon=35.9,
        time_start=date(2024, 5, 21),
        time_end=date(2024, 5, 31),
        source="s1",
        certainty="reported",
    )
    rows = {
        "visit": _event(
            colony,
            colony_text,
            "v1",
            "recruitment_visit",
            "visited",
            "Recruiters visited Penal Colony No. 7 near Tverskaya in late May 2024",
            {
                "actor": [("Recruiters", None, None)],
                "place": [("Penal Colony No. 7", "e1", "E1")],
                "time": [("late May 2024", "t1", None)],
            },
            **colony_visit,
        ),
        "contract": _event(
            colony,
            colony_text,
            "v2",
            "enlistment",
            "signed",
            "About 40 inmates signed contracts",
            {
                "subject": [("About 40 inmates", "q1", None)],
                "quantity": [("About 40 inmates", "q1", None)],
            },
            place="Tverskaya",
            country="RU",
            lat=56.86,
            lon=35.9,
        ),
        "reprint": _event(
            reprint,
            reprint_text,
            "v1",
            "recruitment_visit",
            "visited",
            "Recruiters visited Penal Colony No. 7 near Tverskaya in late May 2024",
            {"place": [("Penal Colony No. 7", "e1", "E1")]},
            **colony_visit,
        ),
        "deploy": _event(
            flood,
            flood_text,
            "v1",
            "deployment",
            "sent",
            "some 15 prisoners from a colony in Marsk were sent to the front",
            {"subject": [("some 15 prisoners", "q1", None)], "place": [("Marsk", "e1", "E1")]},
            place="Marsk",
            country="RU",
            lat=47.2,
            lon=39.7,
            time_start=date(2024, 6, 1),
            time_end=date(2024, 6, 30),
            source="s1",
        ),
    }
    with store.sessions.begin() as session:
        session.add_all(rows.values())
    catch_up(store)  # their claims, as ingest assigns them (no web request does)
    return Seeded(colony, reprint, flood, {name: row.id for name, row in rows.items()})


@pytest.fixture
def seeded(store: Store) -> Seeded:
    """The store with :func:`seed`'s reports in it."""
    return seed(store)


@pytest.fixture
def users(store: Store) -> dict[str, str]:
    """One account per role, named after it; all share :data:`PASSWORD`."""
    for role in ROLES:
        accounts.add_user(store, role, PASSWORD, role)
    return {role: role for role in ROLES}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Ingestion settings for the app (a small size cap so limits are testable)."""
    return Settings(data_dir=tmp_path / "blobs", max_bytes=200_000)


AppFactory = Callable[..., TestClient]


@pytest.fixture
def client_for(store: Store, settings: Settings) -> Iterator[AppFactory]:
    """Make a client of a fresh app; ``local`` chooses loopback (single-user) mode."""
    made: list[TestClient] = []

    def make(local: bool = False, login: str | None = None, page_size: int = 50) -> TestClient:
        app = create_app(store, settings, WebOptions(local=local, page_size=page_size))
        base = "https://127.0.0.1" if local else "https://storyline.test"
        client = TestClient(app, base_url=base, follow_redirects=False)
        client.__enter__()
        made.append(client)
        if login:
            sign_in(client, login)
        return client

    yield make
    for client in made:
        client.__exit__(None, None, None)


def read_csrf(client: TestClient, path: str = "/login") -> str:
    """The CSRF token a page hands this client."""
    page = client.get(path)
    marker = 'name="csrf-token" content="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a browser does."""
    response = client.post(
        "/login", data={"name": name, "password": password, "csrf_token": read_csrf(client)}
    )
    assert response.status_code == 303, response.text


@pytest.fixture
def csrf() -> Callable[..., str]:
    """``csrf(client, path)``: the CSRF token the page at ``path`` hands the client."""
    return read_csrf


CHROMIUM = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="module")
def chromium_binary() -> Path:
    """The Chromium binary, or a skip (a failure under STORYLINE_REQUIRE_BROWSER=1)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and STORYLINE_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def chromium(chromium_binary: Path) -> Path:
    """The Chromium binary under the name the browser tests use."""
    return chromium_binary


@pytest.fixture
def local_server(store: Store, seeded: Seeded, settings: Settings) -> Iterator[str]:
    """The app over the seeded store in single-user mode, under uvicorn on 127.0.0.1."""
    app = create_app(store, settings, WebOptions(local=True))
    with serving(app) as url:
        yield url


WITNESS = "Zara Kowalski"
WITNESS_TITLE = "Zara Kowalski describes the recruiters"
WITNESS_BODY = (
    "Recruiters visited Penal Colony No. 9 near Orsk in May 2024, said Zara Kowalski, "
    "a former inmate. Kowalski said that about 30 inmates signed contracts."
)


@dataclass
class Witness:
    """A report whose named witness (``E1``, source ``s1``) a test may protect."""

    document: int
    event: int
    reprint: int
    name: str = WITNESS


@pytest.fixture
def witness(store: Store, seeded: Seeded) -> Witness:
    """One more report beside :func:`seed`'s: it names a witness, in its title too."""
    report: dict[str, Any] = dict(
        mentions=[
            ("entity", "Penal Colony No. 9", {"type": "FAC", "entity": "E2"}),
            ("source", "said Zara Kowalski", {"source": WITNESS, "entity": "E1"}),
            ("entity", "Kowalski", {"type": "PER", "entity": "E1"}),
            ("quantity", "about 30 inmates", {"value": 30, "unit": "person"}),
        ],
        entities=[Entity("E1", WITNESS, "PER"), Entity("E2", "Penal Colony No. 9", "FAC")],
    )
    document, text = _store_report(
        store,
        WITNESS_TITLE,
        WITNESS_BODY,
        outlet="orsk-herald",
        published=date(2024, 6, 5),
        **report,
    )
    reprint, _ = _store_report(
        store,
        WITNESS_TITLE,
        WITNESS_BODY,
        outlet="steppe-wire",
        published=date(2024, 6, 6),
        salt=" ",
        **report,
    )
    event = _event(
        document,
        text,
        "v1",
        "recruitment_visit",
        "visited",
        "Recruiters visited Penal Colony No. 9 near Orsk in May 2024",
        {
            "actor": [("Recruiters", None, None)],
            "witness": [(WITNESS, "s1", "E1")],
            "place": [("Penal Colony No. 9", "e1", "E2")],
        },
        place="Orsk",
        country="RU",
        source="s1",
    )
    with store.sessions.begin() as session:
        session.add(event)
    return Witness(document, event.id, reprint)
