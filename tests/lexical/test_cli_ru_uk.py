"""A Russian report through the CLI and the store: mentions and events are stored, and a
publication date set later resolves its relative dates (real SQLite, and PostgreSQL when
the suite runs with it)."""

from __future__ import annotations

import json

REPORT = (
    "Вербовщики увезли заключённых\n\n"
    "По словам правозащитников, в конце мая вербовщики завербовали около 200 заключённых "
    "исправительной колонии для войны. В прошлом году колонию уже посещали."
)


def test_a_russian_report_is_extracted_and_its_dates_resolve_later(cli) -> None:
    added = cli("add", "-", "--title", "Вербовщики", "--format", "json", input=REPORT)
    assert added.exit_code == 0, added.stderr
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    assert shown["document"]["language"] == "ru"
    by_text = {m["text"]: m for m in shown["mentions"] if m["kind"] != "entity"}
    assert by_text["около 200 заключённых"]["value"] == 200
    assert by_text["По словам правозащитников"]["anonymous"] is True
    assert by_text["конце мая"]["resolved"] is False  # no publication date yet
    assert [(e["type"], e["text"]) for e in shown["events"]] == [
        ("enlistment", "завербовали"),
        ("recruitment_visit", "посещали"),
    ]
    assert shown["events"][0]["certainty"] == "reported"

    assert cli("set", "1", "--published", "2024-06-20").exit_code == 0
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    times = {m["text"]: m for m in shown["mentions"] if m["kind"] == "time"}
    assert (times["конце мая"]["start_date"], times["конце мая"]["end_date"]) == (
        "2024-05-21",
        "2024-05-31",
    )
    assert times["прошлом году"]["start_date"] == "2023-01-01"
    assert times["прошлом году"]["resolved"] is True
