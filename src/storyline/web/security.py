"""Who is asking, what they may do, and the headers that keep untrusted report text inert.

- **Accounts**: an API token (``Authorization: Bearer sl_…``), else a session cookie, else
  — only while the store has no accounts and the server listens on loopback — the local
  admin of single-user mode.
- **Roles**: ``viewer`` reads, ``editor`` also reviews and adds, ``admin`` also manages
  users. Pages redirect an anonymous browser to the login form; the API answers 401.
- **CSRF**: every browser gets a random ``storyline_csrf`` cookie (HttpOnly, SameSite=Strict);
  the form token is a hash of it and of the session cookie, so a page from elsewhere can
  neither read nor compute it. Every POST must carry it, as the ``csrf_token`` field or the
  ``X-CSRF-Token`` header (htmx sends it from a meta tag); token-authenticated API calls
  need none, since browsers never attach those tokens on their own.
- **Headers**: a Content-Security-Policy that allows scripts and styles from this server
  only (no inline script can run even if escaping ever failed), no framing, no sniffing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, MutableMapping
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.store import accounts
from storyline.store.accounts import LOCAL_ADMIN, Account
from storyline.store.db import Store
from storyline.web.config import WebOptions, is_loopback

SESSION_COOKIE = "storyline_session"
CSRF_COOKIE = "storyline_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class NeedLogin(Exception):
    """Raised by page dependencies when nobody is signed in (handled as a redirect)."""


def cookie_flags(options: WebOptions, same_site: str = "lax") -> dict[str, Any]:
    """Flags for every cookie the app sets."""
    return {"httponly": True, "secure": options.secure_cookies, "samesite": same_site}


class SecurityMiddleware:
    """Security headers, the CSRF seed cookie, the loopback Host check and a body size cap.

    A plain ASGI middleware (no per-request task like ``BaseHTTPMiddleware``), since it runs
    on every request of a page that must answer in well under 200 ms under load.
    """

    def __init__(self, app: ASGIApp, options: WebOptions, max_body: int) -> None:
        self.app = app
        self.options = options
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if self.options.local and not is_loopback(_host_name(headers.get("host", ""))):
            await _plain(send, 400, "This server answers on 127.0.0.1 or localhost only.")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            await _plain(send, 413, "The upload is larger than this server accepts.")
            return
        seed = _cookie(headers.get("cookie", ""), CSRF_COOKIE)
        fresh = seed is None or len(seed) < 20
        if fresh:
            seed = secrets.token_urlsafe(24)
        state: MutableMapping[str, Any] = scope.setdefault("state", {})
        state["csrf_seed"] = seed

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in _HEADERS if name not in present]
                if fresh:
                    flags = "; Secure" if self.options.secure_cookies else ""
                    cookie = f"{CSRF_COOKIE}={seed}; Path=/; HttpOnly; SameSite=Strict{flags}"
                    extra.append((b"set-cookie", cookie.encode()))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})


# -------------------------------------------------------------------------------- accounts


def get_store(request: Request) -> Store:
    """The store this app serves."""
    return request.app.state.store  # type: ignore[no-any-return]


_store = get_store


def _options(request: Request) -> WebOptions:
    return request.app.state.options  # type: ignore[no-any-return]


def current_account(request: Request) -> Account | None:
    """The account behind this request, or ``None`` (cached on the request).

    Raises:
        HTTPException: 401 for an ``Authorization`` header with an unknown token.
    """
    if hasattr(request.state, "account"):
        return request.state.account  # type: ignore[no-any-return]
    account: Account | None = None
    request.state.via_token = False
    authorization = request.headers.get("authorization", "")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        account = accounts.token_account(_store(request), token.strip())
        if scheme.lower() != "bearer" or account is None:
            raise HTTPException(401, "unknown, expired or revoked API token")
        request.state.via_token = True
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            account = accounts.session_account(_store(request), cookie)
        if account is None and single_user(request):
            account = LOCAL_ADMIN
    request.state.account = account
    return account


def single_user(request: Request) -> bool:
    """Single-user mode: served on loopback, and the store has no accounts yet."""
    return _options(request).local and accounts.count_users(_store(request)) == 0


def require(role: str) -> Callable[[Request], Account]:
    """A dependency that returns the account, or refuses (login redirect, 401, 403)."""

    def dependency(request: Request) -> Account:
        account = current_account(request)
        if account is None:
            if request.url.path.startswith("/api"):
                raise HTTPException(401, "sign in or send an API token (Authorization: Bearer)")
            raise NeedLogin()
        if not account.can(role):
            raise HTTPException(403, f"this needs the {role} role; you are {account.role}")
        return account

    return dependency


viewer = require("viewer")
editor = require("editor")
admin = require("admin")


def login_redirect_target(request: Request) -> str:
    """The login URL that comes back to this page afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(target, safe="")


def safe_next(target: str | None) -> str:
    """A local path to go to after login (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# ------------------------------------------------------------------------------------ CSRF


def csrf_token(request: Request) -> str:
    """The token forms and htmx must send back with this browser's next POST."""
    seed = request.state.csrf_seed
    session = request.cookies.get(SESSION_COOKIE, "")
    return hashlib.sha256(f"storyline-csrf:{seed}:{session}".encode()).hexdigest()


async def csrf_protect(request: Request) -> None:
    """App-wide dependency: refuse an unsafe request without the right CSRF token.

    Raises:
        HTTPException: 403 when the token is missing or wrong.
    """
    if request.method not in _UNSAFE:
        return
    if request.headers.get("authorization"):
        return  # token auth: a browser never sends this header by itself
    sent = request.headers.get(CSRF_HEADER)
    if not sent and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, csrf_token(request)):
        raise HTTPException(403, "the form's security token is missing or stale: reload the page")
