"""Guess a text's language from its script and its commonest words.

Written by hand because the need is small (which of a handful of news languages is this?)
and the obvious libraries either ship large models or download them at run time. The HTML
``lang`` attribute, when present, wins over this guess.
"""

from __future__ import annotations

import re

#: A few dozen of the commonest words per language; enough for news paragraphs.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "is",
            "that",
            "for",
            "on",
            "was",
            "with",
            "as",
            "by",
            "at",
            "from",
            "it",
            "has",
            "have",
            "said",
            "are",
            "were",
            "be",
            "this",
            "which",
            "an",
            "their",
            "its",
            "but",
            "not",
            "who",
            "they",
        ]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "не",
            "на",
            "что",
            "с",
            "по",
            "как",
            "из",
            "за",
            "это",
            "о",
            "от",
            "к",
            "для",
            "у",
            "же",
            "но",
            "так",
            "все",
            "был",
            "была",
            "были",
            "который",
            "которые",
            "его",
            "их",
            "также",
            "он",
            "она",
            "они",
            "при",
        ]
    ),
    "uk": frozenset(
        [
            "і",
            "й",
            "в",
            "у",
            "не",
            "на",
            "що",
            "з",
            "по",
            "як",
            "із",
            "за",
            "це",
            "про",
            "від",
            "до",
            "для",
            "але",
            "так",
            "всі",
            "був",
            "була",
            "були",
            "який",
            "які",
            "його",
            "їх",
            "також",
            "він",
            "вона",
            "вони",
            "при",
            "та",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "in",
            "zu",
            "den",
            "von",
            "mit",
            "ist",
            "nicht",
            "sich",
            "des",
            "ein",
            "eine",
            "auf",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "des",
            "du",
            "un",
            "une",
            "est",
            "que",
            "dans",
            "pour",
            "pas",
            "qui",
            "sur",
            "au",
            "avec",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "de",
            "que",
            "en",
            "un",
            "una",
            "es",
            "por",
            "con",
            "para",
            "del",
            "se",
            "no",
            "al",
        ]
    ),
}
_WORD = re.compile(r"\w+", re.UNICODE)


def guess_language(text: str, sample_chars: int = 5000) -> str | None:
    """Return an ISO 639-1 code, or ``None`` when the text is too short or unclear."""
    words = [w.lower() for w in _WORD.findall(text[:sample_chars])]
    if len(words) < 3:
        return None
    scores = {
        lang: sum(1 for word in words if word in vocabulary)
        for lang, vocabulary in STOPWORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0:
        return None
    if best in {"ru", "uk"} and re.search(r"[іїєґ]", text[:sample_chars], re.IGNORECASE):
        return "uk"
    return best
