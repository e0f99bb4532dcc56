"""The JSON API, part two: events, their timeline and map, review decisions, exports.

Same filters as the events page (:func:`storyline.web.filters.event_filters`); the review
endpoint goes through :mod:`storyline.store.review`, so a decision made by a script is an
audit row with the token owner's name, exactly like one made in the browser.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from storyline.store import event_queries, review
from storyline.store.accounts import Account
from storyline.store.event_queries import EventFilters
from storyline.web import exports, security
from storyline.web.filters import event_filters
from storyline.web.routes.api import Limit, Offset, page_json

router = APIRouter(prefix="/api", tags=["events"])


@router.get("/events", summary="Filter and sort events")
def events(
    request: Request,
    account: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events matching the filters (``status=machine`` is the review queue)."""
    page = event_queries.list_events(security.get_store(request), filters, limit, offset)
    redact = not account.can("editor")
    return page_json(page, [row.as_json(redact) for row in page.items])


@router.get("/events/timeline", summary="Events per month of the selection")
def timeline(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> dict[str, Any]:
    """``[{"month": "2024-05", "events": 12}, …]`` for events of the selection dated within
    one month; ``coarse`` counts those dated only to a longer period (``2023``, ``since
    2022``), which no month may claim."""
    store = security.get_store(request)
    counts = event_queries.timeline(store, filters)
    return {
        "items": [{"month": m, "events": n} for m, n in counts],
        "coarse": [
            {"period": p, "events": n} for p, n in event_queries.coarse_periods(store, filters)
        ],
    }


@router.get("/events/places", summary="Events per place of the selection")
def places(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> dict[str, Any]:
    """Places (rounded to 0.1°) with their event counts, the busiest first."""
    points = event_queries.map_points(security.get_store(request), filters)
    return {
        "items": [{"lat": p.lat, "lon": p.lon, "events": p.count, "place": p.place} for p in points]
    }


@router.get("/events/{event_id}", summary="One event and its review history")
def event(
    request: Request, event_id: int, account: Annotated[Account, Depends(security.viewer)]
) -> dict[str, Any]:
    """An event with the machine's original output and every decision about it."""
    store = security.get_store(request)
    listing = event_queries.get_event(store, event_id)
    if listing is None:
        raise HTTPException(404, f"no event with id {event_id}")
    redact = not account.can("editor")
    payload = listing.as_json(redact)
    payload["machine"] = None if redact and listing.protected else listing.event.data.get("machine")
    payload["history"] = [
        {**h, "at": h["at"].isoformat()} for h in review.history(store, "event", event_id)
    ]
    return payload


class Decision(BaseModel):
    """A review decision; ``changes`` only for ``correct`` (fields as in the review page)."""

    decision: Literal["verify", "reject", "correct"]
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="type, certainty, time_start, time_end, place, country, lat, lon, "
        "roles ({role: [text, …]}).",
    )
    note: str | None = None


@router.post("/events/{event_id}/review", summary="Verify, reject or correct an event (editor)")
def decide(
    request: Request,
    event_id: int,
    decision: Decision,
    account: Annotated[Account, Depends(security.editor)],
) -> dict[str, Any]:
    """Record a decision (with the caller's name and the time) and return the event."""
    store = security.get_store(request)
    if decision.decision == "verify":
        review.verify_event(store, event_id, account.name, decision.note)
    elif decision.decision == "reject":
        review.reject_event(store, event_id, account.name, decision.note)
    else:
        review.correct_event(store, event_id, account.name, decision.changes, decision.note)
    listing = event_queries.get_event(store, event_id)
    assert listing is not None
    return listing.as_json()


@router.get("/exports/events.{format}", summary="Download the selection: csv, json, geojson")
def export(
    request: Request,
    format: str,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> Response:
    """Every event matching the filters (all pages), in the table's order."""
    if format not in exports.FORMATS:
        raise HTTPException(404, f"no {format!r} export: choose csv, json or geojson")
    return exports.download(security.get_store(request), filters, format)
