"""Explicit credits in a text: "This article originally appeared in …", "told The Times".

Why apart from :mod:`storyline.link.original`: these are pattern data (DESIGN §9.7). A
credit is only a *name*; it becomes evidence when it names an outlet that has a copy in the
same story (:func:`storyline.link.original.choose_original` does that matching), so a loose
pattern ("according to X", "told X") costs nothing when X is a person or a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline import langpacks

#: One word of an outlet's name: a capital letter first ("Times", "BBC", "AP", "Meduza");
#: inner dots only ("U.S"), so a name never runs over the end of a sentence.
_NAME_WORD = r"[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*"
#: A name: optional "The", up to seven capitalised words joined by spaces or by
#: of/and/for/&/de ("Institute for War and Peace Reporting"), or a domain ("meduza.io").
_NAME = (
    rf"(?P<name>(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:(?:of|and|for|de|&)\s+)?{_NAME_WORD}){{0,6}}"
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)"
)

#: Phrases that credit an outlet with the report, each followed by the outlet's name.
CREDIT_CUES: tuple[str, ...] = (
    r"(?:originally|first)\s+(?:appeared|published|ran|posted|reported)\s+(?:in|on|by|at)",
    r"(?:republished|reprinted|reposted|syndicated|adapted|translated)"
    r"(?:\s+(?:from\s+(?:Russian|Ukrainian|the\s+\w+(?:\s+original)?)|with\s+(?:kind\s+)?permission))?"
    r"\s+(?:from|by)",
    r"(?:is\s+a|a)\s+translation\s+of\s+(?:a|an|the)\s+(?:report|article|story|piece)\s+(?:by|from|in)",
    r"(?:with\s+(?:kind\s+)?permission\s+(?:from|of)|courtesy\s+of)",
    r"(?:as\s+)?(?:first\s+)?reported\s+by",
    r"(?:told|in\s+an\s+interview\s+with|speaking\s+to)",
    r"according\s+to(?:\s+(?:a|an|the)\s+(?:report|article|investigation)\s+(?:by|in|from))?",
    r"(?:source|via)\s*:?",
)

_CREDIT = re.compile(r"\b(?i:" + "|".join(CREDIT_CUES) + r")\s+" + _NAME)
#: The name before the verb: "As The Calder Courier reported", "as Meduza first revealed".
_AS_REPORTED = re.compile(
    r"\b[Aa]s\s+" + _NAME + r"\s+(?:first\s+|has\s+|had\s+)?(?:reported|revealed|wrote)\b"
)
#: A wire dateline: "LONDON (Reuters) -", "(AP) —".
_DATELINE = re.compile(r"\((?P<name>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})\)\s*[-—–]")
#: The header line of a forwarded Telegram post (:mod:`storyline.capture.telegram`): the
#: whole line is the channel's name, in any script.
_FORWARDED = re.compile(r"\AForwarded from (?P<name>[^\n]{1,200})\n")
_TRAILING = re.compile(r"[.'’-]+$")
#: Words every credit phrase contains (lower case). Python's ``re`` tries each alternative
#: of a long pattern at every position; finding these words first and trying the full
#: patterns only around them is about five times faster on news text.
_ANCHORS = re.compile(
    r"\b(?:originally|first|republished|reprinted|reposted|syndicated|adapted|translated|translation|"
    r"permission|courtesy|reported|told|interview|speaking|according|source|via|revealed|"
    r"wrote)\b"
)
#: How far before and after an anchor word the full patterns look.
_BEFORE, _AFTER = 100, 160
#: Credits are looked for in this many characters at most (the start and end of a text,
#: where credit lines stand, are always searched).
MAX_SCAN = 200_000


@dataclass(frozen=True)
class Credit:
    """An outlet named as the source of a text, and the words that said so."""

    name: str
    text: str


def find_credits(text: str) -> tuple[Credit, ...]:
    """Every credit in ``text``, in order (one per distinct name).

    Example: ``find_credits("… This article originally appeared in The Calder Courier.")``
    → ``(Credit("The Calder Courier", "originally appeared in The Calder Courier"),)``.
    """
    if len(text) > MAX_SCAN:
        half = MAX_SCAN // 2
        text = text[:half] + "\n" + text[-half:]
    found: dict[str, Credit] = {}
    lowered = text.lower()  # same length as text for the scripts credits are written in
    windows = [(m.start(), m.end()) for m in _ANCHORS.finditer(lowered)]
    if len(lowered) != len(text):
        windows = [(0, len(text))]
    matches = [m for pattern in (_CREDIT, _AS_REPORTED) for m in _around(pattern, text, windows)]
    pack_credits = _pack_credits()
    if pack_credits is not None and _CYRILLIC.search(text):
        matches += list(pack_credits.finditer(text))
    found_first = [*_FORWARDED.finditer(text), *sorted(matches, key=lambda m: m.start())]
    for match in found_first + list(_DATELINE.finditer(text)):
        name = _TRAILING.sub("", match.group("name").strip('«»"“”„ ')).strip()
        if not name:
            continue
        phrase = match.group(0)
        if match.re is not _AS_REPORTED:
            phrase = phrase[: match.end("name") - match.start()]
        phrase = _TRAILING.sub("", " ".join(phrase.split()))
        if match.re is _DATELINE:
            phrase += ")"
        found.setdefault(outlet_key(name), Credit(name, phrase))
    return tuple(found.values())


def _around(
    pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]
) -> list[re.Match[str]]:
    """Matches of ``pattern`` that overlap an anchor word, each found once."""
    seen: dict[int, re.Match[str]] = {}
    for start, end in windows:
        for match in pattern.finditer(text, max(0, start - _BEFORE), end + _AFTER):
            if match.start() <= start and match.end() >= end:
                seen.setdefault(match.start(), match)
    return list(seen.values())


#: Any Cyrillic letter: only such texts are searched for the language packs' credits.
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: A name after a pack's credit cue: quoted («Медиазона», "Верстка"), an English name
#: (The New York Times) or a domain, or up to four capitalised Cyrillic words (Радио
#: Свобода).
_ANY_NAME = (
    r"(?P<name>«[^»\n]{1,60}»|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|"
    rf"(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:(?:of|and|for|de|&)\s+)?{_NAME_WORD}){{0,6}}"
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+"
    r"|[А-ЯЁІЇЄҐ][\w'’-]*(?:\s+[А-ЯЁІЇЄҐ][\w'’-]*){0,3})"
)


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


@lru_cache(maxsize=1)
def _pack_credits() -> re.Pattern[str] | None:
    """One pattern for the credit cues of every language pack's ``credits.yaml``
    ("Перевод статьи The New York Times", "За матеріалами «Медіазони»"), or ``None``."""
    cues: list[str] = []
    objects: list[str] = []
    for code in langpacks.supported():
        section = langpacks.load(code).section("credits")
        cues += [str(c) for c in section.get("cues") or ()]
        objects += [str(o) for o in section.get("objects") or ()]
    if not cues:
        return None
    cue = "|".join(_phrase_pattern(c) for c in sorted(set(cues), key=len, reverse=True))
    obj = "|".join(_phrase_pattern(o) for o in sorted(set(objects), key=len, reverse=True))
    between = rf"(?:(?:{obj})\s+)?" if obj else ""
    return re.compile(rf"(?<!\w)(?i:{cue})\s*:?\s+{between}{_ANY_NAME}")


@lru_cache(maxsize=1)
def _translation_words() -> tuple[str, ...]:
    """Word stems that make a credit a translation's, English and every pack's."""
    stems = ["translat"]
    for code in langpacks.supported():
        section = langpacks.load(code).section("credits")
        stems += [str(w).casefold() for w in section.get("translation") or ()]
    return tuple(stems)


def is_translation_credit(phrase: str) -> bool:
    """Whether a credit phrase says the text is a translation ("Translated from …",
    "Перевод статьи …", "За матеріалами …")."""
    folded = phrase.casefold()
    return any(stem in folded for stem in _translation_words())


def outlet_key(name: str) -> str:
    """A name reduced for matching: case-folded, no leading "the", letters and digits only.

    "The Calder Courier", "Calder Courier" and "calder-courier" all give ``caldercourier``.
    """
    lowered = name.casefold().strip()
    lowered = re.sub(r"^the\s+", "", lowered)
    return re.sub(r"[\W_]+", "", lowered)


def name_keys(name: str) -> set[str]:
    """Keys of a credited name and of its leading words ("The New York Times Monday" also
    gives the key of "The New York Times"), since a name pattern may run into the next
    capitalised word."""
    tokens = name.split()
    if tokens and tokens[0].casefold() == "the":
        tokens = tokens[1:]
    keys = {outlet_key(" ".join(tokens[:end])) for end in range(1, len(tokens) + 1)}
    keys = {key for key in keys if len(key) >= 3}
    return keys | outlet_keys_of_cyrillic(name)


def _words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", name.casefold().replace("ё", "е")))


def _same_word(a: str, b: str) -> bool:
    """Whether two Cyrillic words are one word in two cases ("української", "українська";
    "газеты", "газета"): equal but for an ending of up to three letters, or equal when short."""
    if min(len(a), len(b)) <= 3:
        return a == b
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 3 and common >= max(len(a), len(b)) - 3


@lru_cache(maxsize=1)
def _outlets() -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Each Cyrillic outlet name's words, with the keys of that outlet's host and Latin
    names (``langpacks/outlets.yaml``)."""
    data = langpacks.shared("outlets")
    table: list[tuple[tuple[str, ...], frozenset[str]]] = []
    for host, names in (data.get("outlets") or {}).items():
        keys = set(host_keys(str(host)))
        for name in (str(n) for n in names or ()):
            if not _CYRILLIC.search(name):
                keys |= {outlet_key(name)} | host_keys(name if "." in name else None)
        for name in (str(n) for n in names or ()):
            if _CYRILLIC.search(name):
                table.append((_words(name), frozenset(k for k in keys if len(k) >= 2)))
    return tuple(table)


def outlet_keys_of_cyrillic(name: str) -> set[str]:
    """The host and Latin-name keys of the outlet a Cyrillic name credits, in any case
    ("«Української правди»" → ``pravdacomua``, ``ukrainskapravda``…), empty when it is not
    on the list."""
    if not _CYRILLIC.search(name):
        return set()
    words = _words(name)
    found: set[str] = set()
    for listed, keys in _outlets():
        if len(listed) == len(words) and all(map(_same_word, listed, words)):
            found |= keys
    return found


def host_keys(host: str | None) -> set[str]:
    """Keys under which an outlet's web host may be credited.

    ``www.calder-courier.example`` → ``{"caldercourierexample", "caldercourier"}``: the host
    itself and the host without its last label (so "calder-courier" and the sitename
    "Calder Courier" match too).
    """
    if not host:
        return set()
    host = host.casefold().strip().removeprefix("www.")
    keys = {outlet_key(host)}
    labels = host.split(".")
    if len(labels) > 1:
        keys.add(outlet_key(".".join(labels[:-1])))
        keys.add(outlet_key(max(labels[:-1], key=len)))
    return {key for key in keys if key}
