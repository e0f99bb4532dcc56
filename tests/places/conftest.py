"""Shared helper for place tests: a document's entity mentions and entities from its text."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from storyline.model import Entity, EntityMention


def _document(
    text: str, entities: dict[str, tuple[str, str, list[str]]]
) -> tuple[list[EntityMention], list[Entity]]:
    """Mentions of every form (whole words, every occurrence) and the entities they name.

    ``entities`` maps an id to (type, canonical name, surface forms).
    """
    mentions = []
    for eid, (type_, _name, forms) in entities.items():
        for form in forms:
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                mentions.append(
                    EntityMention(match.start(), match.end(), form, type=type_, entity=eid)
                )
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions, [Entity(eid, name, type_) for eid, (type_, name, _) in entities.items()]


Document = Callable[..., tuple[list[EntityMention], list[Entity]]]


@pytest.fixture
def document() -> Document:
    """``document(text, {id: (type, name, [forms])})`` → (mentions, entities)."""
    return _document
