"""Claim keys: the indexed values a new event's candidate claims are found by.

Revision ID: 0009_claim_keys
Revises: 0008_batch_jobs
Create Date: 2026-12-06

``claim_keys`` holds, for each assigned event, the values a later event looks claims up by
— its place name, map cell, months of its closed time, week of publication, story, and its
type alone — under one index ``(type, key, event_id)``, so finding candidates reads a few
index ranges instead of every event of the type (storyline.store.claim_keys). A store that
already holds claims gets its keys on the first claims read: this migration records that
job in ``batch_jobs`` and the keys are written in batches (resumable).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009_claim_keys"
down_revision = "0008_batch_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create claim_keys; mark the key backfill when claims are already stored."""
    op.create_table(
        "claim_keys",
        sa.Column(
            "event_id",
            sa.Integer,
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("type", sa.String(80), nullable=False),
    )
    op.create_index("ix_claim_keys_lookup", "claim_keys", ["type", "key", "event_id"])
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM claim_members LIMIT 1")).first() is not None:
        now = datetime.now(UTC)
        jobs = sa.table(
            "batch_jobs",
            sa.column("name", sa.String),
            sa.column("position", sa.Integer),
            sa.column("started_at", sa.DateTime(timezone=True)),
            sa.column("updated_at", sa.DateTime(timezone=True)),
        )
        op.bulk_insert(
            jobs, [{"name": "claims.keys", "position": 0, "started_at": now, "updated_at": now}]
        )


def downgrade() -> None:
    """Drop claim_keys."""
    op.drop_index("ix_claim_keys_lookup", "claim_keys")
    op.drop_table("claim_keys")
