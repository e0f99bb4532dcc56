"""``--workers N``: extraction in worker processes stores exactly what one process stores."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import StorylineError
from storyline.model import Document
from storyline.workers import ExtractionPool

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _stored(db: Path, data: Path, folder: Path, workers: int) -> list[dict]:
    """Add ``folder`` with ``workers`` processes into a fresh store; every document as JSON."""
    runner = CliRunner()
    base = ["--db", str(db), "--data-dir", str(data)]
    added = runner.invoke(
        app, [*base, "add", str(folder), "--workers", str(workers), "--format", "json"]
    )
    assert added.exit_code == 0, added.stderr
    outcomes = json.loads(added.stdout)
    documents = []
    for outcome in outcomes:
        shown = runner.invoke(app, [*base, "show", str(outcome["document"]), "--format", "json"])
        record = json.loads(shown.stdout)
        record["capture"].pop("captured_at")  # the only field that depends on the clock
        documents.append(record)
    return [*outcomes, *documents]


def test_two_workers_store_what_one_worker_stores(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for number, example in enumerate(sorted(EXAMPLES.glob("*.*"))):
        if example.suffix in {".html", ".txt"}:
            # Three copies of every example under different names: more groups than workers
            # (groups of 16), so results must come back in order; copies are duplicates.
            for copy in range(3):
                shutil.copy(example, folder / f"{number:02d}-{copy}-{example.name}")
    (folder / "zz-own.txt").write_text(
        "Police detained twelve protesters in Calder on Saturday, witnesses said.",
        encoding="utf-8",
    )
    serial = _stored(tmp_path / "one.db", tmp_path / "one", folder, workers=1)
    parallel = _stored(tmp_path / "two.db", tmp_path / "two", folder, workers=2)
    assert any(d.get("events") for d in serial)  # extraction really ran
    assert parallel == serial


def test_a_worker_that_dies_is_one_clear_error() -> None:
    document = Document(text="Police detained twelve people.", sha256="0" * 64)
    died = pytest.raises(StorylineError, match="an extraction worker process died")
    with died, ExtractionPool(1, None) as pool:
        for pid in list(pool._executor._processes):  # as the out-of-memory killer would
            os.kill(pid, signal.SIGKILL)
        list(pool.extract_groups(iter([("group", [document])])))
