"""Each claim's kept count of open contradictions: exact or unknown, never stale.

Three short reports written for this test: a colony report, an independent one with
another figure for the same enlistment, and a reprint of the first. Whatever changes a
claim's contradictions — a member moved, a dismissal, a review decision, a report's story,
figures, place points, a deleted report — the claim's count must become unknown, and a
refresh must give what computing the claims now gives.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, select, text, update

import storyline.link.claims as claims_rules
from storyline.store import claim_edits, claim_standing, db, review
from storyline.store.claim_members import catch_up, iter_stored_groups
from storyline.store.claims import contradiction_key
from storyline.store.db import Store, normalise_url
from storyline.store.schema import ClaimRow, DocumentRow, EntityRow, MentionRow

pytestmark = pytest.mark.slow

FORTY = """Recruiters sign up inmates at Kurgan colony

About 40 inmates at Penal Colony No. 3 near Kurgan signed up to fight in Ukraine in April,
according to two former prisoners. The recruiters promised them pardons.
"""
SEVENTY = """Seventy Kurgan prisoners enlist

Seventy inmates at Penal Colony No. 3 near Kurgan signed up to fight in Ukraine in April, a
relative of one inmate said.
"""
REPRINT = FORTY + "\nRead more on our channel.\n"


@pytest.fixture
def ingested(cli: Callable[..., Any], write: Callable[..., Path], store: Store) -> Store:
    for name, body, url in (
        ("forty.txt", FORTY, "https://kurgan-news.example/a"),
        ("seventy.txt", SEVENTY, "https://ural-daily.example/c"),
        ("reprint.txt", REPRINT, "https://aggregator.example/b"),
    ):
        result = cli("add", str(write(name, body)), "--published", "2024-05-02", "--url", url)
        assert result.exit_code == 0, result.stderr
    return store


def _kept(store: Store) -> dict[int, int | None]:
    with store.sessions() as session:
        return dict(session.execute(select(ClaimRow.id, ClaimRow.contradictions)).all())


def _computed(store: Store) -> dict[int, int]:
    """Every claim's open contradictions as reading the claims computes them now."""
    found = {c: 0 for c in _kept(store)}
    for group in iter_stored_groups(store, catch_up_first=False):
        found[group.id] = len(group.contradictions)
    return found


def _contradicted(store: Store) -> Any:
    [group] = [g for g in iter_stored_groups(store, catch_up_first=False) if g.contradictions]
    return group


def test_ingest_leaves_every_count_known_and_right(ingested: Store) -> None:
    kept = _kept(ingested)
    assert None not in kept.values(), "the run counted every claim it changed"
    assert kept == _computed(ingested)
    assert sum(1 for n in kept.values() if n) == 1, "40 against 70, the reprint agreeing"
    assert claim_standing.contradicted(ingested).ids == [_contradicted(ingested).id]


def _detach(store: Store, group: Any) -> set[int]:
    moved = group.events[-1].event
    return {group.id, claim_edits.detach(store, moved, "test")}


def _dismiss(store: Store, group: Any) -> set[int]:
    claim_edits.dismiss(store, group.id, contradiction_key(group.contradictions[0]), "test")
    return {group.id}


def _reject(store: Store, group: Any) -> set[int]:
    review.reject_event(store, group.contradictions[0].second.event, "test")
    return {group.id}


def _by_document(table: Any, column: Any) -> Callable[[Store, Any], set[int]]:
    def change(store: Store, group: Any) -> set[int]:
        document = group.events[0].document
        with store.sessions.begin() as session:  # by hand, as a script or a fix would
            session.execute(
                update(table).where(table.document_id == document).values({column: column})
            )
        return {group.id}

    return change


def _story(store: Store, group: Any) -> set[int]:
    """The independent report is found to be a reprint too (one story: no disagreement)."""
    shared = next(e.story for e in group.events if e.story > 0)
    other = next(e.document for e in group.events if e.story != shared)
    with store.sessions.begin() as session:
        session.execute(update(DocumentRow).where(DocumentRow.id == other).values(story_id=shared))
    return {group.id}


def _delete_report(store: Store, group: Any) -> set[int]:
    document = group.events[-1].document
    with store.sessions.begin() as session:
        session.execute(delete(DocumentRow).where(DocumentRow.id == document))
    return {group.id}


