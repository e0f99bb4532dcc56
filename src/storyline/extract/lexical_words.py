"""Words, lemmas, sentences and clauses of a text for the lexicon-driven extractors.

Why a plain-span layer and not a parse: the ru/uk extractors match per-language word
lists (language packs, ``storyline/langpacks/<code>/``) against pymorphy3 lemmas, which
covers every case form of a numeral, month or verb ("тридцати", "травні", "завербовали")
from the dictionary alone. That needs words with offsets and lemmas, sentences and a
rough clause boundary — nothing from a dependency parse — so the extractors stay
language-neutral, fast, and testable on any string. The language's rules are all data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: A numeric date ("30.05.2024"), a run of letters and digits (a code, base64: never a
#: figure), a word (letters, inner hyphens and apostrophes: "из-за",
#: "п'ять", "ув’язнених"), a number (digit groups split by a space, "30 000", or a decimal
#: comma), or one other sign.
_TOKEN = re.compile(
    r"\d{1,2}([./-])\d{1,2}\1\d{4}(?!\d)"
    r"|\d{4}-\d{2}-\d{2}(?![\d-])"
    r"|(?=[^\W\d]*\d)(?=\w*[^\W\d_])\w+"
    r"|[^\W\d_]+(?:[-'’ʼ‘][^\W\d_]+)*"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)"
    r"|\d+(?:[.,]\d+)?"
    r"|\S"
)
#: Where a sentence ends: ., !, ? or … (with closing quotes) before a space and a capital,
#: a digit, a quote or a dash, or a paragraph break.
_SENTENCE_END = re.compile(r"[.!?…]+[»\"”’)]*(?=\s+[«\"“(—–-]?[A-ZА-ЯЁІЇЄҐ0-9])|\n\s*\n")
#: The short word right before a full stop: with a number after the stop, one of a pack's
#: ``abbreviations`` ("ч. 2", "ст. 81", "тис. 300") ends no sentence.
_ABBREVIATION = re.compile(r"(?<!\w)(\w{1,4})$")
#: Signs that end a clause inside a sentence.
CLAUSE_SIGNS = frozenset({",", ";", ":", "—", "–", "(", ")", "«", "»", '"', "“", "”"})


@dataclass(frozen=True)
class Word:
    """One token: its span, lower-cased text (ё → е, apostrophes unified), lemmas, tag.

    ``lemmas`` holds the normal forms of the analyses pymorphy3 gives (a form may belong to
    several words: "мая" is май or мая), ``pos`` the part of speech of the likeliest one
    (``NOUN``, ``VERB``, ``NUMR``…, ``NUM`` for digits, ``PUNCT`` for signs).
    """

    start: int
    end: int
    text: str
    low: str
    lemma: str
    lemmas: frozenset[str]
    pos: str
    case: str = ""
    #: A name by the dictionary (first name, surname, organisation, abbreviation) or a word
    #: it does not know: what tells "Песков заявил" from "Источник сообщил".
    proper: bool = False
    #: A first name, patronymic or surname by the dictionary: a person is named.
    person: bool = False
    #: No likely analysis is plural ("окремої", "отдельной", "канал"): after a figure that
    #: asks for a plural it marks an ordinal or a name ("92 окремої бригади"), not a count.
    singular: bool = False

    @property
    def is_word(self) -> bool:
        """Letters, not a number or a sign."""
        return self.pos not in {"NUM", "PUNCT", "DATE", "CODE"}

    @property
    def capitalised(self) -> bool:
        """Starts with a capital letter (a name, or a sentence's first word)."""
        return self.text[:1].isupper()


def fold(text: str) -> str:
    """Lower case with ё → е and every apostrophe as ``'``: how lexicon words are compared."""
    return (
        text.lower()
        .replace("ё", "е")
        .replace("’", "'")
        .replace("ʼ", "'")
        .replace("‘", "'")
        .replace("`", "'")
    )


@lru_cache(maxsize=4)
def _analyzer(language: str) -> Any:
    """pymorphy3's analyser for ``language``, or ``None`` when it has no dictionary for it
    (words then are their own lemmas: exact word forms in the pack still match). The one
    the ru/uk parse path loads: a dictionary is loaded once per process, not per stage."""
    from storyline.nlp_ru_uk import analyzer

    try:
        return analyzer(language)
    except ValueError:
        return None


_PROPER = frozenset({"Name", "Surn", "Patr", "Orgn", "Trad", "Abbr", "Geox"})
_PERSON = frozenset({"Name", "Surn", "Patr"})
#: Parts of speech that are never a name, whatever rarer readings a form has.
_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})


