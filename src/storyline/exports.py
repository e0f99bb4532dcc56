"""Exports of the event record: CSV rows, GeoJSON, JSON Lines and a timeline.

Every export takes the event objects the store's query layer returns
(:meth:`storyline.store.event_queries.EventListing.as_json`, redacted: protected witnesses
are blacked out in every export, DESIGN §1.5), so the CLI's ``storyline export`` and the
web app's downloads write the same columns for the same selection.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: CSV columns, in order: one row per event. The figure columns (``value``, ``low``,
#: ``high``, ``approximate``, ``unit``, ``counts``) are typed, so a spreadsheet sums them;
#: ``url``, ``outlet`` and ``published`` cite the report; ``precision`` says how exact the
#: point is (a country-level place has none). ``roles`` is flattened to ``role: text; role:
#: text``. The same columns are the properties of GeoJSON features, so a map's attribute
#: table reads like the spreadsheet.
CSV_COLUMNS = [
    "id",
    "document",
    "document_title",
    "outlet",
    "url",
    "published",
    "key",
    "type",
    "trigger",
    "certainty",
    "review_status",
    "time_start",
    "time_end",
    "time_granularity",
    "place",
    "precision",
    "country",
    "lat",
    "lon",
    "value",
    "low",
    "high",
    "approximate",
    "unit",
    "counts",
    "source",
    "roles",
]


def roles_text(roles: dict[str, list[dict[str, Any]]]) -> str:
    """``{"place": [{"text": "Kyiv"}]}`` → ``place: Kyiv`` (several roles joined by ``; ``)."""
    return "; ".join(
        f"{role}: {', '.join(str(f.get('text', '')) for f in fillers)}"
        for role, fillers in roles.items()
    )


def _plain(number: Any) -> Any:
    """``40.0`` → ``40``: figures are shown as the report wrote them."""
    return int(number) if isinstance(number, float) and number.is_integer() else number


def figure_text(event: dict[str, Any]) -> str:
    """An event's figure for a table cell: ``~120 person``, ``15000–20000 person``,
    ``≥300 person`` (empty when it has none)."""
    value, low, high = (_plain(event.get(k)) for k in ("value", "low", "high"))
    if value is not None and low in (None, value) and high in (None, value):
        amount = f"{value}"
        if low is not None and high is None:
            amount = f"≥{value}"
        elif high is not None and low is None:
            amount = f"≤{value}"
    elif low is not None and high is not None:
        amount = f"{low}–{high}"
    elif low is not None:
        amount = f"≥{low}"
    elif high is not None:
        amount = f"≤{high}"
    else:
        return ""
    prefix = "~" if event.get("approximate") else ""
    unit = event.get("unit")
    return f"{prefix}{amount} {unit}" if unit else f"{prefix}{amount}"


def flat(event: dict[str, Any], missing: Any = "") -> dict[str, Any]:
    """An event object as one flat record of :data:`CSV_COLUMNS`: the one row-building
    function every export shares (missing values become ``missing``: empty in CSV, null in
    GeoJSON, so figures stay typed)."""
    values = {
        **event,
        "trigger": (event.get("trigger") or {}).get("text"),
        "roles": roles_text(event.get("roles") or {}),
    }
    return {
        column: missing if values.get(column) is None else values[column] for column in CSV_COLUMNS
    }


def csv_row(event: dict[str, Any]) -> list[Any]:
    """One CSV row of :data:`CSV_COLUMNS` for an event object."""
    return list(flat(event).values())


def geojson_feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Feature for an event with a place, else ``None``.

    Points are ``[lon, lat]`` (RFC 7946 order) in WGS 84, so QGIS and geojson.io open the
    file as-is; properties are the CSV columns, ``precision`` among them. A place with no
    point of its own — a country, never drawn at its capital — is a Feature with
    ``geometry: null`` (RFC 7946 §3.2), so it stays in the attribute table but off the map.
    """
    lat, lon = event.get("lat"), event.get("lon")
    located = lat is not None and lon is not None
    if not located and not event.get("place"):
        return None
    properties = flat(event, missing=None)
    properties.pop("lat")
    properties.pop("lon")
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [lon, lat]} if located else None,
        "properties": properties,
    }


def geojson(events: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """A GeoJSON FeatureCollection of the events that have a place; the second value
    counts the events left out for want of one, so the caller can say so."""
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
            "granularity": e.get("time_granularity"),
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
