"""PostgreSQL: writers of events take one lock before touching event_cells, so they queue
instead of deadlocking.

Revision ID: 0012_event_cells_lock
Revises: 0011_event_cells
Create Date: 2026-12-07

Each event written moves a count in its ``event_cells`` row, and that row stays locked
until the transaction commits. Two transactions that write events of cells A then B and
of B then A each wait for the other: PostgreSQL aborts one ("deadlock detected"). A
statement-level trigger that runs before the row triggers now takes one transaction-level
advisory lock first, so every writer of events holds it before any cell row, and they
queue. The cost is that writers of events on PostgreSQL take turns; ingest has one writer
already, and a review decision holds the lock for milliseconds. SQLite has one writer at
a time and needs nothing.
"""

from __future__ import annotations

from alembic import op

revision = "0012_event_cells_lock"
down_revision = "0011_event_cells"
branch_labels = None
depends_on = None

COUNTED = (
    "type, review_status, country, certainty, precision, time_start, time_end,"
    " time_granularity, lat, lon, place"
)


def upgrade() -> None:
    """PostgreSQL: the lock-taking function and its statement-level trigger."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION event_cells_lock() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  PERFORM pg_advisory_xact_lock(hashtext('storyline.event_cells'));\n"
        "  RETURN NULL;\n"
        "END $$"
    )
    op.execute(
        f"CREATE TRIGGER event_cells_lock BEFORE INSERT OR DELETE OR UPDATE OF {COUNTED}"
        " ON events FOR EACH STATEMENT EXECUTE FUNCTION event_cells_lock()"
    )


def downgrade() -> None:
    """Drop the lock trigger and its function."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS event_cells_lock ON events")
    op.execute("DROP FUNCTION IF EXISTS event_cells_lock()")
