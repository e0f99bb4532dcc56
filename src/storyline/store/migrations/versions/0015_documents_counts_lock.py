"""PostgreSQL: writers of a document's outlet, or deleters of documents, take the counts'
lock before any row, as writers of events do.

Revision ID: 0015_documents_counts_lock
Revises: 0014_events_type_time_index
Create Date: 2026-12-07

Migration 0013's triggers on ``documents`` move the facet counts of a document's events when
its outlet changes or it is deleted, and took 0012's advisory lock inside the row trigger,
so after the document's row was locked. A transaction that had written events (lock held)
and then updated the same document waited for the row while the outlet's writer waited for
the lock: PostgreSQL found a deadlock (a reviewer's reproduction, now a test). A
statement-level BEFORE trigger takes the lock before any row is touched, as 0012 does for
``events``. SQLite has one writer at a time and needs nothing.
"""

from __future__ import annotations

from alembic import op

revision = "0015_documents_counts_lock"
down_revision = "0014_events_type_time_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """PostgreSQL: the statement-level lock trigger on documents (0012's function)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TRIGGER documents_counts_lock BEFORE UPDATE OF outlet OR DELETE ON documents"
        " FOR EACH STATEMENT EXECUTE FUNCTION event_cells_lock()"
    )


def downgrade() -> None:
    """Drop it."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS documents_counts_lock ON documents")
