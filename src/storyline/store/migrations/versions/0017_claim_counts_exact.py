"""Kept contradiction counts stay exact under concurrent writers, raw SQL and new rules.

Revision ID: 0017_claim_counts_exact
Revises: 0016_claim_contradiction_counts
Create Date: 2026-12-07

An adversarial review of 0016 reproduced counts left wrong (a count in the store that is
neither NULL nor what reading the claim computes now):

* **PostgreSQL, concurrent writers.** A trigger finds the claims a change touches (an
  event's claim, a report's claims) in its own transaction's view: a membership another
  transaction had not committed yet was missed, and a refresh could count that claim while
  the first change was still uncommitted. Now every trigger first takes a *shared*
  transaction lock (``storyline.claim_counts``), and a refresh takes it *exclusively*
  before it reads: writers never wait for each other, and a refresh reads only when no
  transaction that changed a claim's inputs is open. A writer that comes during a refresh
  waits for it, then marks what it changes unknown. Since the count a refresh writes is
  then visible to the trigger, the trigger writes only counts that are known (0016 wrote
  every claim row once per changed row: a report's 300 mentions re-extracted rewrote each of
  its claims 600 times).
* **Raw SQL**: a dismissal edited in place; a mention or entity moved to another report
  (the report it left is marked too); PostgreSQL ``TRUNCATE`` (every count unknown); SQLite
  ``INSERT OR REPLACE`` into ``claim_members``, ``claim_dismissals``, ``mentions`` and
  ``entities`` (the claim or report of the row replaced); events or reports deleted with
  foreign keys off (no cascade).
* **New rules.** Counts depend on code (storyline.link.claims), so ``claim_count_rules``
  records which rules made them: storyline.store.claim_standing treats every count as
  unknown while the version differs and recounts (this table starts empty: a store
  upgraded from 0016 counts once more).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_claim_counts_exact"
down_revision = "0016_claim_contradiction_counts"
branch_labels = None
depends_on = None

#: The advisory lock triggers take shared and a refresh exclusively (PostgreSQL).
LOCK_KEY = "hashtext('storyline.claim_counts')"


def _claim(expression: str) -> str:
    """Mark one claim's count unknown."""
    return (
        f"UPDATE claims SET contradictions = NULL WHERE id = {expression}"
        " AND contradictions IS NOT NULL;"
    )


def _document(expression: str) -> str:
    """Mark unknown the count of every claim with a member from one document."""
    return (
        "UPDATE claims SET contradictions = NULL WHERE contradictions IS NOT NULL AND id IN"
        f" (SELECT claim_id FROM claim_members WHERE document_id = {expression});"
    )


def _event(row: str) -> str:
    return _claim(f"(SELECT claim_id FROM claim_members WHERE event_id = {row}.id)")


EVERY = "UPDATE claims SET contradictions = NULL WHERE contradictions IS NOT NULL;"

