"""storyline claims through the CLI: grouping across documents, reprints counted once,
figures compared, outlet grades, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow

FORTY = """Recruiters sign up inmates at Omsk colony

About 40 inmates at Penal Colony No. 7 near Omsk signed up to fight in Ukraine in May,
according to two former prisoners. The recruiters promised them pardons.
"""

NINETY = """Ninety Omsk prisoners enlist

Ninety inmates at Penal Colony No. 7 near Omsk signed up to fight in Ukraine in May, a
local lawyer said.
"""

REPOST = FORTY.replace("Omsk colony", "Omsk colony #Omsk") + "\n#Omsk #Ukraine #prisons\n"

PERM = """Perm colony recruits

About 60 inmates at a penal colony in Perm signed up in May, their relatives said.
"""


def _claims(cli, *args: str) -> list[dict]:
    result = cli("claims", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _add(cli, write, name: str, text: str, url: str) -> None:
    path = write(name, text)
    result = cli("add", str(path), "--published", "2024-06-20", "--url", url)
    assert result.exit_code == 0, result.stderr


def test_claims_group_independent_reports_and_flag_the_disagreement(cli, write) -> None:
    _add(cli, write, "forty.txt", FORTY, "https://omsk-news.example/a")
    _add(cli, write, "repost.txt", REPOST, "https://aggregator.example/b")
    _add(cli, write, "ninety.txt", NINETY, "https://siberia-daily.example/c")
    _add(cli, write, "perm.txt", PERM, "https://perm.example/d")
    groups = [g for g in _claims(cli) if g["type"] == "enlistment"]
    assert len(groups) == 1, groups
    [group] = groups
    assert sorted(e["document"] for e in group["events"]) == [1, 2, 3]
    assert group["independent_sources"] == 2, "the repost is the same story as document 1"
    assert group["contradiction"] is True
    [contradiction] = group["contradictions"]
    assert contradiction["kind"] == "figure"
    assert (
        "About 40 inmates" in contradiction["detail"]
        and "Ninety inmates" in contradiction["detail"]
    )
    assert group["credibility"] == 4
    only = _claims(cli, "--contradictions")
    assert [g["claim"] for g in only] == [group["claim"]]


def test_outlet_grades_raise_a_single_claim(cli, write) -> None:
    _add(cli, write, "perm.txt", PERM, "https://perm.example/d")
    [claim] = [g for g in _claims(cli, "--all") if g["type"] == "enlistment"]
    assert (claim["best_grade"], claim["credibility"]) == (None, 6)
    assert cli("outlet", "set", "perm.example", "--reliability", "B").exit_code == 0
    [claim] = [g for g in _claims(cli, "--all") if g["type"] == "enlistment"]
    assert (claim["best_grade"], claim["credibility"]) == ("B", 2)
    assert _claims(cli) == [], "without --all, only claims made by several documents"


def test_claims_table_and_empty_store(cli, write) -> None:
    result = cli("claims")
    assert result.exit_code == 0
    assert "0 claim groups" in result.stderr
    _add(cli, write, "forty.txt", FORTY, "https://omsk-news.example/a")
    _add(cli, write, "ninety.txt", NINETY, "https://siberia-daily.example/c")
    table = cli("claims")
    assert "enlistment" in table.stdout and "Ninety inmates" in table.stdout


def test_claims_read_in_batches_print_the_same(cli, write, monkeypatch) -> None:
    """``storyline claims`` reads and prints a batch of claims at a time (memory bounded at
    any store size); one claim per batch gives the same claims as one batch for all."""
    from storyline.commands import claims as command
    from storyline.store import claim_members

    for name, text, url in [
        ("forty.txt", FORTY, "https://omsk-news.example/a"),
        ("ninety.txt", NINETY, "https://siberia-daily.example/c"),
        ("perm.txt", PERM, "https://perm.example/d"),
    ]:
        _add(cli, write, name, text, url)
    whole = _claims(cli, "--all")
    table = cli("claims", "--all")
    assert len(whole) >= 3
    monkeypatch.setattr(claim_members, "READ_BATCH", 1)
    monkeypatch.setattr(command, "TABLE_ROWS", 1)
    assert _claims(cli, "--all") == whole
    assert [g["claim"] for g in whole] == sorted(g["claim"] for g in whole)
    batched = cli("claims", "--all")
    assert f"{len(whole)} claim groups" in batched.stderr
    assert batched.stderr == table.stderr
    for group in whole:
        assert f"│ {group['claim']} " in batched.stdout


def test_claims_assigns_events_that_wait_first_and_says_so(cli, write, store) -> None:
    """A store whose events are in no claim (built before claims were kept): the command
    assigns them first (the web app leaves that to it) and then lists the same claims."""
    from sqlalchemy import delete

    from storyline.store.schema import ClaimKeyRow, ClaimMemberRow, ClaimRow

    _add(cli, write, "forty.txt", FORTY, "https://omsk-news.example/a")
    _add(cli, write, "ninety.txt", NINETY, "https://siberia-daily.example/c")
    before = _claims(cli)
    with store.sessions.begin() as session:
        for table in (ClaimKeyRow, ClaimMemberRow, ClaimRow):
            session.execute(delete(table))
    result = cli("claims", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "assigned" in result.stderr and "events to claims" in result.stderr
    assert [g["events"] for g in json.loads(result.stdout)] == [g["events"] for g in before]
    again = cli("claims", "--format", "json")
    assert "assigned" not in again.stderr, "nothing waits the second time"
