"""Events assembled through a codebook, with columns for the filters researchers use.

Revision ID: 0002_events
Revises: 0001
Create Date: 2026-11-28

Roles, evidence spans and the machine's original output live in ``data`` (JSON); the
columns beside it (type, certainty, time range, place, country) exist so ``storyline events``
and the web app can filter and sort in SQL over 100,000 events. ``review_status`` starts at
``machine``; reviewers' decisions are audit rows, and ``data["machine"]`` keeps the original.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_events"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the events table and its filter indexes."""
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("key", sa.String(20), nullable=False),
        sa.Column("type", sa.String(80), nullable=False),
        sa.Column("codebook", sa.String(100), nullable=False),
        sa.Column("certainty", sa.String(20), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("time_start", sa.Date),
        sa.Column("time_end", sa.Date),
        sa.Column("place", sa.Text),
        sa.Column("country", sa.String(2)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("review_status", sa.String(20), nullable=False, server_default="machine"),
        sa.Column("sensitivity", sa.String(20), nullable=False, server_default="normal"),
        sa.UniqueConstraint("document_id", "key"),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_time", "events", ["time_start", "time_end"])
    op.create_index("ix_events_country", "events", ["country"])
    op.create_index("ix_events_review", "events", ["review_status"])


def downgrade() -> None:
    """Drop the events table."""
    op.drop_table("events")
