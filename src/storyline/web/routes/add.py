"""Add a report from the browser: paste text, upload a file, or give a URL.

The same pipeline as ``storyline add`` (:func:`storyline.pipeline.ingest`), one input at
a time, so a report added here is stored exactly as the CLI would store it: one
transaction, nothing half-written on failure. Problems come back next to the field they
concern, with what the user typed kept in the form.

On a team server (not loopback) a URL must resolve to public addresses only, so the
server cannot be used to reach machines on its private network; the check is made by the
download itself, on every address and redirect (:mod:`storyline.capture.addresses`). No
input from the web is ever read as a local path. Adds run on their own few worker
threads (:mod:`storyline.web.work`), so slow ones never hold the threads pages need.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from storyline.capture import is_url
from storyline.errors import DISK_FULL
from storyline.parse import ParseOptions
from storyline.pipeline import Outcome
from storyline.store import review
from storyline.store.accounts import Account
from storyline.store.db import Store
from storyline.store.schema import CaptureRow, DocumentRow
from storyline.web import security, work
from storyline.web.templating import render

router = APIRouter(include_in_schema=False)
MODES = ("paste", "upload", "url")


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request, _: Annotated[Account, Depends(security.editor)]) -> Response:
    """The three ways to add a report."""
    return _page(request, "paste", {}, {})


def _page(
    request: Request,
    mode: str,
    values: dict[str, str],
    errors: dict[str, str],
    outcome: Outcome | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "add.html",
        {"mode": mode, "values": values, "errors": errors, "outcome": outcome},
        status=status,
    )


def _published(value: str, errors: dict[str, str]) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors["published"] = f"{value!r} is not a date like 2024-06-20"
        return None


@router.post("/add")
async def add(
    request: Request,
    account: Annotated[Account, Depends(security.editor)],
    mode: Annotated[str, Form()] = "paste",
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    file: UploadFile | None = None,
) -> Response:
    """Capture, parse, extract and store one report; show it, or the problem."""
    mode = mode if mode in MODES else "paste"
    values = {"text": text, "title": title, "published": published, "url": url}
    errors: dict[str, str] = {}
    when = _published(published, errors)
    store: Store = security.get_store(request)
    settings = request.app.state.settings
    options = ParseOptions(title=title.strip() or None, published=when)
    item, data, name = "-", b"", ""
    if mode == "paste":
        data = text.replace("\r\n", "\n").encode("utf-8")
        if not text.strip():
            errors["text"] = "Paste the report's text here."
        if url.strip() and not is_url(url.strip()):
            errors["url"] = "Give the address the text came from as an http(s) URL."
        options = ParseOptions(
            title=options.title, published=when, url=url.strip() if url.strip() else None
        )
        name = "web paste"
    elif mode == "upload":
        if file is None or not file.filename:
            errors["file"] = "Choose a file to upload."
        else:
            data = await file.read(settings.max_bytes + 1)
            name = f"upload {file.filename}"
            if not data:
                errors["file"] = f"{file.filename} is empty."
    else:
        item = url.strip()
        if not is_url(item):
            errors["url"] = "Give a web address starting with http:// or https://."
    if errors:
        return _page(request, mode, values, errors, status=400)
    public_only = not request.app.state.options.local
    outcome = await work.add_report(request, store, settings, options, item, data, public_only)
    if outcome.status == "failed":
        field = {"paste": "text", "upload": "file", "url": "url"}[mode]
        errors[field] = outcome.error or "could not add this report"
        status = 507 if errors[field].startswith(DISK_FULL) else 400  # not the editor's fault
        return _page(request, mode, values, errors, status=status)
    if outcome.status == "added" and outcome.document is not None:
        if name:
            _name_capture(store, outcome.document, name)
        review.record(
            store, account.name, "document.add", "document", outcome.document, {"via": mode}
        )
        return RedirectResponse(f"/documents/{outcome.document}?added=1", status_code=303)
    return _page(request, mode, values, {}, outcome)


def _name_capture(store: Store, document_id: int, name: str) -> None:
    """Say in the capture record how the bytes came in (the pipeline names stdin ``-``)."""
    with store.sessions.begin() as session:
        capture_id = session.scalar(
            select(DocumentRow.capture_id).where(DocumentRow.id == document_id)
        )
        row = session.get(CaptureRow, capture_id)
        if row is not None and row.input == "-":
            row.input = name[:500]
