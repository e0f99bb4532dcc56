"""Join the four heads that branched from 0005 (account limits, event record, monitoring,
protected witnesses) so the store has one head again.

Revision ID: 0007_join
Revises: 0006_account_limits, 0006_event_record, 0006_monitoring, 0006_protected
Create Date: 2026-12-06

Nothing changes in the schema; a single head lets the next migration name one parent and
``alembic heads`` give one answer.
"""

from __future__ import annotations

revision = "0007_join"
down_revision = ("0006_account_limits", "0006_event_record", "0006_monitoring", "0006_protected")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """No schema change: the four branches are already applied."""


def downgrade() -> None:
    """No schema change."""
