"""Claim pages: claims made across documents, their standing and their contradictions.

``/claims`` lists the groups (by default those that more than one document makes),
``/claims/{id}`` shows one claim by its stable id (``/claims/event/{id}`` the claim holding
an event), every report of it side by side. Editors split, merge, attach, detach and
dismiss contradictions there (``POST /claims/{id}/…``, :mod:`storyline.store.claim_edits`).
The groups come from the app's :class:`~storyline.web.claims_cache.ClaimCache`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.errors import StorylineError
from storyline.link.claims import ClaimGroup
from storyline.store.accounts import Account
from storyline.store.claim_members import (
    claim_of_event,
    claim_types,
    stored_groups,
    stored_page,
)
from storyline.store.queries import Page
from storyline.web import security
from storyline.web.claim_views import CREDIBILITY, GroupSummary, group_detail, summarise
from storyline.web.claims_cache import ClaimCache, ClaimIndex
from storyline.web.templating import partial, render
from storyline.web.validation import parse_whole

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class ClaimFilters:
    """What the claims list can be narrowed by (pages and API alike)."""

    type: str | None = None
    contradictions: bool = False
    single: bool = False

    def params(self) -> dict[str, Any]:
        """The filters as query parameters (for the pager and the form)."""
        return {
            "type": self.type,
            "contradictions": 1 if self.contradictions else None,
            "all": 1 if self.single else None,
        }


def claim_filters(
    type: Annotated[str | None, Query(description="Only claims of this event type.")] = None,
    contradictions: Annotated[
        bool, Query(description="Only groups whose figures or facts disagree.")
    ] = False,
    all_: Annotated[
        bool, Query(alias="all", description="Also claims that only one document makes.")
    ] = False,
) -> ClaimFilters:
    """The claims list's query parameters (``type``, ``contradictions``, ``all``)."""
    return ClaimFilters(type or None, contradictions, all_)


def claim_index(request: Request, single: bool = False) -> ClaimIndex:
    """The app's claims made by several documents (every claim when ``single``: the "all"
    filter), read once per state of the store."""
    cache: ClaimCache = request.app.state.all_claims if single else request.app.state.claims
    return cache.get()


@dataclass
class PageView:
    """What the claims table needs besides its page, for a page read on its own."""

    groups: list[ClaimGroup]
    types: list[str]
    seconds: float
    computed_at: datetime

    @property
    def events(self) -> int:
        return sum(len(g.events) for g in self.groups)

    def summary(self, group: ClaimGroup) -> GroupSummary:
        return summarise(group)


def page_of(
    request: Request, filters: ClaimFilters, limit: int, offset: int
) -> tuple[ClaimIndex | PageView, Page[ClaimGroup]]:
    """One page of the groups matching ``filters``, and what the table shows about them.

    The plain list (optionally of one type) reads just its page from the store, so the
    first page of a large archive does not wait for every claim; only the contradiction
    filter and the "all" filter need every claim (the process's cached index).
    """
    if filters.contradictions or filters.single:
        index = claim_index(request, filters.single)
        groups = index.select(filters.type, filters.contradictions, filters.single)
        return index, Page(groups[offset : offset + limit], len(groups), limit, offset)
    store = security.get_store(request)
    began = time.perf_counter()
    found, total = stored_page(store, filters.type, limit, offset)
    view = PageView(found, claim_types(store), time.perf_counter() - began, datetime.now(UTC))
    return view, Page(found, total, limit, offset)


def group_of(request: Request, index: ClaimIndex, event_id: int) -> ClaimGroup:
    """The group holding ``event_id`` (read from the store when a single report makes it),
    or a 404 that says why there is none."""
    group = index.by_event.get(event_id)
    if group is None:
        store = security.get_store(request)
        claim = claim_of_event(store, event_id)
        found = stored_groups(store, claim_ids=[claim]) if claim is not None else []
        if not found:
            raise HTTPException(
                404, f"event {event_id} is in no claim (no such event, or rejected)"
            )
        group = found[0]
    return group


