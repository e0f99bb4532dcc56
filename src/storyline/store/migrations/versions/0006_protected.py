"""Protected witnesses sealed at rest: the encrypted originals of blacked-out spans.

Revision ID: 0006_protected
Revises: 0005_claims
Create Date: 2026-12-06

When a witness is protected, every character of their name in a document's text (and in
its mentions, entities and events) is replaced by a black square of the same length, so
offsets stay valid, the full-text index never holds the name, and a copy of the database
alone does not reveal it. The original characters are kept only here, encrypted with a key
that lives outside the database (``store/sealing.py``), one row per blacked-out span.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_protected"
down_revision = "0005_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``protected_texts`` and index protected mentions (sealed on open)."""
    op.create_table(
        "protected_texts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_protected_texts_document_id", "protected_texts", ["document_id"])
    op.create_index("ix_mentions_sensitivity", "mentions", ["sensitivity"])


def downgrade() -> None:
    """Drop the table (sealed texts are lost: unprotect first)."""
    op.drop_index("ix_mentions_sensitivity", table_name="mentions")
    op.drop_table("protected_texts")
