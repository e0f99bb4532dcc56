"""Event assembly over real spaCy parses of texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

import storyline
from storyline.events import load_codebook
from storyline.extract import extract_document
from storyline.model import Event

pytestmark = pytest.mark.slow


def events_of(text: str, published: date | None = date(2024, 6, 20), codebook=None) -> list[Event]:
    result = storyline.extract(text, published=published)
    if codebook is not None:
        result = extract_document(result.document, load_codebook(codebook))
    return list(result.events)


def only(events: list[Event], type: str) -> Event:
    matching = [e for e in events if e.type == type]
    assert len(matching) == 1, [(e.type, e.text) for e in events]
    return matching[0]


def texts(event: Event, role: str) -> list[str]:
    return [f.text for f in event.roles.get(role, ())]


def test_a_contract_offer_gets_its_terms_from_the_codebook_roles() -> None:
    events = events_of(
        "Recruiters at the colony\n\n"
        "Recruiters from the Defence Ministry offered inmates at Penal Colony No. 4 contracts "
        "as drivers and assault troopers for six months in exchange for a pardon and "
        "200,000 rubles a month, two prisoners said."
    )
    offer = only(events, "contract_offer")
    assert offer.text == "offered"
    assert texts(offer, "position") == ["drivers", "assault troopers"]
    assert texts(offer, "duration") == ["six months"]
    assert texts(offer, "money") == ["200,000 rubles a month"]
    assert "pardon" in texts(offer, "benefit")
    assert texts(offer, "subject") == ["inmates"]
    assert offer.certainty == "reported"
    assert offer.source is not None and offer.roles["source"][0].mention == offer.source


def test_the_part_of_a_partitive_is_who_signed_up() -> None:
    event = only(
        events_of("Sign-ups\n\nAbout 25 of the colony's 300 inmates signed up last month."),
        "enlistment",
    )
    assert texts(event, "subject") == ["About 25"]
    assert texts(event, "time") == ["last month"]


def test_an_open_question_does_not_become_an_asserted_event() -> None:
    events = events_of(
        "Women freed\n\nGuards collected six women from the prison in March. "
        "It is unclear if their release was approved by a court."
    )
    assert [(e.text, e.certainty) for e in events if e.type == "release_for_service"] == [
        ("collected", "asserted"),
        ("release", "unknown"),
    ]


def test_negation_and_hedges_set_the_certainty() -> None:
    events = events_of(
        "Colony statement\n\n"
        "The inmates did not sign contracts, the warden said. "
        "Some convicts may have been sent to the front in April."
    )
    assert only(events, "enlistment").certainty == "negated"
    assert only(events, "deployment").certainty == "possible"


def test_a_pronoun_subject_is_resolved_to_the_group_before_it() -> None:
    events = events_of(
        "Offer\n\nForty convicts from the Kursk colony met the recruiters on Monday. "
        "They were offered pardons in return for six months at the front."
    )
    offer = only(events, "contract_offer")
    assert texts(offer, "subject") == ["Forty convicts"]


def test_place_and_time_carry_over_within_a_paragraph_only() -> None:
    events = events_of(
        "Return\n\n"
        "The fighters came home to Rostov in May. Two of them were arrested for robbery.\n\n"
        "Separately, three deserters surrendered."
    )
    crime = only(events, "crime_after_return")
    assert texts(crime, "place") == ["Rostov"]
    assert texts(crime, "time") == ["May"]
    desertion = only(events, "desertion_or_capture")
    assert "place" not in desertion.roles and "time" not in desertion.roles


def test_the_headline_repeats_the_body_and_gives_no_events() -> None:
    events = events_of("Convicts Sign Up to Fight\n\nThe weather in the region was mild.")
    assert events == []


def test_a_report_with_no_events_gives_an_empty_list() -> None:
    assert events_of("Budget\n\nThe city council discussed the library budget on Tuesday.") == []


def test_a_press_release_is_not_a_release_from_prison() -> None:
    events = events_of(
        "Statement\n\nThe prison service issued a press release about inmates on Friday."
    )
    assert not [e for e in events if e.type == "release_for_service"]


def test_another_codebook_finds_another_topic_in_the_same_machinery() -> None:
    text = (
        "Dock strike\n\n"
        "About 2,000 dock workers went on strike in Gdansk on Monday, the union said. "
        "Police detained 14 protesters outside the port authority."
    )
    assert not [e for e in events_of(text) if e.type in {"protest", "arrest"}]
    events = events_of(text, codebook="protest-violence")
    protest = only(events, "protest")
    assert texts(protest, "quantity") == ["About 2,000 dock workers"]
    assert texts(protest, "place") == ["Gdansk"]
    assert protest.certainty == "reported"
    arrest = only(events, "arrest")
    assert texts(arrest, "actor") == ["Police"]
    # The count is the quantity; the people inside it the subject (docs/eval.md, "Events").
    assert (texts(arrest, "quantity"), texts(arrest, "subject")) == (
        ["14 protesters"],
        ["protesters"],
    )
    assert all(e.codebook == "protest-violence/1" for e in events)


def test_every_filler_and_trigger_points_at_its_text() -> None:
    text = (
        "Colony\n\nMilitary recruiters toured Penal Colony No. 7 near Omsk last autumn, "
        "according to a former inmate. About 60 men enlisted."
    )
    result = storyline.extract(text, published=date(2024, 6, 20))
    body = result.document.text
    mention_ids = {m.id for m in result.mentions}
    assert result.events
    for event in result.events:
        assert body[event.start : event.end] == event.text
        for fillers in event.roles.values():
            for filler in fillers:
                assert body[filler.start : filler.end] == filler.text
                assert filler.mention is None or filler.mention in mention_ids
        assert any(start <= event.start < end for start, end in event.evidence)
