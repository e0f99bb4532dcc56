"""The JSON API, part three: claim groups across documents (twins of the claim pages).

``/api/claims`` takes the page's filters and answers the usual list envelope; each item is
a group's standing without its events. ``/api/claims/event/{id}`` answers the group
holding that event in ``storyline claims --format json``'s shape, with each event's key
and document title and both values of each contradiction. Group numbers (``claim``) shift
when the record changes; an event id names a group lastingly.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from storyline.store.accounts import Account
from storyline.web import security
from storyline.web.claim_views import group_payload, summary_json
from storyline.web.routes.api import Limit, Offset, page_json
from storyline.web.routes.claims import ClaimFilters, claim_filters, group_of, page_of

router = APIRouter(prefix="/api", tags=["claims"])


@router.get("/claims", summary="Claim groups across documents, with their standing")
def claims(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[ClaimFilters, Depends(claim_filters)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Groups made by more than one document (``all=1``: every group), optionally of one
    ``type`` or only contradicted ones (``contradictions=1``), in the CLI's order. With
    ``contradictions=1`` the answer also says how many changed claims were not checked
    (``unchecked``: ``storyline claims`` counts them; docs/claims.md)."""
    index, page = page_of(request, filters, limit, offset)
    body = page_json(page, [summary_json(group, index.summary(group)) for group in page.items])
    if filters.contradictions:
        body["unchecked"] = index.unchecked
    return body


@router.get("/claims/event/{event_id}", summary="The claim group holding an event")
def claim(
    request: Request, event_id: int, account: Annotated[Account, Depends(security.viewer)]
) -> dict[str, Any]:
    """Every event of the group, its standing, and its contradictions with both values
    (texts overlapping a protected mention are blacked out for viewers)."""
    group = group_of(request, event_id)
    return group_payload(security.get_store(request), group, redact=not account.can("editor"))
