"""Fill an event's roles from the mentions around its trigger.

Where a filler is looked for follows how reports are written:

1. a role with a grammatical slot (``subject``, ``object``, ``by``) takes the mention in
   that phrase ("*About 40 of the prison's 400 inmates* signed up" → the quantity that
   holds the subject's head word); a pronoun ("They were offered…") is resolved to the
   nearest fitting mention in the two sentences before;
2. other roles take the nearest fitting mention in the trigger's main clause, then in its
   subordinate clauses, then anywhere in the sentence;
3. ``place`` and ``time`` may come from the two previous sentences of the same paragraph,
   because a report states them once and then goes on ("The colony … Visitors have been
   barred from it since …").

A mention fills at most one role of an event (the actor "Russia" is not also its place).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.events.codebook import RoleSpec
from storyline.events.syntax import PRONOUNS, Parse
from storyline.events.triggers import Trigger
from storyline.model import (
    EntityMention,
    Mention,
    QuantityMention,
    RoleFiller,
    SourceMention,
    TimeMention,
)

DURATION_UNITS = frozenset({"hour", "day", "week", "month", "year", "decade"})
_CURRENCY = re.compile(r"^[A-Z]{3}$")
#: Roles that a report states once for several sentences (step 3 above).
CARRY_OVER = frozenset({"place", "time"})
#: How many earlier sentences a pronoun or a carried-over place/time is looked for in.
LOOK_BACK = 2
#: How many earlier sentences a place or time is carried over from when nothing ties the
#: event to them. On real reports a place or date in an earlier sentence belonged to
#: another event far more often than it was left implicit for this one (role precision
#: 0.65 → 0.73 on the real-report dev set), so only a pronoun that continues the earlier
#: sentence's participants ("They offered inmates…") carries its place and time over.
CARRY_BACK = 0
_RELATIVE = frozenset({"who", "that", "which"})
#: A paragraph opening with a place in capitals and the filing date or agency.
_DATELINE = re.compile(
    r"(?:^|\n)([A-Z][A-Z.'’ -]{2,}[A-Z])(?=,\s+[A-Z][a-z]+\.? \d| \(| ?[:—–]| --)"
)


def _has_word(text: str, words: frozenset[str]) -> bool:
    """Whether ``text`` holds one of ``words``: single words (a plural "s" allowed), or
    phrases of several ("general staff": not every "staff" speaks for a state)."""
    for word in re.findall(r"[^\W\d_]+", text.lower().replace("’s", "").replace("'s", "")):
        if word in words or (word.endswith("s") and word[:-1] in words):
            return True
    phrases = _phrases_of(words)
    return bool(phrases) and _has_phrase(text, phrases)


@functools.lru_cache(maxsize=64)
def _phrases_of(words: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The entries of several words in a codebook's ``words`` (a role's list, read once)."""
    return tuple(tuple(w.split()) for w in words if " " in w)


