"""Turn assembled events into rows, with the flat columns filters and maps need.

An event's roles point at mentions and entities by id; the row copies what a filter asks
about — the time range of its ``time`` filler, the name, country and coordinates of its
``place`` filler — so ``storyline events --since 2023-01-01 --place Russia`` and the web
app's map are plain indexed SQL. ``data`` keeps the contract's event object, and
``data["machine"]`` a copy that reviewers' corrections never touch.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from storyline.extract.contract import event_to_json
from storyline.model import Entity, Event, Extraction, Mention, TimeMention
from storyline.store.schema import EventRow


def event_rows(extraction: Extraction) -> list[EventRow]:
    """One :class:`EventRow` per event of ``extraction``."""
    mentions = {m.id: m for m in extraction.mentions}
    entities = {e.id: e for e in extraction.entities}
    return [_row(event, mentions, entities) for event in extraction.events]


def _row(event: Event, mentions: dict[str, Mention], entities: dict[str, Entity]) -> EventRow:
    data = event_to_json(event)
    data["machine"] = {k: v for k, v in data.items() if k != "machine"}
    time_start, time_end = _time(event, mentions)
    place, geo = _place(event, entities)
    return EventRow(
        key=event.id,
        type=event.type,
        codebook=event.codebook,
        certainty=event.certainty,
        start=event.start,
        end=event.end,
        text=event.text,
        time_start=time_start,
        time_end=time_end,
        place=place,
        country=(geo or {}).get("country"),
        lat=(geo or {}).get("lat"),
        lon=(geo or {}).get("lon"),
        data=data,
    )


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
