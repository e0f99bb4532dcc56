"""Commands over stored events: ``storyline events`` and ``storyline export``.

Both read the same filtered selection (:class:`storyline.store.event_queries.EventFilters`)
the web app's events page uses, so a CSV from the terminal and a download from the browser
hold the same rows for the same filters.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

from storyline.commands.common import app, emit_csv, emit_json, err, parse_date, print_table, store
from storyline.exports import CSV_COLUMNS, csv_row, figure_text, geojson, roles_text, timeline
from storyline.store.event_queries import (
    CERTAINTIES,
    STATUS_FILTERS,
    EventFilters,
    iter_events,
    known_types,
)
from storyline.timespan import when_text


class EventFormat(StrEnum):
    """Output formats of ``storyline events``."""

    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    """Formats of ``storyline export events``."""

    geojson = "geojson"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class TimelineFormat(StrEnum):
    """Formats of ``storyline export timeline``."""

    json = "json"
    csv = "csv"


TypeOption = Annotated[
    str | None,
    typer.Option("--type", help="Event type, e.g. enlistment (see: storyline codebook show)."),
]
SinceOption = Annotated[
    str | None, typer.Option(help="Only events whose time ends on or after this date.")
]
UntilOption = Annotated[
    str | None, typer.Option(help="Only events whose time starts on or before this date.")
]
PlaceOption = Annotated[
    str | None,
    typer.Option(
        help="A place as resolved, with the places inside it (Saint Petersburg: the city and"
        " facilities in it; Russia or RU: every place in the country), or words of its name."
    ),
]
CertaintyOption = Annotated[str | None, typer.Option(help=f"One of {', '.join(CERTAINTIES)}.")]
StatusOption = Annotated[
    str | None,
    typer.Option(
        "--status",
        help=f"Review status: {', '.join(STATUS_FILTERS)} (default: all but rejected).",
    ),
]
SourceOption = Annotated[
    str | None, typer.Option(help="Words of the source's name, or 'none' for unattributed.")
]
DocumentOption = Annotated[int | None, typer.Option(help="Only this document's events.")]


def _filters(
    type: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    certainty: str | None,
    status: str | None,
    source: str | None,
    document: int | None,
) -> EventFilters:
    if certainty and certainty not in CERTAINTIES:
        raise typer.BadParameter(f"use one of {', '.join(CERTAINTIES)}", param_hint="--certainty")
    if status and status not in STATUS_FILTERS:
        raise typer.BadParameter(f"use one of {', '.join(STATUS_FILTERS)}", param_hint="--status")
    if type:
        types = known_types(store())
        if type not in types:
            raise typer.BadParameter(f"use one of {', '.join(types)}", param_hint="--type")
    country = _country(place) if place else None
    return EventFilters(
        type=type,
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        country=country,
        place=None if country else place,
        certainty=certainty,
        status=status,
        source=source,
        document=document,
        sort="time",
    )


def _country(name: str) -> str | None:
    """ISO code of a country given by name or code ("Russia", "UK", "RU"), else ``None``,
    read from the same gazetteer that places events (storyline.places)."""
    from storyline.places.gazetteer import gazetteer

    wanted = name.strip()
    countries = [c.place for c in gazetteer().lookup(wanted) if c.place.feature == "country"]
    if countries:
        return countries[0].country
    if len(wanted) == 2 and wanted.isalpha():
        code = wanted.upper()
        return code if code in gazetteer().countries else None
    return None


def _selection(
    filters: EventFilters, limit: int | None = None, *, redact: bool = False
) -> list[dict[str, Any]]:
    """The selected events as objects; ``redact`` blacks out protected witnesses, as every
    export must (DESIGN §1.5)."""
    rows = []
    for listing in iter_events(store(), filters):
        rows.append(listing.as_json(redact=redact))
        if limit is not None and len(rows) >= limit:
            break
    return rows


@app.command()
def events(
    type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    certainty: CertaintyOption = None,
    status: StatusOption = None,
    source: SourceOption = None,
    document: DocumentOption = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 200,
    format: Annotated[
        EventFormat, typer.Option("--format", help="table, json or csv.")
    ] = EventFormat.table,
) -> None:
    """List stored events, filtered, in time order (undated events last).

    Examples:

      storyline events --type enlistment --since 2023-01-01 --place Russia --format csv

      storyline events --document 3 --certainty reported
    """
    filters = _filters(type, since, until, place, certainty, status, source, document)
    rows = _selection(filters, limit)
    if format is EventFormat.json:
        emit_json(rows)
    elif format is EventFormat.csv:
        emit_csv(CSV_COLUMNS, [csv_row(r) for r in rows])
    else:
        print_table(
            None,
            ["id", "doc", "type", "when", "place", "figure", "certainty", "source", "roles"],
            [
                [
                    r["id"],
                    r["document"],
                    r["type"],
                    _when(r),
                    _place(r),
                    figure_text(r),
                    r["certainty"],
                    r["source"],
                    roles_text(
                        {
                            k: v
                            for k, v in r["roles"].items()
                            if k not in {"time", "place", "source"}
                        }
                    ),
                ]
                for r in rows
            ],
        )
        err.print(f"{len(rows)} events", highlight=False)


def _place(row: dict[str, Any]) -> str:
    """``Ukraine (country)``: the place with how exact its point is."""
    place, precision = row.get("place"), row.get("precision")
    if not place:
        return ""
    return f"{place} ({precision})" if precision else str(place)


def _when(row: dict[str, Any]) -> str:
    return when_text(row.get("time_start"), row.get("time_end"), row.get("time_granularity"))


export_app = typer.Typer(
    help="Write the event record for other tools: GeoJSON for maps, CSV, JSON, a timeline.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")


@export_app.command("events")
def export_events(
    type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    certainty: CertaintyOption = None,
    status: StatusOption = None,
    source: SourceOption = None,
    document: DocumentOption = None,
    format: Annotated[
        ExportFormat, typer.Option("--format", help="geojson, csv, json or jsonl.")
    ] = ExportFormat.geojson,
) -> None:
    """Export events (all, or the filtered selection) to standard output.

    GeoJSON holds the events whose place resolved to coordinates; it opens in QGIS or
    geojson.io as-is.

    Examples:

      storyline export events --format geojson > events.geojson

      storyline export events --type casualty --format csv > casualties.csv
    """
    filters = _filters(type, since, until, place, certainty, status, source, document)
    rows = _selection(filters, redact=True)
    if format is ExportFormat.geojson:
        collection, skipped = geojson(rows)
        emit_json(collection)
        if skipped:
            err.print(
                f"{skipped} of {len(rows)} events have no mapped place and are not in the file"
            )
    elif format is ExportFormat.csv:
        emit_csv(CSV_COLUMNS, [csv_row(r) for r in rows])
    elif format is ExportFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        emit_json(rows)


@export_app.command("timeline")
def export_timeline(
    type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    place: PlaceOption = None,
    certainty: CertaintyOption = None,
    status: StatusOption = None,
    source: SourceOption = None,
    document: DocumentOption = None,
    format: Annotated[
        TimelineFormat, typer.Option("--format", help="json or csv.")
    ] = TimelineFormat.json,
) -> None:
    """Export dated events in time order: start, end, type, place, a summary and the source.

    Events without a resolved time are left out (set a document's publication date with
    `storyline set N --published` to resolve its relative dates).

    Example:

      storyline export timeline --format json > timeline.json
    """
    filters = _filters(type, since, until, place, certainty, status, source, document)
    entries = timeline(_selection(filters, redact=True))
    if format is TimelineFormat.csv:
        header = [
            "start",
            "end",
            "granularity",
            "type",
            "certainty",
            "place",
            "summary",
            "source",
            "event",
            "document",
        ]
        emit_csv(header, [[e[h] for h in header] for e in entries])
    else:
        emit_json(entries)
