"""``--workers N``: extraction in worker processes stores exactly what one process stores."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline import workers
from storyline.cli import app
from storyline.errors import StorylineError
from storyline.model import Document, Extraction
from storyline.workers import ExtractionPool, Limits, grace, over_time

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


def test_a_worker_that_dies_fails_only_its_input_and_is_replaced() -> None:
    """As the out-of-memory killer would: the document it was on gets an outcome naming the
    signal, the worker is replaced, and the next part is extracted as usual."""
    long_text = " ".join(
        ["On Monday police detained 12 protesters in Kazan, officials said."] * 900
    )
    slow = Document(text=long_text, sha256="1" * 64, language="en")
    quick = Document(text="Police detained twelve people in Kazan.", sha256="0" * 64, language="en")
    pool = ExtractionPool()
    pool.grow(1)
    [worker] = pool._workers
    try:
        worker.extract([quick], None, Limits())  # started and warm
        first = worker.process.pid
        assert first is not None
        threading.Timer(0.3, os.kill, (first, signal.SIGKILL)).start()
        [killed] = pool.extract([slow], None, Limits())
        assert killed == "not extracted: the extraction process stopped (killed by SIGKILL)"
        [again] = pool.extract([quick], None, Limits())
        assert isinstance(again, Extraction) and again.mentions
        assert worker.process.pid != first
    finally:
        pool.close()


def _slow_and_quick() -> tuple[Document, Document]:
    sentence = "On Monday police detained 12 protesters in Kazan, officials said."
    long_text = " ".join([sentence] * 900)
    slow = Document(text=long_text, sha256="1" * 64, language="en")
    quick = Document(text="Police detained twelve people in Kazan.", sha256="0" * 64, language="en")
    return slow, quick


def test_an_input_over_time_is_stopped_by_the_workers_alarm_and_the_worker_stays() -> None:
    """The common case: the alarm lands between spaCy's calls, the input fails, and the
    same process (model loaded) extracts the next one."""
    slow, quick = _slow_and_quick()
    pool = ExtractionPool()
    pool.grow(1)
    [worker] = pool._workers
    try:
        worker.extract([quick], None, Limits())
        pid = worker.process.pid
        started = time.monotonic()
        results = pool.extract([quick, slow, quick], None, Limits(timeout=1))
        assert time.monotonic() - started < 1 + 1 + 1 + grace(1) + 30  # batch, then singles
        assert results[1] == over_time(1)
        assert isinstance(results[0], Extraction) and isinstance(results[2], Extraction)
        assert worker.process.pid == pid  # not killed: no reload
    finally:
        pool.close()


def test_a_worker_that_stops_answering_is_killed_at_the_deadline_and_replaced() -> None:
    """As a long loop in C would: the worker cannot take its alarm (here it is stopped), so
    the parent kills it a little after the limit and the next input goes to a fresh one."""
    slow, quick = _slow_and_quick()
    pool = ExtractionPool()
    pool.grow(1)
    [worker] = pool._workers
    try:
        worker.extract([quick], None, Limits())
        pid = worker.process.pid
        assert pid is not None
        threading.Timer(0.3, os.kill, (pid, signal.SIGSTOP)).start()
        started = time.monotonic()
        [stopped] = pool.extract([slow], None, Limits(timeout=2))
        waited = time.monotonic() - started
        assert stopped == over_time(2)
        assert 2 + grace(2) <= waited < 2 + grace(2) + 30
        assert worker.process.pid != pid
        [again] = pool.extract([quick], None, Limits(timeout=60))
        assert isinstance(again, Extraction) and again.mentions
    finally:
        pool.close()


def test_workers_that_cannot_start_fail_every_waiting_part_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Workers start in the background (the caller parses meanwhile); if they cannot start,
    no part waits forever: each gets the reason."""

    def cannot_start(_context: object) -> workers.Worker:
        raise OSError("no fork server")

    monkeypatch.setattr(workers, "Worker", cannot_start)
    pool = ExtractionPool()
    pool.start(2)
    quick = Document(text="Police detained twelve people.", sha256="0" * 64, language="en")
    for _part in range(2):
        with pytest.raises(StorylineError, match="could not start: no fork server"):
            pool.extract([quick], None, Limits())
    pool.close()
