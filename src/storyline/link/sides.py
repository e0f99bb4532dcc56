"""Whose side an event is on: the country whose prisoners, forces or officials it concerns.

Claims must never join Russia recruiting its convicts with Ukraine releasing its own,
though both are "enlistment" and may share a place name or a month. The words that tell
(demonyms, capitals, leaders, agencies) are data: ``sides.yaml`` beside this module.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], frozenset[str]]:
    data = _data()
    abroad = frozenset(data.pop("abroad_types", []))
    data.pop("states", None)
    patterns = tuple(
        (
            country,
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                + r")(?![\w-])"
            ),
        )
        for country, words in data.items()
    )
    return patterns, abroad


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    return frozenset(_data().get("states", []))


def _data() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load(
        (resources.files("storyline.link") / "sides.yaml").read_text("utf-8")
    )
    return data


def is_state(name: str | None) -> bool:
    """Whether an actor is a whole state by name ("Moscow", "Ukraine", "the Kremlin"), which
    singles out no particular body or person."""
    return bool(name) and " ".join((name or "").casefold().split()) in _states()


def side_in(text: str | None) -> str | None:
    """The one country a phrase ties to ("Russian prisoners" → RU); None for none or both."""
    if not text:
        return None
    folded = text.casefold().replace("’", "'")
    found = {country for country, pattern in _lexicon()[0] if pattern.search(folded)}
    return found.pop() if len(found) == 1 else None


def side_of(type: str, roles: dict[str, str | None], place_country: str | None) -> str | None:
    """An event's side: the first of actor, subject and target that names one, else its
    place's country when the type happens at home (not a deployment or a death at the
    front)."""
    for role in ("actor", "subject", "target"):
        side = side_in(roles.get(role))
        if side:
            return side
    if place_country and type not in _lexicon()[1]:
        return place_country
    return None
