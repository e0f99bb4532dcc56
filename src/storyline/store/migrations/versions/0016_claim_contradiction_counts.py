"""Each claim's count of open contradictions, kept in the store; triggers mark it unknown.

Revision ID: 0016_claim_contradiction_counts
Revises: 0015_documents_counts_lock
Create Date: 2026-12-07

The contradiction filter of the claims list and the dashboard's count read every claim made
by several documents with all their events, to compute which disagree: 13.6 s and 406 MiB
per web process after every change of the store, at a million events. ``claims.contradictions``
keeps the number of a claim's open contradictions (those no editor dismissed), so those
pages read the few claims with a count above 0.

A count is exact or NULL (unknown), never stale. Triggers set it to NULL whenever something
a claim's contradictions are computed from changes (storyline.link.claims.contradictions
reads the members' events, their documents' stories, figures and place points, and the
editor's dismissals):

* ``claim_members``: a member added, removed or moved (both claims);
* ``claim_dismissals``: a contradiction dismissed or un-dismissed;
* ``events``: an event of a claim corrected, reviewed or re-extracted (a deleted event
  leaves its claim through the membership's cascade);
* ``documents``: a report's story changed (a reprint found, stories rebuilt), which decides
  what counts as independent — every claim with a member from that report;
* ``mentions`` and ``entities``: a report's figures or place points changed — likewise.

``storyline.store.claim_standing`` computes the unknown counts in bounded batches (after an
ingest run, by ``storyline claims``, after a web edit) and readers check the few still
unknown themselves. Here the claims of one document only are set to 0 (contradictions are
between independent stories, so need two documents); the others start unknown.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_claim_contradiction_counts"
down_revision = "0015_documents_counts_lock"
branch_labels = None
depends_on = None


# The row is written even when its count is already unknown: on PostgreSQL that waits for
# a refresh that has locked the claim to write its count, then marks it unknown again (an
# update that skipped an already-NULL row would let the refresh write a count that misses
# this change).


def _claim(expression: str) -> str:
    """Mark one claim's count unknown."""
    return f"UPDATE claims SET contradictions = NULL WHERE id = {expression};"


def _document(expression: str) -> str:
    """Mark unknown the count of every claim with a member from one document."""
    return (
        "UPDATE claims SET contradictions = NULL WHERE id IN"
        f" (SELECT claim_id FROM claim_members WHERE document_id = {expression});"
    )


#: table -> (the rows' SQL, by which of OLD/NEW, and the statements), for each trigger.
_MEMBERS = {"INSERT": [_claim("NEW.claim_id")], "DELETE": [_claim("OLD.claim_id")]}
_MEMBERS["UPDATE"] = [_claim("OLD.claim_id"), _claim("NEW.claim_id")]
_EVENT = _claim("(SELECT claim_id FROM claim_members WHERE event_id = NEW.id)")
#: (trigger, table, operation, WHEN of SQLite / PostgreSQL, statements)
TRIGGERS: list[tuple[str, str, str, str, list[str]]] = [
    *(
        (f"claims_unknown_member_{op_.lower()}", "claim_members", op_, "", statements)
        for op_, statements in _MEMBERS.items()
    ),
    ("claims_unknown_dismissal_insert", "claim_dismissals", "INSERT", "", [_claim("NEW.claim_id")]),
    ("claims_unknown_dismissal_delete", "claim_dismissals", "DELETE", "", [_claim("OLD.claim_id")]),
    ("claims_unknown_event", "events", "UPDATE", "", [_EVENT]),
    (
        "claims_unknown_story",
        "documents",
        "UPDATE OF story_id",
        "OLD.story_id IS DISTINCT FROM NEW.story_id",
        [_document("NEW.id")],
    ),
    *(
        (f"claims_unknown_{table}_{op_.lower()}", table, op_, "", [_document(f"{row}.document_id")])
        for table in ("mentions", "entities")
        for op_, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
    ),
]


def upgrade() -> None:
    """The column, its index, an index of members by document, the counts of claims of one
    document (0), and the triggers."""
    op.add_column("claims", sa.Column("contradictions", sa.Integer, nullable=True))
    op.create_index("ix_claims_contradictions", "claims", ["contradictions"])
    op.create_index("ix_claim_members_document", "claim_members", ["document_id"])
    op.execute(
        "UPDATE claims SET contradictions = 0 WHERE id IN (SELECT claim_id FROM claim_members"
        " GROUP BY claim_id HAVING count(DISTINCT document_id) < 2)"
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table, operation, when, statements in TRIGGERS:
        body = " ".join(statements)
        if postgres:
            row = "OLD" if operation == "DELETE" else "NEW"
            op.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n  {body}\n  RETURN {row};\nEND $$"
            )
            condition = f" WHEN ({when})" if when else ""
            op.execute(
                f"CREATE TRIGGER {name} AFTER {operation} ON {table} FOR EACH ROW{condition}"
                f" EXECUTE FUNCTION {name}()"
            )
        else:
            condition = f" WHEN {when.replace('IS DISTINCT FROM', 'IS NOT')}" if when else ""
            op.execute(
                f"CREATE TRIGGER {name} AFTER {operation} ON {table}{condition} BEGIN {body} END"
            )


def downgrade() -> None:
    """Drop the triggers, the indexes and the column."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, table, *_ in TRIGGERS:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_claim_members_document", "claim_members")
    op.drop_index("ix_claims_contradictions", "claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("contradictions")
