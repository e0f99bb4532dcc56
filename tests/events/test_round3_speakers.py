"""Who speaks for officials, quotations attributed at their end, and "can be" possibilities,
over real parses of sentences written here."""

from __future__ import annotations

from datetime import date

import pytest

import storyline
from storyline.events.codebook import parse_codebook
from storyline.model import Event

pytestmark = pytest.mark.slow


def events_of(text: str) -> list[Event]:
    return list(storyline.extract(text, published=date(2024, 6, 20)).events)


def kinds(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.type, e.text) for e in events]


def statements(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type == "official_statement"]


def test_a_news_agency_is_not_an_official() -> None:
    events = events_of(
        "Inmates\n\nReuters reported that 300 inmates of the Kamsk colony had been recruited "
        "by Wagner in May."
    )
    assert not statements(events), kinds(events)
    recruitment = [e for e in events if e.type == "enlistment"]
    assert recruitment and recruitment[0].certainty == "reported"


def test_an_outlet_described_elsewhere_is_not_an_official() -> None:
    events = events_of(
        "Inmates\n\nMediazona, an independent outlet, counted the prison population in "
        "the spring.\n\nMediazona reported that 300 inmates of the Kamsk colony had been "
        "recruited by Wagner in May."
    )
    assert not statements(events), kinds(events)


def test_a_ministry_telling_an_outlet_is_still_official() -> None:
    events = events_of(
        "Inmates\n\nThe Justice Ministry told Reuters that 300 inmates of the Kamsk colony "
        "had been recruited in May."
    )
    assert [e.text for e in statements(events)] == ["told"], kinds(events)


def test_a_lawyer_is_not_an_official_even_of_a_police_officer() -> None:
    events = events_of(
        "Pardon\n\nThe pardon of Ivan Petrenko was confirmed by the lawyer of the former "
        "police officer, who had been sentenced to 20 years in prison."
    )
    assert not statements(events), kinds(events)


def test_a_quotation_attributed_at_its_end_is_reported_throughout() -> None:
    events = events_of(
        "Colonies\n\n“They were recruited from penal colonies in the south. I do not know "
        "which ones,” Olga Petrova told reporters."
    )
    recruitment = [e for e in events if e.type == "enlistment"]
    assert recruitment, kinds(events)
    assert recruitment[0].certainty == "reported"
    assert recruitment[0].source is not None


def test_can_be_drafted_is_possible_but_can_sign_is_a_rule() -> None:
    events = events_of(
        "Law\n\nUp to 20,000 convicts from the colonies can be drafted into the army under "
        "the new law."
    )
    drafted = [e for e in events if e.type == "enlistment"]
    assert drafted and drafted[0].certainty == "possible", kinds(events)


def test_not_words_are_read_from_the_codebook() -> None:
    book = parse_codebook(
        "codebook: t\nversion: 1\ntypes:\n  said:\n    speech: true\n    triggers:\n"
        "      lemmas: [say]\n    roles:\n      actor:\n        required: true\n"
        "        not_words: [outlet, news agency]\n"
    )
    (spec,) = book.types[0].roles
    assert spec.not_words == (("outlet",), ("news", "agency"))


@pytest.mark.parametrize(
    "sentence",
    [
        "On March 13, the General Staff said in its daily update that a train with "
        "inmates of the Kamsk colony had been spotted near the front.",
        "British military intelligence said that up to 20,000 convicts had been killed at the "
        "front.",
        "The Investigative Committee said two former inmates of the Kamsk colony had fought at "
        "the front.",
        # investigators, a governor writing on Telegram, Wagner and its founder speaking for
        # the force that recruits (blind annotators of the real splits read them so)
        "Two former inmates of the Kamsk colony have been detained, investigators said.",
        "“The deserter from the front has been detained,” wrote the governor on Telegram.",
        "Prigozhin said that 40 inmates of the Kamsk colony had died at the front.",
        "The Wagner group claimed that 40 inmates of the Kamsk colony had died at the front.",
    ],
)
def test_general_staffs_intelligence_services_and_investigative_bodies_are_officials(
    sentence: str,
) -> None:
    events = events_of(f"Front report\n\n{sentence}")
    assert len(statements(events)) == 1, kinds(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "Staff at the Kamsk colony said that 40 inmates had left for the front.",
        "Independent investigators said 40 inmates of the Kamsk colony had died at the front.",
        "The student council said 40 inmates of the Kamsk colony had left for the front.",
        "Relatives of soldiers in the armed forces said 40 inmates of the Kamsk colony died.",
        # Wagner's fighters, recruits and their families speak for themselves
        "A former Wagner fighter told the BBC that 40 inmates of the Kamsk colony had died.",
        "Wagner mercenaries said 40 inmates of the Kamsk colony had left for the front.",
        "The mother of a Wagner recruit wrote that 40 inmates of the Kamsk colony had died.",
    ],
)
def test_staff_independent_investigators_and_councils_at_large_are_not_officials(
    sentence: str,
) -> None:
    """The guide: anonymous employees ("a guard at the colony") are not officials, though a
    general staff is; official words are phrases where one word would say too much."""
    events = events_of(f"Front report\n\n{sentence}")
    assert statements(events) == [], kinds(events)


def test_a_speakers_title_and_a_later_untimed_statement_go_on_with_one_occasion() -> None:
    """One speaker on one occasion is one statement (the annotation guide): the named chief
    said on Wednesday; "the group's chief also estimated" and "Orlov said" without a time of
    their own go on with it."""
    events = events_of(
        "Front report\n\nThe Orlan group's chief Viktor Orlov said on Wednesday that 2,000 "
        "inmates of the Kamsk colony had been killed at the front. The chief also estimated "
        "that 5,000 had been wounded. Orlov said 300 inmates of the colony had deserted."
    )
    assert [e.text for e in statements(events)] == ["said"], kinds(events)


def test_a_title_no_named_speaker_had_is_a_speaker_of_its_own() -> None:
    events = events_of(
        "Front report\n\nThe Orlan group's chief Viktor Orlov said on Wednesday that 2,000 "
        "inmates of the Kamsk colony had been killed at the front. He published a letter from "
        "a regional lawmaker. The lawmaker said 40 inmates of the colony had asked to be sent "
        "to the front."
    )
    assert len(statements(events)) == 2, kinds(events)


def test_a_statement_dated_long_before_is_background_not_the_same_occasion() -> None:
    """ "Peskov said in 2022 …" is background; a later untimed "Peskov said …" is the
    report's own occasion, so it is a statement of its own."""
    events = events_of(
        "Front report\n\nKremlin spokesman Dmitry Orlov said in 2022 that the pardons of "
        "inmates of the Kamsk colony were secret. Orlov said the decree on the colony's "
        "inmates was secret."
    )
    assert len(statements(events)) == 2, kinds(events)


def test_an_undated_report_still_merges_a_statement_of_the_same_day() -> None:
    """ "said on Wednesday" in a report without a date is the report's own occasion: the
    speaker's untimed "said" goes on with it."""
    events = list(
        storyline.extract(
            "Front report\n\nKremlin spokesman Dmitry Orlov said on Wednesday that 500 inmates "
            "of the Kamsk colony had been recruited. Orlov said that 300 inmates had died at "
            "the front."
        ).events
    )
    assert [e.text for e in statements(events)] == ["said"], kinds(events)
