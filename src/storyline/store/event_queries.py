"""Read-only queries over events: the filtered table, its timeline, its map, the review queue.

The events page, its downloads, its chart and its map, and ``/api/events`` all take one
:class:`EventFilters` and build their SQL from :func:`filtered`, so a download holds
exactly the rows the table selects and the chart counts the same selection. Aggregates
(timeline, map) are GROUP BY queries, so 100,000 events never travel to Python for them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    func,
    literal_column,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import aliased

from storyline.errors import FilterError
from storyline.store import event_cells
from storyline.store.db import Store
from storyline.store.event_rows import contract_event
from storyline.store.queries import Page, cached_facets, clamp
from storyline.store.schema import DocumentRow, EventRow, MentionRow

CERTAINTIES = ("asserted", "reported", "possible", "negated", "unknown")
STATUSES = ("machine", "verified", "corrected", "rejected")
#: What the status filter takes: a status, or ``all`` (rejected events included). Without
#: one, rejected events are left out of the table, the map, the timeline and every export:
#: a reviewer's "wrong" must not keep travelling.
STATUS_FILTERS = (*STATUSES, "all")
SORTS = ("time", "type", "place", "value", "certainty", "status", "document", "id")


@dataclass(frozen=True)
class EventFilters:
    """What the events table can be narrowed and ordered by; every field is optional.

    ``since``/``until`` select events whose time range overlaps the interval; ``source`` is
    text searched in the name of the source an event is attributed to, or ``none`` for
    events attributed to no one; ``place`` matches place names by substring.
    """

    type: str | None = None
    certainty: str | None = None
    status: str | None = None
    country: str | None = None
    place: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None
    document: int | None = None
    outlet: str | None = None
    sort: str = "time"
    desc: bool = False

    def __post_init__(self) -> None:
        check_filter_text(
            type=self.type,
            certainty=self.certainty,
            status=self.status,
            country=self.country,
            place=self.place,
            source=self.source,
            outlet=self.outlet,
        )

    def with_sort(self, sort: str) -> EventFilters:
        """The same selection ordered by ``sort`` (descending when already ascending)."""
        return replace(self, sort=sort, desc=(self.sort == sort and not self.desc))


#: The longest text a filter may search for. No place, source or outlet name comes near it,
#: and SQLite refuses a LIKE pattern over 50,000 bytes with an error a user cannot act on.
MAX_FILTER_CHARS = 500


def check_filter_text(**values: str | None) -> None:
    """Refuse a filter text too long to be a name, naming the filter.

    Raises:
        FilterError: a value longer than :data:`MAX_FILTER_CHARS`.
    """
    for name, value in values.items():
        if value is not None and len(value) > MAX_FILTER_CHARS:
            raise FilterError(
                f"{name}: a filter may be at most {MAX_FILTER_CHARS} characters "
                f"(this one has {len(value):,})"
            )


def _source_key() -> ColumnElement[Any]:
    return EventRow.data["source"].as_string()


def _conditions(f: EventFilters) -> list[ColumnElement[bool]]:
    common = event_cells.CellFilter(f.type, f.certainty, f.status, f.country)
    where = event_cells.conditions(EventRow, common)
    if f.place:
        where.append(_place_condition(f.place))
    if f.document is not None:
        where.append(EventRow.document_id == f.document)
    if f.outlet:
        report = aliased(DocumentRow)  # an alias: the outer query may join documents too
        where.append(
            select(report.id)
            .where(report.id == EventRow.document_id, report.outlet == f.outlet)
            .exists()
        )
    if f.since:
        # An open range ("since 2022") has no end: it overlaps every later interval.
        where.append(
            or_(
                and_(EventRow.time_end.is_(None), EventRow.time_granularity == "open"),
                func.coalesce(EventRow.time_end, EventRow.time_start) >= f.since,
            )
        )
    if f.until:
        where.append(EventRow.time_start <= f.until)
    if f.source:
        if f.source.strip().lower() == "none":
            where.append(or_(_source_key().is_(None), _source_key() == ""))
        else:
            source = aliased(MentionRow)
            where.append(
                select(source.id)
                .where(
                    source.document_id == EventRow.document_id,
                    source.key == _source_key(),
                    func.lower(source.data["source"].as_string()).contains(
                        f.source.lower().strip()
                    ),
                )
                .exists()
            )
    return where


def _place_condition(name: str) -> ColumnElement[bool]:
    """Events whose place is ``name`` as resolved, or lies inside it, or whose place text
    contains it.

    "Saint Petersburg" finds an event placed at "St. Petersburg" and one at "a prison
    outside St. Petersburg" (a facility tied to the city) by the city's GeoNames id; a
    region finds its cities and facilities by their first-level division; a country every
    place in it. Every place the name may denote counts (a filter cannot read the
    document that settles "Georgia"), the surface text as well.
    """
    from storyline.places.gazetteer import gazetteer
    from storyline.places.precision import region_key

    text = name.lower().strip()
    matches: list[ColumnElement[bool]] = [func.lower(EventRow.place).contains(text)]
    for candidate in gazetteer().lookup(name):
        place = candidate.place
        if not candidate.exact:
            continue
        if place.feature == "country":
            matches.append(EventRow.country == place.country)
        elif place.feature == "region":
            key = region_key(place.country, place.admin1)
            if key:
                matches.append(EventRow.region == key)
        elif place.geonameid is not None:
            matches.append(EventRow.geonameid == place.geonameid)
    return or_(*matches)


#: The WHERE of a selection, for queries elsewhere that count the same rows (facets).
conditions = _conditions


def _order(f: EventFilters) -> list[Any]:
    column = {
        "time": EventRow.time_start,
        "type": EventRow.type,
        "place": EventRow.place,
        "value": func.coalesce(EventRow.value, EventRow.low, EventRow.high),
        "certainty": EventRow.certainty,
        "status": EventRow.review_status,
        "document": EventRow.document_id,
        "id": EventRow.id,
    }.get(f.sort, EventRow.time_start)
    first = column.desc().nulls_last() if f.desc else column.asc().nulls_last()
    return [first, EventRow.id.desc() if f.desc else EventRow.id.asc()]


@dataclass(frozen=True)
class EventListing:
    """One row of the events table.

    ``protected`` holds the spans of the document's protected mentions (witnesses whose
    identity must not leave the team, DESIGN §1.5): :meth:`as_json` can black out every
    text of the event that falls inside one.
    """

    event: EventRow
    title: str | None
    outlet: str | None
    source: str | None
    protected: tuple[tuple[int, int], ...] = ()
    source_protected: bool = False
    url: str | None = None
    published: date | None = None

    def shown_source(self, redact: bool) -> str | None:
        """The source's name, or :data:`REDACTED_SOURCE` when it must not be shown."""
        return REDACTED_SOURCE if redact and self.source_protected else self.source

    def as_json(self, redact: bool = False) -> dict[str, Any]:
        """The API's and the downloads' form of this row (``redact`` for exports, viewers)."""
        payload = event_json(self.event, self.title, self.outlet, self.shown_source(redact))
        payload["url"] = self.url
        payload["published"] = self.published.isoformat() if self.published else None
        if redact and self.protected:
            payload = redact_event(payload, self.protected)
        return payload


