"""Which entity a source is: its own name, or the person or body it refers back to, and
the events whose ``source`` role points at it (issue 12: coreference across the report)."""

from __future__ import annotations

import storyline
from storyline.events import load_codebook
from storyline.extract import extract_documents
from storyline.model import Document, Extraction, SourceMention

REPORT = """Wagner recruits in Harlow colony

Justice Minister Marta Kovacs said on Monday that 300 inmates had signed contracts with Wagner.
The minister added that the first group left the colony in May. “They volunteered,” she said.

Kovacs said the inmates were pardoned. The Harlow Resistance Center reported that 40 of them
were killed. The Center said the men were deployed near Bakhmut.

A source close to the ministry said 12 more inmates were killed."""


def _result(text: str) -> Extraction:
    book = load_codebook("prison-recruitment")
    doc = Document(text=text, sha256="", body_start=text.find("\n\n") + 2, language="en")
    return next(iter(extract_documents([doc], codebook=book)))


def _entity_of(result: Extraction, span: str) -> str | None:
    names = {e.id: e.name for e in result.entities}
    source = next(m for m in result.mentions if isinstance(m, SourceMention) and m.text == span)
    return names.get(source.entity or "")


def test_surname_title_pronoun_and_body_noun_refer_back_to_the_named_source() -> None:
    result = _result(REPORT)
    assert _entity_of(result, "Justice Minister Marta Kovacs said") == "Marta Kovacs"
    assert _entity_of(result, "Kovacs said") == "Marta Kovacs"
    assert _entity_of(result, "The minister added") == "Marta Kovacs"
    assert _entity_of(result, "she said") == "Marta Kovacs"
    assert _entity_of(result, "The Center said") == "Harlow Resistance Center"


def test_an_anonymous_source_is_not_the_body_it_is_close_to() -> None:
    result = _result(REPORT)
    assert _entity_of(result, "A source close to the ministry said") is None


def test_a_pronoun_after_another_named_person_is_left_open() -> None:
    text = (
        "Talks stall\n\nMarta Kovacs said the talks had stalled. Ivan Petrenko arrived on "
        "Tuesday and met Olga Brandt. He said the port would reopen."
    )
    assert _entity_of(storyline.extract(text), "He said") is None


def test_events_carry_the_entity_of_their_source() -> None:
    result = _result(REPORT)
    kovacs = next(e.id for e in result.entities if e.name == "Marta Kovacs")
    sourced = [f for ev in result.events for f in ev.roles.get("source", ())]
    assert sourced, result.events
    assert any(f.entity == kovacs for f in sourced)
    for filler in sourced:
        mention = next(m for m in result.mentions if m.id == filler.mention)
        assert filler.entity == mention.entity
