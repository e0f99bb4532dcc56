"""Entities in Russian and Ukrainian: people, organisations, places, facilities, groups.

The same contract and conventions as English (:mod:`storyline.extract.entities`), read from
the natasha ``Doc`` of :mod:`storyline.nlp_ru_uk`, in layers (a lower layer wins an overlap):

0. facilities by rule: coded ("ИК-7", "СИЗО-1", "ИК № 2"), numbered ("исправительной
   колонии № 7") and unnamed but located ("колония в Мордовии": the facility noun to the
   end of the place, the place a mention of its own);
1. natasha's ``PER``/``LOC``/``ORG`` spans, without quotation marks; "ЧВК «Вагнер»" is one
   organisation; a coded facility natasha called ``ORG`` is a ``FAC``;
2. demonym adjectives ("российские власти" → a ``LOC`` mention of Россия) and groups
   (plural people nouns with their adjectives, "бывшие заключенные").

Canonical names are lemmatised into the nominative: "Мордовии" → "Мордовия",
"Саратовской области" → "Саратовская область", "Дмитрия Пескова" → "Дмитрий Песков"
(adjectives agree with their noun; genitive dependents stay: "Министерства обороны" →
"Министерство обороны"). Mentions merge into one entity by the cross-language link key
(:func:`storyline.link.names.link_key`), people by surname, so "Песков" joins "Дмитрий
Песков". The word lists are data: ``langpacks/<code>/entities.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline import langpacks
from storyline.link.names import alias_kind, fold, link_key, place_name
from storyline.model import Entity, EntityMention
from storyline.nlp_ru_uk import analyses, lemma

_QUOTES = "«»„“”\"'"
_NAME_TAGS = {"Name", "Surn", "Patr"}


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    name: str
    layer: int
    tokens: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class _Lexicon:
    codes: re.Pattern[str]
    numbered: frozenset[str]
    prepositions: Mapping[str, str]
    org_prefixes: frozenset[str]
    groups: frozenset[str]
    demonyms: Mapping[str, str]
    not_names: frozenset[str]
    region_words: frozenset[str]
    not_modifiers: frozenset[str]
    group_adverbs: frozenset[str]
    org_heads: frozenset[str]
    joining_words: frozenset[str]


@lru_cache(maxsize=4)
def _lexicon(language: str) -> _Lexicon:
    data = langpacks.load(language).section("entities")
    codes = sorted((str(c) for c in data.get("facility_codes", [])), key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(map(re.escape, codes))
        + r")(?:\s?[-‑–]\s?|\s?№\s?|\s)\d{1,3}(?!\w)"
    )
    return _Lexicon(
        codes=pattern,
        numbered=frozenset(str(w) for w in data.get("facility_nouns", [])),
        prepositions={str(k): str(v) for k, v in (data.get("place_prepositions") or {}).items()},
        org_prefixes=frozenset(str(w) for w in data.get("org_prefixes", [])),
        groups=frozenset(str(w) for w in data.get("group_nouns", [])),
        demonyms={str(k): str(v) for k, v in (data.get("demonyms") or {}).items()},
        not_names=frozenset(str(w) for w in data.get("not_names", [])),
        region_words=frozenset(str(w) for w in data.get("region_words", [])),
        not_modifiers=frozenset(str(w) for w in data.get("not_modifiers", [])),
        group_adverbs=frozenset(str(w) for w in data.get("group_adverbs", [])),
        org_heads=frozenset(str(w) for w in data.get("org_heads", [])),
        joining_words=frozenset(str(w) for w in data.get("joining_words", [])),
    )


def extract(doc: Doc, language: str) -> tuple[list[EntityMention], list[Entity]]:
    """Entity mentions of a Russian or Ukrainian ``doc`` and the entities they name.

    Returns mentions sorted by start (ids empty, ``entity`` = "E1", "E2"… in order of first
    mention) and the entities, as :func:`storyline.extract.entities.extract` does.
    """
    lex = _lexicon(language)
    text = doc.text
    cands: list[_Cand] = []
    cands += _coded(doc, text, lex)
    cands += _regions(doc, lex, language)
    cands += _names(doc, lex, language)
    cands += _numbered_and_located(doc, cands, lex, language)
    cands += _demonyms(doc, lex)
    cands += _groups(doc, lex, language)
    cands += _known_names(doc, cands, language)
    cands += _dictionary_people(doc, cands, language)
    chosen = _resolve_overlaps(cands)
    return _entities(chosen, language, text)


# ------------------------------------------------------------------------------ layers


def _coded(doc: Doc, text: str, lex: _Lexicon) -> list[_Cand]:
    found = []
    for match in lex.codes.finditer(text):
        code = re.match(r"\D+", match.group())
        number = re.search(r"\d+", match.group())
        assert code is not None and number is not None
        raw = code.group().strip(" -‑–№")
        name = f"{raw.upper()}-{number.group()}"
        found.append(_Cand(match.start(), match.end(), "FAC", name, 0))
    return found


def _regions(doc: Doc, lex: _Lexicon, language: str) -> list[_Cand]:
    """ "Саратовской области", "Харківській області": a capitalised adjective and a region
    word are a region, whatever natasha called them (it took "Харківській" for a name)."""
    found = []
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.lemma_ not in lex.region_words or not _place_adjective(before):
            continue
        span = doc[before.i : token.i + 1]
        name = _region_name(before, token, language)
        found.append(_Cand(span.start_char, span.end_char, "LOC", name, 0, (before.i, token.i + 1)))
        # "Житомирській, Кіровоградській та Вінницькій областях": each adjective is a region
        i = before.i - 1
        while i >= 0 and (doc[i].text in {",", "и", "і", "й", "та", "а также"} or doc[i].is_space):
            i -= 1
            if i >= 0 and _place_adjective(doc[i]):
                adjective = doc[i]
                end = adjective.idx + len(adjective)
                name = _region_name(adjective, token, language)
                found.append(_Cand(adjective.idx, end, "LOC", name, 0, (i, i + 1)))
                i -= 1
    return found


def _place_adjective(token: Token) -> bool:
    """A capitalised word that can be an adjective ("Хмельницькій" is also a surname)."""
    if not (token.text[:1].isupper() and token.is_alpha):
        return False
    if token.pos_ == "ADJ":
        return True
    language = token.doc.lang_
    return any(p.tag.POS == "ADJF" for p in analyses(language, token.text))


def _region_name(adjective: Token, region: Token, language: str) -> str:
    """ "Житомирській … областях" → "Житомирська область": one region, in the nominative."""
    noun = lemma(language, region.text, "NOUN")
    parses = analyses(language, noun)
    gender = str(parses[0].tag.gender) if parses and parses[0].tag.gender else "femn"
    form = next(
        (
            inflected
            for p in analyses(language, adjective.text)
            if p.tag.POS in {"ADJF", "PRTF"}
            and (
                (inflected := p.inflect({"nomn", "sing", gender})) is not None
                or (inflected := p.inflect({"nomn", gender})) is not None  # uk tags lack "sing"
            )
        ),
        None,
    )
    word = str(form.word) if form is not None else adjective.text
    return f"{_restore(adjective.text, word)} {noun}"


def _names(doc: Doc, lex: _Lexicon, language: str) -> list[_Cand]:
    """natasha's spans, cleaned; "ЧВК «Вагнер»" joined into one ORG."""
    found: list[_Cand] = []
    ents = list(doc.ents)
    skip: set[int] = set()
    for n, ent in enumerate(ents):
        if n in skip:
            continue
        start_i, end_i = ent.start, ent.end
        label = ent.label_
        if ent.text.casefold() in lex.org_prefixes or fold(ent.text) in lex.not_names:
            # "ЧВК" + «Вагнер»: the quoted name after the prefix is the organisation.
            after = _quoted_after(doc, end_i)
            if after is None and fold(ent.text) in lex.not_names:
                continue
            if after is not None:
                end_i = after
                skip.update(k for k in range(n + 1, len(ents)) if ents[k].start < end_i)
            label = "ORG"  # "ЧВК" alone is the company the report means
        else:
            prefix = _prefix_before(doc, start_i, lex)
            if prefix is not None and label == "ORG":
                start_i = prefix
        while start_i < end_i and doc[start_i].text in _QUOTES:
            start_i += 1
        while (
            end_i > start_i and doc[end_i - 1].text in _QUOTES and not _closes(doc, start_i, end_i)
        ):
            end_i -= 1
        if (
            label == "LOC"
            and end_i < len(doc)
            and doc[end_i].lemma_ in lex.region_words
            and (doc[end_i - 1].pos_ == "ADJ" or doc[end_i - 1].text[:1].isupper())
        ):
            end_i += 1  # natasha's "Харківській" + "області"
        while start_i < end_i and doc[start_i].pos_ in {"ADP", "CCONJ", "PART"}:
            start_i += 1  # natasha's "У Росії"
        if label == "PER" and start_i < end_i and doc[start_i].lemma_ in lex.org_heads:
            label, end_i = "ORG", _genitive_end(doc, start_i + 1, end_i)  # "Офіс генпрокурора"
        if label == "PER" and end_i - start_i == 1 and _common_word(doc[start_i], language):
            region = _region_word_after(doc, start_i, lex)
            if region is None:
                continue  # "Наразі", "Суспільство": a capitalised word, no name
            label = "LOC"  # "Житомирській, Кіровоградській та Вінницькій областях"
        if label == "PER":
            start_i = _first_names_before(doc, start_i, language)
        if start_i >= end_i:
            continue
        parts = _parts(doc, start_i, end_i, label, lex)
        for part_start, part_end in parts:
            span = doc[part_start:part_end]
            if len(parts) > 1 and len(span) == 1 and _common_word(span[0], language):
                continue  # "Розмова з Малюською": the conversation is no name
            if fold(span.text) in lex.not_names or all(t.lemma_ in lex.groups for t in span):
                continue  # "Вербувальники" at a headline's start is no person
            name = canonical(list(span), label, language)
            kind = _retype(name, label, span.text)
            if kind == "PER" and _a_place_word(span, language):
                kind, name = "LOC", canonical(list(span), "LOC", language)
            found.append(
                _Cand(span.start_char, span.end_char, kind, name, 1, (part_start, part_end))
            )
    return found


