"""Hedges and negation in languages read from a lexicon (Russian, Ukrainian).

The certainty values are the English ones (docs/eval.md): ``possible`` ("якобы",
"нібито", "предположительно", "ймовірно", "по неподтверждённым данным", an epistemic
"может"), ``unknown`` ("неизвестно", "не удалось проверить", a negated verb of saying with
content: "не уточнил, сколько") and ``negated`` ("отрицает", "заперечує", "не" before a
content verb: "не завербовали", "не были помилованы"). Non-responses ("не ответил на
запрос") and "не" before a copula, a comparison or "только" are not hedges. The scope is
the clause from the hedge's clause start to the sentence end, so a trigger after the hedge
("якобы *завербовали*", "Неизвестно, сколько *погибло*") lies inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from storyline.extract.lexical_words import (
    CLAUSE_SIGNS,
    Phrases,
    Sentence,
    Word,
    fold,
    has_lexicon,
    is_perfective_infinitive,
    pack,
    split,
)
from storyline.model import Certainty, HedgeMention

#: Versioned name stored with every mention this extractor makes.
VERSION = "lexical-hedges/1"
#: "может быть", "можуть бути": the dictionaries do not always tag these infinitives.
_COPULA_INFINITIVES = frozenset({"быть", "бути"})


@dataclass(frozen=True)
class Lexicon:
    """One language's hedge words, folded."""

    possible: Phrases
    possible_lemmas: frozenset[str]
    unknown: Phrases
    unknown_verbs: frozenset[str]
    negated_lemmas: frozenset[str]
    negation_words: frozenset[str]
    non_response: frozenset[str]
    not_negation: frozenset[str]
    copula: frozenset[str]
    #: "Неизвестно, почему …": the reason is open, not whether it happened.
    why: frozenset[str] = frozenset()
    #: Words after a past "could" that make it an ability or a condition ("бы", "только").
    ability_after: frozenset[str] = frozenset()
    #: Words before it in its clause that make it an earlier rule ("раньше").
    ability_before: frozenset[str] = frozenset()
    #: The language, for the dictionary's readings (aspect).
    language: str = ""
    #: Past forms of "can" that before a perfective infinitive say "may have" ("могли
    #: завербовать 29 тысяч"), where the present states a rule ("могут помиловать").
    possible_past: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def lexicon(language: str) -> Lexicon:
    """The hedge lexicon of ``language`` (its pack's ``hedges.yaml``)."""
    data = pack(language, "hedges")

    def words(name: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in (data.get(name) or ()))

    return Lexicon(
        possible=Phrases.of(data.get("possible")),
        possible_lemmas=words("possible_lemmas"),
        unknown=Phrases.of(data.get("unknown")),
        unknown_verbs=words("unknown_verbs"),
        negated_lemmas=words("negated_lemmas"),
        negation_words=words("negation_words"),
        non_response=words("non_response"),
        not_negation=words("not_negation"),
        copula=words("copula"),
        why=words("why"),
        possible_past=words("possible_past"),
        ability_after=words("ability_after"),
        ability_before=words("ability_before"),
        language=language,
    )


@lru_cache(maxsize=8)
def conditional_words(language: str) -> frozenset[str]:
    """Words that open a condition ("если", "якщо": the pack's ``conditional``): an event
    told in such a clause has not happened (events stage)."""
    if not has_lexicon(language, "hedges"):
        return frozenset()
    return frozenset(fold(str(w)) for w in pack(language, "hedges").get("conditional") or ())


def _match(items: Sequence[Word], i: int, phrases: Phrases) -> int:
    return phrases.at(items, i)


