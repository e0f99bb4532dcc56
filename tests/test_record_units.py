"""Pieces of the record as data, one behaviour each: formula-safe CSV cells, dates at their
granularity, and how exact a place's point is."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from storyline.csv_writer import SafeWriter, safe_cell
from storyline.places.precision import place_columns
from storyline.timespan import coarse_label, when_text, within_a_month


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+7 495 000", "'+7 495 000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("About 40 inmates", "About 40 inmates"),
        (-37.5, -37.5),  # a negative longitude is data, and stays a number
        (None, None),
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(cell: object, written: object) -> None:
    assert safe_cell(cell) == written


def test_the_safe_writer_writes_parseable_csv() -> None:
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(["title", "lon"])
    writer.writerows([["=cmd|' /C calc'!A0", -73.4]])
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [
        ["title", "lon"],
        ["'=cmd|' /C calc'!A0", "-73.4"],
    ]


@pytest.mark.parametrize(
    ("start", "end", "granularity", "text"),
    [
        ("2022-01-01", None, "open", "since 2022"),
        ("2022-06-01", None, "open", "since 2022-06"),
        ("2023-01-01", "2023-12-31", "year", "2023"),
        ("2023-05-01", "2023-05-31", "month", "2023-05"),
        ("2024-03-04", "2024-03-10", "week", "2024-03-04..2024-03-10"),
        ("2024-06-13", None, "day", "2024-06-13"),
        (None, None, None, ""),
    ],
)
def test_dates_read_at_their_granularity(
    start: str | None, end: str | None, granularity: str | None, text: str
) -> None:
    assert when_text(start, end, granularity) == text


def test_only_events_within_a_month_go_on_a_monthly_chart() -> None:
    assert within_a_month(date(2024, 5, 21), date(2024, 5, 31), "part-of-month")
    assert within_a_month(date(2024, 6, 13), None, "day")
    assert not within_a_month(date(2023, 1, 1), date(2023, 12, 31), "year")
    assert not within_a_month(date(2022, 1, 1), None, "open")
    assert coarse_label(2022, 2022, "season") == "2022 (season)"
    assert coarse_label(2022, None, "open") == "since 2022"
    assert coarse_label(2023, 2023, "year") == "2023"


RUSSIA = {"lat": 55.75, "lon": 37.62, "country": "RU", "feature": "country", "point": "capital"}
SARATOV_REGION = {
    "lat": 51.54,
    "lon": 45.99,
    "country": "RU",
    "feature": "region",
    "code": "RU-SAR",
    "point": "capital",
}
OMSK = {"lat": 54.99, "lon": 73.37, "country": "RU", "feature": "city", "geonameid": 1496153}


def test_a_country_has_a_precision_and_no_point() -> None:
    columns = place_columns(RUSSIA)
    assert (columns.precision, columns.country, columns.lat, columns.lon) == (
        "country",
        "RU",
        None,
        None,
    )


def test_a_facility_is_as_exact_as_the_place_it_is_tied_to() -> None:
    in_region = {**SARATOV_REGION, "feature": "facility", "near": "E5", "precision": "in region"}
    columns = place_columns(in_region, {"E5": SARATOV_REGION})
    assert (columns.precision, columns.region, columns.lat) == ("region", "RU.67", 51.54)
    near_city = {**OMSK, "feature": "facility", "geonameid": None, "near": "E2"}
    columns = place_columns(near_city, {"E2": OMSK})
    assert (columns.precision, columns.geonameid, columns.region) == ("city", 1496153, "RU.54")
    assert place_columns(None).precision is None
