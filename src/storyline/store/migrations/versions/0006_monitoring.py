"""Monitoring: captures kept in web archives, and the state of followed feeds.

Revision ID: 0006_monitoring
Revises: 0005_claims
Create Date: 2026-12-06

``captures.archive*`` say where a capture's bytes are when they were imported from a WARC
or WACZ file (the archive is the preservation copy; the bytes are not copied into the blob
store). ``feeds`` keeps, per followed RSS/Atom feed, the validators of its last answer
(ETag, Last-Modified) and when it was polled; ``feed_items`` the ids of the items already
seen, so a second poll adds nothing new.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_monitoring"
down_revision = "0005_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the archive reference to captures; create feeds and feed_items."""
    with op.batch_alter_table("captures") as batch:
        batch.add_column(sa.Column("archive", sa.Text))
        batch.add_column(sa.Column("archive_member", sa.Text))
        batch.add_column(sa.Column("archive_offset", sa.BigInteger))
        batch.add_column(sa.Column("archive_length", sa.BigInteger))
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.String(300)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("polled_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(300)),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "feed_items",
        sa.Column(
            "feed_id",
            sa.Integer,
            sa.ForeignKey("feeds.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("link", sa.Text),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_id", sa.Integer),
    )


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_table("feed_items")
    op.drop_table("feeds")
    with op.batch_alter_table("captures") as batch:
        for column in ("archive_length", "archive_offset", "archive_member", "archive"):
            batch.drop_column(column)
