"""Query-string filters shared by each page and its API twin.

Each filter set is one FastAPI dependency, so the page, the API route and the downloads
read the same parameters the same way, and the OpenAPI description lists them. Values are
taken as text and checked here, so a bad date is a one-line message next to the form
(or a 400 from the API) rather than a generic validation error.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import HTTPException, Query, Request

from storyline.store.event_queries import (
    CERTAINTIES,
    SORTS,
    STATUS_FILTERS,
    EventFilters,
    event_facets,
    known_types,
)
from storyline.store.queries import DOCUMENT_SORTS, DocumentFilters
from storyline.web.security import get_store
from storyline.web.validation import whole_number


def _date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date like 2024-06-20") from None


def _int(name: str, value: str | None) -> int | None:
    if not value:
        return None
    return whole_number(name, value)  # ASCII digits within 64 bits: not "²" nor 10**30


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise HTTPException(400, f"{name}: choose one of {', '.join(allowed)}")
    return value


def _country(value: str | None, request: Request) -> str | None:
    """An ISO 3166-1 alpha-2 code (any case) or one the store holds (GeoNames' XK), else a
    400: an unknown code is a typo, and a filter that quietly matched nothing would read
    as "no events there"."""
    import pycountry

    code = _text(value)
    if code is None:
        return None
    stored = event_facets(get_store(request))["countries"]
    known = code.upper() in stored or pycountry.countries.get(alpha_2=code.upper()) is not None
    if len(code) != 2 or not known:
        raise HTTPException(400, f"country: {value!r} is not a two-letter country code like RU")
    return code.upper()


def _text(value: str | None) -> str | None:
    return value.strip() or None if value else None


def document_filters(
    q: Annotated[str | None, Query(description="Full-text search (all words).")] = None,
    outlet: Annotated[str | None, Query(description="Exact outlet name.")] = None,
    language: Annotated[str | None, Query(description="Language code, e.g. en.")] = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    story: Annotated[str | None, Query(description="Story id (a report and its reprints).")] = None,
    sort: Annotated[str | None, Query(description="added, published or oldest.")] = None,
) -> DocumentFilters:
    """The documents filters of a request."""
    return DocumentFilters(
        q=_text(q),
        outlet=_text(outlet),
        language=_text(language),
        since=_date("since", since),
        until=_date("until", until),
        story=_int("story", story),
        sort=_choice("sort", sort, tuple(DOCUMENT_SORTS)) or "added",
    )


def event_filters(
    request: Request,
    type: Annotated[str | None, Query(description="Event type, e.g. recruitment_visit.")] = None,
    certainty: Annotated[str | None, Query(description=", ".join(CERTAINTIES))] = None,
    status: Annotated[
        str | None,
        Query(
            description="Review status: "
            + ", ".join(STATUS_FILTERS)
            + " (default: every status but rejected)."
        ),
    ] = None,
    country: Annotated[str | None, Query(description="Two-letter country code.")] = None,
    place: Annotated[
        str | None,
        Query(description="A place as resolved, with the places inside it, or its name's text."),
    ] = None,
    source: Annotated[
        str | None, Query(description="Text in the source's name, or 'none' for unattributed.")
    ] = None,
    since: Annotated[str | None, Query(description="Events overlapping from (YYYY-MM-DD).")] = None,
    until: Annotated[
        str | None, Query(description="Events overlapping until (YYYY-MM-DD).")
    ] = None,
    document: Annotated[str | None, Query(description="Only this document's events.")] = None,
    outlet: Annotated[str | None, Query(description="Exact outlet of the report.")] = None,
    sort: Annotated[str | None, Query(description=", ".join(SORTS))] = None,
    desc: Annotated[bool, Query(description="Descending order.")] = False,
) -> EventFilters:
    """The events filters of a request (an unknown type or status is a 400, not 0 rows)."""
    wanted = _text(type)
    if wanted:
        _choice("type", wanted, tuple(known_types(get_store(request))))
    return EventFilters(
        type=wanted,
        certainty=_choice("certainty", certainty, CERTAINTIES),
        status=_choice("status", status, STATUS_FILTERS),
        country=_country(country, request),
        place=_text(place),
        source=_text(source),
        since=_date("since", since),
        until=_date("until", until),
        document=_int("document", document),
        outlet=_text(outlet),
        sort=_choice("sort", sort, SORTS) or "time",
        desc=desc,
    )


def as_params(filters: DocumentFilters | EventFilters) -> dict[str, Any]:
    """The filters back as query parameters (for links that keep them)."""
    params = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(filters).items()}
    if params.get("sort") in ("added", "time"):
        params.pop("sort")
    return {k: v for k, v in params.items() if v not in (None, "", False)}
