"""Assemble: turn one chunk's parse and mentions into typed, sourced events.

For every trigger of the codebook (:mod:`storyline.events.triggers`) the assembler fills
the type's roles (:mod:`storyline.events.roles`), drops the event when a required role
stays empty, and sets its certainty (:mod:`storyline.events.certainty`). One event is kept
per type and clause: "recruiters toured colonies and visited prisons" is one visit.

The function is pure: records in, records out. Fillers name mentions by kind and span
(``@time:104:112``) because the extract stage numbers mentions after assembly;
:func:`link_mentions` swaps those keys for the final ids.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from storyline.events.certainty import certainty_of
from storyline.events.codebook import Codebook
from storyline.events.roles import Neighbourhood, fill_roles, role_filler
from storyline.events.syntax import Parse
from storyline.events.triggers import BACK_DETERMINERS, find_triggers
from storyline.model import (
    EntityMention,
    Event,
    Mention,
    QuantityMention,
    RoleFiller,
    SourceMention,
    TimeMention,
    Token,
)


def assemble(
    text: str,
    tokens: Sequence[Token],
    mentions: Sequence[Mention],
    codebook: Codebook,
    body_start: int = 0,
    language: str = "en",
) -> list[Event]:
    """Events of ``codebook`` types found in ``tokens`` (one chunk of ``text``).

    Args:
        text: the whole document text (offsets of tokens and mentions refer to it).
        tokens: the chunk's tokens; ``Token.head`` indexes into this sequence.
        mentions: the mentions found in the same chunk.
        codebook: the event types to look for.
        body_start: where the main text begins; the headline is skipped because it
            repeats the body's events.
        language: the chunk's language; other than English, the codebook's triggers for
            that language are matched on plain spans
            (:func:`storyline.events.lexical_assemble.assemble_lexical`).

    Returns:
        Events in text order, with empty ``id`` (the caller numbers them).
    """
    if not tokens or not codebook.types:
        return []
    if language != "en":
        from storyline.events.lexical_assemble import assemble_lexical

        chunk = (tokens[0].start, tokens[-1].end)
        return assemble_lexical(text, mentions, codebook, language, body_start, *chunk)
    parse = Parse(tokens, text)
    hood = Neighbourhood(parse, mentions)
    events: list[Event] = []
    seen: set[tuple[str, int]] = set()
    covered: set[tuple[str, int]] = set()  # (type, token) inside an event noun's phrase
    types_seen: set[str] = set()
    speakers: set[tuple[str, str, str]] = set()
    for trigger in find_triggers(parse, codebook, mentions, body_start):
        clause = (trigger.type.name, parse.clause_key(trigger.head))
        if clause in seen or (trigger.type.name, trigger.head) in covered:
            continue
        if trigger.type.name in types_seen and _refers_back(parse, trigger.head):
            continue  # "the strike is the first since 2009": told already
        filled = fill_roles(hood, trigger, trigger.type.roles)
        if any(spec.required and spec.name not in filled.roles for spec in trigger.type.roles):
            continue
        if trigger.type.speech and parse.tokens[trigger.head].lemma in CONTINUING:
            speaker = _speaker(trigger.type.name, filled.roles)
            if speaker is not None and speaker in speakers:
                continue  # "She said …" again: the same statement goes on
            if speaker is not None:
                speakers.add(speaker)
        seen.add(clause)
        types_seen.add(trigger.type.name)
        # "committed crimes, including homicide": one crime, not two.
        covered.update((trigger.type.name, i) for i in parse.subtree(trigger.head))
        source = filled.roles.get("source", ())
        start, end = tokens[trigger.first].start, tokens[trigger.last].end
        roles = filled.roles
        if trigger.type.speech and not source:
            relay = _relayed_by(parse, trigger.head, start, mentions)
            if relay is not None:
                source = (role_filler(relay),)
                roles = {**roles, "source": source}
        events.append(
            Event(
                id="",
                type=trigger.type.name,
                start=start,
                end=end,
                text=text[start:end],
                evidence=tuple(parse.sentence_span(n) for n in sorted(filled.sentences)),
                roles=roles,
                certainty=certainty_of(parse, trigger, mentions, attributed=bool(source)),
                source=source[0].mention if source else None,
                codebook=codebook.id,
            )
        )
    return events


def link_mentions(
    events: Sequence[Event],
    mentions: Sequence[Mention],
    entity_ids: Mapping[str, str] | None = None,
) -> list[Event]:
    """Number events ``v1``… in text order and point fillers at the mentions' final ids.

    Args:
        events: events as :func:`assemble` returns them.
        mentions: the numbered mentions of the same document.
        entity_ids: provisional entity id → final entity id (chunks merge entities).
    """
    ids = {f"@{m.kind}:{m.start}:{m.end}": m.id for m in mentions}
    entities = entity_ids or {}

    def final(filler: RoleFiller) -> RoleFiller:
        return dataclasses.replace(
            filler,
            mention=ids.get(filler.mention or "", filler.mention),
            entity=entities.get(filler.entity or "", filler.entity),
        )

    numbered = []
    for number, event in enumerate(sorted(events, key=lambda e: (e.start, e.type)), 1):
        roles = {role: tuple(final(f) for f in fillers) for role, fillers in event.roles.items()}
        source = ids.get(event.source or "", event.source)
        numbered.append(dataclasses.replace(event, id=f"v{number}", roles=roles, source=source))
    return numbered


#: Roles whose fillers tell which people an event is about.
PARTICIPANTS = ("subject", "target", "actor")


#: How far apart (characters) the starts of a speaker's and a relaying source's claims may
#: be: "said *that* Ukraine could …" against "*Ukraine* could …".
RELAY_SLACK = 6


def _relayed_by(
    parse: Parse, head: int, trigger_start: int, mentions: Sequence[Mention]
) -> SourceMention | None:
    """The source that relays a whole statement: "Maliuska said that Ukraine could conscript
    20,000 convicts, *according to media reports*" — the outlet has the statement from the
    media, so the statement itself is reported. Only a source put after its claim, whose
    claim is the speaker's own claim, relays it; "said that, according to the ministry, …"
    is the speaker citing someone."""
    first, last = parse.sentence_span(parse.sentence_of(head))
    sources = [m for m in mentions if isinstance(m, SourceMention) and first <= m.start < last]
    own = next((m for m in sources if m.start <= trigger_start < m.end), None)
    if own is None or own.claim_start is None:
        return None
    for mention in sources:
        if mention is own or mention.claim_start is None or mention.claim_end is None:
            continue
        postposed = mention.start >= mention.claim_end
        if postposed and abs(mention.claim_start - own.claim_start) <= RELAY_SLACK:
            return mention
    return None


def drop_retold(
    events: Sequence[Event], mentions: Sequence[Mention], codebook: Codebook
) -> list[Event]:
    """Drop an event told again later in the report, renumbering the rest ``v1``….

    Annotators record an event at its first mention: "Khadzhikurbanov was pardoned …" and,
    paragraphs later, "he was pardoned by presidential decree" are one pardon. A later event
    is a retelling when it has the earlier one's type and one of its participants — the
    same named person, or the same count ("more than 5,000 people") — and no other time.
    Speech acts keep their own rule, one speaker on one occasion: a statement by a speaker
    heard before (the same entity, named or by title: "Kirby said", "the mercenary chief
    also estimated") that gives the time of an earlier one, or none after an earlier one
    with none or dated to a day, goes on with it; a new time is a new occasion ("Prigozhin
    announced over the weekend"), and a statement dated long before is background ("Peskov
    said in 2022 …" then "Peskov said …" are two).
    """
    by_id = {m.id: m for m in mentions}
    speech = {t.name for t in codebook.types if t.speech}
    cues = [m for m in mentions if isinstance(m, SourceMention) and m.entity]
    told: list[tuple[str, frozenset[str], str]] = []
    spoken: dict[tuple[str, str], set[str]] = {}  # speaker → the times of their statements
    on_occasion: set[tuple[str, str]] = set()  # speakers heard on the report's own occasion
    kept: list[Event] = []
    for event in events:
        keys = frozenset() if event.type in speech else _participants(event, by_id)
        times = event.roles.get("time", ())
        time = times[0].text.lower() if times else ""
        if event.type in speech and (who := _speaker_entity(event, cues)) is not None:
            speaker = (event.type, who)
            occasions = spoken.setdefault(speaker, set())
            goes_on = event.text.lower() in CONTINUING_FORMS
            if goes_on and (time in occasions or (not time and speaker in on_occasion)):
                continue  # the same speaker goes on: "Kirby said …", "the chief estimated …"
            occasions.add(time)
            if not time or _a_day(times[0], by_id):
                on_occasion.add(speaker)
        retold = any(
            kind == event.type and keys & earlier and (not time or not when or time == when)
            for kind, earlier, when in told
        )
        if keys and retold and event.certainty != "unknown":
            continue  # an open question about it ("it is unclear if their release …") is news
        if keys:
            told.append((event.type, keys, time))
        kept.append(event)
    return [dataclasses.replace(e, id=f"v{n}") for n, e in enumerate(kept, 1)]


#: The longest time a statement's date may span and still be the report's own occasion
#: ("said on Wednesday"): an untimed "said" goes on with such a statement, not with one
#: dated long before ("Peskov said in 2022 that …").
OCCASION_DAYS = 7


def _a_day(filler: RoleFiller, by_id: Mapping[str, Mention]) -> bool:
    """Whether a statement's time names a day or a few ("on Wednesday", "on 13 March")."""
    mention = by_id.get(filler.mention or "")
    if not isinstance(mention, TimeMention):
        return False
    if mention.start_date is None:  # "on Wednesday" in a report of unknown date
        return mention.granularity == "day" and mention.relative
    end = mention.end_date or mention.start_date
    return (end - mention.start_date).days < OCCASION_DAYS


def _speaker_entity(event: Event, cues: Sequence[SourceMention]) -> str | None:
    """Who makes a statement, as an entity: the actor's, or the one the source extractor
    linked the statement's cue to ("the mercenary chief also estimated" is Prigozhin's);
    None for an unnamed speaker."""
    actors = event.roles.get("actor", ())
    if actors and actors[0].entity:
        return actors[0].entity
    return next((m.entity for m in cues if m.start <= event.start < m.end), None)


def _participants(event: Event, by_id: Mapping[str, Mention]) -> frozenset[str]:
    """Named people (by entity) and counts (by number) an event is about."""
    keys = set()
    for role in PARTICIPANTS:
        for filler in event.roles.get(role, ()):
            mention = by_id.get(filler.mention or "")
            if isinstance(mention, EntityMention) and mention.type == "PER" and filler.entity:
                keys.add(f"entity:{filler.entity}")
    for filler in event.roles.get("quantity", ()):
        mention = by_id.get(filler.mention or "")
        if isinstance(mention, QuantityMention) and mention.value is not None:
            keys.add(f"count:{mention.unit}:{mention.low}:{mention.value}:{mention.high}")
    return frozenset(keys)


#: Verbs that go on with a statement rather than make a new one ("she said", "he added").
CONTINUING = frozenset({"say", "tell", "add", "note", "clarify", "explain", "state", "stress"})
#: Their forms, and an estimate's, for events whose trigger words are all that is left of
#: the parse: a speaker heard before who goes on saying, adding or estimating.
CONTINUING_FORMS = frozenset(
    {
        *("say", "says", "said", "tell", "tells", "told", "add", "adds", "added"),
        *("note", "notes", "noted", "clarify", "clarifies", "clarified", "explain"),
        *("explains", "explained", "state", "states", "stated", "stress", "stresses"),
        *("stressed", "estimate", "estimates", "estimated"),
    }
)


def _speaker(
    type_name: str, roles: Mapping[str, Sequence[RoleFiller]]
) -> tuple[str, str, str] | None:
    """Who makes a statement, and when: one speaker on one occasion is one statement
    ("Prigozhin said …" and "he added …" in the next paragraph). A new time is a new
    occasion."""
    actors = roles.get("actor", ())
    if not actors:
        return None
    actor = actors[0].entity or actors[0].text.lower()
    times = roles.get("time", ())
    return type_name, actor, times[0].text.lower() if times else ""


def _refers_back(parse: Parse, head: int) -> bool:
    """An event noun with a definite determiner ("the strike", "the offers")."""
    if parse.tokens[head].pos != "NOUN":
        return False
    return any(
        parse.tokens[c].dep == "det" and parse.tokens[c].lemma in BACK_DETERMINERS
        for c in parse.children[head]
    )
