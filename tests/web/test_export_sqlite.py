"""``storyline export sqlite``: a publishable copy that holds the record and no secrets."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storyline.store import accounts
from storyline.store.db import Store
from storyline.store.schema import EventRow, MentionRow

SECRET_COLUMNS = {"password_hash", "token_hash", "hash", "prev_hash", "sha256", "input", "review"}


def _protect_sources(store: Store, document: int) -> None:
    with store.sessions.begin() as session:
        for mention in session.scalars(
            select(MentionRow).where(
                MentionRow.kind == "source", MentionRow.document_id == document
            )
        ):
            mention.sensitivity = "protected"


def test_the_export_opens_holds_the_record_and_no_secrets(
    store: Store, seeded: Any, cli: Callable[..., Any], tmp_path: Path
) -> None:
    account = accounts.add_user(store, "zed-the-auditor", "correct horse battery", "admin")
    token = accounts.create_api_token(store, "zed-the-auditor", "nightly")
    session_token = accounts.create_session(store, account)
    _protect_sources(store, seeded.colony)
    _protect_sources(store, seeded.reprint)
    with store.sessions.begin() as session:
        rejected = session.get(EventRow, seeded.events["contract"])
        assert rejected is not None
        rejected.review_status = "rejected"
    out = tmp_path / "site" / "record.db"
    out.parent.mkdir()

    result = cli("export", "sqlite", str(out))
    assert result.exit_code == 0, result.stderr
    assert "3 events" in result.stdout

    db = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
    tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "events", "mentions", "entities"} <= tables
    assert not tables & {"users", "sessions", "api_tokens", "audit_log", "captures"}
    assert all(t.startswith(("documents", "events", "mentions", "entities")) for t in tables)
    columns = {c for t in tables for c in (r[1] for r in db.execute(f'PRAGMA table_info("{t}")'))}
    assert not columns & SECRET_COLUMNS
    dump = "\n".join(db.iterdump())
    for secret in ("zed-the-auditor", token, session_token, accounts.token_hash(token)):
        assert secret not in dump
    assert "two former inmates" not in dump  # the protected source, blacked out
    assert "█" * len("two former inmates") in dump

    # One row per event, typed columns a spreadsheet or Datasette can facet on.
    events = db.execute(
        "SELECT type, place, lat, review_status, outlet FROM events ORDER BY id"
    ).fetchall()
    assert len(events) == 3  # the rejected one is not published
    assert ("recruitment_visit", "Tverskaya", 56.86, "machine", "northern-courier") in events
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (3,)
    hits = db.execute(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'ombudsman'"
    ).fetchall()
    assert hits == [(seeded.flood,)]
    db.close()
    assert not out.stat().st_mode & 0o222  # read-only

    metadata = json.loads((out.parent / "metadata.json").read_text())
    tables_meta = metadata["databases"]["record"]["tables"]
    assert tables_meta["documents"]["fts_table"] == "documents_fts"
    assert "type" in tables_meta["events"]["facets"]


def test_an_existing_file_is_refused_and_left_alone(
    seeded: Any, cli: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "record.db"
    out.write_text("keep me")
    result = cli("export", "sqlite", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {out} exists (use --force to replace it)"
    assert out.read_text() == "keep me"
    assert not (tmp_path / "metadata.json").exists()
    assert [p.name for p in tmp_path.iterdir() if "record" in p.name] == ["record.db"]
    assert cli("export", "sqlite", str(out), "--force").exit_code == 0
    assert sqlite3.connect(out).execute("SELECT count(*) FROM events").fetchone() == (4,)
