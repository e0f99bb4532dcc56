"""What a reviewer's correction implies beyond the fields typed: the place filler, the
place's point and precision, the figure columns.

Kept apart from :mod:`storyline.store.review` (decisions and the audit chain) because this
is about the record's consistency: an event corrected to "Saint Petersburg" must not keep
"Moscow" in its roles, its old point on the map, or a figure from a quantity it no longer
names.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storyline.places.gazetteer import Place, gazetteer
from storyline.places.precision import PlaceColumns, place_columns
from storyline.places.resolve import place_geo
from storyline.store.event_rows import figure_columns
from storyline.store.schema import DocumentRow, MentionRow


def relocate(session: Session, row: Any, text: str, old: list[dict[str, Any]]) -> dict[str, Any]:
    """The place filler for ``text``: the old one if it says the same, else the text's
    occurrence nearest the trigger (with the mention there, if any)."""
    kept = next((f for f in old if f.get("text") == text), None)
    if kept is not None:
        return kept
    document = session.get(DocumentRow, row.document_id)
    body = document.text if document is not None else ""
    found = _occurrences(body, text)
    if not found:
        return {"start": None, "end": None, "text": text, "mention": None, "entity": None}
    start = min(found, key=lambda i: abs(i - row.start))
    filler = {"start": start, "end": start + len(text), "text": text, "mention": None}
    mention = session.scalar(
        select(MentionRow).where(
            MentionRow.document_id == row.document_id,
            MentionRow.start == start,
            MentionRow.end == start + len(text),
        )
    )
    filler["mention"] = mention.key if mention is not None else None
    filler["entity"] = (mention.data or {}).get("entity") if mention is not None else None
    return filler


def _occurrences(body: str, text: str) -> list[int]:
    starts, index = [], body.find(text)
    while index != -1 and text:
        starts.append(index)
        index = body.find(text, index + 1)
    return starts


def resolve_place(row: Any, text: str | None) -> None:
    """Point, country and precision for a reviewer's place name, from the gazetteer: the
    best candidate in the event's country when there is one, else the first (countries
    before regions before cities). An unknown name keeps the country and loses the point:
    an old point would put the event where the reviewer said it was not."""
    columns = PlaceColumns(country=row.country)
    if text:
        candidates = [c.place for c in gazetteer().lookup(text) if c.exact]
        inside = [p for p in candidates if p.country == row.country]
        best: Place | None = next(iter(inside or candidates), None)
        if best is not None:
            columns = place_columns(place_geo(best))
    for name, value in asdict(columns).items():
        setattr(row, name, value)


def figures_for(session: Session, row: Any, data: dict[str, Any]) -> None:
    """Re-read the figure columns from the quantity mentions the roles point at."""
    for fillers in data.get("roles", {}).values():
        for filler in fillers:
            if filler.get("mention") is None and filler.get("start") is not None:
                mention = session.scalar(
                    select(MentionRow).where(
                        MentionRow.document_id == row.document_id,
                        MentionRow.kind == "quantity",
                        MentionRow.start == filler["start"],
                        MentionRow.end == filler["end"],
                    )
                )
                if mention is not None:
                    filler["mention"] = mention.key
    quantities = {
        m.key: m.data or {}
        for m in session.scalars(
            select(MentionRow).where(
                MentionRow.document_id == row.document_id, MentionRow.kind == "quantity"
            )
        )
    }
    for name, value in figure_columns(data, quantities).items():
        setattr(row, name, value)
