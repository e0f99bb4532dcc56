"""The review queue's "next event": queue order, decided events skipped, wrapping round —
and, on SQLite, read as a range of the status index rather than a scan of the queue.

The review page asks for the event after the one shown on every request; spelled with OR
and bound parameters, SQLite scanned the queue from its start (70-700 ms a page at a
million events).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from sqlalchemy import insert, select, update

from storyline.store import event_queries
from storyline.store.db import Store
from storyline.store.schema import EventRow


def _fill(
    store: Store, add_documents: Callable[..., None], event_row: Callable[..., dict[str, Any]]
) -> list[int]:
    """Three events in each of documents 3, 1 and 2 (inserted in that order, so ids do not
    follow documents); the middle event of each is already decided."""
    with store.engine.begin() as connection:
        add_documents(connection, [1, 2, 3], lambda n: f"Report {n}\n\nAn event.")
        for document in (3, 1, 2):
            connection.execute(
                insert(EventRow),
                [
                    event_row(document, f"v{k}", review_status="verified" if k == 2 else "machine")
                    for k in (1, 2, 3)
                ],
            )
    with store.sessions() as session:
        return list(
            session.scalars(
                select(EventRow.id)
                .where(EventRow.review_status == "machine")
                .order_by(EventRow.document_id, EventRow.id)
            )
        )


def test_next_follows_documents_then_ids_skips_decided_and_wraps(
    store: Store, add_documents: Callable[..., None], event_row: Callable[..., dict[str, Any]]
) -> None:
    queue = _fill(store, add_documents, event_row)
    assert len(queue) == 6
    assert event_queries.next_in_queue(store) == queue[0]
    for here, following in pairwise(queue):
        assert event_queries.next_in_queue(store, here) == following
    assert event_queries.next_in_queue(store, queue[-1]) == queue[0]  # wraps round
    with store.engine.begin() as connection:  # the rest decided: nothing left after it
        connection.execute(
            update(EventRow).where(EventRow.id != queue[0]).values(review_status="verified")
        )
    assert event_queries.next_in_queue(store, queue[0]) == queue[0]


def test_sqlite_reads_the_next_event_as_an_index_range(
    store: Store, add_documents: Callable[..., None], event_row: Callable[..., dict[str, Any]]
) -> None:
    _fill(store, add_documents, event_row)
    if store.dialect != "sqlite":
        return  # the order itself is checked above on both databases
    compiled = event_queries.queue_after(1, 5).compile(store.engine)
    parameters = tuple(compiled.params[name] for name in compiled.positiontup or [])
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", parameters)
        plan = " ".join(str(row[3]) for row in rows)
    assert "document_id>?" in plan, plan
