"""The events page: a filterable, sortable table, its timeline, its map and its downloads.

The timeline and the map load as separate fragments (htmx, on page load), so the table
answers at once even when the selection holds 100,000 events; all four — table, chart,
map, downloads — take the same filters from the same query string.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from storyline.store import event_queries, facets
from storyline.store.accounts import Account
from storyline.store.event_queries import CERTAINTIES, STATUS_FILTERS, EventFilters
from storyline.web import charts, exports, security
from storyline.web.filters import as_params, event_filters
from storyline.web.templating import partial, render

router = APIRouter(include_in_schema=False)

#: Table columns: (sort key or None, heading).
COLUMNS = [
    ("type", "Type"),
    (None, "Trigger"),
    ("place", "Place"),
    ("time", "Time"),
    ("value", "Figure"),
    ("certainty", "Certainty"),
    ("status", "Review"),
    (None, "Source"),
    ("document", "Document"),
]


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The events table for the filters in the query string."""
    store = security.get_store(request)
    page = event_queries.list_events(store, filters, request.app.state.options.page_size, offset)
    template = "_events_table.html" if partial(request) else "events.html"
    whole = template == "events.html"  # htmx sorts and pages swap the table only
    params = as_params(filters)
    return render(
        request,
        template,
        {
            "page": page,
            "filters": filters,
            "params": params,
            "columns": COLUMNS,
            "facets": event_queries.event_facets(store) if whole else {},
            "certainties": CERTAINTIES,
            "statuses": STATUS_FILTERS,
        },
    )


@router.get("/events/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> Response:
    """The selection's events per month, as an SVG bar chart fragment; events dated only
    to a longer period (a year, "since 2022") are listed under it, not piled on a month."""
    store = security.get_store(request)
    counts = event_queries.timeline(store, filters)
    return render(
        request,
        "_timeline.html",
        {
            "chart": charts.timeline(counts),
            "coarse": event_queries.coarse_periods(store, filters),
            "params": as_params(filters),
        },
    )


@router.get("/events/map", response_class=HTMLResponse)
def event_map(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> Response:
    """Where the selection's events happened, as an SVG map fragment; events known only
    to a country are counted under it, never drawn at the capital."""
    store = security.get_store(request)
    points = event_queries.map_points(store, filters)
    return render(
        request,
        "_map.html",
        {
            "map": charts.map_view(points),
            "countries": event_queries.country_level(store, filters),
            "params": as_params(filters),
        },
    )


@router.get("/events/facets", response_class=HTMLResponse)
def event_facets(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> Response:
    """How the selection splits by type, place, certainty, outlet and review status.

    A fragment loaded after the page, like the timeline and the map: most selections are
    read from kept counts, but one by place, outlet, source or dates groups its events,
    which costs more than the table itself and must not hold it up.
    """
    return render(
        request,
        "_facets.html",
        {
            "facet_counts": facets.event_facets(security.get_store(request), filters),
            "params": as_params(filters),
            "base": "/events",
        },
    )


@router.get("/events/export.{format}")
def export(
    request: Request,
    format: str,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> Response:
    """Download every event of the selection (all pages) as CSV, JSON or GeoJSON."""
    if format not in exports.FORMATS:
        raise HTTPException(404, f"no {format!r} download: choose csv, json or geojson")
    return exports.download(security.get_store(request), filters, format)
