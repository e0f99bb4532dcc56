"""Quantities in languages read from a lexicon (Russian, Ukrainian): figures and what they count.

The same contract and conventions as the English extractor (docs/eval.md): the span is an
optional modifier, the figure and the counted noun; "около 30 тысяч" is an approximate point,
"более 100" a lower bound that keeps its value, "от 15 до 20 тысяч" a range, "десятки тысяч"
a vague range (10,000–100,000). Numerals in words are read in every case through pymorphy3
lemmas ("тридцати" → тридцать), so the pack lists each numeral once
(``langpacks/<code>/quantities.yaml``). Years, day numbers before a month and identifiers
("ИК-7", "№ 6") are not quantities.

Why hand-written: no maintained library reads Russian or Ukrainian numerals in words with
their bounds and units (natasha's yargy grammars would have to be written the same way, in
Python); the rules here are small and driven by the pack.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from storyline.extract import quantity_furniture
from storyline.extract.lexical_words import (
    Phrases,
    Sentence,
    Word,
    fold,
    genitive_lemma,
    has_lexicon,
    is_animate_noun,
    likely_forms,
    pack,
    split,
)
from storyline.model import QuantityMention

#: Versioned name stored with every mention this extractor makes.
VERSION = "lexical-quantities/1"
#: Adjectives and participles allowed between a figure and its counted noun ("30 тысяч
#: бывших заключённых").
MAX_MODIFIERS = 3
_DASHES = frozenset({"-", "–", "—"})
_OPEN_QUOTES = frozenset({"«", '"', "“", "„"})
_CLOSE = frozenset({"»", '"', "”"})
#: A figure with no noun after it counts the people named up to this many words before it
#: in its sentence ("число заключённых за два месяца сократилось на 23 тысячи").
MAX_BACK = 14
#: Words a participle's prepositional complement may take before the counted noun
#: ("завербованих у вʼязницях *найманців*").
MAX_COMPLEMENT = 4
#: A part ("из них") takes the unit of the nearest count in its own or the two sentences
#: before ("30 жалоб. Из них 12 …" counts complaints).
PARTITIVE_SENTENCES = 2
#: Prepositions before which a bare four-digit number is a year ("в 2022", "з 2014").
_YEAR_PREPOSITIONS = frozenset({"в", "во", "у", "с", "со", "з", "із", "до", "по", "к", "от", "від"})
_ADJECTIVES = frozenset({"ADJF", "PRTF", "ADJS", "PRTS", "NUMR", "NPRO"})


@dataclass(frozen=True)
class Lexicon:
    """One language's quantity words, folded, from its pack."""

    numbers: Mapping[str, float]
    multipliers: Mapping[str, float]
    vague: Mapping[str, tuple[float, float]]
    approximate: Phrases
    at_least: Phrases
    at_most: Phrases
    or_more: Phrases
    range_from: frozenset[str]
    range_to: frozenset[str]
    every: frozenset[str]
    ordinals: Mapping[str, float]
    person: frozenset[str]
    currency: Mapping[str, str]
    duration: Mapping[str, str]
    percent: frozenset[str]
    times: frozenset[str]
    measures: Mapping[str, str]
    identifiers: frozenset[str]
    year_words: frozenset[str]
    months: frozenset[str]
    #: Rate phrases after a figure → its period ("в месяц" → month).
    per: Mapping[tuple[str, ...], str] = dataclasses.field(default_factory=dict)
    #: Stems of the adjective after "37-": an age in years ("летний", "річний").
    age_stems: tuple[str, ...] = ()
    #: Words that are a figure by themselves ("полгода", "полугодовую": 6 months).
    fixed: Mapping[str, tuple[float, str]] = dataclasses.field(default_factory=dict)
    #: Words never counted though the dictionary may read them as nouns ("уже": a snake).
    not_counted: frozenset[str] = frozenset()
    #: Weekday names of the time pack ("23 грудня, 2025 вівторок": a date line).
    weekdays: frozenset[str] = frozenset()
    #: "first"/"last" lemmas of the time pack: "перші вісім місяців 2025 року" and "останні
    #: два місяці" are times (a part of a period), not counts of months.
    period_edges: frozenset[str] = frozenset()
    #: Endings of nouns that name people by what they do or belong to ("-ец", "-ник"):
    #: with the dictionary's animacy they make a count of people (cows and fighter jets
    #: are animate too, but end otherwise).
    person_suffixes: tuple[str, ...] = ()
    #: Prefixes after which a person noun is still one ("экс-заключенных").
    person_prefixes: tuple[str, ...] = ()
    #: Modifiers that govern the genitive ("около", "близько", "более"): after them
    #: "сотни"/"тисячі" is the singular (about a hundred), not the vague plural.
    genitive_modifiers: frozenset[str] = frozenset()
    #: Stems of the adjective after "200-" that make a measure ("кілометров" → km).
    compound_stems: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: Vague words read otherwise when no scale word follows them: "десятки" alone is
    #: "dozens" (24–144, the English convention), "десятки тысяч" tens of thousands.
    vague_alone: Mapping[str, tuple[float, float]] = dataclasses.field(default_factory=dict)
    #: Phrases that make a bare figure a part of a group named before ("из них").
    partitive: Phrases = dataclasses.field(default_factory=lambda: Phrases.of(None))
    #: The language, for the dictionary's readings (animacy, genitive lemmas).
    language: str = ""


