"""Queries every web request runs read an index, not the table, once the store is large.

SQLite's planner goes by the statistics ``ANALYZE`` leaves: an index over a column that is
``normal`` for every row tells it that ``sensitivity = 'protected'`` matches them all, and
it scans the table instead (a second per request at six million mentions). These tests fill
a store with enough rows that the statistics say so, run ``ANALYZE`` as an operator would,
and read the plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import insert, inspect, text

from storyline.store import protection
from storyline.store.db import Store
from storyline.store.schema import MentionRow

MENTIONS_PER_DOCUMENT = 50
DOCUMENTS = 400


def _fill(store: Store, add_documents: Callable[..., None], protected: int = 1) -> None:
    """20,000 mentions over 400 documents, all normal but the first ``protected``."""
    with store.engine.begin() as connection:
        add_documents(connection, range(1, DOCUMENTS + 1), lambda n: "x" * 600)
        connection.execute(
            insert(MentionRow),
            [
                {
                    "document_id": d,
                    "key": f"m{k}",
                    "kind": "quantity",
                    "start": k * 10,
                    "end": k * 10 + 5,
                    "text": "five",
                    "data": {},
                    "extractor": "test",
                    "sensitivity": "protected" if (d - 1) * 50 + k < protected else "normal",
                }
                for d in range(1, DOCUMENTS + 1)
                for k in range(MENTIONS_PER_DOCUMENT)
            ],
        )
        connection.execute(text("ANALYZE"))


def test_the_per_request_seal_check_reads_only_protected_mentions(
    store: Store, add_documents: Callable[..., None]
) -> None:
    if store.dialect != "sqlite":
        pytest.skip("SQLite's plan; the index itself is checked on both below")
    # The usual case: nothing protected, nothing to seal.
    _fill(store, add_documents, protected=0)
    store.engine.dispose()  # a new connection loads the statistics ANALYZE wrote
    query = protection.unsealed_mark().compile(store.engine, compile_kwargs={"literal_binds": True})
    with store.engine.connect() as connection:
        plan = " / ".join(
            row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {query}"))
        )
    assert re.search(r"SCAN mentions(?! USING INDEX ix_mentions_protected)", plan) is None, plan
    assert "ix_mentions_protected" in plan, plan
    with store.sessions() as session:
        assert session.scalar(protection.unsealed_mark()) is None


def test_the_seal_check_finds_a_mention_protected_by_hand(
    store: Store, add_documents: Callable[..., None]
) -> None:
    # Marked by SQL, not through protect(): no sealed range covers it yet.
    _fill(store, add_documents, protected=1)
    with store.sessions() as session:
        assert session.scalar(protection.unsealed_mark()) is not None


def test_the_protected_index_covers_only_protected_rows(store: Store) -> None:
    indexes = {i["name"]: i for i in inspect(store.engine).get_indexes("mentions")}
    assert "ix_mentions_sensitivity" not in indexes  # one value millions of times: never used
    protected = indexes["ix_mentions_protected"]
    assert protected["column_names"] == ["document_id", "start", "end"]
    where = protected.get("dialect_options", {}).get(f"{store.dialect}_where")
    assert where is not None and "protected" in str(where)


def test_postgresql_lists_a_types_events_in_time_order_from_one_index(
    store: Store, add_documents: Callable[..., None], event_row: Callable[..., dict[str, Any]]
) -> None:
    """The events table's default order (time) for one type from a date on: PostgreSQL
    walked the time index over every type's events and filtered them (0.8 s at a million);
    migration 0014's index gives the type's rows already in time order."""
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL's plan; SQLite sorts the type's rows from its browse index")
    from datetime import date

    from storyline.store import event_queries
    from storyline.store.event_queries import EventFilters
    from storyline.store.schema import EventRow

    with store.engine.begin() as connection:
        add_documents(connection, range(1, 41), lambda n: "x" * 100)
        connection.execute(
            insert(EventRow),
            [
                event_row(
                    d,
                    f"v{k}",
                    ["casualty", "enlistment", "deployment"][k % 3],
                    time_start=date(2022, 1, 1 + k % 28).replace(year=2022 + k % 3),
                )
                for d in range(1, 41)
                for k in range(50)
            ],
        )
        connection.execute(text("ANALYZE events"))
    filters = EventFilters(type="casualty", since=date(2024, 1, 1))
    query = event_queries.page_ids_query(filters, 50, 0).compile(
        store.engine, compile_kwargs={"literal_binds": True}
    )
    with store.engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))  # a small table: as a large one
        plan = " ".join(row[0] for row in connection.execute(text(f"EXPLAIN {query}")))
    assert "ix_events_type_time" in plan, plan
    assert "Sort" not in plan.replace("Incremental Sort", ""), plan
