"""Find the words that signal an event of a codebook type.

A trigger is a token whose lemma a type lists, or a phrase of lemmas in order with at most
:data:`MAX_GAP` other words between them ("signed a contract", "signed up"). A codebook's
``context`` words must occur in the sentence or the one before it (so "release" counts
only near prisons, inmates or the front) and its ``exclude`` phrases veto a trigger inside
them ("press release"). One word triggers one event type: phrases beat single lemmas, then the
codebook's order decides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from storyline import langpacks
from storyline.events.codebook import Codebook, EventType
from storyline.events.syntax import Parse
from storyline.model import EntityMention, Mention, SourceMention, TimeMention

#: Other words allowed between the words of a phrase trigger: "signed [a] contract",
#: "signed [military] contracts", "refused [immediately] to comment". Two keeps "sign ...
#: contract" from spanning unrelated clauses of a long sentence.
MAX_GAP = 2
#: Parts of speech a single-lemma trigger may have: "release" the verb or the noun, never
#: the auxiliary, a preposition or a proper name.
TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ"})
#: A word modifying a noun ("the recruited women", "combat deaths" is kept: compound
#: nouns name events) describes people, not an event that happened here.
MODIFIER_DEPS = frozenset({"amod", "compound"})
#: Noun triggers inside another event's clause are that event's details ("offered
#: *pardons*", "committed *crimes*"), not events of their own.
NOUNS = frozenset({"NOUN", "ADJ"})
#: Named things are not events: "Federal Penitentiary Service", "Release Day Foundation".
NAMED_TYPES = frozenset({"PER", "ORG", "LOC", "FAC"})
#: Entity types that are places: a type that moves people does not move them ("captured
#: *Bakhmut*").
PLACES = frozenset({"LOC", "FAC"})
#: Dependencies through which a word is a detail of the event above it: "charged *with
#: killing*", "convicted *of murder*" are the charge, not a second event.
DETAIL_DEPS = frozenset({"prep", "pcomp", "pobj"})
#: Prepositions that order two events in time: what hangs from them is an event of its own
#: ("pardoned *after completing* their contracts"), not a detail of the one above.
SEQUENCE = frozenset({"after", "before", "following", "upon", "until", "since", "during"})
#: Verbs whose prepositional object names an offence, not an event: "convicted *of
#: killing* two people", "a sentence *for a 2019 murder*", "accused *of violent crimes*".
LEGAL_FRAMES = frozenset(
    {"convict", "charge", "accuse", "suspect", "sentence", "jail", "prosecute", "try", "acquit"}
)
#: Words that make a clause a condition or a habit, not a told event: "if they are
#: killed", "once they enlist", "recruits were *typically* sent".
CONDITIONS = frozenset({"if", "unless", "once", "whenever", "provided", "providing"})
HABITUAL = frozenset({"typically", "usually", "often", "normally", "generally", "routinely"})
#: Present-tense verbs in a relative clause define a class ("prisoners who *sign*
#: contracts"), they do not tell that something happened.
PRESENT = frozenset({"VBP", "VBZ"})


@dataclass(frozen=True)
class Trigger:
    """A matched trigger: token indices ``first``..``last``; ``head`` is its main word."""

    type: EventType
    first: int
    last: int
    head: int
    phrase: bool


def find_triggers(
    parse: Parse, codebook: Codebook, mentions: Sequence[Mention], body_start: int
) -> list[Trigger]:
    """Every trigger in the body (the headline repeats the body's events), one per word."""
    tokens = parse.tokens
    named = [
        (m.start, m.end) for m in mentions if isinstance(m, EntityMention) and m.type in NAMED_TYPES
    ]
    sources = [(m.start, m.end) for m in mentions if isinstance(m, SourceMention)]
    anchors = [(m.start, m.end) for m in mentions if _anchors(m)]
    places = [
        (m.start, m.end) for m in mentions if isinstance(m, EntityMention) and m.type in PLACES
    ]
    headline = {t.lemma for t in tokens if t.end <= body_start}
    repeats = repeated_paragraphs(parse.text, body_start)
    found: dict[int, Trigger] = {}
    for number, (first, last) in enumerate(parse.sentences):
        if tokens[first].start < body_start or _in_spans(tokens[first].start, repeats):
            continue
        lemmas = _context_lemmas(parse, number)
        for event_type in codebook.types:
            near = lemmas | headline if event_type.headline_context else lemmas
            if event_type.context and not near & event_type.context:
                continue
            for trigger in _matches(parse, event_type, first, last):
                if _vetoed(parse, event_type, trigger, first, last, named):
                    continue
                if event_type.moves_people and _moves_a_thing(parse, trigger, places):
                    continue
                start = tokens[trigger.head].start
                if not event_type.speech and any(s <= start < e for s, e in sources):
                    continue  # "according to prisoners *who were released*": the source
                current = found.get(trigger.head)
                if current is None or _better(trigger, current):
                    found[trigger.head] = trigger
    # A phrase owns its words: "did *not confirm*" is a refusal, not a confirmation.
    spans = [(t.first, t.last) for t in found.values() if t.phrase]
    for head in list(found):
        if not found[head].phrase and any(f <= head <= last for f, last in spans):
            del found[head]
    heads = dict(found)
    for head in list(found):
        if _detail_of(parse, head, heads) or _not_an_occurrence(parse, found[head], anchors):
            del found[head]
    told: dict[str, list[int]] = {}  # type -> sentences where an event of it was told
    for head in sorted(found):
        if _told_again(parse, found[head], told, anchors):
            del found[head]
        else:
            told.setdefault(found[head].type.name, []).append(parse.sentence_of(head))
    # What a speech verb reports is an event of its own ("confirmed *the deaths*").
    verbal = {
        t.head for t in found.values() if tokens[t.head].pos not in NOUNS and not t.type.speech
    }
    return sorted(
        (
            t
            for t in found.values()
            if tokens[t.head].pos not in NOUNS or parse.governing_verb(t.head) not in verbal
        ),
        key=lambda t: t.first,
    )


def repeated_paragraphs(text: str, body_start: int) -> list[tuple[int, int]]:
    """Spans of body paragraphs that are a page's title printed again: a paragraph that
    repeats the headline or an earlier paragraph, starts with the headline, or is a line
    without final punctuation that the page prints twice ("Ukraine has begun releasing
    prisoners — The New York Times" three times). They tell no new event."""
    headline = _normal(text[:body_start])
    paragraphs = []
    at = body_start
    while at < len(text):
        end = text.find("\n\n", at)
        end = len(text) if end == -1 else end
        paragraphs.append((at, end, _normal(text[at:end])))
        at = end + 2
    counts = Counter(p for _, _, p in paragraphs)
    spans, seen = [], {headline} if headline else set()
    for start, end, paragraph in paragraphs:
        title = counts[paragraph] > 1 and not paragraph.endswith((".", "!", "?", "”", '"'))
        if paragraph and (
            paragraph in seen or title or (len(headline) > 30 and paragraph.startswith(headline))
        ):
            spans.append((start, end))
        seen.add(paragraph)
    return spans


def _normal(paragraph: str) -> str:
    return " ".join(paragraph.split()).lower()


def _in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _anchors(mention: Mention) -> bool:
    """A date or a named place: what ties a participle to one occurrence."""
    if isinstance(mention, TimeMention):
        return mention.granularity != "duration"
    return isinstance(mention, EntityMention) and mention.type in {"LOC", "FAC"}


def _better(new: Trigger, current: Trigger) -> bool:
    """Phrases beat single words; a type whose context words matched beats a general one
    ("killed" near "flood" is a disaster's casualty, not an attack)."""
    if new.phrase != current.phrase:
        return new.phrase
    return bool(new.type.context) and not current.type.context


def _detail_of(parse: Parse, head: int, triggers: dict[int, Trigger]) -> bool:
    """Whether ``head`` hangs by a preposition from another type's trigger or from a legal
    verb (a detail or an offence, not an event)."""
    current, steps = head, 0
    while parse.tokens[current].dep in DETAIL_DEPS and steps < 4:
        current = parse.tokens[current].head
        steps += 1
        if parse.tokens[current].lemma in SEQUENCE and parse.tokens[current].dep == "prep":
            return False  # "pardoned *after fighting* in Ukraine": an event before it
        other = triggers.get(current)
        if other is not None and other.type != triggers[head].type:
            return True
        if parse.tokens[current].lemma in LEGAL_FRAMES:
            return True
    return False


#: Words that make an "if" clause a question ("It is unclear *if* their release…",
#: "asked if"), which the hedges stage marks as ``unknown``, not a condition.
QUESTIONS = frozenset(
    {"unclear", "unknown", "uncertain", "clear", "sure", "know", "ask", "wonder", "check"}
)


def _asks(parse: Parse, verb: int) -> bool:
    head = parse.tokens[verb].head
    if head == verb:
        return False
    words = {parse.tokens[head].lemma} | {parse.tokens[c].lemma for c in parse.children[head]}
    return bool(words & QUESTIONS)


#: Verbs after which an infinitive still tells the event ("began *to arrive*").
ASPECTUAL = frozenset(
    {"begin", "start", "continue", "resume", "keep", "proceed", "go", "manage", "succeed"}
    | {"force", "compel", "oblige"}  # "forced to leave": they left
    | {"refuse", "decline", "fail"}  # "refusing to sign": a refusal (negated)
    # Raising verbs leave the certainty to the hedge: "believed to be trapped".
    | {"believe", "think", "say", "report", "suspect", "seem", "appear", "allege", "fear"}
)
#: Modals that, with a negation or a condition, make a clause a rule, a prohibition or a
#: hypothesis ("may not leave", "cannot apply", "can only be released if …").
RULE_MODALS = frozenset(
    {"can", "could", "may", "might", "must", "shall", "should", "will", "would"}
)
#: Modals of obligation: what must or should happen is a rule, not a told event.
OBLIGATIONS = frozenset({"must", "should"})
#: Adjectives of eligibility: "are not *eligible* for release" states a rule.
ELIGIBILITY = frozenset({"eligible", "ineligible", "entitled", "qualified"})
#: Verbs whose participle or relative clause tells who someone is (their record), not an
#: event of the report: "a man *convicted* of killing", "who was *sentenced* in 2014",
#: "a former convict who *fought* in Ukraine".
RECORD = frozenset({"convict", "sentence", "jail", "imprison", "fight"})


#: Verbs of a trend: an event noun as their subject tells how often something happens,
#: not that it happened ("recruitment appears to have *slowed*").
TRENDS = frozenset(
    {"slow", "grow", "rise", "fall", "increase", "decrease", "decline", "drop", "accelerate"}
    | {"surge", "dwindle", "stall", "intensify", "spike", "soar", "plummet", "peak"}
)
#: Modifiers that make an event noun a forecast: "could encourage *further* recruitment".
AHEAD = frozenset({"further", "future"})


def _trend(parse: Parse, head: int) -> bool:
    """An event noun that is the subject of a trend or is still ahead ("recruitment has
    slowed", "further recruitment")."""
    tokens = parse.tokens
    if tokens[head].pos != "NOUN":
        return False
    if any(tokens[c].dep == "amod" and tokens[c].lemma in AHEAD for c in parse.children[head]):
        return True
    if tokens[head].dep not in {"nsubj", "nsubjpass"}:
        return False
    verb = tokens[head].head
    verbs = [verb, *(c for c in parse.children[verb] if tokens[c].dep == "xcomp")]
    return any(tokens[v].lemma in TRENDS for v in verbs)


#: Nouns that measure or describe an activity: an event noun after them ("the *pace* of
#: recruitment", "the *terms* of recruitment", "*information* about recruitment") is the
#: topic of a statement about the activity, not a report that it happened.
ASPECTS = frozenset(
    {"pace", "scale", "rate", "extent", "speed", "level", "volume", "term", "detail"}
    | {"information", "data", "statistic", "figure"}
    | {"policy", "practice"}  # "its policy of *pardoning* prisoners": a rule, not a pardon
)


def _aspect_of(parse: Parse, head: int) -> bool:
    """An event noun or gerund governed by "of"/"about"/"on" after a noun of
    :data:`ASPECTS`."""
    tokens = parse.tokens
    noun = tokens[head].pos == "NOUN" and tokens[head].dep == "pobj"
    if not (noun or (tokens[head].tag == "VBG" and tokens[head].dep == "pcomp")):
        return False
    prep = tokens[tokens[head].head]
    if prep.lemma not in {"of", "about", "on"} or prep.dep != "prep":
        return False
    above = tokens[prep.head]
    return above.pos == "NOUN" and above.lemma in ASPECTS


def _class_participle(parse: Parse, head: int, anchors: Sequence[tuple[int, int]]) -> bool:
    """A past participle after a noun that says which people, not what happened to them
    at a time or place of the report: "criminals *recruited* by Wagner", "those *pardoned*
    after Wagner service", "persons *released* from prison". With a date or a named place
    of its own it tells an event ("prisoners *recruited* in the fall", "men *recruited*
    from prisons in the Sverdlovsk region")."""
    token = parse.tokens[head]
    if token.dep != "acl" or token.tag != "VBN":
        return False
    words = parse.subtree(head)
    lo, hi = parse.tokens[words[0]].start, parse.tokens[words[-1]].end
    return not any(lo <= start and end <= hi for start, end in anchors)


#: Verbs that keep an act from happening: "Wagner was *banned from recruiting*".
PREVENTS = frozenset({"ban", "bar", "prohibit", "prevent", "forbid", "block", "stop", "keep"})


def _prevented(parse: Parse, verb: int) -> bool:
    """A gerund after "from" under a verb of prevention did not happen."""
    token = parse.tokens[verb]
    if token.dep != "pcomp" or token.head == verb:
        return False
    prep = parse.tokens[token.head]
    above = parse.tokens[prep.head]
    return prep.lemma == "from" and prep.head != token.head and above.lemma in PREVENTS


#: Determiners that point back at something already told ("*the* release", "*this* pardon").
BACK_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
#: How many sentences back a definite event noun may point.
BACK_SENTENCES = 3
#: Nouns that are counts ("thousands of convicts", "dozens of men"): a figure of its own.
COUNT_WORDS = frozenset({"dozen", "hundred", "thousand", "million", "score", "ten"})


def _told_again(
    parse: Parse,
    trigger: Trigger,
    told: Mapping[str, list[int]],
    anchors: Sequence[tuple[int, int]],
) -> bool:
    """A later reference to an event the report has just told: a definite or possessive
    event noun with no figure, date or place of its own, a few sentences after an event of
    its type ("News of *the cannibal's release*" after "pardoned a Satanist cannibal";
    "*the attack*"). Annotators record an event once, at its first mention.

    A possessor must be a common noun of that earlier sentence ("the cannibal's" after "a
    cannibal"): a name ("Orlov's pardon"), a pronoun or a relative ("her son's death") may
    be someone else, so those stay events. An open question about it ("unclear if *their
    release* was approved") is news; "the release of 350 prisoners", "the May release" and
    "the deaths of dozens" state one of their own.
    """
    tokens, head = parse.tokens, trigger.head
    if trigger.phrase or trigger.type.speech or tokens[head].pos not in NOUNS:
        return False
    here = parse.sentence_of(head)
    earlier = [n for n in told.get(trigger.type.name, ()) if 0 <= here - n <= BACK_SENTENCES]
    if not earlier:
        return False
    children = parse.children[head]
    owners = [c for c in children if tokens[c].dep == "poss"]
    if owners:
        owner = tokens[owners[0]]
        if owner.pos != "NOUN" or owner.lemma in _event_words("relatives"):
            return False
        first, last = parse.sentences[earlier[-1]]
        if owner.lemma not in {tokens[i].lemma for i in range(first, last + 1)}:
            return False
    elif not any(tokens[c].dep == "det" and tokens[c].lemma in BACK_DETERMINERS for c in children):
        return False
    verb = parse.governing_verb(head)
    if any(
        tokens[c].dep == "mark" and tokens[c].lemma in {"if", "whether"}
        for c in parse.children[verb]
    ):
        return False  # an open question about it ("unclear if *their release* was …") is news
    # Its own figure, date or place: in its phrase, or in its clause when it is the subject
    # ("the recruitment of women started *in 2023*").
    subject = tokens[head].dep in {"nsubj", "nsubjpass"}
    below = parse.subtree(verb if subject else head)
    if any(tokens[i].pos == "NUM" or tokens[i].lemma in COUNT_WORDS for i in below):
        return False
    return not _anchored(parse, below, anchors)


def _not_an_occurrence(
    parse: Parse, trigger: Trigger, anchors: Sequence[tuple[int, int]] = ()
) -> bool:
    """Conditions, habits, trends, class-defining relative clauses, purposes, rules and
    records ("if they are killed", "recruitment has slowed", "were typically sent",
    "prisoners who sign contracts", "in a bid to recruit", "may not leave", "are not
    eligible for release", "a man convicted of murder") tell no event. A refusal keeps its
    modal ("would not say")."""
    head = trigger.head
    verb = parse.governing_verb(head)
    tokens = parse.tokens
    if tokens[verb].dep == "relcl" and tokens[verb].tag in PRESENT:
        return True
    if head == verb and _class_participle(parse, head, anchors):
        return True
    if head == verb and _prevented(parse, verb):
        return True
    if _trend(parse, head) or _aspect_of(parse, head):
        return True
    if tokens[head].lemma in RECORD and tokens[head].pos == "VERB" and _describes(parse, head):
        return True
    if tokens[head].pos in NOUNS and _punished_for(parse, head, verb, anchors):
        return True
    if (head == verb and _purpose(parse, verb)) or _eligibility(parse, head, verb):
        return True
    if not trigger.type.speech and _rule(parse, verb):
        return True
    for child in parse.children[verb]:
        lemma = tokens[child].lemma
        if tokens[child].dep == "mark" and lemma in CONDITIONS and not _asks(parse, verb):
            return True
        if tokens[child].dep == "advmod" and lemma in HABITUAL:
            return True
    return False


def _punished_for(
    parse: Parse, head: int, verb: int, anchors: Sequence[tuple[int, int]] = ()
) -> bool:
    """An event noun that is what someone was punished for: "serving ten years *for*
    murder", "in jail for his part in the *murder*", "a conviction *for* robbery" (the
    ``punishments`` of the English pack): the convict's record, told as background, not a
    crime of the report. A sentence being served is always the record; any other
    punishment is one only when nothing makes it new — no date or named place in its
    clause ("imprisoned for the murder of a neighbour *in June*"), no "new" or "again"
    ("a *new* conviction for assault"); "arrested for murder" is no punishment at all."""
    tokens, current = parse.tokens, head
    for _ in range(6):
        above = tokens[current].head
        if above == current:
            return False
        punishment = tokens[above].head
        if (
            tokens[current].dep == "pobj"
            and tokens[above].lemma in {"for", "of"}
            and tokens[punishment].lemma in _event_words("punishments")
        ):
            return _served(parse, punishment, verb) or not _made_new(
                parse, punishment, verb, anchors
            )
        if above == verb:
            return False
        current = above
    return False


def _served(parse: Parse, punishment: int, verb: int) -> bool:
    """Whether the punishment is a sentence being served ("serving ten years", "his prison
    term")."""
    words = {parse.tokens[punishment].lemma, parse.tokens[verb].lemma}
    return bool(words & {"serve", "term"})


def _made_new(parse: Parse, punishment: int, verb: int, anchors: Sequence[tuple[int, int]]) -> bool:
    """Whether a punishment is told as a new happening: "new"/"again"/"second" on it or its
    verb, or a date or named place in its clause."""
    tokens = parse.tokens
    near = [*parse.children[punishment], *parse.children[verb]]
    if any(tokens[c].lemma in {"new", "again", "second", "fresh"} for c in near):
        return True
    below = parse.subtree(verb)
    return _anchored(parse, below, anchors)


def _anchored(parse: Parse, indices: Sequence[int], anchors: Sequence[tuple[int, int]]) -> bool:
    """Whether a date or a named place starts within the text the tokens ``indices`` span."""
    start = min(parse.tokens[i].start for i in indices)
    end = max(parse.tokens[i].end for i in indices)
    return any(start <= a < end for a, _ in anchors)


def _describes(parse: Parse, word: int) -> bool:
    """A participle or relative clause on a noun ("the man *convicted* of …", "who was
    *convicted*")."""
    verb = parse.governing_verb(word)
    return parse.tokens[verb].dep in {"acl", "relcl"}


def _purpose(parse: Parse, verb: int) -> bool:
    """An infinitive of purpose, wish or permission ("in a bid to *recruit*", "refusing *to
    be released*", "allowed Wagner *to recruit*"): what is aimed at has not happened.
    Aspectual and implicative verbs keep the event ("began to arrive", "managed to
    recruit"); an event noun inside the purpose ("to make up for its *losses*") is told
    as a fact, so only the infinitive itself is checked."""
    token = parse.tokens[verb]
    if token.dep not in {"advcl", "acl", "xcomp", "ccomp", "relcl"} or token.head == verb:
        return False
    if not any(
        parse.tokens[c].lemma == "to" and parse.tokens[c].dep == "aux" for c in parse.children[verb]
    ):
        return False
    return parse.tokens[token.head].lemma not in ASPECTUAL


def _eligibility(parse: Parse, head: int, verb: int) -> bool:
    """ "not eligible for *release*", "entitled to *parole*": a rule, not an event."""
    current, steps = head, 0
    while current != verb and steps < 6:
        current = parse.tokens[current].head
        steps += 1
        if parse.tokens[current].lemma in ELIGIBILITY:
            return True
    return any(
        parse.tokens[c].lemma in ELIGIBILITY and parse.tokens[c].dep in {"acomp", "attr"}
        for c in parse.children[verb]
    )


def _rule(parse: Parse, verb: int) -> bool:
    """A modal with a negation or a condition: "may not leave their unit", "cannot apply",
    "can only be released if …", "could be released unless …"."""
    children = [parse.tokens[c] for c in parse.children[verb]]
    if any(c.dep == "aux" and c.lemma in OBLIGATIONS for c in children):
        return True  # "courts must approve every application": a procedure, not an event
    if not any(c.dep == "aux" and c.lemma in RULE_MODALS for c in children):
        return False
    if any(c.dep == "neg" for c in children):
        return True
    for clause in parse.children[verb]:
        if parse.tokens[clause].dep != "advcl":
            continue
        for mark in parse.children[clause]:
            if parse.tokens[mark].dep == "mark" and parse.tokens[mark].lemma in CONDITIONS | {
                "provided",
                "providing",
            }:
                return True
    return False


def _context_lemmas(parse: Parse, number: int) -> set[str]:
    """Lemmas of the sentence and of the one before it in the same paragraph: "The fighters
    came home in May. Two of them were arrested" is a crime after return."""
    first, last = parse.sentences[number]
    if number > 0 and parse.paragraph_of_sentence(number - 1) == parse.paragraph_of_sentence(
        number
    ):
        first = parse.sentences[number - 1][0]
    return {parse.tokens[i].lemma for i in range(first, last + 1)}


def _matches(parse: Parse, event_type: EventType, first: int, last: int) -> list[Trigger]:
    tokens = parse.tokens
    result = []
    for index in range(first, last + 1):
        token = tokens[index]
        if token.pos in TRIGGER_POS and (
            token.lemma in event_type.lemmas
            or f"{token.lemma}/{token.pos}" in event_type.lemmas
            or _gerund_of(parse, index, event_type)
        ):
            result.append(Trigger(event_type, index, index, index, phrase=False))
        for phrase in event_type.phrases:
            if phrase[0] == token.lemma:
                end = _phrase_end(parse, phrase, index, last)
                if end is not None:
                    result.append(Trigger(event_type, index, end, index, phrase=True))
    return result


def _gerund_of(parse: Parse, index: int, event_type: EventType) -> bool:
    """A gerund the parser read as a compound noun ("turned to *recruiting* inmates", "its
    *recruiting* campaign", lemma "recruiting") triggers as its verb would; nouns of their
    own ("killings", "water-*bombing* planes") do not."""
    token = parse.tokens[index]
    if not _gerund(parse, index) or parse.text[token.start - 1 : token.start] == "-":
        return False
    stem = token.lemma[:-3]
    return any(
        base in event_type.lemmas or f"{base}/VERB" in event_type.lemmas
        for base in (stem, stem + "e")
    )


def _phrase_end(parse: Parse, words: tuple[str, ...], start: int, last: int) -> int | None:
    """Index of the phrase's last word if ``words`` match from ``start``, else ``None``."""
    position = start
    for word in words[1:]:
        candidate, gap = position + 1, 0
        while candidate <= last and gap <= MAX_GAP:
            if parse.tokens[candidate].lemma == word:
                position = candidate
                break
            gap += not _counting(parse, candidate)
            candidate += 1
        else:
            return None
    return position


def _counting(parse: Parse, index: int) -> bool:
    """A word of a count, which does not widen a phrase's gap: "lost *more than 20,000*
    fighters" is "lose fighter"."""
    token = parse.tokens[index]
    return token.pos == "NUM" or token.dep in {"quantmod", "nummod"}


def _gerund(parse: Parse, index: int) -> bool:
    """A noun in -ing before another noun names an activity, not a kind of thing:
    "*recruiting* inmates", "its *recruiting* campaign" (the parser calls it a compound)."""
    token = parse.tokens[index]
    word = parse.text[token.start : token.end].lower()
    return (
        token.dep == "compound"
        and token.pos == "NOUN"
        and word.endswith("ing")
        and word == token.lemma
    )


@cache
def _event_words(name: str) -> frozenset[str]:
    """A word list of the English pack's ``events.yaml``: ``things`` (nouns naming things,
    data or places, never people), ``departures`` (verbs whose subject is who goes)."""
    words = langpacks.load("en").section("events").get(name, ())
    return frozenset(str(word).lower() for word in words)


def _moved(parse: Parse, head: int) -> int | None:
    """What a trigger moves: a verb's direct object or passive subject, the nearest one
    ("transferred *the materials*", "the *video* was sent"), a noun's "of" object ("the
    capture *of the city*")."""
    tokens = parse.tokens
    if tokens[head].pos == "NOUN":
        for child in parse.children[head]:
            if tokens[child].dep == "prep" and tokens[child].lemma == "of":
                return next((g for g in parse.children[child] if tokens[g].dep == "pobj"), None)
        return None
    moved = [c for c in parse.children[head] if tokens[c].dep in {"dobj", "nsubjpass"}]
    # the nearest: a dateline's place may be parsed as a second subject ("Moscow, Russia -
    # One of the men … has been pardoned")
    return min(moved, key=lambda c: abs(c - head), default=None)


def _moves_a_thing(parse: Parse, trigger: Trigger, places: Sequence[tuple[int, int]]) -> bool:
    """Whether a trigger of a type that moves people moves a thing, data or a place instead
    ("transfer *control* to the army", "*the capture of the city*", "captured *Bakhmut*").
    A verb of departure has none ("left *Penal Colony No. 11*", "fled *their positions*").
    The small English model often reads a place name right after the verb as an adverb
    ("captured/VERB Bakhmut/advmod"), so that word counts as the object when it is a
    place."""
    tokens = parse.tokens
    head = trigger.head
    things = _event_words("things")

    if tokens[head].lemma in _event_words("departures"):
        return False  # "fled their positions": who goes is the subject

    def place(index: int) -> bool:
        token = tokens[index]
        return any(start <= token.start and token.end <= end for start, end in places)

    moved = _moved(parse, head)
    if moved is not None:
        if trigger.first <= moved <= trigger.last:
            return False  # the phrase names it: "left Penal Colony"
        token = tokens[moved]
        word = parse.text[token.start : token.end].lower()
        return token.lemma.lower() in things or word in things or place(moved)
    after = head + 1
    return (
        tokens[head].pos == "VERB"
        and after < len(tokens)
        and tokens[after].head == head
        and tokens[after].dep in {"advmod", "npadvmod"}
        and place(after)
    )


def _vetoed(
    parse: Parse,
    event_type: EventType,
    trigger: Trigger,
    first: int,
    last: int,
    named: list[tuple[int, int]],
) -> bool:
    token = parse.tokens[trigger.head]
    if (
        not trigger.phrase
        and token.dep in MODIFIER_DEPS
        and token.head > trigger.head
        and not _gerund(parse, trigger.head)
    ):
        return True  # "the recruited women", "the visiting officers", "casualty figures"
    if any(start <= token.start and token.end <= end for start, end in named):
        return True
    for words in event_type.exclude:
        reach = (len(words) - 1) * (MAX_GAP + 1)
        for begin in range(max(first, trigger.head - reach), trigger.head + 1):
            if parse.tokens[begin].lemma != words[0]:
                continue
            end = _phrase_end(parse, words, begin, last) if len(words) > 1 else begin
            if end is not None and begin <= trigger.head <= end:
                return True
    return False
