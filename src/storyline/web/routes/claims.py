"""Claim pages: claims made across documents, their standing and their contradictions.

``/claims`` lists the groups (by default those that more than one document makes),
``/claims/event/{id}`` shows the group holding an event, every report of it side by side.
A group's number is its position in the computed list and shifts when the record changes,
so links name a group by its first event instead; ``/claims/{n}`` only forwards there.
The groups come from the app's :class:`~storyline.web.claims_cache.ClaimCache`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.link.claims import ClaimGroup
from storyline.store.accounts import Account
from storyline.store.queries import Page
from storyline.web import security
from storyline.web.claim_views import CREDIBILITY, group_detail
from storyline.web.claims_cache import ClaimCache, ClaimIndex
from storyline.web.templating import partial, render

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


def claim_index(request: Request) -> ClaimIndex:
    """The app's current claim groups (computed once per state of the store)."""
    cache: ClaimCache = request.app.state.claims
    return cache.get()


def page_of(index: ClaimIndex, filters: ClaimFilters, limit: int, offset: int) -> Page[ClaimGroup]:
    """One page of the groups matching ``filters``."""
    groups = index.select(filters.type, filters.contradictions, filters.single)
    return Page(groups[offset : offset + limit], len(groups), limit, offset)


def group_of(index: ClaimIndex, event_id: int) -> ClaimGroup:
    """The group holding ``event_id``, or a 404 that says why there is none."""
    group = index.by_event.get(event_id)
    if group is None:
        raise HTTPException(404, f"event {event_id} is in no claim (no such event, or rejected)")
    return group


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[ClaimFilters, Depends(claim_filters)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Claim groups with their standing, filtered by type and contradiction, paged."""
    index = claim_index(request)
    page = page_of(index, filters, request.app.state.options.page_size, offset)
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


@router.get("/claims/{claim_id:int}")
def by_number(
    request: Request, claim_id: int, _: Annotated[Account, Depends(security.viewer)]
) -> Response:
    """Forward a group's current number to its lasting address (its first event)."""
    groups = claim_index(request).groups
    if not 1 <= claim_id <= len(groups):
        raise HTTPException(404, f"no claim {claim_id} (there are {len(groups)})")
    return RedirectResponse(f"/claims/event/{groups[claim_id - 1].events[0].event}", 303)


@router.get("/claims/event/{event_id}", response_class=HTMLResponse)
def claim(
    request: Request,
    event_id: int,
    account: Annotated[Account, Depends(security.viewer)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The claim group holding an event: each report side by side, figures, contradictions."""
    index = claim_index(request)
    group = group_of(index, event_id)
    detail = group_detail(
        security.get_store(request),
        group,
        redact=not account.can("editor"),
        limit=request.app.state.options.page_size,
        offset=offset,
        summary=index.summary(group),
    )
    return render(
        request,
        "claim.html",
        {"detail": detail, "group": group, "credibility": CREDIBILITY, "page": detail.cards},
    )
