"""Facet counts beside the events and documents tables: how the current selection splits
by type, place, certainty, outlet, review status (events) or outlet and language (documents).

Why counts of the *current* selection, as Datasette shows them: a reader narrowing the
record sees at once how many rows each further choice would leave, and each value is a
link that adds that filter. One GROUP BY per facet over the same WHERE as the table
(:mod:`storyline.store.event_queries`, :mod:`storyline.store.queries`), the busiest values
first, so the cost does not grow with the number of distinct places or outlets shown.

For the events, a selection by type, certainty, review status and country only — the
table as first opened, and most narrowing by facet links — is counted from
``event_facet_counts`` (migration 0013, kept exact by triggers) instead: at a million
events the five GROUP BYs read every event (10-11 s p95 under 20 clients); the counts read
a few hundred rows. Any other filter (place, outlet, source, dates, document) groups the
selected events as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select

from storyline.store import event_cells, event_queries, queries, search
from storyline.store.db import Store
from storyline.store.event_queries import EventFilters
from storyline.store.queries import DocumentFilters
from storyline.store.schema import DocumentRow, EventFacetCountRow, EventRow

#: Values shown per facet at most (the busiest).
FACET_VALUES = 10
#: Characters of a place a facet value keeps (``event_facet_counts.value``, migration 0013).
PLACE_CHARS = 200


@dataclass(frozen=True)
class Facet:
    """One facet: the query parameter it sets, its heading, and ``(value, count)`` pairs."""

    param: str
    label: str
    values: list[tuple[str, int]]
    #: The value the selection is already filtered by, if any.
    chosen: str | None = None


#: Events: (query parameter, heading, column, the filter field it sets).
_EVENT_FACETS: list[tuple[str, str, Any]] = [
    ("type", "Type", EventRow.type),
    # The kept counts hold a place's first 200 characters (migration 0013); the live count
    # groups the same way, so both give one facet (the filter matches by substring).
    ("place", "Place", func.substr(EventRow.place, 1, PLACE_CHARS).label("place")),
    ("certainty", "Certainty", EventRow.certainty),
    ("outlet", "Outlet", DocumentRow.outlet),
    ("status", "Review", EventRow.review_status),
]

_DOCUMENT_FACETS: list[tuple[str, str, Any]] = [
    ("outlet", "Outlet", DocumentRow.outlet),
    ("language", "Language", DocumentRow.language),
]


def event_facets(
    store: Store, filters: EventFilters, limit: int = FACET_VALUES, *, counts: bool = True
) -> list[Facet]:
    """How the events selected by ``filters`` split by each facet (``counts=False`` groups
    the events even where the kept counts could answer: the reference the tests compare)."""
    counted = event_queries.cell_filter(filters) if counts else None
    if counted is not None:
        return _counted_event_facets(store, filters, counted, limit)
    where = event_queries.conditions(filters)
    found = []
    with store.sessions() as session:
        for param, label, column in _EVENT_FACETS:
            if column is DocumentRow.outlet:
                # Count per document first (events' own index), then add up by outlet: a
                # join of every event to its document costs twice as much on 100,000.
                per_document = (
                    select(EventRow.document_id, func.count().label("n"))
                    .where(*where)
                    .group_by(EventRow.document_id)
                    .subquery()
                )
                total = func.sum(per_document.c.n)
                query = (
                    select(DocumentRow.outlet, total)
                    .join(per_document, per_document.c.document_id == DocumentRow.id)
                    .where(DocumentRow.outlet.is_not(None), DocumentRow.outlet != "")
                    .group_by(DocumentRow.outlet)
                    .order_by(total.desc(), DocumentRow.outlet)
                    .limit(limit)
                )
                values = [(str(v), int(n)) for v, n in session.execute(query).all()]
            else:
                values = _counts(
                    session, select(column, func.count(EventRow.id)).where(*where), column, limit
                )
            found.append(Facet(param, label, values, getattr(filters, param, None)))
    return found


#: Which facets are kept per value (the rest are columns of the counts' filters).
_KEPT_PER_VALUE = {"place", "outlet"}


def _counted_event_facets(
    store: Store, filters: EventFilters, counted: event_cells.CellFilter, limit: int
) -> list[Facet]:
    counts = EventFacetCountRow
    where = event_cells.conditions(counts, counted)
    total = func.sum(counts.n)
    found = []
    with store.sessions() as session:
        for param, label, column in _EVENT_FACETS:
            if param in _KEPT_PER_VALUE:
                value: Any = counts.value
                facet = param
            else:  # every event is in exactly one outlet row: group those by the column
                value = getattr(counts, column.key)
                facet = "outlet"
            rows = session.execute(
                select(value, total)
                .where(counts.facet == facet, value != "", *where)
                .group_by(value)
                .having(total > 0)
                .order_by(total.desc(), value)
                .limit(limit)
            ).all()
            values = [(str(v), int(n)) for v, n in rows]
            found.append(Facet(param, label, values, getattr(filters, param, None)))
    return found


def document_facets(
    store: Store, filters: DocumentFilters, limit: int = FACET_VALUES
) -> list[Facet]:
    """How the documents selected by ``filters`` split by each facet."""
    with store.sessions() as session:
        search.read_by_index(session, store.dialect, filters.q)
        most = _matches_most_documents(session, store.dialect, filters.q)
        return [
            Facet(
                param,
                label,
                _counts(
                    session,
                    queries.document_where(
                        select(column, func.count(DocumentRow.id)),
                        store.dialect,
                        filters,
                        most_documents=most,
                    ),
                    column,
                    limit,
                ),
                getattr(filters, param, None),
            )
            for param, label, column in _DOCUMENT_FACETS
        ]


def _matches_most_documents(session: Any, dialect: str, words: str | None) -> bool:
    """SQLite: whether a search matches over a quarter of the documents, where scanning the
    facet's covering index beats looking each match up (``search.search_condition``:
    0.45 µs an entry against 2 µs a lookup). Counting the matches in the full-text index
    costs about 9 ms at 100,000 matches; the store's size is its largest id."""
    if not words:
        return False
    matches = search.count_matches(session, dialect, words)
    if matches is None:
        return False
    documents = session.scalar(select(func.max(DocumentRow.id))) or 0
    return matches * 4 > documents


def _counts(
    session: Any, query: Any, column: ColumnElement[Any], limit: int
) -> list[tuple[str, int]]:
    count = func.count()
    rows = session.execute(
        query.where(column.is_not(None), column != "")
        .group_by(column)
        .order_by(count.desc(), column)
        .limit(limit)
    ).all()
    return [(str(value), int(n)) for value, n in rows]