CHANGES = {
    "an event moved to a claim of its own": _detach,
    "a contradiction dismissed": _dismiss,
    "an event rejected": _reject,
    "a report's figures edited": _by_document(MentionRow, MentionRow.data),
    "a report's place points edited": _by_document(EntityRow, EntityRow.geo),
    "a report joined to another's story": _story,
    "a report deleted": _delete_report,
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_a_change_marks_its_claims_unknown_and_a_refresh_makes_them_right(
    ingested: Store, change: str
) -> None:
    group = _contradicted(ingested)
    touched = CHANGES[change](ingested, group)
    kept = _kept(ingested)
    assert all(kept.get(c, None) is None for c in touched), f"{change}: count left as it was"
    assert claim_standing.refresh(ingested) >= 1
    assert _kept(ingested) == _computed(ingested)
    assert claim_standing.unknown(ingested) == 0


def test_a_change_made_while_a_claim_is_counted_is_not_lost(
    ingested: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh counts a claim; meanwhile a writer rejects one of its events. Whichever
    commits first, the claim must not end with the count from before the rejection."""
    group = _contradicted(ingested)
    with ingested.sessions.begin() as session:
        session.execute(update(ClaimRow).values(contradictions=None))
    events = [e.event for e in group.events]
    done = threading.Event()

    def writer() -> None:
        time.sleep(0.3)  # the refresh below holds its batch by now
        review.reject_event(ingested, group.contradictions[0].second.event, "test")
        done.set()

    thread = threading.Thread(target=writer)
    real = claim_standing.count

    def slow_count(session: Any, ids: Any) -> dict[int, int]:
        counts = real(session, ids)  # read before the rejection commits
        time.sleep(1.0)
        return counts

    monkeypatch.setattr(claim_standing, "count", slow_count)
    thread.start()
    try:
        claim_standing.refresh(ingested)
    finally:
        thread.join()
    monkeypatch.undo()
    assert done.is_set() and events
    kept = _kept(ingested)[group.id]
    assert kept is None or kept == _computed(ingested)[group.id] == 0, kept
    claim_standing.refresh(ingested)
    assert _kept(ingested) == _computed(ingested)


def test_an_upgraded_store_counts_its_claims_of_several_documents_on_refresh(
    ingested: Store, db_url: str
) -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    engine = create_engine(normalise_url(db_url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0015_documents_counts_lock")
        command.upgrade(config, "heads")
        several = set(
            connection.scalars(
                text(
                    "SELECT claim_id FROM claim_members GROUP BY claim_id"
                    " HAVING count(DISTINCT document_id) > 1"
                )
            )
        )
    engine.dispose()
    kept = _kept(ingested)
    assert several and {c for c, n in kept.items() if n is None} == several
    assert all(n == 0 for c, n in kept.items() if c not in several), "one report: none"
    assert claim_standing.refresh(ingested) == len(several)
    assert _kept(ingested) == _computed(ingested)


@pytest.mark.parametrize(
    "job",
    [("stories", "--rebuild"), ("reprocess",)],
    ids=["stories rebuilt", "reports re-extracted"],
)
def test_a_whole_store_job_leaves_every_count_known_and_right(
    ingested: Store, cli: Callable[..., Any], job: tuple[str, ...]
) -> None:
    with ingested.sessions.begin() as session:  # reports from an older extractor
        session.execute(update(DocumentRow).values(extractor_version="events/0,old"))
    result = cli(*job)
    assert result.exit_code == 0, result.stderr
    assert claim_standing.unknown(ingested) == 0
    assert _kept(ingested) == _computed(ingested)
    assert any(_kept(ingested).values()), "the disagreement is still there"


# ------------------------------------------------------- what an adversarial review found


def _wrong(store: Store) -> dict[int, tuple[int, int]]:
    """Claims whose kept count is known and not what reading them computes now."""
    kept, computed = _kept(store), _computed(store)
    return {c: (n, computed[c]) for c, n in kept.items() if n is not None and n != computed[c]}


def _sql(store: Store, *statements: str) -> None:
    with store.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def _seventy(store: Store) -> tuple[int, int, int]:
    """(claim, event, document) of the contradicted claim's independent report."""
    group = _contradicted(store)
    pair = group.contradictions[0]
    other = next(e for e in (pair.first, pair.second) if e.story != group.events[0].story)
    return group.id, other.event, other.document


def test_a_dismissal_edited_in_place(ingested: Store) -> None:
    group = _contradicted(ingested)
    claim_edits.dismiss(ingested, group.id, contradiction_key(group.contradictions[0]), "t")
    claim_standing.refresh(ingested)
    _sql(ingested, f"UPDATE claim_dismissals SET key = 'figure:x:0:0' WHERE claim_id = {group.id}")
    assert _wrong(ingested) == {}


def test_a_figure_moved_to_another_report(
    ingested: Store, cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    body = "Flood in Perm\n\nA flood hit Perm on Monday, officials said.\n"
    assert cli("add", str(write("other.txt", body)), "--url", "https://x.example/o").exit_code == 0
    _claim, _event, document = _seventy(ingested)
    _sql(
        ingested,
        "UPDATE mentions SET document_id = (SELECT max(id) FROM documents), key = 'moved' || id"
        f" WHERE document_id = {document} AND kind = 'quantity'",
    )
    assert _wrong(ingested) == {}, "the report the figure left is marked too"


def test_truncated_dismissals(ingested: Store) -> None:
    if ingested.dialect != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    group = _contradicted(ingested)
    claim_edits.dismiss(ingested, group.id, contradiction_key(group.contradictions[0]), "t")
    claim_standing.refresh(ingested)
    _sql(ingested, "TRUNCATE claim_dismissals")
    assert _wrong(ingested) == {}


def test_sqlite_replace_moves_a_member(ingested: Store) -> None:
    if ingested.dialect != "sqlite":
        pytest.skip("SQLite's INSERT OR REPLACE")
    claim, event, document = _seventy(ingested)
    other = next(c for c in _kept(ingested) if c != claim)
    _sql(
        ingested,
        "INSERT OR REPLACE INTO claim_members (event_id, claim_id, document_id, pinned)"
        f" VALUES ({event}, {other}, {document}, 1)",
    )
    assert _wrong(ingested) == {}


@pytest.mark.parametrize("table", ["events", "documents"])
def test_sqlite_rows_deleted_with_foreign_keys_off(
    ingested: Store, db_url: str, table: str
) -> None:
    """The sqlite3 shell has foreign keys off: nothing cascades."""
    if ingested.dialect != "sqlite":
        pytest.skip("the SQLite shell")
    _claim, event, document = _seventy(ingested)
    connection = sqlite3.connect(db_url[len("sqlite:///") :])
    connection.execute(f"DELETE FROM {table} WHERE id = {event if table == 'events' else document}")
    connection.commit()
    connection.close()
    assert _wrong(ingested) == {}


def test_counts_made_by_other_rules_are_unknown(
    ingested: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release whose rules find other contradictions (its RULES differ) recounts."""
    group = _contradicted(ingested)
    assert claim_standing.contradicted(ingested).ids == [group.id]
    monkeypatch.setattr(claims_rules, "APPROXIMATE", 0.8)  # "about 40" now reaches 72
    monkeypatch.setattr(claim_standing, "RULES", "contradictions/test")
    assert claim_standing.unknown(ingested) >= 1, "every count of the old rules"
    assert claim_standing.contradicted(ingested).ids == [], "checked with the new rules"
    claim_standing.refresh(ingested)
    assert _wrong(ingested) == {} and None not in _kept(ingested).values()
    assert claim_standing.contradicted(ingested).ids == []


def _refresh_waits_for(store: Store, release: Callable[[], None]) -> None:
    """Start a refresh in another thread; it must still be waiting after half a second,
    and be done once ``release`` has ended what it waits for."""
    counted = threading.Event()
    worker = threading.Thread(target=lambda: (claim_standing.refresh(store), counted.set()))
    worker.start()
    assert not counted.wait(0.5), "a refresh waits for the open change"
    release()
    worker.join(10)
    assert counted.is_set()


def _while_open(store: Store, change: str, then: Callable[[], None]) -> None:
    """Run ``change`` in a transaction left open while ``then`` runs, then a refresh in
    another thread; commit; the refresh must have waited for the commit."""
    connection = store.engine.connect()
    try:
        connection.execute(text(change))
        then()
        _refresh_waits_for(store, connection.commit)
    finally:
        connection.close()


def test_postgres_a_story_change_open_while_an_event_joins_a_claim(ingested: Store) -> None:
    """One transaction finds a report is a reprint (not committed yet) while a catch-up
    puts the report's event into a claim: the claim must not be counted with the old
    story once both have committed."""
    if ingested.dialect != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL")
    _claim, event, document = _seventy(ingested)
    _sql(ingested, f"DELETE FROM claim_members WHERE event_id = {event}")
    claim_standing.refresh(ingested)
    with ingested.sessions() as session:
        story = session.scalar(select(DocumentRow.story_id).where(DocumentRow.id == 1))
    change = f"UPDATE documents SET story_id = {story} WHERE id = {document}"
    _while_open(ingested, change, lambda: catch_up(ingested) and None)
    assert _wrong(ingested) == {}


def test_postgres_an_event_rejected_while_it_moves_to_another_claim(ingested: Store) -> None:
    """An editor moves an event back into a claim while a reviewer rejects it: the
    reviewer's trigger looked the event's claim up before the move committed. A refresh
    while the rejection is still open must wait for it."""
    if ingested.dialect != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL")
    claim, event, _document = _seventy(ingested)
    claim_edits.detach(ingested, event, "editor")
    claim_standing.refresh(ingested)
    updated, finish = threading.Event(), threading.Event()

    def reviewer() -> None:
        with ingested.engine.connect() as connection:
            connection.execute(
                text(f"UPDATE events SET review_status = 'rejected' WHERE id = {event}")
            )
            updated.set()
            finish.wait(10)
            connection.commit()

    mover = ingested.engine.connect()
    thread = threading.Thread(target=reviewer)
    try:
        mover.execute(text(f"UPDATE claim_members SET claim_id = {claim} WHERE event_id = {event}"))
        thread.start()
        time.sleep(0.3)  # the reviewer waits on the editor's lock of the event's old claim
        mover.commit()
        assert updated.wait(10)
        _refresh_waits_for(ingested, finish.set)  # the rejection is still open
    finally:
        finish.set()
        thread.join(10)
        mover.close()
    assert _wrong(ingested) == {}


def test_postgres_a_report_re_extracted_writes_each_claim_row_once(ingested: Store) -> None:
    """Deleting a report's mentions runs a trigger per row; only the first write of each
    of its claims changes the row (0016 rewrote each claim once per mention)."""
    if ingested.dialect != "postgresql":
        pytest.skip("pg_stat_xact_user_tables")
    _claim, _event, document = _seventy(ingested)
    with ingested.engine.connect() as connection:
        connection.begin()
        claims = connection.scalar(
            text(
                f"SELECT count(DISTINCT claim_id) FROM claim_members WHERE document_id = {document}"
            )
        )
        mentions = connection.scalar(
            text(f"SELECT count(*) FROM mentions WHERE document_id = {document}")
        )
        connection.execute(text(f"DELETE FROM mentions WHERE document_id = {document}"))
        writes = connection.scalar(
            text("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'claims'")
        )
        connection.rollback()
    assert mentions > claims >= 1
    assert writes <= claims, (writes, claims, mentions)


def test_postgres_an_editor_holding_a_claim_does_not_deadlock_a_refresh(ingested: Store) -> None:
    """An editor's action writes the claim's row first, then its members: a refresh that
    comes in between must wait for the editor, not deadlock with it."""
    if ingested.dialect != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL")
    claim, event, _document = _seventy(ingested)
    _sql(ingested, f"UPDATE claims SET contradictions = NULL WHERE id = {claim}")
    counted = threading.Event()
    failures: list[BaseException] = []

    def refresh() -> None:
        try:
            claim_standing.refresh(ingested)
            counted.set()
        except BaseException as exc:
            failures.append(exc)

    editor = ingested.engine.connect()
    worker = threading.Thread(target=refresh)
    try:
        editor.execute(text(f"UPDATE claims SET updated_at = updated_at WHERE id = {claim}"))
        worker.start()
        assert not counted.wait(0.5), "the refresh waits for the editor"
        editor.execute(text(f"DELETE FROM claim_members WHERE event_id = {event}"))
        editor.commit()
    finally:
        editor.close()
        worker.join(10)
    assert not failures and counted.is_set(), failures
    assert _wrong(ingested) == {}


@pytest.mark.parametrize("table", ["mentions", "entities", "claim_dismissals"])
def test_sqlite_replace_moves_a_row_by_its_id(
    ingested: Store, cli: Callable[..., Any], write: Callable[..., Path], table: str
) -> None:
    """INSERT OR REPLACE by id removes the row it replaces without a DELETE trigger: the
    row moves to an unrelated report (or claim), and the one it left must be marked."""
    if ingested.dialect != "sqlite":
        pytest.skip("SQLite's INSERT OR REPLACE")
    body = "Flood in Perm\n\nA flood hit Perm on Monday, officials said.\n"
    assert cli("add", str(write("other.txt", body)), "--url", "https://x.example/o").exit_code == 0
    group = _contradicted(ingested)
    _claim, _event, document = _seventy(ingested)
    if table == "claim_dismissals":
        claim_edits.dismiss(ingested, group.id, contradiction_key(group.contradictions[0]), "t")
        other = max(_kept(ingested))
        moved = "id, claim_id, key, actor, note, at"
        copy = f"id, {other}, key, actor, note, at"
        where = f"claim_id = {group.id}"
    else:
        row = MentionRow if table == "mentions" else EntityRow
        names = [f'"{c.name}"' for c in row.__table__.columns]
        moved = ", ".join(names)
        copy = ", ".join(
            "(SELECT max(id) FROM documents)"
            if n == '"document_id"'
            else "key || '-moved'"
            if n == '"key"'
            else n
            for n in names
        )
        where = f"document_id = {document}"
    claim_standing.refresh(ingested)
    _sql(
        ingested,
        f"INSERT OR REPLACE INTO {table} ({moved}) SELECT {copy} FROM {table} WHERE {where}",
    )
    assert _wrong(ingested) == {}


def test_readers_never_miss_a_claim_a_writer_keeps_changing(ingested: Store) -> None:
    """A writer re-saves a contradicted report's figures (its claim's count goes unknown,
    then is counted again) while readers ask: each answer must list the claim or say that
    claims went unchecked — never nothing at all."""
    group = _contradicted(ingested)
    _claim, _event, document = _seventy(ingested)
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            _sql(ingested, f"UPDATE mentions SET data = data WHERE document_id = {document}")
            claim_standing.refresh(ingested, wait=False)

    thread = threading.Thread(target=writer)
    thread.start()

    def listed() -> bool:
        found = claim_standing.contradicted(ingested, live=0)
        return group.id in found.ids or bool(found.unchecked)

    def counted() -> bool:  # the dashboard's
        found = claim_standing.contradicted_count(ingested)
        return found.count >= 1 or bool(found.unchecked)

    def paged() -> bool:  # the filter's page
        groups, _total, unchecked = claim_standing.contradicted_page(ingested, None, 50, 0)
        return group.id in [g.id for g in groups] or bool(unchecked)

    missed, reads, until = 0, 0, time.monotonic() + 3.0
    try:
        while time.monotonic() < until:
            for reader in (listed, counted, paged):
                reads += 1
                missed += not reader()
    finally:
        stop.set()
        thread.join(10)
    assert reads > 10 and missed == 0, (missed, reads)


def test_postgres_a_refresh_never_makes_writers_queue_behind_it(
    ingested: Store, cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    """A transaction that changed a report's figures stays open (a long job, an idle
    session). A web write's refresh gives up at once; a CLI refresh retries without
    queueing for the lock, so a writer of an unrelated report is not held up by it."""
    if ingested.dialect != "postgresql":
        pytest.skip("PostgreSQL's lock queue")
    body = "Flood in Perm\n\nSome 30 people were evacuated in Perm on Monday, officials said.\n"
    assert cli("add", str(write("other.txt", body)), "--url", "https://x.example/o").exit_code == 0
    _claim, _event, document = _seventy(ingested)
    _sql(ingested, "UPDATE claims SET contradictions = NULL WHERE id = 1")  # work to do
    long = ingested.engine.connect()
    waited, wrote = threading.Event(), threading.Event()
    try:
        long.execute(text(f"UPDATE mentions SET data = data WHERE document_id = {document}"))
        began = time.monotonic()
        assert claim_standing.refresh(ingested, wait=False) == 0
        assert time.monotonic() - began < 1.0, "a web write's refresh does not wait"
        refresh = threading.Thread(target=lambda: (claim_standing.refresh(ingested), waited.set()))
        refresh.start()
        time.sleep(0.3)

        def other_writer() -> None:
            _sql(
                ingested,
                "UPDATE mentions SET data = data"
                " WHERE document_id = (SELECT max(id) FROM documents)",
            )
            wrote.set()

        threading.Thread(target=other_writer).start()
        assert wrote.wait(3), "another writer is not queued behind the waiting refresh"
        assert not waited.is_set()
        long.commit()
        refresh.join(10)
        assert waited.is_set()
    finally:
        long.close()
    assert _wrong(ingested) == {} and None not in _kept(ingested).values()
