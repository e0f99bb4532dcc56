"""Repository functions: the only code that reads and writes the database.

Each report is stored in one transaction (capture row, document row, its mentions and
entities); the raw blob is written inside that transaction's lifetime and removed again if
the commit fails, so a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, object_session

from storyline.capture.hashing import sha256_hex
from storyline.errors import NotFoundInStoreError, StoreError, disk_full
from storyline.extract.contract import mention_json
from storyline.model import Capture, Document, Extraction
from storyline.store.claim_cache import ClaimEventCache
from storyline.store.claim_members import assign, reassign
from storyline.store.db import Store
from storyline.store.schema import CaptureRow, DocumentRow, EntityRow, EventRow, MentionRow
from storyline.store.search import search_condition
from storyline.store.stories import link_document, refresh_document_story

AddStatus = Literal["added", "duplicate"]


@dataclass(frozen=True)
class AddResult:
    """Outcome of storing one report."""

    status: AddStatus
    document_id: int


def find_by_sha256(store: Store, sha256: str) -> int | None:
    """The id of the document captured from exactly these bytes, if any."""
    with store.sessions() as session:
        return session.scalar(
            select(DocumentRow.id).join(CaptureRow).where(CaptureRow.sha256 == sha256)
        )


def add_document(
    store: Store,
    capture: Capture,
    document: Document,
    extraction: Extraction | None = None,
    *,
    parser_version: str,
    claim_cache: ClaimEventCache | None = None,
) -> AddResult:
    """Store a capture, its parsed document and (optionally) its extraction, atomically.

    Re-adding identical bytes returns the existing document with status ``duplicate``.
    ``claim_cache`` is shared by the documents of one ingest run, so the claims their
    events are checked against are read once (:mod:`storyline.store.claim_cache`).
    """
    existing = find_by_sha256(store, capture.sha256)
    if existing is not None:
        return AddResult("duplicate", existing)
    wrote_blob = False
    try:
        with store.sessions.begin() as session:
            capture_row = CaptureRow(
                sha256=capture.sha256,
                size=len(capture.data),
                input=capture.input,
                url=capture.url,
                captured_at=capture.captured_at,
                content_type=capture.content_type or document.content_type,
                charset=document.charset,
                http_date=capture.http_date,
                last_modified=capture.last_modified,
            )
            if capture.archive is not None:
                capture_row.archive = capture.archive.path
                capture_row.archive_member = capture.archive.member
                capture_row.archive_offset = capture.archive.offset
                capture_row.archive_length = capture.archive.length
            row = DocumentRow(
                capture=capture_row,
                title=document.title,
                text=document.text,
                body_start=document.body_start,
                byline=document.byline,
                outlet=document.outlet,
                published=document.published,
                published_source=document.published_source,
                url=document.url,
                canonical_url=document.canonical_url,
                language=document.language,
                tags=list(document.tags),
                word_count=document.word_count,
                added_at=datetime.now(UTC),
                parser_version=parser_version,
            )
            if extraction is not None:
                _versions(row, extraction)
            session.add(row)
            session.flush()
            events = _insert_extraction(session, row.id, extraction) if extraction else []
            link_document(session, row)
            assign(session, events, claim_cache)
            if capture.archive is None:  # an archived record stays in its archive only
                wrote_blob = store.blobs.put(capture.sha256, capture.data)
            document_id = row.id
    except IntegrityError:
        # Another writer stored the same bytes between our look-up and our commit: the
        # blob (same bytes, same name) is theirs now too, so it stays.
        winner = find_by_sha256(store, capture.sha256)
        if winner is not None:
            return AddResult("duplicate", winner)
        if wrote_blob:
            store.blobs.remove(capture.sha256)
        raise StoreError(f"{capture.input}: could not store the report (IntegrityError)") from None
    except SQLAlchemyError as exc:
        if wrote_blob:
            store.blobs.remove(capture.sha256)
        full = disk_full(exc)  # the transaction was rolled back: say why, in words
        raise StoreError(
            full or f"{capture.input}: could not store the report ({exc.__class__.__name__})"
        ) from None
    except BaseException:
        if wrote_blob:
            store.blobs.remove(capture.sha256)
        raise
    return AddResult("added", document_id)


def replace_extraction(store: Store, document_id: int, extraction: Extraction) -> None:
    """Swap a document's mentions and entities for a new extraction (one transaction)."""
    with store.sessions.begin() as session:
        row = _get(session, document_id)
        row.mentions.clear()
        row.entities.clear()
        row.events.clear()
        session.flush()
        _attach_extraction(row, extraction)
        row.published = extraction.document.published
        row.published_source = extraction.document.published_source
        session.flush()
        assign(session, [event.id for event in row.events])


