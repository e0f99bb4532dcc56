"""Where a whole-store batch job has got to, kept in the store beside the work it did.

Why: a job over every document of a large archive (``storyline stories --rebuild``) cannot
hold one transaction for hours — a kill, a full disk or a deploy would throw all of it away,
and one long write transaction blocks every other writer on SQLite. Such a job commits every
few hundred documents and records, in the same transaction, the last document id it
finished (:class:`~storyline.store.schema.BatchJobRow`). A row left behind after a kill is
where the next run starts again; the row is removed when the job completes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, update

from storyline.store.schema import BatchJobRow


def position(session: Any, name: str) -> int | None:
    """The last document id the unfinished job ``name`` committed, or ``None`` when no such
    job is under way."""
    return session.scalar(select(BatchJobRow.position).where(BatchJobRow.name == name))


def start(session: Any, name: str) -> None:
    """Record that job ``name`` begins at the first document (in the caller's transaction)."""
    now = datetime.now(UTC)
    session.add(BatchJobRow(name=name, position=0, started_at=now, updated_at=now))
    session.flush()


def advance(session: Any, name: str, document_id: int) -> None:
    """Record that every document up to ``document_id`` is done (same transaction as the
    work, so the position never runs ahead of what was committed)."""
    session.execute(
        update(BatchJobRow)
        .where(BatchJobRow.name == name)
        .values(position=document_id, updated_at=datetime.now(UTC))
    )


def finish(session: Any, name: str) -> None:
    """Forget job ``name``: it completed."""
    session.execute(delete(BatchJobRow).where(BatchJobRow.name == name))
