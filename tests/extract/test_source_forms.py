"""Passive, nominal, prepositional and layout forms of attribution (issue 12, docs/eval.md
"Sources"): the cue is not a plain reporting verb with a subject, yet a reader knows who
says so."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.extract import sources


def _found(parse: Callable[[str], Doc], text: str) -> list[tuple[str, str, bool, str | None]]:
    """(span, source, anonymous, claim) of every attribution in ``text``."""
    out = []
    for m in sources.extract(parse(text)):
        claim = None if m.claim_start is None else text[m.claim_start : m.claim_end]
        out.append((m.text, m.source, m.anonymous, claim))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "per" set off from its clause names a source; a rate does not
        (
            "The dockers have gone back to work, per the Harbor Gazette.",
            (
                "per the Harbor Gazette",
                "the Harbor Gazette",
                False,
                "The dockers have gone back to work",
            ),
        ),
        (
            "As per local reports, the dam burst overnight.",
            ("As per local reports", "local reports", True, "the dam burst overnight"),
        ),
        # a speech-act noun made by an agent: the noun and verb are the cue
        (
            "The announcement was made by the port authority.",
            ("The announcement was made by the port authority", "the port authority", False, None),
        ),
        # a passive cue with a document and no agent: the document speaks
        (
            "As stated in the audit, the dam was never inspected.",
            ("stated in the audit", "the audit", False, "the dam was never inspected"),
        ),
        # "reported on X": the topic is the content
        (
            "The Harbor Gazette reported on the closure of the northern dock.",
            (
                "The Harbor Gazette reported",
                "The Harbor Gazette",
                False,
                "the closure of the northern dock",
            ),
        ),
        # a subject the parser hung on the auxiliary ("board" under "has") still speaks
        (
            "The harbour board has in a rare move publicly confirmed that the dock will close.",
            (
                "The harbour board has in a rare move publicly confirmed",
                "The harbour board",
                False,
                "the dock will close",
            ),
        ),
    ],
)
def test_attribution_forms(
    parse: Callable[[str], Doc], text: str, expected: tuple[str, str, bool, str | None]
) -> None:
    assert expected in _found(parse, text)


def test_a_modal_auxiliary_does_not_make_its_subject_speak(parse: Callable[[str], Doc]) -> None:
    """ "will announce" has not been said: the subject hung on "will" is no speaker."""
    text = "The president will, according to aides, announce that he is running again."
    assert all(not span.startswith("The president") for span, *_ in _found(parse, text))


def test_a_rate_with_per_is_no_source(parse: Callable[[str], Doc]) -> None:
    assert _found(parse, "Each driver was paid $50 per day and $5 per person.") == []


def test_a_forecast_is_no_source(parse: Callable[[str], Doc]) -> None:
    text = "According to his forecasts, 4,000 dockers will return."
    assert [f for f in _found(parse, text) if f[0].startswith("According")] == []


def test_a_conjoined_passive_shares_the_reported_subject(parse: Callable[[str], Doc]) -> None:
    text = (
        "The claim was made by the port authority and corroborated by the head of a local charity."
    )
    found = _found(parse, text)
    assert (
        "corroborated by the head of a local charity",
        "the head of a local charity",
        True,
        "The claim",
    ) in found
    # active, "corroborate" weighs evidence and reports nobody's words
    assert _found(parse, "The figures corroborate other reports of flooding.") == []


def test_an_implicative_head_keeps_the_clause_it_took(parse: Callable[[str], Doc]) -> None:
    text = "The guard went on to note there seemed to be no pressure to sign."
    assert ("to note", "The guard", True, "there seemed to be no pressure to sign") in _found(
        parse, text
    )


def test_adding_goes_on_with_the_speaker_not_the_subject_of_the_reported_clause(
    parse: Callable[[str], Doc],
) -> None:
    text = (
        "Marta Kovacs noted that the dockers had kept their word, adding that the port "
        "should thank them."
    )
    [(span, source, anonymous, claim)] = _found(parse, text)
    assert (span, source, anonymous) == ("Marta Kovacs noted", "Marta Kovacs", False)
    assert claim is not None and claim.endswith("the port should thank them")


@pytest.mark.parametrize(
    ("text", "source", "claim"),
    [
        # a cue gerund with no subject of its own goes on with the statement it hangs on:
        # one source, whose claim reaches over what was added
        (
            "The mayor said the ferry would resume in May, adding that repairs had cost "
            "less than planned.",
            "The mayor",
            "the ferry would resume in May, adding that repairs had cost less than planned",
        ),
        (
            '"The dam will hold," the engineer insisted, stressing that the spillway was new.',
            "the engineer",
            'The dam will hold," the engineer insisted, stressing that the spillway was new',
        ),
    ],
)
def test_a_continuing_gerund_is_part_of_the_attribution(
    parse: Callable[[str], Doc], text: str, source: str, claim: str
) -> None:
    assert [(f[1], f[3]) for f in _found(parse, text)] == [(source, claim)]


def test_citing_after_a_cue_names_a_new_source(parse: Callable[[str], Doc]) -> None:
    text = "The dam burst overnight, the Harbor Gazette reported, citing engineer Ilse Varga."
    assert [f[1] for f in _found(parse, text)] == ["the Harbor Gazette", "engineer Ilse Varga"]


def test_a_photo_credit_in_parentheses_is_not_a_headline_credit(
    parse: Callable[[str], Doc],
) -> None:
    text = "Dockers walk out over pay (Picture: Getty Images / Harbor)\n\nThe port closed."
    assert _found(parse, text) == []


def test_a_quotation_over_paragraphs_is_one_claim_of_its_speaker(
    parse: Callable[[str], Doc],
) -> None:
    text = (
        "Port news\n\n“The port will reopen next week. We have the money.\n\n"
        "“The workers will be paid in full,” Marta Kovacs said.\n\nThe strike ended."
    )
    found = _found(parse, text)
    assert found == [
        (
            "Marta Kovacs said",
            "Marta Kovacs",
            False,
            "The port will reopen next week. We have the money.\n\n"
            "“The workers will be paid in full",
        )
    ]


def test_figures_the_report_reads_itself_are_no_source(parse: Callable[[str], Doc]) -> None:
    text = (
        "Figures published in November showed that the port lost 3,000 jobs. "
        "Data released by the ministry showed that it lost 2,000."
    )
    assert [f[1] for f in _found(parse, text)] == ["Data"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a text "reads" what it says; a person who reads reports nothing
        (
            '"The port is closed until May," the statement read. He read the book.',
            [("the statement read", "the statement", False, "The port is closed until May")],
        ),
        # the cue parsed as a complement of the that-clause after it
        (
            "The Harbor Gazette reports, citing dockers, that the port closed on Monday.",
            [
                (
                    "The Harbor Gazette reports",
                    "The Harbor Gazette",
                    False,
                    "the port closed on Monday",
                )
            ],
        ),
        # "said" in a relative clause on the claim's own subject
        (
            "Only 3% of the dockers had returned to work, a number he said was 10 to 20 "
            "times lower than the usual rate.",
            [
                (
                    "he said",
                    "he",
                    False,
                    "Only 3% of the dockers had returned to work, a number he said was 10 to "
                    "20 times lower than the usual rate",
                )
            ],
        ),
    ],
)
def test_verbs_whose_claim_the_parser_hangs_elsewhere(
    parse: Callable[[str], Doc], text: str, expected: list[tuple[str, str, bool, str | None]]
) -> None:
    found = _found(parse, text)
    for item in expected:
        assert item in found, found


def test_the_headline_after_page_furniture_carries_the_credit(
    parse: Callable[[str], Doc],
) -> None:
    text = (
        "Support The Harbor Gazette!\n\nPort Turns to Women's Prisons for Recruits – Reports"
        "\n\nInmates at a women's prison."
    )
    assert _found(parse, text) == [
        ("Reports", "Reports", True, "Port Turns to Women's Prisons for Recruits")
    ]


def test_existential_hearsay_is_an_unnamed_source(parse: Callable[[str], Doc]) -> None:
    text = "There are also reports of recruiters visiting the Harlow colony."
    assert _found(parse, text) == [
        ("There are also reports", "", True, "recruiters visiting the Harlow colony")
    ]


def test_the_addressee_of_a_passive_tell_is_no_source(parse: Callable[[str], Doc]) -> None:
    text = "The dockers were told that the port would close. It was reported that it closed."
    assert [f[0] for f in _found(parse, text)] == ["was reported"]


def test_began_to_inform_reports_what_it_informs_about(parse: Callable[[str], Doc]) -> None:
    text = "Dozens of dockers began to inform the union about the closure of the port."
    assert _found(parse, text) == [
        ("to inform", "Dozens of dockers", True, "the closure of the port")
    ]


def test_what_became_known_from_someone_is_their_claim(parse: Callable[[str], Doc]) -> None:
    text = "As it became known from local sources, the port will close in May."
    assert _found(parse, text) == [
        (
            "As it became known from local sources",
            "local sources",
            True,
            "the port will close in May",
        )
    ]
    assert _found(parse, "The singer is known from films.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The port closed, writes the Harbor Gazette.",
            ("writes the Harbor Gazette", "the Harbor Gazette", False, "The port closed"),
        ),
        ("In his words, the port closed.", ("In his words", "his", False, "the port closed")),
        (
            "This was reported in the press service of the ministry.",
            (
                "was reported in the press service of the ministry",
                "the press service of the ministry",
                False,
                "This",
            ),
        ),
        (
            "The agency's interlocutor said the port closed.",
            (
                "The agency's interlocutor said",
                "The agency's interlocutor",
                True,
                "the port closed",
            ),
        ),
    ],
)
def test_forms_of_translated_news(
    parse: Callable[[str], Doc], text: str, expected: tuple[str, str, bool, str | None]
) -> None:
    assert expected in _found(parse, text)


def test_a_bare_closing_cue_vouches_for_the_sentence_before(
    parse: Callable[[str], Doc],
) -> None:
    text = "The dockers will go home in May. The port authority explained on Tuesday."
    assert _found(parse, text) == [
        (
            "The port authority explained",
            "The port authority",
            False,
            "The dockers will go home in May",
        )
    ]
    assert _found(parse, "The port is closed. The minister spoke in Ravna.") == []


def test_a_participle_on_a_plan_speaks_for_whoever_announced_it(
    parse: Callable[[str], Doc],
) -> None:
    text = (
        "Two days after Marta Kovacs announced plans to leave the port complaining that her "
        "men had not been paid, the port closed."
    )
    complaining = next(f for f in _found(parse, text) if f[0] == "complaining")
    assert complaining[1:3] == ("Marta Kovacs", False)


def test_a_caption_credit_is_not_a_headline_credit(parse: Callable[[str], Doc]) -> None:
    text = (
        "The port chief at the gates. Photo: Ravna Press Service via AP\n\n"
        "The port closed on Monday."
    )
    assert _found(parse, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "<Outlet> writes about this." on a line of its own vouches for what was just told
        (
            "The ferry stopped running on Monday.\n\nThe Harbor Gazette writes about this.",
            (
                "The Harbor Gazette writes",
                "The Harbor Gazette",
                False,
                "The ferry stopped running on Monday.",
            ),
        ),
        # a closing "<outlet> reports" the parser read as one noun phrase
        (
            "The bridge will reopen in May, the agency reports.",
            ("agency reports", "agency", False, "The bridge will reopen in May"),
        ),
        # a closing cue the tagger read as a plural noun ("the Gazette's correspondent
        # reports" as one noun phrase) keeps its subject as speaker
        (
            "The bridge will reopen in May, the Harbor Gazette's correspondent reports.",
            (
                "the Harbor Gazette's correspondent reports",
                "the Harbor Gazette's correspondent",
                False,
                "The bridge will reopen in May",
            ),
        ),
        # a body named on a report noun is its author
        (
            "The Harbor Aid foundation report that two piers had collapsed surprised no one.",
            ("Harbor Aid foundation report", "Harbor Aid foundation", False, None),
        ),
    ],
)
def test_outlet_and_body_forms(
    parse: Callable[[str], Doc], text: str, expected: tuple[str, str, bool, str | None]
) -> None:
    [found] = _found(parse, text)
    if expected[3] is None:
        assert found[:3] == expected[:3]
    else:
        assert found == expected


def test_writes_about_something_else_is_no_back_reference(parse: Callable[[str], Doc]) -> None:
    text = "The ferry stopped running on Monday.\n\nThe Harbor Gazette writes about ferries."
    assert [f[3] for f in _found(parse, text)] in ([], ["ferries"])
