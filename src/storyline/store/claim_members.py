"""Claims kept in the store: assigned as events arrive, with stable ids editors can act on.

Why stored: a claim needs an id that does not change as the record grows (a newsroom links
to it, an editor splits it), an editor's decision must survive the next document, and a
page should read groups instead of regrouping every event of the archive per request.

How: each event gets at most one :class:`~storyline.store.schema.ClaimMemberRow`. A new
event joins the existing claim whose every member it agrees with
(:func:`storyline.link.claims.agree`; no document twice) — the same complete linkage as
:func:`storyline.link.claims.group_claims`, applied online — found among a few candidate
claims by indexed keys (type with place, map cell, month, week of publication or story:
:mod:`storyline.store.claim_keys`); otherwise it starts a new claim. A catch-up or
rebuild assigns events the same way, in document order and bounded batches, so it gives
the claims that adding the documents one by one gives, in bounded memory.
Memberships an editor decided are ``pinned``: assignment never moves
them. A claim's standing (contradictions, credibility) is computed when it is read, so
outlet grades and reprint links apply at once; contradictions an editor dismissed are left
out by key. Only how many contradictions each claim has is also kept, for the pages that
list contradicted claims (:mod:`storyline.store.claim_standing`). Every editor action
writes an audit row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, distinct, func, insert, select, update

from storyline.link.claims import (
    ClaimEvent,
    ClaimGroup,
    agree,
    agree_linked,
    contradictions,
    happening_links,
    share_a_count,
)
from storyline.store import jobs
from storyline.store.claim_cache import ClaimEventCache
from storyline.store.claim_keys import candidate_claims, lookup_keys, write_keys
from storyline.store.claims import EXCLUDED_STATUSES, contradiction_key, load_claim_events
from storyline.store.db import Store
from storyline.store.planner_stats import after_bulk_write
from storyline.store.schema import (
    ClaimDismissalRow,
    ClaimKeyRow,
    ClaimMemberRow,
    ClaimRow,
    EventRow,
)

#: At most this many candidate claims are checked for one new event (the newest first).
CANDIDATES = 40
#: Events assigned per transaction when catching up or rebuilding.
BATCH = 500
#: The batch job that writes the keys of a store that held claims before keys existed.
KEYS_JOB = "claims.keys"


def assign(
    session: Any, event_ids: Iterable[int], cache: ClaimEventCache | None = None
) -> list[int]:
    """Put each given, not yet assigned event into a claim (inside the caller's
    transaction), in id order; returns the claim ids, in order.

    Documents are assigned one after the other (a later one may join a claim an earlier
    one started). Within one document the events' candidate claims do not depend on one
    another's assignment (a candidate is found through members of *other* documents, and
    a claim an event of it starts holds its document), so they are all looked up first and
    their members read once for the document; a claim one of its events joins is then
    closed to the others, as "no document twice" requires. ``cache`` keeps the members'
    claim records between calls (one per ingest run or catch-up:
    :mod:`storyline.store.claim_cache`).
    """
    wanted = sorted(set(event_ids))
    if not wanted:
        return []
    cache = cache if cache is not None else ClaimEventCache()
    taken = set(
        session.scalars(select(ClaimMemberRow.event_id).where(ClaimMemberRow.event_id.in_(wanted)))
    )
    events = [e for e in cache.events(session, wanted) if e.event not in taken]
    if not events:
        return []
    by_document: dict[int, list[ClaimEvent]] = {}
    for event in events:
        by_document.setdefault(event.document, []).append(event)
    chosen = {}
    for document in sorted(by_document):  # a later document may join an earlier one's claim
        chosen.update(_assign_document(session, by_document[document], cache))
    return [chosen[event.event] for event in events]


def _assign_document(
    session: Any, events: list[ClaimEvent], cache: ClaimEventCache
) -> dict[int, int]:
    """Assign the events of one document; their claim ids by event id."""
    found: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    candidates = {}
    for event in events:  # events of one type and keys share their look-up
        how = (event.type, tuple(lookup_keys(event)))
        if how not in found:
            found[how] = candidate_claims(session, event, CANDIDATES)
        candidates[event.event] = found[how]
    groups = cache.members(session, sorted({c for found in candidates.values() for c in found}))
    now = datetime.now(UTC)
    chosen: list[int | None] = []
    linked: set[int] = set()  # reports that tell the same happening as this one
    for event in events:
        claim = _best_claim(event, candidates[event.event], groups)
        chosen.append(claim)
        if claim is not None:  # another event of this document may not join it now
            linked |= happening_links(event, groups[claim])
            groups[claim].append(event)
    counted = any(e.report_figures for e in events)
    if (linked or counted) and None in chosen:
        _join_linked(session, events, chosen, candidates, groups, linked, cache)
    new_rows = [
        ClaimRow(type=event.type, created_at=now, updated_at=now)
        for event, claim in zip(events, chosen, strict=True)
        if claim is None
    ]
    session.add_all(new_rows)
    session.flush()
    created = iter(new_rows)
    result = [claim if claim is not None else next(created).id for claim in chosen]
    joined = sorted({claim for claim in chosen if claim is not None})
    if joined:
        session.execute(update(ClaimRow).where(ClaimRow.id.in_(joined)).values(updated_at=now))
    session.execute(
        insert(ClaimMemberRow),
        [
            {"event_id": event.event, "claim_id": claim, "document_id": event.document}
            for event, claim in zip(events, result, strict=True)
        ],
    )
    # Keys are written as events become members, so what a later document looks up is
    # members only (unassigned events of a catch-up batch would crowd the newest rows).
    write_keys(session, events)
    return {event.event: claim for event, claim in zip(events, result, strict=True)}


def _best_claim(
    event: ClaimEvent, candidates: list[int], groups: dict[int, list[ClaimEvent]]
) -> int | None:
    """The claim the event joins: among candidates, those whose every member agrees with it
    and that hold no event of its document; the largest, then the oldest."""
    fitting = [
        (len(groups[claim]), -claim)
        for claim in candidates
        if claim in groups
        and all(m.document != event.document and agree(event, m) for m in groups[claim])
    ]
    return -max(fitting)[1] if fitting else None


def _join_linked(
    session: Any,
    events: list[ClaimEvent],
    chosen: list[int | None],
    candidates: dict[int, list[int]],
    groups: dict[int, list[ClaimEvent]],
    linked: set[int],
    cache: ClaimEventCache,
) -> None:
    """The second pass of one document's assignment: an event that fits no claim may join
    a claim of a report that tells the same happening (``linked``, found in the first pass
    by :func:`storyline.link.claims.happening_links`), where every member agrees with it
    or is of a linked report and does not clash (:func:`agree_linked`)."""
    wanted = sorted({e.type for e, claim in zip(events, chosen, strict=True) if claim is None})
    by_type: dict[str, set[int]] = {}
    rows: Iterable[Any] = (
        ()
        if not linked
        else session.execute(
            select(ClaimMemberRow.claim_id, EventRow.type)
            .join(EventRow, EventRow.id == ClaimMemberRow.event_id)
            .where(
                EventRow.document_id.in_(sorted(linked)),
                EventRow.type.in_(wanted),
                EventRow.review_status.not_in(EXCLUDED_STATUSES),
            )
        )
    )
    for claim, type_ in rows:
        by_type.setdefault(type_, set()).add(claim)
    missing = sorted({c for found in by_type.values() for c in found} - set(groups))
    if missing:
        groups.update(cache.members(session, missing))
    for number, event in enumerate(events):
        if chosen[number] is not None:
            continue
        pool = set(candidates[event.event]) | by_type.get(event.type, set())
        fitting = [
            (_likeness(event, groups[claim]), len(groups[claim]), -claim)
            for claim in pool
            if claim in groups
            # what the first pass did not try: a member of a linked report or one sharing
            # a count (cheap), then every member (agreement is the cost)
            and any(m.document in linked or share_a_count(event, m) for m in groups[claim])
            and all(
                m.document != event.document and agree_linked(event, m, linked)
                for m in groups[claim]
            )
        ]
        if fitting:
            claim = -max(fitting)[2]
            chosen[number] = claim
            groups[claim].append(event)


def _likeness(event: ClaimEvent, members: list[ClaimEvent]) -> int:
    """How many members use the event's trigger words or name its subject: among claims
    of a linked report, "recruited … inmates" goes with "recruited" before "took the
    deal"."""
    words = set(event.text.casefold().split())
    subject = (event.subject or "").casefold()
    return sum(
        bool(words & set(m.text.casefold().split()))
        + bool(subject and subject == (m.subject or "").casefold())
        for m in members
    )


