"""Slow work (adding a report) on its own few threads, apart from the page threads.

Why: pages run on a small pool of threads (:attr:`storyline.web.config.WebOptions.threads`).
Adding a report can take many seconds — a slow server, a long text through spaCy — and
four adds at once used to take every page thread, so nobody could even load the
dashboard. Adds now wait for one of :data:`ADD_THREADS` threads of their own; pages keep
theirs.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import anyio
from fastapi import Request

from storyline.pipeline import Outcome, ingest

if TYPE_CHECKING:
    from storyline.parse import ParseOptions
    from storyline.settings import Settings
    from storyline.store.db import Store

#: Reports added at once per process; more wait their turn (their requests stay open).
ADD_THREADS = 2

T = TypeVar("T")


def _limiter(request: Request) -> anyio.CapacityLimiter:
    """The app's add limiter, made on first use (it must be made inside the event loop)."""
    limiter = getattr(request.app.state, "add_limiter", None)
    if limiter is None:
        limiter = anyio.CapacityLimiter(ADD_THREADS)
        request.app.state.add_limiter = limiter
    return limiter


async def run_add(request: Request, job: Callable[[], T]) -> T:
    """Run ``job`` on an add thread and wait for it without holding a page thread."""
    return await anyio.to_thread.run_sync(job, limiter=_limiter(request))


async def add_report(
    request: Request,
    store: Store,
    settings: Settings,
    options: ParseOptions,
    item: str,
    data: bytes,
    public_only: bool,
) -> Outcome:
    """Capture, parse, extract and store one report on an add thread: ``item`` is a URL, or
    ``-`` for ``data`` (a paste or an upload). The form and the API add the same way."""

    def job() -> Outcome:
        return ingest(
            store,
            [item],
            settings,
            options,
            stdin=io.BytesIO(data),
            local_files=False,
            public_only=public_only,
        )[0]

    return await run_add(request, job)