@lru_cache(maxsize=8)
def lexicon(language: str) -> Lexicon:
    """The quantity lexicon of ``language`` (its pack's ``quantities.yaml``)."""
    data = pack(language, "quantities")
    times = pack(language, "times")

    def folded(name: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in data.get(name) or ())

    def mapping(name: str) -> dict[str, Any]:
        return {fold(str(k)): v for k, v in (data.get(name) or {}).items()}

    months: set[str] = set()
    for key in ("months", "month_abbreviations"):
        for forms in (times.get(key) or {}).values():
            months.update(fold(str(f)) for f in forms)
    return Lexicon(
        numbers={k: float(v) for k, v in mapping("numbers").items()},
        multipliers={k: float(v) for k, v in mapping("multipliers").items()},
        vague={k: (float(v[0]), float(v[1])) for k, v in mapping("vague").items() if v},
        approximate=Phrases.of(data.get("approximate")),
        at_least=Phrases.of(data.get("at_least")),
        at_most=Phrases.of(data.get("at_most")),
        or_more=Phrases.of(data.get("or_more")),
        range_from=folded("range_from"),
        range_to=folded("range_to"),
        every=folded("every"),
        ordinals={k: float(v) for k, v in mapping("ordinals").items()},
        person=folded("person"),
        currency={k: str(v) for k, v in mapping("currency").items()},
        duration={k: str(v) for k, v in mapping("duration").items()},
        percent=folded("percent"),
        times=folded("times"),
        measures={k: str(v) for k, v in mapping("measures").items()},
        identifiers=folded("identifiers"),
        year_words=folded("year_words"),
        months=frozenset(months),
        fixed={k: (float(v[0]), str(v[1])) for k, v in mapping("fixed").items()},
        age_stems=tuple(sorted(folded("age_stems"))),
        per={tuple(fold(str(k)).split()): str(v) for k, v in (data.get("per") or {}).items()},
        not_counted=folded("not_counted"),
        weekdays=frozenset(
            fold(str(f)) for forms in (times.get("weekdays") or {}).values() for f in forms
        ),
        period_edges=frozenset(
            fold(str(w)) for key in ("first_words", "last_words") for w in times.get(key) or ()
        ),
        partitive=Phrases.of(data.get("partitive")),
        compound_stems={k: str(v) for k, v in mapping("compound_stems").items()},
        genitive_modifiers=folded("genitive_modifiers"),
        person_suffixes=tuple(sorted(folded("person_suffixes"))),
        person_prefixes=tuple(sorted(folded("person_prefixes"))),
        vague_alone={k: (float(v[0]), float(v[1])) for k, v in mapping("vague_alone").items() if v},
        language=language,
    )


def lookup(word: Word, table: Mapping[str, Any] | frozenset[str]) -> Any:
    """The entry of ``table`` for ``word`` (by its form, then its lemmas), or ``None``."""
    if word.low in table:
        return table[word.low] if isinstance(table, Mapping) else word.low
    for lemma in sorted(word.lemmas, key=lambda lem: lem != word.lemma):
        if lemma in table:
            return table[lemma] if isinstance(table, Mapping) else lemma
    return None


