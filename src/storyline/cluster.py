"""Extraction on a Dask distributed cluster: ``--scheduler tcp://HOST:PORT`` on ``add``,
``import``, ``poll``, ``watch`` and ``reprocess``.

Why Dask, and why only extraction: extraction (spaCy and the extractors) is where the time
goes and needs nothing but a document's text, so it can run on any machine; capture and
storage stay in the one process that runs the command, exactly as with ``--workers N``
(:mod:`storyline.workers`), so the store sees every input in input order and the stored
results are those of a serial run. Dask gives the rest without code of ours: a scheduler
that hands tasks to workers on many machines, re-runs the task of a worker that died on
another worker, and ``dask scheduler`` / ``dask worker`` commands to start it all.

Each Dask worker loads spaCy once, when this client registers :class:`ExtractorPlugin`
(or at start with ``dask worker --preload storyline.cluster``), and keeps it for every
task. A worker process runs one extraction at a time (a lock), so workers should be started
with ``--nthreads 1`` and ``--nworkers`` as many as their cores.

``local:N`` starts a :class:`distributed.LocalCluster` of ``N`` worker processes on this
machine, for a try-out and the tests. This module imports Dask: the commands import it only when
``--scheduler`` is given.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Iterator
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, Worker, WorkerPlugin

from storyline.errors import ConfigError, StorylineError
from storyline.model import Document, Extraction

if TYPE_CHECKING:
    from storyline.events import Codebook

G = TypeVar("G")

#: Seconds to wait for the scheduler to answer and for a first worker to join it.
CONNECT_TIMEOUT = 10.0

_ADDRESS = re.compile(r"(?:(?:tcp|tls)://)?[\w.\-]+:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5}")
_LOCAL = re.compile(r"local:(\d+)")

#: One extraction at a time in a worker process, whatever its ``--nthreads``: spaCy's
#: pipeline and the extractors' caches are not meant to be used by two threads at once.
_one_at_a_time = threading.Lock()


def check_address(scheduler: str) -> str:
    """The scheduler address as given, or :class:`ConfigError` (exit 2) when it is not one
    (``tcp://HOST:PORT``, ``tls://HOST:PORT``, ``HOST:PORT`` or ``local:N``)."""
    local = _LOCAL.fullmatch(scheduler)
    if local:
        if int(local.group(1)) < 1:
            raise ConfigError(f"--scheduler {scheduler}: a local cluster needs at least 1 worker")
        return scheduler
    if not _ADDRESS.fullmatch(scheduler):
        raise ConfigError(
            f"--scheduler {scheduler!r} is not a Dask scheduler address "
            "(tcp://HOST:PORT, or local:N for N worker processes here)"
        )
    return scheduler


def dask_setup(worker: Worker) -> None:
    """``dask worker --preload storyline.cluster``: load spaCy as the worker starts."""
    ExtractorPlugin().setup(worker)


class ExtractorPlugin(WorkerPlugin):
    """Loads spaCy and the extractors once per worker process, before its first task (Dask
    calls ``setup`` on every worker, and on workers that join later)."""

    name = "storyline-extractor"
    idempotent = True

    def setup(self, worker: Worker) -> None:
        """Load the English pipeline and the extractors (cached for every later task)."""
        from storyline import extract, nlp

        nlp.load("en")
        extract.versions()


def worker_versions() -> dict[str, str]:
    """Runs on a worker: the extractor versions it would store (checked against the client's)."""
    from storyline import extract

    return dict(extract.versions())


def extract_group(codebook: Codebook | None, documents: list[Document]) -> list[Extraction | str]:
    """Runs on a worker: one part of a group through the normal extraction; a document whose
    extraction fails comes back as the reason, as with ``--workers``."""
    from storyline.extraction_runs import extract_each

    with _one_at_a_time:
        return list(extract_each(documents, codebook))


class ClusterPool:
    """Extraction on a Dask cluster, returning groups in the order they were given
    (:class:`storyline.workers.GroupPool`). The per-input work limit of local worker
    processes (``STORYLINE_EXTRACT_TIMEOUT``) does not apply on the cluster."""

    def __init__(
        self,
        address: str,
        client: Client,
        codebook: Codebook | None,
        cluster: LocalCluster | None = None,
    ) -> None:
        self.address = address
        self._client = client
        self._cluster = cluster
        #: One part of each group per worker thread, so a group keeps every worker busy.
        self.parts = max(1, sum(client.nthreads().values()))
        # Sent with every task (about 20 kB), not scattered once: scattered data lives on
        # the workers that hold it and is lost, with every task needing it, when they die.
        self._codebook = codebook

    def __enter__(self) -> ClusterPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Disconnect (pending tasks are dropped) and stop a local cluster."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def extract_groups(
        self, groups: Iterator[tuple[G, list[Document]]]
    ) -> Iterator[tuple[G, list[Extraction | str]]]:
        """Yield each group with its documents' extractions, in input order, extracting ahead
        on the cluster (at most ``2 × parts`` groups in flight)."""
        window: deque[tuple[G, list[Future]]] = deque()
        try:
            for group, documents in groups:
                size = max(1, -(-len(documents) // self.parts))
                parts = [documents[i : i + size] for i in range(0, len(documents), size)]
                futures = [
                    self._client.submit(extract_group, self._codebook, part, pure=False)
                    for part in parts
                ]
                window.append((group, futures))
                if len(window) >= 2 * self.parts:
                    yield self._done(window.popleft())
            while window:
                yield self._done(window.popleft())
        finally:
            for _group, futures in window:
                for future in futures:
                    future.cancel()

    def _done(self, entry: tuple[G, list[Future]]) -> tuple[G, list[Extraction | str]]:
        group, futures = entry
        try:
            return group, [extraction for future in futures for extraction in future.result()]
        except KilledWorker:
            raise StorylineError(
                f"Dask workers at {self.address} died while extracting the same documents "
                "(out of memory?); everything stored before them is kept: run the same "
                "command again to go on"
            ) from None
        except Exception as exc:  # the scheduler went away, a task was cancelled …
            reason = str(exc).splitlines()[0] if str(exc) else ""
            raise StorylineError(
                f"extraction on the Dask cluster at {self.address} failed "
                f"({type(exc).__name__}{': ' + reason if reason else ''}); everything stored "
                "before it is kept: run the same command again to go on"
            ) from None


def connect(scheduler: str, codebook: Codebook | None) -> ClusterPool:
    """Connect to the scheduler (or start ``local:N``), load the extractors on its workers
    and check they are the client's; any problem is one :class:`StorylineError` line."""
    check_address(scheduler)
    local = _LOCAL.fullmatch(scheduler)
    cluster: LocalCluster | None = None
    try:
        if local:
            cluster = LocalCluster(
                n_workers=int(local.group(1)),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: two runs must not clash
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, timeout=CONNECT_TIMEOUT)
        else:
            with dask.config.set({"distributed.comm.timeouts.connect": CONNECT_TIMEOUT}):
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise StorylineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        _prepare_workers(client, scheduler)
        return ClusterPool(scheduler, client, codebook, cluster)
    except BaseException:
        client.close()
        if cluster is not None:
            cluster.close()
        raise


def _prepare_workers(client: Client, scheduler: str) -> None:
    """Wait for a worker, load the extractors on every worker, compare their versions."""
    from storyline import extract

    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        raise StorylineError(
            f"no Dask worker joined the scheduler at {scheduler} within "
            f"{CONNECT_TIMEOUT:.0f} s (start some: dask worker {scheduler} --nthreads 1)"
        ) from None
    try:
        client.register_plugin(ExtractorPlugin(), name=ExtractorPlugin.name)
        found = client.run(worker_versions)
    except Exception as exc:
        raise StorylineError(
            f"the Dask workers at {scheduler} cannot load Storyline's extractors "
            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
            "install the same Storyline and requirements on every worker"
        ) from None
    ours = dict(extract.versions())
    for address, theirs in found.items():
        if theirs != ours:
            raise StorylineError(
                f"the Dask worker {address} runs other extractor versions than this "
                "Storyline; install the same version on every worker"
            )
