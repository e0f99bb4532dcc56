"""Clauses that tell no event, and speakers, over real parses of sentences written here."""

from __future__ import annotations

from datetime import date

import pytest

import storyline
from storyline.model import Event

pytestmark = pytest.mark.slow


def events_of(text: str) -> list[Event]:
    return list(storyline.extract(text, published=date(2024, 6, 20)).events)


def kinds(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.type, e.text) for e in events]


def test_a_purpose_infinitive_is_not_an_event() -> None:
    events = events_of(
        "Colony visit\n\nOfficers toured the Kamsk colony in a bid to recruit inmates for the war."
    )
    assert "enlistment" not in [e.type for e in events], kinds(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2022 the authorities allowed the Orlan group to recruit inmates in the Kamsk colony.",
        "The governor signed a decree permitting convicts of the Kamsk colony to join the army.",
    ],
)
def test_what_someone_is_allowed_to_do_has_not_happened(sentence: str) -> None:
    """A permission's infinitive (parsed as a clausal complement with its own subject, not
    an open one) tells a rule, not an enlistment."""
    events = events_of(f"Colony visit\n\n{sentence}")
    assert "enlistment" not in [e.type for e in events], kinds(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "The terms of recruitment in the Kamsk colony were not made public.",
        "The regional office shared information about recruitment in its colonies.",
    ],
)
def test_an_event_noun_after_a_noun_that_measures_it_is_a_topic(sentence: str) -> None:
    events = events_of(f"Colony visit\n\n{sentence}")
    assert "enlistment" not in [e.type for e in events], kinds(events)


def test_an_event_noun_reported_as_such_is_still_an_event() -> None:
    events = events_of(
        "Colony visit\n\nThe recruitment of 300 inmates at the Kamsk colony began in May."
    )
    assert "enlistment" in [e.type for e in events], kinds(events)


def test_an_aspectual_or_implicative_verb_keeps_the_infinitive() -> None:
    events = events_of(
        "Colony visit\n\nThe army managed to recruit 300 inmates from the Kamsk colony in May."
    )
    assert ("enlistment", "recruit") in kinds(events)


def test_a_refusal_to_sign_stays_a_negated_enlistment() -> None:
    events = events_of(
        "Colony visit\n\nSeveral inmates of the Kamsk colony were punished for refusing to "
        "sign military contracts."
    )
    enlistment = [e for e in events if e.type == "enlistment"]
    assert [e.certainty for e in enlistment] == ["negated"], kinds(events)


def test_a_rule_with_a_modal_and_a_condition_is_not_an_event() -> None:
    events = events_of(
        "New law\n\nUnder the new law, a prisoner serving a sentence for robbery can be released "
        "for military service only if a court agrees."
    )
    assert "release_for_service" not in [e.type for e in events], kinds(events)


def test_a_prohibition_is_not_an_event() -> None:
    events = events_of(
        "New law\n\nConvicts who join the army may not leave their unit and will not be "
        "discharged before the war ends."
    )
    assert "discharge_and_return" not in [e.type for e in events], kinds(events)


def test_eligibility_is_a_rule_not_a_release() -> None:
    events = events_of(
        "New law\n\nPrisoners serving sentences for treason are not eligible for release to "
        "the army, the ministry said."
    )
    assert "release_for_service" not in [e.type for e in events], kinds(events)


def test_a_participle_telling_someones_record_is_not_a_new_crime() -> None:
    events = events_of(
        "Pardon\n\nA former soldier convicted of robbery in 2015 was pardoned last week after "
        "serving at the front, his lawyer said."
    )
    assert "crime_after_return" not in [e.type for e in events], kinds(events)
    assert "release_for_service" in [e.type for e in events]


def test_a_minister_named_once_stays_official_when_named_by_surname() -> None:
    events = events_of(
        "Prison reform\n\nJustice Minister Irina Kovalenko said on Monday that 900 inmates had "
        "applied to serve.\n\nOn Thursday, Kovalenko noted that the first units would be "
        "formed in July."
    )
    statements = [e for e in events if e.type == "official_statement"]
    assert [e.text for e in statements] == ["said", "noted"], kinds(events)


def test_a_state_speaks_through_its_capital() -> None:
    events = events_of(
        "Losses\n\nMoscow denied the report that 500 recruits had been killed near the river."
    )
    assert ("denial_or_refusal", "denied") in kinds(events)


def test_the_same_speaker_going_on_is_one_statement() -> None:
    events = events_of(
        "Recruitment\n\nThe regional prosecutor said 40 inmates had enlisted in March. "
        "He said most of them had served less than half of their sentences."
    )
    statements = [e for e in events if e.type == "official_statement"]
    assert len(statements) == 1, kinds(events)


