"""Turn assembled events into rows, with the flat columns filters and maps need.

An event's roles point at mentions and entities by id; the row copies what a filter asks
about — the time range of its ``time`` filler, the name, country and coordinates of its
``place`` filler — so ``storyline events --since 2023-01-01 --place Russia`` and the web
app's map are plain indexed SQL. ``data`` keeps the contract's event object, and
``data["machine"]`` a copy that reviewers' corrections never touch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from typing import Any

from storyline.extract.contract import event_to_json, mention_fields
from storyline.model import Entity, Event, Extraction, Mention, QuantityMention, TimeMention
from storyline.places.precision import place_columns
from storyline.store.schema import EventRow

#: The figure columns an event row copies from its quantity filler (DESIGN §4).
FIGURE_FIELDS = ("value", "low", "high", "approximate", "unit", "counts")


def event_rows(extraction: Extraction) -> list[EventRow]:
    """One :class:`EventRow` per event of ``extraction``."""
    return [EventRow(**values) for values in event_values(extraction)]


def event_values(extraction: Extraction) -> list[dict[str, Any]]:
    """The column values of one event row per event of ``extraction`` (no document id):
    what :func:`event_rows` builds rows from, and what a new document's bulk insert
    writes directly."""
    mentions = {m.id: m for m in extraction.mentions}
    entities = {e.id: e for e in extraction.entities}
    quantities = {
        m.id: mention_fields(m) for m in extraction.mentions if isinstance(m, QuantityMention)
    }
    return [_values(event, mentions, entities, quantities) for event in extraction.events]


def _values(
    event: Event,
    mentions: dict[str, Mention],
    entities: dict[str, Entity],
    quantities: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    data = event_to_json(event)
    data["machine"] = {k: v for k, v in data.items() if k != "machine"}
    time_start, time_end = _time(event, mentions)
    place, geo = _place(event, entities)
    where = place_columns(geo, {e.id: e.geo for e in entities.values()})
    return dict(
        key=event.id,
        type=event.type,
        codebook=event.codebook,
        certainty=event.certainty,
        start=event.start,
        end=event.end,
        text=event.text,
        time_start=time_start,
        time_end=time_end,
        time_granularity=_granularity(event, mentions),
        place=place,
        **asdict(where),
        **figure_columns(data, quantities),
        data=data,
    )


#: Keys of a stored row's ``data`` that are the row's history, not the contract's event.
HISTORY_KEYS = ("machine", "review")


def contract_event(row: EventRow) -> dict[str, Any]:
    """The contract's event object (:func:`~storyline.extract.contract.event_to_json`) for a
    stored row, as the record stands now.

    Every outward form of a stored event — the document JSON of ``show``/``GET
    /api/documents/N`` and the listing of ``events``/``GET /api/events``/the downloads —
    starts from this one object, so a field added to the contract reaches all of them
    without three edits. The reviewed columns win over ``data``: a reviewer's type or
    certainty is the record.
    """
    data = {k: v for k, v in (row.data or {}).items() if k not in HISTORY_KEYS}
    data.update(type=row.type, certainty=row.certainty)
    if row.codebook:
        data["codebook"] = row.codebook
    return data


def figure_columns(
    data: Mapping[str, Any], quantities: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The typed figure of an event: its ``quantity`` filler's value, bounds, unit and what
    it counts, else those of the first filler of any role that is a figure (a ``subject``
    such as "about 40"). ``quantities`` maps quantity mention keys to their stored fields;
    every field is ``None`` when the event has no figure."""
    roles = data.get("roles") or {}
    fillers = [*roles.get("quantity", []), *(f for fs in roles.values() for f in fs)]
    for filler in fillers:
        fields = quantities.get(str(filler.get("mention") or ""))
        if fields is not None:
            return {name: fields.get(name) for name in FIGURE_FIELDS}
    return dict.fromkeys(FIGURE_FIELDS)


def _granularity(event: Event, mentions: dict[str, Mention]) -> str | None:
    for filler in event.roles.get("time", ()):
        mention = mentions.get(filler.mention or "")
        if isinstance(mention, TimeMention) and mention.resolved:
            return mention.granularity
    return None


def _time(event: Event, mentions: dict[str, Mention]) -> tuple[date | None, date | None]:
    for filler in event.roles.get("time", ()):
        mention = mentions.get(filler.mention or "")
        if isinstance(mention, TimeMention) and mention.resolved:
            return mention.start_date, mention.end_date
    return None, None


def _place(event: Event, entities: dict[str, Entity]) -> tuple[str | None, dict[str, Any] | None]:
    """The place filler's text and its entity's geo (a country may come without a point:
    "England" resolves to GB with no coordinates, and is then left off maps)."""
    for filler in event.roles.get("place", ()):
        entity = entities.get(filler.entity or "")
        geo = entity.geo if entity is not None else None
        return filler.text, geo if isinstance(geo, dict) else None
    return None, None


def time_granularity(data: dict[str, Any], times: dict[str, dict[str, Any]]) -> str | None:
    """The granularity (``year``, ``open``, ``day``…) of a stored event's resolved time."""
    for filler in data.get("roles", {}).get("time", []):
        fields = times.get(filler.get("mention") or "")
        if fields and fields.get("resolved") and fields.get("start_date"):
            return str(fields.get("granularity") or "") or None
    return None


def time_columns(
    data: dict[str, Any], times: dict[str, dict[str, Any]]
) -> tuple[date | None, date | None]:
    """The time range of a stored event's ``time`` filler, from stored time mentions.

    Used when a publication date is set later and relative times resolve (``storyline set
    N --published``): ``times`` maps mention keys to their stored fields.
    """
    for filler in data.get("roles", {}).get("time", []):
        fields = times.get(filler.get("mention") or "")
        if fields and fields.get("resolved") and fields.get("start_date"):
            end = fields.get("end_date")
            return date.fromisoformat(fields["start_date"]), date.fromisoformat(
                end
            ) if end else None
    return None, None
