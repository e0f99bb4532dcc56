"""The timeline and map counts read from ``event_cells`` instead of grouping every event.

Why: at a million events, grouping the selection by month or by map cell reads a hundred
thousand rows per request (0.4-1.1 s on SQLite); the same counts summed over the already
grouped cells read a few thousand. The cells are kept exact by database triggers
(migration ``0011_event_cells``), so there is no cache to go stale and nothing to refresh.

They are grouped by the filters a chart is most often drawn for — type, review status,
country, certainty — and no others: a selection by place, outlet, source, document or date
range falls back to the live GROUP BY over ``events`` (:mod:`storyline.store.event_queries`
decides, with :func:`answers`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select

from storyline.store.db import Store
from storyline.store.schema import EventCellRow

#: ``glat``/``glon`` of a cell without a map point (migration 0011).
NO_POINT = -9999


@dataclass(frozen=True)
class CellFilter:
    """The part of a selection the cells are grouped by (``None``: any)."""

    type: str | None = None
    certainty: str | None = None
    #: ``None`` leaves rejected events out, as the events table does; ``"all"`` keeps them.
    status: str | None = None
    country: str | None = None


def conditions(table: Any, f: CellFilter) -> list[ColumnElement[bool]]:
    """The WHERE of the selection over ``table`` — ``events`` or ``event_cells``, which
    share these four column names — so the table and its cells select alike by definition
    (``event_queries`` builds the rest of an events selection on top of it)."""
    where: list[ColumnElement[bool]] = []
    if f.type:
        where.append(table.type == f.type)
    if f.certainty:
        where.append(table.certainty == f.certainty)
    if f.status and f.status != "all":
        where.append(table.review_status == f.status)
    elif not f.status:
        where.append(table.review_status != "rejected")
    if f.country:
        where.append(table.country == f.country.upper())
    return where


def _where(f: CellFilter) -> list[ColumnElement[bool]]:
    return conditions(EventCellRow, f)


def count(store: Store, f: CellFilter) -> int:
    """How many events the selection holds (the events table's and review queue's total)."""
    with store.sessions() as session:
        return int(session.scalar(select(func.sum(EventCellRow.n)).where(*_where(f))) or 0)


def timeline(store: Store, f: CellFilter) -> list[tuple[str, int]]:
    """Events per month (``YYYY-MM``) of the selection, dated within one month."""
    total = func.sum(EventCellRow.n)
    with store.sessions() as session:
        rows = session.execute(
            select(EventCellRow.month, total)
            .where(*_where(f), EventCellRow.month != "")
            .group_by(EventCellRow.month)
            .having(total > 0)
            .order_by(EventCellRow.month)
        ).all()
    return [(str(m), int(n)) for m, n in rows]


def periods(store: Store, f: CellFilter) -> list[tuple[str, str | None, str | None, int]]:
    """Dated events spanning more than a month: (start year, end year or ``None``,
    granularity or ``None``, count)."""
    cell = EventCellRow
    total = func.sum(cell.n)
    with store.sessions() as session:
        rows = session.execute(
            select(cell.period_start, cell.period_end, cell.granularity, total)
            .where(*_where(f), cell.period_start != "")
            .group_by(cell.period_start, cell.period_end, cell.granularity)
            .having(total > 0)
        ).all()
    return [(str(a), b or None, g or None, int(n)) for a, b, g, n in rows]


def map_cells(store: Store, f: CellFilter, limit: int) -> list[tuple[int, int, int, str | None]]:
    """(tenths of latitude, of longitude, count, first place name) per map cell, the
    busiest first."""
    cell = EventCellRow
    total = func.sum(cell.n)
    with store.sessions() as session:
        rows = session.execute(
            select(cell.glat, cell.glon, total, func.min(func.nullif(cell.place, "")))
            .where(*_where(f), cell.glat != NO_POINT)
            .group_by(cell.glat, cell.glon)
            .having(total > 0)
            .order_by(total.desc(), cell.glat, cell.glon)
            .limit(limit)
        ).all()
    return [(int(a), int(b), int(n), p) for a, b, n, p in rows]


def country_level(store: Store, f: CellFilter) -> list[tuple[str, int]]:
    """Events placed only at a country, per country, the most first."""
    cell = EventCellRow
    total = func.sum(cell.n)
    with store.sessions() as session:
        rows = session.execute(
            select(cell.country, total)
            .where(*_where(f), cell.precision == "country")
            .group_by(cell.country)
            .having(total > 0)
            .order_by(total.desc(), cell.country)
        ).all()
    return [(str(c or "?"), int(n)) for c, n in rows]
