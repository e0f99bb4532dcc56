"""Re-extraction of stored documents without losing what people decided.

Why this shape: extractors and codebooks improve, and an archive of years must follow
(``storyline reprocess``), but an event an editor verified, corrected or rejected is a human
decision the machine must not overwrite or drop. So, per document, in one transaction:

* mentions, entities and machine-only events are replaced by the new extraction;
* an event with a review is **kept as it is** (its row, id, review, corrections and claim);
  the new extraction's event at the same trigger with the same type is compared with what
  the machine proposed when the review was made (``data["machine"]``):

  - same evidence, roles and certainty → the review still stands; the duplicate proposal
    is dropped;
  - anything changed, or no such event any more → the reviewed event is flagged for
    re-review: ``data["rereview"]`` holds the reason, when, and the new proposal (if any),
    and the new proposal is not stored twice.

A document's ``extractor_version`` and ``codebook_version`` become current in the same
transaction, so a reprocess that is stopped resumes where it was: done documents are
no longer stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select

from storyline.model import Document, Extraction
from storyline.store import masked_fields
from storyline.store.claim_cache import ClaimEventCache
from storyline.store.claim_members import assign
from storyline.store.db import Store
from storyline.store.redaction import sealed_rows
from storyline.store.schema import DocumentRow, EventRow


@dataclass(frozen=True)
class Reprocessed:
    """What re-extracting one document did to its reviewed events."""

    document_id: int
    events: int
    kept: int
    flagged: int


def stale_documents(
    store: Store, extractor_version: str, codebook_id: str, *, after: int = 0, limit: int = 100
) -> list[int]:
    """Ids (ascending, after ``after``) of documents not extracted with these versions.

    Only documents of the same codebook (by name) or of none are considered: a document
    extracted with another codebook keeps it (``storyline reprocess --codebook NAME``).
    Documents stored with ``--no-extract`` count as stale.
    """
    name = codebook_id.rsplit("/", 1)[0]
    with store.sessions() as session:
        query = (
            select(DocumentRow.id)
            .where(DocumentRow.id > after)
            .where(
                or_(
                    DocumentRow.codebook_version.is_(None),
                    DocumentRow.codebook_version.like(f"{name}/%"),
                )
            )
            .where(
                or_(
                    DocumentRow.extractor_version.is_(None),
                    DocumentRow.extractor_version != extractor_version,
                    DocumentRow.codebook_version != codebook_id,
                )
            )
            .order_by(DocumentRow.id)
            .limit(limit)
        )
        return list(session.scalars(query))


def other_codebooks(store: Store, codebook_id: str) -> int:
    """How many documents were extracted with another codebook (left alone)."""
    name = codebook_id.rsplit("/", 1)[0]
    with store.sessions() as session:
        rows = session.scalars(
            select(DocumentRow.id).where(
                DocumentRow.codebook_version.is_not(None),
                DocumentRow.codebook_version.not_like(f"{name}/%"),
            )
        )
        return len(list(rows))


def stored_document(store: Store, document_id: int) -> Document:
    """A stored document as the extract stage's input (its text and metadata as stored)."""
    with store.sessions() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None
        return Document(
            text=row.text,
            sha256=row.capture.sha256,
            body_start=row.body_start,
            title=row.title,
            byline=row.byline,
            outlet=row.outlet,
            published=row.published,
            published_source=row.published_source,
            url=row.url,
            canonical_url=row.canonical_url,
            language=row.language,
            tags=tuple(row.tags),
        )


def replace_keeping_reviews(
    store: Store,
    document_id: int,
    extraction: Extraction,
    claim_cache: ClaimEventCache | None = None,
) -> Reprocessed:
    """Store a new extraction of a document; reviewed events kept or flagged (module doc)."""
    from storyline.store.repository import _attach_extraction

    with store.sessions.begin() as session:
        row = session.get(DocumentRow, document_id)
        assert row is not None
        reviewed = [e for e in row.events if e.review_status != "machine"]
        for event in [e for e in row.events if e.review_status == "machine"]:
            row.events.remove(event)
        row.mentions.clear()
        row.entities.clear()
        session.flush()
        _attach_extraction(row, extraction)  # appends the new machine events
        new = [e for e in row.events if e.id is None]
        kept = flagged = 0
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for event in reviewed:
            old = (event.data or {}).get("machine") or event.data or {}
            match = next((n for n in new if _trigger(n.data) == _trigger(old)), None)
            data = dict(event.data or {})
            if match is not None:
                row.events.remove(match)
                new.remove(match)
            if match is not None and _evidence(match.data) == _evidence(old):
                data.pop("rereview", None)
                kept += 1
            else:
                data["rereview"] = {
                    "reason": "the new extraction no longer finds this event"
                    if match is None
                    else "the new extraction changed its evidence, roles or certainty",
                    "at": now,
                    "machine": None if match is None else match.data.get("machine"),
                }
                flagged += 1
            event.data = data
        _free_keys(reviewed, new)
        if sealed_rows(session, document_id):
            masked_fields.forget_replaced(session, store, document_id, {e.key for e in reviewed})
        session.flush()
        assign(session, [e.id for e in new], claim_cache)
        return Reprocessed(document_id, len(new) + len(reviewed), kept, flagged)


@dataclass(frozen=True)
class Flagged:
    """A reviewed event the last re-extraction flagged for re-review."""

    event_id: int
    document_id: int
    key: str
    type: str
    text: str
    review_status: str
    reason: str
    at: str


def flagged_events(store: Store) -> list[Flagged]:
    """Reviewed events flagged for re-review, by document. Only reviewed events can be
    flagged, and they are few, so they are read and filtered here (portable across the
    SQLite and PostgreSQL JSON types)."""
    with store.sessions() as session:
        rows = session.scalars(
            select(EventRow)
            .where(EventRow.review_status != "machine")
            .order_by(EventRow.document_id, EventRow.start)
        )
        found = []
        for row in rows:
            flag = (row.data or {}).get("rereview")
            if isinstance(flag, dict):
                found.append(
                    Flagged(
                        row.id,
                        row.document_id,
                        row.key,
                        row.type,
                        row.text,
                        row.review_status,
                        str(flag.get("reason", "")),
                        str(flag.get("at", "")),
                    )
                )
        return found


def _trigger(data: dict[str, Any]) -> tuple[Any, ...]:
    return (data.get("type"), data.get("start"), data.get("end"))


def _evidence(data: dict[str, Any]) -> tuple[Any, ...]:
    """What a review rests on: spans of evidence and role fillers, and the certainty."""
    data = data.get("machine") or data
    roles = {
        role: sorted((f.get("start"), f.get("end"), f.get("text")) for f in fillers)
        for role, fillers in (data.get("roles") or {}).items()
    }
    evidence = sorted((e.get("start"), e.get("end")) for e in data.get("evidence") or [])
    return (_trigger(data), evidence, sorted(roles.items()), data.get("certainty"))


def _free_keys(kept: list[EventRow], new: list[EventRow]) -> None:
    """Give new events keys that the kept reviewed events do not hold (unique per document)."""
    taken = {e.key for e in kept}
    number = len(kept) + len(new)
    for event in new:
        if event.key in taken:
            while f"e{number}" in taken:
                number += 1
            event.key = f"e{number}"
            data = dict(event.data or {})
            data["id"] = event.key
            if isinstance(data.get("machine"), dict):
                data["machine"] = {**data["machine"], "id": event.key}
            event.data = data
        taken.add(event.key)
