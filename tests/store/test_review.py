"""Review decisions and the audit hash chain, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, update

from storyline.capture.hashing import sha256_hex
from storyline.errors import NotFoundInStoreError, ReviewError
from storyline.model import Capture, Document
from storyline.store import repository, review
from storyline.store.db import Store
from storyline.store.schema import AuditRow, EventRow

TEXT = "Colony visit\n\nOfficers visited the colony in Orlov in May 2024, said a lawyer."


def _event(store: Store) -> int:
    data = TEXT.encode()
    capture = Capture(data=data, sha256=sha256_hex(data), input="t", captured_at=datetime.now(UTC))
    document = Document(text=TEXT, sha256=capture.sha256, body_start=14, title="Colony visit")
    doc = repository.add_document(store, capture, document, parser_version="p/1").document_id
    start = TEXT.index("visited")
    machine = {
        "id": "v1",
        "type": "recruitment_visit",
        "certainty": "reported",
        "evidence": [[14, len(TEXT)]],
        "roles": {
            "actor": [{"start": 14, "end": 22, "text": "Officers", "mention": None, "entity": None}]
        },
        "source": None,
    }
    row = EventRow(
        document_id=doc,
        key="v1",
        type="recruitment_visit",
        codebook="prison-recruitment/1",
        certainty="reported",
        start=start,
        end=start + 7,
        text="visited",
        place="Orlov",
        country="RU",
        time_start=date(2024, 5, 1),
        time_end=date(2024, 5, 31),
        data={**machine, "machine": dict(machine)},
    )
    with store.sessions.begin() as session:
        session.add(row)
    return row.id


def _row(store: Store, event_id: int) -> EventRow:
    with store.sessions() as session:
        row = session.get(EventRow, event_id)
        assert row is not None
        return row


def test_verify_and_reject_set_the_status_and_write_who_and_when(store: Store) -> None:
    event = _event(store)
    review.verify_event(store, event, "ana")
    assert _row(store, event).review_status == "verified"
    review.reject_event(store, event, "bo", note="a different colony")
    row = _row(store, event)
    assert row.review_status == "rejected"
    assert row.data["review"]["by"] == "bo" and row.data["review"]["note"] == "a different colony"
    history = review.history(store, "event", event)
    assert [(h["actor"], h["action"]) for h in history] == [
        ("ana", "event.verified"),
        ("bo", "event.rejected"),
    ]
    assert history[1]["detail"]["from_status"] == "verified"
    assert all(h["at"].tzinfo is not None for h in history)


def test_a_correction_changes_columns_and_roles_and_keeps_the_machine_output(
    store: Store,
) -> None:
    event = _event(store)
    detail = review.correct_event(
        store,
        event,
        "ana",
        {
            "type": "contract_offer",
            "certainty": "possible",
            "time_start": "2024-05-10",
            "place": "Orlov",  # unchanged: not reported as a change
            "roles": {"actor": ["Officers"], "place": ["the colony in Orlov"]},
        },
        note="the visit was an offer",
    )
    assert set(detail["changes"]) == {"type", "certainty", "time_start", "roles"}
    row = _row(store, event)
    assert (row.type, row.certainty, row.time_start) == (
        "contract_offer",
        "possible",
        date(2024, 5, 10),
    )
    assert row.review_status == "corrected"
    assert row.data["type"] == "contract_offer"
    place = row.data["roles"]["place"][0]
    assert TEXT[place["start"] : place["end"]] == "the colony in Orlov"
    assert row.data["roles"]["actor"][0]["start"] == 14  # a kept filler keeps its span
    machine = row.data["machine"]
    assert (machine["type"], machine["certainty"]) == ("recruitment_visit", "reported")
    assert machine["time_start"] == "2024-05-01"  # columns of the machine's output too
    review.correct_event(store, event, "bo", {"certainty": "asserted"})
    assert _row(store, event).data["machine"]["certainty"] == "reported"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "nothing changed"),
        ({"certainty": "sure"}, "certainty must be one of asserted, reported"),
        ({"time_start": "May"}, "time_start must be a date like 2024-06-20, not 'May'"),
        ({"time_end": "2024-04-01"}, "the time range ends before it starts"),
        ({"country": "Russia"}, "country must be a two-letter code"),
        ({"lat": "95"}, "lat must lie between -90 and 90"),
        ({"colour": "red"}, "cannot correct colour"),
        ({"type": ""}, "an event needs a type"),
        ({"place": "Orlov"}, "nothing changed"),
    ],
)
def test_bad_corrections_change_nothing(
    store: Store, changes: dict[str, str], message: str
) -> None:
    event = _event(store)
    with pytest.raises(ReviewError, match=message):
        review.correct_event(store, event, "ana", changes)
    row = _row(store, event)
    assert row.review_status == "machine" and row.type == "recruitment_visit"
    assert review.history(store, "event", event) == []


def test_deciding_on_a_missing_event_says_so(store: Store) -> None:
    with pytest.raises(NotFoundInStoreError, match="no event with id 404"):
        review.verify_event(store, 404, "ana")


def test_the_chain_verifies_and_tampering_is_found(store: Store) -> None:
    event = _event(store)
    review.verify_event(store, event, "ana")
    review.reject_event(store, event, "bo")
    review.record(store, "admin", "user.add", "user", 1, {"name": "cy"})
    report = review.verify_chain(store)
    assert (report.ok, report.rows) == (True, 3)
    with store.sessions.begin() as session:
        second = session.scalars(select(AuditRow.id).order_by(AuditRow.id)).all()[1]
        session.execute(update(AuditRow).where(AuditRow.id == second).values(actor="mallory"))
    broken = review.verify_chain(store)
    assert (broken.ok, broken.broken_at) == (False, second)
    assert broken.reason == "hash does not match the row's content"


def test_a_deleted_row_breaks_the_chain(store: Store) -> None:
    event = _event(store)
    for actor in ("ana", "bo", "cy"):
        review.verify_event(store, event, actor)
    with store.sessions.begin() as session:
        ids = session.scalars(select(AuditRow.id).order_by(AuditRow.id)).all()
        session.delete(session.get(AuditRow, ids[1]))
    report = review.verify_chain(store)
    assert (report.ok, report.broken_at) == (False, ids[2])


def test_concurrent_decisions_keep_one_unforked_chain(store: Store) -> None:
    event = _event(store)
    errors: list[BaseException] = []

    def decide(actor: str) -> None:
        try:
            for _ in range(5):
                review.verify_event(store, event, actor)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=decide, args=(f"r{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.sessions() as session:
        assert session.scalar(select(func.count(AuditRow.id))) == 20
    assert review.verify_chain(store).ok