@lru_cache(maxsize=200_000)
def analyse(word: str, language: str) -> tuple[str, frozenset[str], str, str, bool, bool, bool]:
    """Likeliest lemma, all likely lemmas, part of speech, case, whether it is a name, a
    person's name, and singular only, of a folded word (cached: news repeats its words)."""
    analyzer = _analyzer(language)
    if analyzer is None:
        return word, frozenset({word}), "X", "", False, False, False
    parses = analyzer.parse(word)
    if not parses:
        return word, frozenset({word}), "X", "", True, False, False
    best = parses[0]
    lemma = fold(best.normal_form)
    lemmas = frozenset(fold(p.normal_form) for p in parses[:4] if p.score >= best.score * 0.2)
    proper = any(_PROPER & set(p.tag.grammemes) for p in parses[:4]) or not (
        analyzer.word_is_known(word)
    )
    pos = str(best.tag.POS or "X")
    if pos in _FUNCTION:
        proper = False  # "из" has a rare abbreviation reading: a preposition names no one
    if pos == "VERB" and (
        "infn" in best.tag.grammemes or word.endswith(_infinitive_endings(language))
    ):
        pos = "INFN"  # the Ukrainian dictionary tags infinitives VERB,infn (or leaves it out)
    elif pos == "VERB" and best.tag.mood == "impr":
        pos = "IMPR"  # "не бухай": an order, never a negated fact
    person = any(_PERSON & set(p.tag.grammemes) for p in parses[:4])
    likely = [p for p in parses[:4] if p.score >= best.score * 0.2]
    singular = pos in {"NOUN", "ADJF", "PRTF"} and not any(
        "plur" in p.tag.grammemes or "Pltm" in p.tag.grammemes for p in likely
    )
    return lemma, lemmas | {lemma}, pos, str(best.tag.case or ""), proper, person, singular


@lru_cache(maxsize=50_000)
def is_future(low: str, language: str) -> bool:
    """Whether the likeliest reading of a folded verb form is in the future tense
    ("подпишут", "зголосяться"): what will be done has not happened."""
    analyzer = _analyzer(language)
    if analyzer is None:
        return False
    parses = analyzer.parse(low)
    return bool(parses) and "futr" in parses[0].tag.grammemes


def _likely_parses(low: str, language: str) -> list[Any] | None:
    """The readings of a folded form pymorphy3 finds likely (of its first four, those at
    least a fifth as likely as the best); ``None`` without a dictionary for the language."""
    analyzer = _analyzer(language)
    if analyzer is None:
        return None
    parses = analyzer.parse(low)
    if not parses:
        return []
    best = parses[0].score
    return [p for p in parses[:4] if p.score >= best * 0.2]


@lru_cache(maxsize=50_000)
def can_be_nominative(low: str, language: str) -> bool:
    """Whether any likely reading of a folded form is nominative ("бійці": locative
    singular first, nominative plural too; "вербовку" only accusative)."""
    likely = _likely_parses(low, language)
    return not likely or any(p.tag.case in {"nomn", None} for p in likely)


@lru_cache(maxsize=50_000)
def verb_number(low: str, language: str) -> str | None:
    """``"sing"`` or ``"plur"`` when every likely reading of a folded finite verb form has
    that number ("подтверждают": plural; "сообщил": singular), else ``None`` (a form that
    may be either, or no verb)."""
    likely = _likely_parses(low, language)
    if not likely or likely[0].tag.POS != "VERB":
        return None
    numbers = {str(p.tag.number) for p in likely if p.tag.POS == "VERB"}
    return numbers.pop() if len(numbers) == 1 and numbers <= {"sing", "plur"} else None


@lru_cache(maxsize=50_000)
def is_animate_noun(low: str, language: str) -> bool:
    """Whether the likeliest noun reading of a folded form names a living being and is no
    name ("вагнеровцев", "найманців", "родственников"): what a count of people counts,
    beyond the pack's list of person words."""
    likely = _likely_parses(low, language)
    noun = next((p for p in likely or () if p.tag.POS == "NOUN"), None)
    if noun is None:
        return False
    grammemes = set(noun.tag.grammemes)
    return "anim" in grammemes and not _PROPER & grammemes


