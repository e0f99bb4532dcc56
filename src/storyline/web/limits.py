"""Request bodies: counted while they stream in, and large ones only from signed-in users.

Why: the size cap in :class:`storyline.web.security.SecurityMiddleware` reads the
``Content-Length`` header, and a chunked upload has none — anyone could stream hundreds of
megabytes into a temporary file before the app even asked who they were. Here:

- a body that is large (over :data:`ANONYMOUS_BODY` bytes) or of unknown length (chunked)
  is refused with 401 *before a byte of it is read* unless the request carries a valid
  session or API token (single-user mode counts as signed in);
- every body is counted as it arrives and cut off with 413 once it passes the cap.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.web import security

#: The largest body accepted from someone not signed in (a login form is a few hundred bytes).
ANONYMOUS_BODY = 64 * 1024


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a streamed body passes the cap."""


class BodyLimitMiddleware:
    """Enforce the body cap while streaming, and refuse big anonymous bodies unread."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length", "")
        big = not length.isdigit() or int(length) > ANONYMOUS_BODY
        if big and not await _signed_in(scope):
            await _answer(scope, send, 401, "Sign in before sending a request this large.")
            return
        seen = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    # Answer now: frameworks turn errors while reading a body into a 400.
                    if not started and not refused:
                        refused = True
                        await _answer(
                            scope, send, 413, "The upload is larger than this server accepts."
                        )
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent; the app's own answer is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started and not refused:
                await _answer(scope, send, 413, "The upload is larger than this server accepts.")


async def _signed_in(scope: Scope) -> bool:
    """Whether the request comes from an account (checked without reading the body)."""
    request = Request(scope)

    def check() -> Any:
        try:
            return security.current_account(request)
        except HTTPException:
            return None

    return await anyio.to_thread.run_sync(check) is not None


async def _answer(scope: Scope, send: Send, status: int, text: str) -> None:
    """A refusal in the API's shape (``{"detail": …}``) under /api, else plain text."""
    if str(scope.get("path", "")).startswith("/api"):
        body, kind = json.dumps({"detail": text}).encode(), b"application/json"
    else:
        body, kind = text.encode(), b"text/plain; charset=utf-8"
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", kind)]}
    )
    await send({"type": "http.response.body", "body": body})
