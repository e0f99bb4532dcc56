"""The documents list (search, filters, paging) and the document page.

The document page shows the text with every mention marked by kind; choosing an event in
the side panel reloads the page with that event's evidence, trigger and role fillers
marked (htmx swaps only the text and panel, and the URL keeps the choice, so it can be
shared and works without JavaScript too).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from storyline import langpacks
from storyline.errors import StorylineError
from storyline.store import facets, queries, redaction, repository, stories
from storyline.store.accounts import Account
from storyline.store.db import Store
from storyline.store.queries import DocumentFilters
from storyline.store.schema import DocumentRow
from storyline.store.stories import StoryView
from storyline.web import security
from storyline.web.filters import as_params, document_filters
from storyline.web.highlight import event_spans, mention_spans
from storyline.web.highlight import render as highlight
from storyline.web.templating import partial, render

router = APIRouter(include_in_schema=False)


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[DocumentFilters, Depends(document_filters)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Search and filter the documents, a page at a time."""
    store = security.get_store(request)
    page = queries.list_documents(store, filters, request.app.state.options.page_size, offset)
    template = "_documents_table.html" if partial(request) else "documents.html"
    return render(
        request,
        template,
        {
            "page": page,
            "filters": filters,
            "params": as_params(filters),
            "facets": queries.document_facets(store) if template == "documents.html" else {},
            "oob": template != "documents.html",
        },
    )


@router.get("/documents/facets", response_class=HTMLResponse)
def document_facets(
    request: Request,
    _: Annotated[Account, Depends(security.viewer)],
    filters: Annotated[DocumentFilters, Depends(document_filters)],
) -> Response:
    """How the selection splits by outlet and language: a fragment loaded after the table.

    Grouping every match of a common word (100,000 reports of an archive) takes far longer
    than finding one page of them, so the counts come second and never hold up the rows.
    """
    return render(
        request,
        "_facets.html",
        {
            "facet_counts": facets.document_facets(security.get_store(request), filters),
            "params": as_params(filters),
            "base": "/documents",
        },
    )


def redactions(document: DocumentRow, account: Account) -> list[tuple[int, int]]:
    """Spans of protected mentions, blacked out for readers below the editor role."""
    if account.can("editor"):
        return []
    return [(m.start, m.end) for m in document.mentions if m.sensitivity == "protected"]


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(
    request: Request,
    document_id: int,
    account: Annotated[Account, Depends(security.viewer)],
    event: str | None = None,
    added: bool = False,
) -> Response:
    """One document: its text with mentions marked, its events, sources and capture."""
    store = security.get_store(request)
    row = queries.load_document(store, document_id)
    events = list(row.events)
    chosen = next((e for e in events if e.key == event), None)
    hidden = redactions(row, account)
    hidden_keys = {m.key for m in row.mentions if (m.start, m.end) in set(hidden)}
    spans = mention_spans(row.mentions)
    if chosen is not None:
        spans += event_spans(chosen)
    text = highlight(
        redaction.reveal(store, row) if account.can("editor") else row.text,
        spans,
        headline_end=row.body_start - 2 if row.body_start >= 2 else 0,
        redact=hidden,
    )
    sources = {m.key: m for m in row.mentions if m.kind == "source"}
    story = _story(store, document_id) if row.story_id is not None else None
    return render(
        request,
        "document.html",
        {
            "doc": row,
            "text": text,
            "events": events,
            "chosen": chosen,
            "sources": sources,
            "hedges": [m for m in row.mentions if m.kind == "hedge"],
            "entities": row.entities,
            "counts": _kind_counts(row),
            "story": story,
            "added": added,
            "not_extracted": langpacks.not_extracted(row.language),
            "hidden": hidden_keys,
            "can_protect": account.can("editor"),
            "masked": lambda start, end: any(
                isinstance(start, int) and isinstance(end, int) and start < e and s < end
                for s, e in hidden
            ),
        },
    )


def _story(store: Store, document_id: int) -> StoryView | None:
    """The document's story (original and reprints), or ``None`` when not linked yet."""
    try:
        return stories.story_of(store, document_id)
    except StorylineError:
        return None


def _kind_counts(row: DocumentRow) -> dict[str, int]:
    counts: dict[str, int] = {}
    for mention in row.mentions:
        counts[mention.kind] = counts.get(mention.kind, 0) + 1
    return counts


@router.get("/documents/{document_id}/capture")
def capture(
    request: Request, document_id: int, account: Annotated[Account, Depends(security.viewer)]
) -> Response:
    """The captured bytes exactly as read, as a download (never rendered: they are untrusted).

    The bytes of a report naming a protected witness cannot be blacked out reliably (markup,
    entities, encodings), so they are sealed and only editors may download them.
    """
    store = security.get_store(request)
    row = queries.load_document(store, document_id)
    if not account.can("editor") and redaction.has_sealed(store, document_id):
        raise HTTPException(403, "this capture names a protected witness: editors only")
    try:
        data = repository.capture_bytes(store, row.capture)
    except FileNotFoundError:
        raise HTTPException(404, "the captured bytes are missing (run storyline verify)") from None
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="capture-{row.capture.sha256[:16]}.bin"',
            "Content-Security-Policy": "sandbox",
        },
    )
