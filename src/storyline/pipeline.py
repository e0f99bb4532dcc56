"""Wire the stages together: capture → parse → extract → store, one input at a time.

The library does the work; the CLI and (later) the web app call :func:`ingest`. Each input
is handled on its own: a failure is recorded as that input's outcome and the batch goes on.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, BinaryIO, Literal, TypeVar

from storyline import parse as parse_stage
from storyline.capture import fetch, looks_like_url, read_file, read_stream
from storyline.capture.addresses import AddressPolicy
from storyline.errors import InputError, describe_failure
from storyline.extraction_runs import extract_each
from storyline.model import Capture, Document, Extraction
from storyline.parse import ParseOptions
from storyline.settings import Settings, load_settings
from storyline.store import repository
from storyline.store.claim_cache import ClaimEventCache
from storyline.store.claim_standing import refresh as refresh_contradictions
from storyline.store.db import Store
from storyline.store.planner_stats import after_bulk_write
from storyline.store.warm import warm_in_background
from storyline.workers import Limits, shared_pool

if TYPE_CHECKING:
    from storyline.events import Codebook
    from storyline.workers import GroupPool

Status = Literal["added", "duplicate", "failed"]
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    """What happened to one input (the CLI prints these; ``--format json`` dumps them)."""

    input: str
    status: Status
    document: int | None = None
    error: str | None = None
    #: Something the user should know about a stored input (a work limit it reached).
    note: str | None = None

    def as_json(self) -> dict[str, object]:
        """The ``storyline add --format json`` object for this input."""
        return {
            "input": self.input,
            "status": self.status,
            "document": self.document,
            "error": self.error,
            "note": self.note,
        }


def capture(
    item: str,
    settings: Settings,
    stdin: BinaryIO | None = None,
    *,
    local_files: bool = True,
    public_only: bool = False,
) -> Capture:
    """Capture one input: ``-`` (standard input), an http(s) URL, or a file path.

    Args:
        local_files: whether a path may be read; the web app passes ``False`` so that no
            request can make the server read its own files.
        public_only: refuse URLs that resolve to private, loopback or other non-public
            addresses (a team server must not be a way into its network).
    """
    if item == "-":
        return read_stream(stdin or sys.stdin.buffer, "-", settings.max_bytes)
    if looks_like_url(item):
        return fetch(
            item,
            max_bytes=settings.max_bytes,
            timeout=settings.fetch_timeout,
            max_redirects=settings.max_redirects,
            user_agent=settings.user_agent,
            policy=AddressPolicy(public_only=public_only),
        )
    if not local_files:
        raise InputError(item, "not an http(s) URL (this server reads no local files)")
    return read_file(item, settings.max_bytes)


#: Inputs captured and parsed before their extraction runs as one spaCy batch.
INGEST_BATCH = 16


@dataclass
class Prepared:
    """An input that got through capture and parse, waiting for extraction and storage."""

    item: str
    capture: Capture
    document: Document
    #: What made the document (``documents.parser_version``): the parse stage by default,
    #: an importer (``telegram/1``, ``warc/1``) for records it builds itself.
    parser_version: str = parse_stage.VERSION


def ingest(
    store: Store,
    items: Iterable[str],
    settings: Settings,
    options: ParseOptions,
    *,
    extract: bool = True,
    codebook: Codebook | None = None,
    stdin: BinaryIO | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    workers: int = 1,
    local_files: bool = True,
    public_only: bool = False,
    pool: GroupPool | None = None,
) -> list[Outcome]:
    """Capture, parse, extract and store many inputs, in order.

    A failure of any stage — even an unexpected exception — becomes that input's
    ``failed`` outcome: every input gets exactly one outcome. ``local_files`` and
    ``public_only`` are passed to :func:`capture`; ``workers`` and ``pool`` to
    :func:`store_prepared`.

    Each input is its own transaction, and a failure becomes that input's ``failed``
    outcome without stopping the others. Inputs are handled in groups of
    :data:`INGEST_BATCH` so extraction can batch them through spaCy.
    """
    prepared = (
        _capture_and_parse(
            store, i, settings, options, stdin, local_files=local_files, public_only=public_only
        )
        for i in items
    )
    return store_prepared(
        store,
        prepared,
        extract=extract,
        codebook=codebook,
        on_outcome=on_outcome,
        workers=workers,
        pool=pool,
        limits=Limits.from_settings(settings),
    )


def store_prepared(
    store: Store,
    prepared: Iterable[Outcome | Prepared],
    *,
    extract: bool = True,
    codebook: Codebook | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    workers: int = 1,
    pool: GroupPool | None = None,
    limits: Limits | None = None,
) -> list[Outcome]:
    """Extract and store inputs already captured and parsed (files, posts of an export,
    records of a web archive), in order; outcomes already decided pass through.

    Extraction runs in ``workers`` worker processes (:mod:`storyline.workers`) while this
    process keeps capturing and storing, each input under ``limits`` (default: the
    settings'); the store is still written here, one input after the other in input order,
    so the stored results are the same as with one worker. A ``pool`` the caller opened (a
    Dask cluster, :mod:`storyline.cluster`) extracts instead, with the same guarantee. Only
    with no limit at all and one worker does extraction run in this process.
    """
    if pool is not None and extract:
        return _store_all(store, prepared, pool.extract_groups, on_outcome, warm_in_background())
    limits = limits if limits is not None else Limits.from_settings(load_settings())
    if extract and (workers > 1 or limits.any):
        processes = shared_pool()
        processes.start(workers)  # the fork server loads spaCy while this process goes on
        warming = warm_in_background()

        def limited(
            groups: Iterator[tuple[_Slots, list[Document]]],
        ) -> Iterator[tuple[_Slots, list[Extraction | str]]]:
            return processes.extract_groups(groups, codebook, limits, workers)

        return _store_all(store, prepared, limited, on_outcome, warming)
    extractor = _serial_extractor(codebook) if extract else None
    return _store_all(store, prepared, extractor, on_outcome)


def find_prepared(
    store: Store, item: str, captured: Capture, document: Document, parser_version: str
) -> Outcome | Prepared:
    """A prepared input, or its ``duplicate`` outcome when these bytes are stored already."""
    existing = repository.find_by_sha256(store, captured.sha256)
    if existing is not None:
        return Outcome(item, "duplicate", existing)
    return Prepared(item, captured, document, parser_version)


_Slots = list[Outcome | Prepared]
#: Extracts the documents of each group and yields the groups with their extractions (or
#: why one failed), in the same order (one process, or :class:`storyline.workers.ExtractionPool`).
GroupExtractor = Callable[
    [Iterator[tuple[_Slots, list[Document]]]], Iterator[tuple[_Slots, list[Extraction | str]]]
]


def _store_all(
    store: Store,
    prepared: Iterable[Outcome | Prepared],
    extractor: GroupExtractor | None,
    on_outcome: Callable[[Outcome], None] | None,
    warming: threading.Thread | None = None,
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    claim_cache = ClaimEventCache()  # one per run: claims' members are read once
    groups = (
        (slots, [slot.document for slot in slots if isinstance(slot, Prepared)])
        for slots in _groups(prepared, INGEST_BATCH)
    )
    pairs = extractor(groups) if extractor is not None else ((slots, []) for slots, _ in groups)
    for slots, extracted in pairs:
        if warming is not None:  # loaded while the first group was extracted
            warming.join()
            warming = None
        extractions = iter(extracted)
        for slot in slots:
            if isinstance(slot, Prepared):
                extraction = next(extractions, None)
                if isinstance(extraction, str):
                    slot = Outcome(slot.item, "failed", error=extraction)
                else:
                    slot = _store(store, slot, extraction, claim_cache)
            outcomes.append(slot)
            if on_outcome:
                on_outcome(slot)
    # The claims this run changed: their contradictions counted once, not per document.
    refresh_contradictions(store, wait=False)  # what stays unknown, readers check
    after_bulk_write(store, sum(outcome.status == "added" for outcome in outcomes))
    return outcomes


def _serial_extractor(codebook: Codebook | None) -> GroupExtractor:
    def run(
        groups: Iterator[tuple[_Slots, list[Document]]],
    ) -> Iterator[tuple[_Slots, list[Extraction | str]]]:
        for slots, documents in groups:
            yield slots, list(extract_each(documents, codebook)) if documents else []

    return run


def _capture_and_parse(
    store: Store,
    item: str,
    settings: Settings,
    options: ParseOptions,
    stdin: BinaryIO | None,
    *,
    local_files: bool = True,
    public_only: bool = False,
) -> Outcome | Prepared:
    try:
        captured = capture(item, settings, stdin, local_files=local_files, public_only=public_only)
        existing = repository.find_by_sha256(store, captured.sha256)
        if existing is not None:
            return Outcome(item, "duplicate", existing)
        return Prepared(item, captured, parse_stage.parse(captured, options))
    except InputError as exc:
        return Outcome(item, "failed", error=exc.reason)
    except Exception as exc:  # one bad input must never end the batch
        return Outcome(item, "failed", error=describe_failure(exc))


def _store(
    store: Store,
    parsed: Prepared,
    extraction: Extraction | None,
    claim_cache: ClaimEventCache | None = None,
) -> Outcome:
    try:
        result = repository.add_document(
            store,
            parsed.capture,
            parsed.document,
            extraction,
            parser_version=parsed.parser_version,
            claim_cache=claim_cache,
        )
    except Exception as exc:  # one bad input must never end the batch
        return Outcome(parsed.item, "failed", error=describe_failure(exc))
    return Outcome(parsed.item, result.status, result.document_id, note=_note(extraction))


def _note(extraction: Extraction | None) -> str | None:
    """Say when a work limit left part of the text unread for mentions and events."""
    from storyline.extract import extraction_limited, read_end

    if extraction is None or not extraction_limited(extraction.document):
        return None
    read = read_end(extraction.document.text)
    return f"mentions and events read from the first {read:,} characters only"


def _groups(items: Iterable[T], size: int) -> Iterator[list[T]]:
    group: list[T] = []
    for item in items:
        group.append(item)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def set_published(store: Store, document_id: int, published: date) -> int:
    """Set a document's publication date and resolve its relative time mentions against it.

    Returns how many time mentions changed. The mention text is re-normalised against the
    new anchor (:func:`storyline.extract.times.resolve`); nothing is re-downloaded.
    """
    from storyline.extract.contract import mention_fields, mention_from_json
    from storyline.extract.times import resolve
    from storyline.model import TimeMention

    repository.set_published(store, document_id, published)
    language = repository.get_document(store, document_id).language or "en"
    updates: dict[int, dict[str, object]] = {}
    for row_id, data in repository.time_mentions(store, document_id).items():
        mention = mention_from_json(data)
        if not isinstance(mention, TimeMention) or not (mention.relative or not mention.resolved):
            continue
        resolved = resolve(mention, published, language)
        if resolved != mention:
            updates[row_id] = mention_fields(resolved)
    repository.update_mention_fields(store, updates)
    repository.refresh_event_times(store, document_id)
    return len(updates)