def reassign(session: Any, event_ids: Iterable[int]) -> None:
    """Take the given events out of their claims unless pinned, and assign them again
    (after a correction changed their place or time), with the members whose place rested
    on their reports (:func:`_resting_on`)."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    ids = sorted(set(ids) | _resting_on(session, ids))
    write_keys(session, load_claim_events(session, EventRow.id.in_(ids), homes=False))
    unpinned = ClaimMemberRow.event_id.in_(ids) & ClaimMemberRow.pinned.is_(False)
    # An event not in a claim has no keys (they are written as it is assigned again).
    session.execute(
        delete(ClaimKeyRow).where(
            ClaimKeyRow.event_id.in_(select(ClaimMemberRow.event_id).where(unpinned))
        )
    )
    session.execute(delete(ClaimMemberRow).where(unpinned))
    drop_empty(session)
    assign(session, ids)


def _resting_on(session: Any, ids: Sequence[int]) -> set[int]:
    """Unpinned members that share a claim with an event of the reports of ``ids`` without
    agreeing with it: they joined because an event pair showed the two reports tell one
    happening (:func:`_join_linked`). A correction may undo that pair, so they are assigned
    again too, or the claim would keep a join nothing supports any more."""
    documents = select(EventRow.document_id).where(EventRow.id.in_(ids))
    touched = select(ClaimMemberRow.claim_id).where(ClaimMemberRow.document_id.in_(documents))
    rows = session.execute(
        select(ClaimMemberRow.claim_id, ClaimMemberRow.event_id, ClaimMemberRow.pinned).where(
            ClaimMemberRow.claim_id.in_(touched)
        )
    ).all()
    claim_of = {event: claim for claim, event, _ in rows}
    pinned = {event for _, event, is_pinned in rows if is_pinned}
    origin = set(session.scalars(documents))
    members: dict[int, list[ClaimEvent]] = {}
    for event in load_claim_events(session, EventRow.id.in_(sorted(claim_of))):
        members.setdefault(claim_of[event.event], []).append(event)
    resting: set[int] = set()
    for group in members.values():
        for x in group:
            if x.document not in origin:
                continue
            for y in group:
                if y.document != x.document and not agree(x, y):
                    resting |= {x.event, y.event} - pinned
    return resting


def drop_empty(session: Any) -> None:
    session.execute(
        delete(ClaimRow).where(~ClaimRow.id.in_(select(ClaimMemberRow.claim_id).distinct()))
    )


def pending(store: Store) -> int:
    """Events not yet in any claim (rejected ones aside); 1 at least while the keys of a
    store from before claim keys are still to be written.

    Ingest assigns each document's events as it stores them, so this is 0 but for a store
    built before claims were stored, a ``claims --rebuild`` that was stopped, or rows written
    by hand. Counting it reads every event (0.5 s at a million), so readers that must stay
    fast (web requests) do not ask on every call (``storyline.web.claims_cache``)."""
    with store.sessions() as session:
        if jobs.position(session, KEYS_JOB) is not None:
            return 1
    return unassigned_events(store)


def unassigned_events(store: Store) -> int:
    """How many events (rejected ones aside) are in no claim: what a page can say waits
    (:func:`pending` also counts the keys job as work, as one)."""
    with store.sessions() as session:
        return int(session.scalar(_unassigned(func.count(EventRow.id))) or 0)


def _unassigned(column: Any) -> Any:
    return (
        select(column)
        .outerjoin(ClaimMemberRow, ClaimMemberRow.event_id == EventRow.id)
        .where(ClaimMemberRow.event_id.is_(None), EventRow.review_status.not_in(EXCLUDED_STATUSES))
    )


def _catch_up_if(store: Store, wanted: bool) -> None:
    """The readers' ``catch_up_first``: assign what waits, when asked and when anything does."""
    if wanted and pending(store):
        catch_up(store)