#: (trigger, table, timing and operation, WHEN condition, statements); WHEN is written
#: with ``IS DISTINCT FROM`` (SQLite's ``IS NOT``).
TRIGGERS: list[tuple[str, str, str, str, list[str]]] = [
    ("claims_unknown_member_insert", "claim_members", "AFTER INSERT", "", [_claim("NEW.claim_id")]),
    ("claims_unknown_member_delete", "claim_members", "AFTER DELETE", "", [_claim("OLD.claim_id")]),
    (
        "claims_unknown_member_update",
        "claim_members",
        "AFTER UPDATE",
        "",
        [_claim("OLD.claim_id"), _claim("NEW.claim_id")],
    ),
    (
        "claims_unknown_dismissal_insert",
        "claim_dismissals",
        "AFTER INSERT",
        "",
        [_claim("NEW.claim_id")],
    ),
    (
        "claims_unknown_dismissal_delete",
        "claim_dismissals",
        "AFTER DELETE",
        "",
        [_claim("OLD.claim_id")],
    ),
    (
        "claims_unknown_dismissal_update",
        "claim_dismissals",
        "AFTER UPDATE",
        "",
        [_claim("OLD.claim_id"), _claim("NEW.claim_id")],
    ),
    ("claims_unknown_event", "events", "AFTER UPDATE", "", [_event("NEW")]),
    # With foreign keys on, the membership's cascade marks the claim; without (a SQLite
    # shell), the membership is still there when the event goes.
    ("claims_unknown_event_delete", "events", "AFTER DELETE", "", [_event("OLD")]),
    (
        "claims_unknown_story",
        "documents",
        "AFTER UPDATE OF story_id",
        "OLD.story_id IS DISTINCT FROM NEW.story_id",
        [_document("NEW.id")],
    ),
    ("claims_unknown_document_delete", "documents", "BEFORE DELETE", "", [_document("OLD.id")]),
    *(
        (f"claims_unknown_{table}_{name}", table, f"AFTER {name.upper()}", "", statements)
        for table in ("mentions", "entities")
        for name, statements in (
            ("insert", [_document("NEW.document_id")]),
            ("update", [_document("OLD.document_id"), _document("NEW.document_id")]),
            ("delete", [_document("OLD.document_id")]),
        )
    ),
]
#: SQLite's INSERT OR REPLACE removes a conflicting row without a DELETE trigger: the
#: claim or report a replaced row belonged to is marked before it goes.
SQLITE_ONLY = [
    (
        "claims_unknown_member_replace",
        "claim_members",
        "BEFORE INSERT",
        "",
        [_claim("(SELECT claim_id FROM claim_members WHERE event_id = NEW.event_id)")],
    ),
    (
        "claims_unknown_dismissal_replace",
        "claim_dismissals",
        "BEFORE INSERT",
        "",
        [_claim("(SELECT claim_id FROM claim_dismissals WHERE id = NEW.id)")],
    ),
    *(
        (
            f"claims_unknown_{table}_replace",
            table,
            "BEFORE INSERT",
            "",
            [_document(f"(SELECT document_id FROM {table} WHERE id = NEW.id)")],
        )
        for table in ("mentions", "entities")
    ),
]
#: PostgreSQL's TRUNCATE fires no row trigger.
TRUNCATED = ("claim_members", "claim_dismissals", "events", "documents", "mentions", "entities")
#: 0016's triggers, replaced here.
OLD_TRIGGERS = [
    ("claims_unknown_member_insert", "claim_members"),
    ("claims_unknown_member_delete", "claim_members"),
    ("claims_unknown_member_update", "claim_members"),
    ("claims_unknown_dismissal_insert", "claim_dismissals"),
    ("claims_unknown_dismissal_delete", "claim_dismissals"),
    ("claims_unknown_event", "events"),
    ("claims_unknown_story", "documents"),
    *(
        (f"claims_unknown_{table}_{name}", table)
        for table in ("mentions", "entities")
        for name in ("insert", "update", "delete")
    ),
]


def _create(
    triggers: list[tuple[str, str, str, str, list[str]]], postgres: bool, locked: bool
) -> None:
    """Create row triggers (and on PostgreSQL their functions, which first take the
    counts' shared lock when ``locked``)."""
    lock = f"PERFORM pg_advisory_xact_lock_shared({LOCK_KEY});\n  " if locked else ""
    for name, table, when_what, when, statements in triggers:
        body = " ".join(statements)
        if postgres:
            row = "OLD" if when_what.endswith("DELETE") else "NEW"
            op.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n  {lock}{body}\n  RETURN {row};\nEND $$"
            )
            condition = f" WHEN ({when})" if when else ""
            op.execute(
                f"CREATE TRIGGER {name} {when_what} ON {table} FOR EACH ROW{condition}"
                f" EXECUTE FUNCTION {name}()"
            )
        else:
            condition = f" WHEN {when.replace('IS DISTINCT FROM', 'IS NOT')}" if when else ""
            op.execute(f"CREATE TRIGGER {name} {when_what} ON {table}{condition} BEGIN {body} END")


