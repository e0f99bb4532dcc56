"""``storyline stories --rebuild`` commits in batches and resumes after ``kill -9``.

A real process rebuilds the stories of 1,200 generated documents (a third of them copies of
earlier ones, cut or extended), is killed with SIGKILL half-way, and is run again: the
second run takes up where the first stopped and the stories are those an uninterrupted
rebuild gives, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, inspect, select

from storyline.store.db import Store
from storyline.store.schema import BatchJobRow, CaptureRow, DocumentRow, StoryRow

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = 1_200
BATCH = 20


def _fill(store: Store) -> None:
    """Documents stored without stories: every third a copy of an earlier one
    (the same text, cut, or extended)."""
    rng = random.Random(11)
    vocabulary = [f"w{rng.randrange(10**6):06d}" for _ in range(3_000)]
    texts: list[str] = []
    now = datetime.now(UTC)
    captures, documents = [], []
    for n in range(1, DOCUMENTS + 1):
        if n % 3 == 0:
            source = texts[rng.randrange(len(texts))]
            if n % 9 == 0:  # the same words again: the digest path
                body = source
            elif n % 2:
                body = source[: len(source) * 4 // 5]
            else:
                body = source + " Share this report."
        else:
            body = " ".join(rng.choice(vocabulary) for _ in range(160))
        texts.append(body)
        title = f"Report {n}"
        captures.append(
            {
                "id": n,
                "sha256": f"{n:064x}",
                "size": len(body),
                "input": f"r{n}.txt",
                "url": f"https://outlet{n % 7}.example/{n}",
                "captured_at": now,
                "content_type": "text/plain",
            }
        )
        documents.append(
            {
                "id": n,
                "capture_id": n,
                "title": title,
                "text": f"{title}\n\n{body}",
                "body_start": len(title) + 2,
                "outlet": f"outlet{n % 7}.example",
                "tags": [],
                "word_count": 160,
                "added_at": now,
                "sensitivity": "normal",
                "parser_version": "test/1",
            }
        )
    with store.engine.begin() as connection:
        connection.execute(insert(CaptureRow), captures)
        connection.execute(insert(DocumentRow), documents)


def _rebuild_process(db_url: str, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", "from storyline.cli import main; main()", "--db", db_url,
         "--data-dir", str(data), "stories", "--rebuild", "--batch", str(BATCH)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )  # fmt: skip


def _position(store: Store) -> int | None:
    with store.sessions() as session:
        return session.scalar(select(BatchJobRow.position))


def _stories(cli: Callable[..., Any]) -> list[tuple[Any, ...]]:
    result = cli("stories", "--all", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return sorted(
        (tuple(s["documents"]), s["original"], s["basis"]) for s in json.loads(result.stdout)
    )


def test_rebuild_killed_half_way_resumes_to_the_same_stories(
    db_url: str, tmp_path: Path, store: Store, cli: Callable[..., Any]
) -> None:
    _fill(store)
    data = tmp_path / "blobs"
    running = _rebuild_process(db_url, data)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and running.poll() is None:
            position = _position(store)
            if position is not None and position >= 3 * BATCH:
                break
            time.sleep(0.02)
    finally:
        os.kill(running.pid, signal.SIGKILL)
        running.wait()
    killed_at = _position(store)
    assert running.returncode == -signal.SIGKILL
    assert killed_at is not None and 3 * BATCH <= killed_at < DOCUMENTS, killed_at
    with store.sessions() as session:  # what the killed run committed is kept
        linked = session.scalar(select(func.count(DocumentRow.id)).where(DocumentRow.story_id > 0))
    assert linked == killed_at

    resumed = cli("stories", "--rebuild", "--batch", str(BATCH))
    assert resumed.exit_code == 0, resumed.stderr
    assert f"resuming the unfinished rebuild after document {killed_at}" in resumed.stderr
    assert f"{DOCUMENTS - killed_at} documents linked" in resumed.stderr
    after_resume = _stories(cli)
    assert _position(store) is None
    assert "ix_lsh_buckets_document_id" in {
        index["name"] for index in inspect(store.engine).get_indexes("lsh_buckets")
    }

    whole = cli("stories", "--rebuild")
    assert whole.exit_code == 0 and f"{DOCUMENTS} documents linked" in whole.stderr
    uninterrupted = _stories(cli)
    assert after_resume == uninterrupted
    with store.sessions() as session:
        assert session.scalar(select(func.count(StoryRow.id))) == len(uninterrupted)
    copies = [documents for documents, *_ in uninterrupted if len(documents) > 1]
    assert len(copies) > 100  # the copies were found, so the comparison means something