@dataclass(frozen=True)
class Figure:
    """A figure found at words ``first``..``last`` (inclusive) of a sentence."""

    first: int
    last: int
    value: float | None
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str | None = None
    noun: int | None = None  # index of the counted noun, when there is one


def digits(text: str) -> float | None:
    """A number written in digits ("30 000", "1,5", "2.5")."""
    cleaned = "".join(text.split()).replace("\u00a0", "").replace("\u202f", "")
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return None


def _phrase_at(items: Sequence[Word], i: int, phrases: Phrases) -> int:
    """Length of the longest of ``phrases`` starting at word ``i`` (0 when none)."""
    return phrases.at(items, i)


def _number(items: Sequence[Word], i: int, lex: Lexicon) -> tuple[float, int, bool] | None:
    """A number at word ``i``: ``(value, index after it, has a multiplier)``."""
    n = len(items)
    total = 0.0
    current: float | None = None
    j = i
    multiplied = False
    if items[i].pos == "NUM":
        if (
            j + 2 < n
            and items[j + 1].text in _DASHES
            and items[j + 1].start == items[j].end
            and items[j + 2].is_word
        ):
            return None  # "2022-м", "7-й", "37-летний": an ordinal, a date form or an age
        current = digits(items[i].text)
        if current is None:
            return None
        j += 1
    else:
        rank = 9
        while j < n and items[j].is_word:
            value = lookup(items[j], lex.numbers)
            if value is None or _rank(float(value)) >= rank:
                break
            current = (current or 0.0) + float(value)
            rank = _rank(float(value)) if not 10 <= value < 20 else 1
            j += 1
        if current is None:
            return None
    while j < n:
        factor = lookup(items[j], lex.multipliers)
        if factor is None:
            break
        total += (current if current is not None else 1.0) * float(factor)
        current = None
        multiplied = True
        j += 1
        if j < n and items[j].text == ".":
            j += 1 if items[j - 1].low in lex.multipliers else 0
        rest = _words_number(items, j, lex) if j < n else None
        if rest is not None and rest[0] < factor:
            current, j = rest
        elif (
            j < n
            and items[j - 1].text == "."
            and items[j].pos == "NUM"
            and (digits(items[j].text) or factor) < factor
            and not (j + 1 < n and items[j + 1].text in _DASHES)
        ):
            current, j = digits(items[j].text), j + 1  # "10 тис. 100 ув'язнених": 10,100
    return total + (current or 0.0), j, multiplied


def _rank(value: float) -> int:
    """Hundreds 3, tens 2, units 1: number words join in falling rank ("сто двадцать
    пять"); a teen takes the units' place too ("сто пятнадцать", never "пятнадцать два")."""
    return 3 if value >= 100 else 2 if value >= 10 else 1


def _words_number(items: Sequence[Word], j: int, lex: Lexicon) -> tuple[float, int] | None:
    """Number words only (the rest after a multiplier: "две тысячи *пятьсот*")."""
    if j >= len(items) or items[j].pos == "NUM":
        return None
    found = _number(items, j, lex)
    return (found[0], found[1]) if found and not found[2] else None


def _vague(items: Sequence[Word], i: int, lex: Lexicon) -> tuple[float, float, int] | None:
    """A vague amount at ``i`` ("десятки тысяч", "несколько сотен", "тысячи")."""
    word = items[i]
    bounds = lookup(word, lex.vague)
    if bounds is None:
        return None
    if word.low in lex.multipliers or (lookup(word, lex.multipliers) and _singular(word)):
        return None  # "тысяча человек" is 1,000; only the plural "тысячи" is vague
    if _singular_after_modifier(items, i, lex):
        return None  # "около сотни", "близько сотні жінок": a hundred, genitive singular
    low, high = bounds
    j = i + 1
    while j < len(items):
        factor = lookup(items[j], lex.multipliers)
        if factor is None:
            scale = lookup(items[j], lex.vague)
            if scale is None or not _plural_gen(items[j]):
                break
            factor = scale[0]
        low, high = low * float(factor), high * float(factor)
        j += 1
    alone = lookup(word, lex.vague_alone) if j == i + 1 else None
    if alone is not None:
        low, high = alone  # "десятки родственников": dozens, as English (docs/eval.md)
    return low, high, j


