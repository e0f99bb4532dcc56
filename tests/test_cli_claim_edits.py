"""Claims kept in the store: stable ids as the record grows, and an editor's decisions
(split, merge, attach, detach, dismiss) that are audited and survive regrouping; on SQLite
and PostgreSQL, through the CLI."""

from __future__ import annotations

import json

import pytest

from storyline.store.db import open_store
from storyline.store.review import verify_chain

pytestmark = pytest.mark.slow

FORTY = """Recruiters sign up inmates at Omsk colony

About 40 inmates at Penal Colony No. 7 near Omsk signed up to fight in Ukraine in May,
according to two former prisoners.
"""

NINETY = """Ninety Omsk prisoners enlist

Ninety inmates at Penal Colony No. 7 near Omsk signed up to fight in Ukraine in May, a
local lawyer said.
"""

PERM = """Perm colony recruits

About 60 inmates at a penal colony in Perm signed up in May, their relatives said.
"""

KYIV = """Kyiv frees convicts for the army

About 300 Ukrainian convicts were released in Kyiv in May to join the Ukrainian army,
the Justice Ministry said.
"""


def _add(cli, write, name: str, text: str, url: str) -> None:
    result = cli("add", str(write(name, text)), "--published", "2024-06-20", "--url", url)
    assert result.exit_code == 0, result.stderr


