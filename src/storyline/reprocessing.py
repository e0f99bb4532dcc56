"""``storyline reprocess``: bring stored documents up to the current extractors and codebook.

Incremental and resumable: stale documents are found by their stored versions
(:func:`storyline.store.reprocess.stale_documents`), read in id order a page at a time,
extracted in groups (in worker processes with ``workers`` > 1), and each one is stored in
its own transaction that also makes its versions current. Stopping at any point (Ctrl-C,
``kill -9``) loses at most the documents in flight; the next run starts with what is still
stale. Reviews are never lost (:func:`storyline.store.reprocess.replace_keeping_reviews`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.model import Document, Extraction
from storyline.store import reprocess as stored
from storyline.store.claim_cache import ClaimEventCache
from storyline.store.claim_standing import refresh as refresh_contradictions
from storyline.store.db import Store
from storyline.store.planner_stats import after_bulk_write
from storyline.workers import Limits

if TYPE_CHECKING:
    from storyline.events import Codebook
    from storyline.workers import GroupPool

#: Documents read per query, and per extraction group.
_PAGE = 64
_GROUP = 16


@dataclass
class Summary:
    """What a reprocess run did."""

    documents: int = 0
    events: int = 0
    kept: int = 0
    flagged: int = 0
    other_codebooks: int = 0
    #: Documents not re-extracted (over the work limit, or extraction failed): they stay
    #: as they were, stale, and the next run tries them again.
    failed: int = 0


def current_versions(codebook: Codebook | None) -> tuple[str, str]:
    """The ``extractor_version`` and ``codebook_version`` a fresh extraction stores."""
    from storyline.events import default_codebook
    from storyline.extract import versions

    book = codebook or default_codebook()
    return ",".join(sorted({**versions(), "codebook": book.id}.values())), book.id


def stale(store: Store, codebook: Codebook | None, limit: int | None = None) -> list[int]:
    """Every stale document id (or the first ``limit``), for ``--dry-run``."""
    extractor, book = current_versions(codebook)
    found: list[int] = []
    while limit is None or len(found) < limit:
        page = stored.stale_documents(store, extractor, book, after=found[-1] if found else 0)
        if not page:
            break
        found.extend(page)
    return found[:limit] if limit is not None else found


def reprocess(
    store: Store,
    codebook: Codebook | None = None,
    *,
    workers: int = 1,
    limit: int | None = None,
    on_document: Callable[[stored.Reprocessed], None] | None = None,
    pool: GroupPool | None = None,
    limits: Limits | None = None,
    on_failure: Callable[[int, str], None] | None = None,
) -> Summary:
    """Re-extract stale documents (at most ``limit``), oldest id first, in this process, in
    ``workers`` processes, or by ``pool`` (a Dask cluster) when given; each under
    ``limits`` (none by default; the command passes the settings').

    A document whose extraction fails (over the work limit, or an error) is left as it
    was and reported to ``on_failure`` with the reason; the run goes on with the next one,
    so one hostile stored text cannot stop a reprocess of a whole store.
    """
    extractor, book = current_versions(codebook)
    summary = Summary(other_codebooks=stored.other_codebooks(store, book))

    def groups() -> Iterator[tuple[list[int], list[Document]]]:
        after, taken = 0, 0
        while limit is None or taken < limit:
            page = stored.stale_documents(store, extractor, book, after=after, limit=_PAGE)
            if limit is not None:
                page = page[: limit - taken]
            if not page:
                return
            after, taken = page[-1], taken + len(page)
            for start in range(0, len(page), _GROUP):
                ids = page[start : start + _GROUP]
                yield ids, [stored.stored_document(store, i) for i in ids]

    claim_cache = ClaimEventCache()  # one per run: claims' members are read once
    for ids, extractions in _extracted(groups(), codebook, workers, pool, limits or Limits()):
        for document_id, extraction in zip(ids, extractions, strict=True):
            if isinstance(extraction, str):
                summary.failed += 1
                if on_failure:
                    on_failure(document_id, extraction)
                continue
            result = stored.replace_keeping_reviews(store, document_id, extraction, claim_cache)
            summary.documents += 1
            summary.events += result.events
            summary.kept += result.kept
            summary.flagged += result.flagged
            if on_document:
                on_document(result)
    # The claims the run changed: their contradictions counted once, as ingest does.
    refresh_contradictions(store, wait=False)  # what stays unknown, readers check
    after_bulk_write(store, summary.documents)
    return summary


def _extracted(
    groups: Iterator[tuple[list[int], list[Document]]],
    codebook: Codebook | None,
    workers: int,
    pool: GroupPool | None,
    limits: Limits,
) -> Iterator[tuple[list[int], list[Extraction | str]]]:
    """Each group's extractions, or the reason one failed, in order."""
    if pool is not None:
        yield from pool.extract_groups(groups)
        return
    if workers > 1 or limits.any:
        from storyline.workers import shared_pool

        yield from shared_pool().extract_groups(groups, codebook, limits, workers)
        return
    from storyline.extraction_runs import extract_each

    for ids, documents in groups:
        yield ids, list(extract_each(documents, codebook))