def group_by_id(request: Request, index: ClaimIndex, claim_id: int) -> ClaimGroup:
    """A claim by its stable id, or a 404."""
    group = next((g for g in index.groups if g.id == claim_id), None)
    if group is None:
        found = stored_groups(security.get_store(request), claim_ids=[claim_id])
        if not found:
            raise HTTPException(404, f"no claim {claim_id}")
        group = found[0]
    return group


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[ClaimFilters, Depends(claim_filters)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Claim groups with their standing, filtered by type and contradiction, paged."""
    index, page = page_of(request, filters, request.app.state.options.page_size, offset)
    template = "_claims_table.html" if partial(request) else "claims.html"
    return render(
        request,
        template,
        {
            "page": page,
            "filters": filters,
            "params": filters.params(),
            "index": index,
            "credibility": CREDIBILITY,
        },
    )


@router.get("/claims/summary", response_class=HTMLResponse)
def summary(request: Request, _: Annotated[Account, Depends(security.viewer)]) -> Response:
    """The dashboard's count of contradicted claims (fetched after the dashboard shows)."""
    return render(request, "_claims_summary.html", {"claims": claim_index(request)})


@router.get("/claims/{claim_id:int}", response_class=HTMLResponse)
def by_id(
    request: Request,
    claim_id: int,
    account: Annotated[Account, Depends(security.viewer)],
    offset: Annotated[int, Query(ge=0)] = 0,
    error: str | None = None,
) -> Response:
    """One claim by its stable id."""
    index = claim_index(request)
    group = group_by_id(request, index, claim_id)
    return _claim_page(request, index, group, account, offset, error)


@router.post("/claims/{claim_id:int}/{action}")
async def edit(
    request: Request,
    claim_id: int,
    action: str,
    account: Annotated[Account, Depends(security.editor)],
) -> Response:
    """An editor's decision on a claim (audited, pinned): ``split`` (field ``event``,
    repeatable), ``merge`` (``other``), ``attach`` (``event``), ``detach`` (``event``),
    ``dismiss`` (``key``); ``note`` optional. Back to the claim page, with any problem."""
    from urllib.parse import quote

    from storyline.store import claim_edits

    store = security.get_store(request)
    form = await request.form()
    note = str(form.get("note") or "").strip() or None
    target = claim_id
    try:
        numbers = [parse_whole(str(v)) for v in form.getlist("event")]
        if action == "split":
            target = claim_edits.split(store, claim_id, numbers, account.name, note)
        elif action == "merge":
            other = parse_whole(str(form.get("other") or ""))
            claim_edits.merge(store, claim_id, other, account.name, note)
        elif action == "attach" and len(numbers) == 1:
            claim_edits.attach(store, numbers[0], claim_id, account.name, note)
        elif action == "detach" and len(numbers) == 1:
            target = claim_edits.detach(store, numbers[0], account.name, note)
        elif action == "dismiss":
            claim_edits.dismiss(store, claim_id, str(form.get("key") or ""), account.name, note)
        else:
            raise HTTPException(400, f"unknown claim action {action!r} or missing event")
    except (StorylineError, ValueError) as exc:
        message = str(exc) if isinstance(exc, StorylineError) else "give numbers for ids"
        return RedirectResponse(f"/claims/{claim_id}?error={quote(message)}", 303)
    for cache in (request.app.state.claims, request.app.state.all_claims):
        cache.invalidate()
    return RedirectResponse(f"/claims/{target}", 303)


@router.get("/claims/event/{event_id}", response_class=HTMLResponse)
def claim(
    request: Request,
    event_id: int,
    account: Annotated[Account, Depends(security.viewer)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The claim group holding an event: each report side by side, figures, contradictions."""
    index = claim_index(request)
    return _claim_page(request, index, group_of(request, index, event_id), account, offset, None)


def _claim_page(
    request: Request,
    index: ClaimIndex,
    group: ClaimGroup,
    account: Account,
    offset: int,
    error: str | None,
) -> Response:
    from storyline.store.claims import contradiction_key

    detail = group_detail(
        security.get_store(request),
        group,
        redact=not account.can("editor"),
        limit=request.app.state.options.page_size,
        offset=offset,
        summary=index.summary(group),
    )
    keys = [contradiction_key(c) for c in group.contradictions]
    return render(
        request,
        "claim.html",
        {
            "detail": detail,
            "group": group,
            "credibility": CREDIBILITY,
            "page": detail.cards,
            "editor": account.can("editor"),
            "keys": keys,
            "error": error,
        },
    )
