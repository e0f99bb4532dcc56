"""The store on SQLite and PostgreSQL: migrations, atomic adds, duplicates, search, verify."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from storyline.capture.hashing import sha256_hex
from storyline.errors import NotFoundInStoreError, StoreError
from storyline.model import Capture, Document, Extraction, QuantityMention, TimeMention
from storyline.store import repository
from storyline.store.db import Store
from storyline.store.schema import CaptureRow, DocumentRow, MentionRow


def make(text: str, title: str = "Headline") -> tuple[Capture, Document]:
    data = f"{title}\n\n{text}".encode()
    sha = sha256_hex(data)
    capture = Capture(data=data, sha256=sha, input="paste", captured_at=datetime.now(UTC))
    document = Document(
        text=f"{title}\n\n{text}",
        sha256=sha,
        body_start=len(title) + 2,
        title=title,
        language="en",
        tags=("One", "Two"),
    )
    return capture, document


def rows(store: Store, table: type) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_add_stores_document_capture_blob_and_mentions(store: Store) -> None:
    capture, document = make("About 40 people came in late May.")
    extraction = Extraction(
        document=document,
        mentions=(
            QuantityMention(start=16, end=24, text="About 40", id="q1", value=40, unit="person"),
            TimeMention(start=37, end=45, text="late May", id="t1", relative=True),
        ),
        versions={"quantity": "quantities/1", "time": "times/1"},
    )
    result = repository.add_document(store, capture, document, extraction, parser_version="p/1")
    assert result.status == "added"
    row = repository.get_document(store, result.document_id)
    assert row.text == document.text
    assert row.tags == ["One", "Two"]
    assert row.sensitivity == "normal"
    assert row.extractor_version == "quantities/1,times/1"
    assert [(m.key, m.kind, m.data.get("value")) for m in row.mentions] == [
        ("q1", "quantity", 40),
        ("t1", "time", None),
    ]
    assert store.blobs.get(capture.sha256) == capture.data


def test_same_bytes_twice_is_a_noop(store: Store) -> None:
    capture, document = make("Once.")
    first = repository.add_document(store, capture, document, parser_version="p/1")
    second = repository.add_document(store, capture, document, parser_version="p/1")
    assert (second.status, second.document_id) == ("duplicate", first.document_id)
    assert rows(store, DocumentRow) == 1
    assert rows(store, CaptureRow) == 1


def test_a_failed_write_leaves_nothing_behind(store: Store) -> None:
    capture, document = make("Broken mentions.")
    clash = Extraction(  # two mentions with one key violate a unique constraint at flush
        document=document,
        mentions=(
            QuantityMention(start=0, end=1, text="H", id="q1"),
            QuantityMention(start=1, end=2, text="e", id="q1"),
        ),
    )
    with pytest.raises(StoreError, match="could not store the report"):
        repository.add_document(store, capture, document, clash, parser_version="p/1")
    assert rows(store, DocumentRow) == 0
    assert rows(store, CaptureRow) == 0
    assert rows(store, MentionRow) == 0
    assert not store.blobs.path(capture.sha256).exists()


def test_full_text_search_over_titles_and_text(store: Store) -> None:
    for title, body in [
        ("Flood in Brenmoor", "The river rose overnight."),
        ("Strike at the port", "Dock workers walked out."),
        ("Budget vote", "The council approved the budget for the bridge."),
    ]:
        capture, document = make(body, title)
        repository.add_document(store, capture, document, parser_version="p/1")
    titles = lambda words: [r.title for r in repository.list_documents(store, search=words)]  # noqa: E731
    assert titles("flood") == ["Flood in Brenmoor"]
    assert titles("dock workers") == ["Strike at the port"]
    assert titles("bridge budget") == ["Budget vote"]
    assert titles("volcano") == []
    assert titles("***") == []


def test_verify_finds_tampered_and_missing_blobs(store: Store) -> None:
    ids = []
    for body in ("One.", "Two.", "Three."):
        capture, document = make(body)
        ids.append(repository.add_document(store, capture, document, parser_version="p/1"))
    shas = [repository.get_document(store, r.document_id).capture.sha256 for r in ids]
    store.blobs.path(shas[1]).write_bytes(b"tampered")
    store.blobs.path(shas[2]).unlink()
    statuses = [result.status for result in repository.verify(store)]
    assert statuses == ["ok", "mismatch", "missing"]


def test_set_published_and_unknown_ids(store: Store) -> None:
    capture, document = make("Text.")
    result = repository.add_document(store, capture, document, parser_version="p/1")
    repository.set_published(store, result.document_id, date(2024, 6, 20))
    row = repository.get_document(store, result.document_id)
    assert (row.published, row.published_source) == (date(2024, 6, 20), "user")
    with pytest.raises(NotFoundInStoreError, match="no document with id 999"):
        repository.get_document(store, 999)
