"""Claim groups for the web app, computed once per state of the store and reused.

Why a cache: claims are kept in the store (``storyline.store.claim_members``), but their
standing is computed from their events when read, so that it follows the record at once (a
review decision, a new reprint, an outlet grade); reading every claim of a large archive
still loads every event, which a page cannot do per request.

So each app process keeps the last result with a *fingerprint* of the store — a handful
of counts and maxima that change whenever something the grouping reads changes (events
added, deleted or reviewed, documents added or linked into stories, outlets graded) — and
checks that fingerprint at most every :data:`RECHECK` seconds. A changed fingerprint means
one recomputation; while it runs, other requests keep getting the previous result rather
than waiting (only the very first computation is waited for).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from storyline.link.claims import ClaimGroup
from storyline.store.claim_members import stored_groups
from storyline.store.db import Store
from storyline.store.schema import AuditRow, DocumentRow, EventRow, OutletRow, StoryRow
from storyline.web.claim_views import GroupSummary, summarise

#: Seconds between two looks at the store's fingerprint (a few milliseconds each).
RECHECK = 3.0

Fingerprint = tuple[Any, ...]


def fingerprint(store: Store) -> Fingerprint:
    """Cheap aggregates that change whenever the claims could.

    Events: count and newest id (added, deleted, re-extracted); audit log: newest id (every
    review decision writes one); documents: newest id, how many belong to a story and the
    sum of their story ids (a new reprint, two stories merged); stories: last update;
    outlets: count and last update (a grade set, changed or removed).
    """
    scalar = lambda column: select(column).scalar_subquery()  # noqa: E731
    query = select(
        scalar(func.count(EventRow.id)),
        scalar(func.max(EventRow.id)),
        scalar(func.max(AuditRow.id)),
        scalar(func.max(DocumentRow.id)),
        scalar(func.count(DocumentRow.story_id)),
        scalar(func.sum(DocumentRow.story_id)),
        scalar(func.max(StoryRow.updated_at)),
        scalar(func.count(OutletRow.id)),
        scalar(func.max(OutletRow.updated_at)),
    )
    with store.sessions() as session:
        row = session.execute(query).one()
    return tuple(str(value) if isinstance(value, datetime) else value for value in row)


@dataclass
class ClaimIndex:
    """One computation's claim groups, with the lookups the pages need."""

    fingerprint: Fingerprint
    groups: list[ClaimGroup]
    computed_at: datetime
    seconds: float
    by_event: dict[int, ClaimGroup] = field(default_factory=dict)
    types: list[str] = field(default_factory=list)
    contradicted: int = 0
    #: Events in no claim yet; only a page read from the store counts them (PageView).
    unassigned: int = 0
    _selections: dict[tuple[str | None, bool, bool], list[ClaimGroup]] = field(
        default_factory=dict, repr=False
    )
    _summaries: dict[int, GroupSummary] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.by_event = {e.event: g for g in self.groups for e in g.events}
        self.types = sorted({g.type for g in self.groups})
        self.contradicted = sum(1 for g in self.groups if g.contradictions)

    @property
    def events(self) -> int:
        """How many events the groups hold."""
        return len(self.by_event)

    def select(
        self, type: str | None = None, contradictions: bool = False, single: bool = False
    ) -> list[ClaimGroup]:
        """Groups of ``type`` (any when ``None``), only contradicted ones if asked, and
        claims made by one document only when ``single`` (the CLI's ``--all``)."""
        key = (type or None, contradictions, single)
        found = self._selections.get(key)
        if found is None:
            found = [
                g
                for g in self.groups
                if (type is None or g.type == type)
                and (single or len(g.events) > 1)
                and (not contradictions or g.contradictions)
            ]
            self._selections[key] = found  # a handful of keys: one per filter combination
        return found

    def summary(self, group: ClaimGroup) -> GroupSummary:
        """The group's list-row summary, computed once (a group may hold 1,000s of events)."""
        found = self._summaries.get(group.id)
        if found is None:
            found = self._summaries[group.id] = summarise(group)
        return found


class ClaimCache:
    """The app's claims, recomputed when the store's :func:`fingerprint` changes.

    Args:
        store: the store the app serves.
        recheck: seconds during which a computed result is served without looking at the
            store again.
        clock: monotonic seconds (tests pass their own).
        compute: the claims (``storyline.store.claim_members.stored_groups``).
    """

    def __init__(
        self,
        store: Store,
        recheck: float = RECHECK,
        clock: Callable[[], float] = time.monotonic,
        compute: Callable[[Store], list[ClaimGroup]] = stored_groups,
    ) -> None:
        self.store = store
        self.recheck = recheck
        self.clock = clock
        self.compute = compute
        self._index: ClaimIndex | None = None
        self._checked = -math.inf
        self._computing = threading.Lock()

    def get(self) -> ClaimIndex:
        """The current claims, computing them if the store changed since the last time.

        While another thread recomputes, the previous result is returned at once.
        """
        index = self._current()
        if index is not None:
            return index
        stale = self._index
        if stale is not None and not self._computing.acquire(blocking=False):
            return stale
        if stale is None:
            self._computing.acquire()
        try:
            return self._current() or self._rebuild()
        finally:
            self._computing.release()

    def invalidate(self) -> None:
        """Look at the store again at the next request (after this process changed it)."""
        self._checked = -math.inf

    def peek(self) -> ClaimIndex | None:
        """The current claims if they need no computing, else ``None`` (never waits long)."""
        return self._current()

    def _current(self) -> ClaimIndex | None:
        index = self._index
        if index is None:
            return None
        if self.clock() - self._checked < self.recheck:
            return index
        if fingerprint(self.store) != index.fingerprint:
            return None
        self._checked = self.clock()
        return index

    def _rebuild(self) -> ClaimIndex:
        # The fingerprint is read first: a change made during the computation is seen as
        # a change at the next check, never hidden.
        mark = fingerprint(self.store)
        began = time.perf_counter()
        groups = self.compute(self.store)
        index = ClaimIndex(mark, groups, datetime.now(UTC), time.perf_counter() - began)
        self._index = index
        self._checked = self.clock()
        return index
