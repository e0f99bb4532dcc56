"""Claim pages: claims made across documents, their standing and their contradictions.

``/claims`` lists the groups (by default those that more than one document makes),
``/claims/{id}`` shows one claim by its stable id (``/claims/event/{id}`` the claim holding
an event), every report of it side by side. Editors split, merge, attach, detach and
dismiss contradictions there (``POST /claims/{id}/…``, :mod:`storyline.store.claim_edits`).
A page of the list and a single claim are read from the store (their own rows only,
whatever the size of the archive); the contradiction filter and the dashboard's count read
the claims whose kept count of contradictions is above 0
(:mod:`storyline.store.claim_standing`). No request assigns unassigned events (hours of
work on a store built before claims): the list says how many there are and that
``storyline claims`` assigns them.
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
    unassigned_events,
)
from storyline.store.claim_standing import contradicted_count, contradicted_page
from storyline.store.db import Store
from storyline.store.queries import Page, cached_facets
from storyline.web import security
from storyline.web.claim_views import CREDIBILITY, GroupSummary, group_detail, summarise
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


@dataclass
class PageView:
    """What the claims table needs besides its page, for a page read on its own."""

    groups: list[ClaimGroup]
    types: list[str]
    seconds: float
    computed_at: datetime
    #: Events in no claim yet (a store built before claims; ``storyline claims`` assigns).
    unassigned: int = 0
    #: Claims changed since their contradictions were counted, beyond what a request
    #: checks itself (the contradiction filter leaves them out; ``storyline claims`` counts).
    unchecked: int = 0

    @property
    def events(self) -> int:
        return sum(len(g.events) for g in self.groups)

    def summary(self, group: ClaimGroup) -> GroupSummary:
        return summarise(group)


def page_of(
    request: Request, filters: ClaimFilters, limit: int, offset: int
) -> tuple[PageView, Page[ClaimGroup]]:
    """One page of the groups matching ``filters``, and what the table shows about them.

    The list (of one type or all, with or without the claims one document makes) reads
    just its page from the store, so the first page of a large archive does not wait for
    every claim; the contradiction filter finds its claims by their kept counts (a claim of
    one document never contradicts itself, so "all" changes nothing there).
    """
    store = security.get_store(request)
    began = time.perf_counter()
    unchecked = 0
    if filters.contradictions:
        found, total, unchecked = contradicted_page(store, filters.type, limit, offset)
    else:
        found, total = stored_page(
            store,
            filters.type,
            limit,
            offset,
            min_documents=1 if filters.single else 2,
            catch_up_first=False,
        )
    view = PageView(
        found,
        claim_types(store),
        time.perf_counter() - began,
        datetime.now(UTC),
        unassigned(store),
        unchecked,
    )
    return view, Page(found, total, limit, offset)


def unassigned(store: Store) -> int:
    """Events in no claim yet, counted at most once a minute per process: the count reads
    every event (0.5 s at a million), and ingest assigns each document's events as it
    stores them, so it is 0 but on a store built before claims were kept."""
    return cached_facets(store, "claims.unassigned", lambda: unassigned_events(store))


def group_of(request: Request, event_id: int) -> ClaimGroup:
    """The group holding ``event_id``, read from the store, or a 404 that says why there
    is none."""
    store = security.get_store(request)
    claim = claim_of_event(store, event_id, catch_up_first=False)
    found = stored_groups(store, claim_ids=[claim], catch_up_first=False) if claim else []
    if not found:
        raise HTTPException(
            404,
            f"event {event_id} is in no claim (no such event, rejected, or not assigned yet: "
            "`storyline claims` assigns a store's unassigned events)",
        )
    return found[0]


def group_by_id(request: Request, claim_id: int) -> ClaimGroup:
    """A claim by its stable id, read from the store, or a 404."""
    found = stored_groups(security.get_store(request), claim_ids=[claim_id], catch_up_first=False)
    if not found:
        raise HTTPException(404, f"no claim {claim_id}")
    return found[0]


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
    found = contradicted_count(security.get_store(request))
    return render(request, "_claims_summary.html", {"claims": found})


@router.get("/claims/{claim_id:int}", response_class=HTMLResponse)
def by_id(
    request: Request,
    claim_id: int,
    account: Annotated[Account, Depends(security.viewer)],
    offset: Annotated[int, Query(ge=0)] = 0,
    error: str | None = None,
) -> Response:
    """One claim by its stable id."""
    return _claim_page(request, group_by_id(request, claim_id), account, offset, error)


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
    return RedirectResponse(f"/claims/{target}", 303)


@router.get("/claims/event/{event_id}", response_class=HTMLResponse)
def claim(
    request: Request,
    event_id: int,
    account: Annotated[Account, Depends(security.viewer)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The claim group holding an event: each report side by side, figures, contradictions."""
    return _claim_page(request, group_of(request, event_id), account, offset, None)


def _claim_page(
    request: Request,
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
        summary=summarise(group),
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
