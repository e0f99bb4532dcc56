"""Claims kept in the store: assigned as events arrive, with stable ids editors can act on.

Why stored: a claim needs an id that does not change as the record grows (a newsroom links
to it, an editor splits it), an editor's decision must survive the next document, and a
page should read groups instead of regrouping every event of the archive per request.

How: each event gets at most one :class:`~storyline.store.schema.ClaimMemberRow`. A new
event joins the existing claim whose every member it agrees with
(:func:`storyline.link.claims.agree`; no document twice) — the same complete linkage as
:func:`storyline.link.claims.group_claims`, applied online — found among a few candidate
claims by indexed columns (type, place, time, publication date, map cell); otherwise it
starts a new claim. Memberships an editor decided are ``pinned``: assignment never moves
them. A claim's standing (contradictions, credibility) is computed when it is read, so
outlet grades and reprint links apply at once; contradictions an editor dismissed are left
out by key. Every editor action writes an audit row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, distinct, func, insert, or_, select, true

from storyline.link.claims import (
    NEWS_DAYS,
    ClaimEvent,
    ClaimGroup,
    agree,
    contradictions,
    group_claims,
)
from storyline.store.claims import EXCLUDED_STATUSES, contradiction_key, load_claim_events
from storyline.store.db import Store
from storyline.store.schema import (
    ClaimDismissalRow,
    ClaimMemberRow,
    ClaimRow,
    DocumentRow,
    EventRow,
)

#: At most this many candidate claims are checked for one new event (the newest first).
CANDIDATES = 40
#: Events assigned per transaction when catching up or rebuilding.
BATCH = 500


def assign(session: Any, event_ids: Iterable[int]) -> list[int]:
    """Put each given, not yet assigned event into a claim (inside the caller's
    transaction); returns the claim ids, in order."""
    wanted = sorted(set(event_ids))
    if not wanted:
        return []
    taken = set(
        session.scalars(select(ClaimMemberRow.event_id).where(ClaimMemberRow.event_id.in_(wanted)))
    )
    events = [
        e for e in load_claim_events(session, EventRow.id.in_(wanted)) if e.event not in taken
    ]
    result = []
    now = datetime.now(UTC)
    for event in events:
        claim = _best_claim(session, event)
        if claim is None:
            row = ClaimRow(type=event.type, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            claim = row.id
        else:
            session.get(ClaimRow, claim).updated_at = now
        session.add(
            ClaimMemberRow(event_id=event.event, claim_id=claim, document_id=event.document)
        )
        session.flush()
        result.append(claim)
    return result


def _best_claim(session: Any, event: ClaimEvent) -> int | None:
    """The claim the event joins: among candidates, those whose every member agrees with it
    and that hold no event of its document; the largest, then the oldest."""
    candidates = _candidate_claims(session, event)
    if not candidates:
        return None
    members = select(ClaimMemberRow.event_id).where(ClaimMemberRow.claim_id.in_(candidates))
    by_claim: dict[int, list[ClaimEvent]] = {}
    claim_of = dict(
        session.execute(
            select(ClaimMemberRow.event_id, ClaimMemberRow.claim_id).where(
                ClaimMemberRow.claim_id.in_(candidates)
            )
        ).all()
    )
    for member in load_claim_events(session, EventRow.id.in_(members)):
        by_claim.setdefault(claim_of[member.event], []).append(member)
    fitting = [
        (len(group), -claim)
        for claim, group in by_claim.items()
        if all(m.document != event.document and agree(event, m) for m in group)
    ]
    return -max(fitting)[1] if fitting else None


def _shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, held inside the calendar (a report dated 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _candidate_claims(session: Any, event: ClaimEvent) -> list[int]:
    """A few claims the event could join, by indexed columns only: those with a member at
    the same place or in its map cell when it names a place; else with an overlapping
    closed time; else from the same news cycle; and always copies of its own story."""
    near: list[Any] = []
    if event.place:
        near.append(func.lower(EventRow.place) == event.place.casefold())
        if event.lat is not None and event.lon is not None and not event.country_level:
            near.append(
                and_(
                    EventRow.lat.between(event.lat - 1, event.lat + 1),
                    EventRow.lon.between(event.lon - 1, event.lon + 1),
                )
            )
    elif event.time_start is not None and event.time_end is not None:
        near.append(
            and_(EventRow.time_start <= event.time_end, EventRow.time_end >= event.time_start)
        )
    elif event.published is not None:
        near.append(
            DocumentRow.published.between(
                _shifted(event.published, -NEWS_DAYS), _shifted(event.published, NEWS_DAYS)
            )
        )
    if event.story > 0:
        near.append(DocumentRow.story_id == event.story)  # a reprint's copy of the event
    if not event.specific and event.published is None:
        # Nothing indexed narrows a vague event of an undated report: the newest claims of
        # its type are its candidates (agreement still needs the same actor or figure).
        near = [true()]
    if not near:
        return []
    query = (
        select(ClaimMemberRow.claim_id)
        .distinct()
        .join(EventRow, EventRow.id == ClaimMemberRow.event_id)
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .where(
            EventRow.type == event.type,
            EventRow.review_status.not_in(EXCLUDED_STATUSES),
            ClaimMemberRow.document_id != event.document,
            or_(*near),
        )
        .order_by(ClaimMemberRow.claim_id.desc())
        .limit(CANDIDATES)
    )
    return list(session.scalars(query))


def reassign(session: Any, event_ids: Iterable[int]) -> None:
    """Take the given events out of their claims unless pinned, and assign them again
    (after a correction changed their place or time)."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    session.execute(
        delete(ClaimMemberRow).where(
            ClaimMemberRow.event_id.in_(ids), ClaimMemberRow.pinned.is_(False)
        )
    )
    drop_empty(session)
    assign(session, ids)


