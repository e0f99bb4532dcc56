"""Page furniture: figures a web page prints around a report, not figures it reports.

A page's text as stored keeps its counters ("25410 переглядів", "0 коментарів", "0 2192"),
its reading time ("3 хв"), its phones ("+38 (044) 123-45-67"): none is a figure the report
tells, so none is a quantity mention. The words come from the language pack
(``quantities.yaml``, key ``furniture``); phone shapes, being the same in every language,
from ``langpacks/furniture.yaml``.

What is furniture:

* a **counter**: a figure whose counted word (or, for a bare figure, the word after it, or
  the word before it on its line: "Переглядів: 1200") starts with a counter stem
  (``counters``), Latin look-alike letters read as Cyrillic ("переглядiв");
* a **line of figures**: a line with no word of two letters or more besides number
  abbreviations (``"0 2192"``, ``"2.3т"``, ``"4 491 64"``);
* a **reading time**: a short line of a figure and reading words only (``"3 хв"``, "Время
  чтения: 3 мин");
* a **phone number**, by the shapes in ``langpacks/furniture.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from storyline.extract.lexical_words import Sentence, Word, fold, pack

#: Latin letters that pages type for their Cyrillic look-alikes ("переглядiв").
_LOOKALIKES = str.maketrans("aceiopxy", "асеіорху")
#: The longest line (in words) read as a reading time.
_READING_WORDS = 5


@dataclass(frozen=True)
class Furniture:
    """One language's furniture words (folded)."""

    counters: tuple[str, ...]
    reading: frozenset[str]
    abbreviations: frozenset[str]
    phones: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _phones() -> tuple[re.Pattern[str], ...]:
    text = resources.files("storyline.langpacks").joinpath("furniture.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return tuple(re.compile(p) for p in data.get("phones") or ())


@lru_cache(maxsize=8)
def furniture(language: str) -> Furniture:
    """The furniture words of ``language`` (empty where its pack names none)."""
    data = pack(language, "quantities").get("furniture") or {}
    return Furniture(
        counters=tuple(sorted(fold(str(w)) for w in data.get("counters") or ())),
        reading=frozenset(fold(str(w)) for w in data.get("reading") or ()),
        abbreviations=frozenset(fold(str(w)) for w in data.get("abbreviations") or ()),
        phones=_phones(),
    )


def _plain(word: Word) -> str:
    return word.low.translate(_LOOKALIKES)


def _is_counter(word: Word | None, lex: Furniture) -> bool:
    if word is None or not lex.counters:
        return False
    return _plain(word).startswith(lex.counters)


def phone_spans(text: str, lex: Furniture) -> list[tuple[int, int]]:
    """Where ``text`` prints a phone number."""
    return [(m.start(), m.end()) for p in lex.phones for m in p.finditer(text)]


def _line(text: str, at: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return lo, len(text) if hi < 0 else hi


def furniture_line(text: str, sentence: Sentence, at: int, lex: Furniture) -> bool:
    """Whether the line of ``sentence`` around offset ``at`` is a counter or reading-time
    line: only figures and number abbreviations, or a short line of a figure and reading
    words."""
    lo, hi = _line(text, at)
    words = [w for w in sentence.words if lo <= w.start and w.end <= hi]
    letters = [w for w in words if any(c.isalpha() for c in w.low)]
    if all(len(w.low) < 2 or w.low.rstrip(".") in lex.abbreviations for w in letters):
        return True
    if len(letters) + 1 > _READING_WORDS or not lex.reading:
        return False
    return all(w.low in lex.reading or w.lemma in lex.reading for w in letters)


def is_counter(
    words: Sequence[Word], first: int, last: int, noun: int | None, lex: Furniture
) -> bool:
    """Whether the figure ``words[first:last+1]`` (counted noun at ``noun``) is a counter."""
    if noun is not None:
        return _is_counter(words[noun], lex)
    after = words[last + 1] if last + 1 < len(words) else None
    before = words[first - 1] if first > 0 else None
    if before is not None and before.pos == "PUNCT" and first > 1:
        before = words[first - 2]  # "Переглядів: 1200"
    return _is_counter(after, lex) or _is_counter(before, lex)
