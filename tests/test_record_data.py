"""The record as data (issue 14): figures as typed columns, places with a precision and no
capital points, rejected events out of every default view, closed-vocabulary filters,
places filtered by meaning, dates at their granularity, formula-safe CSV (issue 15.10).
Through the real CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest

from storyline.store import review
from storyline.store.db import open_store

pytestmark = pytest.mark.slow

COUNTRY = """Convicts killed in Ukraine

Tens of thousands of Russian prisoners who signed military contracts since 2022 have been
killed in Ukraine, researchers said.

About 120 men from a colony near Omsk enlisted in 2023, according to two former inmates.
"""

COLONY = """Recruiters return to the colony

Military recruiters visited a penal colony outside St. Petersburg in late May, according to
two former inmates. They offered inmates contracts as snipers for six months in exchange for
a pardon and 200,000 rubles a month.

About 40 of the colony's 400 inmates signed up last month, the former inmates said.
"""


def _add(cli, write) -> None:
    result = cli(
        "add",
        str(write("country.txt", COUNTRY)),
        str(write("colony.txt", COLONY)),
        "--published",
        "2024-06-20",
        "--url",
        "https://example.org/report",
    )
    assert result.exit_code == 0, result.stderr


def _events(cli, *args: str) -> list[dict]:
    result = cli("events", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_csv_has_one_row_per_event_with_typed_figures_and_the_report(cli, write) -> None:
    _add(cli, write)
    result = cli("events", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(_events(cli)) == len({r["id"] for r in rows})
    enlisted = next(r for r in rows if r["type"] == "enlistment" and r["document"] == "2")
    assert (int(enlisted["value"]), enlisted["unit"], enlisted["approximate"]) == (
        40,
        "person",
        "True",
    )
    casualty = next(r for r in rows if r["type"] == "casualty")
    assert (float(casualty["low"]), float(casualty["high"])) == (10_000, 100_000)
    assert casualty["value"] == ""
    assert "prisoners" in casualty["counts"]
    assert {r["url"] for r in rows} == {"https://example.org/report"}
    assert {r["published"] for r in rows} == {"2024-06-20"}
    offer = next(r for r in rows if r["type"] == "contract_offer")
    assert (int(offer["value"]), offer["unit"]) == (200_000, "RUB")


def test_json_figures_are_numbers(cli, write) -> None:
    _add(cli, write)
    enlisted = next(e for e in _events(cli, "--type", "enlistment") if e["document"] == 2)
    assert enlisted["value"] == 40 and isinstance(enlisted["value"], int)
    assert enlisted["outlet"] is None and enlisted["published"] == "2024-06-20"


def test_country_level_places_have_no_capital_point(cli, write) -> None:
    _add(cli, write)
    casualty = _events(cli, "--type", "casualty")[0]
    assert (casualty["place"], casualty["precision"], casualty["country"]) == (
        "Ukraine",
        "country",
        "UA",
    )
    assert casualty["lat"] is None and casualty["lon"] is None  # never Kyiv
    result = cli("export", "events", "--format", "geojson")
    assert result.exit_code == 0, result.stderr
    features = json.loads(result.stdout)["features"]
    assert features and all(f["properties"]["precision"] for f in features)
    by_place = {f["properties"]["place"]: f for f in features}
    assert by_place["Ukraine"]["geometry"] is None
    omsk = next(f for p, f in by_place.items() if "Omsk" in p)
    assert omsk["properties"]["precision"] == "city"
    lon, lat = omsk["geometry"]["coordinates"]
    assert 73 < lon < 74 and 54 < lat < 56
    assert omsk["properties"]["value"] == 120  # typed, not "120"


def test_place_filter_matches_the_resolved_place_and_places_inside_it(cli, write) -> None:
    _add(cli, write)
    petersburg = _events(cli, "--place", "Saint Petersburg")
    assert {e["type"] for e in petersburg} >= {"recruitment_visit", "contract_offer"}
    assert all("St. Petersburg" in (e["place"] or "") for e in petersburg)
    omsk = _events(cli, "--place", "Omsk Oblast")  # the facility near the city, by region
    assert [e["place"] for e in omsk] == ["colony near Omsk"]
    assert _events(cli, "--place", "Novosibirsk") == []


def test_unknown_closed_vocabulary_filters_are_usage_errors(cli, write) -> None:
    _add(cli, write)
    result = cli("events", "--type", "enlistmnet")
    assert result.exit_code == 2
    assert "enlistment" in result.stderr and "recruitment_visit" in result.stderr
    assert cli("export", "events", "--type", "enlistmnet").exit_code == 2
    assert cli("events", "--status", "rejectd").exit_code == 2
    assert cli("events", "--type", "enlistment").exit_code == 0


def test_rejected_events_leave_every_default_view(cli, write, db_url, tmp_path) -> None:
    _add(cli, write)
    casualty = _events(cli, "--type", "casualty")[0]
    opened = open_store(db_url, tmp_path / "blobs")
    review.reject_event(opened, casualty["id"], "ana", "not in the report")
    opened.close()
    assert casualty["id"] not in {e["id"] for e in _events(cli)}
    for fmt in ("csv", "json", "geojson"):
        out = cli("export", "events", "--format", fmt).stdout
        assert '"casualty"' not in out and ",casualty," not in out
    assert "casualty" not in cli("export", "timeline").stdout
    assert [e["id"] for e in _events(cli, "--status", "rejected")] == [casualty["id"]]
    assert casualty["id"] in {e["id"] for e in _events(cli, "--status", "all")}


def test_correcting_the_place_replaces_it_in_the_roles(cli, write, db_url, tmp_path) -> None:
    _add(cli, write)
    visit = _events(cli, "--type", "recruitment_visit")[0]
    opened = open_store(db_url, tmp_path / "blobs")
    review.correct_event(opened, visit["id"], "ana", {"place": "Omsk"})
    opened.close()
    corrected = _events(cli, "--type", "recruitment_visit")[0]
    assert [f["text"] for f in corrected["roles"]["place"]] == ["Omsk"]
    assert "St. Petersburg" not in json.dumps(corrected["roles"]["place"])
    assert (corrected["precision"], round(corrected["lon"])) == ("city", 73)
    assert corrected["id"] in {e["id"] for e in _events(cli, "--place", "Omsk")}
    opened = open_store(db_url, tmp_path / "blobs")
    review.correct_event(opened, visit["id"], "bo", {"place": "Kyiv", "lat": "50.5"})
    opened.close()
    again = _events(cli, "--type", "recruitment_visit")[0]
    assert [f["text"] for f in again["roles"]["place"]] == ["Kyiv"]
    assert (again["country"], again["lat"]) == ("UA", 50.5)  # what the reviewer typed wins


def test_open_ranges_and_years_are_not_days(cli, write) -> None:
    _add(cli, write)
    signed = next(
        e for e in _events(cli, "--document", "1") if e["trigger"]["text"].startswith("signed")
    )
    assert (signed["time_start"], signed["time_end"], signed["time_granularity"]) == (
        "2022-01-01",
        None,
        "open",
    )
    # "since 2022" is still going on in 2024: an open range overlaps later intervals.
    assert signed["id"] in {e["id"] for e in _events(cli, "--since", "2024-01-01")}
    table = cli("events", "--document", "1").stdout
    assert "since 2022" in table and "2022-01-01" not in table
    enlisted = next(e for e in _events(cli, "--type", "enlistment") if e["place"])
    assert enlisted["time_granularity"] == "year"
    assert "2023" in table and "2023-01-01" not in table
    timeline = json.loads(cli("export", "timeline").stdout)
    assert {e["granularity"] for e in timeline} >= {"open", "year"}


def test_csv_cells_that_would_run_as_formulas_are_neutralised(cli, write) -> None:
    text = '=HYPERLINK("http://evil.example","click")\n\n' + COLONY.split("\n\n", 1)[1]
    assert cli("add", str(write("evil.txt", text)), "--published", "2024-06-20").exit_code == 0
    for args in (("events", "--format", "csv"), ("export", "events", "--format", "csv")):
        rows = list(csv.DictReader(io.StringIO(cli(*args).stdout)))
        assert rows and all(r["document_title"].startswith("'=HYPERLINK") for r in rows)
    listed = cli("list", "--format", "csv").stdout
    assert "'=HYPERLINK" in listed and "\n=HYPERLINK" not in listed and ",=HYPERLINK" not in listed


def test_set_fixes_title_outlet_and_url_and_audits_it(cli, write, db_url, tmp_path) -> None:
    _add(cli, write)
    result = cli(
        "set",
        "1",
        "--title",
        "Convicts killed",
        "--outlet",
        "Siberian Ledger",
        "--url",
        "https://ledger.example/convicts",
        "--by",
        "ana",
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(cli("show", "1", "--format", "json").stdout)["document"]
    assert (document["title"], document["outlet"], document["url"]) == (
        "Convicts killed",
        "Siberian Ledger",
        "https://ledger.example/convicts",
    )
    rows = list(csv.DictReader(io.StringIO(cli("events", "--format", "csv").stdout)))
    assert {r["outlet"] for r in rows if r["document"] == "1"} == {"Siberian Ledger"}
    opened = open_store(db_url, tmp_path / "blobs")
    history = [h for h in review.history(opened, "document", 1) if h["action"] != "document.add"]
    opened.close()
    assert [(h["actor"], h["action"]) for h in history] == [("ana", "document.set")]
    assert history[0]["detail"]["changes"]["outlet"] == {"from": None, "to": "Siberian Ledger"}
    bad = cli("set", "1", "--url", "file:///etc/passwd")
    assert bad.exit_code == 2 and "http(s)" in bad.stderr
    assert cli("set", "1").exit_code == 2


def test_a_titled_paste_keeps_its_own_first_line(cli) -> None:
    paste = "Women recruited in Perm\n\nAbout 30 women signed contracts in March 2024.\n"
    result = cli("add", "-", "--title", "Telegram post", input=paste)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    assert shown["document"]["title"] == "Telegram post"
    assert "Women recruited in Perm" in shown["text"]


def test_the_migration_fills_stored_events_and_drops_capital_points(cli, write, db_url) -> None:
    """A store made before the figure columns: upgrading fills them from its mentions and
    takes the capital's point off its country-level events."""
    from pathlib import Path

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    import storyline.store.db as db
    from storyline.store.db import normalise_url

    _add(cli, write)
    config = Config()
    config.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    engine = create_engine(normalise_url(db_url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005_claims")
        connection.execute(text("UPDATE events SET lat = 50.45, lon = 30.52 WHERE country = 'UA'"))
    engine.dispose()
    casualty = _events(cli, "--type", "casualty")[0]  # the CLI opens the store: it upgrades
    assert (casualty["precision"], casualty["lat"], casualty["lon"]) == ("country", None, None)
    assert (casualty["low"], casualty["high"], casualty["unit"]) == (10_000, 100_000, "person")
    signed = _events(cli, "--since", "2024-01-01", "--document", "1")  # an open range
    assert [e["time_granularity"] for e in signed] == ["open"]
    omsk = _events(cli, "--place", "Omsk")
    assert [e["precision"] for e in omsk] == ["city"]