def _versions(row: DocumentRow, extraction: Extraction) -> None:
    """The extractor and codebook versions a document records for its extraction."""
    row.extractor_version = ",".join(f"{v}" for v in sorted(extraction.versions.values()))
    row.codebook_version = next((e.codebook for e in extraction.events), None) or (
        extraction.versions.get("codebook")
    )


def _insert_extraction(session: Session, document_id: int, extraction: Extraction) -> list[int]:
    """Write a new document's mentions, entities and events as three bulk inserts; the
    events' ids, in order.

    Why not through the document's relationships: the unit of work builds, tracks and
    flushes one object per row (about 100 per report), which made storing a report cost
    as much as the rest of the store stage; a new document has nothing to merge with.
    Re-extraction keeps the relationship path (:func:`_attach_extraction`), which must
    keep protected flags and reviewed events."""
    from storyline.store.event_rows import event_values

    document = {"document_id": document_id}
    if extraction.mentions:
        session.execute(insert(MentionRow), [document | v for v in _mention_values(extraction)])
    if extraction.entities:
        session.execute(insert(EntityRow), [document | v for v in _entity_values(extraction)])
    values = event_values(extraction)
    if not values:
        return []
    ids = session.scalars(
        insert(EventRow).returning(EventRow.id, sort_by_parameter_order=True),
        [{"document_id": document_id, **value} for value in values],
    )
    return list(ids)


def _mention_values(extraction: Extraction) -> list[dict[str, Any]]:
    """The column values of the extraction's mention rows (no document id)."""
    from storyline.extract.contract import mention_fields

    return [
        {
            "key": mention.id,
            "kind": mention.kind,
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "data": mention_fields(mention),
            "extractor": extraction.versions.get(mention.kind, mention.kind),
        }
        for mention in extraction.mentions
    ]


def _entity_values(extraction: Extraction) -> list[dict[str, Any]]:
    """The column values of the extraction's entity rows (no document id)."""
    return [
        {"key": e.id, "name": e.name, "type": e.type, "geo": e.geo} for e in extraction.entities
    ]


def _attach_extraction(row: DocumentRow, extraction: Extraction) -> None:
    from storyline.store.event_rows import event_rows

    _versions(row, extraction)
    row.mentions.extend(MentionRow(**values) for values in _mention_values(extraction))
    row.entities.extend(EntityRow(**values) for values in _entity_values(extraction))
    session = object_session(row)
    if session is not None:  # a re-extraction: keep protected witnesses flagged
        from storyline.store.redaction import mark_sealed

        mark_sealed(session, row)
    row.events.extend(event_rows(extraction))


def get_document(store: Store, document_id: int) -> DocumentRow:
    """One document with its capture, mentions, entities and events loaded.

    Raises:
        NotFoundInStoreError: no document with that id.
    """
    with store.sessions() as session:
        row = _get(session, document_id)
        _ = row.capture, list(row.mentions), list(row.entities), list(row.events)
        return row


def _get(session: Session, document_id: int) -> DocumentRow:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFoundInStoreError(f"no document with id {document_id}")
    return row


def list_documents(
    store: Store,
    *,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
    before: int | None = None,
) -> list[DocumentRow]:
    """Documents, newest first; ``search`` is full-text over titles and text.

    The search is a condition the database evaluates (:mod:`storyline.store.search`), so a
    word that matches every document costs what one page costs. ``before`` pages by key
    (documents with a smaller id), which stays as cheap on the last page as on the first;
    ``offset`` still skips rows for small stores and scripts that count pages.
    """
    query = select(DocumentRow).order_by(DocumentRow.id.desc())
    if search:
        condition = search_condition(store.dialect, search)
        query = query.where(condition if condition is not None else DocumentRow.id < 0)
    if before is not None:
        query = query.where(DocumentRow.id < before)
    with store.sessions() as session:
        return list(session.scalars(query.limit(limit).offset(offset)))


