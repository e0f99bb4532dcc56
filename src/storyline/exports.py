"""Exports of the event record: CSV rows, GeoJSON, JSON Lines and a timeline.

Every export takes the event objects the store's query layer returns
(:meth:`storyline.store.event_queries.EventListing.as_json`, redacted: protected witnesses
are blacked out in every export, DESIGN §1.5), so the CLI's ``storyline export`` and the
web app's downloads write the same columns for the same selection.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: CSV columns, in order; ``roles`` is flattened to ``role: text; role: text``. The same
#: columns are the properties of GeoJSON features, so a map's attribute table reads like
#: the spreadsheet.
CSV_COLUMNS = [
    "id",
    "document",
    "document_title",
    "outlet",
    "key",
    "type",
    "trigger",
    "certainty",
    "review_status",
    "time_start",
    "time_end",
    "place",
    "country",
    "lat",
    "lon",
    "source",
    "roles",
]


def roles_text(roles: dict[str, list[dict[str, Any]]]) -> str:
    """``{"place": [{"text": "Kyiv"}]}`` → ``place: Kyiv`` (several roles joined by ``; ``)."""
    return "; ".join(
        f"{role}: {', '.join(str(f.get('text', '')) for f in fillers)}"
        for role, fillers in roles.items()
    )


def flat(event: dict[str, Any]) -> dict[str, Any]:
    """An event object as one flat record of :data:`CSV_COLUMNS` (missing values empty)."""
    values = {
        **event,
        "trigger": (event.get("trigger") or {}).get("text"),
        "roles": roles_text(event.get("roles") or {}),
    }
    return {column: "" if values.get(column) is None else values[column] for column in CSV_COLUMNS}


def csv_row(event: dict[str, Any]) -> list[Any]:
    """One CSV row of :data:`CSV_COLUMNS` for an event object."""
    return list(flat(event).values())


def geojson_feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Feature for an event with coordinates, else ``None``.

    Points are ``[lon, lat]`` (RFC 7946 order) in WGS 84, so QGIS and geojson.io open the
    file as-is; properties are the CSV columns.
    """
    lat, lon = event.get("lat"), event.get("lon")
    if lat is None or lon is None:
        return None
    properties = flat(event)
    properties.pop("lat")
    properties.pop("lon")
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def geojson(events: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """A GeoJSON FeatureCollection of the events that have coordinates; the second value
    counts the events left out for want of a mapped place, so the caller can say so."""
    features, skipped = [], 0
    for event in events:
        feature = geojson_feature(event)
        if feature is None:
            skipped += 1
        else:
            features.append(feature)
    return {"type": "FeatureCollection", "features": features}, skipped


def timeline(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dated events in time order: what a timeline chart or a chronology needs.

    An event without a resolved time is left out: a timeline that guessed dates would
    break the promise that nothing is guessed silently.
    """
    dated = [e for e in events if e.get("time_start")]
    dated.sort(key=lambda e: (e["time_start"], e.get("time_end") or "", e["id"]))
    return [
        {
            "start": e["time_start"],
            "end": e.get("time_end"),
            "type": e["type"],
            "certainty": e["certainty"],
            "place": e.get("place"),
            "summary": _summary(e),
            "source": e.get("source"),
            "event": e["id"],
            "document": e["document"],
        }
        for e in dated
    ]


def _summary(event: dict[str, Any]) -> str:
    """ "enlistment — subject: About 40; place: prison near St. Petersburg"."""
    roles = {k: v for k, v in (event.get("roles") or {}).items() if k not in {"time", "source"}}
    text = roles_text(roles)
    return (
        f"{event['type'].replace('_', ' ')} — {text}" if text else event["type"].replace("_", " ")
    )