def _enlistments(cli, *args: str) -> list[dict]:
    result = cli("claims", "--all", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [g for g in json.loads(result.stdout) if g["type"] == "enlistment"]


def _claim_of(groups: list[dict], document: int) -> int:
    return next(g["claim"] for g in groups for e in g["events"] if e["document"] == document)


def test_claim_ids_stay_the_same_as_the_record_grows(cli, write) -> None:
    _add(cli, write, "forty.txt", FORTY, "https://omsk-news.example/a")
    first = _claim_of(_enlistments(cli), 1)
    _add(cli, write, "perm.txt", PERM, "https://perm.example/d")
    _add(cli, write, "ninety.txt", NINETY, "https://siberia-daily.example/c")
    _add(cli, write, "kyiv.txt", KYIV, "https://kyiv.example/k")
    groups = _enlistments(cli)
    assert _claim_of(groups, 1) == first, "a claim keeps its id when others are added"
    assert _claim_of(groups, 3) == first, "the agreeing report joined the existing claim"
    assert _claim_of(groups, 2) != first
    shown = cli("claim", "show", str(first))
    assert shown.exit_code == 0 and f"claim {first}: " in shown.stdout
    assert "independent stories" in shown.stdout and "why: " in shown.stdout


def test_editor_decisions_are_audited_and_survive_regrouping(cli, write, db_url, tmp_path) -> None:
    _add(cli, write, "forty.txt", FORTY, "https://omsk-news.example/a")
    _add(cli, write, "ninety.txt", NINETY, "https://siberia-daily.example/c")
    [group] = [g for g in _enlistments(cli) if len(g["events"]) == 2]
    claim = group["claim"]
    [contradiction] = group["contradictions"]
    dismissed = cli("claim", "dismiss", str(claim), contradiction["key"], "--by", "ed")
    assert dismissed.exit_code == 0, dismissed.stderr
    second = next(e["event"] for e in group["events"] if e["document"] == 2)
    split = cli("claim", "split", str(claim), str(second), "--by", "ed", "--note", "two counts")
    assert split.exit_code == 0, split.stderr
    assert cli("claims", "--rebuild").exit_code == 0
    _add(cli, write, "perm.txt", PERM, "https://perm.example/d")
    groups = _enlistments(cli)
    assert _claim_of(groups, 1) == claim and _claim_of(groups, 2) != claim, "split survives"
    merged = cli("claim", "merge", str(claim), str(_claim_of(groups, 2)), "--by", "ed")
    assert merged.exit_code == 0, merged.stderr
    [group] = [g for g in _enlistments(cli, "--rebuild") if g["claim"] == claim]
    assert sorted(e["document"] for e in group["events"]) == [1, 2]
    assert group["contradictions"] == [], "the dismissed contradiction stays dismissed"
    detached = cli("claim", "detach", str(second), "--by", "ed")
    assert detached.exit_code == 0 and "is now claim" in detached.stdout
    attached = cli("claim", "attach", str(second), str(claim), "--by", "ed")
    assert attached.exit_code == 0, attached.stderr
    store = open_store(db_url, tmp_path / "blobs")
    try:
        report = verify_chain(store)
        assert report.ok, report
        with store.sessions() as session:
            from sqlalchemy import select

            from storyline.store.schema import AuditRow

            actions = list(session.scalars(select(AuditRow.action).order_by(AuditRow.id)))
    finally:
        store.close()
    edits = [a for a in actions if "." not in a]  # adds and rebuilds are audited too
    assert edits == ["dismiss_contradiction", "split", "merge", "detach", "attach"]
    assert actions.count("document.add") == 3 and actions.count("claims.rebuild") == 2


def test_bad_editor_requests_are_one_line_errors(cli, write) -> None:
    _add(cli, write, "forty.txt", FORTY, "https://omsk-news.example/a")
    _add(cli, write, "kyiv.txt", KYIV, "https://kyiv.example/k")
    claim = _claim_of(_enlistments(cli), 1)
    missing = cli("claim", "merge", str(claim), "9999")
    assert missing.exit_code != 0 and "no such claim" in missing.stderr
    assert "Traceback" not in missing.stderr
    wrong = cli("claim", "dismiss", str(claim), "figure:quantity:1:2")
    assert wrong.exit_code != 0 and "no open contradiction" in wrong.stderr
    itself = cli("claim", "merge", str(claim), str(claim))
    assert itself.exit_code != 0 and "itself" in itself.stderr


RUSSIAN_LAW = """Russian suspects may enlist instead of trial

A law adopted in Moscow this spring allows suspects to sign a military contract instead of
standing trial. Russian lawyers in Omsk and Perm say Russian investigators use it widely.
"""

UKRAINIAN_LAW = """Ukraine lets convicts serve

A law allowing some Ukrainian convicts to enlist came into force this spring, the Ukrainian
Justice Ministry in Kyiv said. Ukrainian prisons in Lviv and Odesa began the paperwork.
"""


def test_a_russian_and_a_ukrainian_law_are_never_one_claim(cli, write) -> None:
    _add(cli, write, "ru.txt", RUSSIAN_LAW, "https://omsk-news.example/law")
    _add(cli, write, "ua.txt", UKRAINIAN_LAW, "https://kyiv.example/law")
    result = cli("claims", "--format", "json")
    assert result.exit_code == 0, result.stderr
    mixed = [g for g in json.loads(result.stdout) if len({e["document"] for e in g["events"]}) > 1]
    assert mixed == [], "the reports are about different countries' programmes"


def test_claims_say_when_they_rest_on_anonymous_sources_only(cli, write) -> None:
    _add(cli, write, "forty.txt", FORTY, "https://omsk-news.example/a")
    _add(cli, write, "ninety.txt", NINETY, "https://siberia-daily.example/c")
    _add(cli, write, "kyiv.txt", KYIV, "https://kyiv.example/k")
    groups = _enlistments(cli)
    [omsk] = [g for g in groups if sorted(e["document"] for e in g["events"]) == [1, 2]]
    assert omsk["anonymous_only"] is True, "two former prisoners and a local lawyer, unnamed"
    assert "only anonymous sources" in omsk["standing"]
    result = cli("claims", "--all", "--format", "json")
    kyiv = [g for g in json.loads(result.stdout) if any(e["document"] == 3 for e in g["events"])]
    assert kyiv and not any(g["anonymous_only"] for g in kyiv), "the Justice Ministry is named"