def _drop(triggers: list[tuple[str, str]], postgres: bool) -> None:
    for name, table in triggers:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    """The rules table, and the triggers again: locked, conditional, and more of them."""
    op.create_table(
        "claim_count_rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.String(100), nullable=False),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    _drop(OLD_TRIGGERS, postgres)
    _create(TRIGGERS + ([] if postgres else SQLITE_ONLY), postgres, locked=True)
    if postgres:
        # A writer that locks a claim's row before any trigger took the shared lock (an
        # editor's action updates the claim first) would deadlock with a refresh holding
        # the lock and waiting for that row: writes to claims take it first too (a
        # refresh holds it already, exclusively).
        op.execute(
            "CREATE FUNCTION claims_counts_share() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n  PERFORM pg_advisory_xact_lock_shared({LOCK_KEY});\n  RETURN NULL;\nEND $$"
        )
        op.execute(
            "CREATE TRIGGER claims_counts_share BEFORE INSERT OR UPDATE OR DELETE ON claims"
            " FOR EACH STATEMENT EXECUTE FUNCTION claims_counts_share()"
        )
        op.execute(
            "CREATE FUNCTION claims_unknown_truncate() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n  PERFORM pg_advisory_xact_lock_shared({LOCK_KEY});\n  {EVERY}\n"
            "  RETURN NULL;\nEND $$"
        )
        for table in TRUNCATED:
            op.execute(
                f"CREATE TRIGGER claims_unknown_{table}_truncate AFTER TRUNCATE ON {table}"
                " FOR EACH STATEMENT EXECUTE FUNCTION claims_unknown_truncate()"
            )


def downgrade() -> None:
    """Back to 0016's triggers (marking only) and no rules table."""
    postgres = op.get_bind().dialect.name == "postgresql"
    _drop([(name, table) for name, table, *_ in TRIGGERS + SQLITE_ONLY], postgres)
    if postgres:
        for table in TRUNCATED:
            op.execute(f"DROP TRIGGER IF EXISTS claims_unknown_{table}_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS claims_unknown_truncate()")
        op.execute("DROP TRIGGER IF EXISTS claims_counts_share ON claims")
        op.execute("DROP FUNCTION IF EXISTS claims_counts_share()")
    op.drop_table("claim_count_rules")
    # 0016's triggers, as 0016 made them (a frozen copy: migrations do not import each other).
    _create(_OLD_DEFINITIONS, postgres, locked=False)


def _old_claim(expression: str) -> str:
    return f"UPDATE claims SET contradictions = NULL WHERE id = {expression};"


def _old_document(expression: str) -> str:
    return (
        "UPDATE claims SET contradictions = NULL WHERE id IN"
        f" (SELECT claim_id FROM claim_members WHERE document_id = {expression});"
    )


_OLD_DEFINITIONS: list[tuple[str, str, str, str, list[str]]] = [
    (
        "claims_unknown_member_insert",
        "claim_members",
        "AFTER INSERT",
        "",
        [_old_claim("NEW.claim_id")],
    ),
    (
        "claims_unknown_member_delete",
        "claim_members",
        "AFTER DELETE",
        "",
        [_old_claim("OLD.claim_id")],
    ),
    (
        "claims_unknown_member_update",
        "claim_members",
        "AFTER UPDATE",
        "",
        [_old_claim("OLD.claim_id"), _old_claim("NEW.claim_id")],
    ),
    (
        "claims_unknown_dismissal_insert",
        "claim_dismissals",
        "AFTER INSERT",
        "",
        [_old_claim("NEW.claim_id")],
    ),
    (
        "claims_unknown_dismissal_delete",
        "claim_dismissals",
        "AFTER DELETE",
        "",
        [_old_claim("OLD.claim_id")],
    ),
    (
        "claims_unknown_event",
        "events",
        "AFTER UPDATE",
        "",
        [_old_claim("(SELECT claim_id FROM claim_members WHERE event_id = NEW.id)")],
    ),
    (
        "claims_unknown_story",
        "documents",
        "AFTER UPDATE OF story_id",
        "OLD.story_id IS DISTINCT FROM NEW.story_id",
        [_old_document("NEW.id")],
    ),
    *(
        (f"claims_unknown_{table}_{name}", table, f"AFTER {name.upper()}", "", [_old_document(row)])
        for table in ("mentions", "entities")
        for name, row in (
            ("insert", "NEW.document_id"),
            ("update", "NEW.document_id"),
            ("delete", "OLD.document_id"),
        )
    ),
]