def _singular_after_modifier(items: Sequence[Word], i: int, lex: Lexicon) -> bool:
    """Whether a scale word is the genitive singular its modifier asks for ("около
    *сотни*", "понад *тисячу*" is one hundred/thousand), not the vague plural."""
    word = items[i]
    return (
        i > 0
        and items[i - 1].low in lex.genitive_modifiers
        and lookup(word, lex.multipliers) is not None
        and ("gent", "sing") in likely_forms(word.low, lex.language)
    )


def _singular(word: Word) -> bool:
    return word.low in {"тысяча", "тысячу", "тисяча", "тисячу", "сотня", "сотню", "десяток"}


def _plural_gen(word: Word) -> bool:
    """ "несколько *сотен*", "несколько *десятков*": a vague word scaled by a count noun."""
    return word.low.endswith(("ен", "ов", "ень", "ів", "сот"))


def figures(sentence: Sentence, lex: Lexicon) -> list[Figure]:
    """Every figure of a sentence, left to right, with its modifier and counted noun."""
    items = sentence.words
    found: list[Figure] = []
    i = 0
    while i < len(items):
        figure = _figure_at(items, i, lex)
        if figure is None:
            i += 1
            continue
        if figure.unit is None and found and found[-1].unit not in {None, "percent"}:
            # "розглянули понад 2400 клопотань і задовольнили понад 1800 (із них)", "к 8
            # годам, его сообщника — к 6": a bare figure after a counted one counts the same
            figure = dataclasses.replace(figure, unit=found[-1].unit)
        found.append(figure)
        i = figure.last + 1
    return found


def _figure_at(items: Sequence[Word], i: int, lex: Lexicon) -> Figure | None:
    approx = _phrase_at(items, i, lex.approximate)
    least = _phrase_at(items, i, lex.at_least)
    most = _phrase_at(items, i, lex.at_most)
    modifier = max(approx, least, most)
    start = i + modifier
    if start >= len(items):
        return None
    if items[i].low in lex.range_from and modifier <= 1:
        ranged = _range(items, i, i + 1, lex)
        if ranged is not None:
            return ranged
    every = _every(items, i, lex)
    if every is not None:
        return every
    compound = _compound_adjective(items, i, lex)
    if compound is not None:
        return compound
    fixed = lookup(items[i], lex.fixed) if items[i].is_word else None
    if fixed is not None:
        return Figure(i, i, fixed[0], fixed[0], fixed[0], False, fixed[1], None)
    one = _one_unit(items, i, start, modifier, lex)
    if one is not None:
        # "понад рік": the unit is one year, the bound stays outside (tests/gold_uk)
        return Figure(start, start, 1.0, 1.0, 1.0, bool(approx), one, start)
    core = _core(items, start, lex)
    if core is None:
        return None
    kind, low, high, end = core
    if kind == "number" and end < len(items) - 1 and items[end].text in _DASHES:
        ranged = _range(items, start, start, lex, dash=True)
        if ranged is not None:
            return _bounded(ranged, i, modifier, approx, least, most)
    if kind == "number" and _excluded(items, start, end, lex):
        return None
    if (
        kind == "number"
        and modifier
        and modifier == most
        and items[i].low in lex.range_to
        and i > 0
        and items[i - 1].low in lex.range_from
    ):
        return None
    or_more = _phrase_at(items, end, lex.or_more) if kind == "number" else 0
    last, unit, noun = _unit(items, end + or_more, lex)
    if kind == "number" and not or_more and _numbered_name(items, start, end, noun, low):
        return None
    if (
        kind == "number"
        and noun == end
        and items[start].pos == "NUM"
        and items[end].capitalised
        and _unit_of(items[end], lex) is None
    ):
        return None  # "24 Канал", "5 Элемент": the figure is part of a name
    if unit in {"day", "week", "month", "year"} and _period_part(items, i, end, noun, lex):
        return None
    if kind == "number" and items[start].is_word and low == 1 and noun is None:
        return None  # "одной", "одна из": a pronoun, not a count
    if or_more:
        return Figure(i, last, low, low, None, False, unit, noun)  # "двух и более лиц"
    if kind == "vague":
        return Figure(i, last, None, low, high, True, unit, noun)
    value = low
    if approx and modifier == approx:
        return Figure(i, last, value, value, value, True, unit, noun)
    if least and modifier == least:
        return Figure(i, last, value, value, None, False, unit, noun)
    if most and modifier == most:
        return Figure(i, last, value, None, value, False, unit, noun)
    return Figure(i, last, value, value, value, False, unit, noun)