#: What a protected source's name becomes wherever it is redacted.
REDACTED_SOURCE = "[protected]"


def _inside(start: Any, end: Any, spans: tuple[tuple[int, int], ...]) -> bool:
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    return any(start < e and s < end for s, e in spans)


def redact_event(payload: dict[str, Any], spans: tuple[tuple[int, int], ...]) -> dict[str, Any]:
    """``payload`` with the texts of fillers and trigger overlapping ``spans`` blacked out."""
    trigger = payload["trigger"]
    if _inside(trigger["start"], trigger["end"], spans):
        payload["trigger"] = {**trigger, "text": "█" * len(trigger["text"])}
    payload["roles"] = {
        role: [
            {**f, "text": "█" * len(f.get("text") or "")}
            if _inside(f.get("start"), f.get("end"), spans)
            else f
            for f in fillers
        ]
        for role, fillers in payload["roles"].items()
    }
    return payload


#: Contract fields the listing shows under another name: the trigger's span and text as one
#: ``trigger`` object, the contract's event id as ``key`` (``id`` is the row's), and the
#: source mention's id as ``source_mention`` (``source`` is the source's name).
LISTING_RENAMES = {
    "start": "trigger",
    "end": "trigger",
    "text": "trigger",
    "id": "key",
    "source": "source_mention",
}


