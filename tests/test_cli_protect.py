"""``storyline protect``: the CLI way to protect a witness (issue 15, item 1), and the
listings that used to print a protected name (``events --format csv|json``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from storyline.store.db import normalise_url
from storyline.store.schema import AuditRow

pytestmark = pytest.mark.slow

REPORT = """Recruiters return to the colony

Recruiters visited Penal Colony No. 7 near Tverskaya in late May 2024, said Zara Kowalski, a
former inmate. Kowalski said about 40 inmates signed contracts after they were offered a pardon.
"""


def _source_key(cli) -> str:
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    return next(
        m["id"] for m in shown["mentions"] if m["kind"] == "source" and "Kowalski" in m["text"]
    )


def test_protect_hides_a_witness_from_every_listing_until_undone(
    cli, write, db_url: str, tmp_path: Path
) -> None:
    cli("add", str(write("colony.txt", REPORT)), "--published", "2024-06-20")
    key = _source_key(cli)
    assert "Kowalski" in cli("events", "--format", "json").stdout
    done = cli("protect", "1", key, "--by", "alice")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("document 1: protected mentions")
    for args in (
        ("events", "--format", "json"),
        ("events", "--format", "csv"),
        ("events",),
        ("show", "1"),
        ("show", "1", "--mentions"),
        ("show", "1", "--format", "json"),
        ("export", "events", "--format", "csv"),
        ("list", "--search", "Zara", "--format", "json"),
    ):
        shown = cli(*args).stdout
        assert "Kowalski" not in shown and "Zara" not in shown, args
    assert "Penal Colony No. 7" in cli("show", "1").stdout, "the rest of the report stays"
    assert oct((tmp_path / "blobs.key").stat().st_mode & 0o777) == "0o600"
    refused = cli("protect", "1", "s99")
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines() == [
        "error: document 1 has no mention or entity s99 (mention keys look like s1, entity "
        "keys like E1)"
    ]
    undone = cli("protect", "1", key, "--undo", "--by", "alice")
    assert undone.exit_code == 0, undone.stderr
    assert "Zara Kowalski" in cli("show", "1").stdout
    engine = create_engine(normalise_url(db_url))
    with Session(engine) as session:
        rows = session.scalars(select(AuditRow).order_by(AuditRow.id))
        audit = [(r.actor, r.action) for r in rows]
    engine.dispose()
    assert audit[-2:] == [("alice", "document.protect"), ("alice", "document.unprotect")]
    assert not [a for a in audit if a[0].startswith("system:")], "nothing re-sealed on open"


TWO_WITNESSES = """Two mothers speak about the colony

Recruiters visited Penal Colony No. 7 near Tverskaya in late May 2024, said Zara Kowalski,
whose son is an inmate. Vera Nowinski said about 40 inmates signed contracts after they were
offered a pardon. Kowalski said her son refused; Nowinski said hers did not.
"""


def _record(cli) -> dict:
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    return {k: shown[k] for k in ("document", "text", "mentions", "entities", "events")}


def _witness_key(cli, surname: str) -> str:
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    return next(
        m["id"] for m in shown["mentions"] if m["kind"] == "source" and surname in m["text"]
    )


def test_freeing_one_witness_leaves_a_same_length_name_exactly_as_protected(cli, write) -> None:
    """Kowalski and Nowinski have names of the same length: freeing Kowalski must give back
    her name where it was, and nowhere that Nowinski's was (it used to be put back into any
    blacked-out run of its length, in entity names and events' JSON)."""
    cli("add", str(write("mothers.txt", TWO_WITNESSES)), "--published", "2024-06-20")
    kowalski, nowinski = _witness_key(cli, "Kowalski"), _witness_key(cli, "Nowinski")
    assert cli("protect", "1", nowinski).exit_code == 0
    only_nowinski = _record(cli)
    assert "Nowinski" not in json.dumps(only_nowinski)
    assert cli("protect", "1", kowalski).exit_code == 0
    both = json.dumps(_record(cli))
    assert "Kowalski" not in both and "Nowinski" not in both
    undone = cli("protect", "1", kowalski, "--undo")
    assert undone.exit_code == 0, undone.stderr
    assert _record(cli) == only_nowinski
