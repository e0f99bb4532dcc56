"""A convict's record, a policy, a trend, a tour of duty and a second mention of one event
tell no new event (events/triggers.py), over real parses of sentences written here; each
has a counterpart that still is an event."""

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


@pytest.mark.parametrize(
    "sentence",
    [
        "The veteran came home from the front in May. He had been serving a prison term of "
        "nine years for murder.",
        "A former fighter returned to Kamsk in May after serving twelve years in jail for "
        "his part in the murder of a shopkeeper.",
    ],
)
def test_the_crime_a_convict_was_punished_for_is_his_record(sentence: str) -> None:
    events = events_of(f"Returnee\n\n{sentence}")
    assert "crime_after_return" not in [e.type for e in events], kinds(events)


def test_a_crime_after_coming_back_is_still_one() -> None:
    events = events_of(
        "Returnee\n\nThe former prisoner came home from the front in May and was arrested "
        "for the murder of a neighbour in Kamsk in June."
    )
    assert "crime_after_return" in [e.type for e in events], kinds(events)


def test_a_policy_of_pardoning_is_no_pardon() -> None:
    events = events_of(
        "Pardons\n\nThe Kremlin said on Monday that it had not changed its policy of "
        "pardoning convicts who fight in Ukraine."
    )
    assert "release_for_service" not in [e.type for e in events], kinds(events)


def test_recruitment_that_peaked_is_a_trend() -> None:
    events = events_of(
        "Colonies\n\nThe recruitment of inmates in the Kamsk colony peaked in the autumn."
    )
    assert "enlistment" not in [e.type for e in events], kinds(events)


def test_a_tour_of_duty_is_no_recruitment_visit_but_a_tour_of_colonies_is() -> None:
    served = events_of(
        "Returnee\n\nAfter completing his tour of duty in Ukraine, the convict went home to Kamsk."
    )
    toured = events_of("Recruiters\n\nRecruiters toured the Kamsk penal colony in March.")
    assert "recruitment_visit" not in [e.type for e in served], kinds(served)
    assert "recruitment_visit" in [e.type for e in toured], kinds(toured)


def test_a_second_mention_of_a_release_is_not_a_new_release() -> None:
    events = events_of(
        "Pardon\n\nThe authorities pardoned a convicted arsonist from the Kamsk colony in "
        "March. Reporters asked whether conditions were attached. News of the arsonist's "
        "release angered his victims' families."
    )
    releases = [e for e in events if e.type == "release_for_service"]
    assert [e.text for e in releases] == ["pardoned"], kinds(events)


def test_a_first_mention_by_a_definite_noun_is_an_event() -> None:
    events = events_of(
        "Pardon\n\nNews of the arsonist's release from the Kamsk colony angered his victims' "
        "families."
    )
    assert "release_for_service" in [e.type for e in events], kinds(events)


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        (
            "Putin pardoned Sokolov in February. Orlov's pardon, signed weeks later, was kept "
            "secret by the prison service.",
            "release_for_service",
            2,
        ),
        (
            "Wagner denied that any convicts from the Kamsk colony had been killed. But Maria "
            "Petrova said her son's death was confirmed to her by a commander.",
            "casualty",
            2,
        ),
    ],
)
def test_a_possessive_naming_someone_else_is_a_new_event(text: str, kind: str, count: int) -> None:
    """Only a possessor the earlier sentence named ("the cannibal's") points back; a name,
    a pronoun or a relative ("her son's") may be someone else (an adversarial review)."""
    events = events_of(f"Report\n\n{text}")
    assert len([e for e in events if e.type == kind]) == count, kinds(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "A Wagner returnee was imprisoned for the murder of a neighbour in Kamsk in June, "
        "three months after he was pardoned.",
        "The man, who came back from the front in 2023, received a new conviction for "
        "assault in April.",
    ],
)
def test_a_dated_or_new_punishment_is_for_a_crime_after_return(sentence: str) -> None:
    events = events_of(f"Returnee\n\n{sentence}")
    assert "crime_after_return" in [e.type for e in events], kinds(events)


def test_a_statement_relayed_by_another_source_is_reported() -> None:
    """ "X said that …, according to media reports": the outlet has the statement itself
    from the media, so the statement is reported, with that source."""
    events = events_of(
        "Convicts\n\nLast week, Justice Minister Ivan Petrenko said that Ukraine could "
        "conscript up to 20,000 convicts, according to media reports."
    )
    (said,) = [e for e in events if e.type == "official_statement"]
    assert said.certainty == "reported", kinds(events)
    assert [f.text for f in said.roles["source"]] == ["according to media reports"]


def test_a_statement_told_by_the_outlet_is_asserted() -> None:
    events = events_of(
        "Convicts\n\nLast week, Justice Minister Ivan Petrenko said that Ukraine could "
        "conscript up to 20,000 convicts."
    )
    (said,) = [e for e in events if e.type == "official_statement"]
    assert said.certainty == "asserted", kinds(events)
