"""The per-input work limit: an input whose extraction runs over time or memory fails on its
own line, is not stored, and the rest of the batch is extracted and stored as usual.

Real inputs, real worker processes: the slow and hungry input is 60,000 characters of
event-dense text (the most extraction ever reads of one input), which takes seconds and
about 180 MB on the development machine, against a limit of 1 s or 5 MB; the short reports
take a few milliseconds and a few hundred KB.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyline.workers import shared_pool

pytestmark = pytest.mark.slow

SENTENCES = (
    "On Monday police detained 12 protesters in Kazan, officials said.",
    "Two days later, about 40 people were killed in Samara, according to the ministry.",
    "Rights groups said at least 300 inmates had signed contracts since March 2023.",
)
DENSE = "Dense report\n\n" + " ".join(SENTENCES[i % 3] for i in range(1_000))[:60_000]
SHORT = "Short report\n\nOn Monday police detained 12 protesters in Kazan, officials said."
OTHER = "Other report\n\nTwo days later, about 40 people were killed in Samara, the ministry said."


def _batch(write: Callable[..., Path]) -> list[str]:
    return [
        str(write("a-short.txt", SHORT)),
        str(write("b-dense.txt", DENSE)),
        str(write("c-other.txt", OTHER)),
    ]


def _add(cli: Callable[..., Any], flags: list[str], inputs: list[str]) -> list[dict[str, Any]]:
    result = cli(*flags, "add", "--format", "json", *inputs)
    assert result.exit_code == 1, result.stderr  # one input failed
    return json.loads(result.stdout)


def _stored_titles(cli: Callable[..., Any]) -> list[str]:
    return [d["title"] for d in json.loads(cli("list", "--format", "json").stdout)]


def test_an_input_over_the_time_limit_fails_alone_and_the_batch_goes_on(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    outcomes = _add(cli, ["--extract-timeout", "1"], _batch(write))
    assert [o["status"] for o in outcomes] == ["added", "failed", "added"]
    assert outcomes[1]["error"] == (
        "not extracted: took longer than 1 s (STORYLINE_EXTRACT_TIMEOUT)"
    )
    assert sorted(_stored_titles(cli)) == ["Other report", "Short report"]
    shown = json.loads(cli("show", str(outcomes[2]["document"]), "--format", "json").stdout)
    assert shown["mentions"]  # the input after the slow one was really extracted


def test_an_input_over_the_memory_limit_fails_alone_and_the_batch_goes_on(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    # A fresh worker: the cap is what a step may add to what the worker holds, and a worker
    # that already read a long text holds freed memory the allocator hands out again.
    shared_pool().close()
    outcomes = _add(cli, ["--extract-max-mb", "5"], _batch(write))
    assert [o["status"] for o in outcomes] == ["added", "failed", "added"]
    assert outcomes[1]["error"] == "not extracted: used more than 5 MB (STORYLINE_EXTRACT_MAX_MB)"
    assert sorted(_stored_titles(cli)) == ["Other report", "Short report"]
    for outcome in (outcomes[0], outcomes[2]):
        shown = json.loads(cli("show", str(outcome["document"]), "--format", "json").stdout)
        assert shown["mentions"]


def test_the_limit_comes_from_the_environment_and_zero_means_none(
    cli: Callable[..., Any], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_EXTRACT_TIMEOUT", "1")
    [dense] = _add(cli, [], [str(write("b-dense.txt", DENSE))])
    assert "took longer than 1 s" in dense["error"]
    monkeypatch.setenv("STORYLINE_EXTRACT_TIMEOUT", "0")
    monkeypatch.setenv("STORYLINE_EXTRACT_MAX_MB", "0")
    result = cli("add", "--format", "json", str(write("b-dense.txt", DENSE)))
    assert result.exit_code == 0, result.stderr  # no limit: however long it takes
    monkeypatch.setenv("STORYLINE_EXTRACT_TIMEOUT", "soon")
    bad = cli("add", str(write("a-short.txt", SHORT)))
    assert bad.exit_code == 2 and "STORYLINE_EXTRACT_TIMEOUT" in bad.stderr


def test_reprocess_reports_a_document_over_the_limit_and_goes_on(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    stored = cli("add", "--no-extract", *_batch(write))
    assert stored.exit_code == 0, stored.stderr
    result = cli("--extract-timeout", "1", "reprocess", "--format", "json")
    assert result.exit_code == 1
    assert "error: document 2: not extracted: took longer than 1 s" in result.stderr
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["failed"]) == (2, 1)
    for document in (1, 3):  # before and after the slow one: both re-extracted
        shown = json.loads(cli("show", str(document), "--format", "json").stdout)
        assert shown["mentions"]
    # The slow one is kept as it was, still stale: the next run (a higher limit) takes it.
    stale = cli("reprocess", "--dry-run", "--format", "json")
    assert json.loads(stale.stdout) == {"stale": 1}
    assert not json.loads(cli("show", "2", "--format", "json").stdout)["mentions"]


def test_extract_without_a_database_has_the_same_limit(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    slow = cli("--extract-timeout", "1", "extract", str(write("b-dense.txt", DENSE)))
    assert slow.exit_code == 1
    assert slow.stderr.strip().endswith(
        "b-dense.txt: not extracted: took longer than 1 s (STORYLINE_EXTRACT_TIMEOUT)"
    )
    assert not slow.stdout.strip()  # nothing half-written
    short = cli("--extract-timeout", "1", "extract", "--format", "json", _batch(write)[0])
    assert short.exit_code == 0, short.stderr
    assert {"12 protesters", "Kazan"} <= {m["text"] for m in json.loads(short.stdout)["mentions"]}
