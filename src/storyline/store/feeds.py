"""The state of followed feeds: validators of the last answer and the items already seen.

Kept in the store (not in a local file) so a cron job, a ``watch`` loop and a colleague's
machine polling the same shared store agree on what is new.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from storyline.store.db import Store
from storyline.store.schema import FeedItemRow, FeedRow


@dataclass(frozen=True)
class FeedState:
    """What the last poll of a feed left behind."""

    id: int
    url: str
    etag: str | None
    last_modified: str | None
    polled_at: datetime | None


def feed_state(store: Store, url: str) -> FeedState:
    """The feed's state, creating the feed on its first poll."""
    with store.sessions.begin() as session:
        row = session.scalar(select(FeedRow).where(FeedRow.url == url))
        if row is None:
            row = FeedRow(url=url, added_at=datetime.now(UTC))
            session.add(row)
            session.flush()
        return FeedState(row.id, row.url, row.etag, row.last_modified, row.polled_at)


def unseen(store: Store, feed_id: int, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` the feed has not recorded as seen."""
    wanted = set(keys)
    if not wanted:
        return set()
    with store.sessions() as session:
        seen = set(
            session.scalars(
                select(FeedItemRow.key).where(
                    FeedItemRow.feed_id == feed_id, FeedItemRow.key.in_(wanted)
                )
            )
        )
    return wanted - seen


def mark_seen(store: Store, feed_id: int, key: str, link: str | None, document: int | None) -> None:
    """Record one item as seen (after its report was stored, so a crash retries it)."""
    with store.sessions.begin() as session:
        if session.get(FeedItemRow, (feed_id, key)) is None:
            session.add(
                FeedItemRow(
                    feed_id=feed_id,
                    key=key,
                    link=link,
                    seen_at=datetime.now(UTC),
                    document_id=document,
                )
            )


def record_poll(
    store: Store,
    feed_id: int,
    *,
    status: str,
    title: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = False,
) -> None:
    """Record a poll's outcome; the validators are replaced unless ``keep_validators``."""
    with store.sessions.begin() as session:
        row = session.get(FeedRow, feed_id)
        assert row is not None
        row.polled_at = datetime.now(UTC)
        row.status = status[:300]
        if title:
            row.title = title
        if not keep_validators:
            row.etag, row.last_modified = etag, last_modified


@dataclass(frozen=True)
class FeedSummary:
    """A followed feed as ``storyline feeds`` lists it."""

    url: str
    title: str | None
    polled_at: datetime | None
    status: str | None
    items: int
    documents: int


def list_feeds(store: Store) -> list[FeedSummary]:
    """Every followed feed, by URL, with how many items were seen and stored."""
    with store.sessions() as session:
        counts = (
            select(
                FeedItemRow.feed_id,
                func.count().label("seen"),
                func.count(FeedItemRow.document_id).label("stored"),
            )
            .group_by(FeedItemRow.feed_id)
            .subquery()
        )
        rows = session.execute(
            select(FeedRow, counts.c.seen, counts.c.stored)
            .outerjoin(counts, counts.c.feed_id == FeedRow.id)
            .order_by(FeedRow.url)
        ).all()
        return [
            FeedSummary(f.url, f.title, f.polled_at, f.status, items or 0, documents or 0)
            for f, items, documents in rows
        ]