def test_he_refers_to_a_person_not_to_an_organisation() -> None:
    events = events_of(
        "Recruitment\n\nGovernor Pavel Sirko visited the Storm brigade on Friday. "
        "The brigade recruited 200 inmates, he said."
    )
    statement = next(e for e in events if e.type == "official_statement")
    assert [f.text for f in statement.roles["actor"]] == ["Pavel Sirko"], kinds(events)


def roles(event: Event, role: str) -> list[str]:
    return [f.text for f in event.roles.get(role, ())]


def test_the_war_in_a_country_is_not_where_recruits_enlisted() -> None:
    events = events_of(
        "Recruitment\n\nAbout 60 inmates of the Kamsk colony enlisted last spring for the war "
        "in Moldova."
    )
    enlistment = next(e for e in events if e.type == "enlistment")
    assert roles(enlistment, "place") == [], kinds(events)


def test_a_destination_is_not_the_place_of_a_release() -> None:
    events = events_of(
        "Release\n\nGuards released 40 inmates of Penal Colony No. 3 to Moldova last week."
    )
    release = next(e for e in events if e.type == "release_for_service")
    assert "Moldova" not in roles(release, "place"), kinds(events)


def test_the_day_a_statement_was_made_is_not_the_day_of_the_event() -> None:
    events = events_of(
        "Pardon\n\nA former inmate was pardoned after serving at the front, his lawyer said "
        "on Tuesday."
    )
    release = next(e for e in events if e.type == "release_for_service")
    assert roles(release, "time") == [], kinds(events)


def test_a_participle_shares_the_place_and_time_of_its_clause() -> None:
    events = events_of(
        "Shelling\n\nArtillery struck a training camp near Kherson on Monday, killing 12 "
        "recruits, the ministry said."
    )
    casualty = next(e for e in events if e.type == "casualty")
    assert [p for p in roles(casualty, "place") if "Kherson" in p], kinds(events)
    assert roles(casualty, "time") == ["Monday"]


def test_the_place_of_the_people_counted_places_the_event() -> None:
    """ "Forty of the inmates at a colony … signed up": where the participants are held is
    where they signed up (the place hangs from the subject through a partitive)."""
    events = events_of(
        "Inmates sign up\n\nForty of the roughly 300 inmates at a penal colony in the Kirov "
        "region signed up in March, a lawyer said."
    )
    [event] = [e for e in events if e.type == "enlistment"]
    places = [f.text for f in event.roles.get("place", ())]
    assert places and "Kirov" in places[0], places


@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        (
            "Officers of the Kamsk colony transferred the materials of 40 inmates to the court.",
            "release_for_service",
        ),
        (
            "The Orlan group's fighters will pull out of the town by June 1 and transfer "
            "control to the army, its commander said.",
            "release_for_service",
        ),
        (
            "The video was sent from the front by one of the inmates of the Kamsk colony.",
            "deployment",
        ),
        (
            "The capture of the city of Lysychansk by army units at the front took two months.",
            "desertion_or_capture",
        ),
        (
            "The Orlan group's fighters captured Lysychansk in May after months of fighting.",
            "desertion_or_capture",
        ),
    ],
)
def test_a_type_that_moves_people_is_not_told_by_moving_things_or_places(
    sentence: str, type_: str
) -> None:
    """Deployments, releases, returns and captures move people: a trigger whose object is a
    thing, data or a place ("transfer the materials", "the capture of the city") tells none."""
    events = events_of(f"Colony report\n\n{sentence}")
    assert type_ not in [e.type for e in events], kinds(events)


@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        ("The Kamsk colony transferred 40 inmates to the front last week.", "release_for_service"),
        (
            "Two Orlan group recruits were captured by the other side near Lysychansk.",
            "desertion_or_capture",
        ),
        ("The army sent a large number of inmates of the Kamsk colony to the front.", "deployment"),
        (
            "Perm, Russia - One of the men convicted of the 2019 murder has been pardoned "
            "after his service at the front, his lawyer said.",
            "release_for_service",
        ),
        (
            "Denis Orlov left Penal Colony No. 4 with a group of 120 convicts for the front.",
            "release_for_service",
        ),
        (
            "Dozens of recruits fled their positions at the front and went missing.",
            "desertion_or_capture",
        ),
        (
            "The convicts surrendered their weapons to the other side at the front.",
            "desertion_or_capture",
        ),
        (
            "The opposition figure was freed from prison to serve at the front.",
            "release_for_service",
        ),
        ("The Orlan group sent a detail of 30 convicts to the front.", "deployment"),
    ],
)
def test_people_moved_still_tell_the_event(sentence: str, type_: str) -> None:
    """The check reads the object nearest the trigger (a dateline's place is no object of
    "pardoned"), and a place left is where people come from, not what is moved."""
    events = events_of(f"Colony report\n\n{sentence}")
    assert type_ in [e.type for e in events], kinds(events)
