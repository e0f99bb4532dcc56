"""Attribution extraction: who says so, how they are named, and which claim they support."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.extract import sources
from storyline.model import SourceMention


def _one(parse: Callable[[str], Doc], text: str, cue: str | None = None) -> SourceMention:
    found = sources.extract(parse(text))
    if cue is not None:
        found = [m for m in found if m.cue == cue]
    assert len(found) == 1, found
    return found[0]


def _claim(text: str, m: SourceMention) -> str | None:
    if m.claim_start is None or m.claim_end is None:
        return None
    return text[m.claim_start : m.claim_end]


@pytest.mark.parametrize(
    ("text", "span", "source", "cue", "anonymous", "claim"),
    [
        (
            "The colony sent a dozen women to the front in early June, according to three "
            "former guards who still work there.",
            "according to three former guards",
            "three former guards",
            "according to",
            True,
            "The colony sent a dozen women to the front in early June",
        ),
        (
            "Recruiters took several women from a colony near Perm, said the former guards, "
            "whose names are withheld for their safety.",
            "said the former guards",
            "the former guards",
            "say",
            True,
            "Recruiters took several women from a colony near Perm",
        ),
        (
            "Kremlin spokesman Dmitry Peskov told reporters that no decision had been made.",
            "Kremlin spokesman Dmitry Peskov told",
            "Kremlin spokesman Dmitry Peskov",
            "tell",
            False,
            "no decision had been made",
        ),
        (
            "Two soldiers who served with the unit told a local newspaper that the women "
            "were sent to the front.",
            "Two soldiers who served with the unit told",
            "Two soldiers",
            "tell",
            True,
            "the women were sent to the front",
        ),
        (
            "The defense ministry said in a statement that the reports were false.",
            "The defense ministry said",
            "The defense ministry",
            "say",
            False,
            "the reports were false",
        ),
        (
            "Regional officials say the program has ended.",
            "Regional officials say",
            "Regional officials",
            "say",
            True,
            "the program has ended",
        ),
        (
            "A source close to the ministry said the plan was approved in May.",
            "A source close to the ministry said",
            "A source close to the ministry",
            "say",
            True,
            "the plan was approved in May",
        ),
        (
            "Local authorities have said that hundreds of prisoners applied.",
            "Local authorities have said",
            "Local authorities",
            "say",
            False,
            "hundreds of prisoners applied",
        ),
        (
            "People familiar with the matter said the talks had stalled.",
            "People familiar with the matter said",
            "People familiar with the matter",
            "say",
            True,
            "the talks had stalled",
        ),
        (
            "A spokesperson for the prison service confirmed the transfers.",
            "A spokesperson for the prison service confirmed",
            "A spokesperson for the prison service",
            "confirm",
            False,  # speaks for a definite organisation
            "the transfers",
        ),
        (
            "A spokesman for a local charity said the shelter was full.",
            "A spokesman for a local charity said",
            "A spokesman for a local charity",
            "say",
            True,  # the body itself is unnamed
            "the shelter was full",
        ),
        (
            "The verdict will be appealed, said Claire Dumas, his lawyer.",
            "said Claire Dumas",  # the apposition is left out of the attribution span
            "Claire Dumas, his lawyer",
            "say",
            False,
            "The verdict will be appealed",
        ),
        (
            "Turnout was 61 percent, according to official results.",
            "according to official results",
            "official results",
            "according to",
            False,  # documents are never anonymous
            "Turnout was 61 percent",
        ),
        (
            "Many wells are dry, according to a survey by the Norwegian Refugee Council in May.",
            "according to a survey by the Norwegian Refugee Council",
            "a survey by the Norwegian Refugee Council in May",
            "according to",
            False,
            "Many wells are dry",
        ),
        (
            "Doctors Without Borders said it had treated 300 patients.",
            "Doctors Without Borders said",
            "Doctors Without Borders",
            "say",
            False,  # a name, though its head is a common noun
            "it had treated 300 patients",
        ),
        (
            "Senator Anna Berg said last month that the soldiers had paid for their crimes.",
            "Senator Anna Berg said",
            "Senator Anna Berg",
            "say",
            False,
            "the soldiers had paid for their crimes",
        ),
        (
            "Organizers counted 20,000 people, while police estimated it at about 8,000.",
            "police estimated",
            "police",
            "estimate",
            False,
            "it at about 8,000",
        ),
        (
            "The audit found that the funds were misused.",
            "The audit found",
            "The audit",
            "find",
            False,
            "the funds were misused",
        ),
        (
            "The ministry conceded that the plan had failed.",
            "The ministry conceded",
            "The ministry",
            "concede",
            False,
            "the plan had failed",
        ),
        (
            "The governor said the bridge would reopen on Monday.",
            "The governor said",
            "The governor",
            "say",
            False,
            "the bridge would reopen on Monday",
        ),
    ],
)
def test_attribution_fields(
    parse: Callable[[str], Doc],
    text: str,
    span: str,
    source: str,
    cue: str,
    anonymous: bool,
    claim: str,
) -> None:
    m = _one(parse, text, cue)
    assert m.text == span
    assert m.source == source
    assert m.source_start is not None and m.source_end is not None
    assert text[m.source_start : m.source_end] == source
    assert m.anonymous is anonymous
    assert _claim(text, m) == claim
    assert m.entity is None and m.id == ""


@pytest.mark.parametrize(
    "text",
    [
        "An official, who spoke on condition of anonymity, said the unit was disbanded.",
        "A guard, who asked not to be named, said the women left at night.",
        "Two inmates, whose names are being withheld, said the guards beat them.",
        "An unnamed official said the unit was disbanded.",
    ],
)
def test_stated_anonymity_marks_source_anonymous(parse: Callable[[str], Doc], text: str) -> None:
    assert _one(parse, text, "say").anonymous is True


def test_reportedly_is_a_sourceless_cue(parse: Callable[[str], Doc]) -> None:
    text = "The women reportedly received contracts for one year."
    m = _one(parse, text)
    assert (m.text, m.cue, m.source, m.source_start) == ("reportedly", "reportedly", "", None)
    assert m.anonymous is True
    assert _claim(text, m) == "The women reportedly received contracts for one year"


def test_passive_report_without_agent_has_no_source(parse: Callable[[str], Doc]) -> None:
    text = "It was reported that the colony had been emptied."
    m = _one(parse, text, "report")
    assert m.source == "" and m.anonymous is True
    assert _claim(text, m) == "the colony had been emptied"


def test_quoted_claim_spans_the_whole_quotation(parse: Callable[[str], Doc]) -> None:
    text = '"The conditions were terrible. Nobody could leave," she said.'
    m = _one(parse, text)
    assert (m.text, m.source, m.cue) == ("she said", "she", "say")
    assert _claim(text, m) == "The conditions were terrible. Nobody could leave"


def test_pronoun_after_a_spokesperson_of_a_named_body_is_named(
    parse: Callable[[str], Doc],
) -> None:
    text = (
        "A spokeswoman for the regional branch of the Interior Ministry said the road was "
        "closed. She said it would reopen on Friday."
    )
    found = sources.extract(parse(text))
    assert [(m.text, m.anonymous) for m in found] == [
        ("A spokeswoman for the regional branch of the Interior Ministry said", False),
        ("She said", False),
    ]


def test_relative_pronoun_source_is_its_antecedent(parse: Callable[[str], Doc]) -> None:
    text = "The talks were led by Anna Petrova, who said the deal was close."
    m = _one(parse, text, "say")
    assert m.source == "Anna Petrova"
    assert m.anonymous is False
    assert _claim(text, m) == "the deal was close"


def test_participle_inherits_the_subject_but_not_the_span(parse: Callable[[str], Doc]) -> None:
    text = "The minister attacked the plan on Monday, saying it would cost too much."
    m = _one(parse, text, "say")
    assert m.text == "saying"
    assert m.source == "The minister"
    assert _claim(text, m) == "it would cost too much"


def test_pronoun_inherits_anonymity_of_the_last_source(parse: Callable[[str], Doc]) -> None:
    text = (
        "Two former inmates said they were pardoned in May. "
        "They said conditions in the colony were harsh. "
        "Dmitry Orlov, the warden, said the claims were false. "
        "He said the colony followed the law."
    )
    found = sources.extract(parse(text))
    by_source = {m.source: m.anonymous for m in found}
    assert by_source == {
        "Two former inmates": True,
        "They": True,
        "Dmitry Orlov, the warden": False,
        "He": False,
    }


@pytest.mark.parametrize(
    "text",
    [
        "Needless to say, the talks failed.",
        "That said, the talks failed.",
        "The said agreement was signed in 2019.",
        "Residents want to have a say in the decision.",
        "I think the weather will improve.",
        "Her report ran to forty pages.",
        "The company charged the campaign $3 million for travel.",
        "The schemes have targeted debtors, people accused of crimes and migrants.",
        "He called the police after midnight.",
        # commitments, desires and demands put forward no claim
        "She has promised to build 5,000 homes by 2030.",
        "They swore he would never be sent to the front.",
        "The union is demanding a 12 percent raise.",
        "Activists called for an inquiry into the deaths.",
        "The envoy urged both sides to return to the talks.",
        # forecasts, expectations and beliefs
        "Economists had forecast growth of 2 percent.",
        "Officials expect that prices will rise.",
        "Analysts believe that the deal will collapse.",
        # evaluations, reactions and acts
        "Rights groups welcomed the safeguards.",
        "Thomas Berg, the party's leader, conceded defeat on Monday.",
        "The court ordered him to repay the money.",
        "Judges found that the mayor took bribes.",
        "The hospital was admitting 80 patients a day.",
        # hypothetical and infinitival cues: nothing was said yet
        "Residents can report damage by calling 112.",
        "The group plans to publish its list next year.",
        "The minister refused to say whether the talks had failed.",
        # negated cues and denials are hedges, not sources
        "The ministry did not confirm that the visit took place.",
        "The union denied that the company was losing money.",
        "The ministry has never published how many convicts it enlisted.",
        "The finance ministry did not confirm reports that it plans to raise taxes.",
        # evidence without a speaker
        "Several graves carry the same date, suggesting that the men died together.",
    ],
)
def test_non_reporting_uses_are_not_sources(parse: Callable[[str], Doc], text: str) -> None:
    assert sources.extract(parse(text)) == []


def test_headline_and_body_offsets(parse: Callable[[str], Doc]) -> None:
    text = (
        "Guards Say Women Left Colony\n\n"
        "Several women left the colony last week, a guard told reporters."
    )
    doc = parse(text)
    found = sources.extract(doc)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert doc.text[m.start : m.end] == m.text
    body = [m for m in found if m.start > text.index("\n\n")]
    assert [(m.source, m.cue, m.anonymous) for m in body] == [("a guard", "tell", True)]
    assert _claim(text, body[0]) == "Several women left the colony last week"


def test_according_to_mid_sentence_claims_the_words_before_it(
    parse: Callable[[str], Doc],
) -> None:
    text = (
        "The colony released twelve women in May, according to two former guards, "
        "possibly marking a shift in policy."
    )
    m = _one(parse, text, "according to")
    assert m.source == "two former guards"
    assert _claim(text, m) == "The colony released twelve women in May"


def test_headline_colon_names_the_speaker(parse: Callable[[str], Doc]) -> None:
    text = "Peskov: Talks With Kyiv Have Stalled\n\nThe talks resumed on Monday."
    m = _one(parse, text)
    assert (m.text, m.source, m.cue, m.anonymous) == ("Peskov:", "Peskov", ":", False)
    assert _claim(text, m) == "Talks With Kyiv Have Stalled"


def test_label_colon_is_not_a_speaker(parse: Callable[[str], Doc]) -> None:
    assert sources.extract(parse("Update: The bridge reopened on Monday.")) == []


@pytest.mark.parametrize(
    ("text", "cue", "source", "claim"),
    [
        ("The mayor called the plan a disaster.", "call", "The mayor", "the plan a disaster"),
        ("He went on to say that the plan was dead.", "say", "He", "the plan was dead"),
        (
            "The agency said, citing two officials, that the convoy turned back.",
            "cite",
            "two officials",
            None,
        ),
        (
            "The minister accused Kyiv of delaying the exchange.",
            "accuse",
            "The minister",
            "delaying the exchange",
        ),
    ],
)
def test_other_reporting_frames(
    parse: Callable[[str], Doc], text: str, cue: str, source: str, claim: str | None
) -> None:
    m = _one(parse, text, cue)
    assert m.source == source
    if claim is not None:
        assert _claim(text, m) == claim


def test_version_and_interface(parse: Callable[[str], Doc]) -> None:
    assert sources.VERSION == "sources/1"
    assert sources.extract(parse("Nothing is attributed here."), None) == []
