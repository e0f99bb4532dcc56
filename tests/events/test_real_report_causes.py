"""Causes of missed and wrong events found on real reports (issue 11), each written here as
a sentence of our own: who is recruited, who leaves for the front, an event ordered after
another, a page title printed twice."""

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


def only(events: list[Event], type: str) -> Event:
    matching = [e for e in events if e.type == type]
    assert len(matching) == 1, kinds(events)
    return matching[0]


def texts(event: Event, role: str) -> list[str]:
    return [f.text for f in event.roles.get(role, ())]


def test_the_recruiter_is_not_who_enlists() -> None:
    event = only(
        events_of("Recruiting\n\nThe Defence Ministry recruited 400 inmates in the Kamsk colony."),
        "enlistment",
    )
    assert texts(event, "subject") == ["inmates"]
    assert "Defence Ministry" not in " ".join(texts(event, "subject"))


def test_who_leaves_for_the_front_is_who_is_deployed() -> None:
    event = only(
        events_of("Departure\n\nThe first group of recruits left for the front on July 20."),
        "deployment",
    )
    assert texts(event, "actor") == []
    assert texts(event, "subject") and "group" in texts(event, "subject")[0]


def test_an_event_after_another_is_an_event_of_its_own() -> None:
    events = events_of(
        "Pardon\n\nA former policeman was pardoned after fighting in Ukraine, his lawyer said."
    )
    assert ("release_for_service", "pardoned") in kinds(events)
    assert "deployment" in [e.type for e in events], kinds(events)


def test_a_page_title_printed_again_in_the_body_tells_no_event() -> None:
    title = "Wagner recruiters visit penal colonies again"
    events = events_of(
        f"Subscribe\n\n{title}\n\nMonday, 6 February 2023\n\n{title}\n\n"
        "Recruiters from Wagner have begun to arrive in penal colonies for the second time, "
        "Mediazona reports."
    )
    assert ("recruitment_visit", "visit") not in kinds(events), kinds(events)


def test_a_participle_that_says_which_people_is_no_event() -> None:
    events = events_of(
        "Crime\n\nPrigozhin said that convicts recruited by Wagner committed fewer crimes than "
        "persons released from prison without a contract."
    )
    assert ("enlistment", "recruited") not in kinds(events), kinds(events)
    assert ("release_for_service", "released") not in kinds(events), kinds(events)


def test_a_participle_with_its_own_date_is_an_event() -> None:
    events = events_of(
        "Losses\n\nWagner will be without most of the prisoners recruited in the fall of 2022."
    )
    assert ("enlistment", "recruited") in kinds(events), kinds(events)


def test_what_must_happen_and_whom_a_law_applies_to_are_rules() -> None:
    events = events_of(
        "Procedure\n\nUnder the new law, the courts must approve each prisoner's application "
        "to serve in the army. The law does not apply to people convicted of murder."
    )
    assert ("policy_change", "approve") not in kinds(events), kinds(events)
    assert ("enlistment", "apply") not in kinds(events), kinds(events)


def test_a_stopped_recruitment_is_negated_and_a_banned_one_is_no_event() -> None:
    events = events_of(
        "Wagner\n\nIn January, Prigozhin announced that the group had stopped recruiting "
        "prisoners. He later said that Wagner was banned from recruiting in prisons."
    )
    recruiting = [e for e in events if e.type == "enlistment"]
    assert [(e.text, e.certainty) for e in recruiting] == [("recruiting", "negated")]


def test_a_convicts_old_crime_is_no_casualty_or_crime_after_return() -> None:
    events = events_of(
        "Russia pardons ex-policeman convicted of journalist's murder\n\n"
        "Russian authorities have pardoned a former policeman after he fought in Ukraine, "
        "his lawyer said.\n\n"
        "The journalist was shot dead in the lift of her apartment block in 2006. Four other "
        "people were also convicted over the killing."
    )
    assert "casualty" not in [e.type for e in events], kinds(events)
    assert "crime_after_return" not in [e.type for e in events], kinds(events)
    assert ("release_for_service", "pardoned") in kinds(events)