def count_documents(store: Store) -> int:
    """How many documents the store holds."""
    with store.sessions() as session:
        return session.scalar(select(func.count(DocumentRow.id))) or 0


def set_published(store: Store, document_id: int, published: date) -> None:
    """Record a publication date the user supplied."""
    with store.sessions.begin() as session:
        row = _get(session, document_id)
        row.published = published
        row.published_source = "user"
        refresh_document_story(session, document_id)


@dataclass(frozen=True)
class VerifyResult:
    """One capture's re-hash: ``ok``, ``mismatch`` or ``missing``."""

    document_id: int
    sha256: str
    status: Literal["ok", "mismatch", "missing"]
    actual: str | None


def verify(store: Store) -> Iterator[VerifyResult]:
    """Re-hash every stored blob against its recorded SHA-256."""
    with store.sessions() as session:
        pairs: Sequence[Any] = session.execute(
            select(DocumentRow.id, CaptureRow).join(CaptureRow).order_by(DocumentRow.id)
        ).all()
    for document_id, capture in pairs:
        sha256 = capture.sha256
        if capture.archive is None:
            actual = store.blobs.rehash(sha256)
        else:
            data = _archived_bytes(capture)
            actual = None if data is None else sha256_hex(data)
        if actual is None:
            status: Literal["ok", "mismatch", "missing"] = "missing"
        elif actual != sha256:
            status = "mismatch"
        else:
            status = "ok"
        yield VerifyResult(document_id, sha256, status, actual)


def capture_bytes(store: Store, capture: CaptureRow) -> bytes:
    """The captured bytes: from the blob store, or from the web archive they were read from.

    Raises:
        FileNotFoundError: the blob or the archive is missing.
    """
    if capture.archive is None:
        return store.blobs.get(capture.sha256)
    data = _archived_bytes(capture)
    if data is None:
        raise FileNotFoundError(capture.archive)
    return data


def _archived_bytes(capture: CaptureRow) -> bytes | None:
    from storyline.capture.warc import read_payload
    from storyline.model import ArchiveRef

    assert capture.archive is not None
    ref = ArchiveRef(
        capture.archive, capture.archive_member, capture.archive_offset, capture.archive_length
    )
    try:
        return read_payload(ref)
    except (OSError, ValueError):
        return None


def time_mentions(store: Store, document_id: int) -> dict[int, dict[str, Any]]:
    """A document's time mentions as contract dicts, by row id."""
    with store.sessions() as session:
        rows = session.scalars(
            select(MentionRow).where(
                MentionRow.document_id == document_id, MentionRow.kind == "time"
            )
        )
        return {
            row.id: mention_json(row.key, row.kind, row.start, row.end, row.text, row.data)
            for row in rows
        }


def update_mention_fields(store: Store, updates: dict[int, dict[str, Any]]) -> None:
    """Replace the kind-specific fields of the given mention rows (one transaction)."""
    if not updates:
        return
    with store.sessions.begin() as session:
        for row_id, data in updates.items():
            row = session.get(MentionRow, row_id)
            if row is not None:
                row.data = data


def refresh_event_times(store: Store, document_id: int) -> int:
    """Recompute events' time columns from their (re-resolved) time mentions.

    Returns how many events changed. Called after ``set_published`` resolves relative dates.
    """
    from storyline.store.event_rows import time_columns, time_granularity

    changed = 0
    with store.sessions.begin() as session:
        row = _get(session, document_id)
        times = {m.key: m.data for m in row.mentions if m.kind == "time"}
        moved = []
        for event in row.events:
            start, end = time_columns(event.data or {}, times)
            event.time_granularity = time_granularity(event.data or {}, times)
            if (start, end) != (event.time_start, event.time_end):
                event.time_start, event.time_end = start, end
                moved.append(event.id)
        session.flush()
        reassign(session, [event.id for event in row.events])  # a new date: other claims?
        changed = len(moved)
    return changed