def _parts(doc: Doc, start: int, end: int, label: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """A person's span cut at the joining words natasha took into it (the pack's
    ``joining_words``): "Бахмуті та Авдіївці", "Росії проти України" are two names each
    (and places), no person; a person's name holds no such word."""
    if label != "PER":
        return [(start, end)]
    parts, first = [], start
    for i in range(start, end):
        if doc[i].lower_ in lex.joining_words:
            if first < i:
                parts.append((first, i))
            first = i + 1
    if first < end:
        parts.append((first, end))
    return parts


def _a_place_word(span: Span, language: str) -> bool:
    """Whether a span natasha called a person holds a word the place tables know and no
    first name ("Центральна Україна", "Бахмуті"): a place, as for "Мордовії" alone."""
    words = [t for t in span if t.text[:1].isupper() and t.is_alpha]
    if any(_NAME_TAGS & p.tag.grammemes for t in words for p in analyses(language, t.text)):
        return False  # "Александр Орел", "України Володимир Зеленський": a person is named
    first = span[0]
    if first.pos_ == "ADJ":  # "Центральна Україна": a place with its adjective
        return any(_a_place(t, language) for t in span[1:])
    return _a_place(first, language)  # "Бахмуті", not "Сил оборони України"


def _a_place(token: Token, language: str) -> bool:
    return token.text[:1].isupper() and place_name(canonical([token], "LOC", language)) is not None


_KINDS = {"people": "PER", "organisations": "ORG"}


def _retype(name: str, label: str, surface: str) -> str:
    """The alias list's type for a name it knows ("Кремль" is an ORG, not natasha's LOC); an
    abbreviation natasha called a place that no place table knows is an organisation."""
    kind = alias_kind(name) or alias_kind(surface)
    if kind is None and "ґ" in name.casefold():  # "Ваґнер": the 2019 spelling of a G
        kind = alias_kind(_without_g(name)) or alias_kind(_without_g(surface))
    if kind in _KINDS:
        return _KINDS[kind]
    if place_name(name) is not None:
        return "LOC"  # natasha called "Мордовії" a person in a Ukrainian sentence
    if label == "LOC" and _abbreviation(surface) and place_name(name) is None:
        return "ORG"
    return label


def _without_g(text: str) -> str:
    return text.replace("ґ", "г").replace("Ґ", "Г")


def _abbreviation(text: str) -> bool:
    """ "ДПтС", "ФСИН", "ЗСУ": at least two capitals and no lowercase run of three."""
    return sum(c.isupper() for c in text) >= 2 and not re.search(r"[^\W\d_A-ZА-ЯЁІЇЄҐ]{3}", text)


def _common_word(token: Token, language: str) -> bool:
    """A word the dictionary knows and never reads as a name ("Наразі", "Події")."""
    found = [p for p in analyses(language, token.text) if p.is_known]
    return bool(found) and not any((_NAME_TAGS | {"Geox"}) & p.tag.grammemes for p in found)


def _region_word_after(doc: Doc, i: int, lex: _Lexicon) -> int | None:
    """The index of a region word within six tokens after a place adjective at ``i``."""
    if doc[i].pos_ != "ADJ":
        return None
    for j in range(i + 1, min(len(doc), i + 7)):
        if doc[j].lemma_ in lex.region_words:
            return j
        if doc[j].text in ".;:!?" or doc[j].pos_ == "VERB":
            return None
    return None


def _genitive_end(doc: Doc, i: int, end: int) -> int:
    """The end of an organisation's genitive words ("генерального прокурора")."""
    j = max(i, end)
    while j < len(doc) and j < i + 4 and doc[j].morph.get("Case", []) == ["Gen"]:
        j += 1
    return j


def _known_names(doc: Doc, cands: list[_Cand], language: str) -> list[_Cand]:
    """Names natasha missed that the document or the shipped lists know: a surname of a
    person found elsewhere in the text ("Высоцкая"), and one-word names of the alias list
    and the place tables in any case and capitalisation ("путіна", "Росії", "Вагнера")."""
    surnames = {
        lemma(language, c.name.split()[-1], "PROPN"): c.name
        for c in cands
        if c.type == "PER" and len(c.name.split()) > 1
    }
    taken = [(c.start, c.end) for c in cands]
    found = []
    for token in doc:
        if not _wordlike(token.text) or any(s <= token.idx < e for s, e in taken):
            continue
        if token.pos_ in {"ADP", "CCONJ", "SCONJ", "PART", "PRON", "VERB"}:
            continue
        key = token.lemma_
        if key in surnames and token.text[:1].isupper():
            found.append(_Cand(token.idx, token.idx + len(token), "PER", surnames[key], 3))
            continue
        known = _single_word_names(language).get(key) or _single_word_names(language).get(
            _without_g(key)  # "Ваґнера": the letter ґ of the 2019 spelling of a G
        )
        if known is None and token.text.isupper() and len(token.text) > 1:
            known = _single_word_names(language).get(token.text.casefold())
        if known is not None:
            name, type = known
            found.append(_Cand(token.idx, token.idx + len(token), type, name, 3))
    return found


_APOSTROPHES = "'’ʼ"


def _wordlike(text: str) -> bool:
    """Letters only, apostrophes inside allowed ("Мін’юсті", "в'язень")."""
    return text[:1].isalpha() and all(c.isalpha() or c in _APOSTROPHES for c in text)


def _dictionary_people(doc: Doc, cands: list[_Cand], language: str) -> list[_Cand]:
    """A first name and a surname the dictionary knows as such, which natasha's model
    (trained on Russian) missed: "заступник міністра юстиції *Євген Пікалов* вважає". The
    first name must be read as one by pymorphy3 and the next capitalised word as a surname
    (or be unknown to it), with an optional patronymic between."""
    taken = [(c.start, c.end) for c in cands]
    found: list[_Cand] = []
    i = 0
    while i < len(doc) - 1:
        token = doc[i]
        if (
            token.text[:1].isupper()
            and not any(s <= token.idx < e for s, e in taken)
            and _reads_as(language, token.text, "Name")
        ):
            j = i + 1
            if j < len(doc) - 1 and _reads_as(language, doc[j].text, "Patr"):
                j += 1
            last = doc[j]
            if (
                last.text[:1].isupper()
                and _wordlike(last.text)
                and not any(s <= last.idx < e for s, e in taken)
                and (_reads_as(language, last.text, "Surn") or not _known(language, last.text))
            ):
                span = doc[i : j + 1]
                name = canonical(list(span), "PER", language)
                found.append(_Cand(span.start_char, span.end_char, "PER", name, 3, (i, j + 1)))
                i = j + 1
                continue
        i += 1
    return found


def _reads_as(language: str, word: str, grammeme: str) -> bool:
    """Whether one of a word's first analyses carries ``grammeme`` (Name, Surn, Patr)."""
    return any(grammeme in p.tag.grammemes for p in analyses(language, word)[:3])


def _known(language: str, word: str) -> bool:
    return any(p.is_known for p in analyses(language, word))


@lru_cache(maxsize=4)
def _single_word_names(language: str) -> dict[str, tuple[str, str]]:
    """Lemma → (canonical name, type) of the one-word names on the alias list and in the
    place tables (Cyrillic ones only: "путін", "вагнер", "росія")."""
    from storyline.link.names import cyrillic_names

    table: dict[str, tuple[str, str]] = {}
    for form, kind in cyrillic_names():
        words = form.split()
        if len(words) != 1 or len(form) < (2 if form.isupper() else 3):
            continue
        type = _KINDS.get(kind, "LOC")
        key = form.casefold() if form.isupper() else lemma(language, form, "PROPN")
        table.setdefault(key, (form, type))
    return table


def _first_names_before(doc: Doc, i: int, language: str) -> int:
    """Extend a person's span left over a first name natasha left out ("Дмитро" Пєсков)."""
    while i > 0:
        before = doc[i - 1]
        if not before.text[:1].isupper() or not before.is_alpha:
            break
        if not any("Name" in p.tag for p in analyses(language, before.text)):
            break
        i -= 1
    return i


def _quoted_after(doc: Doc, i: int) -> int | None:
    """The token index after a quoted name that starts at token ``i`` («Вагнер»)."""
    if i < len(doc) and doc[i].text in '«"„“':
        for j in range(i + 1, min(len(doc), i + 8)):
            if doc[j].text in '»"”“':
                return j + 1
    return None


def _prefix_before(doc: Doc, i: int, lex: _Lexicon) -> int | None:
    """The index of "ЧВК" in "ЧВК «Вагнер»" when the name starts at token ``i``."""
    j = i - 1
    if j >= 0 and doc[j].text in '«"„“':
        j -= 1
    if j >= 0 and doc[j].text.casefold() in lex.org_prefixes and doc[j].text[:1].isupper():
        return j
    return None


def _closes(doc: Doc, start: int, end: int) -> bool:
    """Whether the quotation mark at ``end - 1`` closes one opened inside the span."""
    return any(doc[k].text in '«"„“' for k in range(start, end - 1))


def _numbered_and_located(
    doc: Doc, cands: list[_Cand], lex: _Lexicon, language: str
) -> list[_Cand]:
    """ "колонии № 7" (named) and "колония в Мордовии" (unnamed, located) facilities."""
    places = {c.start: c for c in cands if c.type == "LOC"}
    found = []
    for token in doc:
        if token.lemma_ not in lex.numbered or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        start = _modifiers_start(doc, token, lex)
        head = canonical(list(doc[start : token.i + 1]), "FAC", language)
        numbered = _number_after(doc, token.i)
        if numbered is not None:  # "колонии № 7", "колонии строгого режима № 7"
            name = f"{head} {doc[token.i + 1 : numbered].text}"
            found.append(
                _Cand(
                    doc[start].idx, doc[numbered - 1].idx + len(doc[numbered - 1]), "FAC", name, 0
                )
            )
            continue
        if token.morph.get("Number", []) == ["Plur"]:
            continue  # "колонии в Мордовии": plural facilities are not entities
        place = _place_after(doc, token.i, places, lex)
        if place is not None:  # "колония в Мордовии"
            rest = doc.text[doc[token.i + 1].idx : place.end]
            found.append(_Cand(doc[start].idx, place.end, "FAC", f"{head} {rest}", 0))
    return found


def _modifiers_start(doc: Doc, token: Token, lex: _Lexicon) -> int:
    """Where the adjectives agreeing with ``token`` before it start ("исправительной")."""
    start = token.i
    case = token.morph.get("Case", [])
    number = token.morph.get("Number", [])
    while start > 0:
        before = doc[start - 1]
        if before.pos_ != "ADJ" or before.lemma_ in lex.demonyms or before.like_num:
            break
        if before.lemma_ in lex.groups:
            break  # "ув'язнених колонії": a people noun, not a modifier
        for feature, value in (("Case", case), ("Number", number)):
            if value and before.morph.get(feature, []) and before.morph.get(feature, []) != value:
                return start  # "у травні ув'язнених": no agreement, no modifier
        start -= 1
    return start


def _number_after(doc: Doc, i: int) -> int | None:
    """The end token index of "№ 7" within four tokens after ``i``, else None."""
    for j in range(i + 1, min(len(doc), i + 5)):
        if doc[j].text == "№" and j + 1 < len(doc) and doc[j + 1].like_num:
            return j + 2
        if doc[j].is_punct:
            return None
    return None


def _place_after(doc: Doc, i: int, places: dict[int, _Cand], lex: _Lexicon) -> _Cand | None:
    """The place a facility noun at ``i`` is tied to by a preposition ("в Мордовии")."""
    for j in range(i + 1, min(len(doc), i + 4)):
        if doc[j].text.casefold() in lex.prepositions and j + 1 < len(doc):
            return places.get(doc[j + 1].idx)
        if doc[j].is_punct or doc[j].pos_ in {"VERB", "CCONJ", "SCONJ"}:
            return None
    return None


def _demonyms(doc: Doc, lex: _Lexicon) -> list[_Cand]:
    return [
        _Cand(t.idx, t.idx + len(t.text), "LOC", lex.demonyms[t.lemma_], 2, (t.i, t.i + 1))
        for t in doc
        if t.lemma_ in lex.demonyms and t.pos_ == "ADJ"
    ]


def _groups(doc: Doc, lex: _Lexicon, language: str) -> list[_Cand]:
    found = []
    for token in doc:
        if token.lemma_ not in lex.groups or token.morph.get("Number", []) != ["Plur"]:
            continue
        if token.pos_ not in {"NOUN", "ADJ", "VERB"}:
            continue
        start = _modifiers_start(doc, token, lex)
        while start < token.i and doc[start].lemma_ in lex.not_modifiers:
            start += 1
        if start > 0 and doc[start - 1].text.casefold() in lex.group_adverbs:
            start -= 1  # "ранее осужденные"
        span = doc[start : token.i + 1]
        name = span.text  # groups are named as written, as in English
        found.append(_Cand(span.start_char, span.end_char, "GROUP", name, 2, (start, token.i + 1)))
    return found


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Lower layers first; a candidate overlapping a chosen one is dropped unless nested in
    a facility or group (a place inside "колония в Мордовии", "российские власти")."""
    chosen: list[_Cand] = []
    for cand in sorted(cands, key=lambda c: (c.layer, c.start, -(c.end - c.start))):
        clash = False
        for other in chosen:
            if cand.start < other.end and other.start < cand.end:
                nested = (
                    other.type in {"FAC", "GROUP"}
                    and other.start <= cand.start
                    and cand.end <= other.end
                )
                outer = (
                    cand.type in {"GROUP"} and cand.start <= other.start and other.end <= cand.end
                )
                if not (nested or outer) or (cand.start, cand.end) == (other.start, other.end):
                    clash = True
                    break
        if not clash:
            chosen.append(cand)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _entities(
    chosen: list[_Cand], language: str, text: str
) -> tuple[list[EntityMention], list[Entity]]:
    ids: dict[tuple[str, str], str] = {}
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    mentions = []
    for cand in chosen:
        key = (cand.type, link_key(cand.name, cand.type, language))
        if key not in ids:
            ids[key] = f"E{len(ids) + 1}"
            names[ids[key]] = cand.name
            types[ids[key]] = cand.type
        eid = ids[key]
        if len(cand.name) > len(names[eid]) and cand.type == "PER":
            names[eid] = cand.name  # the full name over the surname alone
        mentions.append(
            EntityMention(
                cand.start, cand.end, text[cand.start : cand.end], type=cand.type, entity=eid
            )
        )
    entities = [Entity(eid, names[eid], types[eid]) for eid in ids.values()]
    return mentions, entities


# --------------------------------------------------------------------------- canonical names


def canonical(tokens: list[Token], type: str, language: str) -> str:
    """A name in the nominative, as a reader would write it on its own (module docstring)."""
    words = [t for t in tokens if not t.is_space]
    if not words:
        return ""
    if type == "PER":
        return " ".join(_restore(t.text, _nominative(t, language, names=True)) for t in words)
    head = next((k for k, t in enumerate(words) if t.pos_ in {"NOUN", "PROPN"}), None)
    if head is None:
        return " ".join(_restore(t.text, _nominative(t, language)) for t in words)
    parse = _parse(words[head], language)
    gender = str(parse.tag.gender) if parse is not None and parse.tag.gender else None
    number = str(parse.tag.number) if parse is not None and parse.tag.number else None
    out = []
    for k, token in enumerate(words):
        if k < head and token.pos_ in {"ADJ", "DET", "NUM"}:
            form = _nominative(token, language, gender=gender, number=number)
        elif k == head:
            form = _nominative(token, language, number=number)
        else:
            form = token.text
        out.append(_restore(token.text, form))
    return _join(words, out)


def _join(tokens: list[Token], words: list[str]) -> str:
    """Words joined with the spacing the text had ("ИК-7", "Санкт-Петербург")."""
    out = ""
    for token, word in zip(tokens, words, strict=True):
        out += word + (token.whitespace_ and " ")
    return out.strip()


def _parse(token: Token, language: str, names: bool = False) -> Any:
    """pymorphy3's analysis of ``token`` agreeing with the tagger's case (and name tags)."""
    parses = analyses(language, token.text)
    if not parses:
        return None
    case = {
        "Nom": "nomn",
        "Gen": "gent",
        "Dat": "datv",
        "Acc": "accs",
        "Ins": "ablt",
        "Loc": "loct",
    }
    wanted = case.get((token.morph.get("Case", []) or [""])[0])

    def rank(item: tuple[int, Any]) -> tuple[int, int, int]:
        n, p = item
        return (
            int(bool(names and _NAME_TAGS & p.tag.grammemes)),
            int(wanted is not None and wanted in p.tag),
            -n,
        )

    return max(enumerate(parses), key=rank)[1]


def _nominative(
    token: Token,
    language: str,
    *,
    names: bool = False,
    gender: str | None = None,
    number: str | None = None,
) -> str:
    if not re.search(r"[^\W\d_]", token.text) or token.text.isupper():
        return token.text  # abbreviations and codes stay as written
    parse = _parse(token, language, names)
    if parse is None or "Fixd" in parse.tag:
        return token.text
    wanted = {"nomn"}
    if parse.tag.POS in {"ADJF", "PRTF"} and gender and number != "plur":
        wanted |= {gender, "sing"}
    elif number == "plur" and parse.tag.number == "plur":
        wanted.add("plur")
    form = parse.inflect(wanted) or parse.inflect({"nomn"})
    if form is None:
        return lemma(language, token.text, token.pos_)
    return str(form.word)


def _restore(original: str, word: str) -> str:
    """``word`` with the capitals of ``original`` (per hyphenated part)."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    parts = word.split("-")
    originals = original.split("-")
    if len(parts) != len(originals):
        return word[:1].upper() + word[1:] if original[:1].isupper() else word
    return "-".join(
        p[:1].upper() + p[1:] if o[:1].isupper() else p
        for p, o in zip(parts, originals, strict=True)
    )
