"""How many open contradictions each claim has, kept in the store (``claims.contradictions``).

Why kept: a claim's contradictions are computed from its events when it is read
(:func:`storyline.link.claims.contradictions`), so they follow the record at once; but the
pages that list only contradicted claims, and the dashboard's count of them, then had to
read every claim several documents make, with all their events — 13.6 s and 406 MiB per
web process after each change of the store, at a million events. With the count kept, they
read the few claims whose count is above 0.

Why it can be trusted: migrations 0016-0017's triggers set a claim's count to NULL (unknown)
whenever anything its contradictions are computed from changes — a member added, moved or
removed, an event corrected or reviewed, a report's story, figures or place points, a
dismissal — so a count in the store is exact or unknown, never stale, whoever wrote the
change (the CLI, the web app, SQL by hand). :func:`refresh` computes the unknown counts,
:data:`BATCH` claims per transaction, in memory bounded by one batch: an ingest run does
it after its last document, ``storyline claims`` before it reads, the web app after a
request that changed the store. A reader (:func:`contradicted`) also checks up to
:data:`LIVE` still-unknown claims itself, so a list is right at once after a review
decision; beyond that it says how many it has not checked instead of guessing.

Concurrency (PostgreSQL): every trigger takes a shared transaction lock and a refresh takes
it exclusively before it reads (migration 0017), so a refresh reads only when no
transaction that changed a claim's inputs is open, and a writer that comes during a refresh
waits for it and then marks what it changed unknown; writers never wait for each other on
it. A refresh only tries for the lock (a queued exclusive request would hold up every
writer after it). SQLite has one writer at a time: a refresh takes the write lock before
it reads. Readers answer from one statement, so a claim marked unknown while they read is
seen once, either way.

Rules: counts depend on code (:data:`storyline.link.claims.RULES`); ``claim_count_rules``
records which rules made them, and while it differs every count of a claim several
documents make is unknown (the next refresh recounts them).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.exc import OperationalError

from storyline.link.claims import RULES, ClaimGroup
from storyline.store.claim_members import claims_made_by, read_groups
from storyline.store.db import Store
from storyline.store.schema import ClaimCountRulesRow, ClaimRow

#: Claims counted per transaction by :func:`refresh`.
BATCH = 200
#: Unknown claims a reader checks itself before saying how many it left unchecked.
LIVE = 200
#: The PostgreSQL advisory lock of migration 0017 (shared by triggers, exclusive here).
TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('storyline.claim_counts'))"
#: Seconds between two tries for it by a refresh that waits.
RETRY = 0.2


def refresh(
    store: Store,
    progress: Callable[[int], None] | None = None,
    limit: int | None = None,
    *,
    wait: bool = True,
) -> int:
    """Count the open contradictions of every claim whose count is unknown (at most
    ``limit`` claims when given), :data:`BATCH` per transaction; returns how many were
    counted. A refresh that is stopped loses one batch; the next one goes on.

    ``wait=False`` (after a web write or an ingest run) gives up at once when a
    transaction that changed a claim's inputs is still open, or another refresh runs:
    readers check what stays unknown themselves, and no request should wait on a job.
    ``wait=True`` (``storyline claims``) retries until it can count; on PostgreSQL it never
    queues for the lock, since writers would queue behind it."""
    done = 0
    if not _any_unknown(store):  # the usual case after a write: no lock taken
        return done
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        with store.sessions.begin() as session:
            if not _lock(session, store.dialect, wait):
                return done
            _adopt_rules(session)
            ids = _unknown_batch(session, size)
            if not ids:
                return done
            counts = count(session, ids)
            session.execute(update(ClaimRow), [{"id": c, "contradictions": counts[c]} for c in ids])
        done += len(ids)
        if progress is not None:
            progress(len(ids))
    return done


def unknown(store: Store) -> int:
    """How many claims' counts are unknown (what :func:`refresh` would count)."""
    with store.sessions() as session:
        query = select(func.count()).where(_unknown_condition(session))
        return int(session.scalar(query) or 0)


def _rules_current(session: Any) -> bool:
    """Whether the kept counts were made by this code's rules."""
    return session.scalar(select(ClaimCountRulesRow.version)) == RULES


def _unknown_condition(session: Any) -> Any:
    """Claims whose count is unknown: NULL, or any claim several documents make while the
    counts were made by other rules."""
    if _rules_current(session):
        return ClaimRow.contradictions.is_(None)
    return ClaimRow.contradictions.is_(None) | ClaimRow.id.in_(claims_made_by(2, None))


def _adopt_rules(session: Any) -> None:
    """Counts made by other rules become unknown, and this code's rules are recorded."""
    if _rules_current(session):
        return
    session.execute(
        update(ClaimRow)
        .where(ClaimRow.contradictions.is_not(None), ClaimRow.id.in_(claims_made_by(2, None)))
        .values(contradictions=None)
    )
    session.execute(delete(ClaimCountRulesRow))
    session.add(ClaimCountRulesRow(id=1, version=RULES))
    session.flush()


def _any_unknown(store: Store) -> bool:
    with store.sessions() as session:
        found = session.scalar(select(ClaimRow.id).where(_unknown_condition(session)).limit(1))
        return found is not None


def _lock(session: Any, dialect: str, wait: bool) -> bool:
    """Take the lock that keeps writers of claims' inputs out until the transaction ends;
    False when ``wait`` is False and it is taken."""
    if dialect == "postgresql":
        # Tried, never queued for: a waiting exclusive request would make every writer
        # that comes after it wait too (PostgreSQL queues shared requests behind it).
        while not session.scalar(text(TRY_LOCK)):
            if not wait:
                return False
            time.sleep(RETRY)
        return True
    try:  # a write statement takes SQLite's write lock (and begins the transaction)
        session.execute(text("UPDATE claims SET contradictions = NULL WHERE 0"))
    except OperationalError:  # still locked after the busy timeout
        if wait:
            raise
        return False
    return True


