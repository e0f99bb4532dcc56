"""Accounts for the web app: users, browser sessions, API tokens; an unforkable audit chain.

Revision ID: 0004_accounts
Revises: 0002_events
Create Date: 2026-11-29

Passwords are argon2 hashes; session and API tokens are random and only their SHA-256 is
stored, so a copy of the database does not let anyone sign in. The unique index on
``audit_log.prev_hash`` makes a fork of the hash chain impossible: two reviewers deciding
at the same moment cannot both append after the same row (the second retries).

The indexes on ``documents`` and ``events`` serve the web app's filters and sorts, so the
documents list and the events table stay fast at 10,000 documents and 100,000 events.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_accounts"
down_revision = "0002_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create users, sessions and api_tokens; index the audit chain and browse filters."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
        sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_index("ux_audit_log_prev_hash", "audit_log", ["prev_hash"], unique=True)
    op.create_index("ix_documents_outlet", "documents", ["outlet"])
    op.create_index("ix_documents_language", "documents", ["language"])
    # Covering indexes for the events table: every filter and sort column is in them, so
    # a filtered page, its count, its timeline and its map never read the wide rows (with
    # their JSON) of the thousands of events a filter matches. Measured with
    # benchmarks/web.py at 100,000 events: type+status+country sorted by place 12 → 1.3 ms.
    browse = ["country", "certainty", "time_start", "time_end", "place", "lat", "lon"]
    # ``id`` is spelled out because PostgreSQL indexes (unlike SQLite's) do not carry it.
    op.create_index(
        "ix_events_browse_type", "events", ["type", "review_status", *browse, "document_id", "id"]
    )
    op.create_index(
        "ix_events_browse_status",
        "events",
        ["review_status", "document_id", "type", *browse, "id"],
    )
    # A narrow b-tree of ids, so deep pages of the documents list (ORDER BY id, OFFSET
    # 5,000) skip index entries rather than rows carrying whole texts: 5.5 → 0.05 ms.
    op.create_index("ix_documents_order", "documents", ["id"])
    op.create_index("ix_entities_name_type", "entities", ["name", "type"])


def downgrade() -> None:
    """Drop the account tables and the indexes."""
    for name, table in [
        ("ix_entities_name_type", "entities"),
        ("ix_documents_order", "documents"),
        ("ix_events_browse_status", "events"),
        ("ix_events_browse_type", "events"),
        ("ix_documents_language", "documents"),
        ("ix_documents_outlet", "documents"),
        ("ux_audit_log_prev_hash", "audit_log"),
    ]:
        op.drop_index(name, table_name=table)
    op.drop_table("api_tokens")
    op.drop_table("sessions")
    op.drop_table("users")
