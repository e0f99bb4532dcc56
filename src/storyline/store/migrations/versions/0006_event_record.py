"""Events as data: typed figure columns, place precision, time granularity.

Revision ID: 0006_event_record
Revises: 0005_claims
Create Date: 2026-12-06

Why flat columns: the events table, its filters and its CSV/JSON exports need an event's
figure (value, low, high, unit, what it counts), how exact its place is and how coarse its
date is without parsing JSON for every row (issue 14). Existing events are filled in from
their stored mentions and entities; country-level places lose the capital's point they were
given (a map must not show "Russia" as a hotspot in Moscow).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006_event_record"
down_revision = "0005_claims"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("precision", sa.String(20)),
    ("geonameid", sa.Integer()),
    ("region", sa.String(40)),
    ("time_granularity", sa.String(20)),
    ("value", sa.Float()),
    ("low", sa.Float()),
    ("high", sa.Float()),
    ("approximate", sa.Boolean()),
    ("unit", sa.String(60)),
    ("counts", sa.Text()),
)


def upgrade() -> None:
    """Add the columns and their indexes, then fill them for stored events."""
    with op.batch_alter_table("events") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_))
    op.create_index("ix_events_region", "events", ["region"])
    op.create_index("ix_events_geonameid", "events", ["geonameid"])
    # The map's "placed only in a country" count, answered from the index alone.
    op.create_index(
        "ix_events_precision", "events", ["precision", "review_status", "country", "type"]
    )
    _covering(_BROWSE + _NEW_BROWSE)
    _backfill(op.get_bind())


#: The covering indexes' columns from 0004_accounts, and those this revision filters on:
#: the timeline's month test reads ``time_granularity``, the map's note ``precision``, the
#: place filter ``region`` and ``geonameid``, the figure sort the figures. Without them in
#: the index, every chart and count reads the wide rows (measured at 100,000 events with
#: benchmarks/web.py's store: see docs/web.md).
_BROWSE = ["country", "certainty", "time_start", "time_end", "place", "lat", "lon"]
_NEW_BROWSE = ["time_granularity", "precision", "region", "geonameid", "value", "low", "high"]


def _covering(browse: list[str]) -> None:
    """(Re)create the events table's covering indexes over ``browse``."""
    for name in ("ix_events_browse_type", "ix_events_browse_status"):
        op.drop_index(name, "events")
    op.create_index(
        "ix_events_browse_type", "events", ["type", "review_status", *browse, "document_id", "id"]
    )
    op.create_index(
        "ix_events_browse_status", "events", ["review_status", "document_id", "type", *browse, "id"]
    )


def _backfill(connection: sa.Connection, batch: int = 500) -> None:
    """Fill the new columns, ``batch`` documents at a time: three reads and one
    many-row update per batch, so 100,000 events are not 100,000 round trips."""
    from storyline.places.precision import PlaceColumns, place_columns
    from storyline.store.event_rows import figure_columns, time_granularity

    meta = sa.MetaData()
    events = sa.Table("events", meta, autoload_with=connection)
    mentions = sa.Table("mentions", meta, autoload_with=connection)
    entities = sa.Table("entities", meta, autoload_with=connection)
    documents = list(
        connection.scalars(
            sa.select(events.c.document_id).distinct().order_by(events.c.document_id)
        )
    )
    update = (
        events.update()
        .where(events.c.id == sa.bindparam("event_id"))
        .values({name: sa.bindparam(name) for name, _ in _COLUMNS})
    )
    for first in range(0, len(documents), batch):
        ids = documents[first : first + batch]
        times: dict[int, dict[str, Any]] = {}
        quantities: dict[int, dict[str, Any]] = {}
        for document_id, key, kind, data in connection.execute(
            sa.select(
                mentions.c.document_id, mentions.c.key, mentions.c.kind, mentions.c.data
            ).where(mentions.c.document_id.in_(ids), mentions.c.kind.in_(("time", "quantity")))
        ):
            kept = times if kind == "time" else quantities
            kept.setdefault(document_id, {})[key] = data or {}
        geos: dict[int, dict[str, Any]] = {}
        for document_id, key, geo in connection.execute(
            sa.select(entities.c.document_id, entities.c.key, entities.c.geo).where(
                entities.c.document_id.in_(ids)
            )
        ):
            geos.setdefault(document_id, {})[key] = geo
        rows = []
        for event_id, document_id, data, status, lat, lon, country in connection.execute(
            sa.select(
                events.c.id,
                events.c.document_id,
                events.c.data,
                events.c.review_status,
                events.c.lat,
                events.c.lon,
                events.c.country,
            ).where(events.c.document_id.in_(ids))
        ):
            data = data or {}
            own = geos.get(document_id, {})
            place = ((data.get("roles") or {}).get("place") or [{}])[0]
            where = place_columns(own.get(str(place.get("entity") or "")), own)
            if status == "corrected" and lat != where.lat and where.precision != "country":
                # a reviewer moved it: keep their point, which no entity describes
                where = PlaceColumns(None, country, lat, lon)
            rows.append(
                {
                    "event_id": event_id,
                    "time_granularity": time_granularity(data, times.get(document_id, {})),
                    **figure_columns(data, quantities.get(document_id, {})),
                    **asdict(where),
                }
            )
        if rows:
            connection.execute(update, rows)


def downgrade() -> None:
    """Drop the columns (and put the covering indexes back as they were)."""
    _covering(_BROWSE)
    op.drop_index("ix_events_precision", "events")
    op.drop_index("ix_events_geonameid", "events")
    op.drop_index("ix_events_region", "events")
    with op.batch_alter_table("events") as batch:
        for name, _ in _COLUMNS:
            batch.drop_column(name)