def event_json(
    event: EventRow, title: str | None = None, outlet: str | None = None, source: str | None = None
) -> dict[str, Any]:
    """An event as JSON: the contract's event object plus its columns and review state.

    Built on :func:`~storyline.store.event_rows.contract_event`, so every contract field is
    here too, under its own name or the one :data:`LISTING_RENAMES` gives it.
    """
    contract = contract_event(event)
    listing = {k: v for k, v in contract.items() if k not in LISTING_RENAMES}
    return {
        **listing,
        "id": event.id,
        "document": event.document_id,
        "document_title": title,
        "outlet": outlet,
        "key": event.key,
        "trigger": {"start": event.start, "end": event.end, "text": event.text},
        "time_start": event.time_start.isoformat() if event.time_start else None,
        "time_end": event.time_end.isoformat() if event.time_end else None,
        "time_granularity": event.time_granularity,
        "place": event.place,
        "precision": event.precision,
        "country": event.country,
        "lat": event.lat,
        "lon": event.lon,
        "value": number(event.value),
        "low": number(event.low),
        "high": number(event.high),
        "approximate": event.approximate,
        "unit": event.unit,
        "counts": event.counts,
        "source": source,
        "source_mention": contract.get("source"),
        "review_status": event.review_status,
        "roles": contract.get("roles", {}),
        "evidence": contract.get("evidence", []),
        "review": (event.data or {}).get("review"),
    }


def number(value: float | None) -> int | float | None:
    """A stored figure as the number a reader wrote: ``40``, not ``40.0``."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _with_sources(store: Store, rows: list[Any]) -> list[EventListing]:
    """Listings with their source's name and their documents' protected spans."""
    from storyline.store.queries import protected_spans, source_texts

    keys = [(event.document_id, str((event.data or {}).get("source") or "")) for event, *_ in rows]
    protected = protected_spans(store, {event.document_id for event, *_ in rows})
    texts = source_texts(store, [pair for pair in keys if pair[1]])
    listings = []
    for (event, title, outlet, url, published), key in zip(rows, keys, strict=True):
        spans = tuple(span for span, _ in protected.get(event.document_id, []))
        hidden = {k for _, k in protected.get(event.document_id, [])}
        listings.append(
            EventListing(
                event, title, outlet, texts.get(key), spans, key[1] in hidden, url, published
            )
        )
    return listings


#: What an event row carries of its report (exports cite it: title, outlet, URL, date).
_DOCUMENT_COLUMNS = (DocumentRow.title, DocumentRow.outlet, DocumentRow.url, DocumentRow.published)


def _page_ids(session: Any, filters: EventFilters, limit: int, offset: int) -> list[int]:
    """The ids of one page, ordered and paged over the narrow index columns only."""
    return list(session.scalars(page_ids_query(filters, limit, offset)))


def page_ids_query(filters: EventFilters, limit: int, offset: int) -> Select[Any]:
    """The query of one page's ids (its plan is checked in tests/store/test_query_plans.py)."""
    query = select(EventRow.id).where(*_conditions(filters)).order_by(*_order(filters))
    return query.limit(limit).offset(offset)


def _rows(session: Any, ids: list[int]) -> list[Any]:
    """Events (with document title and outlet) for ``ids``, in that order."""
    if not ids:
        return []
    found = session.execute(
        select(EventRow, *_DOCUMENT_COLUMNS)
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .where(EventRow.id.in_(ids))
    ).all()
    by_id = {row[0].id: row for row in found}
    return [by_id[i] for i in ids if i in by_id]


def list_events(
    store: Store, filters: EventFilters, limit: int = 50, offset: int = 0
) -> Page[EventListing]:
    """A page of the events table.

    The page's ids are found first (sorting and skipping over a few narrow columns), and
    only those rows are read whole: sorting 10,000 matching events with their JSON would
    cost ten times as much.
    """
    limit, offset = clamp(limit, offset)
    counted = cell_filter(filters)
    with store.sessions() as session:
        rows = _rows(session, _page_ids(session, filters, limit, offset))
        total: int | None
        if counted is not None:  # summed from the chart cells: ms, not a 100k-row count
            total = event_cells.count(store, counted)
        else:
            total = session.scalar(
                select(func.count()).select_from(EventRow).where(*_conditions(filters))
            )
    return Page(_with_sources(store, rows), total or 0, limit, offset)


def iter_events(store: Store, filters: EventFilters, batch: int = 1000) -> Iterator[EventListing]:
    """Every event of the selection, in the table's order, a batch at a time (downloads)."""
    offset = 0
    while True:
        with store.sessions() as session:
            ids = _page_ids(session, filters, batch, offset)
            rows = _rows(session, ids)
        yield from _with_sources(store, rows)
        if len(ids) < batch:
            return
        offset += batch


