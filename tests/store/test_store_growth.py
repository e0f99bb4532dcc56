"""The store stage stays flat as the store grows: what storing one more report reads and
builds does not depend on how many reports (and how many copies of it) are stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select, update

from storyline.capture import read_file
from storyline.extraction_runs import extract_each
from storyline.model import Capture, Document, Extraction
from storyline.parse import VERSION, ParseOptions, parse
from storyline.store import repository
from storyline.store.claim_cache import ClaimEventCache
from storyline.store.claim_members import assign, catch_up, rebuild
from storyline.store.db import Store, open_store
from storyline.store.schema import ClaimMemberRow, EventRow

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


def _memberships(store: Store) -> list[tuple[int, int]]:
    with store.sessions() as session:
        rows = session.execute(
            select(ClaimMemberRow.event_id, ClaimMemberRow.claim_id).order_by(
                ClaimMemberRow.event_id
            )
        )
        return [(e, c) for e, c in rows]


def test_each_copy_costs_what_the_first_cost(store: Store, reports: list) -> None:
    """Every report is stored ``ROUNDS`` times over: later rounds meet stories and claims
    that hold every earlier copy, yet each copy runs the same number of statements as the
    same report did in the round before, and — with one claim-record cache for the run,
    as an ingest run has — builds the claim records of its own events only, never again
    those of the earlier copies it is checked against."""
    cache = ClaimEventCache()
    per_round: list[list[tuple[int, int]]] = []
    counter_gen = _statements(store)
    counter = next(counter_gen)
    try:
        for index, (capture, document, extraction) in enumerate(reports):
            if index % (len(reports) // ROUNDS) == 0:
                per_round.append([])
            statements, built = counter[0], cache.built
            result = repository.add_document(
                store, capture, document, extraction, parser_version=VERSION, claim_cache=cache
            )
            assert result.status == "added"
            per_round[-1].append((counter[0] - statements, cache.built - built))
    finally:
        next(counter_gen, None)
    own_events = [len(e.events) for _c, _d, e in reports[: len(per_round[0])]]
    assert sum(own_events) > 20  # the copies really have events that meet in claims
    # Rounds 2.. meet claims of 1..3 earlier copies: the statements are the same each round.
    assert per_round[1] == per_round[2] == per_round[3]
    for round_ in per_round:
        assert [built for _statements_, built in round_] == own_events


def test_a_shared_cache_stores_what_no_cache_stores(
    tmp_path: Path, store: Store, reports: list
) -> None:
    """The same reports into two stores, one run with a cache across documents and one with
    none: the same claims, member for member; and a catch-up after a rebuild (one cache,
    500 events of many documents per batch) gives them again."""
    other = open_store(f"sqlite:///{tmp_path / 'plain.db'}", tmp_path / "plain")
    cache = ClaimEventCache()
    try:
        for capture, document, extraction in reports:
            repository.add_document(
                store, capture, document, extraction, parser_version=VERSION, claim_cache=cache
            )
            repository.add_document(other, capture, document, extraction, parser_version=VERSION)
        memberships = _memberships(store)
        assert memberships == _memberships(other)
        assert len({claim for _e, claim in memberships}) < len(memberships)  # claims do form
        rebuild(other)
        assert _groups(_memberships(other)) == _groups(memberships)
    finally:
        other.close()


def _groups(memberships: list[tuple[int, int]]) -> set[frozenset[int]]:
    """Claims as sets of events (a rebuild gives them new ids)."""
    by_claim: dict[int, set[int]] = {}
    for event_id, claim in memberships:
        by_claim.setdefault(claim, set()).add(event_id)
    return {frozenset(events) for events in by_claim.values()}


def test_a_changed_member_is_read_again(store: Store, reports: list) -> None:
    """A cached claim record is not trusted once its event changed in the store (here an
    editor moved it to another place): the next look-up builds it again."""
    cache = ClaimEventCache()
    for capture, document, extraction in reports[:7]:
        repository.add_document(
            store, capture, document, extraction, parser_version=VERSION, claim_cache=cache
        )
    with store.sessions.begin() as session:
        events = list(session.scalars(select(EventRow.id).order_by(EventRow.id)))
        cache.events(session, events)  # everything cached now
        built = cache.built
        assert cache.events(session, events) and cache.built == built
        session.execute(update(EventRow).where(EventRow.id == events[0]).values(place="Perm"))
        records = cache.events(session, events)
        assert cache.built == built + 1
        assert next(r for r in records if r.event == events[0]).place == "Perm"
        assert assign(session, []) == []  # nothing to assign is nothing done
    assert catch_up(store) == 0  # every event already has its claim
