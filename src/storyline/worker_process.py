"""The body of one extraction worker process: load spaCy once, then extract what the parent
sends, each step under a memory cap.

Why a separate process at all: a hostile or merely unlucky input can make spaCy and the
extractors run for minutes or take gigabytes, and nothing inside Python can stop a C loop
in time. The parent (:mod:`storyline.workers`) keeps the clock and kills this process when
an input is over time; memory is capped here, in the process itself, with
``RLIMIT_DATA`` (heap and private mappings, Linux ≥ 4.7): an allocation over the cap fails
with :class:`MemoryError` instead of the machine swapping or the OOM killer choosing a
victim, and the input at fault gets its own outcome.

Protocol on the pipe (tuples, pickled by :mod:`multiprocessing`): the child first sends
``("ready", None)`` or ``("error", reason)``; then for each task
``(documents, codebook_changed, codebook, max_mb, timeout)`` it sends one ``("result", r)`` per
document in order, ``r`` an :class:`~storyline.model.Extraction` or the reason it failed.
``None`` ends the process.
"""

from __future__ import annotations

import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from storyline.errors import describe_failure

if TYPE_CHECKING:
    from storyline.events import Codebook
    from storyline.model import Document, Extraction

MB = 1024 * 1024


def serve(connection: Connection) -> None:
    """Run in the worker process until the parent sends ``None`` or goes away."""
    try:
        warm_up()
    except Exception as exc:  # a missing model: the parent shows this line and stops
        connection.send(("error", describe_failure(exc)))
        return
    connection.send(("ready", None))
    codebook: Codebook | None = None
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        documents, changed, new_codebook, max_mb, timeout = task
        if changed:
            codebook = new_codebook
        for result in extract_capped(documents, codebook, max_mb, timeout):
            connection.send(("result", result))


_warm = False


def warm_up() -> None:
    """Load spaCy and everything the extractors load on first use (matchers, the default
    codebook, place tables) now, so that no input's memory cap is spent on them.

    Done once per process: the fork server (:mod:`storyline.worker_preload`) does it before
    forking the workers, which then find everything loaded."""
    global _warm
    if _warm:
        return
    from storyline.extract import extract_documents
    from storyline.model import Document

    text = "On Monday police detained 12 protesters in Kazan, Russia, officials said."
    list(extract_documents([Document(text=text, sha256="0" * 64, language="en")]))
    _warm = True


def over_time(timeout: float) -> str:
    """The outcome of an input whose extraction ran past ``timeout`` seconds."""
    return f"not extracted: took longer than {timeout:g} s (STORYLINE_EXTRACT_TIMEOUT)"


def over_memory(max_mb: int) -> str:
    """The outcome of an input whose extraction needed more than ``max_mb``."""
    return f"not extracted: used more than {max_mb:,} MB (STORYLINE_EXTRACT_MAX_MB)"


def extract_capped(
    documents: list[Document], codebook: Codebook | None, max_mb: int, timeout: float = 0
) -> Iterator[Extraction | str]:
    """One extraction per document, in order, or the reason it failed.

    The documents go through spaCy together; each step (one result) may allocate at most
    ``max_mb`` more and take at most ``timeout`` seconds (0: no cap). When the batch
    fails — over a cap or any other error — the documents not yet extracted are retried one
    at a time, each with the full caps, so only the document at fault fails. The caps are
    lifted between steps, so sending a result never fails for them.
    """
    done = 0
    stream = _extract_many(documents, codebook)
    try:
        while True:
            with memory_cap(max_mb), time_cap(timeout):
                extraction = next(stream, None)
            if extraction is None:
                return
            done += 1
            yield extraction
    except Exception as exc:  # MemoryError and OverTime included
        if len(documents) - done == 1:  # only one left: it is the one at fault
            yield _failure(exc, max_mb, timeout)
            return
        # Otherwise the retry below finds the one at fault (the batch's generator ended
        # with the exception, freeing what it held).
    for document in documents[done:]:
        try:
            with memory_cap(max_mb), time_cap(timeout):
                single = next(_extract_many([document], codebook))
        except Exception as exc:
            yield _failure(exc, max_mb, timeout)
        else:
            yield single


def _failure(exc: Exception, max_mb: int, timeout: float) -> str:
    """The outcome of the document whose extraction raised ``exc``."""
    if isinstance(exc, MemoryError):
        return over_memory(max_mb)
    if isinstance(exc, OverTime):
        return over_time(timeout)
    return "extraction failed: " + describe_failure(exc)


class OverTime(Exception):
    """Raised in the worker by its own alarm when a step runs past the time limit."""


def _alarm(_signum: int, _frame: object) -> None:
    raise OverTime()


@contextmanager
def time_cap(timeout: float) -> Iterator[None]:
    """Interrupt the code inside after ``timeout`` seconds of wall time (0: never).

    Why here as well as in the parent: most of extraction's time is spent in Python
    between short numpy and Cython calls, where the alarm's exception lands within moments
    and the worker carries on with its model loaded. The parent's deadline (a little
    later) kills the process only when the alarm could not land — a long loop in C — and a
    new worker must load spaCy again.
    """
    if not timeout:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def memory_cap(max_mb: int) -> Iterator[None]:
    """Let the code inside allocate at most ``max_mb`` more than this process holds now.

    ``RLIMIT_DATA`` counts the heap and private writable mappings (Python's arenas, numpy
    arrays), not shared libraries or the model files' read-only pages, so the cap is what
    one input may add, whatever the model weighs. Where the kernel does not say how much
    the process holds (not Linux), there is no cap.
    """
    held = _data_bytes()
    if not max_mb or held is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = held + max_mb * MB
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def _data_bytes() -> int | None:
    """This process's data segment (``VmData``), or None where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


#: Chunks spaCy reads at once here (the in-process default is 32). Results come back after
#: each spaCy batch, and the parent's clock runs from one result to the next, so a batch of
#: 32 made a group of long reports look like one slow input (and be killed and redone one
#: by one); 4 keeps each wait about one input's. Measured on the gold texts in groups of 16
#: (2-core machine under load, CPU time, best of 3): 2.05 s at 32, 2.03 s at 8, 2.05 s at 4.
STREAM_BATCH = 4


def _extract_many(documents: list[Document], codebook: Codebook | None) -> Iterator[Extraction]:
    """The extract stage over a batch (imported lazily: it loads spaCy)."""
    from storyline.extract import extract_documents

    return extract_documents(documents, batch_size=STREAM_BATCH, codebook=codebook)