def _month(store: Store, column: Any) -> Any:
    if store.dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _within_a_month(store: Store, inside: bool = True) -> ColumnElement[bool]:
    """Events whose time fits one month (``inside``), or those that do not; the SQL twin
    of :func:`storyline.timespan.within_a_month`, written so no branch is NULL."""
    start, end = _month(store, EventRow.time_start), _month(store, EventRow.time_end)
    is_open = and_(EventRow.time_granularity.is_not(None), EventRow.time_granularity == "open")
    if inside:
        return or_(
            and_(EventRow.time_end.is_(None), ~is_open),
            and_(EventRow.time_end.is_not(None), start == end),
        )
    return or_(
        and_(EventRow.time_end.is_(None), is_open),
        and_(EventRow.time_end.is_not(None), start != end),
    )


def cell_filter(f: EventFilters) -> event_cells.CellFilter | None:
    """The selection as the precomputed chart cells can answer it, or ``None`` when it
    filters by something they are not grouped by (then the charts group the events)."""
    if f.place or f.source or f.since or f.until or f.document is not None or f.outlet:
        return None
    return event_cells.CellFilter(f.type, f.certainty, f.status, f.country)


def timeline(store: Store, filters: EventFilters, *, cells: bool = True) -> list[tuple[str, int]]:
    """Events per month of their start (``YYYY-MM``), for the selection; undated left out,
    and so are events dated only to a longer period (:func:`coarse_periods` counts those):
    a year-dated event counted in its January is a spike that never happened."""
    counted = cell_filter(filters) if cells else None
    if counted is not None:
        return event_cells.timeline(store, counted)
    month = _month(store, EventRow.time_start)
    where = [*_conditions(filters), EventRow.time_start.is_not(None), _within_a_month(store)]
    with store.sessions() as session:
        rows = session.execute(
            select(month.label("m"), func.count(EventRow.id))
            .where(*where)
            .group_by(month)
            .order_by(month)
        ).all()
    return [(str(m), int(n)) for m, n in rows]


def coarse_periods(
    store: Store, filters: EventFilters, *, cells: bool = True
) -> list[tuple[str, int]]:
    """Dated events of the selection that span more than a month, per period as a reader
    says it — ``2023`` (a year), ``since 2022`` (an open range), ``2022 (season)`` — in time
    order.

    Counted per year of start and end and granularity, not per exact range: that is all a
    note beside the chart needs, and grouping by expressions no index orders lets SQLite
    answer from the covering index instead of reading 100,000 wide rows in time order.
    """
    from storyline.timespan import coarse_label

    counted = cell_filter(filters) if cells else None
    if counted is not None:
        rows: Sequence[Any] = event_cells.periods(store, counted)
    else:
        first = _year(store, EventRow.time_start)
        last = _year(store, EventRow.time_end)
        count = func.count(EventRow.id)
        with store.sessions() as session:
            rows = session.execute(
                select(first, last, EventRow.time_granularity, count)
                .where(*_conditions(filters), _within_a_month(store, False))
                .group_by(first, last, EventRow.time_granularity)
            ).all()
    periods: dict[tuple[str, str], int] = {}
    for start, end, granularity, n in rows:
        if start is None:
            continue
        label = coarse_label(int(start), int(end) if end else None, granularity)
        key = (str(start), label)
        periods[key] = periods.get(key, 0) + int(n)
    return [(label, n) for (_, label), n in sorted(periods.items())]


def _year(store: Store, column: Any) -> Any:
    if store.dialect == "postgresql":
        return func.to_char(column, "YYYY")
    return func.strftime("%Y", column)


@dataclass(frozen=True)
class MapPoint:
    """Events of the selection at one place (rounded to 0.1°)."""

    lat: float
    lon: float
    count: int
    place: str | None