def catch_up(store: Store, progress: Any = None) -> int:
    """Assign every unassigned event (a store from before claims were stored, or after
    :func:`rebuild` cleared them), :data:`BATCH` per transaction in document order — the
    order ingest assigns them in, so the claims are those that adding the documents one by
    one gives. Memory holds one batch and the claim records of :data:`CACHE` recent
    members, whatever the size of the store; a run that is stopped loses one batch and the
    next one goes on (unassigned events are the work left). First writes the keys of a
    store whose claims predate them (:data:`KEYS_JOB`)."""
    _write_missing_keys(store)
    cache = ClaimEventCache()
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
            assign(session, ids, cache)
        done += len(ids)
        if progress is not None:
            progress(len(ids))


def _write_missing_keys(store: Store) -> None:
    """Write the keys of every member of a store that held claims before keys existed
    (migration 0009 records the job), :data:`BATCH` members per transaction, resumable."""
    while True:
        with store.sessions.begin() as session:
            last = jobs.position(session, KEYS_JOB)
            if last is None:
                return
            ids = list(
                session.scalars(
                    select(ClaimMemberRow.event_id)
                    .where(ClaimMemberRow.event_id > last)
                    .order_by(ClaimMemberRow.event_id)
                    .limit(BATCH)
                )
            )
            if not ids:
                jobs.finish(session, KEYS_JOB)
                return
            write_keys(session, load_claim_events(session, EventRow.id.in_(ids), homes=False))
            jobs.advance(session, KEYS_JOB, ids[-1])


