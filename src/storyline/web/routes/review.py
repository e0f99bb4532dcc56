"""The review queue: editors verify, reject or correct machine-made events.

One event at a time, with the sentence it came from marked up, the machine's original
output beside the current values, and the history of decisions. Every decision goes
through :mod:`storyline.store.review` (the row and its audit entry in one transaction)
and moves on to the next undecided event. Keyboard: ``v`` verify, ``r`` reject, ``c``
correct, ``j``/``k`` next/previous, ``?`` help.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.errors import ReviewError, StorylineError
from storyline.store import event_queries, queries, review
from storyline.store.accounts import Account
from storyline.store.event_queries import CERTAINTIES, EventListing
from storyline.web import security
from storyline.web.highlight import event_spans, mention_spans, window
from storyline.web.templating import render

router = APIRouter(include_in_schema=False)
#: Separates several fillers of one role in the correction form.
FILLER_SEPARATOR = " | "


@lru_cache(maxsize=16)
def codebook_types(codebook: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(type, label, role names) of a built-in codebook such as ``prison-recruitment/1``."""
    try:
        from storyline.events.codebook import BUILTIN, load_codebook

        name = codebook.split("/", 1)[0]
        if name not in BUILTIN:
            return ()
        book = load_codebook(name)
    except (ImportError, StorylineError):
        return ()
    return tuple((t.name, t.label, tuple(r.name for r in t.roles)) for t in book.types)


def _context(request: Request, listing: EventListing, error: str | None) -> dict[str, Any]:
    store = security.get_store(request)
    event = listing.event
    document = queries.load_document(store, event.document_id)
    types = codebook_types(event.codebook)
    known = {name for name, _, _ in types}
    extra = sorted(set(event_queries.event_facets(store)["types"]) - known)
    role_names = next((roles for name, _, roles in types if name == event.type), ())
    roles = dict(event.data.get("roles", {}))
    fields = list(dict.fromkeys([*role_names, *roles]))
    machine = event.data.get("machine") or {}
    return {
        "row": listing,
        "event": event,
        "document": document,
        "context": window(
            document.text, [*mention_spans(document.mentions), *event_spans(event)], event
        ),
        "types": types,
        "other_types": extra,
        "roles": [
            (name, FILLER_SEPARATOR.join(f.get("text", "") for f in roles.get(name, [])))
            for name in fields
        ],
        "machine": machine,
        "machine_roles": {
            name: FILLER_SEPARATOR.join(f.get("text", "") for f in fillers)
            for name, fillers in (machine.get("roles") or {}).items()
        },
        "certainties": CERTAINTIES,
        "history": review.history(store, "event", event.id),
        "error": error,
    }


@router.get("/review", response_class=HTMLResponse)
def queue(
    request: Request,
    _: Annotated[Account, Depends(security.editor)],
    event: int | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The queue of undecided events and the one being reviewed."""
    return _page(request, event, offset)


def _page(
    request: Request, event: int | None, offset: int = 0, error: str | None = None
) -> Response:
    store = security.get_store(request)
    page = event_queries.review_queue(store, limit=50, offset=offset)
    chosen = event if event is not None else event_queries.next_in_queue(store)
    listing = event_queries.get_event(store, chosen) if chosen is not None else None
    context: dict[str, Any] = {"queue": page, "current": None, "params": {}}
    if listing is not None:
        context.update(_context(request, listing, error))
        context["current"] = listing.event.id
        context["next_id"] = event_queries.next_in_queue(store, listing.event.id)
        ids = [row.event.id for row in page.items]
        here = ids.index(listing.event.id) if listing.event.id in ids else None
        context["previous_id"] = ids[here - 1] if here else None
    return render(request, "review.html", context, status=400 if error else 200)


def _after(request: Request, event_id: int) -> Response:
    following = event_queries.next_in_queue(security.get_store(request), event_id)
    target = f"/review?event={following}" if following is not None else "/review"
    return RedirectResponse(target, status_code=303)


@router.post("/review/{event_id}/verify")
def verify(
    request: Request, event_id: int, account: Annotated[Account, Depends(security.editor)]
) -> Response:
    """The event is right as the machine made it."""
    review.verify_event(security.get_store(request), event_id, account.name)
    return _after(request, event_id)


@router.post("/review/{event_id}/reject")
async def reject(
    request: Request, event_id: int, account: Annotated[Account, Depends(security.editor)]
) -> Response:
    """The event is wrong (kept, with the machine output, but flagged)."""
    form = await request.form()
    note = str(form.get("note") or "").strip() or None
    review.reject_event(security.get_store(request), event_id, account.name, note)
    return _after(request, event_id)


def corrections(form: dict[str, str], event: Any) -> dict[str, Any]:
    """The fields of the correction form that differ from the event as stored."""
    current = review.snapshot(event)
    changes: dict[str, Any] = {}
    for name in ("type", "certainty", "time_start", "time_end", "place", "country", "lat", "lon"):
        if name not in form:
            continue
        value = form[name].strip()
        old = current[name]
        if value != ("" if old is None else str(old)):
            changes[name] = value
    roles: dict[str, list[str]] = {}
    touched = False
    for key, value in form.items():
        if key.startswith("role:"):
            name = key[5:]
            texts = [t.strip() for t in value.split(FILLER_SEPARATOR.strip()) if t.strip()]
            roles[name] = texts
            touched = touched or texts != current["roles"].get(name, [])
    if touched:
        changes["roles"] = {k: v for k, v in roles.items() if v}
    return changes


@router.post("/review/{event_id}/correct", response_class=HTMLResponse)
async def correct(
    request: Request, event_id: int, account: Annotated[Account, Depends(security.editor)]
) -> Response:
    """Save the changed fields; problems come back on the same page."""
    store = security.get_store(request)
    listing = event_queries.get_event(store, event_id)
    if listing is None:
        return _page(request, event_id, error=f"no event with id {event_id}")
    form = {k: str(v) for k, v in (await request.form()).items() if k != security.CSRF_FIELD}
    note = form.pop("note", "").strip() or None
    try:
        review.correct_event(store, event_id, account.name, corrections(form, listing.event), note)
    except ReviewError as exc:
        return _page(request, event_id, error=str(exc))
    return _after(request, event_id)