def _one_unit(
    items: Sequence[Word], first: int, at: int, modifier: int, lex: Lexicon
) -> str | None:
    """The unit of "понад рік", "более года", "близько місяця": one unit of time after a
    modifier (the figure is the unit alone, as the team's gold reads "понад рік": a year),
    else ``None``."""
    if not modifier or at >= len(items) or not items[at].is_word:
        return None
    if first > 0 and items[first - 1].pos == "NUM":
        return None
    unit = lookup(items[at], lex.duration)
    return str(unit) if unit is not None and unit in {"year", "month", "week", "day"} else None


def _numbered_name(
    items: Sequence[Word], start: int, end: int, noun: int | None, value: float
) -> bool:
    """Whether digits before a singular adjective number a thing rather than count it:
    "92 окремої штурмової бригади" (the 92nd brigade), "155 отдельной бригады". Russian
    and Ukrainian put the adjectives of a counted noun in the plural after every number but
    those ending in 1, so a singular adjective there makes the number an ordinal. (Nouns
    are no guide: "два человека", and the Ukrainian dictionary lists "клопотання" without
    its plural.)"""
    if items[start].pos != "NUM" or end != start + 1 or noun is None or value != int(value):
        return False
    n = int(value)
    if n % 10 == 1 and n % 100 != 11:
        return False  # "21 окрема бригада" counts 21
    before = items[end:noun]
    cut = next((k for k, w in enumerate(before) if w.pos == "PREP"), len(before))
    # a participle's complement ("в колониях *строгого* режима") is not the noun's phrase
    return any(w.pos in {"ADJF", "PRTF"} and w.singular for w in before[:cut])


def _period_part(
    items: Sequence[Word], first: int, end: int, noun: int | None, lex: Lexicon
) -> bool:
    """ "перші вісім місяців", "два перших місяці", "последние три месяца": a part of a
    period, which the time extractor reads as a time (no count of months)."""
    around = list(items[end:noun]) if noun is not None else []
    if first > 0:
        around.append(items[first - 1])
    return any(w.lemmas & lex.period_edges for w in around)


def _bounded(
    figure: Figure, first: int, modifier: int, approx: int, least: int, most: int
) -> Figure:
    """A dashed range with a modifier in front ("около 15–20 тысяч")."""
    if not modifier:
        return figure
    return Figure(
        first,
        figure.last,
        None,
        figure.low,
        figure.high,
        bool(approx) or figure.approximate,
        figure.unit,
        figure.noun,
    )


def _core(items: Sequence[Word], i: int, lex: Lexicon) -> tuple[str, float, float, int] | None:
    """The figure itself: ``("number"|"vague", low, high, index after it)``."""
    vague = _vague(items, i, lex)
    if vague is not None:
        return "vague", vague[0], vague[1], vague[2]
    number = _number(items, i, lex)
    if number is None:
        if lookup(items[i], lex.multipliers) is not None and (
            _singular(items[i]) or _singular_after_modifier(items, i, lex)
        ):
            factor = float(lookup(items[i], lex.multipliers))
            j = i + 1
            while j < len(items) and (scale := lookup(items[j], lex.multipliers)) is not None:
                factor, j = factor * float(scale), j + 1  # "более сотни тысяч": 100,000
            return "number", factor, factor, j
        return None
    value, end, _ = number
    if items[i].is_word and value == 1 and end < len(items) and items[end].low in {"из", "з"}:
        return None  # "один из", "одна з": a pronoun, not a count
    return "number", value, value, end


