"""Editing a document's metadata in the browser: title, outlet, URL, publication date.

Editors and admins only; every change is an audit row with the editor's name, written by
:func:`storyline.store.metadata.set_metadata` (the CLI's ``storyline set`` writes the same
rows). A new publication date re-resolves the document's relative dates, as on the CLI.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from storyline.errors import NotFoundInStoreError, ReviewError
from storyline.pipeline import set_published
from storyline.store import queries
from storyline.store.accounts import Account
from storyline.store.metadata import clean_metadata, set_metadata
from storyline.web import security
from storyline.web.templating import render

router = APIRouter(include_in_schema=False)
#: The JSON twin, for scripts fixing metadata in bulk.
api_router = APIRouter(prefix="/api", tags=["documents"])

#: The form's fields, in order: (name, label, input type).
FIELDS = (
    ("title", "Title", "text"),
    ("outlet", "Outlet", "text"),
    ("url", "URL", "url"),
    ("published", "Published", "date"),
)


def _form(
    request: Request, document_id: int, values: dict[str, str], error: str | None = None
) -> Response:
    row = queries.load_document(security.get_store(request), document_id)
    response = render(
        request,
        "document_edit.html",
        {"doc": row, "fields": FIELDS, "values": values, "error": error},
    )
    if error:
        response.status_code = 400
    return response


@router.get("/documents/{document_id}/edit", response_class=HTMLResponse)
def edit(
    request: Request, document_id: int, _: Annotated[Account, Depends(security.editor)]
) -> Response:
    """The metadata form, filled with the document's current values."""
    row = queries.load_document(security.get_store(request), document_id)
    values = {
        "title": row.title or "",
        "outlet": row.outlet or "",
        "url": row.url or "",
        "published": row.published.isoformat() if row.published else "",
    }
    return _form(request, document_id, values)


@router.post("/documents/{document_id}/edit", response_class=HTMLResponse)
async def save(
    request: Request, document_id: int, account: Annotated[Account, Depends(security.editor)]
) -> Response:
    """Save what changed; a bad value comes back on the form (400) and nothing is written."""
    store = security.get_store(request)
    form = await request.form()
    values = {name: str(form.get(name) or "") for name, _, _ in FIELDS}
    try:
        changes = clean_metadata(values)
        queries.load_document(store, document_id)
        changed = set_metadata(store, document_id, account.name, changes)
    except ReviewError as exc:
        return _form(request, document_id, values, str(exc))
    if "published" in changed and changes["published"] is not None:
        set_published(store, document_id, changes["published"])
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


class MetadataChanges(BaseModel):
    """Fields to change; a field left out is kept, an empty string clears it."""

    title: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, max_length=2000, description="http(s) only.")
    published: str | None = Field(default=None, description="YYYY-MM-DD.")


@api_router.patch("/documents/{document_id}", summary="Fix a document's metadata (editor)")
def patch(
    request: Request,
    document_id: int,
    changes: MetadataChanges,
    account: Annotated[Account, Depends(security.editor)],
) -> dict[str, Any]:
    """Change title, outlet, URL or publication date; answers what changed (audited)."""
    store = security.get_store(request)
    wanted = changes.model_dump(exclude_unset=True)
    try:
        cleaned = clean_metadata(wanted)
        changed = set_metadata(store, document_id, account.name, cleaned)
    except ReviewError as exc:
        raise HTTPException(400, str(exc)) from None
    except NotFoundInStoreError:
        raise HTTPException(404, f"no document with id {document_id}") from None
    if "published" in changed and cleaned["published"] is not None:
        set_published(store, document_id, cleaned["published"])
    return {
        "document": document_id,
        "changed": {
            name: {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in change.items()}
            for name, change in changed.items()
        },
    }
