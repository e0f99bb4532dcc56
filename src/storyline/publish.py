"""A publishable, read-only copy of the record as one SQLite file, plus Datasette metadata.

Why a copy and not the store itself: the store holds accounts, session and API token
hashes, the audit chain, raw captures and protected witnesses' names, none of which may
leave the newsroom. The copy is built from an allow-list — documents, events, mentions and
entities, flattened into plain columns that Datasette (or any SQLite tool) can facet and
filter — so a table added to the store later is never published by accident. Protected
mentions are blacked out the way every download blacks them out (the same
:func:`storyline.store.queries.protected_spans` and event redaction the CSV export uses),
one █ per character so offsets stay valid.

The file is written beside its final name and renamed into place only when complete, so a
failed export leaves nothing half-written, and it is left read-only (mode 0444).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storyline.errors import StorylineError
from storyline.store import event_queries, queries
from storyline.store.db import Store
from storyline.store.event_queries import EventFilters
from storyline.store.schema import DocumentRow, EntityRow, MentionRow

#: What each character of a protected text becomes in the copy.
MASK = "█"
#: The tables written (and the only ones: the test checks there are no others).
TABLES = ("documents", "events", "mentions", "entities")
#: Event fields not published: who reviewed (account names, notes) stays in the newsroom.
PRIVATE_EVENT_FIELDS = ("review",)

DOCUMENT_COLUMNS = (
    "id",
    "title",
    "outlet",
    "byline",
    "published",
    "language",
    "url",
    "word_count",
    "story_id",
    "text",
)


class PublishError(StorylineError):
    """The copy cannot be written (the target exists, or its folder is missing)."""


@dataclass(frozen=True)
class Published:
    """What :func:`export_sqlite` wrote: the files and the rows per table."""

    database: Path
    metadata: Path
    rows: dict[str, int]


def export_sqlite(
    store: Store, out: Path, metadata: Path | None = None, force: bool = False
) -> Published:
    """Write the public copy of ``store`` to ``out`` and Datasette metadata beside it.

    Raises:
        PublishError: ``out`` (or the metadata file) exists and ``force`` is false, or the
            folder does not exist.
    """
    metadata = metadata or out.with_name("metadata.json")
    for path in (out, metadata):
        if path.exists() and not force:
            raise PublishError(f"{path} exists (use --force to replace it)")
        if not path.parent.is_dir():
            raise PublishError(f"{path}: the folder {path.parent} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    try:
        rows = _write(store, Path(temporary))
        os.chmod(temporary, 0o444)
        if out.exists():
            out.unlink()
        os.replace(temporary, out)
    finally:
        Path(temporary).unlink(missing_ok=True)
    meta_text = json.dumps(datasette_metadata(out.stem, rows), ensure_ascii=False, indent=2)
    metadata.write_text(meta_text + "\n", encoding="utf-8")
    return Published(out, metadata, rows)


def _write(store: Store, path: Path) -> dict[str, int]:
    hidden = _hidden_documents(store)
    with store.sessions() as session:
        documents = [
            d
            for d in session.scalars(select(DocumentRow).order_by(DocumentRow.id))
            if d.id not in hidden
        ]
        ids = {d.id for d in documents}
        protected = queries.protected_spans(store, ids)
        spans = {doc: [span for span, _ in found] for doc, found in protected.items()}
        mentions = [
            m
            for m in session.scalars(select(MentionRow).order_by(MentionRow.id))
            if m.document_id in ids
        ]
        entities = [
            e
            for e in session.scalars(select(EntityRow).order_by(EntityRow.id))
            if e.document_id in ids
        ]
    rows = {
        "documents": [_document(d, spans.get(d.id, [])) for d in documents],
        "events": [e for e in _events(store) if e["document"] in ids],
        "mentions": [_mention(m, spans.get(m.document_id, [])) for m in mentions],
        "entities": _entities(entities, mentions, spans),
    }
    with sqlite3.connect(path) as db:
        for table, records in rows.items():
            _table(db, table, records)
        db.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "title, text, content='documents', content_rowid='id')"
        )
        db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        for index in (
            "events(type)",
            "events(place)",
            "events(document)",
            "mentions(document_id)",
            "entities(name)",
        ):
            table, column = index.rstrip(")").split("(")
            db.execute(f"CREATE INDEX ix_{table}_{column} ON {index}")
    db.close()
    return {table: len(records) for table, records in rows.items()}


def _hidden_documents(store: Store) -> set[int]:
    """Documents marked sensitive as a whole: not published at all."""
    with store.sessions() as session:
        return set(
            session.scalars(select(DocumentRow.id).where(DocumentRow.sensitivity != "normal"))
        )


def _masked(text: str, spans: Sequence[tuple[int, int]], offset: int = 0) -> str:
    """``text`` (starting at ``offset`` of its document) with ``spans`` blacked out."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start - offset, 0), min(end - offset, len(chars))):
            chars[i] = MASK
    return "".join(chars)


