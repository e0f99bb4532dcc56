"""Event facet counts: how many events each place and outlet holds, kept by triggers.

Revision ID: 0013_event_facet_counts
Revises: 0012_event_cells_lock
Create Date: 2026-12-07

The facets beside the events table (type, place, certainty, outlet, review status) were five
GROUP BYs over the selection's events: 10-11 s p95 at a million events under 20 clients,
since each reads every event (and the outlet facet every event's document). The charts
already read ``event_cells`` (0011), but those cells hold no outlet, and a place only where
it has a map point. ``event_facet_counts`` holds, for the filters the cells are grouped by
(type, review status, country, certainty), one count per place and one per outlet: every
event is counted in exactly one ``place`` row and one ``outlet`` row ('' for none), so the
outlet rows also give the type, certainty and status facets (storyline.store.facets).
Its size grows with the distinct places and outlets, not with the events.

Triggers keep it exact, as for ``event_cells``: on ``events`` (insert, delete, update of a
counted column) and on ``documents`` — an outlet renamed moves its events' counts, and a
document deleted first deletes its events itself, so their outlet is still there to
subtract (a cascade runs after the document row is gone). On PostgreSQL the writers take
the advisory lock of 0012 first, for the same reason (opposite lock orders deadlock).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_event_facet_counts"
down_revision = "0012_event_cells_lock"
branch_labels = None
depends_on = None

#: The filter columns, shared with ``event_cells`` (storyline.store.event_cells.conditions).
FILTERS = ["type", "review_status", "country", "certainty"]
KEY = ["facet", "value", *FILTERS]
#: Columns of ``events`` whose change moves an event to other rows.
COUNTED = "type, review_status, country, certainty, place, document_id"
#: 0012's lock trigger, which must also fire before a change of ``document_id``.
LOCKED_BEFORE = (
    "type, review_status, country, certainty, precision, time_start, time_end,"
    " time_granularity, lat, lon, place"
)
LOCK = "pg_advisory_xact_lock(hashtext('storyline.event_cells'))"


def _filters(row: str) -> list[str]:
    return [
        f"{row}.type",
        f"{row}.review_status",
        f"coalesce({row}.country, '')",
        f"coalesce({row}.certainty, '')",
    ]


def _outlet(row: str) -> str:
    return f"coalesce((SELECT d.outlet FROM documents d WHERE d.id = {row}.document_id), '')"


def _rows(row: str) -> list[list[str]]:
    """The two rows event ``row`` is counted in: its place and its document's outlet."""
    return [
        ["'place'", f"coalesce(substr({row}.place, 1, 200), '')", *_filters(row)],
        ["'outlet'", _outlet(row), *_filters(row)],
    ]


def _add(row: str) -> str:
    columns = ", ".join(KEY)
    return " ".join(
        f"INSERT INTO event_facet_counts ({columns}, n) VALUES ({', '.join(values)}, 1)"
        f" ON CONFLICT ({columns}) DO UPDATE SET n = event_facet_counts.n + 1;"
        for values in _rows(row)
    )


def _remove(row: str) -> str:
    statements = []
    for values in _rows(row):
        match = " AND ".join(f"{k} = {v}" for k, v in zip(KEY, values, strict=True))
        statements.append(
            f"UPDATE event_facet_counts SET n = n - 1 WHERE {match};"
            f" DELETE FROM event_facet_counts WHERE n <= 0 AND {match};"
        )
    return " ".join(statements)


def _move_outlet() -> str:
    """A document's outlet changed: its events' counts go from the old outlet to the new."""
    columns = ", ".join(KEY)
    filters = ", ".join(_filters("e"))
    same = " AND ".join(
        f"event_facet_counts.{f} = {v}" for f, v in zip(FILTERS, _filters("e"), strict=True)
    )
    old = "coalesce(OLD.outlet, '')"
    return (
        "UPDATE event_facet_counts SET n = n - (SELECT count(*) FROM events e"
        f" WHERE e.document_id = OLD.id AND {same})"
        f" WHERE facet = 'outlet' AND value = {old};"
        f" DELETE FROM event_facet_counts WHERE facet = 'outlet' AND value = {old} AND n <= 0;"
        f" INSERT INTO event_facet_counts ({columns}, n)"
        f" SELECT 'outlet', coalesce(NEW.outlet, ''), {filters}, count(*) FROM events e"
        f" WHERE e.document_id = NEW.id GROUP BY {filters}"
        f" ON CONFLICT ({columns}) DO UPDATE SET n = event_facet_counts.n + excluded.n;"
    )