@lru_cache(maxsize=50_000)
def likely_forms(low: str, language: str) -> frozenset[tuple[str, str]]:
    """The (case, number) of a folded form's likely readings ("бойцов": genitive or
    accusative plural); a reading without a number is singular (the Ukrainian dictionary
    marks only the plural)."""
    return frozenset(
        (str(p.tag.case), str(p.tag.number or "sing"))
        for p in _likely_parses(low, language) or ()
        if p.tag.case
    )


@lru_cache(maxsize=50_000)
def is_perfective_infinitive(low: str, language: str) -> bool:
    """Whether a folded form can be a perfective infinitive ("завербовать", "вивезти")."""
    return any(
        {"INFN", "perf"} <= set(p.tag.grammemes) or ({"infn", "perf"} <= set(p.tag.grammemes))
        for p in _likely_parses(low, language) or ()
    )


@lru_cache(maxsize=50_000)
def genitive_lemma(low: str, language: str) -> str | None:
    """The lemma of a folded noun form's likeliest genitive reading ("гранат" → граната,
    not the pomegranate "гранат"): after a number the counted noun is genitive ("две
    гранаты", "пять гранат"), which picks the word among homonyms."""
    for parse in _likely_parses(low, language) or ():
        if parse.tag.POS == "NOUN" and parse.tag.case == "gent":
            return fold(parse.normal_form)
    return None


@lru_cache(maxsize=50_000)
def has_singular_reading(low: str, language: str) -> bool:
    """Whether a folded form can be singular ("правозащитницы": genitive singular or
    nominative plural; "юристы" only plural). The Ukrainian dictionary marks only the
    plural, so a reading without "plur" is singular."""
    likely = _likely_parses(low, language)
    if not likely:
        return False
    return any(not {"plur", "Pltm"} & set(p.tag.grammemes) for p in likely)