def drop_empty(session: Any) -> None:
    session.execute(
        delete(ClaimRow).where(~ClaimRow.id.in_(select(ClaimMemberRow.claim_id).distinct()))
    )


def pending(store: Store) -> int:
    """Events not yet in any claim (rejected ones aside)."""
    with store.sessions() as session:
        return int(session.scalar(_unassigned(func.count(EventRow.id))) or 0)


def _unassigned(column: Any) -> Any:
    return (
        select(column)
        .outerjoin(ClaimMemberRow, ClaimMemberRow.event_id == EventRow.id)
        .where(ClaimMemberRow.event_id.is_(None), EventRow.review_status.not_in(EXCLUDED_STATUSES))
    )


def catch_up(store: Store, progress: Any = None) -> int:
    """Assign every unassigned event (a store from before claims were stored, or after
    ``rebuild`` cleared them). When no claim exists yet, all of them are grouped at once by
    :func:`storyline.link.claims.group_claims` (the batch form of the same rule, seconds for
    100,000 events) and written in bulk; otherwise :data:`BATCH` per transaction, one by one
    in document order."""
    with store.sessions() as session:
        empty = session.scalar(select(func.count(ClaimRow.id))) == 0
    if empty:
        return _group_all(store, progress)
    done = 0
    while True:
        with store.sessions.begin() as session:
            ids = list(
                session.scalars(
                    _unassigned(EventRow.id)
                    .order_by(EventRow.document_id, EventRow.id)
                    .limit(BATCH)
                )
            )
            if not ids:
                return done
            assign(session, ids)
        done += len(ids)
        if progress is not None:
            progress(len(ids))


def _group_all(store: Store, progress: Any = None) -> int:
    """Group every unassigned event in memory and write claims and memberships in bulk."""
    with store.sessions() as session:
        events = load_claim_events(session, EventRow.id.in_(_unassigned(EventRow.id)))
    groups = group_claims(events)
    now = datetime.now(UTC)
    done = 0
    for start in range(0, len(groups), BATCH):
        chunk = groups[start : start + BATCH]
        with store.sessions.begin() as session:
            rows = [ClaimRow(type=g.type, created_at=now, updated_at=now) for g in chunk]
            session.add_all(rows)
            session.flush()
            session.execute(
                insert(ClaimMemberRow),
                [
                    {"event_id": e.event, "claim_id": row.id, "document_id": e.document}
                    for row, group in zip(rows, chunk, strict=True)
                    for e in group.events
                ],
            )
        done += sum(len(g.events) for g in chunk)
        if progress is not None:
            progress(done)
    return done


def rebuild(store: Store, progress: Any = None) -> int:
    """Regroup every event that no editor pinned (after the grouping rules changed):
    unpinned memberships and then-empty claims are removed, then those events are grouped
    again among themselves. Pinned memberships and their claims keep their ids and events."""
    with store.sessions.begin() as session:
        session.execute(delete(ClaimMemberRow).where(ClaimMemberRow.pinned.is_(False)))
        drop_empty(session)
    return _group_all(store, progress)


# ------------------------------------------------------------------------------- reading


def stored_groups(
    store: Store,
    type: str | None = None,
    min_documents: int = 1,
    claim_ids: Sequence[int] | None = None,
) -> list[ClaimGroup]:
    """The stored claims as :class:`ClaimGroup` records (id = the claim's stable id), with
    their standing computed now and dismissed contradictions left out.

    ``min_documents=2`` reads only claims made by two or more documents, so a page that
    lists those never loads the single-report claims that make up most of an archive.
    """
    if pending(store):
        catch_up(store)
    with store.sessions() as session:
        query = _claims_made_by(min_documents, type)
        if claim_ids is not None:
            query = query.where(ClaimMemberRow.claim_id.in_(list(claim_ids)))
        return _read_groups(session, list(session.scalars(query)))


