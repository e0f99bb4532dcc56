"""Extraction in worker processes, each input under a hard limit of time and memory.

Used by ``add``, ``import``, ``poll`` and ``reprocess`` (``--workers N`` processes) and by
the web app's adds (one process), whenever a limit is set (the default; see
:class:`Limits`).

Why processes: extraction is where the time goes (spaCy and the extractors, pure CPU), and
it is the only stage whose work a hostile input can blow up. A process can be killed when
it runs over time, which a thread cannot; and its memory can be capped
(:mod:`storyline.worker_process`) without capping the web server or the writer. Capture
and storage stay in the calling process, one writer, so the store sees inputs in order.

How the limits hold:

* **time**: each result must come within ``timeout`` seconds of the previous one (or of
  the task's start). The worker's own alarm (``SIGALRM``) interrupts a step that runs
  over; the documents of that part not yet extracted are then retried one at a time, each
  with the full ``timeout``, so only the document at fault gets *"not extracted: took
  longer than N s"* and every other one is extracted — and the worker keeps its loaded
  model. Where the alarm cannot land (a long loop in C), the parent kills the process a
  little later (:func:`grace`), starts a fresh one and does the same retry there. A
  document is thus never failed for time before it ran alone for ``timeout`` seconds.
* **memory**: each step inside the worker may allocate ``max_mb`` more than the process
  held before it; over that, the allocation fails, and the document at fault gets
  *"not extracted: used more than N MB"*. A process that dies anyway (the OOM killer, a
  crash in C) is replaced, and its document gets *"the extraction process stopped
  (killed by SIGKILL)"* as its outcome.

The processes are forked from a ``forkserver`` that loaded spaCy once
(:mod:`storyline.worker_preload`): the server is a fresh interpreter, so nothing the parent
holds — database connections, threads — is copied, and every worker (and the replacement of
a killed one) starts with the model loaded, so ``--workers 2`` loads spaCy once, as the
serial path does. Workers are kept for the life of the calling process (:func:`shared_pool`),
so the web app and a test run pay for starting them once, not per add.
Within one batch, each group of documents is split in one part per worker; the parent keeps
up to ``2 × workers`` groups in flight and yields them in input order, so the stored results
are the same as with one worker.
"""

from __future__ import annotations

import atexit
import multiprocessing
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from storyline.errors import StorylineError
from storyline.model import Document, Extraction
from storyline.worker_process import over_time, serve

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkServerContext, ForkServerProcess

    from storyline.events import Codebook
    from storyline.settings import Settings

G = TypeVar("G")
Result = Extraction | str

#: The module the fork server imports before forking any worker: it loads spaCy.
PRELOAD = "storyline.worker_preload"

#: How long a new worker may take to load spaCy before the command gives up on it.
START_TIMEOUT = 600.0


@dataclass(frozen=True)
class Limits:
    """The per-input work limit: seconds and megabytes (0: none)."""

    timeout: float = 0.0
    max_mb: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        """``STORYLINE_EXTRACT_TIMEOUT`` and ``STORYLINE_EXTRACT_MAX_MB``."""
        return cls(settings.extract_timeout, settings.extract_max_mb)

    @property
    def any(self) -> bool:
        """Whether extraction must run in a worker process to enforce a limit."""
        return bool(self.timeout or self.max_mb)


def grace(timeout: float) -> float:
    """How long after ``timeout`` the parent waits for the worker's own alarm to land
    before it kills the process: the alarm's exception lands when spaCy returns to Python,
    which on a loaded machine took up to 2–3 s (a batch of 4 chunks through the parser);
    killing sooner throws away the loaded model for nothing."""
    return min(30.0, max(10.0, timeout / 4))


