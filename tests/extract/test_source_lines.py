"""Headline credits, credit lines, labels, and passive frames without a named speaker."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.extract import sources


def _found(parse: Callable[[str], Doc], text: str) -> list[tuple[str, str, bool, str]]:
    return [(m.text, m.source, m.anonymous, m.cue or "") for m in sources.extract(parse(text))]


@pytest.mark.parametrize(
    ("headline", "credit", "anonymous"),
    [
        ("Port of Ravna reopens after strike – Harbor Gazette", "Harbor Gazette", False),
        ("Dock strike spreads to three more ports – Reports", "Reports", True),
        ("Strike cost the port millions: union chief", "union chief", False),
    ],
)
def test_headline_credit_attributes_the_headline(
    parse: Callable[[str], Doc], headline: str, credit: str, anonymous: bool
) -> None:
    text = f"{headline}\n\nThe port reopened on Monday."
    m = next(m for m in sources.extract(parse(text)) if m.cue == "credit")
    assert (m.text, m.source, m.anonymous) == (credit, credit, anonymous)
    assert m.claim_start is not None and m.claim_end is not None
    assert text[m.claim_start : m.claim_end] == headline.split(" – ")[0].split(":")[0]


def test_credit_line_names_the_source_of_the_report(parse: Callable[[str], Doc]) -> None:
    credit = "press service of the Ravna port authority"
    text = f"Port reopens\n\nSource: {credit}\n\nThe port reopened."
    assert (f"Source: {credit}", credit, False, "credit") in _found(parse, text)


def test_metadata_bar_and_labels_are_not_credits(parse: Callable[[str], Doc]) -> None:
    text = (
        "Port reopens\n\nSource: Harbor Gazette| 2024-05-18 03:46|Editor: staff\n\n"
        'Quote: "We are back at work."\n\nBackground: The strike began in May.'
    )
    assert _found(parse, text) == []


def test_is_said_to_is_a_sourceless_cue(parse: Callable[[str], Doc]) -> None:
    assert _found(parse, "After a year, he is said to have signed a second contract.") == [
        ("is said", "", True, "say")
    ]


def test_quoted_as_saying_names_the_passive_subject(parse: Callable[[str], Doc]) -> None:
    text = "Marta Kovacs ran the shelter. About 100 men were sent home, she was quoted as saying."
    assert ("she was quoted", "she", False, "quote") in _found(parse, text)
