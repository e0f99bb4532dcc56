"""Batch jobs remember how far they got, so a killed whole-store job resumes.

Revision ID: 0008_batch_jobs
Revises: 0008_protected_fields
Create Date: 2026-12-06

``batch_jobs`` holds one row per whole-store job under way (``stories.rebuild``): the last
document id it committed. Each batch commits its work and its position in one transaction;
the row is removed when the job finishes, so a row left behind means "resume here".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_batch_jobs"
down_revision = "0008_protected_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create batch_jobs."""
    op.create_table(
        "batch_jobs",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop batch_jobs."""
    op.drop_table("batch_jobs")