def _has_phrase(text: str, phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether ``text`` holds one of ``phrases`` (lowercase words; a plural "s" allowed)."""
    return _has_phrase_cached(text, tuple(phrases))


@functools.lru_cache(maxsize=1 << 14)
def _has_phrase_cached(text: str, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """:func:`_has_phrase`, remembered: a report names the same people again and again."""
    words = re.findall(r"[^\W\d_]+", text.lower().replace("’s", "").replace("'s", ""))
    for phrase in phrases:
        for at in range(len(words) - len(phrase) + 1):
            window = words[at : at + len(phrase)]
            if all(w == p or w == p + "s" for w, p in zip(window, phrase, strict=True)):
                return True
    return False


def _with_attribution(hood: Neighbourhood, start: int, end: int) -> str:
    """A phrase's text plus the attribution phrase around it, for ``words`` checks."""
    around = [
        m.text
        for m in hood.mentions
        if isinstance(m, SourceMention) and m.start <= start and end <= m.end
    ]
    return " ".join([hood.parse.text[start:end], *around])


def accepts(kind: str, mention: Mention) -> bool:
    """Whether ``mention`` is of filler kind ``kind`` (``entity:LOC``, ``quantity:money``…)."""
    family, _, sort = kind.partition(":")
    if family == "entity":
        return isinstance(mention, EntityMention) and (not sort or mention.type == sort)
    if family == "quantity" and isinstance(mention, QuantityMention):
        unit = mention.unit or ""
        money = bool(_CURRENCY.match(unit))
        duration = unit in DURATION_UNITS and mention.per is None
        return {
            "": True,
            "person": unit == "person",
            "money": money,
            "duration": duration,
            "count": not (money or duration or unit in {"person", "percent", "times"}),
        }[sort]
    if family == "time" and isinstance(mention, TimeMention):
        is_duration = mention.granularity == "duration"
        return {"": True, "duration": is_duration, "date": not is_duration}[sort]
    return family == "source" and isinstance(mention, SourceMention)


@dataclass
class Neighbourhood:
    """Mentions of one chunk indexed for role search (built once per chunk)."""

    parse: Parse
    mentions: Sequence[Mention]
    nested: set[int] = field(default_factory=set)

    sourced: set[int] = field(default_factory=set)
    datelines: list[tuple[int, int]] = field(default_factory=list)
    # Lookups every event of the chunk repeats, made once: token starts, the mentions of
    # each entity, mentions by start, and the answers about a name. Without them an
    # event-dense text costs events × mentions × tokens (100 KB took minutes).
    starts: list[int] = field(default_factory=list, repr=False)
    _by_entity: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _by_start: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _memo: dict[tuple[object, ...], object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.starts = [t.start for t in self.parse.tokens]
        for index, mention in enumerate(self.mentions):
            if isinstance(mention, EntityMention) and mention.entity is not None:
                self._by_entity.setdefault(mention.entity, []).append(index)
        self._by_start = sorted((m.start, i) for i, m in enumerate(self.mentions))
        # A place inside a group or organisation ("*Russian* men", "*Irkutsk* prison
        # service"), used as an adjective ("*European* part") or a possessive ("*Russia's*
        # prison recruitment") describes who or what, not where.
        outer = [
            m for m in self.mentions if isinstance(m, EntityMention) and m.type in {"GROUP", "ORG"}
        ]
        starts = self.starts
        for index, mention in enumerate(self.mentions):
            if isinstance(mention, EntityMention) and mention.type == "LOC":
                inside = any(o.start <= mention.start and mention.end <= o.end for o in outer)
                last = bisect.bisect_right(starts, mention.end - 1) - 1
                token = self.parse.tokens[last] if last >= 0 else None
                if inside or (token is not None and (token.pos == "ADJ" or token.dep == "poss")):
                    self.nested.add(index)
        # A dateline ("KIEV, May 17 (Xinhua) --", "MOSCOW (AFP):") says where the story
        # was filed, not who acted or where.
        self.datelines = [(m.start(1), m.end(1)) for m in _DATELINE.finditer(self.parse.text)]
        for index, mention in enumerate(self.mentions):
            if self.in_dateline(mention.start):
                self.nested.add(index)
        # Who says so is the source role, not the subject or quantity of the event.
        sources = [m for m in self.mentions if isinstance(m, SourceMention)]
        for index, mention in enumerate(self.mentions):
            if not isinstance(mention, SourceMention) and any(
                s.start <= mention.start and mention.end <= s.end for s in sources
            ):
                self.sourced.add(index)

    def in_dateline(self, offset: int) -> bool:
        """Whether ``offset`` lies in a dateline's place name."""
        return any(start <= offset < end for start, end in self.datelines)

    def usable(self, index: int, spec: RoleSpec, own: frozenset[int] = frozenset()) -> bool:
        """Whether mention ``index`` may fill a role like ``spec`` at all (``own``: mentions
        inside the attribution that a speech event's trigger belongs to)."""
        if index in self.nested:
            return False
        if spec.name == "source":
            return index not in own
        if spec.not_words and self.described_as(index, spec.not_words):
            return False
        if spec.words and not self.has_word(index, spec.words):
            return False
        return index not in self.sourced or index in own

    def same_entity(self, mention: Mention) -> list[Mention]:
        """The mention and the other mentions of its entity in the document."""
        entity = mention.entity if isinstance(mention, EntityMention) else None
        if entity is None:
            return [mention]
        return [mention] + [
            self.mentions[i]
            for i in self._by_entity.get(entity, [])
            if self.mentions[i] is not mention
        ]

    def described_as(self, index: int, phrases: Sequence[tuple[str, ...]]) -> bool:
        """Whether the mention, or how the report describes its name anywhere ("the
        independent *outlet* X", "X, a *rights group*", "X is a *newspaper*"), holds one of
        ``phrases``."""
        mention = self.mentions[index]
        entity = mention.entity if isinstance(mention, EntityMention) else None
        # Every mention of one entity shares the answer (the same names are read).
        key = ("described_as", entity or index, tuple(phrases))
        if key not in self._memo:
            same = self.same_entity(self.mentions[index])
            texts = [m.text for m in same] + [self.title(m) for m in same]
            texts += [self.described(m) for m in same]
            self._memo[key] = any(_has_phrase(text, phrases) for text in texts)
        return bool(self._memo[key])

    def described(self, mention: Mention) -> str:
        """What the name is said to be from outside its own phrase: the noun it stands in
        apposition to ("the outlet *X*") or the predicate of "X is a newspaper"."""
        key = ("described", mention.start, mention.end)
        if key not in self._memo:
            self._memo[key] = self._described(mention)
        return str(self._memo[key])

    def _described(self, mention: Mention) -> str:
        parse = self.parse
        starts = self.starts
        last = bisect.bisect_right(starts, mention.end - 1) - 1
        if last < 0 or parse.tokens[last].start < mention.start:
            return ""
        token = parse.tokens[last]
        words: list[int] = []
        if token.dep in {"appos", "compound"} and token.head != last:
            head = token.head
            words = [head] + [
                i
                for c in parse.children[head]
                if parse.tokens[c].dep in {"compound", "amod", "poss"}
                for i in parse.subtree(c)
            ]
        elif token.dep == "nsubj" and parse.tokens[token.head].lemma == "be":
            words = [
                i
                for c in parse.children[token.head]
                if parse.tokens[c].dep == "attr"
                for i in parse.subtree(c, frozenset({"relcl", "acl", "prep"}))
            ]
        return " ".join(parse.text[parse.tokens[i].start : parse.tokens[i].end] for i in words)

    def has_word(self, index: int, words: frozenset[str]) -> bool:
        """Whether the mention, or the attribution phrase around it, has one of ``words``
        ("*Deputy Justice Minister* Oksana Marchenko said"); organisations always do."""
        mention = self.mentions[index]
        if isinstance(mention, EntityMention) and mention.type in {"ORG", "LOC"}:
            return True  # "Moscow denied", "Ukraine has not said": a state speaks
        entity = mention.entity if isinstance(mention, EntityMention) else None
        # Every mention of one entity shares the answer (the same names are read): asked
        # per mention, a report naming one speaker 300 times re-read all 300 names and every
        # attribution around them for each (41 million comparisons in a 60 KB text).
        key = ("has_word", entity or index, words)
        if key not in self._memo:
            self._memo[key] = self._has_word(index, words)
        return bool(self._memo[key])

    def _has_word(self, index: int, words: frozenset[str]) -> bool:
        # "Justice Minister Denys Maliuska said" earlier makes "Maliuska noted" official.
        same = self.same_entity(self.mentions[index])
        texts = [m.text for m in same]
        texts += [self.title(m) for m in same]
        texts += [
            m.text
            for m in self.mentions
            if isinstance(m, SourceMention)
            and any(m.start <= s.start and s.end <= m.end for s in same)
        ]
        return any(_has_word(text, words) for text in texts)

    def title(self, mention: Mention) -> str:
        """The words around a name that say who the person is: a title before it
        ("*Governor* Pavel Sirko") and an apposition ("Prigozhin, *the head of Wagner*")."""
        key = ("title", mention.start, mention.end)
        if key not in self._memo:
            self._memo[key] = self._title(mention)
        return str(self._memo[key])

    def _title(self, mention: Mention) -> str:
        parse = self.parse
        starts = self.starts
        last = bisect.bisect_right(starts, mention.end - 1) - 1
        if last < 0 or parse.tokens[last].start < mention.start:
            return ""
        words = [
            i
            for c in parse.children[last]
            if parse.tokens[c].dep in {"compound", "appos", "amod"}
            for i in parse.subtree(c, frozenset({"relcl", "acl"}))
        ]
        words = [i for i in words if abs(i - last) <= 12]
        return " ".join(
            parse.text[parse.tokens[i].start : parse.tokens[i].end] for i in sorted(words)
        )

    def whole_of_used(self, index: int, used: set[int]) -> bool:
        """Whether mention ``index`` is the whole of a partitive whose part already fills a
        role: "400 inmates" in "40 of the prison's 400 inmates" is context, not a count."""
        return self.part(index) != index and self.part(index) in used

    def part(self, index: int) -> int:
        """For the whole of a partitive ("40 of the prison's *400 inmates*"), the part."""
        whole = self.mentions[index]
        if not isinstance(whole, QuantityMention) or not whole.id:
            return index
        for other, mention in enumerate(self.mentions):
            if isinstance(mention, QuantityMention) and mention.part_of == whole.id:
                return other
        return index

    def within(self, start: int, end: int) -> list[tuple[int, Mention]]:
        """Mentions lying inside the character span ``start``..``end``, in mention order
        (found by start, not by reading every mention: each event asks)."""
        at = bisect.bisect_left(self._by_start, (start, -1))
        hits: list[int] = []
        while at < len(self._by_start) and self._by_start[at][0] <= end:
            index = self._by_start[at][1]
            if self.mentions[index].end <= end:
                hits.append(index)
            at += 1
        return [(i, self.mentions[i]) for i in sorted(hits)]

    def token_at(self, offset: int) -> int:
        """The index of the token at (or last before) character ``offset``."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def in_tokens(self, indices: Iterable[int]) -> list[tuple[int, Mention]]:
        """Mentions that start inside one of the given tokens."""
        spans = sorted((self.parse.tokens[i].start, self.parse.tokens[i].end) for i in indices)
        hits: set[int] = set()
        for s, e in spans:
            at = bisect.bisect_left(self._by_start, (s, -1))
            while at < len(self._by_start) and self._by_start[at][0] < e:
                hits.add(self._by_start[at][1])
                at += 1
        return [(i, self.mentions[i]) for i in sorted(hits)]


@dataclass
class Filled:
    """Roles filled so far for one event, and what supports them."""

    roles: dict[str, tuple[RoleFiller, ...]] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    heads: set[int] = field(default_factory=set)
    sentences: set[int] = field(default_factory=set)
    own: frozenset[int] = frozenset()


def fill_roles(hood: Neighbourhood, trigger: Trigger, specs: Sequence[RoleSpec]) -> Filled:
    """Fill every role of ``specs`` for ``trigger`` (slot roles first, then the others)."""
    parse = hood.parse
    verb = parse.governing_verb(trigger.head)
    main, subordinate = parse.clause(verb)
    sentence = parse.sentence_of(trigger.head)
    first, last = parse.sentences[sentence]
    filled = Filled(sentences={sentence})
    if trigger.type.speech:
        # "the Justice Ministry *said*": the attribution is the event; its speaker the actor.
        start = parse.tokens[trigger.head].start
        around = [
            m for m in hood.mentions if isinstance(m, SourceMention) and m.start <= start < m.end
        ]
        filled.own = frozenset(i for a in around for i, _ in hood.within(a.start, a.end))
    specs = _with_voice(parse, trigger, specs)
    ordered = sorted(specs, key=lambda s: (_anywhere_role(s), s.name == "source"))
    for spec in ordered:
        if spec.terms:
            fillers = _terms(hood, spec, main + subordinate or list(range(first, last + 1)))
        elif _anywhere_role(spec):
            fillers = _anywhere(hood, spec, trigger, main, subordinate, filled)
        else:
            fillers = _slot(hood, spec, trigger, verb, filled)
        if fillers:
            filled.roles[spec.name] = fillers
    _count_separately(hood, specs, filled)
    return filled


def _with_voice(parse: Parse, trigger: Trigger, specs: Sequence[RoleSpec]) -> list[RoleSpec]:
    """Slots as this trigger's verb uses them (:attr:`EventType.subject_is`): for "Wagner
    *recruited* inmates" the people who enlist are in the object slot, for "the group *left*
    for the front" the people deployed are the subject."""
    owner = _subject_owner(parse, trigger)
    if owner is None:
        return list(specs)
    adjusted = []
    for spec in specs:
        slots = spec.slots
        if spec.name == owner and "subject" not in slots:
            slots = ("subject", *slots)
        elif spec.name != owner and "subject" in slots:
            slots = tuple(s for s in slots if s != "subject")
            if spec.name not in {"actor"} and "object" not in slots:
                slots = ("object", *slots)
        adjusted.append(dataclasses.replace(spec, slots=slots) if slots != spec.slots else spec)
    return adjusted


def _subject_owner(parse: Parse, trigger: Trigger) -> str | None:
    """The role :attr:`EventType.subject_is` gives the trigger's subject: keyed by the head
    lemma, or by a phrase trigger's words ("in exchange for")."""
    table = trigger.type.subject_is
    if not table:
        return None
    found = table.get(parse.tokens[trigger.head].lemma)
    if found is not None or not trigger.phrase:
        return found
    words = " ".join(parse.tokens[i].lemma for i in range(trigger.first, trigger.last + 1))
    return next((role for key, role in table.items() if " " in key and key in words), None)


def _count_separately(hood: Neighbourhood, specs: Sequence[RoleSpec], filled: Filled) -> None:
    """ "*At least 340 men* were killed": the count is the ``quantity``, the people inside it
    ("men") the subject; with no one named inside, a count of people is both. A count of
    something else ("*about 20%* died", "committed *83 crimes*") is only the quantity; the
    people are the whole it is part of ("about 20% *of the prisoners*"), if any."""
    if not any(spec.name == "quantity" for spec in specs):
        return
    for role in ("subject", "target"):
        fillers = filled.roles.get(role, ())
        if len(fillers) != 1:
            continue
        counted = next(
            (
                m
                for m in hood.mentions
                if isinstance(m, QuantityMention)
                and not accepts("quantity:money", m)
                and not accepts("quantity:duration", m)
                and m.start == fillers[0].start
                and (m.end == fillers[0].end or (m.end < fillers[0].end and m.unit != "person"))
            ),
            None,
        )
        if counted is None:
            continue
        # The subject's own count is the event's count, before any other number of the
        # clause ("*Up to 20,000 candidates* could be drafted from hundreds of thousands").
        filled.roles["quantity"] = (role_filler(counted),)
        inside = [
            m
            for m in hood.mentions
            if isinstance(m, EntityMention)
            and m.type in {"GROUP", "PER"}
            and counted.start <= m.start
            and m.end <= counted.end
        ]
        if inside:
            filled.roles[role] = (role_filler(inside[-1]),)
        elif counted.unit != "person":
            # "about 20% of the prisoners": the people are the whole; a count of crimes
            # names no people at all.
            whole = _partitive_whole(hood, counted)
            if whole is not None:
                filled.roles[role] = (whole,)
            else:
                del filled.roles[role]
        return


def _partitive_whole(hood: Neighbourhood, counted: QuantityMention) -> RoleFiller | None:
    """The people a count is a part of: "about 20,000 *of his fighters*"."""
    parse = hood.parse
    head = hood.token_at(counted.end - 1)
    prep = parse.child(head, "prep")
    if prep is None or parse.tokens[prep].lemma != "of":
        return None
    noun = parse.child(prep, "pobj")
    if noun is None or parse.tokens[noun].lemma in PRONOUNS:
        return None
    start, end = parse.phrase(noun)
    people = [
        m
        for _, m in hood.within(start, end)
        if isinstance(m, EntityMention) and m.type in {"GROUP", "PER"}
    ]
    if people:
        return role_filler(people[-1])
    if parse.tokens[noun].pos != "NOUN":
        return None
    return RoleFiller(start, end, parse.text[start:end])


def _anywhere_role(spec: RoleSpec) -> bool:
    """A role filled from anywhere in the clause rather than from a grammatical slot."""
    return set(spec.slots) <= {"any", "purpose"}


def _slot(
    hood: Neighbourhood, spec: RoleSpec, trigger: Trigger, verb: int, filled: Filled
) -> tuple[RoleFiller, ...]:
    parse = hood.parse
    noun = parse.tokens[trigger.head].pos == "NOUN"
    for slot in spec.slots:
        if slot == "subject":
            # An event noun's clause subject is someone else ("*their release* represents").
            head = None if noun or parse.is_passive(verb) else parse.subject(verb)
        elif slot == "object":
            head = parse.object(trigger.head, verb)
        elif slot == "by":
            head = parse.by_phrase(trigger.head if noun else verb)
        else:
            continue
        if head is None:
            if slot == "subject" and not noun and not parse.is_passive(verb):
                found = _nearest_before(hood, spec, trigger, filled)
                if found:
                    return found
            continue
        token = parse.tokens[head]
        if token.lemma in _RELATIVE:
            head = parse.relative_antecedent(verb) or head
            token = parse.tokens[head]
        named = _named_in_apposition(hood, head)
        if named is not None:  # "the body of Nemes Tarimo, a Tanzanian who was killed"
            head, token = named, parse.tokens[named]
        if head in filled.heads or hood.in_dateline(token.start):
            continue  # the passive subject is the subject *or* the target, not both
        filled.heads.add(head)
        if token.lemma in PRONOUNS and token.pos == "PRON":
            found = _antecedent(hood, spec, head, filled)
            if found:
                return found
            continue
        start, end = parse.phrase(head)
        candidates = [(i, m) for i, m in hood.within(start, end) if _fits(hood, spec, filled, i, m)]
        # A mention holding the head word may reach past a phrase the parser cut short
        # ("Penal Colony No. 6" parsed as "Penal Colony No" + "6").
        holding = [
            (i, m)
            for i, m in enumerate(hood.mentions)
            if m.start <= token.start < m.end and _fits(hood, spec, filled, i, m)
        ]
        parts = [hood.part(i) for i, _ in holding if hood.part(i) != i]
        if parts and parts[0] not in filled.used:  # "*40* of the prison's 400 inmates"
            filled.used.add(parts[0])
            return (role_filler(hood.mentions[parts[0]]),)
        if holding or (candidates and "phrase" not in spec.fill):
            # The widest mention holding the head word is the phrase ("*14 protesters*",
            # not "protesters"); without one, the best-ranked mention inside it.
            index, _ = min(
                holding or candidates,
                key=lambda c: (
                    (-(c[1].end - c[1].start), _rank(spec, c[1]))
                    if holding
                    else (_rank(spec, c[1]), -(c[1].end - c[1].start))
                ),
            )
            filled.used.add(index)
            return (role_filler(hood.mentions[index]),)
        if spec.words and not _has_word(_with_attribution(hood, start, end), spec.words):
            continue
        if spec.not_words and _has_phrase(parse.text[start:end], spec.not_words):
            continue
        if "phrase" in spec.fill and token.pos in {"NOUN", "PROPN", "NUM", "PRON"}:
            # A mention holding the phrase's head is the filler itself, so it fills nothing
            # else ("Russia released…" is not also the release's place).
            filled.used.update(
                i for i, m in hood.within(start, end) if m.start <= token.start < m.end
            )
            return (RoleFiller(start, end, parse.text[start:end]),)
    return ()


def _named_in_apposition(hood: Neighbourhood, head: int) -> int | None:
    """The named person a common noun stands in apposition to: "the body of Nemes Tarimo,
    *a Tanzanian* who was killed" and "*A Tanzanian student*, Nemes Tarimo, was recruited"
    are about Tarimo, whom the claims can then match by name across reports; None when no
    person is named (or the tagger did not mark the name as one)."""
    parse = hood.parse
    token = parse.tokens[head]
    if token.pos not in {"NOUN", "PROPN"} or any(
        isinstance(m, EntityMention) and m.type == "PER" and m.start <= token.start < m.end
        for m in hood.mentions
    ):
        return None  # a name already ("Tarimo, a student") or no noun
    around = list(parse.children[head])
    if token.dep == "appos" and 0 <= token.head < len(parse.tokens):
        around.append(token.head)
    for other in around:
        if other != token.head and parse.tokens[other].dep != "appos":
            continue
        at = parse.tokens[other].start
        if any(
            isinstance(m, EntityMention) and m.type == "PER" and m.start <= at < m.end
            for m in hood.mentions
        ):
            return other
    return None


def _nearest_before(
    hood: Neighbourhood, spec: RoleSpec, trigger: Trigger, filled: Filled
) -> tuple[RoleFiller, ...]:
    """When the parser found no subject (the small model misreads "Ninety inmates at …
    signed up"), the first fitting mention of the sentence before the trigger."""
    parse = hood.parse
    first, _ = parse.sentences[parse.sentence_of(trigger.head)]
    lo, hi = parse.tokens[first].start, parse.tokens[trigger.first].start
    candidates = [
        (i, m)
        for i, m in enumerate(hood.mentions)
        if lo <= m.start
        and m.end <= hi
        and _fits(hood, spec, filled, i, m)
        and not (isinstance(m, EntityMention) and m.type in {"LOC", "FAC"})
    ]
    if not candidates:
        return ()
    index, _ = min(candidates, key=lambda c: (c[1].start, -(c[1].end - c[1].start)))
    filled.used.add(index)
    return (role_filler(hood.mentions[index]),)


def _antecedent(
    hood: Neighbourhood, spec: RoleSpec, pronoun: int, filled: Filled
) -> tuple[RoleFiller, ...]:
    parse = hood.parse
    sentence = parse.sentence_of(pronoun)
    limit = parse.tokens[pronoun].start
    # A subject pronoun continues the last sentence's subject ("Forty convicts met the
    # recruiters. They were offered…"); a possessive the nearest group ("their release").
    centred = parse.tokens[pronoun].dep in {"nsubj", "nsubjpass"}
    for back in range(0, LOOK_BACK + 1):
        number = sentence - back
        if number < 0:
            break
        first, last = parse.sentences[number]
        indices = range(first, last + 1)
        candidates = [
            (i, m)
            for i, m in hood.in_tokens(indices)
            if m.end <= limit
            and _fits(hood, spec, filled, i, m)
            and not (isinstance(m, EntityMention) and m.type == "LOC")
            and _agrees(parse.tokens[pronoun].lemma, m)
        ]
        if candidates:
            # The subject of the sentence before is the likeliest "they" (centering), then
            # the nearest mention.
            best = max(
                candidates,
                key=lambda c: (
                    centred and back > 0 and _is_subject(parse, c[1]),
                    c[1].end,
                    c[1].end - c[1].start,
                    -_rank(spec, c[1]),
                ),
            )
            filled.used.add(best[0])
            filled.sentences.add(number)
            return (role_filler(best[1]),)
    return ()


#: Pronouns that refer to one person ("he said" is Prigozhin, not his group "Wagner").
PERSONAL = frozenset({"he", "him", "his", "she", "her"})


def _agrees(pronoun: str, mention: Mention) -> bool:
    """Whether ``mention`` can be what ``pronoun`` refers to: "he"/"she" a person or a
    group named in the singular ("the former policeman"), "it" no person."""
    if pronoun in PERSONAL:
        if isinstance(mention, EntityMention) and mention.type == "GROUP":
            return not _plural(mention.text)  # "he" is not "Russian authorities"
        if isinstance(mention, EntityMention):
            return mention.type == "PER"
        return not isinstance(mention, QuantityMention)
    if pronoun in {"it", "its"}:
        return not (isinstance(mention, EntityMention) and mention.type == "PER")
    return True


def _plural(phrase: str) -> bool:
    """A group named in the plural ("authorities", "former prisoners")."""
    words = phrase.split()
    last = words[-1].casefold() if words else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _anywhere(
    hood: Neighbourhood,
    spec: RoleSpec,
    trigger: Trigger,
    main: list[int],
    subordinate: list[int],
    filled: Filled,
) -> tuple[RoleFiller, ...]:
    parse = hood.parse
    anchor = parse.tokens[trigger.head].start
    sentence = parse.sentence_of(trigger.head)
    first, last = parse.sentences[sentence]
    whole = list(range(first, last + 1))
    if spec.name == "place" and "purpose" not in spec.slots:
        # "released women … to join the fighting *in Ukraine*": a purpose names where
        # they go, not where the event happened (deployments ask for it with `purpose`).
        purpose = parse.purpose_clauses(first, last)
        subordinate = [i for i in subordinate if i not in purpose]
        whole = [i for i in whole if i not in purpose]
    regions: list[tuple[list[int], int]] = [(main, sentence), (subordinate, sentence)]
    verb = parse.governing_verb(trigger.head)
    host = _host(parse, verb)
    if spec.name in CARRY_OVER and host is not None:
        # "struck the province on Wednesday, *killing* 9": a participle shares the place
        # and time of the clause it hangs from.
        regions.append((parse.clause(host)[0], sentence))
    if spec.name == "source":
        # Only a source comes from anywhere in the sentence; place and time come from the
        # event's own clause: "…, his lawyer said *on Tuesday*" dates the statement, not
        # the pardon.
        regions.append((whole, sentence))
    if spec.name in CARRY_OVER:
        paragraph = parse.paragraph_of_sentence(sentence)
        linked = {sentence - back for back in range(1, CARRY_BACK + 1)}
        linked |= {n for n in filled.sentences if n < sentence}  # a pronoun's antecedent
        if any(parse.tokens[i].lemma in CONTINUING_PRONOUNS for i in main):
            linked.add(sentence - 1)  # "Two of *them* were arrested": the same people go on
        for number in sorted(linked, reverse=True):
            if number < 0 or parse.paragraph_of_sentence(number) != paragraph:
                continue
            begin, end = parse.sentences[number]
            regions.append((list(range(begin, end + 1)), number))
    for indices, number in regions:
        candidates = [
            (i, m)
            for i, m in hood.in_tokens(indices)
            if _fits(hood, spec, filled, i, m) and not hood.whole_of_used(i, filled.used)
        ]
        if spec.name == "time" and number == sentence:
            # "jailed over *the 2006 killing*", "a law passed *last week*": a date inside
            # another noun's phrase dates that noun, not the event.
            candidates = [c for c in candidates if not _dates_other(parse, c[1], trigger)]
        if spec.name == "place" and number == sentence:
            # "the war *in Ukraine*", "the invasion *of Ukraine*": a place inside another
            # noun phrase says where that is, not where the event happened.
            destination = "purpose" in spec.slots
            candidates = [
                c
                for c in candidates
                if _locates(hood, c[1], trigger, verb, destination)
                or (host is not None and _locates(hood, c[1], None, host, destination))
            ]
        if spec.name == "source":
            candidates = [c for c in candidates if _attributes(c[1], anchor)] or [
                c for c in candidates if not _attributes_elsewhere(c[1], anchor)
            ]
        if candidates:
            best = min(candidates, key=lambda c: (_rank(spec, c[1]), abs(c[1].start - anchor)))
            filled.used.add(best[0])
            filled.sentences.add(number)
            return (role_filler(best[1]),)
    if spec.name == "source":
        # A quotation of several sentences is attributed once, at its end ("“They were
        # taken from colonies. I don't know which ones,” she said"): every sentence of
        # the quoted span is the speaker's claim.
        paragraph = parse.paragraph_of_sentence(sentence)
        later = [
            (i, m)
            for i, m in enumerate(hood.mentions)
            if _attributes(m, anchor)
            and m.start > parse.tokens[last].end
            and _fits(hood, spec, filled, i, m)
        ]
        for index, mention in sorted(later, key=lambda c: c[1].start):
            number = parse.sentence_of(hood.token_at(mention.start))
            if parse.paragraph_of_sentence(number) == paragraph:
                filled.used.add(index)
                filled.sentences.add(number)
                return (role_filler(mention),)
    return ()


#: Pronouns by which a clause goes on with the previous sentence's people.
CONTINUING_PRONOUNS = frozenset({"they", "them", "their", "he", "him", "his", "she", "her"})
#: Prepositions that say where something happened; "to", "into" and "towards" name a
#: destination, which only a deployment takes as its place.
LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within", "on"}
)
DESTINATION = frozenset({"to", "into", "towards", "toward", "for"})
#: Nouns a place may hang from and still place the event: "a colony *in* the Perm region".
PLACE_NOUNS = frozenset(
    {
        "prison",
        "colony",
        "jail",
        "camp",
        "facility",
        "region",
        "city",
        "town",
        "village",
        "oblast",
        "district",
        "area",
        "republic",
        "territory",
        "krai",
        "province",
        "part",
        "south",
        "north",
        "east",
        "west",
        "centre",
        "center",
        "outskirts",
        "battle",
    }
)


#: Prepositions whose object is a period: a date modifying it dates the event.
SPANS = frozenset({"during", "throughout", "in", "since", "until", "through"})


def _dates_other(parse: Parse, mention: Mention, trigger: Trigger) -> bool:
    """Whether a time mention modifies a noun other than the trigger, directly ("the *2006*
    killing") or through a participle or relative clause on it ("a law *passed last
    week*")."""
    own = set(range(trigger.first, trigger.last + 1))
    starts = parse.starts
    current = bisect.bisect_right(starts, mention.end - 1) - 1
    if current < 0 or current in own:
        return False
    token = parse.tokens[current]
    if token.dep in {"compound", "nummod", "amod", "poss", "npadvmod"} and token.head not in own:
        noun = parse.tokens[token.head]
        timed = noun.dep == "pobj" and parse.tokens[noun.head].lemma in SPANS
        if noun.pos in {"NOUN", "PROPN"} and token.head > current and not timed:
            return True  # but "agreed *during the winter* recruitment" is dated by it
    for _ in range(8):
        head = token.head
        if head == current or head in own:
            return False
        if token.dep in {"acl", "relcl"} and parse.tokens[head].pos in {"NOUN", "PROPN"}:
            return True
        current, token = head, parse.tokens[head]
    return False


def _host(parse: Parse, verb: int) -> int | None:
    """The verb a subjectless participle or infinitive hangs from ("struck …, *killing*")."""
    token = parse.tokens[verb]
    if token.dep not in {"advcl", "xcomp", "conj"} or token.head == verb:
        return None
    if any(parse.tokens[c].dep in {"nsubj", "nsubjpass", "mark"} for c in parse.children[verb]):
        return None
    head = token.head
    return head if parse.tokens[head].pos in {"VERB", "AUX"} else None


def _locates(
    hood: Neighbourhood, mention: Mention, event: Trigger | None, verb: int, to: bool
) -> bool:
    """Whether a place mention hangs by a locative preposition from the event's verb or
    trigger words ("went on *strike* in Gdansk"), possibly through other places ("at a
    colony in the Perm region")."""
    parse = hood.parse
    own = set(range(event.first, event.last + 1)) if event is not None else set()
    own.add(verb)
    starts = parse.starts
    current = bisect.bisect_right(starts, mention.end - 1) - 1
    if current < 0:
        return False
    while parse.tokens[current].dep in {"compound", "amod", "nmod"}:
        current = parse.tokens[current].head  # "Donetsk *region*"
    allowed = LOCATIVE | DESTINATION if to else LOCATIVE
    for steps in range(6):
        token = parse.tokens[current]
        if token.dep in {"conj", "appos"}:
            current = token.head  # "in Tula *and Arkhangelsk*"
            continue
        if token.dep in {"dobj", "nsubjpass"} and token.head in own and steps:
            return True  # "struck a camp *near Kherson*": where its object is
        if token.dep != "pobj":
            return False
        prep = token.head
        origin = parse.tokens[prep].lemma in {"from", "of"} and _facility(hood, current)
        if parse.tokens[prep].lemma not in allowed and not origin:
            return False  # "recruited *from prisons* in the region" is where it happened
        above = parse.tokens[prep].head
        if above in own:
            return True
        word = parse.tokens[above]
        if _participant(parse, above, verb):
            return True  # "officials *in the Irkutsk region* denied", "40 of the inmates at…"
        if word.pos in {"VERB", "AUX"}:
            return parse.clause_key(above) == parse.clause_key(verb)
        inside_place = any(
            isinstance(m, EntityMention)
            and m.type in {"LOC", "FAC"}
            and m.start <= word.start < m.end
            for m in hood.mentions
        )
        if not inside_place and word.lemma not in PLACE_NOUNS:
            return False
        current = above
        while parse.tokens[current].dep in {"compound", "amod", "nmod"}:
            current = parse.tokens[current].head
    return False


def _participant(parse: Parse, index: int, verb: int) -> bool:
    """Whether a noun is the event's subject or object, or the whole a partitive subject
    or object counts ("Forty *of the inmates*"): where its people are, the event is."""
    token = parse.tokens[index]
    if token.dep in {"nsubj", "nsubjpass", "dobj"} and token.head == verb:
        return True
    if token.dep == "pobj" and parse.tokens[token.head].lemma == "of":
        holder = parse.tokens[parse.tokens[token.head].head]
        return holder.dep in {"nsubj", "nsubjpass", "dobj"} and holder.head == verb
    return False


#: Nouns of places people are held in: recruiting "from a colony" happens there.
FACILITIES = frozenset({"prison", "colony", "jail", "camp", "facility", "detention"})


def _facility(hood: Neighbourhood, index: int) -> bool:
    token = hood.parse.tokens[index]
    return token.lemma in FACILITIES or any(
        isinstance(m, EntityMention) and m.type == "FAC" and m.start <= token.start < m.end
        for m in hood.mentions
    )


def _is_subject(parse: Parse, mention: Mention) -> bool:
    """Whether the mention holds a clause's grammatical subject."""
    return any(
        t.dep in {"nsubj", "nsubjpass"} and mention.start <= t.start < mention.end
        for t in parse.tokens
        if mention.start <= t.start < mention.end
    )


def _attributes(mention: Mention, anchor: int) -> bool:
    """A source whose claim span covers the trigger."""
    return (
        isinstance(mention, SourceMention)
        and mention.claim_start is not None
        and mention.claim_end is not None
        and mention.claim_start <= anchor < mention.claim_end
    )


def _attributes_elsewhere(mention: Mention, anchor: int) -> bool:
    """A source whose claim span is known and lies wholly after or before the trigger
    ("…, *adding* that …", "data *showing* that …"): it attributes another clause."""
    if not isinstance(mention, SourceMention):
        return False
    if mention.claim_start is None or mention.claim_end is None:
        return False
    return mention.claim_start > anchor or mention.claim_end <= anchor


def _terms(hood: Neighbourhood, spec: RoleSpec, indices: list[int]) -> tuple[RoleFiller, ...]:
    """Every term of the role's list found in the clause, longest first, no overlaps."""
    parse = hood.parse
    tokens = parse.tokens
    ordered = sorted(indices)
    positions = {index: n for n, index in enumerate(ordered)}
    spans: list[tuple[int, int]] = []
    for terms in sorted(spec.terms, key=len, reverse=True):
        for index in ordered:
            n = positions[index]
            window = ordered[n : n + len(terms)]
            if len(window) < len(terms) or window[-1] - window[0] != len(terms) - 1:
                continue
            if all(tokens[i].lemma == word for i, word in zip(window, terms, strict=True)):
                span = (tokens[window[0]].start, tokens[window[-1]].end)
                if not any(s < span[1] and span[0] < e for s, e in spans):
                    spans.append(span)
    return tuple(RoleFiller(s, e, parse.text[s:e]) for s, e in sorted(spans))


def _fits(
    hood: Neighbourhood, spec: RoleSpec, filled: Filled, index: int, mention: Mention
) -> bool:
    """Whether mention ``index`` may still fill this role of this event: not used by another
    role, usable at all (:meth:`Neighbourhood.usable`), and of a kind the role accepts."""
    return (
        index not in filled.used
        and hood.usable(index, spec, filled.own)
        and _kind_rank(spec, mention) is not None
    )


def _kind_rank(spec: RoleSpec, mention: Mention) -> int | None:
    """Position of the first filler kind in ``spec.fill`` that accepts ``mention``."""
    for rank, kind in enumerate(spec.fill):
        if kind != "phrase" and accepts(kind, mention):
            return rank
    return None


def _rank(spec: RoleSpec, mention: Mention) -> int:
    rank = _kind_rank(spec, mention)
    return len(spec.fill) if rank is None else rank


def mention_key(mention: Mention) -> str:
    """A key naming a mention by kind and span (``@time:104:112``): assembly may run before
    mentions get their final ids; :func:`storyline.events.link_mentions` swaps keys for ids."""
    return f"@{mention.kind}:{mention.start}:{mention.end}"


def role_filler(mention: Mention) -> RoleFiller:
    """A mention as a role's filler, keyed to the mention and its entity."""
    entity = mention.entity if isinstance(mention, EntityMention | SourceMention) else None
    return RoleFiller(
        mention.start, mention.end, mention.text, mention=mention_key(mention), entity=entity
    )
