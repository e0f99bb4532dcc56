"""The store stage stays flat as the store grows: what storing one more report reads and
builds does not depend on how many reports (and how many copies of it) are stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from storyline.capture import read_file
from storyline.extraction_runs import extract_each
from storyline.model import Capture, Document, Extraction
from storyline.parse import VERSION, ParseOptions, parse
from storyline.store import repository
from storyline.store.db import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROUNDS = 4


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Capture, Document, Extraction]]:
    """``ROUNDS`` distinct copies of every English example report (a numbered line added),
    round after round, extracted once for all tests here."""
    folder = tmp_path_factory.mktemp("reports")
    examples = sorted(
        p for p in EXAMPLES.iterdir() if p.suffix in {".html", ".txt"} and "cp1251" not in p.name
    )
    captures = []
    for round_ in range(ROUNDS):
        for number, example in enumerate(examples):
            data = example.read_bytes()
            line = f"\n<p>Archive copy {round_}.</p>\n" if example.suffix == ".html" else ""
            copy = folder / f"{round_}-{number}{example.suffix}"
            if example.suffix == ".html":
                copy.write_bytes(data.replace(b"</body>", line.encode() + b"</body>", 1))
            else:
                copy.write_bytes(data + f"\n\nArchive copy {round_}.\n".encode())
            captures.append(read_file(str(copy), 10_000_000))
    documents = [parse(c, ParseOptions()) for c in captures]
    extractions = list(extract_each(documents, None))
    assert all(isinstance(e, Extraction) for e in extractions)
    return list(zip(captures, documents, extractions, strict=True))  # type: ignore[arg-type]


def _statements(store: Store) -> Iterator[list[int]]:
    counter = [0]

    def count(*_args: object) -> None:
        counter[0] += 1

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def test_each_copy_costs_what_the_first_cost(store: Store, reports: list) -> None:
    """Every report is stored ``ROUNDS`` times over: later rounds meet stories and claims
    that hold every earlier copy, yet each copy runs the same number of statements as the
    same report did in the round before."""
    per_round: list[list[int]] = []
    counter_gen = _statements(store)
    counter = next(counter_gen)
    try:
        for index, (capture, document, extraction) in enumerate(reports):
            if index % (len(reports) // ROUNDS) == 0:
                per_round.append([])
            statements = counter[0]
            result = repository.add_document(
                store, capture, document, extraction, parser_version=VERSION
            )
            assert result.status == "added"
            per_round[-1].append(counter[0] - statements)
    finally:
        next(counter_gen, None)
    assert sum(len(e.events) for _c, _d, e in reports[: len(per_round[0])]) > 20
    # Rounds 2.. meet claims of 1..3 earlier copies: the statements are the same each round.
    assert per_round[1] == per_round[2] == per_round[3]
