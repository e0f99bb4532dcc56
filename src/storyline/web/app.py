"""The app factory: one FastAPI app over one store, with a router per resource.

``create_app(store, settings)`` is all a server or a test needs; nothing is global, so
several apps over several stores can live in one process (the tests do this). Pages are
server-rendered Jinja templates; ``/api`` is their JSON twin, described at
``/api/openapi.json``; static files (htmx, the world outline, CSS, our JS) are served from
the package, so the app works on a laptop with no network.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline import __version__
from storyline.errors import DISK_FULL, NotFoundInStoreError, StorylineError, disk_full
from storyline.settings import Settings, load_settings, resolve_data_dir
from storyline.store.db import Store, open_store
from storyline.store.protection import seal_pending
from storyline.web import limits, security, validation
from storyline.web.claim_counts import ClaimCountsMiddleware
from storyline.web.config import WebOptions
from storyline.web.routes import (
    account,
    add,
    api,
    api_claims,
    api_events,
    claims,
    dashboard,
    documents,
    entities,
    events,
    metadata,
    protect,
    review,
)
from storyline.web.templating import render

STATIC = Path(__file__).parent / "static"
#: Room for the multipart envelope around an upload of the largest accepted report.
_ENVELOPE = 1_000_000


def create_app(store: Store, settings: Settings, options: WebOptions | None = None) -> FastAPI:
    """Build the web app over an opened store.

    Args:
        store: the opened, migrated store the app reads and writes.
        settings: ingestion settings (size cap, download timeout…) for "add a report".
        options: how the app is served (loopback or team server, cookie flags).
    """
    options = options or WebOptions()
    app = FastAPI(
        title="Storyline",
        version=__version__,
        summary="A sourced, structured record of events read from news reports.",
        description=(
            "JSON twin of the Storyline web pages. Authenticate scripts with "
            "`Authorization: Bearer <token>` (`storyline token create USER NAME`). Lists "
            "take `limit` and `offset` and return `items`, `total` and `next`."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        dependencies=[
            Depends(validation.check_parameters),
            Depends(security.csrf_protect),
            Depends(_seal_marks),
        ],
        lifespan=_lifespan(options.threads),
    )
    app.state.store = store
    app.state.settings = settings
    app.state.options = options
    # No request assigns unassigned events (hours on a store built before claims):
    # `storyline claims` does, and the claims list says how many are waiting. After a
    # write, the contradictions of the claims it changed are counted (claim_counts).
    app.add_middleware(ClaimCountsMiddleware, store=store)
    # Added first so it runs inside the security middleware (Host check, headers).
    app.add_middleware(limits.BodyLimitMiddleware, max_body=settings.max_bytes + _ENVELOPE)
    app.add_middleware(
        security.SecurityMiddleware, options=options, max_body=settings.max_bytes + _ENVELOPE
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    routers = (account, dashboard, documents, metadata, add, events, entities, claims, review)
    for module in (*routers, api, api_events, api_claims, protect):
        app.include_router(module.router)
    app.include_router(metadata.api_router)
    _errors(app)
    return app


#: Environment variables that carry ``WebOptions`` to worker processes (``--workers``).
ENV_LOCAL = "STORYLINE_WEB_LOCAL"
ENV_SECURE_COOKIES = "STORYLINE_WEB_SECURE_COOKIES"
ENV_THREADS = "STORYLINE_WEB_THREADS"


def app_from_environment() -> FastAPI:
    """The app of one worker process (``uvicorn --factory``), configured by the environment.

    ``storyline serve --workers N`` sets ``STORYLINE_DB``, ``STORYLINE_DATA_DIR`` and the
    ``STORYLINE_WEB_*`` switches, then each worker builds its own app and store here.
    """
    settings = load_settings()
    store = open_store(settings.db, resolve_data_dir(settings), settings.key_file)
    options = WebOptions(
        local=os.environ.get(ENV_LOCAL, "1") == "1",
        secure_cookies=os.environ.get(ENV_SECURE_COOKIES, "1") == "1",
        threads=int(os.environ.get(ENV_THREADS) or WebOptions.threads),
    )
    return create_app(store, settings, options)


def _seal_marks(request: Request) -> None:
    """Seal mentions marked protected by hand (SQL) before this request can read them."""
    seal_pending(request.app.state.store)


def _lifespan(threads: int) -> Any:
    """Cap the threads that run page handlers (see :attr:`WebOptions.threads`)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    return lifespan


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _errors(app: FastAPI) -> None:
    @app.exception_handler(security.NeedLogin)
    async def need_login(request: Request, _exc: Exception) -> Response:
        target = security.login_redirect_target(request)
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "body"))
        return _error(request, 400, f"{where}: {first.get('msg', 'bad request')}")

    @app.exception_handler(NotFoundInStoreError)
    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(StorylineError)
    async def failed(request: Request, exc: Exception) -> Response:
        message = str(exc)
        return _error(request, 507 if message.startswith(DISK_FULL) else 400, message)

    async def full(request: Request, exc: Exception) -> Response:
        # A full disk (SQLite file, PostgreSQL server, blob folder) is not a bug: 507 with
        # the reason, so the operator knows what to do; any other error stays a 500.
        message = disk_full(exc)
        if message is None:
            raise exc
        return _error(request, 507, message)

    app.add_exception_handler(DBAPIError, full)
    app.add_exception_handler(OSError, full)


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    if not hasattr(request.state, "csrf_seed"):
        return Response(message, status_code=status, media_type="text/plain")
    try:
        return render(request, "error.html", {"status": status, "message": message}, status)
    except StarletteHTTPException:  # e.g. a bad API token header on a page
        return Response(message, status_code=status, media_type="text/plain")
