"""Exports of the event record: CSV rows, GeoJSON, JSON Lines and a timeline.

Every export takes the event objects the store's query layer returns
(:func:`storyline.store.event_queries.event_json`), so the CLI's ``storyline export`` and
the web app's downloads write the same columns for the same selection.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: CSV columns, in order; ``roles`` is flattened to ``role: text; role: text``.
CSV_COLUMNS = [
    "id",
    "document",
    "type",
    "certainty",
    "review_status",
    "time_start",
    "time_end",
    "place",
    "country",
    "lat",
    "lon",
    "source",
    "trigger",
    "roles",
    "document_title",
    "outlet",
]


def roles_text(roles: dict[str, list[dict[str, Any]]]) -> str:
    """``{"place": [{"text": "Kyiv"}]}`` → ``place: Kyiv`` (several roles joined by ``; ``)."""
    return "; ".join(
        f"{role}: {', '.join(str(f.get('text', '')) for f in fillers)}"
        for role, fillers in roles.items()
    )


def csv_row(event: dict[str, Any]) -> list[Any]:
    """One CSV row of :data:`CSV_COLUMNS` for an event object."""
    flat = {
        **event,
        "trigger": (event.get("trigger") or {}).get("text"),
        "roles": roles_text(event.get("roles") or {}),
    }
    return [flat.get(column) for column in CSV_COLUMNS]


def geojson(events: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """A GeoJSON FeatureCollection of the events that have coordinates.

    Points are ``[lon, lat]`` (RFC 7946 order) in WGS 84, so QGIS and geojson.io open the
    file as-is; properties are the CSV columns, so a map's attribute table reads like the
    spreadsheet. Events without a resolved place are left out; the second value counts
    them, so the caller can say so.
    """
    features = []
    skipped = 0
    for event in events:
        lat, lon = event.get("lat"), event.get("lon")
        if lat is None or lon is None:
            skipped += 1
            continue
        properties = dict(zip(CSV_COLUMNS, csv_row(event), strict=True))
        properties.pop("lat")
        properties.pop("lon")
        features.append(
            {
                "type": "Feature",
                "id": event["id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": properties,
            }
        )
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
