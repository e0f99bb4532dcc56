"""A batch killed with ``kill -9`` resumes: no duplicate, no lost document (a real process)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from storyline.store.db import open_store
from storyline.store.schema import CaptureRow, DocumentRow

ROOT = Path(__file__).resolve().parent.parent
REPORTS = 120


def _add(db_url: str, data: Path, folder: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", "from storyline.cli import main; main()", "--db", db_url,
         "--data-dir", str(data), "add", str(folder), "--no-extract"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )  # fmt: skip


def test_add_killed_half_way_then_rerun(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(REPORTS):
        (folder / f"{number:03d}.txt").write_text(
            f"Report {number}\n\nPolice detained {number + 2} protesters in Calder on "
            f"day {number} of the strike, witnesses said.\n",
            encoding="utf-8",
        )
    data = tmp_path / "blobs"
    first = _add(db_url, data, folder)
    assert first.stdout is not None
    added = 0
    try:
        deadline = time.monotonic() + 120
        while added < 5 and time.monotonic() < deadline:
            line = first.stdout.readline()
            if not line:
                break
            added += "added as document" in line
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        first.stdout.close()
    assert added == 5, "the first run should have stored a few reports before the kill"
    assert first.returncode == -signal.SIGKILL

    store = open_store(db_url, data)
    try:
        with store.sessions() as session:
            stored_before = session.scalar(select(func.count(DocumentRow.id)))
        assert stored_before is not None and 5 <= stored_before < REPORTS

        second = _add(db_url, data, folder)
        output, _ = second.communicate(timeout=600)
        assert second.returncode == 0
        assert output.count("already stored as document") == stored_before
        assert output.count("added as document") == REPORTS - stored_before

        with store.sessions() as session:
            documents = session.scalar(select(func.count(DocumentRow.id)))
            inputs = set(session.scalars(select(CaptureRow.input)))
        assert documents == REPORTS  # none lost, none twice
        assert inputs == {str(path) for path in folder.iterdir()}
    finally:
        store.close()
