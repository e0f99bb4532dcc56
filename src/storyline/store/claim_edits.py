"""Editors decide what is one claim: split, merge, attach, detach, dismiss a contradiction.

Each action pins the memberships it sets (automatic assignment and rebuilds never move a
pinned event, :mod:`storyline.store.claim_members`) and writes an audit row in the same
transaction, so a decision is both durable and accountable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from storyline.errors import InputError, NotFoundError
from storyline.store.claim_members import assign, drop_empty, stored_groups
from storyline.store.claims import contradiction_key
from storyline.store.db import Store
from storyline.store.review import append_audit, in_transaction
from storyline.store.schema import ClaimDismissalRow, ClaimMemberRow, ClaimRow, EventRow


def _claim(session: Any, claim_id: int) -> ClaimRow:
    row = session.get(ClaimRow, claim_id)
    if row is None:
        raise NotFoundError(f"claim {claim_id}", "no such claim")
    return row


def _member(session: Any, event_id: int) -> ClaimMemberRow:
    if session.get(EventRow, event_id) is None:
        raise NotFoundError(f"event {event_id}", "no such event")
    row = session.get(ClaimMemberRow, event_id)
    if row is None:
        assign(session, [event_id])
        row = session.get(ClaimMemberRow, event_id)
    if row is None:
        raise InputError(f"event {event_id}", "a rejected event is in no claim")
    return row


def _new_claim(session: Any, type: str) -> ClaimRow:
    now = datetime.now(UTC)
    row = ClaimRow(type=type, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    return row


def _move(session: Any, members: Iterable[ClaimMemberRow], claim: ClaimRow) -> None:
    for member in members:
        member.claim_id = claim.id
        member.pinned = True
    claim.updated_at = datetime.now(UTC)
    session.flush()
    drop_empty(session)


def split(
    store: Store, claim_id: int, event_ids: Sequence[int], actor: str, note: str | None = None
) -> int:
    """Move some events of a claim into a new claim (pinned there); returns its id."""

    def work(session: Any) -> int:
        claim = _claim(session, claim_id)
        members = [_member(session, e) for e in event_ids]
        strangers = [m.event_id for m in members if m.claim_id != claim_id]
        if strangers or not members:
            raise InputError(
                f"claim {claim_id}", f"events not in this claim: {strangers or 'none given'}"
            )
        remaining = session.scalar(
            select(func.count()).where(
                ClaimMemberRow.claim_id == claim_id, ~ClaimMemberRow.event_id.in_(list(event_ids))
            )
        )
        if not remaining:
            raise InputError(
                f"claim {claim_id}", "splitting off every event leaves nothing to split from"
            )
        new = _new_claim(session, claim.type)
        _move(session, members, new)
        _pin_rest(session, claim_id)
        append_audit(
            session,
            actor,
            "split",
            "claim",
            claim_id,
            {"events": list(event_ids), "into": new.id, "note": note},
        )
        return int(new.id)

    return in_transaction(store, work)


def _pin_rest(session: Any, claim_id: int) -> None:
    """After an editor's split, the events left behind stay together too."""
    for member in session.scalars(
        select(ClaimMemberRow).where(ClaimMemberRow.claim_id == claim_id)
    ):
        member.pinned = True


def merge(store: Store, into: int, other: int, actor: str, note: str | None = None) -> None:
    """Move every event of claim ``other`` into claim ``into`` (pinned); ``other`` ends."""

    def work(session: Any) -> None:
        target, source = _claim(session, into), _claim(session, other)
        if target.id == source.id:
            raise InputError(f"claim {into}", "a claim cannot be merged with itself")
        if target.type != source.type:
            raise InputError(f"claim {other}", f"is a {source.type} claim, not {target.type}")
        members = list(
            session.scalars(select(ClaimMemberRow).where(ClaimMemberRow.claim_id == other))
        )
        _move(session, members, target)
        _pin_rest(session, into)
        append_audit(session, actor, "merge", "claim", into, {"merged": other, "note": note})

    in_transaction(store, work)


def attach(store: Store, event_id: int, claim_id: int, actor: str, note: str | None = None) -> None:
    """Put an event into a claim of its type (pinned there)."""

    def work(session: Any) -> None:
        claim = _claim(session, claim_id)
        member = _member(session, event_id)
        event_type = session.get(EventRow, event_id).type
        if event_type != claim.type:
            raise InputError(
                f"event {event_id}", f"is a {event_type}, claim {claim_id} a {claim.type}"
            )
        before = member.claim_id
        _move(session, [member], claim)
        append_audit(
            session,
            actor,
            "attach",
            "claim",
            claim_id,
            {"event": event_id, "from": before, "note": note},
        )

    in_transaction(store, work)


def detach(store: Store, event_id: int, actor: str, note: str | None = None) -> int:
    """Take an event out of its claim into a claim of its own (pinned); returns its id."""

    def work(session: Any) -> int:
        member = _member(session, event_id)
        before = member.claim_id
        new = _new_claim(session, session.get(EventRow, event_id).type)
        _move(session, [member], new)
        append_audit(
            session,
            actor,
            "detach",
            "claim",
            before,
            {"event": event_id, "into": new.id, "note": note},
        )
        return int(new.id)

    return in_transaction(store, work)


def dismiss(store: Store, claim_id: int, key: str, actor: str, note: str | None = None) -> None:
    """Mark one of a claim's contradictions (by :func:`contradiction_key`) as not real."""
    found = stored_groups(store, claim_ids=[claim_id], catch_up_first=False)
    if not found:
        raise NotFoundError(f"claim {claim_id}", "no such claim")
    group = found[0]
    keys = {contradiction_key(c) for c in group.contradictions}
    if key not in keys:
        raise InputError(
            f"claim {claim_id}",
            f"no open contradiction {key!r} (open: {', '.join(sorted(keys)) or 'none'})",
        )

    def work(session: Any) -> None:
        session.add(
            ClaimDismissalRow(
                claim_id=claim_id, key=key, actor=actor, note=note, at=datetime.now(UTC)
            )
        )
        append_audit(
            session, actor, "dismiss_contradiction", "claim", claim_id, {"key": key, "note": note}
        )

    in_transaction(store, work)
