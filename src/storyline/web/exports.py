"""Downloads of an events selection: CSV, JSON and GeoJSON, streamed.

The rows are exactly the events table's: the same filters and order
(:func:`storyline.store.event_queries.iter_events`) and, for CSV, the same columns the
table shows plus the ids a script needs to join them back. Streaming keeps memory flat
for 100,000 events. Texts of protected mentions (witnesses) are blacked out in every
export, whoever downloads it (DESIGN §1.5): files travel further than the app.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from fastapi.responses import StreamingResponse

from storyline.store.db import Store
from storyline.store.event_queries import EventFilters, EventListing, iter_events

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}
CSV_COLUMNS = [
    "id",
    "document",
    "document_title",
    "outlet",
    "key",
    "type",
    "trigger",
    "time_start",
    "time_end",
    "place",
    "country",
    "lat",
    "lon",
    "certainty",
    "source",
    "review_status",
]


def csv_row(row: EventListing) -> list[object]:
    """One CSV line of an event (a table row plus ids), protected texts blacked out."""
    data = row.as_json(redact=True)
    data["trigger"] = data["trigger"]["text"]
    return ["" if data.get(c) is None else data[c] for c in CSV_COLUMNS]


def _csv(rows: Iterator[EventListing]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for index, row in enumerate(rows, 1):
        writer.writerow(csv_row(row))
        if index % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(rows: Iterator[EventListing]) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        yield (
            ("," if index else "") + "\n" + json.dumps(row.as_json(redact=True), ensure_ascii=False)
        )
    yield "\n]\n"


def _geojson(rows: Iterator[EventListing]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row in rows:
        event = row.event
        if event.lat is None or event.lon is None:
            continue  # GeoJSON holds only events with a place on the map
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]},
            "properties": row.as_json(redact=True),
        }
        yield ("" if first else ",") + "\n" + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def download(store: Store, filters: EventFilters, format: str) -> StreamingResponse:
    """The selection as a file download in ``format`` (csv, json or geojson)."""
    rows = iter_events(store, filters)
    body = {"csv": _csv, "json": _json, "geojson": _geojson}[format](rows)
    return StreamingResponse(
        body,
        media_type=FORMATS[format],
        headers={"Content-Disposition": f'attachment; filename="storyline-events.{format}"'},
    )
