"""Codebooks: the built-in ones load, and every kind of mistake is reported at its line."""

from __future__ import annotations

import textwrap

import pytest

from storyline.errors import CodebookError
from storyline.events import BUILTIN, load_codebook
from storyline.events.codebook import parse_codebook

GOOD = textwrap.dedent(
    """\
    codebook: harbour-watch
    version: 2
    label: Harbour incidents
    types:
      ship_seizure:
        label: Ship seizure
        description: Authorities seize or detain a vessel.
        triggers:
          lemmas: [seize, impound]
          phrases: ["take control of"]
        context: [ship, vessel, tanker]
        roles:
          actor: {}
          target: {fill: [entity:ORG, phrase], slot: [object], required: true}
          place: {}
          cargo: {terms: [oil, grain, "crude oil"]}
    """
)


def _problems(text: str, **kwargs) -> list[str]:
    with pytest.raises(CodebookError) as caught:
        parse_codebook(text, "topic.yaml", **kwargs)
    return caught.value.problems


def test_a_user_codebook_is_read_with_defaults_for_standard_roles() -> None:
    book = parse_codebook(GOOD, "topic.yaml")
    assert book.id == "harbour-watch/2"
    seizure = book.type("ship_seizure")
    assert seizure is not None
    assert seizure.lemmas == {"seize", "impound"}
    assert seizure.phrases == (("take", "control", "of"),)
    place = seizure.role("place")
    assert place is not None and place.fill == ("entity:FAC", "entity:LOC")
    target = seizure.role("target")
    assert target is not None and target.required and target.fill == ("entity:ORG", "phrase")
    cargo = seizure.role("cargo")
    assert cargo is not None and ("crude", "oil") in cargo.terms


@pytest.mark.parametrize("name", BUILTIN)
def test_built_in_codebooks_load(name: str) -> None:
    book = load_codebook(name)
    assert book.types
    assert all(t.description for t in book.types), "every type needs a description for the UI"


@pytest.mark.slow
@pytest.mark.parametrize("name", BUILTIN)
def test_built_in_codebooks_have_no_trigger_that_can_never_match(name: str) -> None:
    from storyline.events.lemmas import never_a_lemma

    load_codebook(name, lemmatize=never_a_lemma)


def test_the_default_codebook_covers_the_recruitment_topic() -> None:
    names = {t.name for t in load_codebook().types}
    assert {
        "recruitment_visit",
        "contract_offer",
        "enlistment",
        "release_for_service",
        "deployment",
        "casualty",
        "desertion_or_capture",
        "discharge_and_return",
        "crime_after_return",
        "policy_change",
        "official_statement",
        "denial_or_refusal",
    } <= names


def test_invalid_yaml_names_the_file_and_line() -> None:
    problems = _problems("codebook: x\nversion: 1\ntypes:\n  a: [unclosed\n")
    assert len(problems) == 1
    assert problems[0].startswith("topic.yaml:5: invalid YAML") or problems[0].startswith(
        "topic.yaml:4: invalid YAML"
    )


def test_duplicate_type_names_point_at_both_lines() -> None:
    text = GOOD + "  ship_seizure:\n    triggers: {lemmas: [board]}\n"
    problems = _problems(text)
    assert problems == ["topic.yaml:17: duplicate name 'ship_seizure' (first at line 5)"]


def test_unknown_filler_kinds_and_roles_are_reported_at_their_lines() -> None:
    text = GOOD.replace(
        "target: {fill: [entity:ORG, phrase]", "target: {fill: [entity:ORGANISATION, phrase]"
    )
    text = text.replace("      place: {}\n", "      place: {}\n      vessel_flag: {}\n")
    problems = _problems(text)
    assert any(
        p.startswith(
            "topic.yaml:14: ship_seizure.roles.target.fill: unknown fill 'entity:ORGANISATION'"
        )
        for p in problems
    ), problems
    assert any(
        p.startswith("topic.yaml:16: ship_seizure.roles.vessel_flag: unknown role")
        for p in problems
    ), problems


def test_unknown_keys_are_reported_so_typos_do_not_pass_silently() -> None:
    problems = _problems(GOOD.replace("    triggers:\n", "    trigers:\n"))
    assert any("unknown key 'trigers'" in p and p.startswith("topic.yaml:8:") for p in problems)
    assert any("no triggers, so it can never match" in p for p in problems)


def test_which_role_a_triggers_subject_fills_is_read_and_checked() -> None:
    pairs = "    subject_is: {seize: actor, impound: owner}\n"
    text = GOOD.replace("    roles:\n", pairs + "    roles:\n")
    problems = _problems(text)
    assert problems == [
        "topic.yaml:12: ship_seizure.subject_is.impound: unknown role 'owner' "
        "(actor, subject, target, place, time, quantity, money, duration, source)"
    ]
    book = parse_codebook(text.replace("impound: owner", "impound: target"), "topic.yaml")
    assert dict(book.types[0].subject_is) == {"seize": "actor", "impound": "target"}


def test_whether_a_type_moves_people_is_read_and_checked() -> None:
    text = GOOD.replace("    roles:\n", "    moves_people: true\n    roles:\n")
    assert parse_codebook(text, "topic.yaml").types[0].moves_people
    assert not parse_codebook(GOOD, "topic.yaml").types[0].moves_people
    problems = _problems(text.replace("moves_people: true", "moves_people: sometimes"))
    assert problems == ["topic.yaml:12: ship_seizure.moves_people: give true or false"]


def test_multiword_lemmas_and_empty_triggers_are_errors() -> None:
    problems = _problems(GOOD.replace("lemmas: [seize, impound]", 'lemmas: ["take over", ""]'))
    assert any("'take over' is several words; put it in phrases" in p for p in problems)
    assert any("empty entry, it can never match" in p for p in problems)


def test_a_trigger_that_is_not_a_lemma_can_never_match() -> None:
    def lemmatize(word: str) -> str | None:
        return {"seized": "seize"}.get(word)

    problems = _problems(GOOD.replace("[seize, impound]", "[seized, impound]"), lemmatize=lemmatize)
    assert problems == [
        "topic.yaml:5: ship_seizure: trigger 'seized' can never match: triggers are lemmas "
        "and spaCy reads 'seized' as 'seize'"
    ]


def test_a_missing_file_is_one_clear_error(tmp_path) -> None:
    with pytest.raises(CodebookError, match=r"nope\.yaml: no such codebook file"):
        load_codebook(tmp_path / "nope.yaml")


def test_the_error_message_is_one_line_with_a_count() -> None:
    with pytest.raises(CodebookError) as caught:
        parse_codebook("codebook: Bad Name\nversion: [1]\ntypes: 3\n", "t.yaml")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("t.yaml:1: codebook: give a name like my-topic")
    assert "(and 2 more problems)" in str(caught.value)


@pytest.mark.slow
def test_spacy_knows_inflected_forms_are_never_lemmas() -> None:
    from storyline.events.lemmas import never_a_lemma

    assert never_a_lemma("offers") == "offer"
    assert never_a_lemma("casualties") == "casualty"
    assert never_a_lemma("sign") is None
    assert never_a_lemma("deserter") is None


def test_yaml_aliases_are_refused_before_they_expand() -> None:
    """361 bytes of nested aliases once expanded to 2 GB; a codebook never needs them."""
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(8)
    ]
    with pytest.raises(CodebookError, match=r"bomb\.yaml:2: invalid YAML: aliases"):
        parse_codebook("\n".join(levels) + "\n", "bomb.yaml")
