"""Stored claims of reports that tell one happening (issue 11): as a report is added, its
vague events join the claims of reports it is linked to — by an agreeing count of one of
its events, or by a distinctive count both reports give — and a rebuild gives the same.
Team-written rows; no parsing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert, select

from storyline.store import claim_members
from storyline.store.db import Store
from storyline.store.schema import (
    CaptureRow,
    ClaimMemberRow,
    DocumentRow,
    EventRow,
    MentionRow,
)


def _document(n: int, published: date | None) -> dict[str, Any]:
    title = f"Report {n}"
    return {
        "id": n,
        "capture_id": n,
        "title": title,
        "text": f"{title}\n\nPrisoners were released to serve.",
        "body_start": len(title) + 2,
        "outlet": f"outlet{n}.example",
        "url": f"https://outlet{n}.example/{n}",
        "published": published,
        "tags": [],
        "word_count": 5,
        "sensitivity": "normal",
        "parser_version": "test/1",
    }


def _event(n: int, key: str, type_: str, text: str, **roles: Any) -> dict[str, Any]:
    body = {"id": key, "type": type_, "roles": roles}
    return {
        "document_id": n,
        "key": key,
        "type": type_,
        "codebook": "prison-recruitment/1",
        "certainty": "reported",
        "start": 0,
        "end": 5,
        "text": text,
        "time_start": None,
        "time_end": None,
        "place": None,
        "country": None,
        "lat": None,
        "lon": None,
        "data": {**body, "machine": dict(body)},
        "sensitivity": "normal",
    }


def _count(n: int, key: str, value: int, unit: str, text: str) -> dict[str, Any]:
    return {
        "document_id": n,
        "key": key,
        "kind": "quantity",
        "start": 0,
        "end": len(text),
        "text": text,
        "data": {"value": value, "unit": unit, "approximate": True},
        "extractor": "test",
        "sensitivity": "normal",
    }


def _add(
    store: Store,
    document: dict[str, Any],
    events: list[dict[str, Any]],
    counts: list[dict[str, Any]],
) -> list[int]:
    """Store one report with its counts and events and assign them, as ingest does."""
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
        if counts:
            session.execute(insert(MentionRow), counts)
        ids = [
            session.execute(insert(EventRow).returning(EventRow.id), [event]).scalar_one()
            for event in events
        ]
        claim_members.assign(session, ids)
        return ids


def _claim_of(store: Store) -> dict[int, int]:
    with store.sessions() as session:
        rows = session.execute(select(ClaimMemberRow.event_id, ClaimMemberRow.claim_id))
        return {event: claim for event, claim in rows}


def _released(n: int, value: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """ "About 350 prisoners were released to serve" and its count."""
    quantity = {"quantity": [{"mention": "q1", "text": f"about {value} prisoners"}]}
    subject = {"subject": [{"text": "prisoners"}]}
    event = _event(n, "v1", "release_for_service", "released", **quantity, **subject)
    return event, _count(n, "q1", value, "person", f"about {value} prisoners")


def _crimes(n: int) -> dict[str, Any]:
    """ "Some of them have committed crimes since": no place, time or count."""
    return _event(n, "v2", "crime_after_return", "committed", subject=[{"text": "some of them"}])


def test_a_report_joins_the_vague_claims_of_the_report_it_retells(store: Store) -> None:
    first, count = _released(1, 350)
    [released_1, crimes_1] = _add(
        store, _document(1, date(2024, 5, 20)), [first, _crimes(1)], [count]
    )
    second, count = _released(2, 350)
    [released_2, crimes_2] = _add(store, _document(2, None), [second, _crimes(2)], [count])
    other, count = _released(3, 900)  # another release: nothing links it
    [released_3, crimes_3] = _add(store, _document(3, None), [other, _crimes(3)], [count])
    claim = _claim_of(store)
    assert claim[released_1] == claim[released_2] != claim[released_3]
    assert claim[crimes_1] == claim[crimes_2], "linked by the agreeing count of 350"
    assert claim[crimes_3] not in {claim[crimes_1]}
    before = {frozenset(k for k, v in claim.items() if v == c) for c in set(claim.values())}
    claim_members.rebuild(store)
    after = _claim_of(store)
    assert {frozenset(k for k, v in after.items() if v == c) for c in set(after.values())} == before


def test_reports_giving_one_distinctive_count_join_their_vague_events(store: Store) -> None:
    applications = [_count(0, "q9", 4300, "application", "4,300 applications")]

    def add(n: int, published: date | None) -> int:
        event = _event(n, "v1", "enlistment", "applications")
        counts = [{**c, "document_id": n} for c in applications]
        return _add(store, _document(n, published), [event], counts)[0]

    first = add(1, date(2024, 5, 20))
    second = add(2, date(2024, 5, 24))
    months_later = add(3, date(2024, 9, 1))
    claim = _claim_of(store)
    assert claim[first] == claim[second]
    assert claim[months_later] != claim[first], "the same count months later: another claim"