def rebuild(store: Store, progress: Any = None) -> int:
    """Regroup every event that no editor pinned (after the grouping rules changed):
    unpinned memberships and then-empty claims are removed, then those events are assigned
    again as :func:`catch_up` does, in bounded batches. Pinned memberships and their claims
    keep their ids and events. A rebuild that is stopped is finished by the next claims read
    (the events it had not reached are unassigned)."""
    with store.sessions.begin() as session:
        # Keys go with memberships: an event is found by later ones once it is assigned.
        pinned = select(ClaimMemberRow.event_id).where(ClaimMemberRow.pinned.is_(True))
        session.execute(delete(ClaimKeyRow).where(ClaimKeyRow.event_id.not_in(pinned)))
        session.execute(delete(ClaimMemberRow).where(ClaimMemberRow.pinned.is_(False)))
        drop_empty(session)
    assigned = catch_up(store, progress)
    after_bulk_write(store, assigned)
    return assigned


# ------------------------------------------------------------------------------- reading


def stored_groups(
    store: Store,
    type: str | None = None,
    min_documents: int = 1,
    claim_ids: Sequence[int] | None = None,
    *,
    catch_up_first: bool = True,
) -> list[ClaimGroup]:
    """The stored claims as :class:`ClaimGroup` records (id = the claim's stable id), with
    their standing computed now and dismissed contradictions left out.

    ``min_documents=2`` reads only claims made by two or more documents, so a page that
    lists those never loads the single-report claims that make up most of an archive.
    ``catch_up_first`` first assigns every unassigned event (:func:`catch_up`); a web
    request passes ``False`` and reads what is assigned (see :func:`pending`).
    """
    _catch_up_if(store, catch_up_first)
    with store.sessions() as session:
        query = claims_made_by(min_documents, type)
        if claim_ids is not None:
            query = query.where(ClaimMemberRow.claim_id.in_(list(claim_ids)))
        return read_groups(session, list(session.scalars(query)))


#: Claims read per query by :func:`iter_stored_groups`: memory holds one batch at a time.
READ_BATCH = 500


def iter_stored_groups(
    store: Store,
    type: str | None = None,
    min_documents: int = 1,
    batch: int | None = None,
    *,
    catch_up_first: bool = True,
) -> Iterator[ClaimGroup]:
    """Every stored claim (of ``type``, made by at least ``min_documents`` documents) in id
    order, as :func:`stored_groups` gives them, read ``batch`` claims at a time.

    Why batches: the claims several documents make in a million-event archive are hundreds
    of thousands, and their events as records are gigabytes; read by key (claim ids after
    the last one read), memory holds one batch whatever the size of the store, and the first
    claims are printed before the last are read.
    """
    _catch_up_if(store, catch_up_first)
    last = 0
    while True:
        with store.sessions() as session:
            query = claims_made_by(min_documents, type).where(ClaimMemberRow.claim_id > last)
            page = query.order_by(ClaimMemberRow.claim_id).limit(batch or READ_BATCH)
            ids = list(session.scalars(page))
            if not ids:
                return
            groups = read_groups(session, ids)
        yield from groups
        last = ids[-1]


def stored_page(
    store: Store,
    type: str | None,
    limit: int,
    offset: int,
    *,
    min_documents: int = 2,
    catch_up_first: bool = True,
) -> tuple[list[ClaimGroup], int]:
    """One page of the claims at least ``min_documents`` documents make (by default
    several), in id order, and how many there are: a list page reads its own claims only,
    whatever the size of the archive."""
    _catch_up_if(store, catch_up_first)
    with store.sessions() as session:
        multi = claims_made_by(min_documents, type)
        total = int(session.scalar(select(func.count()).select_from(multi.subquery())) or 0)
        page = multi.order_by(ClaimMemberRow.claim_id).limit(limit).offset(offset)
        return read_groups(session, list(session.scalars(page))), total


def claims_made_by(min_documents: int, type: str | None) -> Any:
    """The ids of the claims (of ``type``) whose events come from at least
    ``min_documents`` documents."""
    query = (
        select(ClaimMemberRow.claim_id)
        .join(ClaimRow, ClaimRow.id == ClaimMemberRow.claim_id)
        .group_by(ClaimMemberRow.claim_id)
        .having(func.count(distinct(ClaimMemberRow.document_id)) >= min_documents)
    )
    return query.where(ClaimRow.type == type) if type else query


def read_groups(session: Any, ids: Sequence[int]) -> list[ClaimGroup]:
    """The claims ``ids`` with their events, contradictions computed, dismissed ones out
    (a claim none of whose events is left — all rejected — is not returned)."""
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


def claim_of_event(store: Store, event_id: int, *, catch_up_first: bool = True) -> int | None:
    """The id of the claim holding an event, if it is assigned."""
    _catch_up_if(store, catch_up_first)
    with store.sessions() as session:
        return session.scalar(
            select(ClaimMemberRow.claim_id).where(ClaimMemberRow.event_id == event_id)
        )


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def claim_types(store: Store) -> list[str]:
    """The event types that have claims (for the list's type filter)."""
    with store.sessions() as session:
        return sorted(session.scalars(select(ClaimRow.type).distinct()))
