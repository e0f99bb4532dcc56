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

from sqlalchemy import Text, cast, select

from storyline.link.claims import ClaimEvent
from storyline.store.claims import load_claim_events
from storyline.store.schema import DocumentRow, EventRow

#: Records kept per run (a few KB each); the least recently used go first.
CAPACITY = 20_000

#: What a cached record was built from; any change rebuilds it.
Fingerprint = tuple[Any, ...]

_FINGERPRINT_COLUMNS = (
    EventRow.id,
    EventRow.document_id,
    DocumentRow.story_id,
    DocumentRow.published,
    DocumentRow.language,
    DocumentRow.outlet,
    EventRow.codebook,
    EventRow.review_status,
    EventRow.type,
    EventRow.certainty,
    EventRow.text,
    EventRow.time_start,
    EventRow.time_end,
    EventRow.place,
    EventRow.country,
    EventRow.lat,
    EventRow.lon,
    cast(EventRow.data, Text),
)


class ClaimEventCache:
    """Claim records by event id, each with the fingerprint it was built from."""

    def __init__(self, capacity: int | None = None) -> None:
        self._capacity = capacity if capacity is not None else CAPACITY
        #: ``None`` for a rejected event (no claim record), so it is not read again.
        self._records: OrderedDict[int, tuple[Fingerprint, ClaimEvent | None]] = OrderedDict()
        #: How many records were built from the store (not reused): what a test counts.
        self.built = 0

    def events(self, session: Any, where: Any) -> list[ClaimEvent]:
        """The records of the events matching ``where`` (a condition on ``EventRow``),
        rejected ones left out, in document and id order — as
        :func:`~storyline.store.claims.load_claim_events` returns them, reusing every
        record whose fingerprint is unchanged."""
        rows = session.execute(
            select(*_FINGERPRINT_COLUMNS)
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(where)
        ).all()
        prints = {row[0]: tuple(row[1:]) for row in rows}
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
        return sorted(found, key=lambda e: (e.document, e.event))


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
