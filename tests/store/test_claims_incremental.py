"""Claims kept in the store: assigning events as documents arrive gives the claims a full
rebuild gives, on SQLite and PostgreSQL.

300 generated documents (about 900 events of three types at five places close together
and far apart, closed and open times, actors, some vague) are added one at a time with
the call ingest makes (``assign`` inside the document's transaction); ``storyline claims
--rebuild`` (``claim_members.rebuild``, bounded batches) must then give the same groups.
After corrections and rejections through the review functions the stored claims stay
complete-linkage groups, and a rebuild gives what adding the corrected events from the
start gives.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from storyline.link.claims import agree, same_happening_claim, tells_same_happening
from storyline.store import claim_cache, claim_members, review
from storyline.store.claims import load_claim_events
from storyline.store.db import Store, open_store
from storyline.store.schema import CaptureRow, ClaimMemberRow, DocumentRow, EventRow

DOCUMENTS = 300
TYPES = ("enlistment", "recruitment_visit", "deployment")
#: Orlov and Marsk are 45 km apart (one claim may hold both); Kessel is another country.
PLACES = (
    ("Orlov", "RU", 55.00, 37.00),
    ("Marsk", "RU", 55.30, 37.40),
    ("Volnovo", "RU", 56.60, 38.90),
    ("Kessel", "UA", 48.00, 38.00),
    (None, None, None, None),
)
ACTORS = ("Wagner recruiters", "the defence ministry", None, None)


def _documents(seed: int = 5) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Documents and their events, as rows (deterministic)."""
    rng = random.Random(seed)
    made = []
    for n in range(1, DOCUMENTS + 1):
        published = date(2024, 1, 1) + timedelta(days=rng.randint(0, 150))
        document = _document(n, published, f"outlet{n % 9}.example")
        events = []
        for index in range(rng.choice((1, 3, 5))):
            name, country, lat, lon = rng.choice(PLACES)
            day = published - timedelta(days=rng.randint(0, 40))
            timed = rng.random()
            start, end = (
                (day, day + timedelta(days=rng.choice((0, 6, 30))))
                if timed < 0.7
                else (date(2023, 1, 1), date(2024, 12, 31))
                if timed < 0.8
                else (None, None)
            )
            actor = rng.choice(ACTORS)
            roles = {"actor": [{"start": 0, "end": 5, "text": actor}]} if actor else {}
            body = {"id": f"v{index + 1}", "type": rng.choice(TYPES), "roles": roles}
            events.append(
                {
                    "document_id": n,
                    "key": f"v{index + 1}",
                    "type": body["type"],
                    "codebook": "prison-recruitment/1",
                    "certainty": rng.choice(("reported", "asserted", "possible")),
                    "start": 0,
                    "end": 5,
                    "text": "signed",
                    "time_start": start,
                    "time_end": end,
                    "place": name,
                    "country": country,
                    "lat": lat,
                    "lon": lon,
                    "data": {**body, "machine": dict(body)},
                    "sensitivity": "normal",
                }
            )
        made.append((document, events))
    return made


def _document(n: int, published: date, outlet: str) -> dict[str, Any]:
    """A ``documents`` row: report ``n`` of ``outlet``, saying inmates signed up."""
    title = f"Report {n}"
    return {
        "id": n,
        "capture_id": n,
        "title": title,
        "text": f"{title}\n\nInmates signed up, officials said.",
        "body_start": len(title) + 2,
        "outlet": outlet,
        "url": f"https://{outlet}/{n}",
        "published": published,
        "tags": [],
        "word_count": 5,
        "sensitivity": "normal",
        "parser_version": "test/1",
    }


def _add(store: Store, document: dict[str, Any], events: list[dict[str, Any]]) -> None:
    """Store one document and its events and assign them, as ingest does, in one
    transaction."""
    now = datetime.now(UTC)
    n = document["id"]
    with store.sessions.begin() as session:
        session.execute(
            insert(CaptureRow),
            [
                {
                    "id": n,
                    "sha256": f"{n:064x}",
                    "size": 10,
                    "input": f"r{n}",
                    "captured_at": now,
                    "content_type": "text/plain",
                }
            ],
        )
        session.execute(insert(DocumentRow), [{**document, "added_at": now}])
        ids = [
            session.execute(insert(EventRow).returning(EventRow.id), [event]).scalar_one()
            for event in events
        ]
        claim_members.assign(session, ids)


def _claims(store: Store) -> set[frozenset[tuple[int, str]]]:
    """The stored grouping as sets of (document, event key): ids of claims and events
    aside, which differ between stores."""
    with store.sessions() as session:
        rows = session.execute(
            select(ClaimMemberRow.claim_id, EventRow.document_id, EventRow.key).join(
                EventRow, EventRow.id == ClaimMemberRow.event_id
            )
        ).all()
    groups: dict[int, set[tuple[int, str]]] = {}
    for claim, document, key in rows:
        groups.setdefault(claim, set()).add((document, key))
    return {frozenset(group) for group in groups.values()}


def _complete_linkage(store: Store) -> None:
    """Every stored claim: one event per document at most, and every pair agrees (or is
    of two reports the claims link)."""
    with store.sessions() as session:
        pairs = session.execute(select(ClaimMemberRow.event_id, ClaimMemberRow.claim_id)).all()
        claim_of = {event: claim for event, claim in pairs}
        events = load_claim_events(session)
    by_claim: dict[int, list[Any]] = {}
    for event in events:
        by_claim.setdefault(claim_of[event.event], []).append(event)
    # Reports a claim shows to tell one happening may join their vague events
    # (docs/claims.md): every pair agrees, or its reports are linked and nothing clashes.
    linked = {
        frozenset({a.document, b.document})
        for group in by_claim.values()
        for a, b in combinations(group, 2)
        if tells_same_happening(a, b)
    }
    for group in by_claim.values():
        assert len({e.document for e in group}) == len(group)
        assert all(
            agree(a, b)
            or (frozenset({a.document, b.document}) in linked and same_happening_claim(a, b))
            for a, b in combinations(group, 2)
        )


