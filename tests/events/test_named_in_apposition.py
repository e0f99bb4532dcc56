"""A common noun in apposition to a named person stands for that person in an event's roles
("Nemes Tarimo, a Tanzanian who was killed"), so claims can match the person by name across
reports; a name-less apposition changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

import storyline
from storyline.model import Event

pytestmark = pytest.mark.slow


def _subject(text: str, kind: str) -> str | None:
    events: list[Event] = [
        e for e in storyline.extract(text, published=date(2024, 6, 20)).events if e.type == kind
    ]
    assert events, text
    fillers = events[0].roles.get("subject", ())
    return fillers[0].text if fillers else None


@pytest.mark.parametrize(
    ("text", "kind", "subject"),
    [
        (
            "Funeral\n\nThe body of Anton Velikov, a Latvian who was killed fighting for the "
            "Wagner group, has left Russia.",
            "casualty",
            "Anton Velikov",
        ),
        (
            "Recruits\n\nA Latvian student, Anton Velikov, was recruited by the Wagner Group "
            "while in prison.",
            "enlistment",
            "Anton Velikov",
        ),
        (
            "Recruits\n\nForty convicts, mostly men from Kazan, were recruited by the Wagner "
            "Group.",
            "enlistment",
            "convicts",
        ),
    ],
)
def test_the_named_person_is_the_subject(text: str, kind: str, subject: str) -> None:
    assert _subject(text, kind) == subject
