"""Sources in languages read from a lexicon (Russian, Ukrainian): who says so, and is it anonymous.

Three kinds of cue, all from the pack's ``sources.yaml``: a phrase the source follows ("по
словам Пескова", "за даними ФСИН", "со ссылкой на источник"), a verb of saying whose
subject is the source, before it ("Песков заявил") or after it, as Russian and Ukrainian
put it after a quotation ("«…», — заявил Песков", "повідомив речник"), and a sourceless cue
("сообщается": reportedly). The mention spans the cue and the source phrase in text order;
the claim is the clause after "что"/"що" or after the source's comma, else the quotation or
the rest of the sentence. A negated verb ("не сообщил") or an infinitive ("отказался
сообщить") is no attribution (docs/eval.md: negated cues are hedges).

Anonymity follows the English conventions: a source is anonymous when its sentence says
names are withheld ("пожелавший остаться неизвестным", "на условиях анонимности"), or
when its phrase names no one (no name by the dictionary) and is no official body by its
common noun; a pronoun takes the value of the last source.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from storyline.extract.lexical_words import (
    Phrases,
    Sentence,
    Word,
    can_be_nominative,
    fold,
    has_lexicon,
    has_singular_reading,
    pack,
    phrase_list,
    split,
    verb_number,
    words,
)
from storyline.model import SourceMention

#: Versioned name stored with every mention this extractor makes.
VERSION = "lexical-sources/1"
#: At most this many words in a source phrase.
MAX_SOURCE_WORDS = 6
_NOUNISH = frozenset({"NOUN", "ADJF", "PRTF", "NPRO", "X", "NUMR", "NUM"})
_QUOTES = frozenset({"«", "»", '"', "“", "”", "„"})
_OPEN = frozenset({"«", '"', "“", "„"})


@dataclass(frozen=True)
class Lexicon:
    """One language's attribution words, folded."""

    before_source: Phrases
    sourceless: Phrases
    verbs: frozenset[str]
    adverbs: frozenset[str]
    stop_words: frozenset[str]
    complementisers: frozenset[str]
    anonymity: Phrases
    anonymous_heads: frozenset[str]
    official_heads: frozenset[str]
    pronouns: frozenset[str]
    negations: frozenset[str]
    #: Media and advocates: their statements are not an official's (events stage).
    media: frozenset[str] = frozenset()
    #: Withheld names by lemma, so every gender, number and tense counts ("джерело, яке
    #: побажало залишитися невідомим", "попросившая не называть").
    anonymity_lemmas: tuple[tuple[str, ...], ...] = ()
    #: Verbs that also mean "hand over" ("передали Нацгвардії"): a cue only with the
    #: source after them in the nominative ("передает RT") or after "как"/"як".
    after_only: frozenset[str] = frozenset()
    #: Possessives that tie a person to someone named ("его адвокат": definite).
    possessives: frozenset[str] = frozenset()
    #: People one is tied to ("адвокат", "мать"): with a possessive, not anonymous.
    tied_heads: frozenset[str] = frozenset()
    #: People nouns that a name after them only places ("источник в ФСИН").
    placed_heads: frozenset[str] = frozenset()
    #: Nouns that open a headline's closing credit ("…: дані Мін'юсту").
    headline_data: frozenset[str] = frozenset()
    #: Role nouns that, bare and singular, refer back to the one person or body of that role
    #: the report is about ("по данным *правозащитницы*", "за словами *нардепа*"): Russian
    #: and Ukrainian have no articles, so these read as definite (realsets/ru README).
    definite_heads: frozenset[str] = frozenset()
    #: Reporters named by their bare plural ("Журналисты выяснили", "журналісти дійшли
    #: висновку"): the outlet crediting its own reporting, not an unnamed source.
    own_reporters: frozenset[str] = frozenset()
    #: Words that open a sentence recalling an earlier statement ("Напомним", "Нагадаємо"):
    #: a speaker who spoke before may then make another statement (events stage).
    recall: frozenset[str] = frozenset()
    #: Cues with a possessive pronoun for the source ("по её словам", "за його даними"):
    #: the pronoun is the source and takes the anonymity of the last one.
    pronoun_cues: Phrases = dataclasses.field(default_factory=lambda: Phrases(()))
    #: Objects put before the verb ("Деталі повідомляє 24 Канал"): no source; the speaker
    #: comes after the verb.
    fronted_objects: frozenset[str] = frozenset()
    #: Verbs that are cues only with a clause or a quotation ("заметил, что …"; "заметил
    #: дым" is seeing, not saying).
    clause_only: frozenset[str] = frozenset()
    #: Cues before a source that also take a reason or a thing ("ссылаясь на занятость",
    #: "судя по всему"): only a speaker or a document after them is a source.
    vetted_cues: Phrases = dataclasses.field(default_factory=lambda: Phrases.of(None))
    #: Cues of several words, as written ("пришли к выводу", "к такому выводу пришли").
    verb_phrases: Phrases = dataclasses.field(default_factory=lambda: Phrases.of(None))
    #: Collective heads that take a plural verb ("Ряд СМИ сообщают").
    collective_heads: frozenset[str] = frozenset()
    #: Words that join two subjects ("Иван и Мария сообщили"): a joined phrase takes a
    #: plural verb whatever its heads' number.
    conjunctions: frozenset[str] = frozenset()
    #: Nouns of help whose dative is part of a name ("фонд помощи *ветеранам*").
    help_nouns: frozenset[str] = frozenset()
    #: Endings of adjectives made from places ("украинский"): before unnamed people they
    #: name no one, as English "U.S. officials".
    place_adjective_endings: tuple[str, ...] = ()
    #: The language, for the morphology of agreement (``verb_number``).
    language: str = ""