def _document(row: DocumentRow, spans: list[tuple[int, int]]) -> dict[str, Any]:
    record = {column: getattr(row, column) for column in DOCUMENT_COLUMNS}
    record["published"] = row.published.isoformat() if row.published else None
    record["text"] = _masked(row.text, spans)
    return record


def _events(store: Store) -> Iterator[dict[str, Any]]:
    for listing in event_queries.iter_events(store, EventFilters(sort="id")):
        if listing.event.review_status == "rejected":
            continue  # a reviewer said it did not happen as extracted: not part of the record
        payload = listing.as_json(redact=True)
        for field in PRIVATE_EVENT_FIELDS:
            payload.pop(field, None)
        yield _flat(payload)


def _flat(payload: dict[str, Any]) -> dict[str, Any]:
    """One level of nesting becomes ``parent_child`` columns; lists become JSON text."""
    flat: dict[str, Any] = {}
    for key, value in payload.items():
        if isinstance(value, dict) and key != "roles":
            for inner, item in value.items():
                flat[f"{key}_{inner}"] = _cell(item)
        else:
            flat[key] = _cell(value)
    return flat


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _mention(row: MentionRow, spans: list[tuple[int, int]]) -> dict[str, Any]:
    protected = row.sensitivity == "protected" or any(
        row.start < end and start < row.end for start, end in spans
    )
    return {
        "document_id": row.document_id,
        "key": row.key,
        "kind": row.kind,
        "start": row.start,
        "end": row.end,
        "text": MASK * len(row.text) if protected else row.text,
        # A protected mention's fields name the witness (a source's name): none published.
        "data": None if protected else _cell(row.data or {}),
        "protected": int(protected),
    }


def _entities(
    entities: list[EntityRow],
    mentions: list[MentionRow],
    spans: dict[int, list[tuple[int, int]]],
) -> list[dict[str, Any]]:
    """Entities with at least one mention that is not protected (as viewers see them)."""
    shown = {
        (m.document_id, (m.data or {}).get("entity"))
        for m in mentions
        if m.kind == "entity" and not _mention(m, spans.get(m.document_id, []))["protected"]
    }
    return [
        {
            "document_id": e.document_id,
            "key": e.key,
            "name": e.name,
            "type": e.type,
            "lat": (e.geo or {}).get("lat"),
            "lon": (e.geo or {}).get("lon"),
        }
        for e in entities
        if (e.document_id, e.key) in shown
    ]


def _table(db: sqlite3.Connection, name: str, records: list[dict[str, Any]]) -> None:
    """Create ``name`` with the union of the records' keys as columns and fill it."""
    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    if not columns:
        columns = dict.fromkeys(_EMPTY_COLUMNS[name])
    quoted = ", ".join(f'"{c}"' for c in columns)
    key = " PRIMARY KEY" if "id" in columns else ""
    definition = ", ".join(f'"{c}"{key if c == "id" else ""}' for c in columns)
    db.execute(f'CREATE TABLE "{name}" ({definition})')
    marks = ", ".join("?" for _ in columns)
    db.executemany(
        f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})',
        ([record.get(c) for c in columns] for record in records),
    )


#: Columns of a table that has no rows yet (an empty record still opens in Datasette).
_EMPTY_COLUMNS = {
    "documents": DOCUMENT_COLUMNS,
    "events": ("id", "document", "type", "place", "certainty", "review_status"),
    "mentions": ("document_id", "key", "kind", "start", "end", "text", "data", "protected"),
    "entities": ("document_id", "key", "name", "type", "lat", "lon"),
}


def datasette_metadata(database: str, rows: dict[str, int]) -> dict[str, Any]:
    """Datasette's ``metadata.json``: titles, descriptions, facets and full-text search."""
    return {
        "title": "Storyline record",
        "description": (
            "Events extracted from news reports, each tied to the report and the words it "
            "rests on. Protected witnesses are blacked out (█)."
        ),
        "databases": {
            database: {
                "tables": {
                    "events": {
                        "description": f"{rows.get('events', 0)} events, one row each.",
                        "facets": ["type", "place", "certainty", "outlet", "review_status"],
                        "label_column": "trigger_text",
                        "columns": {
                            "document": "the report it comes from (documents.id)",
                            "certainty": "asserted, reported, possible, negated or unknown",
                            "review_status": "machine (not reviewed), verified, corrected",
                            "roles": "who and what took part, as JSON",
                            "evidence": "[start, end] spans of the report's text, as JSON",
                        },
                    },
                    "documents": {
                        "description": f"{rows.get('documents', 0)} reports.",
                        "facets": ["outlet", "language"],
                        "fts_table": "documents_fts",
                        "fts_pk": "id",
                        "label_column": "title",
                    },
                    "mentions": {
                        "description": "Figures, dates, sources, hedges and names in the text.",
                        "facets": ["kind"],
                    },
                    "entities": {
                        "description": "Named people, places and organisations per report.",
                        "facets": ["type"],
                        "label_column": "name",
                    },
                    "documents_fts": {"hidden": True},
                }
            }
        },
    }