#: Claims read per query by :func:`iter_stored_groups`: memory holds one batch at a time.
READ_BATCH = 500


def iter_stored_groups(
    store: Store, type: str | None = None, min_documents: int = 1, batch: int | None = None
) -> Iterator[ClaimGroup]:
    """Every stored claim (of ``type``, made by at least ``min_documents`` documents) in id
    order, as :func:`stored_groups` gives them, read ``batch`` claims at a time.

    Why batches: the claims several documents make in a million-event archive are hundreds
    of thousands, and their events as records are gigabytes; read by key (claim ids after
    the last one read), memory holds one batch whatever the size of the store, and the first
    claims are printed before the last are read.
    """
    if pending(store):
        catch_up(store)
    last = 0
    while True:
        with store.sessions() as session:
            query = _claims_made_by(min_documents, type).where(ClaimMemberRow.claim_id > last)
            page = query.order_by(ClaimMemberRow.claim_id).limit(batch or READ_BATCH)
            ids = list(session.scalars(page))
            if not ids:
                return
            groups = _read_groups(session, ids)
        yield from groups
        last = ids[-1]


def stored_page(
    store: Store, type: str | None, limit: int, offset: int
) -> tuple[list[ClaimGroup], int]:
    """One page of the claims several documents make, in id order, and how many there are:
    a list page reads its own claims only, whatever the size of the archive."""
    if pending(store):
        catch_up(store)
    with store.sessions() as session:
        multi = _claims_made_by(2, type)
        total = int(session.scalar(select(func.count()).select_from(multi.subquery())) or 0)
        page = multi.order_by(ClaimMemberRow.claim_id).limit(limit).offset(offset)
        return _read_groups(session, list(session.scalars(page))), total


def _claims_made_by(min_documents: int, type: str | None) -> Any:
    """The ids of the claims (of ``type``) whose events come from at least
    ``min_documents`` documents."""
    query = (
        select(ClaimMemberRow.claim_id)
        .join(ClaimRow, ClaimRow.id == ClaimMemberRow.claim_id)
        .group_by(ClaimMemberRow.claim_id)
        .having(func.count(distinct(ClaimMemberRow.document_id)) >= min_documents)
    )
    return query.where(ClaimRow.type == type) if type else query


def _read_groups(session: Any, ids: list[int]) -> list[ClaimGroup]:
    """The claims ``ids`` with their events, contradictions computed, dismissed ones out."""
    if not ids:
        return []
    claim_of: dict[int, int] = {}
    events: list[ClaimEvent] = []
    for chunk in _chunks(ids, 900):
        claim_of.update(
            session.execute(
                select(ClaimMemberRow.event_id, ClaimMemberRow.claim_id).where(
                    ClaimMemberRow.claim_id.in_(chunk)
                )
            ).all()
        )
        members = select(ClaimMemberRow.event_id).where(ClaimMemberRow.claim_id.in_(chunk))
        events += load_claim_events(session, EventRow.id.in_(members), homes=False)
    dismissed: dict[int, set[str]] = {}
    for claim, key in session.execute(
        select(ClaimDismissalRow.claim_id, ClaimDismissalRow.key).where(
            ClaimDismissalRow.claim_id.in_(ids)
        )
    ):
        dismissed.setdefault(claim, set()).add(key)
    by_claim: dict[int, list[ClaimEvent]] = {}
    for event in events:
        by_claim.setdefault(claim_of[event.event], []).append(event)
    groups = []
    for claim, group in sorted(by_claim.items()):
        group.sort(key=lambda e: (e.document, e.event))
        found = [
            c
            for c in contradictions(group)
            if contradiction_key(c) not in dismissed.get(claim, set())
        ]
        groups.append(ClaimGroup(claim, group[0].type, group, found))
    return groups


def claim_of_event(store: Store, event_id: int) -> int | None:
    """The id of the claim holding an event, if it is assigned."""
    if pending(store):
        catch_up(store)
    with store.sessions() as session:
        return session.scalar(
            select(ClaimMemberRow.claim_id).where(ClaimMemberRow.event_id == event_id)
        )


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def claim_types(store: Store) -> list[str]:
    """The event types that have claims (for the list's type filter)."""
    with store.sessions() as session:
        return sorted(session.scalars(select(ClaimRow.type).distinct()))
