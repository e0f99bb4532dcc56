"""The JSON API, part one: statistics, documents, mentions, entities, adding a report.

Each route is the twin of a page and calls the same query function with the same filters
(:mod:`storyline.web.filters`). Lists answer ``{"items", "total", "limit", "offset",
"next"}``; ``next`` is the offset of the following page or ``null``. Scripts authenticate
with ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from storyline.capture import is_url
from storyline.errors import DISK_FULL
from storyline.parse import ParseOptions
from storyline.store import queries, redaction, review
from storyline.store.accounts import Account
from storyline.store.event_queries import event_json
from storyline.store.queries import DocumentFilters, Page
from storyline.views import document_json, input_name, mention_json
from storyline.web import security, work
from storyline.web.filters import document_filters
from storyline.web.highlight import REDACTED
from storyline.web.routes.documents import redactions

router = APIRouter(prefix="/api", tags=["records"])
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]


def page_json(page: Page[Any], items: list[Any]) -> dict[str, Any]:
    """The API's envelope of one page."""
    return {
        "items": items,
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next": page.next_offset,
    }


@router.get("/stats", summary="Counts and the review backlog (the dashboard)")
def stats(request: Request, _: Annotated[Account, Depends(security.viewer)]) -> dict[str, Any]:
    """How many documents, mentions, entities and events, and events per review status."""
    board = queries.dashboard(security.get_store(request))
    return {
        "counts": board["counts"],
        "review": board["review"],
        "newest": [d.as_json() for d in board["newest"]],
    }


@router.get("/documents", summary="Search and filter documents")
def documents(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[DocumentFilters, Depends(document_filters)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Documents matching the filters, newest first unless ``sort`` says otherwise."""
    page = queries.list_documents(security.get_store(request), filters, limit, offset)
    return page_json(page, [d.as_json() for d in page.items])


def _redacted(payload: dict[str, Any], spans: list[tuple[int, int]]) -> dict[str, Any]:
    text = payload["text"]
    for start, end in spans:
        text = text[:start] + REDACTED * (end - start) + text[end:]
    payload["text"] = text
    for mention in payload["mentions"]:
        if any(s <= mention["start"] and mention["end"] <= e for s, e in spans):
            mention["text"] = REDACTED * len(mention["text"])
            for key in ("source", "name"):
                if key in mention:
                    mention[key] = None
    return payload


@router.get("/documents/{document_id}", summary="One document with its mentions and events")
def document(
    request: Request, document_id: int, account: Annotated[Account, Depends(security.viewer)]
) -> dict[str, Any]:
    """The stored record in the extraction contract's shape, plus capture details and events."""
    store = security.get_store(request)
    row = queries.load_document(store, document_id)
    payload = document_json(row)
    payload["capture"]["input"] = input_name(row.capture.input)  # never a server path
    if account.can("editor"):  # sealed names back in the text and its mentions
        payload["text"] = text = redaction.reveal(store, row)
        for mention in payload["mentions"]:
            mention["text"] = text[mention["start"] : mention["end"]]
    payload["story_id"] = row.story_id
    ids = {event.key: event.id for event in row.events}
    for event in payload["events"]:
        event["event_id"] = ids.get(event.get("id"))  # the id /api/events/{id} takes
    return _redacted(payload, redactions(row, account))


@router.get("/documents/{document_id}/mentions", summary="A document's mentions")
def mentions(
    request: Request,
    document_id: int,
    account: Annotated[Account, Depends(security.viewer)],
    kind: Annotated[
        str | None, Query(description="quantity, time, source, hedge or entity.")
    ] = None,
) -> dict[str, Any]:
    """The mentions of one document in text order, optionally of one kind."""
    row = queries.load_document(security.get_store(request), document_id)
    spans = redactions(row, account)
    items = [mention_json(m) for m in row.mentions if kind is None or m.kind == kind]
    hidden = {(s, e) for s, e in spans}
    for item in items:
        if (item["start"], item["end"]) in hidden:
            item["text"] = REDACTED * len(item["text"])
    return {"items": items, "total": len(items)}


@router.get("/entities", summary="Entities across documents")
def entities(
    request: Request,
    account: Annotated[Account, Depends(security.viewer)],
    q: Annotated[str | None, Query(description="Part of the name.")] = None,
    type: Annotated[str | None, Query(description="PER, ORG, LOC, FAC or GROUP.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Entities grouped by name and type, the most widely reported first."""
    page = queries.list_entities(
        security.get_store(request), q, type, limit, offset, redact=not account.can("editor")
    )
    return page_json(page, [e.as_json() for e in page.items])


@router.get("/entities/{type}/{name:path}", summary="One entity's mentions and events")
def entity(
    request: Request,
    type: str,
    name: str,
    account: Annotated[Account, Depends(security.viewer)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every mention and event of the entity, a page of documents at a time."""
    detail = queries.entity_detail(
        security.get_store(request),
        type,
        name,
        limit,
        offset,
        redact=not account.can("editor"),
    )
    if detail is None:
        raise HTTPException(404, f"no {type} entity named {name!r}")
    appearances = [
        {
            "document": a.document.as_json(),
            "entity": a.key,
            "mentions": [mention_json(m) for m in a.mentions],
            "events": [{**event_json(e), "as": roles} for e, roles in a.events],
        }
        for a in detail.appearances.items
    ]
    return {
        "name": detail.name,
        "type": detail.type,
        "geo": detail.geo,
        "documents": detail.documents,
        "independent_stories": detail.independent,
        **page_json(detail.appearances, appearances),
    }


class NewReport(BaseModel):
    """A report to add: pasted ``text`` (with optional title and date) or a ``url``."""

    text: str | None = Field(None, description="The report's text (a paste).")
    url: str | None = Field(None, description="A page to fetch, or where the text came from.")
    title: str | None = Field(None, description="Headline, when the text has none.")
    published: date | None = Field(None, description="Publication date, when unknown.")


@router.post("/documents", summary="Add a report (editor)", status_code=201)
async def add_document(
    request: Request,
    response: Response,
    report: NewReport,
    account: Annotated[Account, Depends(security.editor)],
) -> dict[str, Any]:
    """Capture, parse, extract and store a report, as ``storyline add`` does.

    Answers 201 with the new document's id, or 200 when the same bytes were stored before.
    """
    if not (report.text and report.text.strip()) and not report.url:
        raise HTTPException(400, "give the report's text or a url")
    if report.url is not None and not is_url(report.url):
        raise HTTPException(400, "url: give a web address starting with http:// or https://")
    store = security.get_store(request)
    options = ParseOptions(title=report.title, published=report.published, url=report.url)
    item = "-" if report.text else str(report.url)
    data = (report.text or "").encode("utf-8", errors="replace")
    settings = request.app.state.settings
    public_only = not request.app.state.options.local

    outcome = await work.add_report(request, store, settings, options, item, data, public_only)
    if outcome.status == "failed":
        error = outcome.error or "could not add the report"
        raise HTTPException(507 if error.startswith(DISK_FULL) else 400, error)
    if outcome.status == "duplicate":
        response.status_code = 200
    if outcome.status == "added":
        review.record(
            store, account.name, "document.add", "document", outcome.document, {"via": "api"}
        )
    return outcome.as_json()
