"""Several writers at once: the same report twice, and two first openings of a new store."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.capture.hashing import sha256_hex
from storyline.model import Capture, Document
from storyline.store import repository
from storyline.store.db import Store


def make(text: str) -> tuple[Capture, Document]:
    data = f"Headline\n\n{text}".encode()
    sha = sha256_hex(data)
    capture = Capture(data=data, sha256=sha, input="paste", captured_at=datetime.now(UTC))
    document = Document(
        text=data.decode(), sha256=sha, body_start=10, title="Headline", language="en"
    )
    return capture, document


def test_a_writer_that_loses_the_race_reports_a_duplicate(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    capture, document = make("Police detained five people in Kazan on Monday.")
    first = repository.add_document(store, capture, document, parser_version="test")
    real = repository.find_by_sha256
    calls: list[str] = []

    def not_yet(opened: Store, sha256: str) -> int | None:
        calls.append(sha256)
        return None if len(calls) == 1 else real(opened, sha256)  # looked before the winner wrote

    monkeypatch.setattr(repository, "find_by_sha256", not_yet)
    second = repository.add_document(store, capture, document, parser_version="test")
    assert (second.status, second.document_id) == ("duplicate", first.document_id)
    assert store.blobs.rehash(capture.sha256) == capture.sha256  # the winner's blob stays


def test_two_first_openings_of_a_new_store_both_succeed(db_url: str, tmp_path: Path) -> None:
    """Two servers (processes) started at once on an empty database both come up."""
    script = (
        "import sys; from pathlib import Path; from storyline.store.db import open_store; "
        "open_store(sys.argv[1], Path(sys.argv[2])).close()"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, db_url, str(tmp_path / "blobs")],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], errors
