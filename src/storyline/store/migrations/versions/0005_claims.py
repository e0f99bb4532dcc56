"""Claims kept in the store: stable ids, memberships editors can pin, dismissed contradictions.

Revision ID: 0005_claims
Revises: 0003_stories, 0004_accounts
Create Date: 2026-12-06

``claims`` gives each claim a stable id (it never changes as the record grows);
``claim_members`` puts each event in at most one claim (an event without a row is not yet
assigned); ``pinned`` marks a membership an editor decided (split, merge, attach, detach),
which automatic assignment and rebuilds never move. ``claim_dismissals`` records
contradictions an editor marked as not real, by a key that names the two stories and the
role, so the mark survives recomputation. This migration also joins the two heads
(stories, accounts) that branched from 0002.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_claims"
down_revision = ("0003_stories", "0004_accounts")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create claims, claim_members and claim_dismissals."""
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_claims_type", "claims", ["type"])
    op.create_table(
        "claim_members",
        sa.Column(
            "event_id",
            sa.Integer,
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column(
            "claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("pinned", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_claim_members_claim", "claim_members", ["claim_id", "document_id"])
    op.create_table(
        "claim_dismissals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("claim_id", "key", name="uq_claim_dismissals_key"),
    )


def downgrade() -> None:
    """Drop the claim tables."""
    op.drop_table("claim_dismissals")
    op.drop_table("claim_members")
    op.drop_index("ix_claims_type", table_name="claims")
    op.drop_table("claims")