@lru_cache(maxsize=8)
def lexicon(language: str) -> Lexicon:
    """The source lexicon of ``language`` (its pack's ``sources.yaml``)."""
    data = pack(language, "sources")
    hedges = pack(language, "hedges")

    def folded(name: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in (data.get(name) or ()))

    return Lexicon(
        before_source=Phrases.of(data.get("before_source")),
        sourceless=Phrases.of(data.get("sourceless")),
        verbs=folded("verbs"),
        adverbs=folded("adverbs"),
        stop_words=folded("stop_words"),
        complementisers=folded("complementisers"),
        anonymity=Phrases.of(data.get("anonymity")),
        anonymous_heads=folded("anonymous_heads"),
        official_heads=folded("official_heads"),
        pronouns=folded("pronouns"),
        negations=frozenset(fold(str(w)) for w in (hedges.get("negation_words") or ["не"])),
        media=folded("media"),
        anonymity_lemmas=tuple(phrase_list(data.get("anonymity_lemmas"))),
        after_only=folded("after_only"),
        possessives=folded("possessives"),
        tied_heads=folded("tied_heads"),
        placed_heads=folded("placed_heads"),
        headline_data=folded("headline_data"),
        definite_heads=folded("definite_heads"),
        own_reporters=folded("own_reporters"),
        recall=folded("recall"),
        pronoun_cues=Phrases.of(data.get("pronoun_cues")),
        fronted_objects=folded("fronted_objects"),
        clause_only=folded("clause_only"),
        collective_heads=folded("collective_heads"),
        verb_phrases=Phrases.of(data.get("verb_phrases")),
        vetted_cues=Phrases.of(data.get("vetted_cues")),
        conjunctions=folded("conjunctions"),
        help_nouns=folded("help_nouns"),
        place_adjective_endings=tuple(sorted(folded("place_adjective_endings"))),
        language=language,
    )


def _match(items: Sequence[Word], i: int, phrases: Phrases | Sequence[tuple[str, ...]]) -> int:
    if isinstance(phrases, Phrases):
        return phrases.at(items, i)
    return Phrases(phrases).at(items, i)


