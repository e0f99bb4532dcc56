"""A full disk: one clear ``disk full`` line (CLI) or a 507 (web), exit 1, nothing half-written.

SQLite is made full for real: every new connection gets ``PRAGMA max_page_count`` set to
the file's current size, so the database cannot grow by one page — exactly what SQLite
reports when the disk under it is full (SQLITE_FULL, "database or disk is full").
PostgreSQL's ``DiskFull`` ("could not extend file") cannot be provoked without filling the
server's disk, so it is checked at the level of the exception it raises.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from storyline.errors import describe_failure, disk_full

REPORT = (
    "Full report\n\n" + "Police detained 12 protesters in Kazan on Monday, officials said. " * 400
)
SMALL = "Small report\n\nTwo days later, about 40 people were killed in Samara."


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    return str(tmp_path / "full.db")


@pytest.fixture
def run(sqlite_db: str, tmp_path: Path) -> Callable[..., Any]:
    from typer.testing import CliRunner

    from storyline.cli import app

    def invoke(*args: str) -> Any:
        base = ["--db", sqlite_db, "--data-dir", str(tmp_path / "blobs")]
        return CliRunner().invoke(app, [*base, *args])

    return invoke


@pytest.fixture
def full(sqlite_db: str, sqlite_full: Callable[[str], Any]) -> Any:
    return sqlite_full(sqlite_db)


def _integrity(sqlite_db: str) -> tuple[str, int]:
    with sqlite3.connect(sqlite_db) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    return check, documents


def test_a_full_sqlite_database_fails_the_input_in_one_line_and_stays_sound(
    run: Callable[..., Any], full: Any, sqlite_db: str, tmp_path: Path
) -> None:
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(SMALL, encoding="utf-8")
    big.write_text(REPORT, encoding="utf-8")
    assert run("add", "--no-extract", str(small)).exit_code == 0
    full.on()
    result = run("add", "--no-extract", str(big))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {big}: disk full: the SQLite database cannot grow (database or disk is "
        "full); the change was rolled back: free some space, then run it again"
    )
    assert "Traceback" not in result.stderr
    assert _integrity(sqlite_db) == ("ok", 1)
    assert not any((tmp_path / "blobs").rglob("*" + big.name))  # no blob left behind
    # Edits (each an audit row, a new title and its index entry) fill the last free bytes
    # of the existing pages; the first that needs a new page fails as a whole.
    title = "Small report"
    for number in range(300):
        edit = run("set", "1", "--title", f"Edit {number}: " + "a longer title " * 120)
        if edit.exit_code != 0:
            break
        title = f"Edit {number}: " + "a longer title " * 120
    assert edit.exit_code == 1, "the database never filled up"
    assert "Traceback" not in edit.stderr and len(edit.stderr.splitlines()) == 1, edit.stderr
    assert edit.stderr.startswith("error: disk full: the SQLite database cannot grow")
    assert _integrity(sqlite_db) == ("ok", 1)
    shown = json.loads(run("show", "1", "--format", "json").stdout)
    assert shown["document"]["title"] == title.strip()  # the failed edit left nothing behind


def test_the_store_takes_the_input_again_once_there_is_room(
    run: Callable[..., Any], full: Any, sqlite_db: str, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(REPORT, encoding="utf-8")
    assert run("list").exit_code == 0  # the store exists, empty
    full.on()
    assert run("add", "--no-extract", str(big)).exit_code == 1
    full.off()
    again = run("add", "--no-extract", str(big))
    assert again.exit_code == 0, again.stderr
    assert _integrity(sqlite_db) == ("ok", 1)
    assert run("verify").exit_code == 0


def test_postgresql_disk_full_is_the_same_line() -> None:
    original = psycopg.errors.DiskFull(
        'could not extend file "base/16384/16402": No space left on device'
    )
    wrapped = OperationalError("INSERT INTO documents …", {}, original)
    message = disk_full(wrapped)
    assert message is not None
    assert message.startswith("disk full: the PostgreSQL server has no space left (could not")
    assert describe_failure(wrapped) == message
    assert disk_full(OperationalError("SELECT 1", {}, Exception("connection refused"))) is None
