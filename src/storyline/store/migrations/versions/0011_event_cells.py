"""Event cells: how many events share each chart cell, kept up to date by triggers.

Revision ID: 0011_event_cells
Revises: 0010_protected_mentions_index
Create Date: 2026-12-07

The timeline and the map group the selection's events by month, period and tenth of a
degree. At a million events one such GROUP BY reads a hundred thousand rows per request
(0.4-1.1 s). ``event_cells`` holds the counts already grouped, one row per combination of
what those charts show (month; period; map cell and place; country and precision) and what
the commonest filters select (type, review status, country, certainty), so a chart sums a
few thousand rows instead (storyline.store.event_cells).

Triggers keep it exact: every insert, delete (cascades from a deleted document included) and
update of a counted column moves one count, in the same transaction as the change, whatever
code path made it. The expressions below are the SQL twins of ``event_queries._within_a_month``,
``_month`` and ``_year`` and of the map's rounding; ``tests/store/test_event_cells.py`` checks
that the cells and a live GROUP BY agree after inserts, reviews, corrections and deletes.
A later migration that rebuilds ``events`` on SQLite (batch mode drops the old table and
its triggers) must create these triggers again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_event_cells"
down_revision = "0010_protected_mentions_index"
branch_labels = None
depends_on = None

#: A missing map coordinate (a unique key cannot hold NULLs that compare equal).
NO_POINT = -9999

DIMENSIONS = [
    "type",
    "review_status",
    "country",
    "certainty",
    "precision",
    "month",
    "period_start",
    "period_end",
    "granularity",
    "glat",
    "glon",
    "place",
]

#: Columns of ``events`` whose change moves an event to another cell.
COUNTED = [
    "type",
    "review_status",
    "country",
    "certainty",
    "precision",
    "time_start",
    "time_end",
    "time_granularity",
    "lat",
    "lon",
    "place",
]


def _values(row: str, dialect: str) -> list[str]:
    """The cell of event ``row`` (``NEW``, ``OLD`` or a table alias), one SQL expression per
    dimension, in :data:`DIMENSIONS` order."""
    if dialect == "postgresql":
        month = lambda c: f"to_char({c}, 'YYYY-MM')"  # noqa: E731
        year = lambda c: f"to_char({c}, 'YYYY')"  # noqa: E731
        tenth = lambda c: f"CAST(round({c} * 10) AS INTEGER)"  # noqa: E731
    else:
        month = lambda c: f"strftime('%Y-%m', {c})"  # noqa: E731
        year = lambda c: f"strftime('%Y', {c})"  # noqa: E731
        tenth = lambda c: f"CAST(round({c} * 10) AS INTEGER)"  # noqa: E731
    r = row
    inside = (
        f"(({r}.time_end IS NULL AND NOT ({r}.time_granularity IS NOT NULL"
        f" AND {r}.time_granularity = 'open'))"
        f" OR ({r}.time_end IS NOT NULL"
        f" AND {month(f'{r}.time_start')} = {month(f'{r}.time_end')}))"
    )
    dated = f"{r}.time_start IS NOT NULL"
    point = f"{r}.lat IS NOT NULL AND {r}.lon IS NOT NULL"
    return [
        f"{r}.type",
        f"{r}.review_status",
        f"coalesce({r}.country, '')",
        f"coalesce({r}.certainty, '')",
        f"coalesce({r}.precision, '')",
        f"CASE WHEN {dated} AND {inside} THEN {month(f'{r}.time_start')} ELSE '' END",
        f"CASE WHEN {dated} AND NOT {inside} THEN {year(f'{r}.time_start')} ELSE '' END",
        f"CASE WHEN {dated} AND NOT {inside} THEN coalesce({year(f'{r}.time_end')}, '')"
        " ELSE '' END",
        f"CASE WHEN {dated} AND NOT {inside} THEN coalesce({r}.time_granularity, '') ELSE '' END",
        f"CASE WHEN {point} THEN {tenth(f'{r}.lat')} ELSE {NO_POINT} END",
        f"CASE WHEN {point} THEN {tenth(f'{r}.lon')} ELSE {NO_POINT} END",
        f"CASE WHEN {point} THEN coalesce(substr({r}.place, 1, 200), '') ELSE '' END",
    ]


def _add(row: str, dialect: str) -> str:
    columns = ", ".join(DIMENSIONS)
    return (
        f"INSERT INTO event_cells ({columns}, n) VALUES ({', '.join(_values(row, dialect))}, 1)"
        f" ON CONFLICT ({columns}) DO UPDATE SET n = event_cells.n + 1;"
    )


def _remove(row: str, dialect: str) -> str:
    match = " AND ".join(
        f"{d} = {v}" for d, v in zip(DIMENSIONS, _values(row, dialect), strict=True)
    )
    return (
        f"UPDATE event_cells SET n = n - 1 WHERE {match};"
        f" DELETE FROM event_cells WHERE n <= 0 AND {match};"
    )


def upgrade() -> None:
    """Create event_cells, fill it from the events stored, and add the triggers."""
    op.create_table(
        "event_cells",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(80), nullable=False),
        sa.Column("review_status", sa.String(20), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("certainty", sa.String(20), nullable=False),
        sa.Column("precision", sa.String(20), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("period_start", sa.String(4), nullable=False),
        sa.Column("period_end", sa.String(4), nullable=False),
        sa.Column("granularity", sa.String(20), nullable=False),
        sa.Column("glat", sa.Integer, nullable=False),
        sa.Column("glon", sa.Integer, nullable=False),
        sa.Column("place", sa.Text, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.UniqueConstraint(*DIMENSIONS, name="uq_event_cells"),
    )
    # The review queue's total (every undecided event, of any type) sums by status alone.
    op.create_index("ix_event_cells_status", "event_cells", ["review_status", "n"])
    bind = op.get_bind()
    dialect = bind.dialect.name
    columns = ", ".join(DIMENSIONS)
    named = ", ".join(f"{v} AS {d}" for d, v in zip(DIMENSIONS, _values("e", dialect), strict=True))
    op.execute(
        f"INSERT INTO event_cells ({columns}, n) SELECT {columns}, count(*)"
        f" FROM (SELECT {named} FROM events e) AS cells GROUP BY {columns}"
    )
    counted = ", ".join(COUNTED)
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION event_cells_count() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            "  IF TG_OP IN ('DELETE', 'UPDATE') THEN\n"
            f"    {_remove('OLD', dialect)}\n"
            "  END IF;\n"
            "  IF TG_OP IN ('INSERT', 'UPDATE') THEN\n"
            f"    {_add('NEW', dialect)}\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $$"
        )
        op.execute(
            f"CREATE TRIGGER event_cells_count AFTER INSERT OR DELETE OR UPDATE OF {counted}"
            " ON events FOR EACH ROW EXECUTE FUNCTION event_cells_count()"
        )
        return
    op.execute(
        f"CREATE TRIGGER event_cells_insert AFTER INSERT ON events BEGIN {_add('NEW', dialect)} END"
    )
    op.execute(
        "CREATE TRIGGER event_cells_delete AFTER DELETE ON events"
        f" BEGIN {_remove('OLD', dialect)} END"
    )
    op.execute(
        f"CREATE TRIGGER event_cells_update AFTER UPDATE OF {counted} ON events"
        f" BEGIN {_remove('OLD', dialect)} {_add('NEW', dialect)} END"
    )


def downgrade() -> None:
    """Drop the triggers and the table."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS event_cells_count ON events")
        op.execute("DROP FUNCTION IF EXISTS event_cells_count()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS event_cells_{name}")
    op.drop_table("event_cells")
