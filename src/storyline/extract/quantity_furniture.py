"""Page furniture: figures a web page prints around a report that are no quantity at all.

A page's text as stored keeps its phones ("+38 (044) 123-45-67") and lines of bare figures
("0 2192": counters whose word the page shows as an icon): neither counts anything a reader
can name, so neither is a quantity mention. Phone shapes, being the same in every language,
come from ``langpacks/furniture.yaml``; number abbreviations from the language pack
(``quantities.yaml``, key ``furniture``).

What is *not* dropped, on purpose: a figure with its counted word, even in the furniture
("25410 переглядів", "12 комментариев", "3 хв", "USD 93.36"). The real-report annotation
convention (``realsets/uk/README.md``: "Page view counts in the page furniture are
quantities"; the Russian sets annotate weather and exchange rates) counts them, and a
figure a reader can name is a figure of the page; events do not take them, since no event
trigger governs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline import langpacks
from storyline.extract.lexical_words import Sentence, fold, pack


@dataclass(frozen=True)
class Furniture:
    """One language's furniture words (folded)."""

    abbreviations: frozenset[str]
    phones: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _phones() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in langpacks.shared("furniture").get("phones") or ())


@lru_cache(maxsize=8)
def furniture(language: str) -> Furniture:
    """The furniture words of ``language`` (empty where its pack names none)."""
    data = pack(language, "quantities").get("furniture") or {}
    return Furniture(
        abbreviations=frozenset(fold(str(w)) for w in data.get("abbreviations") or ()),
        phones=_phones(),
    )


def phone_spans(text: str, lex: Furniture, end: int | None = None) -> list[tuple[int, int]]:
    """Where ``text`` (up to ``end``: the part being read) prints a phone number."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for p in lex.phones for m in p.finditer(text, 0, stop)]


def _line(text: str, at: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return lo, len(text) if hi < 0 else hi


def furniture_line(text: str, sentence: Sentence, at: int, lex: Furniture) -> bool:
    """Whether the line of ``sentence`` around offset ``at`` holds only figures and number
    abbreviations ("0 2192", "4 491 64"): counters whose counted word is not in the text."""
    lo, hi = _line(text, at)
    words = [w for w in sentence.words if lo <= w.start and w.end <= hi]
    letters = [w for w in words if any(c.isalpha() for c in w.low)]
    return all(len(w.low) < 2 or w.low.rstrip(".") in lex.abbreviations for w in letters)
