"""Assemble events in languages read from a lexicon (Russian, Ukrainian), on plain spans.

The codebook's per-language triggers (``triggers: {ru: {lemmas, phrases, context,
exclude}}``, :class:`storyline.events.codebook.LanguageTriggers`) are matched against
pymorphy3 lemmas, so "завербовали", "вербовки" and "завербованы" all trigger ``enlistment``;
roles are filled from the mentions of the trigger's clause, then its sentence (and, for
``time`` and ``place``, the two sentences before it in the same paragraph).

Why not the English assembler on a dependency parse: its slot rules read English labels
and function words ("by", "of", ``dobj``, ``auxpass``), and Russian and Ukrainian word order
is free, so a subject is not found by position either way. Plain spans are the honest
common ground: the roles the gold sets score most (quantity, place, time, source) are
mentions near the trigger, and an actor or a subject is told apart by case — a nominative
before an active verb is who acts, a genitive or accusative after it whom it is done to, a
passive participle ("были завербованы") turns that round. Certainty comes from the hedge
and source mentions, as in English: a negation or hedge whose scope covers the trigger, else
"reported" when a source's claim covers it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from storyline.events.codebook import Codebook, EventType, LanguageTriggers, RoleSpec
from storyline.extract.lexical_words import (
    CLAUSE_SIGNS,
    Sentence,
    Word,
    is_future,
    likely_forms,
    pack,
    split,
)
from storyline.extract.lexical_words import words as _words
from storyline.model import (
    Certainty,
    EntityMention,
    Event,
    HedgeMention,
    Mention,
    QuantityMention,
    RoleFiller,
    SourceMention,
    TimeMention,
)

#: Other words allowed between the words of a phrase trigger (as in English).
MAX_GAP = 2
#: Parts of speech a single-lemma trigger may have (full participles modify a noun: "the
#: *recruited* women" says which people, not what happened).
TRIGGER_POS = frozenset({"VERB", "INFN", "PRTS", "NOUN", "GRND", "ADJF"})
#: Verbs after which an infinitive trigger is an event ("начали вербовать", "вирішили
#: укласти контракт": a decision told as done, as English "decide to join").
PHASE_VERBS = frozenset(
    {
        "начать",
        "начинать",
        "продолжать",
        "продолжить",
        "стать",
        "решить",
        "решать",
        "почати",
        "починати",
        "продовжувати",
        "продовжити",
        "стати",
        "вирішити",
        "вирішувати",
    }
)
#: Past forms of "to be" before a passive participle the dictionary tags as an adjective
#: (Ukrainian "були вивезені"): the participle then tells an event.
COPULAS = frozenset(
    {"был", "была", "было", "были", "будут", "будет", "був", "була", "було", "були", "будуть"}
)
#: Entity types that are names, never events ("Федеральная служба исполнения наказаний").
NAMED = frozenset({"PER", "ORG", "LOC", "FAC"})
#: A pronoun speaker goes on with a statement already told.
_PRONOUNS = frozenset({"он", "она", "они", "він", "вона", "вони"})
_DURATIONS = frozenset({"year", "month", "week", "day", "hour"})
_RANK: dict[str, int] = {"negated": 0, "unknown": 1, "possible": 2}


@dataclass(frozen=True)
class _Trigger:
    type: EventType
    first: int
    last: int
    head: int


def assemble_lexical(
    text: str,
    mentions: Sequence[Mention],
    codebook: Codebook,
    language: str,
    body_start: int = 0,
    start: int = 0,
    end: int | None = None,
) -> list[Event]:
    """Events of ``codebook`` types in ``text`` (a document or chunk in ``language``).

    Args:
        text: the text the mentions' offsets refer to.
        mentions: every mention found in it (entities included), unnumbered.
        codebook: the event types; types without a ``language`` block are skipped.
        language: the text's language code (``ru``, ``uk``).
        body_start: where the main text begins; the headline repeats the body's events.
        start, end: the chunk of ``text`` to read (the whole text by default).

    Returns:
        Events in text order with empty ids; fillers name mentions as ``@kind:start:end``
        (:func:`storyline.events.link_mentions` swaps in the final ids).
    """
    types = [t for t in codebook.types if language in t.languages]
    if not types:
        return []
    sentences = split(text, language, start, end)
    headline = {lem for w in _words(text, language, 0, body_start) for lem in w.lemmas}
    named = [(m.start, m.end) for m in mentions if isinstance(m, EntityMention) and m.type in NAMED]
    in_source = [
        (m.source_start, m.source_end)
        for m in mentions
        if isinstance(m, SourceMention) and m.source_start is not None and m.source_end is not None
    ]
    sources = [m for m in mentions if isinstance(m, SourceMention)]
    speakers: set[str] = set()
    told: set[str] = set()
    events: list[Event] = []
    repeated = _repeated(text, body_start)
    for number, sentence in enumerate(sentences):
        if sentence.start < body_start or not sentence.words:
            continue
        if any(lo <= sentence.start < hi for lo, hi in repeated):
            continue  # the headline printed again in the body
        if sentence.words[0].low in _recall_words(language):
            speakers.clear()  # "Напомним, Пригожин заявил …": an earlier statement of his
        near = {lem for w in sentence.words for lem in w.lemmas}
        if number > 0:
            near |= {lem for w in sentences[number - 1].words for lem in w.lemmas}
        seen: set[tuple[str, int]] = set()
        for trigger in _triggers(sentence, types, language, near, headline):
            word = sentence.words[trigger.head]
            if any(lo <= word.start < hi for lo, hi in named + in_source):
                continue
            speech = None
            speaker: RoleFiller | None = None
            if trigger.type.speech and not any(m.start <= word.start < m.end for m in sources):
                # No attribution cue ("Во ФСИН факт вербовки *отрицают*", "ФСВП *не відповіла
                # на запит*"): the official body or person of the clause is who speaks. A
                # noun ("данные ФСИН" as something analysed) tells no act of speaking.
                if word.pos == "NOUN":
                    continue
                speaker = _clause_official(text, sentence, trigger, mentions, language)
                if speaker is None:
                    continue
            elif trigger.type.speech:
                speech = _official(word, sources, language, _title_before(text, sentence))
                if speech is None or _speaker(speech, language) in speakers | _PRONOUNS:
                    continue  # one statement per official speaker ("он добавил" goes on)
                if speakers and not any(w.person for w in _words(speech.source, language)):
                    continue  # "заявило відомство", "основатель ЧВК": the speaker again
            elif any(m.start <= word.start < m.end for m in sources):
                continue  # "за *даними* ФСИН": the attribution, not an event
            if word.pos == "NOUN" and trigger.type.name in told:
                continue  # an event noun tells again what a verb or noun told before
            clause = _clause(sentence, trigger.head)
            if _conditional(sentence, clause[0], word.start, language):
                continue  # "если они подпишут контракт": a condition, not an event
            if (
                not trigger.type.offered
                and _may_be(sentence, trigger.first, language)
                and not any(
                    isinstance(m, QuantityMention) and clause[0] <= m.start < clause[1]
                    for m in mentions
                )
            ):
                continue  # "лицо … может быть освобождено": a provision; "могут быть
                # отправлены не более 15 тысяч" is an estimate of an event
            told_words = sentence.words[trigger.first : trigger.last + 1]
            if not trigger.type.offered and any(
                w.pos == "VERB" and is_future(w.low, language) for w in told_words
            ):
                continue  # "зголосяться понад 4000 осіб", "контракт подпишут": expected
            key = (trigger.type.name, clause[0])
            if key in seen:
                continue
            seen.add(key)
            told.add(trigger.type.name)
            event = _event(text, sentences, number, trigger, clause, mentions, codebook, language)
            if speech is not None:
                speakers.add(_speaker(speech, language))
                event = _with_speaker(event, text, speech, mentions)
            elif speaker is not None:
                event = dataclasses.replace(event, roles={**event.roles, "actor": (speaker,)})
            events.append(event)
    return sorted(events, key=lambda e: (e.start, e.type))


def _recall_words(language: str) -> frozenset[str]:
    """Words opening a sentence that recalls an earlier, other statement ("Напомним",
    "Нагадаємо": the source pack's ``recall``)."""
    from storyline.extract import lexical_sources

    return lexical_sources.lexicon(language).recall


def _repeated(text: str, body_start: int) -> list[tuple[int, int]]:
    """Spans of body paragraphs that repeat the headline or an earlier paragraph."""
    seen = {" ".join(text[:body_start].split()).casefold()} if body_start else set()
    spans = []
    start = body_start
    for paragraph in text[body_start:].split("\n\n"):
        key = " ".join(paragraph.split()).casefold()
        if key and key in seen:
            spans.append((start, start + len(paragraph)))
        seen.add(key)
        start += len(paragraph) + 2
    return spans


def _title_before(text: str, sentence: Sentence) -> Callable[[int], str]:
    """The words of ``sentence`` in the clause before an offset: the title a source phrase
    leaves out ("*глава фонда «Русь сидящая»* Ольга Романова сообщила")."""

    def before(at: int) -> str:
        return re.split(r"[,;:()—–]", text[sentence.start : max(sentence.start, at)])[-1]

    return before


def _official(
    word: Word,
    sources: Sequence[SourceMention],
    language: str,
    title_before: Callable[[int], str] | None = None,
) -> SourceMention | None:
    """The source whose cue ``word`` is, when it is an official speaker: named or an
    official body by its common noun, and neither media nor an advocate (by the source
    phrase or the title just before it)."""
    from storyline.extract import lexical_sources

    lex = lexical_sources.lexicon(language)
    for source in sources:
        if not source.start <= word.start < source.end or source.anonymous:
            continue
        if source.source_start is not None and source.source_start <= word.start < (
            source.source_end or 0
        ):
            continue  # the word is in the source phrase, not the cue
        said = _words(source.source, language)
        lemmas = {w.lemma for w in said} | {w.low for w in said}
        if title_before is not None and source.source_start is not None:
            title = [w for w in _words(title_before(source.source_start), language) if w.is_word]
            title = title[-4:]  # "глава фонда «Русь сидящая»"
            lemmas |= {w.lemma for w in title} | {w.low for w in title}
        if lemmas & lex.media:
            return None
        if lemmas & lex.official_heads or any(w.person for w in said):
            return source
        return None
    return None


def _clause_official(
    text: str,
    sentence: Sentence,
    trigger: _Trigger,
    mentions: Sequence[Mention],
    language: str,
) -> RoleFiller | None:
    """The official who speaks in a speech event told without an attribution cue: the
    person or organisation named in the trigger's clause, in any case ("*Во ФСИН* …
    отрицают", "*Песков* отрицает"), else an official common noun of the clause before the
    trigger ("*пресс-служба* колонии отказалась …"); media and advocates are no officials.
    The nearest one before the trigger wins, else the nearest after it."""
    from storyline.extract import lexical_sources

    lex = lexical_sources.lexicon(language)
    lo, hi = _clause(sentence, trigger.head)
    at = sentence.words[trigger.first].start
    found = []
    for m in mentions:
        if not isinstance(m, EntityMention) or not (lo <= m.start and m.end <= hi):
            continue
        said = _words(text[m.start : m.end], language)
        lemmas = {w.lemma for w in said} | {w.low for w in said}
        if lemmas & lex.media:
            continue
        if m.type in {"PER", "ORG"} or lemmas & lex.official_heads:
            found.append(m)
    before = [m for m in found if m.end <= at]
    chosen = max(before, key=lambda m: m.end) if before else None
    if chosen is None:
        heads = [
            w
            for w in sentence.words
            if lo <= w.start and w.end <= at and w.lemmas & lex.official_heads
        ]
        if heads:
            items = sentence.words
            k = items.index(heads[-1])
            first = k
            while first > 0 and items[first - 1].pos == "ADJF" and items[first - 1].start >= lo:
                first -= 1  # "*Пенітенціарна* служба"
            start, end = items[first].start, items[k].end
            return RoleFiller(start, end, text[start:end])
        chosen = min(found, key=lambda m: m.start, default=None)
    if chosen is None:
        return None
    return RoleFiller(
        chosen.start,
        chosen.end,
        text[chosen.start : chosen.end],
        f"@entity:{chosen.start}:{chosen.end}",
        chosen.entity,
    )


def _speaker(source: SourceMention, language: str) -> str:
    """Who speaks: a person's surname lemma ("Евгений Пригожин" = "Пригожин"), else the
    source phrase."""
    named = [w for w in _words(source.source, language) if w.person]
    return named[-1].lemma if named else source.source.casefold()


def _with_speaker(
    event: Event, text: str, source: SourceMention, mentions: Sequence[Mention]
) -> Event:
    """A statement's actor is its speaker: the entity named in the source, else its phrase."""
    lo, hi = source.source_start, source.source_end
    if lo is None or hi is None:
        return event
    inside = sorted(
        (
            m
            for m in mentions
            if isinstance(m, EntityMention)
            and lo <= m.start
            and m.end <= hi
            and m.type in NAMED
            and not (m.type == "LOC" and m.text[:1].islower())
        ),
        key=lambda m: ({"PER": 0, "ORG": 1}.get(m.type, 2), m.start),
    )
    filler = (
        RoleFiller(m.start, m.end, text[m.start : m.end], f"@entity:{m.start}:{m.end}", m.entity)
        if (m := next(iter(inside), None)) is not None
        else RoleFiller(lo, hi, text[lo:hi])
    )
    source_filler = RoleFiller(
        source.start, source.end, source.text, f"@source:{source.start}:{source.end}"
    )
    roles = {**event.roles, "actor": (filler,), "source": (source_filler,)}
    # "За даними «Медіазони», ФСВП заявила …": the statement itself is another's report.
    retold = any(
        isinstance(m, SourceMention)
        and m is not source
        and m.claim_start is not None
        and m.claim_end is not None
        and m.claim_start <= event.start < m.claim_end
        for m in mentions
    )
    return dataclasses.replace(
        event,
        roles=roles,
        source=source_filler.mention,
        certainty="reported" if retold else "asserted",
    )


def _triggers(
    sentence: Sentence,
    types: Sequence[EventType],
    language: str,
    near: set[str],
    headline: set[str],
) -> list[_Trigger]:
    """One trigger per word: phrases beat single lemmas, then the codebook's order."""
    items = sentence.words
    found: dict[int, _Trigger] = {}
    for phrase_pass in (True, False):
        for event_type in types:
            block = event_type.languages[language]
            context = near | headline if event_type.headline_context else near
            if block.context and not block.context & context:
                continue
            for first in range(len(items)):
                hit = (
                    _phrase(items, first, block, event_type.offered)
                    if phrase_pass
                    else _lemma(items, first, block)
                )
                if hit is None or any(i in found for i in range(first, hit + 1)):
                    continue
                if _excluded(items, first, hit, block):
                    continue
                trigger = _Trigger(event_type, first, hit, first)
                for i in range(first, hit + 1):
                    found[i] = trigger
    unique = {id(t): t for t in found.values()}
    return sorted(unique.values(), key=lambda t: t.first)


def _phrase(
    items: Sequence[Word], first: int, block: LanguageTriggers, offered: bool = False
) -> int | None:
    if items[first].pos == "PRTF":
        return None  # "осужденные, заключившие контракт": which people, not what happened
    firsts = items[first].lemmas | {items[first].low}
    for phrase in block.phrases:
        if phrase[0] not in firsts:
            continue  # the cheap test first: most words start no phrase
        at = _phrase_end(items, first, phrase)
        if at is not None:
            if not offered and any(
                _undone_infinitive(items, k, k == first) for k in range(first, at + 1)
            ):
                return None  # "кто хочет заключить контракт", "контракт можно подписать"
            return at
    return None


def _undone_infinitive(items: Sequence[Word], k: int, first: bool) -> bool:
    """An infinitive that tells nothing done: not after a verb like "начать", "вирішити",
    nor, inside a phrase, right after its verb ("відмовилися коментувати")."""
    if items[k].pos != "INFN":
        return False
    if k > 0 and items[k - 1].lemmas & PHASE_VERBS:
        return False  # any likely reading: "начало" is read first as the noun
    return first or not (k > 0 and items[k - 1].pos in {"VERB", "INFN", "GRND", "PRTS"})


def _phrase_end(items: Sequence[Word], first: int, phrase: tuple[str, ...]) -> int | None:
    """Index of the last word when ``phrase`` starts at ``first`` (gaps of up to
    :data:`MAX_GAP` words), else ``None``."""
    if phrase[0] not in items[first].lemmas and phrase[0] != items[first].low:
        return None
    at = first
    for word in phrase[1:]:
        k, gap = at + 1, 0
        while k < len(items) and items[k].text not in CLAUSE_SIGNS and gap <= MAX_GAP:
            if word in items[k].lemmas or word == items[k].low:
                break
            gap += items[
                k
            ].is_word  # figures and signs between are free: "подано 2,4 тис. клопотань"
            k += 1
        else:
            return None
        if k >= len(items) or items[k].text in CLAUSE_SIGNS or gap > MAX_GAP:
            return None
        at = k
    return at


def _lemma(items: Sequence[Word], first: int, block: LanguageTriggers) -> int | None:
    word = items[first]
    if not word.lemmas & block.lemmas or word.pos not in TRIGGER_POS:
        return None
    if word.pos == "INFN" and not (first > 0 and items[first - 1].lemmas & PHASE_VERBS):
        return None  # "чтобы завербовать", "право освободить": no event took place
    if word.pos == "ADJF":
        if word.lemma not in block.lemmas:
            return None  # an adjective only by a noun lemma it shares
        copula = any(items[k].low in COPULAS for k in range(max(0, first - 2), first))
        modifies = first + 1 < len(items) and items[first + 1].pos in {"NOUN", "ADJF"}
        if not copula and modifies:
            return None  # "завербованих в'язнів" says which people; "були вивезені" happened
    return first


def _excluded(items: Sequence[Word], first: int, last: int, block: LanguageTriggers) -> bool:
    for phrase in block.exclude:
        for start in range(max(0, first - len(phrase) - MAX_GAP), first + 1):
            end = _phrase_end(items, start, phrase)
            if end is not None and start <= first and end >= last:
                return True
    return False


def _may_be(sentence: Sentence, first: int, language: str) -> bool:
    """Whether a trigger follows "may be" (a modal, then the copula: "может быть
    освобождено", "може бути звільнена"), the hedge pack's ``possible_lemmas`` and
    ``copula``: what may be done is no event."""
    from storyline.extract import lexical_hedges

    if first < 2:
        return False
    lex = lexical_hedges.lexicon(language)
    copula, modal = sentence.words[first - 1], sentence.words[first - 2]
    return bool(
        ({copula.low} | copula.lemmas) & lex.copula
        and ({modal.low} | modal.lemmas) & lex.possible_lemmas
    )


def _conditional(sentence: Sentence, lo: int, at: int, language: str) -> bool:
    """Whether the clause that begins at offset ``lo`` opens with a conditional word
    (the hedge pack's ``conditional``: "если", "якщо") before the trigger at ``at``."""
    from storyline.extract import lexical_hedges

    words_if = lexical_hedges.conditional_words(language)
    return any(lo <= w.start < at and w.low in words_if for w in sentence.words if w.start < at)


def _clause(sentence: Sentence, index: int) -> tuple[int, int]:
    """Character span of the clause around word ``index``."""
    items = sentence.words
    lo = index
    while lo > 0 and items[lo - 1].text not in CLAUSE_SIGNS:
        lo -= 1
    hi = index
    while hi + 1 < len(items) and items[hi + 1].text not in CLAUSE_SIGNS:
        hi += 1
    return items[lo].start, items[hi].end


def _fits(mention: Mention, fill: str) -> bool:
    """Whether ``mention`` is of the filler kind ``fill`` (``entity:GROUP``, ``time:date``…)."""
    kind, _, sort = fill.partition(":")
    if kind != mention.kind:
        return False
    if not sort:
        return True
    if isinstance(mention, EntityMention):
        return mention.type == sort
    if isinstance(mention, QuantityMention):
        unit = mention.unit or ""
        money = len(unit) == 3 and unit.isupper()
        return {
            "person": unit == "person",
            "money": money,
            "duration": unit in _DURATIONS,
            "count": not money and unit not in _DURATIONS and unit not in {"percent", "person"},
        }.get(sort, False)
    if isinstance(mention, TimeMention):
        duration = mention.granularity == "duration"
        return duration if sort == "duration" else not duration
    return False


def _event(
    text: str,
    sentences: Sequence[Sentence],
    number: int,
    trigger: _Trigger,
    clause: tuple[int, int],
    mentions: Sequence[Mention],
    codebook: Codebook,
    language: str,
) -> Event:
    sentence = sentences[number]
    items = sentence.words
    start, end = items[trigger.first].start, items[trigger.last].end
    head = items[trigger.head]
    middle = _middle_voice(head, trigger.type, language)
    # A passive: a short participle ("завербованы"), a Ukrainian participle after a copula
    # ("були вивезені"), an impersonal "-но/-то" form ("подано", "забрано"), a reflexive
    # form of a verb the codebook lists without "-ся" ("вербуются").
    passive = not middle and (
        head.pos in {"PRTS", "ADJF"}
        or (head.pos == "VERB" and head.low.endswith(("но", "то")))
        or head.low.endswith(("ся", "сь"))
    )
    in_sentence = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
    source_spans = [(m.start, m.end) for m in in_sentence if isinstance(m, SourceMention)]
    earlier = _paragraph_before(text, sentences, number)
    language_words = {
        w.start: w for s in sentences[max(0, number - 2) : number + 1] for w in s.words
    }

    counted = [(m.start, m.end) for m in in_sentence if isinstance(m, QuantityMention)]

    def cases(mention: Mention) -> tuple[str, bool]:
        """The case of a mention's head noun (its last noun) and whether it is only an
        adjective (a demonym)."""
        inside = [w for k, w in language_words.items() if mention.start <= k < mention.end]
        nouns = [w for w in inside if w.pos == "NOUN"]
        head = nouns[-1] if nouns else (inside[-1] if inside else None)
        adjective = bool(inside) and all(w.pos in {"ADJF", "PRTF"} for w in inside if w.is_word)
        if any(lo <= mention.start and mention.end <= hi for lo, hi in counted):
            return "", adjective  # "775 засуджених": a numeral puts its noun in the genitive
        return (head.case if head is not None else ""), adjective

    used: set[tuple[str, int, int]] = set()
    roles: dict[str, tuple[RoleFiller, ...]] = {}
    evidence = {(sentence.start, sentence.end)}
    # Roles of one kind of mention first ("quantity", "time"), so a figure counts the event
    # and the participants' roles take the group it counts; then the participants; then the
    # place (a nominative "Россия" that acts is no place).
    specs = sorted(_slots_for(trigger, items, middle), key=_role_order)

    def fill_in(spec: RoleSpec, candidates: Sequence[Mention]) -> Mention | None:
        return _fill(spec, candidates, clause, start, passive, used, source_spans, cases)

    for spec in specs:
        if middle and spec.name == "subject":
            filler = _middle_subject(spec, in_sentence, cases, fill_in)
        else:
            filler = fill_in(spec, in_sentence)
        if filler is None and spec.name in {"time", "place"} and not trigger.type.speech:
            # (a statement or denial is dated and placed by its own sentence only)
            for lo, hi in earlier:
                before = [m for m in mentions if lo <= m.start and m.end <= hi]
                filler = _fill(spec, before, (lo, hi), start, passive, used, [], cases)
                if filler is not None:
                    evidence.add((lo, hi))
                    break
        if filler is None:
            continue
        used.add((filler.kind, filler.start, filler.end))
        roles[spec.name] = (_filler(text, filler),)
    # a noun inside the clause ("…, которая подтвердила факт вербовки") is another event's
    relative = None if head.pos == "NOUN" else _antecedent(sentence, clause, mentions, language)
    if relative is not None:
        pronoun, antecedent = relative
        nominative = pronoun.low in _relative_words(language, "relative_nominatives")
        role = _relative_role(specs, nominative, passive, roles)
        if role is not None and any(_fits(antecedent, fill) for fill in role.fill):
            roles[role.name] = (_filler(text, antecedent),)
    source = roles.get("source", ())
    return Event(
        id="",
        type=trigger.type.name,
        start=start,
        end=end,
        text=text[start:end],
        evidence=tuple(sorted(evidence)),
        roles=roles,
        certainty=_certainty(start, end, in_sentence, attributed=bool(source)),
        source=source[0].mention if source else None,
        codebook=codebook.id,
    )


def _filler(text: str, mention: Mention) -> RoleFiller:
    """A mention as a role's filler, named ``@kind:start:end`` until
    :func:`storyline.events.link_mentions` swaps in the final id; only an entity's link is
    kept (unlike :func:`storyline.events.roles.role_filler`, which also keeps a source's)."""
    return RoleFiller(
        start=mention.start,
        end=mention.end,
        text=text[mention.start : mention.end],
        mention=f"@{mention.kind}:{mention.start}:{mention.end}",
        entity=mention.entity if isinstance(mention, EntityMention) else None,
    )


def _middle_voice(head: Word, event_type: EventType, language: str) -> bool:
    """Whether the trigger is a reflexive verb the codebook lists as such ("завербоваться",
    "освободиться", "записатися"): its subject is the one it happens to ("осужденные
    *завербовались*", "*освободились* 32 000 заключенных"), not a passive's object. A
    reflexive form of a verb listed without "-ся" ("контракты *подписываются*") stays a
    passive."""
    block = event_type.languages.get(language)
    if block is None or head.pos not in {"VERB", "INFN", "GRND"}:
        return False
    return any(lemma.endswith(("ся", "сь")) for lemma in head.lemmas & block.lemmas)


def _middle_subject(
    spec: RoleSpec,
    mentions: Sequence[Mention],
    cases: Callable[[Mention], tuple[str, bool]],
    fill_in: Callable[[RoleSpec, Sequence[Mention]], Mention | None],
) -> Mention | None:
    """The subject of a listed reflexive verb: a figure's people first ("В отряд к Петрову
    записались 40 *заключенных*", "Около 30 осужденных *женщин* завербовались": not the
    dative "Петрову"), then a nominative mention, then one in another case the tagger may
    misread ("освободился *Хаджикурбанов*", read first as a genitive plural; "кількість
    *ув'язнених* скоротилася") — never a dative, instrumental or locative: someone the verb
    is done towards, by or at ("*вербовщиками*")."""
    figures = [m for m in mentions if isinstance(m, QuantityMention) and m.unit == "person"]

    def counted(m: Mention) -> bool:
        return not cases(m)[0] or any(0 <= m.start - f.end <= 1 for f in figures)

    entities = [m for m in mentions if m.kind == "entity"]
    found = fill_in(spec, [m for m in entities if counted(m)])
    if found is None:
        found = fill_in(spec, [m for m in mentions if m.kind != "entity" or cases(m)[0] == "nomn"])
    if found is None:
        found = fill_in(spec, [m for m in entities if cases(m)[0] not in {"datv", "ablt", "loct"}])
    return found


def _antecedent(
    sentence: Sentence,
    clause: tuple[int, int],
    mentions: Sequence[Mention],
    language: str,
) -> tuple[Word, Mention] | None:
    """The relative pronoun that opens the trigger's clause and the participant it stands
    for: the person or group mention that ends at most one word before the comma in front
    of it ("*засуджених жінок*, які погодилися", "*ув'язнених осіб*, які втекли"; pack
    ``events.yaml`` ``relative_pronouns``). ``None`` when the clause opens otherwise, or
    when the pronoun may stand for another noun: one between the mention and the comma
    ("заключенных *колонии*, которую посетил"; a person noun such as "осіб" is the same
    people, pack ``relative_person_heads``), or when the pronoun's number is not the
    mention's ("адвокат осужденных, *который*" is the lawyer's clause)."""
    pronouns = _relative_words(language, "relative_pronouns")
    people = _relative_words(language, "relative_person_heads")
    items = sentence.words
    first = next((k for k, w in enumerate(items) if w.start >= clause[0]), None)
    if first is None or first < 2 or not items[first].lemmas & pronouns:
        return None
    if items[first - 1].text != ",":
        return None
    comma = items[first - 1].start
    reach = items[first - 3].start if first >= 3 else sentence.start  # one word between
    found = [
        m
        for m in mentions
        if sentence.start <= m.start
        and reach <= m.end <= comma
        and (
            (isinstance(m, EntityMention) and m.type in {"GROUP", "PER"})
            or (isinstance(m, QuantityMention) and m.unit == "person")
        )
    ]
    if not found:
        return None
    # the latest end; a group or person before the figure that holds it
    best = max(found, key=lambda m: (m.end, isinstance(m, EntityMention)))
    between = [w for w in items if best.end <= w.start < comma]
    if any(w.pos == "NOUN" and not w.lemmas & people for w in between):
        return None
    inside = [w for w in items if best.start <= w.start and w.end <= best.end and w.is_word]
    if inside and not _numbers(items[first], language) & _numbers(inside[-1], language):
        return None  # "адвокат осужденных, *который*": the lawyer, not the convicts
    return items[first], best


def _numbers(word: Word, language: str) -> set[str]:
    """The grammatical numbers a word's likely readings have (all, where none is known)."""
    found = {number for _, number in likely_forms(word.low, language)}
    return found or {"sing", "plur"}


@cache
def _relative_words(language: str, name: str) -> frozenset[str]:
    """A word list of the language pack's ``events.yaml`` (read once per language)."""
    return frozenset(str(w) for w in pack(language, "events").get(name, ()))


def _relative_role(
    specs: Sequence[RoleSpec], nominative: bool, passive: bool, roles: Mapping[str, object]
) -> RoleSpec | None:
    """The participant role a relative pronoun stands for, when the clause left it empty:
    a nominative one before an active verb fills the subject slot ("…, которые *подписали*
    контракты"); before a passive ("…, які були *звільнені*") or in another case ("…, яких
    *випустили*", "…, яким *обіцяють*") the object slot."""
    slot = "subject" if nominative and not passive else "object"
    for spec in specs:
        if spec.name in roles or spec.name not in {"subject", "actor", "target"}:
            continue
        if slot in spec.slots or "any" in spec.slots:
            return spec
    return None


def _slots_for(trigger: _Trigger, items: Sequence[Word], middle: bool = False) -> list[RoleSpec]:
    """The type's roles with ``subject_is`` applied: "вербовщики *завербовали* заключённых"
    (``завербовать: actor``) has the recruiter as its subject, so a role that would take the
    subject looks in the object instead. A verb whose subject is the one it happens to
    ("заключенные *прибыли на фронт*", ``прибыть: subject``; any reflexive verb the codebook
    lists, see :func:`_middle_voice`) has no one else acting on it, so the other role is
    left to a passive's agent alone."""
    word = items[trigger.head]
    taker = next(
        (role for lemma, role in trigger.type.subject_is.items() if lemma in word.lemmas), None
    )
    if taker is None and middle and any(spec.name == "subject" for spec in trigger.type.roles):
        # The one it happens to, in whatever case the tagger reads a surname or a
        # genitive after a figure ("*освободился* Хаджикурбанов", "кількість ув'язнених
        # *скоротилася*"); anyone else only as a passive's agent.
        return [
            dataclasses.replace(spec, slots=("any",))
            if spec.name == "subject"
            else dataclasses.replace(spec, slots=("by",))
            if "subject" in spec.slots
            else spec
            for spec in trigger.type.roles
        ]
    if taker is None:
        return list(trigger.type.roles)
    specs = []
    for spec in trigger.type.roles:
        if spec.name == taker:
            specs.append(dataclasses.replace(spec, slots=("subject",)))
        elif "subject" in spec.slots:
            moved = ("by",) if taker == "subject" else ("object",)
            specs.append(dataclasses.replace(spec, slots=moved))
        else:
            specs.append(spec)
    return specs


def _role_order(spec: RoleSpec) -> int:
    kinds = {fill.split(":")[0] for fill in spec.fill}
    if "entity" not in kinds and len(kinds) == 1:
        return 0  # a figure, a time, a sum, a source
    return 2 if spec.name == "place" else 1


def _fill(
    spec: RoleSpec,
    candidates: Sequence[Mention],
    clause: tuple[int, int],
    at: int,
    passive: bool,
    used: set[tuple[str, int, int]],
    source_spans: Sequence[tuple[int, int]],
    cases: Callable[[Mention], tuple[str, bool]],
) -> Mention | None:
    """The nearest fitting mention: in the clause first, in the case its slot takes, on the
    slot's side of the trigger."""
    fitting = [
        m
        for m in candidates
        if (m.kind, m.start, m.end) not in used
        and any(_fits(m, fill) for fill in spec.fill)
        and (
            spec.name == "source"
            or not any(lo <= m.start and m.end <= hi for lo, hi in source_spans)
        )
        and not (spec.name == "place" and cases(m)[1])  # "російські": a demonym, no place
    ]
    if spec.name == "source":
        return min(fitting, key=lambda m: abs(m.start - at), default=None)
    if not fitting:
        return None
    slots = set(spec.slots)
    if slots == {"by"} and not passive:
        return None  # only a passive's agent fills it ("убиты *вагнеровцами*")
    before_side = ("subject" in slots) != passive and "any" not in slots
    after_side = ("object" in slots) != passive and "any" not in slots

    # Who acts is nominative in an active clause and instrumental after a passive; whom it
    # is done to is not nominative in an active clause and nominative in a passive one.
    acting = bool(slots & {"subject", "by"}) and "object" not in slots
    wanted = ({"ablt"} if passive else {"nomn"}) if acting else set()
    unwanted = {"nomn"} if ("object" in slots and not passive and not acting) else set()

    def rank(mention: Mention) -> tuple[int, int, int, int]:
        inside = clause[0] <= mention.start and mention.end <= clause[1]
        case = cases(mention)[0] if mention.kind == "entity" else ""
        grammar = 1 if (wanted and case and case not in wanted) or case in unwanted else 0
        side = 0
        if before_side and mention.end > at:
            side = 1
        if after_side and mention.start < at:
            side = 1
        order = next((k for k, fill in enumerate(spec.fill) if _fits(mention, fill)), 9)
        return (0 if inside else 1, grammar, side, abs(mention.start - at) + order)

    if wanted:
        # Who acts is never in another case ("загинули 15 жінок": the women act in nothing).
        fitting = [
            m for m in fitting if m.kind != "entity" or not cases(m)[0] or cases(m)[0] in wanted
        ]
        if not fitting:
            return None
    best = min(fitting, key=rank)
    inside = clause[0] <= best.start and best.end <= clause[1]
    if not inside and spec.name in {"actor", "subject", "target"}:
        return None  # a participant from another clause is another event's
    return best


def _paragraph_before(
    text: str, sentences: Sequence[Sentence], number: int
) -> list[tuple[int, int]]:
    """The two sentences before ``number`` in the same paragraph, nearest first."""
    spans = []
    for k in (number - 1, number - 2):
        if k < 0 or "\n" in text[sentences[k].end : sentences[k + 1].start]:
            break
        spans.append((sentences[k].start, sentences[k].end))
    return spans


def _certainty(start: int, end: int, mentions: Sequence[Mention], attributed: bool) -> Certainty:
    """Negation, then an open question, then a hedge, then attribution (as in English)."""
    found: list[Certainty] = []
    for mention in mentions:
        if not isinstance(mention, HedgeMention):
            continue
        if start <= mention.start and mention.end <= end:
            continue  # the hedge is the trigger itself ("отрицает", "не ответили на запрос")
        if mention.start < end and start < mention.end:
            found.append(mention.certainty)  # "не *завербовали*", "якобы *завербовали*"
            continue
        lo = mention.scope_start if mention.scope_start is not None else mention.start
        hi = mention.scope_end if mention.scope_end is not None else mention.end
        if not lo <= start < hi:
            continue
        if mention.certainty == "negated" and " " in mention.text:
            continue  # "не помиловали, но отправили": a "не" negates its own verb only
        found.append(mention.certainty)
    if found:
        return min(found, key=lambda c: _RANK.get(c, 3))
    claims = [
        m
        for m in mentions
        if isinstance(m, SourceMention)
        and (m.claim_start is None or m.claim_end is None or m.claim_start <= start < m.claim_end)
    ]
    return "reported" if attributed or claims else "asserted"
