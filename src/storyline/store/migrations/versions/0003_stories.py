"""Stories (reprint clusters), their fingerprints and LSH buckets, and outlet grades.

Revision ID: 0003_stories
Revises: 0002_events
Create Date: 2026-11-29

``documents.story_id`` (first migration) points at ``stories.id``. Reprint detection keeps,
per document, a ``fingerprints`` row (MinHash signature as bytes, shingle count, a digest of
the normalised words so identical texts skip the index, and the credit lines found in the
text) and one ``lsh_buckets`` row per LSH band. A bucket row is a single 64-bit key that
already mixes the band number with the band's values, so candidate lookup is one indexed
``key IN (…)`` instead of 128 (band, bucket) pairs; on SQLite the table is ``WITHOUT
ROWID``, so its primary key is the table itself and an insert updates one tree fewer.
``stories.credited`` collects what the copies' credits and canonical links point at, so a
new copy that nothing points at can join a large story without re-reading all of it.
``outlets`` holds reliability grades.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_stories"
down_revision = "0002_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the stories, fingerprints, lsh_buckets and outlets tables."""
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "original_document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="SET NULL"),
        ),
        sa.Column("basis", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("credited", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "fingerprints",
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("credits", sa.JSON, nullable=False),
    )
    op.create_index("ix_fingerprints_digest", "fingerprints", ["digest"])
    op.create_table(
        "lsh_buckets",
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        # SQLite: the primary key is the table (no separate rowid tree to update).
        sqlite_with_rowid=False,
    )
    op.create_index("ix_lsh_buckets_document_id", "lsh_buckets", ["document_id"])
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("reliability", sa.String(1)),
        sa.Column("note", sa.Text),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the tables (documents keep their story_id column, now dangling)."""
    op.drop_table("outlets")
    op.drop_table("lsh_buckets")
    op.drop_table("fingerprints")
    op.drop_table("stories")
