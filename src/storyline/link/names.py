"""One name across languages and scripts: Песков = Peskov, ФСИН = Federal Penitentiary Service.

An entity's *link key* is what two reports in different languages must share to mean the
same referent. It is computed, in this order:

1. the shipped alias list (``langpacks/aliases.yaml``): a name on it gives its English name;
2. otherwise a transliteration to Latin — BGN/PCGN for Russian, the official Ukrainian
   national system (2010) for Ukrainian, both as data in the packs (``translit.yaml``) —
   which is then looked up in the alias list again;
3. the result folded (case, accents, quotes, apostrophes, "ё").

People are keyed by surname (the last word): "Дмитрий Песков", "Dmitry Peskov" and
"Peskov" are one person, whose first name the languages spell differently.

Why hand-written: the transliteration tables are two dozen letters each and the standards
are fixed; the libraries that transliterate (e.g. ``transliterate``, ``unidecode``) follow
other systems (GOST, ad hoc) whose spellings are not the ones news English uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from storyline import langpacks

_QUOTES = str.maketrans({c: "" for c in "«»„“”\"'’ʼ`"})
_VOWELS_CYRILLIC = set("аеёиоуыэюяіїєaeiouy") | {"ъ", "ь", "й"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold(name: str) -> str:
    """Case, accents, quotation marks, apostrophes, "ё", hyphens and spacing folded away."""
    text = name.casefold().replace("ё", "е").translate(_QUOTES)
    text = "".join(
        c
        for c in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(c) or c in "\u0306\u0308"  # keep й, ї composed below
    )
    text = unicodedata.normalize("NFC", text)
    return " ".join(re.sub(r"[-‐–—.,()]", " ", text).split())


def is_cyrillic(name: str) -> bool:
    """Whether ``name`` is written (at least partly) in Cyrillic."""
    return bool(_CYRILLIC.search(name))


@lru_cache(maxsize=1)
def _aliases() -> dict[str, tuple[str, str]]:
    """Folded name → (English name, kind) for every name on the shipped alias list."""
    data: Mapping[str, Mapping[str, list[str]]] = langpacks.shared("aliases")
    table: dict[str, tuple[str, str]] = {}
    for kind, entries in data.items():
        for english, others in (entries or {}).items():
            for form in (english, *(others or [])):
                table.setdefault(fold(str(form)), (str(english), kind))
    return table


def alias(name: str) -> str | None:
    """The English name the alias list gives ``name`` (any language), else ``None``."""
    found = _aliases().get(fold(name))
    return found[0] if found else None


@lru_cache(maxsize=4)
def _table(language: str) -> Mapping[str, Any]:
    return langpacks.load(language).section("translit")


def transliterate(name: str, language: str) -> str:
    """``name`` in Latin letters by the language's standard (``translit.yaml``).

    Letters outside the table pass through; capitals stay capitals. A language without a
    table returns the name unchanged.
    """
    table = _table(language) if langpacks.is_supported(language) else {}
    letters: Mapping[str, str] = table.get("letters") or {}
    if not letters:
        return name
    initial: Mapping[str, str] = table.get("initial") or {}
    after_vowel: Mapping[str, str] = table.get("after_vowel") or {}
    endings: Mapping[str, str] = table.get("endings") or {}
    pairs: Mapping[str, str] = table.get("pairs") or {}
    out: list[str] = []
    i = 0
    while i < len(name):
        char = name[i]
        lower = char.lower()
        prev = name[i - 1].lower() if i else ""
        at_start = not prev.isalpha()
        pair = name[i : i + 2].lower()
        after = name[i + 2 : i + 3]
        if pair in endings and not after.isalpha():
            latin, step = endings[pair], 2
        elif pair in pairs:
            latin, step = pairs[pair], 2
        elif at_start and lower in initial:
            latin, step = initial[lower], 1
        elif prev in _VOWELS_CYRILLIC and lower in after_vowel:
            latin, step = after_vowel[lower], 1
        elif lower in letters:
            latin, step = letters[lower], 1
        else:
            latin, step = char, 1
        if char != lower and latin:
            upper_next = name[i + 1 : i + 2]
            latin = latin.upper() if upper_next.isupper() and step == 1 else latin.capitalize()
        out.append(latin)
        i += step
    return "".join(out)


def alias_kind(name: str) -> str | None:
    """``people``, ``organisations``… : the section of the alias list naming ``name``."""
    found = _aliases().get(fold(name))
    return found[1] if found else None


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Folded Cyrillic place name → gazetteer name, from every pack's ``places.yaml``."""
    table: dict[str, str] = {}
    for code in langpacks.supported():
        for cyrillic, english in langpacks.load(code).section("places").items():
            table.setdefault(fold(str(cyrillic)), str(english))
    return table


def cyrillic_names() -> list[tuple[str, str]]:
    """Every Cyrillic name the shipped lists know, with its kind (``people``,
    ``organisations``, ``places``): for finding names the NER model missed."""
    data: Mapping[str, Mapping[str, list[str]]] = langpacks.shared("aliases")
    found = [
        (str(form), kind)
        for kind, entries in data.items()
        for others in (entries or {}).values()
        for form in others or []
        if is_cyrillic(str(form))
    ]
    for code in langpacks.supported():
        found += [
            (str(name), "places")
            for name in langpacks.load(code).section("places")
            if is_cyrillic(str(name))
        ]
    return found


def place_name(name: str) -> str | None:
    """The gazetteer's (English) name of a Cyrillic place name in the packs' tables."""
    return _places().get(fold(name))


def latin_forms(name: str, language: str | None = None) -> list[str]:
    """``name`` as Latin text: its alias or place-table name, then its transliterations."""
    forms: list[str] = []
    english = alias(name) or place_name(name)
    if english:
        forms.append(english)
    if is_cyrillic(name):
        languages = [language] if language in {"ru", "uk"} else ["ru", "uk"]
        for code in languages:
            assert code is not None
            latin = transliterate(name, code)
            forms.append(alias(latin) or latin)
    elif not forms:
        forms.append(name)
    return list(dict.fromkeys(forms))


def link_key(name: str, type: str, language: str | None = None) -> str:
    """The cross-language key of an entity's canonical ``name`` (see the module docstring).

    >>> link_key("Песков", "PER", "ru") == link_key("Dmitry Peskov", "PER", "en")
    True
    >>> link_key("ФСИН", "ORG", "ru")
    'federal penitentiary service'
    """
    latin = latin_forms(name, language)[0]
    key = fold(latin)
    if type == "PER" and key:
        return key.split()[-1]
    return key