def words(text: str, language: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    out = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        token = match.group()
        low = fold(token)
        lo, hi = match.start(), match.end()
        if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
            # letters and digits in one run: a code, an identifier or base64, never a figure
            out.append(Word(lo, hi, token, low, low, frozenset({low}), "CODE"))
        elif token[0].isdigit():
            pos = "DATE" if any(token.count(sign) == 2 for sign in "./-") else "NUM"
            out.append(Word(lo, hi, token, low, low, frozenset({low}), pos))
        elif token[0].isalpha():
            lemma, lemmas, pos, case, proper, person, singular = analyse(low, language)
            fixed = _corrections(language)
            if low in fixed:
                lemma, lemmas = fixed[low], lemmas | {fixed[low]}
            elif pos == "GRND":
                lemmas = lemmas | _gerund_lemmas(low, language)
            out.append(Word(lo, hi, token, low, lemma, lemmas, pos, case, proper, person, singular))
        else:
            out.append(Word(lo, hi, token, low, low, frozenset({low}), "PUNCT"))
    return out


@lru_cache(maxsize=8)
def _corrections(language: str) -> dict[str, str]:
    """Forms the dictionary lemmatises wrongly (the pack's ``lemmas.yaml``: form → lemma)."""
    return {fold(str(k)): fold(str(v)) for k, v in pack(language, "lemmas").items()}


@lru_cache(maxsize=8)
def _infinitive_endings(language: str) -> tuple[str, ...]:
    """Endings that make a verb form an infinitive where the dictionary does not say so
    (the pack's ``morphology.yaml``: Ukrainian "звільнити" is listed as VERB,perf only)."""
    return tuple(str(e) for e in pack(language, "morphology").get("infinitive_endings") or ())


@lru_cache(maxsize=8)
def _gerund_suffixes(language: str) -> tuple[tuple[str, str], ...]:
    table = pack(language, "morphology").get("gerund_suffixes") or {}
    return tuple(sorted(((str(k), str(v)) for k, v in table.items()), key=lambda p: -len(p[0])))


def _gerund_lemmas(low: str, language: str) -> frozenset[str]:
    """The infinitive a gerund the dictionary leaves alone comes from (the pack's
    ``morphology.yaml``): "пропонуючи" → "пропонувати"."""
    for suffix, infinitive in _gerund_suffixes(language):
        if low.endswith(suffix):
            return frozenset({low[: -len(suffix)] + infinitive})
    return frozenset()


def sentences(
    text: str, start: int = 0, end: int | None = None, abbreviations: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, spaces trimmed; a full stop
    after one of ``abbreviations`` with a number after it ends none ("ч. 2 ст. 81")."""
    stop = len(text) if end is None else end
    spans = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        if (
            abbreviations
            and match.group() == "."
            and (short := _ABBREVIATION.search(text, max(start, match.start() - 5), match.start()))
            and short.group(1).lower() in abbreviations
            and text[match.end() : match.end() + 3].lstrip()[:1].isdigit()
        ):
            continue  # "ч. 2 ст. 81": an abbreviation before a number ends no sentence
        spans.append((begin, match.end() if match.group().strip() else match.start()))
        begin = match.end()
    spans.append((begin, stop))
    trimmed = []
    for lo, hi in spans:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            trimmed.append((lo, hi))
    return trimmed


@dataclass(frozen=True)
class Sentence:
    """A sentence's span and its words."""

    start: int
    end: int
    words: tuple[Word, ...]


@lru_cache(maxsize=4)
def split(text: str, language: str, start: int = 0, end: int | None = None) -> tuple[Sentence, ...]:
    """Every sentence of ``text[start:end]`` with its words (offsets into ``text``).

    Cached for the last few texts: the four extractors and the assembler read one chunk
    after another, so the chunk is cut and analysed once."""
    return tuple(
        Sentence(lo, hi, tuple(words(text, language, lo, hi)))
        for lo, hi in sentences(text, start, end, _abbreviations(language))
    )


@lru_cache(maxsize=8)
def _abbreviations(language: str) -> frozenset[str]:
    """Abbreviations whose full stop before a number ends no sentence: the quantity pack's
    ("тис. 300") and the time pack's month abbreviations ("28 трав. 2024")."""
    short = {fold(str(w)) for w in pack(language, "quantities").get("abbreviations") or ()}
    for forms in (pack(language, "times").get("month_abbreviations") or {}).values():
        short.update(fold(str(f)) for f in forms)
    return frozenset(short)


def clause_bounds(sentence: Sentence, index: int) -> tuple[int, int]:
    """Word indices ``[lo, hi)`` of the clause around word ``index`` (between clause signs)."""
    items = sentence.words
    lo = index
    while lo > 0 and items[lo - 1].text not in CLAUSE_SIGNS:
        lo -= 1
    hi = index + 1
    while hi < len(items) and items[hi].text not in CLAUSE_SIGNS:
        hi += 1
    return lo, hi


def pack(language: str, name: str) -> Mapping[str, Any]:
    """The ``name.yaml`` section of a language pack (empty when the pack has none)."""
    from storyline import langpacks

    if not langpacks.is_supported(language):
        return {}
    return langpacks.load(language).section(name)


def has_lexicon(language: str | None, name: str) -> bool:
    """Whether ``language``'s pack has the ``name`` lexicon (so its extractor can run)."""
    return bool(language) and bool(pack(str(language), name))


def phrase_list(values: Sequence[Any] | None) -> list[tuple[str, ...]]:
    """Lexicon phrases as tuples of folded words ("по словам" → ("по", "словам"))."""
    return [tuple(fold(str(v)).split()) for v in values or () if str(v).strip()]


class Phrases:
    """Lexicon phrases indexed by their first word, so a lookup at each word of a text
    costs one dictionary probe instead of a pass over every phrase."""

    def __init__(self, phrases: Sequence[tuple[str, ...]]) -> None:
        self.phrases = tuple(p for p in phrases if p)
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self.phrases, key=len, reverse=True):
            self._by_first.setdefault(phrase[0], []).append(phrase)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self.phrases)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def at(self, items: Sequence[Word], i: int) -> int:
        """Length of the longest phrase whose words are ``items[i:]``'s forms (0: none)."""
        if not 0 <= i < len(items):
            return 0
        for phrase in self._by_first.get(items[i].low, ()):
            n = len(phrase)
            if i + n <= len(items) and all(items[i + k].low == phrase[k] for k in range(1, n)):
                return n
        return 0

    @classmethod
    def of(cls, values: Sequence[Any] | None) -> Phrases:
        """From a pack's list of phrases as written."""
        return cls(phrase_list(values))
