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

Concurrency (PostgreSQL): every trigger takes a shared transaction lock and a refresh takes
it exclusively before it reads (migration 0017), so a refresh reads only when no
transaction that changed a claim's inputs is open, and a writer that comes during a refresh
waits for it and then marks what it changed unknown; writers never wait for each other.
SQLite has one writer at a time: a refresh takes the write lock before it reads.

Rules: counts depend on code (:data:`storyline.link.claims.RULES`); ``claim_count_rules``
records which rules made them, and while it differs every count of a claim several
documents make is unknown (the next refresh recounts them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, text, update

from storyline.link.claims import RULES, ClaimGroup
from storyline.store.claim_members import claims_made_by, read_groups
from storyline.store.db import Store
from storyline.store.schema import ClaimCountRulesRow, ClaimMemberRow, ClaimRow

#: Claims counted per transaction by :func:`refresh`.
BATCH = 200
#: Unknown claims a reader checks itself before saying how many it left unchecked.
LIVE = 200
#: The PostgreSQL advisory lock of migration 0017 (shared by triggers, exclusive here).
LOCK = "SELECT pg_advisory_xact_lock(hashtext('storyline.claim_counts'))"


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
            _lock(session, store.dialect)
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


def _lock(session: Any, dialect: str) -> None:
    """Take the lock that keeps writers of claims' inputs out until the transaction ends."""
    if dialect == "postgresql":
        session.execute(text(LOCK))
    else:  # a write statement takes SQLite's write lock (and begins the transaction)
        session.execute(text("UPDATE claims SET contradictions = NULL WHERE 0"))


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
class Checked:
    """What a reader found among the claims whose count is unknown."""

    #: Those it checked that have an open contradiction, in id order.
    contradicted: list[int]
    #: Claims whose count is unknown and that were not checked (beyond :data:`LIVE`).
    unchecked: int


def _check_unknown(session: Any, type: str | None, live: int) -> tuple[bool, Checked]:
    """Whether the kept counts were made by these rules, and the first ``live`` claims
    (of ``type``, of several documents) whose count is unknown, checked now. Costs one
    index look-up when no count is unknown (the usual case)."""
    current = _rules_current(session)
    if (
        current
        and session.scalar(select(ClaimRow.id).where(ClaimRow.contradictions.is_(None)).limit(1))
        is None
    ):
        return current, Checked([], 0)
    waiting_ids = claims_made_by(2, type)
    if current:
        waiting_ids = waiting_ids.where(ClaimRow.contradictions.is_(None))
    waiting = list(session.scalars(waiting_ids.order_by(ClaimMemberRow.claim_id).limit(live + 1)))
    found = [g.id for g in read_groups(session, waiting[:live]) if g.contradictions]
    unchecked = 0
    if len(waiting) > live:
        total = select(func.count()).select_from(waiting_ids.subquery())
        unchecked = int(session.scalar(total) or 0) - live
    return current, Checked(found, unchecked)


def _known(type: str | None) -> Any:
    """The claims (of ``type``) whose kept count is above 0."""
    query = select(ClaimRow.id).where(ClaimRow.contradictions > 0)
    return query.where(ClaimRow.type == type) if type else query


def contradicted_count(store: Store, live: int | None = None) -> tuple[int, int]:
    """How many claims have an open contradiction, and how many changed claims were left
    unchecked (the dashboard's count): a count of an index range, plus up to ``live``
    (default :data:`LIVE`) unknown claims checked now."""
    with store.sessions() as session:
        current, checked = _check_unknown(session, None, LIVE if live is None else live)
        known = select(func.count()).select_from(_known(None).subquery())
        total = int(session.scalar(known) or 0) if current else 0
        return total + len(checked.contradicted), checked.unchecked


def contradicted_ids(store: Store, type: str | None = None, live: int | None = None) -> Checked:
    """Every claim (of ``type``) with an open contradiction, in id order (kept counts above
    0, and up to ``live`` unknown claims checked now), and how many were left unchecked."""
    with store.sessions() as session:
        current, checked = _check_unknown(session, type, LIVE if live is None else live)
        known = set(session.scalars(_known(type))) if current else set()
        return Checked(sorted(known | set(checked.contradicted)), checked.unchecked)


def contradicted_page(
    store: Store, type: str | None, limit: int, offset: int
) -> tuple[list[ClaimGroup], int, int]:
    """One page of the contradicted claims (in id order), how many there are, and how many
    unknown claims were left unchecked. With every count known (the usual case) the page
    and its count are read by the index of counts alone."""
    with store.sessions() as session:
        current, checked = _check_unknown(session, type, LIVE)
        if current and not checked.contradicted:
            known = _known(type)
            total = int(session.scalar(select(func.count()).select_from(known.subquery())) or 0)
            page = list(session.scalars(known.order_by(ClaimRow.id).limit(limit).offset(offset)))
        else:
            ids = set(session.scalars(_known(type))) if current else set()
            merged = sorted(ids | set(checked.contradicted))
            total, page = len(merged), merged[offset : offset + limit]
        return read_groups(session, page), total, checked.unchecked
