"""Protected mentions: a partial index instead of one over every mention's sensitivity.

Revision ID: 0010_protected_mentions_index
Revises: 0009_claim_keys
Create Date: 2026-12-07

Every web request first checks that no mention marked ``protected`` is left unsealed
(``storyline.store.protection.seal_pending``). The index on ``mentions.sensitivity`` holds
the value ``normal`` for nearly every row; once SQLite has statistics (``ANALYZE``) its
planner sees that and scans the table instead: about one second per request at 6.3 million
mentions. An index over the protected rows alone is as small as they are few, and the
planner always takes it for ``sensitivity = 'protected'``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_protected_mentions_index"
down_revision = "0009_claim_keys"
branch_labels = None
depends_on = None

_PROTECTED = sa.text("sensitivity = 'protected'")


def upgrade() -> None:
    """Replace ix_mentions_sensitivity with ix_mentions_protected (partial)."""
    op.create_index(
        "ix_mentions_protected",
        "mentions",
        ["document_id", "start", "end"],
        sqlite_where=_PROTECTED,
        postgresql_where=_PROTECTED,
    )
    op.drop_index("ix_mentions_sensitivity", table_name="mentions")


def downgrade() -> None:
    """Back to the full index on sensitivity."""
    op.create_index("ix_mentions_sensitivity", "mentions", ["sensitivity"])
    op.drop_index("ix_mentions_protected", table_name="mentions")