class _Stopped(Exception):
    """The worker was killed (over time) or died: ``reason`` is the outcome of the document
    it was on, ``done`` the results that arrived before."""

    def __init__(self, reason: str, done: list[Result]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.done = done


class Worker:
    """One extraction process and its pipe; replaced by a fresh one when it is killed."""

    def __init__(self, context: ForkServerContext) -> None:
        self._context = context
        #: Set when the pool closes: a killed process is then not replaced.
        self.closed = False
        #: The longest wait for one extracted document, what the time limit bounds (from
        #: the task's start or the previous result; loading a fresh worker not counted),
        #: and that document's sha256: what ``benchmarks/fuzz_soak.py`` reports per input.
        self.longest: tuple[float, str] = (0.0, "")
        self._start()

    def _start(self) -> None:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=serve, args=(child,), daemon=True, name="storyline-extract"
        )
        process.start()
        child.close()
        self._connection: Connection = parent
        self.process: ForkServerProcess = process
        self._ready = False
        self._codebook: object = _UNSENT

    def _wait_ready(self) -> None:
        if self._ready:
            return
        if not self._connection.poll(START_TIMEOUT):
            self.stop()
            raise StorylineError(f"an extraction worker did not start in {START_TIMEOUT:g} s")
        try:
            kind, payload = self._connection.recv()
        except (EOFError, OSError):
            raise StorylineError(
                f"an extraction worker could not start ({_exit(self.process)})"
            ) from None
        if kind != "ready":
            raise StorylineError(str(payload))
        self._ready = True

    def extract(
        self, documents: list[Document], codebook: Codebook | None, limits: Limits
    ) -> list[Result]:
        """Each document's extraction or the reason it failed, in order (see the module)."""
        try:
            return self._task(documents, codebook, limits)
        except _Stopped as stopped:
            if len(documents) == 1:
                return [stopped.reason]
            results = list(stopped.done)
        for document in documents[len(results) :]:
            try:
                results += self._task([document], codebook, limits)
            except _Stopped as stopped:
                results.append(stopped.reason)
        return results

    def _task(
        self, documents: list[Document], codebook: Codebook | None, limits: Limits
    ) -> list[Result]:
        self._wait_ready()
        changed = codebook is not self._codebook
        self._connection.send(
            (documents, changed, codebook if changed else None, limits.max_mb, limits.timeout)
        )
        self._codebook = codebook
        results: list[Result] = []
        last = time.monotonic()
        while len(results) < len(documents):
            wait = limits.timeout + grace(limits.timeout) if limits.timeout else None
            if not self._connection.poll(wait):
                self.restart()
                raise _Stopped(over_time(limits.timeout), results)
            try:
                _kind, result = self._connection.recv()
            except (EOFError, OSError):
                died = _exit(self.process)
                self.restart()
                reason = f"not extracted: the extraction process stopped ({died})"
                raise _Stopped(reason, results) from None
            now = time.monotonic()
            if not isinstance(result, str) and now - last > self.longest[0]:
                self.longest = (now - last, documents[len(results)].sha256)
            last = now
            results.append(result)
        return results

    def restart(self) -> None:
        """Kill this worker's process and fork a fresh one (with spaCy already loaded)."""
        self.stop()
        if self.closed:  # the pool is shutting down (Ctrl-C): no new process
            raise StorylineError("extraction stopped")
        self._start()

    def stop(self) -> None:
        """Kill the process now (a worker over its limit is not asked to stop)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(10)
        self._connection.close()


_UNSENT = object()


def _exit(process: ForkServerProcess) -> str:
    """How a worker process ended, in words."""
    process.join(5)
    code = process.exitcode
    if code is None:
        return "it stopped answering"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


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
    """Worker processes lent to one part at a time, shared by every batch in this process."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload([PRELOAD])
        #: Workers free to lend; ``None`` says starting them failed (see :meth:`start`).
        self._idle: queue.SimpleQueue[Worker | None] = queue.SimpleQueue()
        self._workers: list[Worker] = []
        self._lock = threading.Lock()
        self._failure = ""
        self._starter: threading.Thread | None = None
        self._starting_to = 0

    def grow(self, workers: int) -> None:
        """Start processes until there are ``workers`` (they load spaCy in the background)."""
        with self._lock:
            while len(self._workers) < workers:
                worker = Worker(self._context)
                self._workers.append(worker)
                self._idle.put(worker)

    def start(self, workers: int) -> None:
        """:meth:`grow` in a thread, so the caller goes on at once.

        Why: the first fork waits for the fork server to load spaCy (2-3 s). Meanwhile the
        calling process can capture and parse the first groups (and the writer load its
        tables): parts handed to :meth:`extract` simply wait for a worker. If starting
        fails, every part waiting for a worker gets the reason as an error.
        """
        with self._lock:
            starting = self._starter is not None and self._starter.is_alive()
            if len(self._workers) >= workers or (starting and self._starting_to >= workers):
                return  # enough, or being started (a second start would only wait for it)
            self._starting_to = workers
            self._starter = threading.Thread(
                target=self._grow_or_fail, args=(workers,), daemon=True, name="storyline-start"
            )
            self._starter.start()

    def _grow_or_fail(self, workers: int) -> None:
        try:
            self.grow(workers)
        except Exception as exc:
            self._failure = str(exc) or type(exc).__name__
            self._idle.put(None)

    def longest_wait(self) -> tuple[float, str]:
        """The longest any worker waited for one extracted document, and its sha256."""
        return max((w.longest for w in self._workers), default=(0.0, ""))

    @property
    def size(self) -> int:
        """How many worker processes there are."""
        return len(self._workers)

    def extract(
        self, documents: list[Document], codebook: Codebook | None, limits: Limits
    ) -> list[Result]:
        """Extract one part in the next free worker (waiting for one if all are busy)."""
        worker = self._idle.get()
        if worker is None:  # starting the workers failed: tell every waiting part
            self._idle.put(None)
            raise StorylineError(f"the extraction workers could not start: {self._failure}")
        try:
            return worker.extract(documents, codebook, limits)
        finally:
            with self._lock:
                if not worker.closed:
                    self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker process (a part being extracted ends with an error at once);
        the pool starts fresh ones if it is used again."""
        with self._lock:
            for worker in self._workers:
                worker.closed = True
                worker.stop()
            self._workers.clear()
            self._idle = queue.SimpleQueue()
            self._failure = ""

    def extract_groups(
        self,
        groups: Iterator[tuple[G, list[Document]]],
        codebook: Codebook | None,
        limits: Limits,
        workers: int,
    ) -> Iterator[tuple[G, list[Result]]]:
        """Yield each group with its documents' extractions, in input order, extracting
        ahead in ``workers`` processes (the group itself is passed through untouched).

        Each group's documents are split in one part per worker, so a group keeps every
        worker busy; at most ``2 × workers`` groups are in flight.
        """
        self.start(workers)
        window: deque[tuple[G, list[Future[list[Result]]]]] = deque()
        with ThreadPoolExecutor(workers, thread_name_prefix="storyline-extract") as lenders:
            try:
                for group, documents in groups:
                    size = max(1, -(-len(documents) // workers))
                    parts = [documents[i : i + size] for i in range(0, len(documents), size)]
                    futures = [lenders.submit(self.extract, p, codebook, limits) for p in parts]
                    window.append((group, futures))
                    if len(window) >= 2 * workers:
                        yield _done(window.popleft())
                while window:
                    yield _done(window.popleft())
            except BaseException as exc:
                # On an error or Ctrl-C, parts not started are dropped rather than extracted
                # for nothing; on Ctrl-C the running ones are killed too, so the command
                # ends now rather than after the time limit.
                lenders.shutdown(wait=False, cancel_futures=True)
                if isinstance(exc, KeyboardInterrupt):
                    self.close()
                raise


def _done(
    entry: tuple[G, list[Future[list[Result]]]],
) -> tuple[G, list[Result]]:
    group, futures = entry
    return group, [extraction for future in futures for extraction in future.result()]


_shared: ExtractionPool | None = None
_shared_lock = threading.Lock()


def shared_pool() -> ExtractionPool:
    """This process's pool, made on first use and stopped when the process exits."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ExtractionPool()
            atexit.register(_shared.close)
        return _shared
