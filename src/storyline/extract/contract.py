"""The JSON contract ``storyline.extraction/1`` (DESIGN §4, documented in docs/json.md).

One place turns typed records into JSON and back, so ``storyline extract --format json``,
the stored mentions and the web API cannot drift apart.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from storyline import langpacks
from storyline.model import (
    Document,
    Entity,
    EntityMention,
    Event,
    Extraction,
    HedgeMention,
    Mention,
    QuantityMention,
    RoleFiller,
    SourceMention,
    TimeMention,
)

SCHEMA = "storyline.extraction/1"
_BASE_FIELDS = {"start", "end", "text", "id", "kind"}
_TYPES: dict[str, type[Mention]] = {
    "quantity": QuantityMention,
    "time": TimeMention,
    "source": SourceMention,
    "hedge": HedgeMention,
    "entity": EntityMention,
}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def mention_fields(mention: Mention) -> dict[str, Any]:
    """The kind-specific fields of a mention, JSON-ready (what the store keeps in ``data``)."""
    return {
        field.name: _plain(getattr(mention, field.name))
        for field in dataclasses.fields(mention)
        if field.name not in _BASE_FIELDS
    }


def mention_to_json(mention: Mention) -> dict[str, Any]:
    """One mention as in the contract: id, kind, span, then its own fields."""
    return mention_json(
        mention.id, mention.kind, mention.start, mention.end, mention.text, mention_fields(mention)
    )


def mention_json(
    id: str, kind: str, start: int, end: int, text: str, fields: dict[str, Any]
) -> dict[str, Any]:
    """The contract's mention object from its parts (records and stored rows share it)."""
    return {"id": id, "kind": kind, "start": start, "end": end, "text": text, **fields}


def mention_from_json(data: dict[str, Any]) -> Mention:
    """Rebuild a typed mention from its contract form (or a stored row's fields)."""
    cls = _TYPES[data["kind"]]
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    values = {key: value for key, value in data.items() if key in names}
    for key in ("start_date", "end_date"):
        if isinstance(values.get(key), str):
            values[key] = date.fromisoformat(values[key])
    return cls(**values)


def document_to_json(document: Document) -> dict[str, Any]:
    """The contract's ``document`` object."""
    return {
        "title": document.title,
        "url": document.url,
        "published": document.published.isoformat() if document.published else None,
        "language": document.language,
        "not_extracted": langpacks.not_extracted(document.language),
        "tags": list(document.tags),
        "sha256": document.sha256,
    }


def entity_to_json(entity: Entity) -> dict[str, Any]:
    """The contract's entity object."""
    return {"id": entity.id, "name": entity.name, "type": entity.type, "geo": entity.geo}


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """A whole extraction in the versioned contract form."""
    return {
        "schema": SCHEMA,
        "document": document_to_json(extraction.document),
        "text": extraction.document.text,
        "versions": dict(sorted(extraction.versions.items())),
        "mentions": [mention_to_json(m) for m in extraction.mentions],
        "entities": [entity_to_json(e) for e in extraction.entities],
        "events": [event_to_json(e) for e in extraction.events],
    }


def event_to_json(event: Event) -> dict[str, Any]:
    """The contract's event object: type, trigger span, evidence, roles, source, certainty.

    Each role maps to a list of fillers ``{"start", "end", "text", "mention", "entity"}``:
    a role may hold several ("snipers, combat medics and radio operators") and a filler
    that is no mention (the phrase "a group of women") still has its span.
    """
    return {
        "id": event.id,
        "type": event.type,
        "start": event.start,
        "end": event.end,
        "text": event.text,
        "evidence": [{"start": s, "end": e} for s, e in event.evidence],
        "roles": {
            role: [dataclasses.asdict(f) for f in fillers] for role, fillers in event.roles.items()
        },
        "source": event.source,
        "certainty": event.certainty,
        "codebook": event.codebook,
    }


def event_from_json(data: dict[str, Any]) -> Event:
    """Rebuild an :class:`Event` from its contract form (or a stored row's ``data``)."""
    return Event(
        id=data["id"],
        type=data["type"],
        start=data["start"],
        end=data["end"],
        text=data["text"],
        evidence=tuple((e["start"], e["end"]) for e in data.get("evidence", [])),
        roles={
            role: tuple(RoleFiller(**f) for f in fillers)
            for role, fillers in data.get("roles", {}).items()
        },
        certainty=data.get("certainty", "asserted"),
        source=data.get("source"),
        codebook=data.get("codebook", ""),
    )
