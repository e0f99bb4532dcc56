"""events, export, codebook and add --codebook through the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from storyline.store.db import normalise_url
from storyline.store.schema import EventRow

pytestmark = pytest.mark.slow

COLONY = """Recruiters return to the colony

Military recruiters visited a penal colony outside Saint Petersburg in late May, according to
two former inmates. They offered inmates contracts as snipers for six months in exchange for
a pardon and 200,000 rubles a month.

About 40 of the colony's 400 inmates signed up last month, the former inmates said.
"""

STRIKE = """Dock strike

About 2,000 dock workers went on strike in Gdansk on Monday, the union said. Police detained
14 protesters outside the port authority.
"""

UNDATED = """Deserters caught

Three deserters from a convict unit were captured near Belgorod last week, a regional
official said.
"""


def _events(cli, *args: str) -> list[dict]:
    result = cli("events", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_add_stores_events_that_extract_prints(cli, write) -> None:
    path = write("colony.txt", COLONY)
    printed = json.loads(
        cli("extract", str(path), "--published", "2024-06-20", "--format", "json").stdout
    )
    assert {e["type"] for e in printed["events"]} >= {
        "recruitment_visit",
        "contract_offer",
        "enlistment",
    }
    assert cli("add", str(path), "--published", "2024-06-20").exit_code == 0
    stored = json.loads(cli("show", "1", "--format", "json").stdout)
    assert [
        {k: v for k, v in e.items() if k != "review_status"} for e in stored["events"]
    ] == printed["events"]
    assert all(e["review_status"] == "machine" for e in stored["events"])


def test_events_filters_by_type_time_and_country(cli, write) -> None:
    cli("add", str(write("colony.txt", COLONY)), "--published", "2024-06-20")
    cli("add", str(write("strike.txt", STRIKE)), "--published", "2024-06-20")
    everything = _events(cli)
    assert {e["document"] for e in everything} == {1}  # the strike is not in this codebook
    offers = _events(cli, "--type", "contract_offer", "--since", "2024-05-01", "--place", "Russia")
    assert [e["trigger"]["text"] for e in offers] == ["offered"]
    assert (offers[0]["time_start"], offers[0]["country"]) == ("2024-05-21", "RU")
    assert _events(cli, "--type", "contract_offer", "--place", "France") == []
    assert _events(cli, "--type", "contract_offer", "--place", "Petersburg") == offers
    enlistment = _events(cli, "--type", "enlistment", "--since", "2024-05-01")
    assert [e["time_start"] for e in enlistment] == ["2024-05-01"]
    assert _events(cli, "--type", "enlistment", "--until", "2024-04-30") == []
    visit = _events(cli, "--type", "recruitment_visit")[0]
    assert visit["certainty"] == "reported"
    assert visit["source"] == "two former inmates"


def test_events_csv_has_one_row_per_event(cli, write) -> None:
    cli("add", str(write("colony.txt", COLONY)), "--published", "2024-06-20")
    result = cli("events", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(_events(cli))
    offer = next(r for r in rows if r["type"] == "contract_offer")
    assert "money: 200,000 rubles a month" in offer["roles"]
    assert "position: snipers" in offer["roles"]


def test_export_geojson_is_a_valid_feature_collection(cli, write) -> None:
    cli("add", str(write("colony.txt", COLONY)), "--published", "2024-06-20")
    result = cli("export", "events", "--format", "geojson")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection"
    assert data["features"]
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        lon, lat = feature["geometry"]["coordinates"]
        assert 29 < lon < 32 and 59 < lat < 61, "Saint Petersburg, lon/lat order"
        assert feature["properties"]["country"] == "RU"


def test_export_timeline_is_in_time_order_and_leaves_undated_events_out(cli, write) -> None:
    cli("add", str(write("colony.txt", COLONY)), "--published", "2024-06-20")
    cli("add", str(write("undated.txt", UNDATED)))
    timeline = json.loads(cli("export", "timeline").stdout)
    starts = [entry["start"] for entry in timeline]
    assert starts == sorted(starts) and starts
    assert all(entry["document"] == 1 for entry in timeline)
    assert _events(cli, "--document", "2")[0]["time_start"] is None


def test_setting_the_publication_date_dates_the_events(cli, write, db_url) -> None:
    cli("add", str(write("undated.txt", UNDATED)))
    assert cli("set", "1", "--published", "2024-03-14").exit_code == 0
    capture = _events(cli, "--type", "desertion_or_capture")[0]
    assert (capture["time_start"], capture["time_end"]) == ("2024-03-04", "2024-03-10")
    engine = create_engine(normalise_url(db_url))
    with Session(engine) as session:
        # The capture is dated; the official's statement about it is not (its time would
        # be the time of saying, which the sentence does not give).
        row = session.scalars(
            select(EventRow).where(EventRow.type == "desertion_or_capture")
        ).first()
        assert row is not None and str(row.time_start) == "2024-03-04"
    engine.dispose()


def test_add_with_another_codebook(cli, write) -> None:
    path = write("strike.txt", STRIKE)
    assert cli("add", str(path), "--codebook", "protest-violence").exit_code == 0
    types = {e["type"] for e in _events(cli)}
    assert types == {"protest", "arrest"}
    shown = cli("show", "1")
    assert "protest-violence/1" in shown.stdout


def test_a_report_without_events_is_stored_with_none(cli, write) -> None:
    path = write("budget.txt", "Budget\n\nThe council discussed the library budget on Tuesday.\n")
    assert cli("add", str(path)).exit_code == 0
    assert _events(cli) == []


def test_bad_filters_are_usage_errors(cli) -> None:
    result = cli("events", "--certainty", "sure")
    assert result.exit_code == 2
    assert "use one of asserted, reported, possible, negated, unknown" in result.stderr
    assert cli("events", "--since", "May").exit_code == 2


def test_codebook_show_lists_types_and_roles(cli) -> None:
    result = cli("codebook", "show")
    assert result.exit_code == 0
    assert "prison-recruitment/1" in result.stdout and "contract_offer" in result.stdout
    data = json.loads(cli("codebook", "show", "protest-violence", "--format", "json").stdout)
    assert data["id"] == "protest-violence/1"
    assert {t["name"] for t in data["types"]} >= {"protest", "arrest"}


def test_codebook_check_reports_every_problem_with_its_line(cli, write) -> None:
    good = write(
        "ok.yaml",
        "codebook: port\nversion: 1\ntypes:\n  seizure:\n"
        "    description: A ship is seized.\n    triggers: {lemmas: [seize]}\n",
    )
    result = cli("codebook", "check", str(good))
    assert result.exit_code == 0 and "ok — codebook port/1, 1 event types" in result.stdout
    bad = write(
        "bad.yaml",
        "codebook: port\nversion: 1\ntypes:\n  seizure:\n    triggers: {lemmas: [offers]}\n"
        "    roles:\n      actor: {fill: [entity:SHIP]}\n  seizure:\n    triggers: {lemmas: [x]}\n",
    )
    result = cli("codebook", "check", str(bad))
    assert result.exit_code == 1
    assert f"error: {bad}:8: duplicate name 'seizure' (first at line 4)" in result.stderr
    bad.write_text(
        "codebook: port\nversion: 1\ntypes:\n  seizure:\n    triggers: {lemmas: [offers]}\n"
        "    roles:\n      actor: {fill: [entity:SHIP]}\n",
        encoding="utf-8",
    )
    result = cli("codebook", "check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:7: seizure.roles.actor.fill: unknown fill 'entity:SHIP'" in result.stderr
    assert "trigger 'offers' can never match" in result.stderr
    assert f"{bad}: 2 problems" in result.stderr
    assert cli("codebook", "check", str(write("broken.yaml", "types: [\n"))).exit_code == 1


def test_a_bad_codebook_stops_add_before_anything_is_stored(cli, write) -> None:
    bad = write("bad.yaml", "codebook: port\nversion: 1\ntypes: {}\n")
    result = cli("add", str(write("colony.txt", COLONY)), "--codebook", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}:3: types: give a mapping")
    assert json.loads(cli("list", "--format", "json").stdout) == []


def test_exports_black_out_protected_witnesses(cli, write, db_url) -> None:
    from sqlalchemy import update

    from storyline.store.schema import MentionRow

    cli("add", str(write("colony.txt", COLONY)), "--published", "2024-06-20")
    engine = create_engine(normalise_url(db_url))
    with Session(engine) as session:
        session.execute(
            update(MentionRow)
            .where(MentionRow.kind == "source", MentionRow.text.contains("two former inmates"))
            .values(sensitivity="protected")
        )
        session.commit()
    engine.dispose()
    # A mark made by hand in SQL is sealed the next time the store is opened, so `events`
    # (which used to print the name in csv and json) black it out like `export` does.
    listed = _events(cli, "--type", "recruitment_visit")
    assert listed[0]["source"] == "█" * len("two former inmates")
    for fmt in ("csv", "json", "table"):
        assert "two former inmates" not in cli("events", "--format", fmt).stdout, fmt
    for fmt in ("csv", "json", "geojson"):
        exported = cli("export", "events", "--format", fmt).stdout
        assert "two former inmates" not in exported, fmt
        assert "[protected]" in exported or "█" in exported, fmt
    assert "two former inmates" not in cli("export", "timeline").stdout


def test_an_overlong_filter_is_one_line_naming_it(cli) -> None:
    """Past SQLite's 50,000-byte LIKE limit this was a traceback; any length no name
    reaches is refused before the query, on both backends."""
    for option in ("--source", "--place"):
        result = cli("events", option, "a" * 50_001)
        assert result.exit_code == 1, option
        name = option.removeprefix("--")
        assert result.stderr.strip().splitlines() == [
            f"error: {name}: a filter may be at most 500 characters (this one has 50,001)"
        ]
