"""Claim records of stored events, read once per batch instead of once per new event.

Why: a new event joins a claim only if it agrees with *every* member of it, so assignment
needs each candidate claim's members as :class:`~storyline.link.claims.ClaimEvent`
records. Building one is the expensive part of ingest — the event's JSON, its figures and
source, and its report's main place (every entity mention of that report). Before this
cache each new event rebuilt all members of up to 40 candidate claims, so the per-document
cost grew with the size of the claims the store had gathered (a report reprinted 30 times
made its 30th copy read 29 copies of every event, 14 times over).

How it stays right: a record is reused only while the columns it was built from are
unchanged. Each look-up reads a cheap *fingerprint* per member — its story (a reprint merge
changes it), review status, flat columns (type, certainty, trigger, time, place) and the
text of its JSON (roles, source; corrections write there), and its report's publication
date, language and outlet — and rebuilds the members whose fingerprint differs from the
cached one. What the fingerprint does not cover is the report's mentions and entities
(main place, figures), which only re-extraction changes, and re-extraction gives the
report new event ids; an outlet's grade, which claim *standing* reads but assignment does
not. A cache lives for one ingest run in the process that writes
(:func:`storyline.pipeline.store_prepared`, :func:`storyline.store.claim_members.catch_up`),
so what another process changes during that run is seen by the next run at the latest.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, text

from storyline.link.claims import ClaimEvent
from storyline.store.claims import load_claim_events
from storyline.store.schema import EventRow

#: Records kept per run (a few KB each); the least recently used go first.
CAPACITY = 20_000

#: What a cached record was built from; any change rebuilds it.
Fingerprint = tuple[Any, ...]

#: The columns a record is built from, read as the driver gives them (no type conversion:
#: a fingerprint is only compared with another read the same way).
_FINGERPRINT = (
    "e.document_id, d.story_id, d.published, d.language, d.outlet, e.codebook, "
    "e.review_status, e.type, e.certainty, e.text, e.time_start, e.time_end, e.place, "
    "e.country, e.lat, e.lon, CAST(e.data AS TEXT)"
)
#: Fingerprints of given events, and of the members of given claims (with their claim).
_BY_EVENT = text(
    f"SELECT e.id, {_FINGERPRINT} FROM events AS e JOIN documents AS d ON d.id = e.document_id "
    "WHERE e.id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_BY_CLAIM = text(
    f"SELECT m.claim_id, e.id, {_FINGERPRINT} FROM claim_members AS m "
    "JOIN events AS e ON e.id = m.event_id JOIN documents AS d ON d.id = e.document_id "
    "WHERE m.claim_id IN :ids"
).bindparams(bindparam("ids", expanding=True))


class ClaimEventCache:
    """Claim records by event id, each with the fingerprint it was built from."""

    def __init__(self, capacity: int | None = None) -> None:
        self._capacity = capacity if capacity is not None else CAPACITY
        #: ``None`` for a rejected event (no claim record), so it is not read again.
        self._records: OrderedDict[int, tuple[Fingerprint, ClaimEvent | None]] = OrderedDict()
        #: How many records were built from the store (not reused): what a test counts.
        self.built = 0

    def events(self, session: Any, ids: list[int]) -> list[ClaimEvent]:
        """The records of the events ``ids``, rejected ones left out, in document and id
        order — as :func:`~storyline.store.claims.load_claim_events` returns them, reusing
        every record whose fingerprint is unchanged."""
        prints: dict[int, Fingerprint] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            prints.update(
                (row[0], tuple(row[1:])) for row in session.execute(_BY_EVENT, {"ids": chunk})
            )
        return sorted(self._records_of(session, prints), key=lambda e: (e.document, e.event))

    def members(self, session: Any, claims: list[int]) -> dict[int, list[ClaimEvent]]:
        """The records of the claims' members (rejected ones left out), by claim."""
        prints: dict[int, Fingerprint] = {}
        claim_of: dict[int, int] = {}
        for chunk in _chunks(sorted(set(claims)), 500):
            for row in session.execute(_BY_CLAIM, {"ids": chunk}):
                claim_of[row[1]] = row[0]
                prints[row[1]] = tuple(row[2:])
        groups: dict[int, list[ClaimEvent]] = {}
        for record in sorted(
            self._records_of(session, prints), key=lambda e: (e.document, e.event)
        ):
            groups.setdefault(claim_of[record.event], []).append(record)
        return groups

    def _records_of(self, session: Any, prints: dict[int, Fingerprint]) -> list[ClaimEvent]:
        """The records of the fingerprinted events: cached ones whose fingerprint is
        unchanged, the others built now (and cached)."""
        stale = [
            event
            for event, print_ in prints.items()
            if (cached := self._records.get(event)) is None or cached[0] != print_
        ]
        for event in stale:
            self._records.pop(event, None)
        for chunk in _chunks(sorted(stale), 500):
            for built in load_claim_events(session, EventRow.id.in_(chunk)):
                self.built += 1
                self._records[built.event] = (prints[built.event], built)
            for event in chunk:
                self._records.setdefault(event, (prints[event], None))
        found: list[ClaimEvent] = []
        for event in prints:
            self._records.move_to_end(event)
            record = self._records[event][1]
            if record is not None:
                found.append(record)
        while len(self._records) > self._capacity:
            self._records.popitem(last=False)
        return found


def _in_order(record: ClaimEvent) -> tuple[int, int]:
    return record.document, record.event


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
