"""Extraction in worker processes: ``--workers N`` on ``add``, ``import``, ``poll`` and
``reprocess``.

Why only extraction: it is where the time goes (spaCy and the extractors, pure CPU), while
capture and storage are I/O and must stay in one writer so the store sees inputs in order.
Each worker loads its own spaCy pipeline once, as it starts (a process cannot share one),
and receives one part of each group of documents, so spaCy still batches inside a worker
and no worker waits while another finishes a group. The parent keeps up to
``2 × workers`` groups in flight and stores each group's results as soon as it and every
group before it are done: the stored results are the same as with one worker, in the same
order. Workers are started with ``spawn``, so nothing the parent holds (database
connections, threads, a loaded model) is copied into them.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, TypeVar

from storyline.errors import StorylineError
from storyline.model import Document, Extraction

if TYPE_CHECKING:
    from storyline.events import Codebook

G = TypeVar("G")

#: The codebook each worker extracts with, set once by :func:`_start_worker`.
_codebook: Codebook | None = None


def _start_worker(codebook: Codebook | None) -> None:
    """Runs once in each new worker: keep the codebook and load spaCy and the extractors now,
    while the parent is still capturing and parsing the first inputs."""
    global _codebook
    _codebook = codebook
    from storyline import extract, nlp

    nlp.load("en")
    extract.versions()


def _ready() -> None:
    """A no-op task: submitting one per worker starts every worker at once."""


def _extract_group(documents: list[Document]) -> list[Extraction | str]:
    """Runs in a worker: one group through the normal extraction (spaCy loaded once); a
    document whose extraction fails comes back as the reason, not as the group's end."""
    from storyline.extraction_runs import extract_each

    return list(extract_each(documents, _codebook))


class GroupPool(Protocol):
    """Extraction somewhere else than this process: worker processes (:class:`ExtractionPool`)
    or a Dask cluster (:class:`storyline.cluster.ClusterPool`)."""

    def extract_groups(
        self, groups: Iterator[tuple[G, list[Document]]]
    ) -> Iterator[tuple[G, list[Extraction | str]]]:
        """Yield each group with its documents' extractions (or why one failed), in the
        order the groups were given."""
        ...


class ExtractionPool:
    """A pool of extraction processes that returns groups in the order they were given."""

    def __init__(self, workers: int, codebook: Codebook | None) -> None:
        self.workers = workers
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(codebook,),
        )
        for _ in range(workers):
            self._executor.submit(_ready)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # On an error or Ctrl-C, pending groups are dropped rather than extracted for nothing.
        self._executor.shutdown(wait=True, cancel_futures=kind is not None)

    def extract_groups(
        self, groups: Iterator[tuple[G, list[Document]]]
    ) -> Iterator[tuple[G, list[Extraction | str]]]:
        """Yield each group with its documents' extractions, in input order, extracting
        ahead in the workers (the group itself is passed through untouched).

        Each group's documents are split in one part per worker, so a group keeps every
        worker busy; at most ``2 × workers`` groups are in flight.
        """
        window: deque[tuple[G, list[Future[list[Extraction | str]]]]] = deque()
        try:
            for group, documents in groups:
                size = max(1, -(-len(documents) // self.workers))
                parts = [documents[i : i + size] for i in range(0, len(documents), size)]
                window.append((group, [self._executor.submit(_extract_group, p) for p in parts]))
                if len(window) >= 2 * self.workers:
                    yield _done(window.popleft())
            while window:
                yield _done(window.popleft())
        except BrokenProcessPool:
            raise StorylineError(
                "an extraction worker process died (out of memory?); everything stored "
                "before it is kept: run the same command again to go on"
            ) from None


def _done(
    entry: tuple[G, list[Future[list[Extraction | str]]]],
) -> tuple[G, list[Extraction | str]]:
    group, futures = entry
    return group, [extraction for future in futures for extraction in future.result()]
