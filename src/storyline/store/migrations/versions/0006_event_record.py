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
    _backfill(op.get_bind())


def _backfill(connection: sa.Connection) -> None:
    from storyline.places.precision import place_columns
    from storyline.store.event_rows import figure_columns, time_granularity

    meta = sa.MetaData()
    events = sa.Table("events", meta, autoload_with=connection)
    mentions = sa.Table("mentions", meta, autoload_with=connection)
    entities = sa.Table("entities", meta, autoload_with=connection)
    documents = [d for (d,) in connection.execute(sa.select(events.c.document_id).distinct()).all()]
    for document_id in documents:
        times: dict[str, dict[str, Any]] = {}
        quantities: dict[str, dict[str, Any]] = {}
        for key, kind, data in connection.execute(
            sa.select(mentions.c.key, mentions.c.kind, mentions.c.data).where(
                mentions.c.document_id == document_id, mentions.c.kind.in_(("time", "quantity"))
            )
        ):
            (times if kind == "time" else quantities)[key] = data or {}
        geos = {
            key: geo
            for key, geo in connection.execute(
                sa.select(entities.c.key, entities.c.geo).where(
                    entities.c.document_id == document_id
                )
            )
        }
        rows = connection.execute(
            sa.select(events.c.id, events.c.data, events.c.review_status, events.c.lat).where(
                events.c.document_id == document_id
            )
        ).all()
        for event_id, data, status, lat in rows:
            data = data or {}
            values: dict[str, Any] = {
                "time_granularity": time_granularity(data, times),
                **figure_columns(data, quantities),
            }
            place = (data.get("roles") or {}).get("place") or [{}]
            where = place_columns(geos.get(str(place[0].get("entity") or "")), geos)
            if status != "corrected" or lat == where.lat or where.precision == "country":
                values.update(asdict(where))
            connection.execute(events.update().where(events.c.id == event_id).values(**values))


def downgrade() -> None:
    """Drop the columns."""
    op.drop_index("ix_events_geonameid", "events")
    op.drop_index("ix_events_region", "events")
    with op.batch_alter_table("events") as batch:
        for name, _ in _COLUMNS:
            batch.drop_column(name)