def _range(
    items: Sequence[Word], first: int, at: int, lex: Lexicon, dash: bool = False
) -> Figure | None:
    """ "от 15 до 20 тысяч", "15–20 тыс.": a range; a multiplier after the second number
    scales the first too."""
    one = _number(items, at, lex) if at < len(items) else None
    if one is None:
        return None
    low, j, multiplied = one
    if j >= len(items):
        return None
    if dash:
        if items[j].text not in _DASHES:
            return None
    elif items[j].low not in lex.range_to:
        return None
    if j + 1 >= len(items):
        return None
    two = _number(items, j + 1, lex)
    if two is None:
        return None
    high, end, second_multiplied = two
    if second_multiplied and not multiplied:
        factor = lookup(items[end - 1], lex.multipliers) or lookup(items[end - 2], lex.multipliers)
        if factor and low < high / float(factor) * 10:
            low *= float(factor)
    if low >= high or _excluded(items, at, j, lex) or _excluded(items, j + 1, end, lex, True):
        return None
    last, unit, noun = _unit(items, end, lex)
    return Figure(first, last, None, low, high, False, unit, noun)


def _compound_adjective(items: Sequence[Word], i: int, lex: Lexicon) -> Figure | None:
    """ "37-летний", "38-річного": an age in years; "200-кілометрову", "10-метровый": a
    measure (``compound_stems``), as English "200-kilometre"."""
    if i + 2 >= len(items) or items[i].pos != "NUM" or items[i + 1].text not in _DASHES:
        return None
    unit = "year" if any(items[i + 2].low.startswith(stem) for stem in lex.age_stems) else None
    if unit is None:
        unit = next(
            (u for stem, u in lex.compound_stems.items() if items[i + 2].low.startswith(stem)),
            None,
        )
    if unit is None:
        return None
    value = digits(items[i].text)
    return Figure(i, i + 2, value, value, value, False, unit, None) if value else None


def _every(items: Sequence[Word], i: int, lex: Lexicon) -> Figure | None:
    """ "каждый десятый" (one in ten) → 10 percent."""
    if i + 1 >= len(items) or lookup(items[i], lex.every) is None:
        return None
    nth = lookup(items[i + 1], lex.ordinals)
    if nth is None:
        return None
    share = 100.0 / float(nth)
    return Figure(i, i + 1, share, share, share, False, "percent", None)


def _excluded(
    items: Sequence[Word], start: int, end: int, lex: Lexicon, second: bool = False
) -> bool:
    """Years, dates, identifiers and clock times are not quantities (``second``: the
    second number of a dashed range, which follows a dash by design)."""
    word = items[start]
    before = items[start - 1] if start > 0 else None
    after = items[end] if end < len(items) else None
    if word.pos == "NUM":
        value = digits(word.text) or 0
        if (
            not second
            and before is not None
            and before.text in _DASHES
            and start > 1
            and items[start - 2].end == before.start
            and before.end == word.start
        ):
            return True  # "ИК-7" (a spaced dash is punctuation: "листопада - 325 тисяч")
        if before is not None and (
            before.low in lex.identifiers or lookup(before, lex.identifiers) is not None
        ):
            return True
        if (
            before is not None
            and before.text == "."
            and start > 1
            and items[start - 2].low in lex.identifiers
        ):
            return True  # "ч. 2 ст. 81": abbreviated part and article numbers
        if before is not None and before.low in lex.months:
            return True  # "мая 2024"
        if (
            before is not None
            and before.text in {".", ","}
            and 1800 <= value <= 2100
            and any(items[k].low in lex.months for k in range(max(0, start - 3), start - 1))
            and (after is None or not after.is_word)
        ):
            return True  # "28 трав. 2024", "Лип 23, 2024": a page stamp's year
        if (
            before is not None
            and before.text == ","
            and start > 1
            and items[start - 2].low in lex.months
            and 1800 <= value <= 2100
            and (after is None or not after.is_word or after.low in lex.weekdays)
        ):
            return True  # "23 грудня, 2025 (вівторок)": a date line's year
        if (
            before is not None
            and before.text == ":"
            and start > 1
            and items[start - 2].pos == "NUM"
        ):
            return True  # "09:56"
        if after is not None and after.text == ":" and end + 1 < len(items):
            return items[end + 1].pos == "NUM"  # "10:30"
        if after is not None and (after.low in lex.months):
            return value <= 31  # "15 марта"
        if 1800 <= value <= 2100 and word.text.isdigit():
            if after is not None and lookup(after, lex.year_words) is not None:
                return True  # "2022 году", "2024 року"
            if before is not None and before.low in _YEAR_PREPOSITIONS:
                return after is None or not after.is_word or after.pos not in {"NOUN", "ADJF"}
    return False


