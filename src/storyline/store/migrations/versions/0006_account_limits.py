"""Account limits: sign-in failure counters, API token lifetimes, the audit chain's head.

Revision ID: 0006_account_limits
Revises: 0005_claims
Create Date: 2026-12-06

``login_limits`` counts failed sign-ins per account and per client address in the
database, so every web worker sees the same counts and a lock holds across processes.
``api_tokens.expires_at`` gives tokens a lifetime (existing tokens get none: they keep
working until revoked, as they were issued). ``audit_head`` keeps the chain's row count
and newest hash beside the chain, written in the same transaction as each audit row, so
deleting the newest rows (or all of them) no longer leaves a chain that verifies.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_account_limits"
down_revision = "0005_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create login_limits and audit_head; add api_tokens.expires_at."""
    op.create_table(
        "login_limits",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
    )
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True)))
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64)),
    )
    # Anchor the chain as it stands now: its row count and newest hash.
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT COUNT(*) FROM audit_log")).scalar() or 0
    newest = connection.execute(
        sa.text("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
    ).scalar()
    connection.execute(
        sa.text("INSERT INTO audit_head (id, rows, hash) VALUES (1, :rows, :hash)"),
        {"rows": rows, "hash": newest},
    )


def downgrade() -> None:
    """Drop what :func:`upgrade` made."""
    op.drop_table("audit_head")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
    op.drop_table("login_limits")