def _lemma_match(items: Sequence[Word], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """Length of the longest of ``phrases`` (lemmas) whose words are ``items[i:]`` (0: none)."""
    best = 0
    for phrase in phrases:
        n = len(phrase)
        if (
            n > best
            and i + n <= len(items)
            and all(w == items[i + k].low or w in items[i + k].lemmas for k, w in enumerate(phrase))
        ):
            best = n
    return best


def _withheld(items: Sequence[Word], lex: Lexicon) -> bool:
    """Whether the sentence says a name is withheld (forms or lemmas of the pack)."""
    return any(
        _match(items, i, lex.anonymity) or _lemma_match(items, i, lex.anonymity_lemmas)
        for i in range(len(items))
    )


def _ends(items: Sequence[Word], j: int, phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` ends at word ``j``."""
    first = j - len(phrase) + 1
    return all(items[first + k].low == word for k, word in enumerate(phrase))


@dataclass(frozen=True)
class _Hit:
    cue_first: int
    cue_last: int
    source_first: int | None
    source_last: int | None
    cue: str


def _is_verb_cue(word: Word, lex: Lexicon) -> bool:
    """A verb of saying; a gerund too ("Малюська уточнивши", a page's past gerund for a
    past verb; "заявив, что", having said so)."""
    return word.pos in {"VERB", "PRTS", "GRND"} and bool(word.lemmas & lex.verbs)


def _source_after(items: Sequence[Word], j: int, lex: Lexicon) -> tuple[int, int] | None:
    """The source phrase starting at (or just after adverbs and an adjunct from) word ``j``."""
    while j < len(items) and items[j].low in lex.adverbs:
        j += 1
    if j < len(items) and items[j].pos == "PREP":
        # "заявил в интервью BBC Песков": the adjunct is no source; "повідомили в Офісі
        # генпрокурора": a body after the verb, with nothing else, is.
        k = j + 1
        while k < len(items) and items[k].is_word and not items[k].person and k - j <= 3:
            if k > j + 1 and items[k].case == "nomn" and items[k].pos == "NOUN":
                break
            k += 1
        # a body's name goes on in the genitive ("в Головному управлінні комунікацій
        # *Збройних сил України*"): not a new subject after the adjunct
        official = any(w.lemmas & lex.official_heads for w in items[j + 1 : k])
        while (
            official
            and k < len(items)
            and items[k].is_word
            and items[k].case == "gent"
            and not items[k].person
            and (items[k].capitalised or not can_be_nominative(items[k].low, lex.language))
            and k - j <= MAX_SOURCE_WORDS + 2
        ):
            k += 1
        rest = _source_after(items, k, lex) if k < len(items) and items[k].is_word else None
        if rest is not None:
            return rest
        if official:
            return j + 1, k - 1  # the body, not its preposition ("у *Командуванні …*")
        return None
    if j < len(items) and items[j].text in _OPEN:
        k = j + 1
        while k < len(items) and items[k].text not in _QUOTES:
            k += 1
        if k < len(items) and k > j + 1:
            return j, k  # a quoted outlet: «Медуза», "Новая газета"
    first = j
    last = None
    while j < len(items) and j - first < MAX_SOURCE_WORDS:
        word = items[j]
        if word.text == "-" and last is not None:
            j += 1
            continue
        if (
            word.text == "."
            and last is not None
            and j + 1 < len(items)
            and items[j + 1].is_word
            and items[last].end == word.start
            and word.end == items[j + 1].start
            and _name_after_dot(items[j + 1].text)
        ):
            last = j + 1  # a name with a dot in it: "Цензор.НЕТ", "Gulagu.net"
            j += 2
            continue
        if not word.is_word and word.pos != "NUM":
            break
        if (
            last is not None
            and word.pos == "NOUN"
            and word.case == "datv"
            and not word.proper
            and any(w.case == "nomn" for w in items[first:j])
            and not (items[j - 1].lemmas & lex.help_nouns)
            and not any(w.person for w in items[j + 1 : j + 4])
        ):
            break  # "повідомило командування *командирам*": whom it was told, not who told
        if word.low in lex.stop_words and last is not None:
            if word.low in {"в", "у", "из", "з", "при"} and j + 1 < len(items):
                nxt = items[j + 1]
                if nxt.is_word and (nxt.proper or nxt.capitalised):
                    j += 2
                    last = j - 1
                    continue
            break
        if word.pos not in _NOUNISH and not word.proper:
            break
        last = j
        j += 1
    if last is not None and j < len(items) and items[j].text in _OPEN:
        k = j + 1
        while k < len(items) and items[k].text not in _QUOTES:
            k += 1
        if k < len(items) and k - j <= MAX_SOURCE_WORDS:
            last = k  # "российского издания «Медиазона»"
    return (first, last) if last is not None else None


def _name_after_dot(text: str) -> bool:
    """Whether the word glued after a dot goes on a name ("Gulagu.*net*", "Цензор.*НЕТ*"),
    not a new sentence typed without a space ("ТАСС.*Позже*")."""
    latin_lower = text[:1].isascii() and text[:1].islower()
    return latin_lower or (len(text) > 1 and text.isupper())


def _says_something(items: Sequence[Word], v: int, lex: Lexicon) -> bool:
    """A clause or a quotation beside the verb at ``v``: "заметил, что …", "заметил в
    интервью, что …", "заметил: «…»", "«…», — заметил он", "Как заметил Песков, …"."""
    if v > 0 and items[v - 1].low in {"как", "як"}:
        return True
    for word in items[v + 1 : v + 8]:
        if word.low in lex.complementisers or word.text in {":", *_QUOTES}:
            return True
        if word.text in {".", "!", "?", ";"}:
            break
    before = [w.text for w in items[max(0, v - 3) : v]]
    return any(t in _QUOTES for t in before) and any(t in {"—", "–", "-"} for t in before)


def _object_case(word: Word) -> bool:
    """A common noun read as an accusative, which no subject is ("подтвердил *информацию*").
    Only the accusative: the dictionary's likeliest case for a plural subject is often a
    genitive or a locative ("повідомили *джерела*", "сообщили *власти*")."""
    return word.pos == "NOUN" and word.case == "accs" and not word.proper and not word.capitalised


#: Prepositions the dictionary may tag otherwise (Ukrainian "про" as a noun): a noun after
#: one is no subject ("Про зростання свідчать дані").
_PREPOSITIONS = frozenset({"про", "о", "об", "на", "по", "для", "после", "після", "за"})
#: Prepositions that place a source in a named body ("источник в ФСИН", "джерело у ГУР").
_PLACING = frozenset({"в", "во", "у", "из", "з", "із", "при", "от", "від"})


def _source_before(items: Sequence[Word], v: int, lo: int, lex: Lexicon) -> tuple[int, int] | None:
    """The source phrase right before the verb at ``v`` (within the clause from ``lo``)."""
    j = v - 1
    while j >= lo:
        if items[j].low in lex.adverbs:
            j -= 1
            continue
        width = max(
            (len(p) for p in lex.anonymity if j - len(p) + 1 >= 0 and _ends(items, j, p)),
            default=0,
        )
        if not width:
            break
        j -= width  # "Джерело *на умовах анонімності* розповіло"
    last = j
    while j >= lo and last - j < MAX_SOURCE_WORDS:
        word = items[j]
        if word.text == "-" and j > lo:
            j -= 1
            continue
        if items[j].text in _QUOTES and j < last:
            k = j - 1
            while k >= lo and items[k].text not in _QUOTES:
                k -= 1
            if k >= lo:
                j = k - 1
                continue
        if (
            word.low in _PLACING
            and j > lo
            and j < last
            and items[j - 1].pos == "NOUN"
            and (items[j + 1].proper or items[j + 1].capitalised)
        ):
            j -= 1  # "Источник издания *в* ФСИН сообщил": the phrase goes on before "в"
            continue
        if not word.is_word or (word.pos not in _NOUNISH and not word.proper):
            break
        if word.low in lex.stop_words:
            break
        j -= 1
    first = j + 1
    if first > last or (items[last].pos not in _NOUNISH and not items[last].proper):
        return None
    if first > lo and (
        items[first - 1].pos == "PREP"
        or items[first - 1].low in _PREPOSITIONS
        or (items[first - 1].pos == "NOUN" and items[first - 1].case not in {"nomn", ""})
    ):
        return None  # "в комментарии Associated Press отметила …": not the subject
    if not any(
        items[k].case in {"nomn", ""}
        or items[k].proper
        or (items[k].capitalised and not _only_an_object(items[k], lex))
        for k in range(first, last + 1)
    ):
        return None  # "*Вербовку* подтвердил источник": a sentence's first word, an object
    if _disagrees(items, first, last, items[v], lex):
        return None  # "Факт казни подтверждают источники": the subject follows the verb
    return first, last


def _only_an_object(word: Word, lex: Lexicon) -> bool:
    """A common noun no reading of which is nominative ("*Вербовку* подтвердил"): never a
    subject, even capitalised at a sentence's start ("Бійці", read first as a locative, can
    be nominative plural, so it stays a subject)."""
    return word.pos == "NOUN" and not word.proper and not can_be_nominative(word.low, lex.language)


def _disagrees(items: Sequence[Word], first: int, last: int, verb: Word, lex: Lexicon) -> bool:
    """Whether the phrase cannot be the verb's subject by number: a plural verb with a
    singular-only head noun ("*Факт* казни подтверждают"), or a singular verb with a
    plural-only one. Names, coordinated phrases and forms either way never disagree."""
    number = verb_number(verb.low, lex.language)
    if number is None:
        return False
    phrase = items[first : last + 1]
    if any(w.low in lex.conjunctions for w in phrase):
        return False
    head = next((w for w in phrase if w.pos == "NOUN" and w.case == "nomn"), None)
    if head is None or head.proper or (head.capitalised and first > 0):
        return False
    if head.lemmas & lex.collective_heads:
        return False
    if any(
        not has_singular_reading(w.low, lex.language) for w in phrase if w is not head and w.is_word
    ):
        return False  # "Большинство опрошенных сообщили", "Ряд СМИ сообщают": plural sense
    if number == "plur":
        return head.singular
    return not has_singular_reading(head.low, lex.language)


def _speaks(phrase: Sequence[Word], lex: Lexicon) -> bool:
    """Whether a phrase can be a speaker or a document: a name, a quotation, or a noun of
    people, officials, media or documents (the packs' heads)."""
    heads = lex.anonymous_heads | lex.official_heads | lex.media | lex.definite_heads
    return any(
        (w.proper and w.capitalised)
        or w.text in _QUOTES
        or (w.is_word and w.lemmas & (heads | lex.own_reporters))
        for w in phrase
    )


#: Signs that end the stretch of words before a cue in which its subject is sought.
_CLAUSE_OPENERS = frozenset({",", "—", "–", "«", "»", '"', "(", ":"})


def _clause_start(items: Sequence[Word], i: int) -> int:
    """The first word of the stretch before word ``i`` that no comma, dash, quotation mark,
    bracket or colon interrupts: where a cue's subject may stand."""
    lo = i
    while lo > 0 and items[lo - 1].text not in _CLAUSE_OPENERS:
        lo -= 1
    return lo


def _verb_phrase_hit(items: Sequence[Word], first: int, last: int, lex: Lexicon) -> _Hit | None:
    """A cue of several words ("пришли к выводу": an outlet's own estimate): the source is
    the subject before it ("журналисты пришли к выводу") or, where the object leads ("К
    такому выводу пришли «Важные истории»"), the subject after it."""
    lo = _clause_start(items, first)
    cue = " ".join(w.low for w in items[first : last + 1])
    before = _source_before(items, first, lo, lex) if first > lo else None
    if before is not None:
        return _Hit(first, last, before[0], before[1], cue)
    after = _source_after(items, last + 1, lex)
    if after is not None:
        return _Hit(first, last, after[0], after[1], cue)
    return None


def _hits(sentence: Sentence, lex: Lexicon) -> list[_Hit]:
    items = sentence.words
    hits: list[_Hit] = []
    i = 0
    while i < len(items):
        width = _match(items, i, lex.before_source)
        if width:
            source = _source_after(items, i + width, lex)
            if (
                source is not None
                and _match(items, i, lex.vetted_cues) == width
                and not _speaks(items[source[0] : source[1] + 1], lex)
            ):
                source = None  # "ссылаясь на занятость", "судя по всему": a reason, no source
            if source is not None:
                hits.append(
                    _Hit(i, i + width - 1, *source, " ".join(w.low for w in items[i : i + width]))
                )
                i = source[1] + 1
                continue
        width = _match(items, i, lex.pronoun_cues)
        if width:
            pronoun = next(k for k in range(i, i + width) if items[k].low in lex.possessives)
            hits.append(
                _Hit(
                    i,
                    i + width - 1,
                    pronoun,
                    pronoun,
                    " ".join(w.low for w in items[i : i + width]),
                )
            )
            i += width
            continue
        width = _match(items, i, lex.sourceless)
        if width:
            hits.append(
                _Hit(i, i + width - 1, None, None, " ".join(w.low for w in items[i : i + width]))
            )
            i += width
            continue
        width = _match(items, i, lex.verb_phrases)
        if width:
            phrase_hit = _verb_phrase_hit(items, i, i + width - 1, lex)
            if phrase_hit is not None:
                hits.append(phrase_hit)
                i = max(i + width, (phrase_hit.source_last or i) + 1)
                continue
        word = items[i]
        if (
            _is_verb_cue(word, lex)
            and not (i > 0 and items[i - 1].low in lex.negations)
            and not (word.lemmas & lex.clause_only and not _says_something(items, i, lex))
        ):
            lo = _clause_start(items, i)
            cue_first = i - 1 if i > 0 and items[i - 1].low in {"как", "як"} else i
            passive = word.pos == "PRTS"  # "Данные озвучены Евгением Пригожиним": agent after
            handing = bool(word.lemmas & lex.after_only) and cue_first == i
            before = (
                _source_before(items, i, lo, lex) or _quoted_before(items, i, lex)
                if cue_first == i and not passive and not handing
                else None
            )
            if before is not None and items[before[1]].lemmas & lex.fronted_objects:
                before = None  # "Деталі повідомляє 24 Канал": the speaker follows the verb
            if before is not None:
                hits.append(_Hit(i, i, before[0], before[1], word.lemma))
            else:
                after = _source_after(items, i + 1, lex)
                if after is not None and handing and items[after[0]].case not in {"nomn", ""}:
                    after = None  # "передали Національній гвардії": handed over, not said
                if after is not None and _object_case(items[after[0]]):
                    after = None  # "подтвердил *информацию*": what is confirmed, not who
                if after is not None:
                    hits.append(_Hit(cue_first, i, after[0], after[1], word.lemma))
                    i = after[1] + 1
                    continue
                inside = _body_before(items, i, lo, lex) if cue_first == i else None
                if handing:
                    pass
                elif inside is not None:  # "У матеріалі зазначили", "В Раде подчеркивали"
                    # the cue starts at the preposition; the source is the body after it
                    hits.append(_Hit(inside[0], i, inside[0] + 1, inside[1], word.lemma))
                elif cue_first == i and (subject := _subject_before_relative(items, lo, lex)):
                    # "Джерело, яке побажало залишитися невідомим, повідомило"
                    hits.append(_Hit(subject[0], i, subject[0], subject[1], word.lemma))
        i += 1
    return hits


def _quoted_before(items: Sequence[Word], v: int, lex: Lexicon) -> tuple[int, int] | None:
    """A quoted name right before the verb at ``v`` ("«Новая газета» сообщила", "издание
    «Верстка» выяснило"), with a nominative noun before it; not a quoted claim (a claim
    is longer, or followed by a comma or dash)."""
    j = v - 1
    while j >= 0 and items[j].low in lex.adverbs:
        j -= 1
    if j < 1 or items[j].text not in {"»", '"', "”"}:
        return None
    k = j - 1
    while k >= 0 and items[k].text not in _OPEN and j - k <= MAX_SOURCE_WORDS:
        k -= 1
    if k < 0 or items[k].text not in _OPEN or k == j - 1:
        return None
    inside = items[k + 1 : j]
    if not inside[0].capitalised or any(not w.is_word and w.text not in {"-", "."} for w in inside):
        return None
    if k > 0 and items[k - 1].pos == "NOUN" and items[k - 1].case == "nomn":
        k -= 1  # "издание «Верстка»"
    elif k > 0 and items[k - 1].text not in {".", ",", "—", "–", ":"}:
        return None
    return k, j


#: Words that open a relative clause between a source and its verb.
_RELATIVE = frozenset(
    {
        "который",
        "которая",
        "которое",
        "которые",
        "кто",
        "чей",
        "чья",
        "чьи",
        "який",
        "яка",
        "яке",
        "які",
        "хто",
        "чий",
        "чия",
        "чиї",
    }
)


def _subject_before_relative(
    items: Sequence[Word], lo: int, lex: Lexicon
) -> tuple[int, int] | None:
    """The source before a relative clause that ends right before the verb (``lo`` is the
    word after the clause's closing comma): ", яке …, повідомило"."""
    if lo < 2 or items[lo - 1].text != ",":
        return None
    k = lo - 2
    while k >= 0 and items[k].text not in {",", ".", "—", "–", "«", "»"}:
        k -= 1
    if (
        k < 1
        or items[k].text != ","
        or not any(w.lemma in _RELATIVE or w.low in _RELATIVE for w in items[k + 1 : k + 3])
    ):
        return None
    start = k
    while start > 0 and items[start - 1].text not in {",", ".", "—", "–", "«", "»", ":"}:
        start -= 1
    return _source_before(items, k, start, lex)


#: Prepositions of place whose phrase before a subjectless verb of saying is its source:
#: a body or a document ("В Раде подчеркивали", "У матеріалі зазначили").
_IN = frozenset({"в", "во", "у"})


def _body_before(items: Sequence[Word], v: int, lo: int, lex: Lexicon) -> tuple[int, int] | None:
    """``(start, end)`` word indices of "в/у + noun phrase" right before the verb at ``v``
    (adverbs between allowed), when that phrase names an official body or a document."""
    j = v - 1
    while j >= lo and items[j].low in lex.adverbs:
        j -= 1
    last = j
    while j >= lo and items[j].is_word and items[j].low not in _IN and last - j < 4:
        j -= 1
    if j < lo or last < j + 1 or items[j].low not in _IN:
        return None
    phrase = items[j + 1 : last + 1]
    heads = lex.official_heads
    if not any(w.lemmas & heads or w.low in heads for w in phrase):
        return None
    return j, last


def _anonymous(
    items: Sequence[Word],
    hit: _Hit,
    lex: Lexicon,
    hidden: bool,
    last: bool | None,
    credit: bool = False,
    known: frozenset[str] = frozenset(),
    language: str = "",
) -> bool:
    """Whether the source of ``hit`` is unnamed (docs/eval.md); ``known`` holds the person
    nouns already used with a name in the text ("адвокат" of "адвокат Михайлов")."""
    if hit.source_first is None or hit.source_last is None:
        return True
    if hidden:
        return True
    phrase = items[hit.source_first : hit.source_last + 1]
    if len(phrase) == 1 and (phrase[0].low in lex.pronouns or phrase[0].low in lex.possessives):
        return bool(last) if last is not None else False
    heads = [w for w in phrase if w.is_word]
    placed = _placed(heads, lex, _quoted_words(phrase))
    if placed is not None:
        return placed  # before the quotes: "боец «Вагнера»" is placed, not named
    if any(w.text in _QUOTES for w in phrase):
        return False
    if heads and heads[0].low in lex.possessives and any(w.lemmas & lex.tied_heads for w in heads):
        return False  # "его адвокат": one person tied to someone named
    nouns = [w for w in heads if w.pos == "NOUN" or w.proper]
    if len(nouns) == 1 and nouns[0].lemmas & known:
        return False  # "пояснила адвокат" after "Адвокат Алексей Михайлов заявил"
    if (
        len(heads) == 1
        and heads[0].lemmas & lex.definite_heads
        and has_singular_reading(heads[0].low, language)
    ):
        return False  # "по словам правозащитницы": the activist the report is about
    if len(heads) == 1 and heads[0].lemmas & lex.own_reporters:
        return False  # "Журналисты пришли к выводу": the outlet's own reporters
    unnamed_people = any(w.lemmas & lex.anonymous_heads for w in heads)
    named = any(
        (w.proper or (w.capitalised and (k > 0 or hit.source_first > 0 or credit)))
        and w.low not in lex.anonymous_heads
        and not (w.lemmas & lex.anonymous_heads)
        and not (unnamed_people and _demonym(w, lex))
        for k, w in enumerate(heads)
    )
    if named:
        return False
    return not any(w.low in lex.official_heads or w.lemmas & lex.official_heads for w in heads)


def _demonym(word: Word, lex: Lexicon) -> bool:
    """An adjective of a place ("*Украинские* официальные лица"): before unnamed people it
    names no one ("Российская газета", "Харківська правозахисна група" are names)."""
    return (
        word.pos == "ADJF" and not word.person and word.lemma.endswith(lex.place_adjective_endings)
    )


def _quoted_words(phrase: Sequence[Word]) -> frozenset[int]:
    """The start offsets of the words inside quotation marks ("«Вагнера»")."""
    inside, found = False, set()
    for w in phrase:
        if w.text in _QUOTES:
            inside = not inside
        elif inside:
            found.add(w.start)
    return frozenset(found)


def _placed(
    heads: Sequence[Word], lex: Lexicon, quoted: frozenset[int] = frozenset()
) -> bool | None:
    """A person noun that a name after it only places, not names ("источник издания в
    ФСИН", "боєць «Вагнера»", "співробітник ГУР"): anonymous, as English "a source close to
    the ministry"; ``None`` when the phrase does not start with such a noun. A person's name
    (or a name in apposition: "адвокат Михайлов") names it."""
    lead = 0
    while lead < len(heads) and heads[lead].pos in {"ADJF", "PRTF", "NUMR"}:
        lead += 1
    if lead >= len(heads) or not (heads[lead].lemmas & lex.placed_heads):
        return None
    rest = heads[lead + 1 :]
    for k, word in enumerate(rest):
        if word.start in quoted:
            continue  # "боец «Вагнера»": a quoted name is a body's, not a person's
        if word.person and (word.case == "nomn" or all(w.pos != "PREP" for w in rest[:k])):
            return False  # "боец Иван Петров", "родственники Политковской"; not "источник
            # в окружении Пригожина"
    first = rest[0] if rest else None
    if first is not None and first.text[:1].isascii() and first.text[:1].isalpha():
        return True  # a Latin name after a Cyrillic person noun is an outlet or a body:
        # "источники Gulagu.net", "джерело Reuters"
    if first is not None and first.capitalised and not first.text.isupper():
        return first.case not in {"nomn", ""}  # "адвокат Кочетков" names; "ФСИН" places
    return True


#: A headline credit: a line without a full stop ending in a dash and a short name
#: ("… 775 засуджених – Генпрокуратура").
_CREDIT = re.compile(
    r"^(?P<claim>[^\n]{10,}?)\s[–—-]\s(?P<credit>[^\s–—.!?][^–—\n.!?]{0,50})$", re.M
)
MAX_CREDIT_WORDS = 4
#: "Глава ЧВК «Вагнер» Евгений Пригожин: …" — a speaker with a title.
MAX_SPEAKER_WORDS = 8
#: A headline "Name: claim" ("Пригожин: первая группа … помилована").
_SPEAKER = re.compile(
    r"^(?P<credit>[^\W\d_][^\n:.!?]{0,60}?):[ \t]+(?P<claim>[^\n]{10,})$",
    re.M,
)


#: A headline "claim: data of X" ("… зросла: дані Мін'юсту", "…: данные «Важных историй»").
_DATA = re.compile(r"^(?P<claim>[^\n]{10,}?):[ \t]+(?P<credit>[^\W\d_][^\n.!?:]{1,60})$", re.M)


def credits(text: str, language: str, lex: Lexicon) -> list[SourceMention]:
    """Headline credits (docs/eval.md: span the credit, claim the headline)."""
    found = []
    matches = [(m, "credit") for m in _CREDIT.finditer(text)]
    matches += [(m, "colon") for m in _SPEAKER.finditer(text)]
    matches += [(m, "data") for m in _DATA.finditer(text)]
    for match, cue in matches:
        lo, hi = match.span("credit")
        items = words(text, language, lo, hi)
        if cue == "data":
            if len(items) < 2 or not ({items[0].low} | items[0].lemmas) & lex.headline_data:
                continue  # "…: дані Мін'юсту" credits; "…: что известно" does not
            if len(items) > MAX_SPEAKER_WORDS:
                continue
            items = items[1:]  # the source is the body that the data are of
        if not items or len(items) > (MAX_SPEAKER_WORDS if cue == "colon" else MAX_CREDIT_WORDS):
            continue
        heads = lex.official_heads | lex.anonymous_heads
        quoted = cue == "data" and items[0].text in _OPEN  # "данные «Важных историй»"
        if not items[0].capitalised and not any(w.lemmas & heads for w in items) and not quoted:
            continue
        if cue == "colon" and not (
            items[-1].capitalised and (items[-1].person or items[-1].proper)
        ):
            continue  # "Name: claim" ends in a name; not "Фото: …", "Из документа следует: …"
        if cue == "colon":
            lo, hi = lo, hi + 1  # the span keeps the colon, as in English
        if any(w.pos in {"VERB", "INFN"} for w in items):
            continue
        hit = _Hit(0, len(items) - 1, 0, len(items) - 1, cue)
        anonymous = _anonymous(items, hit, lex, False, None, credit=True, language=language)
        found.append(
            SourceMention(
                start=lo,
                end=hi,
                text=text[lo:hi],
                source=text[items[0].start : match.end("credit")],
                source_start=items[0].start,
                source_end=match.end("credit"),
                anonymous=anonymous,
                cue=cue,
                claim_start=match.start("claim"),
                claim_end=match.end("claim"),
            )
        )
    return found


def extract(text: str, published: date | None = None, language: str = "ru") -> list[SourceMention]:
    """Source mentions of ``text`` in ``language``."""
    if not has_lexicon(language, "sources"):
        return []  # a language whose pack has no sources.yaml gets no such mentions
    lex = lexicon(language)
    mentions: list[SourceMention] = credits(text, language, lex)
    last: bool | None = None
    known: set[str] = set()
    for sentence in split(text, language):
        items = sentence.words
        hidden = _withheld(items, lex)
        for hit in _hits(sentence, lex):
            anonymous = _anonymous(
                items, hit, lex, hidden, last, known=frozenset(known), language=language
            )
            last = anonymous
            if not anonymous and hit.source_first is not None and hit.source_last is not None:
                phrase = items[hit.source_first : hit.source_last + 1]
                if any(w.person for w in phrase):
                    known.update(
                        *(w.lemmas & (lex.anonymous_heads | lex.tied_heads) for w in phrase)
                    )
            first = min(
                hit.cue_first, hit.source_first if hit.source_first is not None else hit.cue_first
            )
            end_word = max(
                hit.cue_last, hit.source_last if hit.source_last is not None else hit.cue_last
            )
            lo, hi = items[first].start, items[end_word].end
            source_lo = items[hit.source_first].start if hit.source_first is not None else None
            source_hi = items[hit.source_last].end if hit.source_last is not None else None
            claim = _claim(text, sentence, items, first, end_word, lex)
            mentions.append(
                SourceMention(
                    start=lo,
                    end=hi,
                    text=text[lo:hi],
                    source=text[source_lo:source_hi] if source_lo is not None else "",
                    source_start=source_lo,
                    source_end=source_hi,
                    anonymous=anonymous,
                    cue=hit.cue,
                    claim_start=claim[0] if claim else None,
                    claim_end=claim[1] if claim else None,
                )
            )
    return mentions


def _claim(
    text: str, sentence: Sentence, items: Sequence[Word], first: int, last: int, lex: Lexicon
) -> tuple[int, int] | None:
    """The claim a source supports: after it (past "что" or a comma) when the source opens
    the sentence, else the part of the sentence before it (a quotation)."""
    after = last + 1
    while after < len(items) and (
        items[after].text in {",", ":", "—", "–"} or items[after].low in lex.complementisers
    ):
        after += 1
    before_end = items[first].start
    k = first - 1
    while k >= 0 and items[k].text in {",", "—", "–", "»", '"', "”", "как", "як"}:
        k -= 1
    if after < len(items) and (first <= 1 or k < 0 or items[first - 1].text == ","):
        lo, hi = items[after].start, sentence.end
    elif k >= 0:
        lo, hi = sentence.start, items[k].end
        before_end = hi
        between = text[items[k].end : items[first].start]
        if "»" in between:
            # «… . …», — заявило відомство: a quotation over several sentences is one claim.
            opening = text.rfind("«", 0, items[k].end)
            if opening != -1 and "\n" not in text[opening:hi] and "»" not in text[opening:hi]:
                lo = opening + 1
    else:
        return None
    while hi > lo and text[hi - 1] in ".!?…":
        hi -= 1
    if text[lo : lo + 1] in _OPEN and text[hi - 1 : hi] in {"»", '"', "”"}:
        lo, hi = lo + 1, hi - 1
    del before_end
    return (lo, hi) if hi > lo else None
