"""How many open contradictions each claim has, kept in the store (``claims.contradictions``).

Why kept: a claim's contradictions are computed from its events when it is read
(:func:`storyline.link.claims.contradictions`), so they follow the record at once; but the
pages that list only contradicted claims, and the dashboard's count of them, then had to
read every claim several documents make, with all their events — 13.6 s and 406 MiB per
web process after each change of the store, at a million events. With the count kept, they
read the few claims whose count is above 0.

Why it can be trusted: migration 0016's triggers set a claim's count to NULL (unknown)
whenever anything its contradictions are computed from changes — a member added, moved or
removed, an event corrected or reviewed, a report's story, figures or place points, a
dismissal — so a count in the store is exact or unknown, never stale, whoever wrote the
change (the CLI, the web app, SQL by hand). :func:`refresh` computes the unknown counts,
:data:`BATCH` claims per transaction, in memory bounded by one batch: an ingest run does
it after its last document, ``storyline claims`` before it reads, the web app after a
request that changed the store. A reader (:func:`contradicted`) also checks up to
:data:`LIVE` still-unknown claims itself, so a list is right at once after a review
decision; beyond that it says how many it has not checked instead of guessing.

Concurrency: a refresh locks its batch before reading (PostgreSQL: ``FOR UPDATE SKIP
LOCKED``, so two refreshes split the work; SQLite: the write lock first). The triggers
write the claim's row unconditionally, so a writer that changes a claim while it is being
counted waits for the count to be written and then marks it unknown again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text, update

from storyline.link.claims import ClaimGroup
from storyline.store.claim_members import claims_made_by, read_groups
from storyline.store.db import Store
from storyline.store.schema import ClaimMemberRow, ClaimRow

#: Claims counted per transaction by :func:`refresh`.
BATCH = 200
#: Unknown claims a reader checks itself before saying how many it left unchecked.
LIVE = 200


def refresh(
    store: Store, progress: Callable[[int], None] | None = None, limit: int | None = None
) -> int:
    """Count the open contradictions of every claim whose count is unknown (at most
    ``limit`` claims when given), :data:`BATCH` per transaction; returns how many were
    counted. A refresh that is stopped loses one batch; the next one goes on."""
    done = 0
    if not _any_unknown(store):  # the usual case after a write: no lock taken
        return done
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        with store.sessions.begin() as session:
            ids = _lock_unknown(session, store.dialect, size)
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
        return int(
            session.scalar(select(func.count()).where(ClaimRow.contradictions.is_(None))) or 0
        )


def _any_unknown(store: Store) -> bool:
    with store.sessions() as session:
        found = session.scalar(
            select(ClaimRow.id).where(ClaimRow.contradictions.is_(None)).limit(1)
        )
        return found is not None


def _lock_unknown(session: Any, dialect: str, size: int) -> list[int]:
    """The next ``size`` unknown claims, locked against writers until the transaction ends."""
    query = (
        select(ClaimRow.id)
        .where(ClaimRow.contradictions.is_(None))
        .order_by(ClaimRow.id)
        .limit(size)
    )
    if dialect == "postgresql":
        return list(session.scalars(query.with_for_update(skip_locked=True)))
    # SQLite: a write statement first takes the write lock (and begins the transaction),
    # so nothing changes between reading the claims and writing their counts.
    session.execute(text("UPDATE claims SET contradictions = NULL WHERE 0"))
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
    """The claims with open contradictions, as far as they are known."""

    #: Their ids, in id order.
    ids: list[int]
    #: Claims whose count is unknown and that were not checked (beyond :data:`LIVE`).
    unchecked: int


def contradicted(store: Store, type: str | None = None, live: int | None = None) -> Contradicted:
    """The claims (of ``type``) with at least one open contradiction: those whose kept
    count is above 0, and those among the first ``live`` (default :data:`LIVE`) unknown
    ones (of several documents) that have one, computed now."""
    live = LIVE if live is None else live
    with store.sessions() as session:
        known = select(ClaimRow.id).where(ClaimRow.contradictions > 0)
        unknown_ids = claims_made_by(2, type).where(ClaimRow.contradictions.is_(None))
        if type:
            known = known.where(ClaimRow.type == type)
        ids = set(session.scalars(known))
        waiting = list(
            session.scalars(unknown_ids.order_by(ClaimMemberRow.claim_id).limit(live + 1))
        )
        checked = waiting[:live]
        ids |= {g.id for g in read_groups(session, checked) if g.contradictions}
        unchecked = 0
        if len(waiting) > live:
            total = select(func.count()).select_from(unknown_ids.subquery())
            unchecked = int(session.scalar(total) or 0) - live
        return Contradicted(sorted(ids), unchecked)


def contradicted_page(
    store: Store, type: str | None, limit: int, offset: int
) -> tuple[list[ClaimGroup], int, int]:
    """One page of the contradicted claims (in id order), how many there are, and how many
    unknown claims were left unchecked."""
    found = contradicted(store, type)
    page = found.ids[offset : offset + limit]
    with store.sessions() as session:
        groups = read_groups(session, page)
    return groups, len(found.ids), found.unchecked
