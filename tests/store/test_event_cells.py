"""The chart cells and facet counts kept by triggers agree with a live GROUP BY over the
events, always.

The timeline and map read ``event_cells`` (migration 0011), the facets beside the events
table ``event_facet_counts`` (0013), for the commonest selections.
A count that drifted — an update the triggers missed, a month computed differently, a
cascade delete not subtracted — would draw a chart that does not match the table beside it.
So: a store with events of every awkward shape (undated, open ranges, ranges across months,
no country, no point, country-only places; documents with and without an outlet), then
reviews, corrections, renamed outlets, deletes and new events through the ORM and plain
SQL, and after each step every chart and facet query is compared with the live one for
many selections, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, text, update

from storyline.store import event_queries, facets
from storyline.store.db import Store
from storyline.store.event_queries import EventFilters
from storyline.store.schema import DocumentRow, EventCellRow, EventFacetCountRow, EventRow

TYPES = ["casualty", "enlistment", "deployment"]
STATUSES = ["machine", "verified", "corrected", "rejected"]
PLACES: list[tuple[str | None, str | None, float | None, float | None, str | None]] = [
    ("Kessel", "RU", 56.14, 40.41, "city"),
    ("Kessel colony", "RU", 56.13, 40.44, "facility"),  # same map cell, another name
    ("Marsk", "RU", 47.21, 39.72, "city"),
    ("Dnistria", "UA", 46.48, 30.73, "city"),
    ("Russia", "RU", None, None, "country"),
    ("Ukraine", "UA", None, None, "country"),
    (None, None, None, None, None),  # no place at all
    (None, "RU", 55.75, 37.62, "city"),  # a point without a name
]


def _times(rng: random.Random) -> dict[str, Any]:
    day = date(2023, 1, 1) + timedelta(days=rng.randint(0, 500))
    shape = rng.choice(["undated", "day", "week", "month-crossing", "year", "open"])
    if shape == "undated":
        return {"time_start": None, "time_end": None, "time_granularity": None}
    if shape == "day":
        return {"time_start": day, "time_end": None, "time_granularity": "day"}
    if shape == "week":
        return {"time_start": day, "time_end": day + timedelta(days=6), "time_granularity": None}
    if shape == "month-crossing":
        return {"time_start": day, "time_end": day + timedelta(days=45), "time_granularity": None}
    if shape == "year":
        return {
            "time_start": date(day.year, 1, 1),
            "time_end": date(day.year, 12, 31),
            "time_granularity": "year",
        }
    return {"time_start": day, "time_end": None, "time_granularity": "open"}


def _event(rng: random.Random, document: int, n: int) -> dict[str, Any]:
    place, country, lat, lon, precision = rng.choice(PLACES)
    return {
        "document_id": document,
        "key": f"v{n}",
        "type": rng.choice(TYPES),
        "codebook": "prison-recruitment/1",
        "certainty": rng.choice(["reported", "confirmed", "alleged"]),
        "start": 0,
        "end": 5,
        "text": "event",
        "place": place,
        "country": country,
        "lat": lat,
        "lon": lon,
        "precision": precision,
        "data": {},
        "review_status": rng.choice(STATUSES),
        "sensitivity": "normal",
        **_times(rng),
    }


def _fill(
    store: Store,
    add_documents: Callable[..., None],
    rng: random.Random,
    documents: range,
    per_document: int,
) -> None:
    with store.engine.begin() as connection:
        add_documents(connection, documents, lambda n: f"Report {n}\n\nAn event.")
        for d in documents:
            connection.execute(
                insert(EventRow), [_event(rng, d, n) for n in range(1, per_document + 1)]
            )


SELECTIONS = [
    EventFilters(),
    EventFilters(status="all"),
    EventFilters(status="rejected"),
    EventFilters(type="casualty"),
    EventFilters(type="enlistment", status="verified"),
    EventFilters(country="ru"),
    EventFilters(country="UA", certainty="reported"),
    EventFilters(type="deployment", country="RU", status="machine", certainty="alleged"),
]


def _agree(store: Store) -> None:
    for selection in SELECTIONS:
        with store.sessions() as session:
            counted = session.scalar(
                select(func.count(EventRow.id)).where(*event_queries._conditions(selection))
            )
        assert event_queries.list_events(store, selection).total == counted, selection
        for chart in ("timeline", "coarse_periods", "country_level"):
            query = getattr(event_queries, chart)
            assert query(store, selection) == query(store, selection, cells=False), (
                chart,
                selection,
            )
        cells = event_queries.map_points(store, selection)
        live = event_queries.map_points(store, selection, cells=False)
        key = lambda p: (p.lat, p.lon)  # noqa: E731 (equal counts may come in any order)
        assert sorted(cells, key=key) == sorted(live, key=key), selection
        assert [p.count for p in cells] == [p.count for p in live]
        assert facets.event_facets(store, selection) == facets.event_facets(
            store, selection, counts=False
        ), selection


def test_cells_agree_with_the_events_after_every_kind_of_change(
    store: Store, add_documents: Callable[..., None]
) -> None:
    rng = random.Random(5)
    _fill(store, add_documents, rng, range(1, 31), per_document=12)
    with store.engine.begin() as connection:  # an outlet for most documents, set afterwards
        connection.execute(
            text("UPDATE documents SET outlet = 'outlet-' || (id % 4) WHERE id % 5 != 0")
        )
    assert event_queries.timeline(store, EventFilters(status="all"))  # not trivially empty
    assert event_queries.map_points(store, EventFilters(status="all"))
    assert event_queries.country_level(store, EventFilters(status="all"))
    assert event_queries.coarse_periods(store, EventFilters(status="all"))
    _agree(store)

    with store.sessions() as session, session.begin():
        ids = list(session.scalars(select(EventRow.id).order_by(EventRow.id)))
        # A review decision on some, a reviewer's correction of type, place and time on others.
        for event_id in rng.sample(ids, 40):
            session.get(EventRow, event_id).review_status = rng.choice(STATUSES)  # type: ignore[union-attr]
        for event_id in rng.sample(ids, 40):
            row = session.get(EventRow, event_id)
            assert row is not None
            place, country, lat, lon, precision = rng.choice(PLACES)
            row.type = rng.choice(TYPES)
            row.place, row.country, row.lat, row.lon, row.precision = (
                place,
                country,
                lat,
                lon,
                precision,
            )
            for column, value in _times(rng).items():
                setattr(row, column, value)
    with store.sessions() as session, session.begin():  # one outlet renamed, one cleared
        for document in session.scalars(select(DocumentRow).where(DocumentRow.id.in_([1, 2]))):
            document.outlet = "renamed.example" if document.id == 1 else None
    _agree(store)

    # Bulk SQL as a migration or a re-processing job would write it, then a document deleted
    # (its events go by cascade) and another re-extracted (events deleted and added).
    with store.engine.begin() as connection:
        connection.execute(
            update(EventRow).where(EventRow.type == "casualty").values(review_status="verified")
        )
        connection.execute(text("UPDATE events SET time_end = NULL WHERE id % 7 = 0"))
    with store.sessions() as session, session.begin():
        session.delete(session.get(DocumentRow, 3))
    with store.engine.begin() as connection:  # the database's own cascade, not the ORM's
        connection.execute(delete(DocumentRow).where(DocumentRow.id == 6))
        connection.execute(delete(EventRow).where(EventRow.document_id == 4))
        connection.execute(insert(EventRow), [_event(rng, 4, n) for n in range(1, 20)])
    _agree(store)
    _fill(store, add_documents, rng, range(31, 41), per_document=5)
    _agree(store)

    # Every event gone: no cell is left holding a count.
    with store.engine.begin() as connection:
        connection.execute(delete(EventRow))
    with store.sessions() as session:
        assert session.scalars(select(EventCellRow)).all() == []
        assert session.scalars(select(EventFacetCountRow)).all() == []
    assert event_queries.timeline(store, EventFilters(status="all")) == []


def test_selections_the_cells_do_not_group_by_still_count(
    store: Store, add_documents: Callable[..., None]
) -> None:
    _fill(store, add_documents, random.Random(9), range(1, 11), per_document=10)
    for selection in [
        EventFilters(place="Kessel"),
        EventFilters(since=date(2023, 6, 1)),
        EventFilters(document=2, type="casualty"),
    ]:
        assert event_queries.timeline(store, selection) == event_queries.timeline(
            store, selection, cells=False
        )
    only_second = event_queries.timeline(store, EventFilters(document=2, status="all"))
    with store.sessions() as session:
        dated = session.scalars(
            select(EventRow).where(EventRow.document_id == 2, EventRow.time_start.is_not(None))
        ).all()
    assert sum(n for _, n in only_second) <= len(dated)


def test_the_counting_triggers_are_in_place(store: Store) -> None:
    """A later migration that rebuilds ``events`` (SQLite's batch mode copies the table and
    drops the old one, triggers included) must create them again: without them the charts
    would silently stop following the record."""
    with store.engine.connect() as connection:
        if store.dialect == "sqlite":
            found = set(
                connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            )
            expected = {
                "event_cells_insert",
                "event_cells_delete",
                "event_cells_update",
                "event_facet_counts_insert",
                "event_facet_counts_delete",
                "event_facet_counts_update",
            }
        else:
            found = set(
                connection.scalars(
                    text(
                        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'events'::regclass"
                        " AND NOT tgisinternal"
                    )
                )
            )
            expected = {"event_cells_count", "event_cells_lock", "event_facet_counts_count"}
            found |= set(
                connection.scalars(
                    text(
                        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'documents'::regclass"
                        " AND NOT tgisinternal"
                    )
                )
            )
            expected |= {
                "documents_counts_lock",
                "event_facet_counts_document_delete",
                "event_facet_counts_outlet",
            }
    assert expected <= found


def test_two_writers_of_opposite_cells_queue_instead_of_deadlocking(
    store: Store, add_documents: Callable[..., None]
) -> None:
    """Each transaction writes an event of one cell, waits, then one of the other cell, in
    opposite orders: without a common lock taken first, PostgreSQL finds a deadlock and
    aborts one of them."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    with store.engine.begin() as connection:
        add_documents(connection, [1, 2], lambda n: f"Report {n}")
    # The same place, time and status on every event, so the two writers meet in the same
    # two cells (only the type differs).
    shape = _event(random.Random(3), 1, 1)
    outcomes: list[str] = []
    both_started = threading.Barrier(2, timeout=3)

    def writer(document: int, first: str, second: str) -> None:
        try:
            with store.engine.begin() as connection:
                row = {**shape, "document_id": document, "key": "v1", "type": first}
                connection.execute(insert(EventRow), [row])
                # With the lock the other writer queues behind this one: go on alone.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_started.wait()
                time.sleep(0.3)
                connection.execute(insert(EventRow), [{**row, "key": "v2", "type": second}])
            outcomes.append("committed")
        except Exception as error:
            outcomes.append(f"{type(error).__name__}: {error}".splitlines()[0])

    threads = [
        threading.Thread(target=writer, args=(1, "casualty", "enlistment")),
        threading.Thread(target=writer, args=(2, "enlistment", "casualty")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes == ["committed", "committed"]
    _agree(store)


def test_an_outlet_corrected_while_a_writer_holds_the_document_does_not_deadlock(
    store: Store, add_documents: Callable[..., None]
) -> None:
    """A writer adds an event (taking the counts' lock), then updates its document; an
    editor corrects the same document's outlet in between. Without the lock taken before
    the document's row (migration 0015), each waited for the other."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    with store.engine.begin() as connection:
        add_documents(connection, [1], lambda n: f"Report {n}")
        connection.execute(insert(EventRow), [_event(random.Random(4), 1, 1)])
    outcomes: dict[str, str] = {}

    def writer() -> None:
        try:
            with store.engine.begin() as connection:
                connection.execute(insert(EventRow), [_event(random.Random(5), 1, 2)])
                time.sleep(0.5)
                connection.execute(text("UPDATE documents SET title = 'Report one' WHERE id = 1"))
            outcomes["writer"] = "committed"
        except Exception as error:
            outcomes["writer"] = f"{type(error).__name__}: {error}".splitlines()[0]

    def editor() -> None:
        time.sleep(0.2)
        try:
            with store.engine.begin() as connection:
                connection.execute(text("UPDATE documents SET outlet = 'fixed' WHERE id = 1"))
            outcomes["editor"] = "committed"
        except Exception as error:
            outcomes["editor"] = f"{type(error).__name__}: {error}".splitlines()[0]

    threads = [threading.Thread(target=writer), threading.Thread(target=editor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes == {"writer": "committed", "editor": "committed"}
    _agree(store)


def test_places_longer_than_the_kept_value_count_alike_both_ways(
    store: Store, add_documents: Callable[..., None]
) -> None:
    """The kept counts hold a place's first 200 characters; two places that differ only
    after them are one facet value whichever way it is counted (a reviewer's case)."""
    long = "A" * 250
    with store.engine.begin() as connection:
        add_documents(connection, [1], lambda n: f"Report {n}")
        rows = [_event(random.Random(n), 1, n) for n in (1, 2)]
        for row, place in zip(rows, (long, long + "B"), strict=True):
            row.update(place=place, review_status="machine")
        connection.execute(insert(EventRow), rows)
    counted = facets.event_facets(store, EventFilters())
    assert counted == facets.event_facets(store, EventFilters(), counts=False)
    [place] = [f for f in counted if f.param == "place"]
    assert place.values == [("A" * 200, 2)]
