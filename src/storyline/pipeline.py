"""Wire the stages together: capture → parse → extract → store, one input at a time.

The library does the work; the CLI and (later) the web app call :func:`ingest`. Each input
is handled on its own: a failure is recorded as that input's outcome and the batch goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO, Literal

from storyline import parse as parse_stage
from storyline.capture import fetch, is_url, read_file, read_stream
from storyline.errors import InputError, StorylineError
from storyline.model import Capture, Document, Extraction
from storyline.parse import ParseOptions
from storyline.settings import Settings
from storyline.store import repository
from storyline.store.db import Store

Status = Literal["added", "duplicate", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one input (the CLI prints these; ``--format json`` dumps them)."""

    input: str
    status: Status
    document: int | None = None
    error: str | None = None

    def as_json(self) -> dict[str, object]:
        """The ``storyline add --format json`` object for this input."""
        return {
            "input": self.input,
            "status": self.status,
            "document": self.document,
            "error": self.error,
        }


def capture(item: str, settings: Settings, stdin: BinaryIO | None = None) -> Capture:
    """Capture one input: ``-`` (standard input), an http(s) URL, or a file path."""
    if item == "-":
        return read_stream(stdin or sys.stdin.buffer, "-", settings.max_bytes)
    if is_url(item):
        return fetch(
            item,
            max_bytes=settings.max_bytes,
            timeout=settings.fetch_timeout,
            max_redirects=settings.max_redirects,
            user_agent=settings.user_agent,
        )
    return read_file(item, settings.max_bytes)


def ingest_one(
    store: Store,
    item: str,
    settings: Settings,
    options: ParseOptions,
    *,
    extract: bool = True,
    stdin: BinaryIO | None = None,
) -> Outcome:
    """Capture, parse, extract and store one input; errors become a ``failed`` outcome."""
    try:
        captured = capture(item, settings, stdin)
        existing = repository.find_by_sha256(store, captured.sha256)
        if existing is not None:
            return Outcome(item, "duplicate", existing)
        document = parse_stage.parse(captured, options)
        extraction = extract_document(document) if extract else None
        result = repository.add_document(
            store, captured, document, extraction, parser_version=parse_stage.VERSION
        )
        return Outcome(item, result.status, result.document_id)
    except InputError as exc:
        return Outcome(item, "failed", error=exc.reason)
    except StorylineError as exc:
        return Outcome(item, "failed", error=str(exc))


def ingest(
    store: Store,
    items: Iterable[str],
    settings: Settings,
    options: ParseOptions,
    *,
    extract: bool = True,
    stdin: BinaryIO | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Ingest many inputs; each is its own transaction, and one failure stops nothing."""
    outcomes = []
    for item in items:
        outcome = ingest_one(store, item, settings, options, extract=extract, stdin=stdin)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return outcomes


def extract_document(document: Document) -> Extraction:
    """Run the extract stage (imported lazily: it loads spaCy, which ``list`` never needs)."""
    from storyline.extract import extract_document as run

    return run(document)


def set_published(store: Store, document_id: int, published: date) -> int:
    """Set a document's publication date and resolve its relative time mentions against it.

    Returns how many time mentions changed. The mention text is re-normalised against the
    new anchor (:func:`storyline.extract.times.resolve`); nothing is re-downloaded.
    """
    from storyline.extract.contract import mention_fields, mention_from_json
    from storyline.extract.times import resolve
    from storyline.model import TimeMention

    repository.set_published(store, document_id, published)
    updates: dict[int, dict[str, object]] = {}
    for row_id, data in repository.time_mentions(store, document_id).items():
        mention = mention_from_json(data)
        if not isinstance(mention, TimeMention) or not (mention.relative or not mention.resolved):
            continue
        resolved = resolve(mention, published)
        if resolved != mention:
            updates[row_id] = mention_fields(resolved)
    repository.update_mention_fields(store, updates)
    return len(updates)
