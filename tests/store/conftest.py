"""Fixtures shared by the store tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import insert

from storyline.store.schema import CaptureRow, DocumentRow

#: Writes bare documents (and their captures) by id straight into the tables:
#: ``add_documents(connection, ids, text_of)``.
AddDocuments = Callable[[Any, Iterable[int], Callable[[int], str]], None]


@pytest.fixture
def add_documents() -> AddDocuments:
    """Bare documents for tests that need many rows fast (no pipeline): a capture and a
    document per id, titled ``Report N`` with the text ``text_of(N)``."""

    def add(connection: Any, ids: Iterable[int], text_of: Callable[[int], str]) -> None:
        now = datetime.now(UTC)
        numbers = list(ids)
        connection.execute(
            insert(CaptureRow),
            [
                {
                    "id": n,
                    "sha256": f"{n:064x}",
                    "size": 10,
                    "input": f"r{n}.txt",
                    "captured_at": now,
                    "content_type": "text/plain",
                }
                for n in numbers
            ],
        )
        connection.execute(
            insert(DocumentRow),
            [
                {
                    "id": n,
                    "capture_id": n,
                    "title": f"Report {n}",
                    "text": text_of(n),
                    "body_start": len(f"Report {n}") + 2,
                    "tags": [],
                    "word_count": len(text_of(n).split()),
                    "added_at": now,
                    "sensitivity": "normal",
                    "parser_version": "test/1",
                }
                for n in numbers
            ],
        )

    return add


def _event_row(document: int, key: str, type: str = "enlistment", **columns: Any) -> dict[str, Any]:
    """A bare ``events`` row for inserting straight into the table (tests that need many
    rows fast): the required columns filled with neutral values, ``columns`` on top."""
    return {
        "document_id": document,
        "key": key,
        "type": type,
        "codebook": "prison-recruitment/1",
        "certainty": "asserted",
        "start": 0,
        "end": 5,
        "text": "event",
        "data": {},
        "review_status": "machine",
        "sensitivity": "normal",
        **columns,
    }


#: Builds one ``events`` row: ``event_row(document, key, type="enlistment", **columns)``.
EventRowOf = Callable[..., dict[str, Any]]


@pytest.fixture
def event_row() -> EventRowOf:
    """:func:`_event_row`, for tests that insert events straight into the table."""
    return _event_row
