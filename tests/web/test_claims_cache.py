"""The web app's claim cache: computed once per state of the store, recomputed when a
review decision, an outlet grade, a new event or a new story changes it, and never
holding a reader up behind a recomputation once a first result exists."""

from __future__ import annotations

import threading
from typing import Any

from storyline.link.claims import ClaimGroup
from storyline.store import outlets, review
from storyline.store.claims import claims
from storyline.store.db import Store
from storyline.store.schema import DocumentRow, EventRow
from storyline.web.claims_cache import ClaimCache, fingerprint


class Clock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Counted:
    """The real grouping, counting how often it runs."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self, store: Store) -> list[ClaimGroup]:
        self.runs += 1
        return claims(store)


def _cache(store: Store) -> tuple[ClaimCache, Clock, Counted]:
    clock, compute = Clock(), Counted()
    return ClaimCache(store, recheck=3.0, clock=clock, compute=compute), clock, compute


def test_computed_once_until_the_store_changes(store: Store, seeded: Any) -> None:
    cache, clock, compute = _cache(store)
    assert cache.peek() is None, "nothing is computed before it is asked for"
    first = cache.get()
    visit = seeded.events["visit"]
    assert first.by_event[visit] is first.by_event[seeded.events["reprint"]]
    assert compute.runs == 1
    clock.now += 10
    assert cache.get() is first and cache.peek() is first and compute.runs == 1

    outlets.set_outlet(store, "northern-courier", reliability="A")
    assert cache.get() is first, "within the recheck interval the store is not looked at"
    clock.now += 3
    assert cache.peek() is None, "peek never computes"
    graded = cache.get()
    assert compute.runs == 2 and graded.by_event[visit].best_grade == "A"

    review.reject_event(store, visit, "ana")
    clock.now += 3
    rejected = cache.get()
    assert compute.runs == 3 and visit not in rejected.by_event


def test_new_events_and_stories_change_the_fingerprint(store: Store, seeded: Any) -> None:
    before = fingerprint(store)
    assert fingerprint(store) == before
    with store.sessions.begin() as session:
        row = session.get(EventRow, seeded.events["deploy"])
        copy = EventRow(
            document_id=seeded.colony,
            key="v9",
            type=row.type,
            codebook=row.codebook,
            certainty=row.certainty,
            start=row.start,
            end=row.end,
            text=row.text,
            data={},
        )
        session.add(copy)
    added = fingerprint(store)
    assert added != before
    with store.sessions.begin() as session:
        session.get(DocumentRow, seeded.flood).story_id = session.get(
            DocumentRow, seeded.colony
        ).story_id
    assert fingerprint(store) != added, "a document joining another story changes it"


def test_readers_get_the_previous_result_while_one_recomputes(store: Store, seeded: Any) -> None:
    entered, release = threading.Event(), threading.Event()
    runs: list[int] = []

    def slow(store: Store) -> list[ClaimGroup]:
        runs.append(1)
        if len(runs) == 2:
            entered.set()
            assert release.wait(10)
        return claims(store)

    clock = Clock()
    cache = ClaimCache(store, recheck=3.0, clock=clock, compute=slow)
    old = cache.get()
    outlets.set_outlet(store, "marsk-news", reliability="B")
    clock.now += 3
    fresh: list[Any] = []
    worker = threading.Thread(target=lambda: fresh.append(cache.get()))
    worker.start()
    assert entered.wait(10)
    assert cache.get() is old, "a second reader does not wait for the recomputation"
    release.set()
    worker.join(10)
    assert fresh and fresh[0] is not old
    assert fresh[0].by_event[seeded.events["deploy"]].best_grade == "B"
    assert cache.get() is fresh[0] and len(runs) == 2