def _unit(items: Sequence[Word], end: int, lex: Lexicon) -> tuple[int, str | None, int | None]:
    """The counted noun after a figure: ``(last word of the span, unit, noun index)``."""
    j = end
    if j < len(items) and items[j].text in {"%"}:
        return j, "percent", None
    if j < len(items) and items[j].text == "°" and items[j].start == items[j - 1].end:
        # "21°С", "3.6°": a temperature (weather in page furniture), in degrees Celsius
        nxt = items[j + 1] if j + 1 < len(items) else None
        celsius = nxt is not None and nxt.start == items[j].end and nxt.low in {"с", "c"}
        return (j + 1 if celsius else j), "°C", None
    if j < len(items) and items[j].text in lex.currency:
        return j, lex.currency[items[j].text], None
    skipped = 0
    quoted = False
    while j < len(items) and skipped <= MAX_MODIFIERS:
        word = items[j]
        if word.text in _OPEN_QUOTES and not quoted:
            quoted, j = True, j + 1  # "50 тыс. «зэков»"
            continue
        if not word.is_word:
            break
        if word.low in lex.not_counted:
            skipped += 1  # "7 тисяч уже воюють": an adverb the dictionary reads as a noun
            j += 1
            continue
        if word.pos in {"PRTF", "ADJF"} and j + 1 < len(items) and items[j + 1].pos == "PREP":
            found = _after_complement(items, j + 1, word, lex)
            if found is not None:
                return found  # the participle's complement, then what is counted
        unit = _unit_of(word, lex)
        if unit is not None or word.pos == "NOUN":
            last = j + 1 if quoted and j + 1 < len(items) and items[j + 1].text in _CLOSE else j
            lemma = genitive_lemma(word.low, lex.language) or word.lemma
            return last, unit if unit is not None else lemma, j
        if word.pos not in _ADJECTIVES and word.pos != "ADVB":
            break  # adjectives, participles and an adverb ("32 тыс ранее осужденных") go on
        skipped += 1
        j += 1
    back = end - 1
    while back > 0 and end - back <= MAX_BACK and items[back - 1].text not in {".", ";"}:
        back -= 1
        if lookup(items[back], lex.person) is not None:
            return end - 1, "person", None  # "число ув'язнених склало 338 тисяч"
    return end - 1, None, None


def _after_complement(
    items: Sequence[Word], at: int, participle: Word, lex: Lexicon
) -> tuple[int, str | None, int] | None:
    """The counted noun after a participle's own prepositional complement (the Ukrainian
    dictionary tags participles as adjectives): "15 000 завербованих *у вʼязницях*
    найманців" counts mercenaries. The noun agrees with the participle in case and number,
    which tells it from the complement's nouns ("у вʼязницях", "строгого режима")."""
    forms = likely_forms(participle.low, lex.language)
    complement = False
    for k in range(at + 1, min(at + 1 + MAX_COMPLEMENT, len(items))):
        word = items[k]
        if not word.is_word or word.pos in {"VERB", "INFN", "GRND", "PRTS", "CONJ"}:
            return None  # "освобожденных по помилованию *вернулись* в регионы"
        if word.pos != "NOUN":
            continue
        if word.capitalised:
            return None  # "в колониях Мордовии": a name ends the complement, counts nothing
        if complement and forms & likely_forms(word.low, lex.language):
            unit = _unit_of(word, lex)
            lemma = genitive_lemma(word.low, lex.language) or word.lemma
            return k, unit if unit is not None else lemma, k
        complement = True  # the first noun is the complement's own ("у вʼязницях")
    return None


def _unit_of(word: Word, lex: Lexicon) -> str | None:
    if lookup(word, lex.person) is not None or _prefixed_person(word, lex):
        return "person"
    if (
        word.pos == "NOUN"
        and word.lemma.endswith(lex.person_suffixes)
        and is_animate_noun(word.low, lex.language)
    ):
        return "person"  # "вагнеровцев", "найманців": a person noun by form and animacy
    for table in (lex.currency, lex.duration, lex.measures):
        found = lookup(word, table)
        if found is not None:
            return str(found)
    if lookup(word, lex.percent) is not None:
        return "percent"
    if lookup(word, lex.times) is not None:
        return "times"
    return None