def map_points(
    store: Store, filters: EventFilters, limit: int = 2000, *, cells: bool = True
) -> list[MapPoint]:
    """Where the selection's events happened, grouped by place, the busiest first."""
    counted = cell_filter(filters) if cells else None
    if counted is not None:
        found = event_cells.map_cells(store, counted, limit)
        return [MapPoint(a / 10, b / 10, n, p) for a, b, n, p in found]
    # Tenths of a degree as integers: round(x) exists on both databases (PostgreSQL has no
    # round(double, digits)), and grouping by the output names keeps one expression each.
    ten = literal_column("10", Integer)
    lat = func.round(EventRow.lat * ten).label("glat")
    lon = func.round(EventRow.lon * ten).label("glon")
    where = [*_conditions(filters), EventRow.lat.is_not(None), EventRow.lon.is_not(None)]
    count = func.count(EventRow.id)
    with store.sessions() as session:
        rows = session.execute(
            select(lat, lon, count, func.min(EventRow.place))
            .where(*where)
            .group_by(literal_column("glat"), literal_column("glon"))
            .order_by(count.desc())
            .limit(limit)
        ).all()
    return [MapPoint(float(a) / 10, float(b) / 10, int(n), p) for a, b, n, p in rows]


def country_level(
    store: Store, filters: EventFilters, *, cells: bool = True
) -> list[tuple[str, int]]:
    """Events of the selection placed only at a country, per country: the map does not
    draw them (a capital is not where they happened), so it says how many it left out."""
    counted = cell_filter(filters) if cells else None
    if counted is not None:
        return event_cells.country_level(store, counted)
    where = [*_conditions(filters), EventRow.precision == "country"]
    count = func.count(EventRow.id)
    with store.sessions() as session:
        rows = session.execute(
            select(EventRow.country, count)
            .where(*where)
            .group_by(EventRow.country)
            .order_by(count.desc(), EventRow.country)
        ).all()
    return [(str(c or "?"), int(n)) for c, n in rows]


def known_types(store: Store) -> list[str]:
    """Every event type a filter may name: the built-in codebooks' and those stored (a
    custom codebook's, a reviewer's correction), so a typo is an error, not zero rows."""
    return sorted(_builtin_types() | set(event_facets(store)["types"]))


@functools.cache
def _builtin_types() -> frozenset[str]:
    from storyline.events.codebook import BUILTIN, load_codebook

    return frozenset(t.name for name in BUILTIN for t in load_codebook(name).types)


def event_facets(store: Store) -> dict[str, list[str]]:
    """Event types and countries present, for the filter menus (cached a minute)."""
    return cached_facets(store, "events", lambda: _event_facets(store))


def _event_facets(store: Store) -> dict[str, list[str]]:
    with store.sessions() as session:
        types = session.scalars(select(EventRow.type).distinct().order_by(EventRow.type))
        countries = session.scalars(
            select(EventRow.country)
            .distinct()
            .where(EventRow.country.is_not(None))
            .order_by(EventRow.country)
        )
        return {"types": list(types), "countries": [c for c in countries if c]}


def get_event(store: Store, event_id: int) -> EventListing | None:
    """One event with its document title, outlet and source name."""
    with store.sessions() as session:
        row = session.execute(
            select(EventRow, *_DOCUMENT_COLUMNS)
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(EventRow.id == event_id)
        ).first()
    return _with_sources(store, [row])[0] if row is not None else None


def review_queue(
    store: Store, filters: EventFilters | None = None, limit: int = 50, offset: int = 0
) -> Page[EventListing]:
    """Machine-made events nobody has decided on yet, oldest document first."""
    base = replace(filters or EventFilters(), status="machine", sort="document", desc=False)
    return list_events(store, base, limit, offset)


def next_in_queue(store: Store, after: int | None = None) -> int | None:
    """The id of the next undecided event after ``after`` (in queue order), wrapping round.

    "After" is one row-value comparison, ``(document_id, id) > (…, …)``: SQLite's planner
    turns it into a range of the status index, while the same test spelled with OR and
    bound parameters made it scan the queue from its start (70-700 ms per review page at
    a million events, against 0.1 ms)."""
    with store.sessions() as session:
        if after is not None:
            current = session.get(EventRow, after)
            if current is not None:
                found = session.scalar(queue_after(current.document_id, current.id))
                if found is not None:
                    return found
        return session.scalar(queue_after())


def queue_after(document: int | None = None, event: int | None = None) -> Select[Any]:
    """The first undecided event after event ``event`` of document ``document`` in queue
    order (the first of all without them)."""
    order = (EventRow.document_id, EventRow.id)
    query = select(EventRow.id).where(EventRow.review_status == "machine")
    if document is not None and event is not None:
        query = query.where(tuple_(*order) > tuple_(document, event))
    return query.order_by(*order).limit(1)
