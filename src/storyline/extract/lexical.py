"""Extraction for languages read from a lexicon (Russian, Ukrainian): the entry point.

The language plumbing (detection, the natasha parse, entities and places) calls
:func:`extract` for a document or chunk whose language has a lexicon pack, and
:func:`storyline.events.lexical_assemble.assemble_lexical` with those mentions plus its
entity mentions. Each extractor here is language-neutral: its words come from
``storyline/langpacks/<code>/{quantities,times,sources,hedges}.yaml``, so adding a language
is adding those files (and a gold set).
"""

from __future__ import annotations

from datetime import date

from storyline.extract import lexical_hedges, lexical_quantities, lexical_sources, lexical_times
from storyline.extract.lexical_words import has_lexicon
from storyline.model import Mention

#: The lexicon each extractor needs in a language's pack.
LEXICONS = ("quantities", "times", "sources", "hedges")


def supports(language: str | None) -> bool:
    """Whether ``language``'s pack has every lexicon (so the lexicon extractors run on it)."""
    return language not in {None, "en"} and all(has_lexicon(language, n) for n in LEXICONS)


def versions() -> dict[str, str]:
    """The versioned name of each lexicon extractor (stored with every mention)."""
    return {
        "quantity": lexical_quantities.VERSION,
        "time": lexical_times.VERSION,
        "source": lexical_sources.VERSION,
        "hedge": lexical_hedges.VERSION,
    }


def extract(text: str, published: date | None, language: str) -> list[Mention]:
    """Quantity, time, source and hedge mentions of ``text`` in ``language``.

    Offsets refer to ``text``; entities are not found here (the NLP path finds them).

    Raises:
        ValueError: ``language`` has no lexicon pack (see :func:`supports`).
    """
    if not supports(language):
        raise ValueError(f"no lexicon pack for language {language!r}")
    found: list[Mention] = []
    found += lexical_quantities.extract(text, published, language)
    found += lexical_times.extract(text, published, language)
    found += lexical_sources.extract(text, published, language)
    found += lexical_hedges.extract(text, published, language)
    return sorted(found, key=lambda m: (m.start, m.end, m.kind))
