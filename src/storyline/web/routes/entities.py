"""Entity pages: who and what the record mentions, across documents.

Entities are grouped by name and type across documents (per-document entities carry no
cross-document identity yet). An entity's page lists every mention and every event it
fills a role in, a page of documents at a time, with how many *independent* stories
report it: reprints of one story count once.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from storyline.store import queries
from storyline.store.accounts import Account
from storyline.web import security
from storyline.web.templating import partial, render

router = APIRouter(include_in_schema=False)
TYPES = ("PER", "ORG", "LOC", "FAC", "GROUP")


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    account: Annotated[Account, Depends(security.viewer)],
    q: str | None = None,
    type: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Entities by how many documents mention them; search by name, filter by type."""
    store = security.get_store(request)
    page = queries.list_entities(
        store,
        q=q,
        type=type or None,
        limit=request.app.state.options.page_size,
        offset=offset,
        redact=not account.can("editor"),
    )
    params = {k: v for k, v in {"q": q, "type": type}.items() if v}
    template = "_entities_table.html" if partial(request) else "entities.html"
    return render(
        request,
        template,
        {"page": page, "params": params, "q": q or "", "type": type or "", "types": TYPES},
    )


@router.get("/entities/{type}/{name:path}", response_class=HTMLResponse)
def entity(
    request: Request,
    type: str,
    name: str,
    account: Annotated[Account, Depends(security.viewer)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """One entity: its mentions and events in every document, reprints counted once."""
    detail = queries.entity_detail(
        security.get_store(request), type, name, 20, offset, redact=not account.can("editor")
    )
    if detail is None:
        raise HTTPException(404, f"no {type} entity named {name!r}")
    return render(request, "entity.html", {"entity": detail, "page": detail.appearances})
