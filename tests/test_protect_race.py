"""Protect and unprotect of one document at the same time (issue 15, finding 8).

Two processes protecting one witness and freeing another of the same report used to
interleave: each read the document before the other wrote it, and the later commit dropped
the sealed rows the earlier one had written — the name was blacked out with nothing left
to bring it back. They now wait for each other (a row lock on PostgreSQL, a write
transaction taken first on SQLite), so any order gives back the exact original.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPORT = """Two mothers speak about the colony

Recruiters visited Penal Colony No. 7 near Tverskaya in late May 2024, said Zara Kowalski,
whose son is an inmate. Vera Nowinski said about 40 inmates signed contracts after they were
offered a pardon. Kowalski said her son refused; Nowinski said hers did not.
"""

ROUNDS = 3


def _record(cli) -> dict:
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    return {k: shown[k] for k in ("document", "text", "mentions", "entities", "events")}


def _key(cli, surname: str) -> str:
    shown = json.loads(cli("show", "1", "--format", "json").stdout)
    return next(
        m["id"] for m in shown["mentions"] if m["kind"] == "source" and surname in m["text"]
    )


def _together(db_url: str, blobs: Path, *commands: list[str]) -> list[tuple[int, str]]:
    """Run CLI commands as separate processes at the same time; their exit codes and errors."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    base = [sys.executable, "-m", "storyline.cli", "--db", db_url, "--data-dir", str(blobs)]
    running = [
        subprocess.Popen(
            [*base, *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for command in commands
    ]
    return [(p.wait(timeout=120), p.communicate()[1]) for p in running]


def test_concurrent_protect_and_unprotect_keep_every_original(
    cli, write, db_url: str, tmp_path: Path
) -> None:
    cli("add", str(write("mothers.txt", REPORT)), "--published", "2024-06-20")
    original = _record(cli)
    kowalski, nowinski = _key(cli, "Kowalski"), _key(cli, "Nowinski")
    assert cli("protect", "1", nowinski).exit_code == 0
    blobs = tmp_path / "blobs"
    hidden, shown = nowinski, kowalski
    for _ in range(ROUNDS):
        outcomes = _together(
            db_url, blobs, ["protect", "1", shown], ["protect", "1", hidden, "--undo"]
        )
        assert [code for code, _ in outcomes] == [0, 0], outcomes
        hidden, shown = shown, hidden
    undone = cli("protect", "1", hidden, "--undo")
    assert undone.exit_code == 0, undone.stderr
    assert _record(cli) == original
    assert "Kowalski" in cli("show", "1").stdout and "Nowinski" in cli("show", "1").stdout
