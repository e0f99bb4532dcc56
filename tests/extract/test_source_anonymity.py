"""Source anonymity by role, possession, number and coreference (docs/eval.md, "Sources")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.extract import sources


def _flags(parse: Callable[[str], Doc], text: str) -> dict[str, bool]:
    return {m.source: m.anonymous for m in sources.extract(parse(text))}


@pytest.mark.parametrize(
    ("text", "source", "anonymous"),
    [
        # one person tied to someone the text names is identifiable
        ("The farmer was released on bail, his lawyer said on Monday.", "his lawyer", False),
        ("Petrov's lawyer said the charges would be dropped.", "Petrov's lawyer", False),
        # a definite person as possessor ties one person to someone the text identifies,
        # as "the father of the victim" does
        ("The ferry was late, the victim's father said.", "the victim's father", False),
        # but someone has many neighbours, friends or colleagues: a possessor does not say
        # which one spoke
        ("The ferry was late, his neighbour told reporters.", "his neighbour", True),
        # but a superlative singles one out: "her closest friend"
        ("The ferry was late, her closest friend told reporters.", "her closest friend", False),
        # and so does "only" or "best" (pack data: ``singling_out_modifiers``)
        ("The ferry was late, his best friend told reporters.", "his best friend", False),
        ("The ferry was late, his only colleague told reporters.", "his only colleague", False),
        # a surname alone after the full name, even where the tagger takes it for a noun
        (
            "The ferry carrying the coffin was late, his aunt Luoida Sambulika said on "
            "Monday. Sambulika said the family would wait at the harbour.",
            "Sambulika",
            False,
        ),
        ("Orlova's colleague said the shop had closed.", "Orlova's colleague", True),
        # a definite leader of a body is identifiable; an indefinite or plural one is not
        ("The rebel chief said his men had taken the bridge.", "The rebel chief", False),
        (
            "The head of the Harlow Dock Company said the strike had cost millions.",
            "The head of the Harlow Dock Company",
            False,
        ),
        ("Union leaders said the strike would go on.", "Union leaders", True),
        ("A commander said the town had fallen.", "A commander", True),
        # bare plural organisations are unnamed; official collectives are not
        ("Farm groups said the subsidy was too small.", "Farm groups", True),
        ("Local media outlets reported that the mine had closed.", "Local media outlets", True),
        ("Authorities said the mine had closed.", "Authorities", False),
        # a plural body with a vague adjective: which ones, the reader cannot tell
        ("Western governments said the mine had closed.", "Western governments", True),
        ("Regional authorities said the mine had closed.", "Regional authorities", False),
        (
            "Eastern Libyan authorities said the mine had closed.",
            "Eastern Libyan authorities",
            False,
        ),
        # unattributed reports are anonymous; authored or definite documents are not
        ("The dam burst overnight, according to local media reports.", "local media reports", True),
        ("The dam burst overnight, according to the report.", "the report", False),
        # a coordination is anonymous when any part is
        (
            "The dam burst overnight, according to the army and a local charity.",
            "the army and a local charity",
            True,
        ),
        # a lowercase word the tagger called a proper noun is not a name
        ("He came home in May, a former cellmate told reporters.", "a former cellmate", True),
        # counted people, none named
        (
            "The bridge fell, according to four of the drivers and two others.",
            "four of the drivers and two others",
            True,
        ),
        # hearsay with no named author is unnamed, whatever its determiner
        ("According to one report, the dam burst overnight.", "one report", True),
        ("The dam burst overnight, according to a report.", "a report", True),
        # a document is as identifiable as the one who wrote or told it
        (
            "The dam burst overnight, according to the account given by a guard.",
            "the account",
            True,
        ),
        (
            "The dam burst overnight, according to a report by the Harlow Gazette.",
            "a report by the Harlow Gazette",
            False,
        ),
        # the head of an unnamed body is unnamed too
        (
            "The head of a local charity said the dam had burst.",
            "The head of a local charity",
            True,
        ),
        # a spokesperson for a body named by its common noun speaks for it
        (
            "The dam burst overnight, a military intelligence spokesperson said.",
            "a military intelligence spokesperson",
            False,
        ),
        # a mass body noun is unnamed without a country or determiner to tell whose
        ("The port closed, according to Western intelligence.", "Western intelligence", True),
        ("Ukrainian intelligence said the port closed.", "Ukrainian intelligence", False),
        # national troops are an official collective, like the army
        ("Russian troops said the town had fallen.", "Russian troops", False),
        # the spokesman of a definite body speaks for it
        (
            "The ministry's spokesman said the dam had burst.",
            "The ministry's spokesman",
            False,
        ),
        # definite units of a named body are that body
        (
            "The units of the Northern Group said the town had fallen.",
            "The units of the Northern Group",
            False,
        ),
        # the one quoted telling someone is the speaker, not the addressee
        (
            "One unnamed guard was quoted telling the Harlow Gazette that the dam burst.",
            "One unnamed guard",
            True,
        ),
    ],
)
def test_anonymity_of_source_phrases(
    parse: Callable[[str], Doc], text: str, source: str, anonymous: bool
) -> None:
    assert _flags(parse, text)[source] is anonymous


def test_pronoun_takes_the_nearer_named_subject_over_an_earlier_source(
    parse: Callable[[str], Doc],
) -> None:
    text = (
        "A volunteer said dozens of fighters were missing. "
        "Anna Sokolova wrote to the ministry in April. She says she never got an answer."
    )
    assert _flags(parse, text) == {"A volunteer": True, "She": False}
