"""Protecting a witness from the web: a form on the document page and its JSON twin.

Only editors and admins may protect or unprotect; each action is one audited transaction in
:mod:`storyline.store.protection`, which blacks the name out of the stored record itself
(so no page, API route or export can show it to a viewer) and seals the original.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from storyline.store import protection
from storyline.store.accounts import Account
from storyline.web import security

router = APIRouter()


class ProtectRequest(BaseModel):
    """Mention keys (``s1``) or entity keys (``E1``) of one document."""

    keys: list[str] = Field(min_length=1, max_length=200)


def _outcome(result: protection.ProtectOutcome) -> dict[str, Any]:
    return {"document_id": result.document_id, "mentions": list(result.mentions)}


@router.post("/documents/{document_id}/protect", include_in_schema=False)
async def protect_form(
    request: Request, document_id: int, account: Annotated[Account, Depends(security.editor)]
) -> Response:
    """The document page's form: ``keys`` (space or comma separated), ``action``."""
    form = await request.form()
    keys = str(form.get("keys") or "").replace(",", " ").split()
    store = security.get_store(request)
    if str(form.get("action") or "protect") == "unprotect":
        protection.unprotect(store, document_id, keys, account.name)
    else:
        protection.protect(store, document_id, keys, account.name)
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.post("/api/documents/{document_id}/protect", tags=["records"])
def protect_api(
    request: Request,
    document_id: int,
    body: ProtectRequest,
    account: Annotated[Account, Depends(security.editor)],
) -> dict[str, Any]:
    """Black out these mentions or entities for viewers, everywhere, sealed at rest."""
    store = security.get_store(request)
    return _outcome(protection.protect(store, document_id, body.keys, account.name))


@router.post("/api/documents/{document_id}/unprotect", tags=["records"])
def unprotect_api(
    request: Request,
    document_id: int,
    body: ProtectRequest,
    account: Annotated[Account, Depends(security.editor)],
) -> dict[str, Any]:
    """Bring back names that were protected (audited like protecting)."""
    store = security.get_store(request)
    return _outcome(protection.unprotect(store, document_id, body.keys, account.name))
