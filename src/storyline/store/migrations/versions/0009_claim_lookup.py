"""Indexes for finding a new event's candidate claims without reading every event of its type.

Revision ID: 0009_claim_lookup
Revises: 0008_protected_fields
Create Date: 2026-12-06

Claim assignment (``store/claim_members.py``) looks up, for each new event, stored events of
the same type at the same place (by lower-cased name), in the same map box, or with an
overlapping time. With only ``(type, …)`` covering indexes, SQLite walked every event of the
type for each new event — a cost that grew with the store (docs/monitoring.md). These
indexes let each branch seek: ``(type, lower(place))`` (its rows are ordered by id within a
name, so "the newest matches" is read from the index's end), ``(type, lat)`` for the box and
``(type, time_end)`` for the time overlap.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_claim_lookup"
down_revision = "0008_protected_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the three lookup indexes on events."""
    op.create_index("ix_events_claim_place", "events", ["type", sa.text("lower(place)")])
    op.create_index("ix_events_claim_box", "events", ["type", "lat"])
    op.create_index("ix_events_claim_time", "events", ["type", "time_end"])


def downgrade() -> None:
    """Drop them."""
    for name in ("ix_events_claim_time", "ix_events_claim_box", "ix_events_claim_place"):
        op.drop_index(name, "events")
