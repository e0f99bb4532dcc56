"""Retold events, trends, gerunds, non-answers and new trigger phrases, over real parses of
sentences written here."""

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


def test_a_pardon_told_again_is_one_event() -> None:
    events = events_of(
        "Pardon\n\nIvan Petrenko, a former inmate of the Kamsk colony, was pardoned after six "
        "months at the front, his lawyer said on Monday.\n\n"
        "Petrenko had served four years of a ten-year term. He was pardoned by a decree that "
        "the lawyer did not publish, the lawyer added."
    )
    pardons = [e for e in events if e.type == "release_for_service"]
    assert len(pardons) == 1, kinds(events)


def test_a_gerund_before_a_noun_is_an_activity() -> None:
    events = events_of(
        "Colonies\n\nThe ministry has turned to recruiting inmates from the Kamsk colony "
        "for the war."
    )
    assert ("enlistment", "recruiting") in kinds(events)


def test_a_trend_of_an_event_noun_is_not_an_event() -> None:
    events = events_of(
        "Colonies\n\nThe army visited the Kamsk colony in March. Since then, recruitment in "
        "the colony appears to have slowed."
    )
    assert ("enlistment", "recruitment") not in kinds(events), kinds(events)


def test_stopping_publication_of_figures_is_a_non_answer() -> None:
    events = events_of(
        "Figures\n\nThe prison service stopped publishing the number of inmates in its "
        "colonies in 2023, as thousands were sent to the front."
    )
    types = [e.type for e in events]
    assert "denial_or_refusal" in types, kinds(events)
    assert "release_for_service" not in types, kinds(events)


def test_not_saying_how_many_with_a_typographic_apostrophe() -> None:
    events = events_of(
        "Losses\n\nThe defence ministry hasn’t said how many of its soldiers have died at "
        "the front this year."
    )
    assert "denial_or_refusal" in [e.type for e in events], kinds(events)
    assert "official_statement" not in [e.type for e in events], kinds(events)


def test_leaving_for_the_front_is_a_deployment() -> None:
    events = events_of(
        "Colonies\n\nThe first group of 120 inmates from the Kamsk colony left for the front "
        "on May 2."
    )
    assert "deployment" in [e.type for e in events], kinds(events)


def test_a_law_taking_effect_and_lowering_an_age_are_policy_changes() -> None:
    events = events_of(
        "Mobilisation\n\nParliament lowered the draft age to 24 from 26 in April. The new "
        "law on convicts will take effect on June 1."
    )
    policies = [e for e in events if e.type == "policy_change"]
    assert len(policies) == 2, kinds(events)


def test_a_contract_that_expired_is_a_discharge() -> None:
    events = events_of(
        "Returnees\n\nWhen his contract expired in March, Oleg Sitnikov came home to Perm, "
        "his mother said."
    )
    assert "discharge_and_return" in [e.type for e in events], kinds(events)


def test_a_released_letter_is_not_a_release() -> None:
    events = events_of(
        "Letters\n\nThe colony's warden released a letter from the prison service about "
        "inmates sent to the front."
    )
    assert "release_for_service" not in [e.type for e in events], kinds(events)