def _prefixed_person(word: Word, lex: Lexicon) -> bool:
    """ "экс-заключенных", "екс-засуджених": a person noun behind a prefix of the pack."""
    for prefix in lex.person_prefixes:
        if word.low.startswith(prefix) and len(word.low) > len(prefix):
            bare = {lemma.removeprefix(prefix) for lemma in word.lemmas}
            if word.low[len(prefix) :] in lex.person or bare & lex.person:
                return True
    return False


def extract(
    text: str,
    published: date | None = None,
    language: str = "ru",
    start: int = 0,
    end: int | None = None,
) -> list[QuantityMention]:
    """Quantity mentions of ``text`` (offsets into ``text``) in ``language``.

    Args:
        text: the document text (or a chunk of it).
        published: unused (the same signature as every extractor).
        language: a pack with ``quantities.yaml`` (``ru``, ``uk``).
    """
    if not has_lexicon(language, "quantities"):
        return []  # a language whose pack has no quantities.yaml gets no such mentions
    lex = lexicon(language)
    page = quantity_furniture.furniture(language)
    phones = quantity_furniture.phone_spans(text, page, end)
    mentions = []
    counted: list[tuple[int, str]] = []  # (sentence number, unit) of the counts so far
    for number, sentence in enumerate(
        split(text[: end if end is not None else len(text)], language)
    ):
        if sentence.end <= start:
            continue  # before this chunk (a part's antecedent is sought within the chunk)
        if len(sentence.words) == 1 and sentence.words[0].pos == "NUM":
            continue  # a line that is only a number (a counter of comments or views)
        for figure in figures(sentence, lex):
            if (
                figure.unit is None
                and counted
                and number - counted[-1][0] <= PARTITIVE_SENTENCES
                and _partitive(sentence.words, figure, lex)
            ):
                figure = dataclasses.replace(figure, unit=counted[-1][1])
            if figure.unit is not None and figure.unit != "percent":
                counted.append((number, figure.unit))
            lo, hi = sentence.words[figure.first].start, sentence.words[figure.last].end
            if any(a < hi and lo < b for a, b in phones):
                continue  # a phone number
            if quantity_furniture.furniture_line(text, sentence, lo, page):
                continue  # "0 2192": a line of bare counters
            mentions.append(to_mention(text, sentence, figure, lex.per))
    return mentions


def _partitive(items: Sequence[Word], figure: Figure, lex: Lexicon) -> bool:
    """Whether a bare figure is a part of a group named before ("35 *из них*", "*Из них*
    погибли 17 тысяч", "*З них* 2700 – з півдня"): the phrase right after the figure, or
    ending at most two words before it."""
    if _phrase_at(items, figure.last + 1, lex.partitive):
        return True
    for k in range(max(0, figure.first - 4), figure.first):
        width = _phrase_at(items, k, lex.partitive)
        if width and figure.first - (k + width) <= 2:
            return True
    return False


def to_mention(
    text: str,
    sentence: Sentence,
    figure: Figure,
    lexicon_per: Mapping[tuple[str, ...], str] | None = None,
) -> QuantityMention:
    """The contract's quantity mention of a figure."""
    lo = sentence.words[figure.first].start
    hi = sentence.words[figure.last].end
    per = None
    for phrase, period in (lexicon_per or {}).items():
        after = sentence.words[figure.last + 1 : figure.last + 1 + len(phrase)]
        if tuple(w.low for w in after) == phrase:
            per, hi = period, after[-1].end  # "200 тысяч рублей в месяц": the rate is in the span
            break
    counts = text[sentence.words[figure.noun].start : hi] if figure.noun is not None else None
    return QuantityMention(
        start=lo,
        end=hi,
        text=text[lo:hi],
        value=figure.value,
        low=figure.low,
        high=figure.high,
        approximate=figure.approximate,
        unit=figure.unit,
        per=per,
        counts=counts,
    )
