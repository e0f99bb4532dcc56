"""Hedge extraction: which words weaken or negate a claim, how, and over which clause."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.extract import hedges
from storyline.model import HedgeMention


def _scope(text: str, m: HedgeMention) -> str | None:
    if m.scope_start is None or m.scope_end is None:
        return None
    return text[m.scope_start : m.scope_end]


def _only(parse: Callable[[str], Doc], text: str) -> HedgeMention:
    found = hedges.extract(parse(text))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "certainty", "scope"),
    [
        (
            "The transfer potentially marks a new phase of the war.",
            "potentially",
            "possible",
            "The transfer potentially marks a new phase of the war",
        ),
        (
            "The women may have been sent to the front.",
            "may",
            "possible",
            "The women may have been sent to the front",
        ),
        (
            "The guards were allegedly paid in cash.",
            "allegedly",
            "possible",
            "The guards were allegedly paid in cash",
        ),
        (
            "The suspected organiser was detained.",
            "suspected",
            "possible",
            "The suspected organiser",
        ),
        (
            "The convoy appears to have been hit by a drone.",
            "appears to",
            "possible",
            "The convoy appears to have been hit by a drone",
        ),
        (
            "The commander is believed to have fled abroad.",
            "is believed",
            "possible",
            "The commander is believed to have fled abroad",
        ),
        (
            "It is unclear if the release was an isolated case.",
            "It is unclear if",
            "unknown",
            "the release was an isolated case",
        ),
        (
            "It is also unknown what roles the women would take.",
            "It is also unknown",  # the wh-word belongs to the question
            "unknown",
            "what roles the women would take",
        ),
        (
            "It was not clear whether the deal would hold.",
            "It was not clear whether",
            "unknown",
            "the deal would hold",
        ),
        (
            "The figures could not be independently verified.",
            "could not be independently verified",
            "unknown",
            "The figures could not be independently verified",
        ),
        ("The ministry did not confirm the report.", "did not confirm", "unknown", "the report"),
        (
            "The video, which could not be verified, showed a convoy.",
            "could not be verified",
            "unknown",
            "The video",
        ),
        (
            "The ministry denied that any prisoners had been recruited.",
            "denied",
            "negated",
            "any prisoners had been recruited",
        ),
        (
            "About forty inmates did not sign up.",
            "did not",
            "negated",
            "About forty inmates did not sign up",
        ),
        (
            "No women were released from the colony.",
            "No",
            "negated",
            "No women were released from the colony",
        ),
        ("They never returned home.", "never", "negated", "They never returned home"),
        (
            "Crews were searching for 12 miners believed to be trapped.",
            "believed",
            "possible",
            "12 miners believed to be trapped",
        ),
        ("Officials said a runoff was possible.", "possible", "possible", "a runoff was possible"),
        (
            "The verdict may not survive an appeal.",
            "may",  # a negated possibility is still a possibility
            "possible",
            "The verdict may not survive an appeal",
        ),
        (
            "The clinics did not meet hygiene standards.",
            "did not",
            "negated",
            "The clinics did not meet hygiene standards",
        ),
        (
            "The remains of six sailors have not been recovered.",
            "have not",
            "negated",
            "The remains of six sailors have not been recovered",
        ),
        (
            "Conscripts cannot leave the base once they sign.",
            "cannot",
            "negated",
            "Conscripts cannot leave the base once they sign",
        ),
        (
            "“No one is forced to stay,” the warden said.",
            "No one",
            "negated",
            "No one is forced to stay",
        ),
        ("Nobody was hurt in the blast.", "Nobody", "negated", "Nobody was hurt in the blast"),
        (
            "But it is unclear how the agency will pay for it.",
            "it is unclear",
            "unknown",
            "how the agency will pay for it",
        ),
        (
            "There is no evidence that the men were paid.",
            "There is no evidence",
            "negated",
            "the men were paid",
        ),
        ("The audit found no evidence of abuse.", "no evidence", "negated", "abuse"),
    ],
)
def test_hedge_span_certainty_scope(
    parse: Callable[[str], Doc], text: str, span: str, certainty: str, scope: str
) -> None:
    m = _only(parse, text)
    assert (m.text, m.certainty) == (span, certainty)
    assert _scope(text, m) == scope
    assert text[m.start : m.end] == m.text and m.id == ""


@pytest.mark.parametrize(
    "text",
    [
        "Not only soldiers but also medics were sent.",  # "not only" is no negation
        "She wasn't there on Monday.",  # a copula, not a content verb
        "The women reportedly received contracts.",  # "reportedly" is a source
        "The talks resumed in May.",  # the month, not the modal
        # refusals and non-responses change no claim's certainty
        "The prison service refused to comment.",
        "The office declined to comment on the report.",
        "The Supreme Court did not respond to a request for comment.",
        "His lawyer did not return calls seeking comment.",
        "The lawyer could not be reached for comment.",
        "Convicts should not be used as human shields.",  # a norm, not a fact
        "Almost no snow has fallen since March.",  # a small amount, not a denial
        "Officials expect prices to rise.",  # a forecast
    ],
)
def test_not_hedges(parse: Callable[[str], Doc], text: str) -> None:
    assert hedges.extract(parse(text)) == []


def test_could_not_is_a_negation_not_a_possibility(parse: Callable[[str], Doc]) -> None:
    m = _only(parse, "The guards could not leave the building.")
    assert (m.text, m.certainty) == ("could not", "negated")


def test_phrase_wins_over_its_words(parse: Callable[[str], Doc]) -> None:
    # "could" and "not" inside "could not be verified" are not separate hedges
    text = "The claim could not be verified, and the guards did not leave."
    found = hedges.extract(parse(text))
    assert [(m.text, m.certainty) for m in found] == [
        ("could not be verified", "unknown"),
        ("did not", "negated"),
    ]


def test_offsets_sorted_and_inside_paragraph(parse: Callable[[str], Doc]) -> None:
    text = "Women May Join Units\n\nIt is unclear whether the women were paid. They may not be."
    doc = parse(text)
    found = hedges.extract(doc)
    assert [m.start for m in found] == sorted(m.start for m in found)
    body = text.index("\n\n")
    unclear = next(m for m in found if m.certainty == "unknown")
    assert unclear.scope_start is not None and unclear.scope_start > body
    assert _scope(text, unclear) == "the women were paid"
    for m in found:
        assert doc.text[m.start : m.end] == m.text


def test_version(parse: Callable[[str], Doc]) -> None:
    assert hedges.VERSION == "hedges/1"
    assert hedges.extract(parse("The convoy arrived."), None) == []
