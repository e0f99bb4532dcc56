"""Downloads of an events selection: CSV, JSON and GeoJSON, streamed.

The rows are exactly the events table's: the same filters and order
(:func:`storyline.store.event_queries.iter_events`), and the columns are those of
``storyline export events`` (:mod:`storyline.exports`). Streaming keeps memory flat
for 100,000 events. Texts of protected mentions (witnesses) are blacked out in every
export, whoever downloads it (DESIGN §1.5): files travel further than the app.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from fastapi.responses import StreamingResponse

from storyline.csv_writer import SafeWriter
from storyline.exports import CSV_COLUMNS, geojson_feature
from storyline.exports import csv_row as csv_values
from storyline.store.db import Store
from storyline.store.event_queries import EventFilters, EventListing, iter_events

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}


def csv_row(row: EventListing) -> list[object]:
    """One CSV line of an event, protected texts blacked out (columns: CSV_COLUMNS)."""
    return csv_values(row.as_json(redact=True))


def _csv(rows: Iterator[EventListing]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
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
        feature = geojson_feature(row.as_json(redact=True))
        if feature is None:
            continue  # GeoJSON holds only events with a place on the map
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