def _hit(items: Sequence[Word], i: int, lex: Lexicon) -> tuple[int, Certainty] | None:
    """A hedge starting at word ``i``: ``(index of its last word, certainty)``."""
    width = _match(items, i, lex.unknown)
    if width:
        return i + width - 1, "unknown"
    width = _match(items, i, lex.possible)
    if width:
        return i + width - 1, "possible"
    word = items[i]
    if word.low in lex.negation_words:
        return _negation(items, i, lex)
    if word.lemmas & lex.negated_lemmas and word.pos in {"VERB", "NPRO", "PRTS", "PRTF", "GRND"}:
        return i, "negated"
    if (word.lemma in lex.possible_lemmas or word.low in lex.possible_lemmas) and word.pos in {
        "VERB",
        "ADJF",
        "PRTF",
        "ADJS",
        "ADVB",
        "PRCL",
        "CONJ",
    }:
        if (
            word.low in lex.possible_past
            and any(is_perfective_infinitive(w.low, lex.language) for w in items[i + 1 : i + 3])
            and not _ability(items, i, lex)
        ):
            return i, "possible"  # "могли вывезти": may have taken them out
        if word.pos != "ADJF" and not any(
            w.low in _COPULA_INFINITIVES for w in items[i + 1 : i + 3]
        ):
            return None  # "может быть": epistemic; "могут помиловать" is a rule, not a hedge
        return i, "possible"
    return None


def _ability(items: Sequence[Word], i: int, lex: Lexicon) -> bool:
    """Whether the past "could" at ``i`` tells what was possible then, not what may have
    happened: a condition ("могли бы"), a restriction ("могли уйти *только* после полугода")
    or an earlier rule ("*Раньше* осужденные могли подписать контракт")."""
    clause = i
    while clause > 0 and items[clause - 1].text not in CLAUSE_SIGNS:
        clause -= 1
    before = {w.low for w in items[clause:i]}
    after = {w.low for w in items[i + 1 : i + 6]}
    return bool(after & lex.ability_after) or bool(before & lex.ability_before)


def _negation(items: Sequence[Word], i: int, lex: Lexicon) -> tuple[int, Certainty] | None:
    """ "не" + a verb: negated; a verb of saying with content: unknown; else nothing."""
    if i + 1 >= len(items):
        return None
    nxt = items[i + 1]
    if nxt.low in lex.not_negation and not (
        nxt.lemma in lex.copula and i + 2 < len(items) and items[i + 2].pos in {"PRTS", "VERB"}
    ):
        return None
    if nxt.lemma in lex.copula:
        if i + 2 < len(items) and items[i + 2].pos in {"PRTS", "VERB"}:
            return i + 2, "negated"  # "не были помилованы"
        return None  # "не был там": a negated copula
    if nxt.pos not in {"VERB", "PRTS", "INFN"}:
        return None
    if nxt.lemmas & lex.non_response:
        return None
    if nxt.lemmas & lex.unknown_verbs:
        return i + 1, "unknown"
    if nxt.pos == "INFN":
        return None  # "не вербовать": a norm or an intention, not a fact
    return i + 1, "negated"


def extract(text: str, published: date | None = None, language: str = "ru") -> list[HedgeMention]:
    """Hedge mentions of ``text`` in ``language``."""
    if not has_lexicon(language, "hedges"):
        return []  # a language whose pack has no hedges.yaml gets no such mentions
    lex = lexicon(language)
    found: list[HedgeMention] = []
    for sentence in split(text, language):
        found += sentence_hedges(text, sentence, lex)
    return found


def sentence_hedges(text: str, sentence: Sentence, lex: Lexicon) -> list[HedgeMention]:
    """The hedges of one sentence."""
    items = sentence.words
    found: list[HedgeMention] = []
    i = 0
    while i < len(items):
        hit = _hit(items, i, lex) if items[i].is_word else None
        if hit is None:
            i += 1
            continue
        last, certainty = hit
        lo, hi = items[i].start, items[last].end
        clause = i
        while clause > 0 and items[clause - 1].text not in CLAUSE_SIGNS:
            clause -= 1
        if (
            certainty == "negated"
            and items[i].low in lex.negation_words
            and found
            and found[-1].certainty == "negated"
            and found[-1].start >= items[clause].start
            and " " not in found[-1].text  # a pronoun ("никто"), not "не оголошували і не …"
        ):
            i = last + 1
            continue  # "Никто не вернулся": one negation, told twice by the grammar
        scope_end = sentence.end
        nxt = next((w for w in items[last + 1 : last + 3] if w.is_word), None)
        if certainty == "unknown" and nxt is not None and nxt.low in lex.why:
            scope_end = hi  # "Невідомо, чому жінки вступили": they did; why is open
        found.append(
            HedgeMention(
                start=lo,
                end=hi,
                text=text[lo:hi],
                certainty=certainty,
                scope_start=items[clause].start,
                scope_end=scope_end,
            )
        )
        i = last + 1
    return found
