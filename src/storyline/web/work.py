"""Slow work (adding a report) on its own few threads, apart from the page threads.

Why: pages run on a small pool of threads (:attr:`storyline.web.config.WebOptions.threads`).
Adding a report can take many seconds — a slow server, a long text through spaCy — and
four adds at once used to take every page thread, so nobody could even load the
dashboard. Adds now wait for one of :data:`ADD_THREADS` threads of their own; pages keep
theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
from fastapi import Request

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
