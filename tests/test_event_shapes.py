"""The three outward forms of a stored event come from one contract object.

The extraction contract's event (``event_to_json``), a document's events in ``show`` and
``GET /api/documents/N`` (``stored_event_json``), and the listing of ``events``,
``GET /api/events`` and the downloads (``event_json``) used to be written out field by field
in three places that had to change together. These tests pin what a reader of any form
relies on: every contract field is in every form, a field the contract gains later reaches
all of them, and a reviewer's correction is what each form shows.
"""

from __future__ import annotations

from datetime import date

import pytest

import storyline
from storyline.extract.contract import event_to_json
from storyline.store.event_queries import LISTING_RENAMES, event_json
from storyline.store.event_rows import event_rows
from storyline.store.schema import EventRow
from storyline.views import stored_event_json

TEXT = (
    "Recruiters at the colony\n\n"
    "Wagner recruiters visited Penal Colony No. 6 in Ryazan in May 2023, "
    "a lawyer for one of the inmates said. About 40 prisoners signed contracts."
)


@pytest.fixture(scope="module")
def extracted() -> tuple[list[dict[str, object]], list[EventRow]]:
    extraction = storyline.extract(TEXT, published=date(2023, 6, 2))
    assert extraction.events, "the report must yield events for these tests to mean anything"
    rows = event_rows(extraction)
    for number, row in enumerate(rows, start=1):
        row.id, row.document_id, row.review_status = number, 7, "unreviewed"
    return [event_to_json(e) for e in extraction.events], rows


def test_every_contract_field_is_in_every_form(extracted) -> None:
    contracts, rows = extracted
    for contract, row in zip(contracts, rows, strict=True):
        stored = stored_event_json(row)
        listed = event_json(row)
        for field, value in contract.items():
            assert stored[field] == value, field
            shown_as = LISTING_RENAMES.get(field, field)
            assert shown_as in listed, field
        assert listed["trigger"] == {
            "start": contract["start"],
            "end": contract["end"],
            "text": contract["text"],
        }
        assert listed["key"] == contract["id"]
        assert listed["source_mention"] == contract["source"]


def test_a_field_the_contract_gains_reaches_both_stored_forms(extracted) -> None:
    _, rows = extracted
    row = rows[0]
    row.data = {**(row.data or {}), "language": "uk"}
    assert stored_event_json(row)["language"] == "uk"
    assert event_json(row)["language"] == "uk"


def test_reviewed_columns_are_the_record_in_every_form(extracted) -> None:
    _, rows = extracted
    row = rows[-1]
    row.type, row.certainty, row.review_status = "enlistment", "negated", "edited"
    for form in (stored_event_json(row), event_json(row)):
        assert form["type"] == "enlistment"
        assert form["certainty"] == "negated"
        assert form["review_status"] == "edited"
        assert "machine" not in form