@pytest.fixture
def second_store(
    db_url: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    new_pg_schema: Callable[[str], AbstractContextManager[str]],
) -> Iterator[Store]:
    """Another empty store on the same backend (PostgreSQL: a second schema)."""
    if db_url.startswith("sqlite"):
        opened = open_store(f"sqlite:///{tmp_path / 'second.db'}", tmp_path / "blobs2")
        yield opened
        opened.close()
        return
    with new_pg_schema(request.getfixturevalue("pg_server")) as url:
        opened = open_store(url, tmp_path / "b2")
        yield opened
        opened.close()


def test_claims_added_one_document_at_a_time_equal_a_rebuild(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for document, events in _documents():
        _add(store, document, events)
    incremental = _claims(store)
    several = [group for group in incremental if len({d for d, _ in group}) > 1]
    assert len(several) > 40, "enough claims of several documents for the test to mean much"
    _complete_linkage(store)
    monkeypatch.setattr(claim_members, "BATCH", 37)  # batches end inside documents
    monkeypatch.setattr(claim_cache, "CAPACITY", 50)  # members fall out of the cache
    claim_members.rebuild(store)
    assert _claims(store) == incremental


def test_after_corrections_a_rebuild_equals_adding_the_corrected_events(
    store: Store, second_store: Store
) -> None:
    made = _documents(seed=9)
    for document, events in made:
        _add(store, document, events)
    rng = random.Random(3)
    with store.sessions() as session:
        ids = list(session.scalars(select(EventRow.id).order_by(EventRow.id)))
    for event_id in rng.sample(ids, 60):
        if rng.random() < 0.25:
            review.reject_event(store, event_id, "tester")
            continue
        name, country, lat, lon = rng.choice(PLACES[:4])
        month = rng.randint(1, 5)
        changes = {"place": name, "country": country, "lat": lat, "lon": lon}
        changes |= {"time_start": f"2024-{month:02d}-01", "time_end": f"2024-{month:02d}-28"}
        review.correct_event(store, event_id, "tester", changes)
    _complete_linkage(store)
    with store.sessions() as session:  # the events as corrected, in document order
        rows = session.scalars(select(EventRow).order_by(EventRow.document_id, EventRow.id)).all()
        corrected: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            values = {c.key: getattr(row, c.key) for c in EventRow.__table__.columns}
            corrected.setdefault(row.document_id, []).append(
                {k: v for k, v in values.items() if k != "id"}
            )
    for document, _events in made:
        _add(second_store, document, corrected.get(document["id"], []))
    claim_members.rebuild(store)
    assert _claims(store) == _claims(second_store)


def test_a_store_from_before_claim_keys_gets_them_on_the_first_read(store: Store) -> None:
    """Migration 0009 on a store that holds claims records the key job; the first claims
    read writes every member's keys (in batches), and new events then find old claims."""
    from sqlalchemy import delete, func

    from storyline.store.schema import BatchJobRow, ClaimKeyRow

    made = _documents(seed=13)
    for document, events in made[:60]:
        _add(store, document, events)
    with store.sessions() as session:
        written = session.scalar(select(func.count()).select_from(ClaimKeyRow))
    now = datetime.now(UTC)
    with store.sessions.begin() as session:  # the state the migration leaves behind
        session.execute(delete(ClaimKeyRow))
        session.add(BatchJobRow(name="claims.keys", position=0, started_at=now, updated_at=now))
    assert claim_members.pending(store)
    claim_members.stored_groups(store)
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ClaimKeyRow)) == written
        assert session.scalar(select(func.count()).select_from(BatchJobRow)) == 0
    assert not claim_members.pending(store)


def _one_event_report(
    event_row: Callable[..., dict[str, Any]],
    n: int,
    published: date,
    actor: str,
    time: tuple[date, date] | None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A report with one enlistment by ``actor``, at no place, timed or not."""
    roles = {"actor": [{"start": 0, "end": 5, "text": actor}]}
    body = {"id": "v1", "type": "enlistment", "roles": roles}
    event = event_row(
        n,
        "v1",
        certainty="reported",
        text="signed",
        time_start=time[0] if time else None,
        time_end=time[1] if time else None,
        place=None,
        country=None,
        lat=None,
        lon=None,
        data={**body, "machine": dict(body)},
    )
    return _document(n, published, f"outlet{n}.example"), [event]


@pytest.mark.parametrize("timed_first", [False, True])
def test_a_dated_event_meets_an_untimed_one_of_its_news_cycle_by_the_same_actor(
    store: Store, event_row: Callable[..., dict[str, Any]], timed_first: bool
) -> None:
    """One report says Wagner recruiters signed inmates up (no time, no place), another of
    the same week dates it: they agree (the same actor in one news cycle), so whichever
    arrives second must find the first, as a rebuild would group them."""
    day = date(2024, 3, 4)
    untimed = _one_event_report(event_row, 1, day, "Wagner recruiters", None)
    timed = _one_event_report(
        event_row, 2, day + timedelta(days=2), "Wagner recruiters", (day, day)
    )
    for document, events in (timed, untimed) if timed_first else (untimed, timed):
        _add(store, document, events)
    assert _claims(store) == {frozenset({(1, "v1"), (2, "v1")})}
    claim_members.rebuild(store)
    assert _claims(store) == {frozenset({(1, "v1"), (2, "v1")})}