def _unknown_batch(session: Any, size: int) -> list[int]:
    """The next ``size`` claims whose count is NULL, in id order."""
    query = (
        select(ClaimRow.id)
        .where(ClaimRow.contradictions.is_(None))
        .order_by(ClaimRow.id)
        .limit(size)
    )
    return list(session.scalars(query))


def count(session: Any, ids: Sequence[int]) -> dict[int, int]:
    """The open contradictions of each of the claims ``ids`` (0 for a claim of one
    document, which cannot contradict itself, without reading its events)."""
    counts = dict.fromkeys(ids, 0)
    several = list(session.scalars(claims_made_by(2, None).where(ClaimRow.id.in_(list(ids)))))
    for group in read_groups(session, several):
        counts[group.id] = len(group.contradictions)
    return counts


@dataclass(frozen=True)
class Contradicted:
    """The claims with an open contradiction, as far as a reader can tell now."""

    #: Their ids, in id order: kept counts above 0, and unknown ones checked now.
    ids: list[int]
    #: Claims whose count is unknown and that were not checked (beyond :data:`LIVE`).
    unchecked: int


@dataclass(frozen=True)
class ContradictedCount:
    """How many claims have an open contradiction (the dashboard's figure)."""

    count: int
    #: Claims whose count is unknown and that were not checked (beyond :data:`LIVE`).
    unchecked: int


def contradicted(store: Store, type: str | None = None, live: int | None = None) -> Contradicted:
    """The claims (of ``type``) with an open contradiction.

    One statement reads the claims whose count is above 0 *or* unknown, so a claim whose
    count a writer marks unknown meanwhile is seen once, either way (two statements could
    miss it between them); the first ``live`` (default :data:`LIVE`) unknown ones are
    checked now. While the counts were made by other rules, every claim several documents
    make is unknown."""
    live = LIVE if live is None else live
    with store.sessions() as session:
        if _rules_current(session):
            query = select(ClaimRow.id, ClaimRow.contradictions).where(
                or_(ClaimRow.contradictions > 0, ClaimRow.contradictions.is_(None))
            )
            if type:
                query = query.where(ClaimRow.type == type)
            rows = session.execute(query.order_by(ClaimRow.id)).all()
            known = [claim for claim, n in rows if n]
            waiting = [claim for claim, n in rows if n is None]
        else:
            known = []
            waiting = list(session.scalars(claims_made_by(2, type)))
        checked = waiting[:live]
        found = [g.id for g in read_groups(session, checked) if g.contradictions]
        return Contradicted(sorted({*known, *found}), len(waiting) - len(checked))


def contradicted_count(store: Store) -> ContradictedCount:
    """How many claims have an open contradiction, for the dashboard.

    One statement counts the kept counts above 0 and the unknown ones; when none is unknown
    (the usual case) that is the answer, read by the index of counts alone. Otherwise the
    claims are read as :func:`contradicted` does."""
    with store.sessions() as session:
        if _rules_current(session):
            above, unknown_count = _totals(session, None)
            if not unknown_count:
                return ContradictedCount(above, 0)
    found = contradicted(store)
    return ContradictedCount(len(found.ids), found.unchecked)


def contradicted_page(
    store: Store, type: str | None, limit: int, offset: int
) -> tuple[list[ClaimGroup], int, int]:
    """One page of the contradicted claims (in id order), how many there are, and how many
    unknown claims were left unchecked.

    One statement reads the page of claims whose count is above 0 or unknown, with how
    many of each there are; when none is unknown (the usual case) that page and count are
    the answer, read by the index of counts. Otherwise every such claim is read and the
    unknown ones checked (:func:`contradicted`)."""
    with store.sessions() as session:
        if _rules_current(session):
            listed = or_(ClaimRow.contradictions > 0, _is_unknown())
            query = select(
                ClaimRow.id,
                _count(ClaimRow.contradictions > 0, type),
                _count(_is_unknown(), type),
            ).where(listed)
            if type:
                query = query.where(ClaimRow.type == type)
            rows = session.execute(query.order_by(ClaimRow.id).limit(limit).offset(offset)).all()
            above, unknown_count = rows[0][1:] if rows else _totals(session, type)
            if not unknown_count:
                return read_groups(session, [row[0] for row in rows]), int(above or 0), 0
    found = contradicted(store, type)
    with store.sessions() as session:
        groups = read_groups(session, found.ids[offset : offset + limit])
    return groups, len(found.ids), found.unchecked


def _is_unknown() -> Any:
    return ClaimRow.contradictions.is_(None)


def _count(condition: Any, type: str | None) -> Any:
    """A scalar subquery counting the claims (of ``type``) meeting ``condition``."""
    counted = select(func.count()).select_from(ClaimRow).where(condition)
    if type:
        counted = counted.where(ClaimRow.type == type)
    return counted.scalar_subquery()


def _totals(session: Any, type: str | None) -> tuple[int, int]:
    """How many claims (of ``type``) have a count above 0 and how many an unknown one, in
    one statement (for a page past the end, which has no row to carry them)."""
    above, unknown_count = session.execute(
        select(_count(ClaimRow.contradictions > 0, type), _count(_is_unknown(), type))
    ).one()
    return int(above or 0), int(unknown_count or 0)