def test_a_death_at_the_front_still_counts_without_the_headline() -> None:
    events = events_of(
        "Pardoned convict\n\nThe pardoned man later returned to the front, where he was "
        "killed in fighting near Bakhmut in May."
    )
    assert ("casualty", "killed") in kinds(events), kinds(events)


def test_a_law_is_neither_the_actor_nor_the_target_of_its_own_passing() -> None:
    event = only(
        events_of(
            "Convicts law\n\nIn May the parliament passed a bill that lets convicts serve in "
            "the army."
        ),
        "policy_change",
    )
    assert texts(event, "target") == []
    assert texts(event, "actor") == ["the parliament"]


def test_who_serves_in_exchange_for_parole_is_offered_the_terms() -> None:
    event = only(
        events_of(
            "New law\n\nUnder the law, Ukrainian prisoners serve in the army in exchange for "
            "the possibility of parole."
        ),
        "contract_offer",
    )
    assert texts(event, "subject") == ["Ukrainian prisoners"]
    assert texts(event, "actor") == []
    assert texts(event, "benefit") == ["parole"]


def test_a_share_is_the_quantity_and_the_whole_is_who_died() -> None:
    event = only(
        events_of("Losses\n\nAbout 20% of the prisoners died in the battle for Bakhmut."),
        "casualty",
    )
    assert texts(event, "quantity") == ["About 20%"]
    assert texts(event, "subject") == ["prisoners"]


def test_a_count_of_crimes_is_the_quantity_not_a_victim() -> None:
    event = only(
        events_of(
            "Crimes\n\nPrigozhin said the former convicts committed 83 crimes after they "
            "returned home from the front."
        ),
        "crime_after_return",
    )
    assert texts(event, "quantity") == ["83 crimes"]
    assert texts(event, "target") == []


def test_a_source_of_another_clause_does_not_attribute_the_event() -> None:
    event = only(
        events_of(
            "Statistics\n\nThe Federal Penitentiary Service did not update the statistics for "
            "two months, and in January it released new data showing that the number of "
            "prisoners had stopped falling."
        ),
        "denial_or_refusal",
    )
    assert texts(event, "source") == []
    assert event.certainty == "asserted"


def test_a_date_of_another_noun_does_not_date_the_event() -> None:
    event = only(
        events_of(
            "Pardon\n\nRussian authorities have pardoned a former policeman jailed over the "
            "2006 killing of a journalist after he fought in Ukraine."
        ),
        "release_for_service",
    )
    assert texts(event, "time") == []


def test_a_period_the_event_happened_in_still_dates_it() -> None:
    event = only(
        events_of("Recruitment\n\nFewer inmates signed up during the winter of 2023."),
        "enlistment",
    )
    assert texts(event, "time") == ["the winter of 2023"]


def test_a_datelines_city_is_told_apart_from_the_story() -> None:
    from storyline.events.roles import _DATELINE

    text = (
        "Headline\n\nKIEV, May 17 (Xinhua) -- Zelensky signed the law.\n\n"
        "MOSCOW (AFP): Russia pardoned him.\n\nNATO said nothing. UN officials, in May, met."
    )
    assert [m.group(1) for m in _DATELINE.finditer(text)] == ["KIEV", "MOSCOW"]


def test_recruiters_arriving_in_or_travelling_to_colonies_visit_them() -> None:
    events = events_of(
        "Second round\n\nRecruiters from Wagner have begun to arrive in Russian penal colonies "
        "for the second time.\n\nIn 2022 its founder began traveling to prisons around the "
        "country."
    )
    visits = [e.text for e in events if e.type == "recruitment_visit"]
    assert visits == ["arrive in Russian penal colonies", "traveling to prisons"], kinds(events)


def test_a_count_inside_a_phrase_trigger_does_not_break_it() -> None:
    events = events_of(
        "Bakhmut\n\nPrigozhin says his force lost more than 20,000 fighters in the battle."
    )
    assert ("casualty", "lost more than 20,000 fighters") in kinds(events), kinds(events)
