"""Protected witnesses: where a name was blacked out inside stored fields, sealed.

Revision ID: 0008_protected_fields
Revises: 0007_join
Create Date: 2026-12-06

Unprotecting used to put a freed name back into every run of black squares of the same
length in titles, mentions, entities and events: with two protected names of one length, a
name could come back where the other had been. Each row here keeps, sealed, the exact runs
one protect blacked out in one field, so unprotecting restores only those.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_protected_fields"
down_revision = "0007_join"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``protected_fields``."""
    op.create_table(
        "protected_fields",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("owner", sa.String(40), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_protected_fields_document_id", "protected_fields", ["document_id"])


def downgrade() -> None:
    """Drop the table (unprotecting then falls back to matching runs by length)."""
    op.drop_table("protected_fields")
