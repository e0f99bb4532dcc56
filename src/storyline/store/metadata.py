"""Corrections to a document's metadata: title, outlet, URL, publication date, audited.

Why: parsers miss outlets and dates (issue 14: 7 of 12 documents stayed "unknown outlet"
and could not be graded), and a user must be able to fix them from the CLI or the web app
without re-adding the report. Each change is an audit row (who, when, from, to) in the
same transaction as the change. The title is the document's label: the stored text, whose
offsets every mention refers to, keeps the headline it was captured with.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from storyline.errors import NotFoundInStoreError, ReviewError
from storyline.store import masked_fields
from storyline.store.db import Store
from storyline.store.redaction import mask_names, protected_names
from storyline.store.review import append_audit, in_transaction
from storyline.store.schema import DocumentRow
from storyline.store.stories import refresh_document_story

#: What may be changed, and the longest value each column takes.
FIELDS = {"title": 2000, "outlet": 300, "url": 2000}


def clean_metadata(changes: dict[str, Any]) -> dict[str, Any]:
    """Validated values: text trimmed (empty means "none"), URLs http(s) with a host.

    Raises:
        ReviewError: an unknown field, a value too long, a bad URL or date.
    """
    cleaned: dict[str, Any] = {}
    for name, raw in changes.items():
        if name == "published":
            cleaned[name] = _date(raw)
            continue
        if name not in FIELDS:
            raise ReviewError(f"cannot set {name}: fields are title, outlet, url, published")
        value = str(raw).strip() if raw is not None else ""
        if any(ord(c) < 32 for c in value):
            raise ReviewError(f"{name} must be one line of text")
        if len(value) > FIELDS[name]:
            raise ReviewError(f"{name} is longer than {FIELDS[name]} characters")
        if name == "url" and value:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ReviewError(f"url must be an http(s) address, not {value!r}")
        cleaned[name] = value or None
    return cleaned


def _date(raw: Any) -> date | None:
    if raw is None or isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReviewError(f"published must be a date like 2024-06-20, not {text!r}") from None


def set_metadata(
    store: Store, document_id: int, actor: str, changes: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """Apply metadata changes and record them; returns ``{field: {"from", "to"}}`` of what
    actually changed (empty when nothing did). A new publication date is applied but its
    relative times are re-resolved by the caller (:func:`storyline.pipeline.set_published`).

    Raises:
        ReviewError: a bad value (see :func:`clean_metadata`).
        NotFoundInStoreError: no such document.
    """
    cleaned = clean_metadata(changes)

    def work(session: Session) -> dict[str, dict[str, Any]]:
        row = session.get(DocumentRow, document_id)
        if row is None:
            raise NotFoundInStoreError(f"no document with id {document_id}")
        changed: dict[str, dict[str, Any]] = {}
        # A protected witness's name typed into a field is blacked out as it is stored
        # (and in the audit row), sealed so unprotecting brings it back (issue 15, finding 2).
        names = protected_names(store, document_id, session)
        for name, value in cleaned.items():
            if names and isinstance(value, str):
                masked = mask_names(value, names)
                runs = masked_fields.runs_between(value, masked)
                masked_fields.record(session, store, document_id, "document", name, runs)
                value = masked
            old = getattr(row, name)
            if old != value:
                changed[name] = {"from": old, "to": value}
                setattr(row, name, value)
        if "published" in changed:
            row.published_source = "user" if row.published else None
        if changed:
            append_audit(
                session, actor, "document.set", "document", document_id, {"changes": changed}
            )
            refresh_document_story(session, document_id)
        return changed

    return in_transaction(store, work)
