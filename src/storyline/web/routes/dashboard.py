"""The dashboard: how big the record is, what came in last, what waits for review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from storyline.store import queries
from storyline.store.accounts import Account
from storyline.store.event_queries import review_queue
from storyline.web import security
from storyline.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, _: Annotated[Account, Depends(security.viewer)]) -> Response:
    """Counts, the newest documents and the events awaiting review."""
    store = security.get_store(request)
    return render(
        request,
        "dashboard.html",
        {
            "board": queries.dashboard(store),
            "awaiting": review_queue(store, limit=8),
        },
    )
