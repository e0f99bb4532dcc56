"""After a request that changed the store, count the contradictions of the claims it changed.

Why here and not in each form's handler: a review decision, a correction, a claim edit, a
document's metadata or protection — many writes change what a claim's contradictions are
computed from, and the store's triggers mark those claims' counts unknown whoever writes
(:mod:`storyline.store.claim_standing`). Counting them once the response has gone out, in
one place, keeps every write path covered without slowing the answer: the next page that
lists contradicted claims reads counts instead of checking those claims itself.
"""

from __future__ import annotations

from functools import partial

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.store.claim_standing import LIVE, refresh
from storyline.store.db import Store

#: Methods that never change the store.
READS = frozenset({"GET", "HEAD", "OPTIONS"})


class ClaimCountsMiddleware:
    """Count up to :data:`~storyline.store.claim_standing.LIVE` unknown claims after each
    successful write request (a few milliseconds when nothing waits); never waits for a
    lock: while another transaction holds changes open, pages check what is unknown."""

    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READS:
            await self.app(scope, receive, send)
            return
        status = [500]

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        await self.app(scope, receive, watch)
        if status[0] < 400:
            await run_in_threadpool(partial(refresh, self.store, None, LIVE, wait=False))
