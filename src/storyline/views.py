"""Presentations of stored records shared by the CLI and the web app (JSON and terminal)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from rich.markup import escape

from storyline import langpacks
from storyline.extract import contract
from storyline.extract.contract import SCHEMA
from storyline.store.event_rows import contract_event
from storyline.store.schema import DocumentRow, EventRow, MentionRow

#: Rich style and bracket pair per mention kind; the brackets keep kinds apart without colour.
MENTION_STYLES: dict[str, tuple[str, str, str]] = {
    "quantity": ("bold cyan", "[", "]"),
    "time": ("bold green", "{", "}"),
    "source": ("bold magenta", "<", ">"),
    "hedge": ("bold yellow", "~", "~"),
    "entity": ("underline", "«", "»"),
}


def legend() -> str:
    """One line of markup explaining the brackets, in each kind's own style."""
    return " ".join(
        f"[{style}]{escape(left + kind + right)}[/]"
        for kind, (style, left, right) in MENTION_STYLES.items()
    )


def mention_json(row: MentionRow) -> dict[str, Any]:
    """A stored mention in the contract's shape."""
    return contract.mention_json(row.key, row.kind, row.start, row.end, row.text, row.data)


def document_json(row: DocumentRow) -> dict[str, Any]:
    """A stored document as the extraction contract, plus its id and capture details."""
    return {
        "schema": SCHEMA,
        "id": row.id,
        "document": {
            "title": row.title,
            "url": row.url or row.canonical_url,
            "canonical_url": row.canonical_url,
            "published": row.published.isoformat() if row.published else None,
            "published_source": row.published_source,
            "language": row.language,
            "not_extracted": langpacks.not_extracted(row.language),
            "outlet": row.outlet,
            "byline": row.byline,
            "tags": list(row.tags),
            "sha256": row.capture.sha256,
            "words": row.word_count,
            "sensitivity": row.sensitivity,
        },
        "capture": {
            "input": row.capture.input,
            "url": row.capture.url,
            "captured_at": row.capture.captured_at.isoformat(),
            "content_type": row.capture.content_type,
            "charset": row.capture.charset,
            "http_date": row.capture.http_date,
            "last_modified": row.capture.last_modified,
            "size": row.capture.size,
        },
        "versions": {"parser": row.parser_version, "extractor": row.extractor_version},
        "text": row.text,
        "mentions": [mention_json(m) for m in row.mentions],
        "entities": [
            {"id": e.key, "name": e.name, "type": e.type, "geo": e.geo} for e in row.entities
        ],
        "events": [stored_event_json(e) for e in row.events],
    }


def input_name(value: str | None) -> str | None:
    """What the web app shows of where a capture came from: a URL or ``-`` as it is, a
    local path as its file name only.

    The full path told every viewer how the server's disk is laid out (issue 15, finding
    1); the file name stays because it often is the report's title. A protected name in it
    is blacked out at rest like any other field.
    """
    if not value or "://" in value or value == "-":
        return value
    return PurePath(value.replace("\\", "/")).name or value


def stored_event_json(row: EventRow) -> dict[str, Any]:
    """A stored event as the contract's event object, plus its review status.

    The machine's original output (kept for reviewers) is left out; the contract shows the
    current record (:func:`~storyline.store.event_rows.contract_event`).
    """
    return {**contract_event(row), "review_status": row.review_status}


def mentions_markup(text: str, mentions: Sequence[MentionRow]) -> str:
    """Rich markup of ``text`` with each mention styled and bracketed by kind.

    Where mentions overlap, the one that starts first (the longer on a tie) is shown and
    the ones inside it are not, so the markup always nests correctly.
    """
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    pieces: list[str] = []
    cursor = 0
    for mention in ordered:
        if mention.start < cursor or mention.end > len(text):
            continue
        style, left, right = MENTION_STYLES.get(mention.kind, ("bold", "[", "]"))
        pieces.append(escape(text[cursor : mention.start]))
        # Escape the bracketed piece whole: "[" alone is not escaped by rich, and
        # "[40 inmates]" would then read as a markup tag and vanish.
        pieces.append(f"[{style}]{escape(left + text[mention.start : mention.end] + right)}[/]")
        cursor = mention.end
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)
