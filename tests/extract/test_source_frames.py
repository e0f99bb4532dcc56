"""Passive, nominal and misattached reporting frames (docs/eval.md, "Sources")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.extract import sources
from storyline.model import SourceMention


def _by_cue(parse: Callable[[str], Doc], text: str, cue: str) -> SourceMention:
    found = [m for m in sources.extract(parse(text)) if m.cue == cue]
    assert len(found) == 1, found
    return found[0]


def _claim(text: str, m: SourceMention) -> str | None:
    if m.claim_start is None or m.claim_end is None:
        return None
    return text[m.claim_start : m.claim_end]


@pytest.mark.parametrize(
    ("text", "cue", "span", "source", "anonymous", "claim"),
    [
        (
            "The port has already reopened, as reported by Transport Minister Ivan Petrenko.",
            "report",
            "reported by Transport Minister Ivan Petrenko",
            "Transport Minister Ivan Petrenko",
            False,
            "The port has already reopened",
        ),
        (
            "The information was confirmed to reporters by guards in those camps.",
            "confirm",
            "was confirmed to reporters by guards in those camps",
            "guards in those camps",
            True,
            "The information",
        ),
        (
            "This was stated in an interview with the BBC by Health Minister Ana Costa.",
            "state",
            "was stated in an interview with the BBC by Health Minister Ana Costa",
            "Health Minister Ana Costa",
            False,
            "This",
        ),
        (
            "About 300 workers have returned, the founder said, as cited by his press office.",
            "cite",
            "cited by his press office",
            "his press office",
            False,
            "About 300 workers have returned, the founder said",
        ),
        (
            "The transfer was confirmed by the lawyer of the former officer, who was jailed "
            "in 2014.",
            "confirm",
            "was confirmed by the lawyer of the former officer",
            "the lawyer of the former officer",
            False,
            "The transfer",
        ),
    ],
)
def test_passive_cue_with_agent(
    parse: Callable[[str], Doc],
    text: str,
    cue: str,
    span: str,
    source: str,
    anonymous: bool,
    claim: str,
) -> None:
    m = _by_cue(parse, text, cue)
    assert (m.text, m.source, m.anonymous) == (span, source, anonymous)
    assert _claim(text, m) == claim


def test_participle_with_agent_describing_a_noun_is_no_source(
    parse: Callable[[str], Doc],
) -> None:
    assert sources.extract(parse("The reports came from a video posted by relatives.")) == []


@pytest.mark.parametrize(
    ("text", "cue", "claim"),
    [
        (
            "The rebel leader Ivan Bolotov said in an interview posted on Telegram on "
            "Wednesday that about 2,000 of his fighters were killed.",
            "say",
            "about 2,000 of his fighters were killed",
        ),
        (
            "It was reported earlier that the governor's friend Ivan Bolotov, who is believed "
            "to own the firm, is also involved in the scheme.",
            "report",
            "the governor's friend Ivan Bolotov, who is believed to own the firm, is also "
            "involved in the scheme",
        ),
        (
            "The figure contrasts sharply with claims from Belgrade that only 600 soldiers died.",
            "claim",
            "only 600 soldiers died",
        ),
    ],
)
def test_that_clause_attached_elsewhere_is_still_the_claim(
    parse: Callable[[str], Doc], text: str, cue: str, claim: str
) -> None:
    assert _claim(text, _by_cue(parse, text, cue)) == claim


@pytest.mark.parametrize(
    "text",
    [
        "The governor publicly confirmed press reports that he had pardoned the men.",
        "The general spoke on Friday, repeating his earlier announcement that the town had fallen.",
        "According to the accounts that reporters collected from guards, most of the men "
        "went to the front.",
    ],
)
def test_noun_inside_another_attribution_is_not_a_second_cue(
    parse: Callable[[str], Doc], text: str
) -> None:
    cues = [m.cue for m in sources.extract(parse(text))]
    assert not {"report", "announcement", "account"} & set(cues), cues