def upgrade() -> None:
    """Create event_facet_counts, fill it from the events stored, and add the triggers."""
    op.create_table(
        "event_facet_counts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("facet", sa.String(10), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("type", sa.String(80), nullable=False),
        sa.Column("review_status", sa.String(20), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("certainty", sa.String(20), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.UniqueConstraint(*KEY, name="uq_event_facet_counts"),
    )
    columns = ", ".join(KEY)
    for values in _rows("e"):
        named = ", ".join(f"{v} AS {k}" for k, v in zip(KEY, values, strict=True))
        op.execute(
            f"INSERT INTO event_facet_counts ({columns}, n) SELECT {columns}, count(*)"
            f" FROM (SELECT {named} FROM events e) AS counted GROUP BY {columns}"
        )
    delete_events = "DELETE FROM events WHERE document_id = OLD.id;"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION event_facet_counts_count() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            "  IF TG_OP IN ('DELETE', 'UPDATE') THEN\n"
            f"    {_remove('OLD')}\n"
            "  END IF;\n"
            "  IF TG_OP IN ('INSERT', 'UPDATE') THEN\n"
            f"    {_add('NEW')}\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $$"
        )
        op.execute(
            f"CREATE TRIGGER event_facet_counts_count AFTER INSERT OR DELETE OR UPDATE OF"
            f" {COUNTED} ON events FOR EACH ROW EXECUTE FUNCTION event_facet_counts_count()"
        )
        op.execute(
            "CREATE FUNCTION event_facet_counts_document() RETURNS trigger LANGUAGE plpgsql"
            " AS $$\n"
            "BEGIN\n"
            f"  PERFORM {LOCK};\n"
            "  IF TG_OP = 'DELETE' THEN\n"
            f"    {delete_events}\n"
            "    RETURN OLD;\n"
            "  END IF;\n"
            "  IF NEW.outlet IS DISTINCT FROM OLD.outlet THEN\n"
            f"    {_move_outlet()}\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $$"
        )
        op.execute(
            "CREATE TRIGGER event_facet_counts_document_delete BEFORE DELETE ON documents"
            " FOR EACH ROW EXECUTE FUNCTION event_facet_counts_document()"
        )
        op.execute(
            "CREATE TRIGGER event_facet_counts_outlet AFTER UPDATE OF outlet ON documents"
            " FOR EACH ROW EXECUTE FUNCTION event_facet_counts_document()"
        )
        op.execute("DROP TRIGGER IF EXISTS event_cells_lock ON events")
        op.execute(
            f"CREATE TRIGGER event_cells_lock BEFORE INSERT OR DELETE OR UPDATE OF"
            f" {LOCKED_BEFORE}, document_id ON events FOR EACH STATEMENT"
            " EXECUTE FUNCTION event_cells_lock()"
        )
        return
    op.execute(
        f"CREATE TRIGGER event_facet_counts_insert AFTER INSERT ON events BEGIN {_add('NEW')} END"
    )
    op.execute(
        "CREATE TRIGGER event_facet_counts_delete AFTER DELETE ON events"
        f" BEGIN {_remove('OLD')} END"
    )
    op.execute(
        f"CREATE TRIGGER event_facet_counts_update AFTER UPDATE OF {COUNTED} ON events"
        f" BEGIN {_remove('OLD')} {_add('NEW')} END"
    )
    op.execute(
        "CREATE TRIGGER event_facet_counts_document_delete BEFORE DELETE ON documents"
        f" BEGIN {delete_events} END"
    )
    op.execute(
        "CREATE TRIGGER event_facet_counts_outlet AFTER UPDATE OF outlet ON documents"
        f" WHEN coalesce(NEW.outlet, '') != coalesce(OLD.outlet, '') BEGIN {_move_outlet()} END"
    )


def downgrade() -> None:
    """Drop the triggers and the table (and give 0012's lock trigger its columns back)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS event_facet_counts_count ON events")
        op.execute("DROP TRIGGER IF EXISTS event_facet_counts_document_delete ON documents")
        op.execute("DROP TRIGGER IF EXISTS event_facet_counts_outlet ON documents")
        op.execute("DROP FUNCTION IF EXISTS event_facet_counts_count()")
        op.execute("DROP FUNCTION IF EXISTS event_facet_counts_document()")
        op.execute("DROP TRIGGER IF EXISTS event_cells_lock ON events")
        op.execute(
            f"CREATE TRIGGER event_cells_lock BEFORE INSERT OR DELETE OR UPDATE OF"
            f" {LOCKED_BEFORE} ON events FOR EACH STATEMENT EXECUTE FUNCTION event_cells_lock()"
        )
    else:
        for name in ("insert", "delete", "update", "document_delete", "outlet"):
            op.execute(f"DROP TRIGGER IF EXISTS event_facet_counts_{name}")
    op.drop_table("event_facet_counts")
