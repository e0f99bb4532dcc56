"""Which entity a source is: its own name, or the person or body it refers back to.

Why a module of its own: anonymity (:mod:`.source_anonymity`) says whether a reader can tell
who spoke; this says *who*, so that two claims resting on the same minister are seen to
rest on one source, and an event's ``source`` role names that person. It runs on the
numbered mentions of a whole document (after the chunks are joined), with no parse:

* a source that contains a person or organisation mention is that entity ("Justice
  Minister Denys Maliuska said"; "Maliuska said" too, as the entities stage already merges a
  surname with the full name);
* a pronoun ("he said", "it reported"), a role or title ("the minister added", "the head
  of the PMC stated") or a body's common noun ("the ministry said", "the Center said")
  that is not anonymous refers back to the entity of the latest source of the same kind
  (a person for "he" and roles, an organisation for "it" and bodies; for a body, one
  whose name holds the noun when one does) — unless another person (or body) was named
  in between, which leaves the referent open: then no link is guessed;
* an anonymous source links to nothing, whatever it contains: "a source close to the
  ministry" is not the ministry.

Events carry the result: :func:`carry_to_events` puts each source's entity on the
``source`` role fillers that point at it, since events are assembled per chunk before
sources are linked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from storyline.extract import attribution_lexicon as lex
from storyline.model import EntityMention, Event, Mention, SourceMention

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_BODY_PRONOUNS = frozenset({"it"})
_DEFINITE = frozenset({"the", "this", "that"})
#: How far back (in characters) a pronoun or role may look for its referent.
_WINDOW = 1500


def link_sources(mentions: Sequence[Mention]) -> list[Mention]:
    """Return ``mentions`` with ``entity`` set on the sources it can be told for."""
    named = sorted(
        (m for m in mentions if isinstance(m, EntityMention) and m.type in ("PER", "ORG")),
        key=lambda m: m.start,
    )
    linked: list[Mention] = list(mentions)
    last: dict[str, SourceMention] = {}  # latest linked source by entity type
    types = {m.entity: m.type for m in named if m.entity}
    for index in sorted(range(len(linked)), key=lambda i: linked[i].start):
        mention = linked[index]
        if not isinstance(mention, SourceMention) or mention.anonymous:
            continue
        if mention.entity is None:
            # a pronoun or a bare role or body noun refers back first: "the head of the
            # PMC" is the person named before, "the Center" the body named in full before
            referent = _referent(mention, named, last)
            mention = referent or _own_entity(mention, named) or mention
            linked[index] = mention
        if mention.entity is not None and mention.entity in types:
            last[types[mention.entity]] = mention
    return linked


def _span(mention: SourceMention) -> tuple[int, int]:
    lo = mention.source_start if mention.source_start is not None else mention.start
    hi = mention.source_end if mention.source_end is not None else mention.end
    return lo, hi


def _own_entity(mention: SourceMention, named: list[EntityMention]) -> SourceMention | None:
    """The person named inside the source phrase ("The founder of Wagner, Yevgeny
    Prigozhin"), else the first organisation ("a spokeswoman for the Federal Penitentiary
    Service" speaks for it)."""
    lo, hi = _span(mention)
    inside = [e for e in named if lo <= e.start and e.end <= hi and e.entity]
    inside.sort(key=lambda e: (e.type != "PER", e.start))
    return dataclasses.replace(mention, entity=inside[0].entity) if inside else None


def _referent(
    mention: SourceMention, named: list[EntityMention], last: dict[str, SourceMention]
) -> SourceMention | None:
    """The entity a pronoun, role or body noun refers back to (see the module docstring)."""
    kind, head = _reference_kind(mention.source)
    if kind is None:
        return None
    antecedent = last.get(kind)
    if antecedent is None or mention.start - antecedent.end > _WINDOW:
        return None
    if kind == "ORG" and head and head in lex.ORG_NOUNS and head not in _MEDIA_NOUNS:
        name = " ".join(e.text.lower() for e in named if e.entity == antecedent.entity)
        if head not in name:
            return None  # "the ministry" after "Verstka said": not that body
    between = {
        e.entity
        for e in named
        if e.type == kind and antecedent.end <= e.start and e.end <= mention.start
    }
    if between - {antecedent.entity}:
        return None  # someone else was named in between: the referent is open
    return dataclasses.replace(mention, entity=antecedent.entity)


#: Nouns for outlets: "the outlet", "the publication" refer to the outlet last cited, whose
#: name need not hold the word.
_MEDIA_NOUNS = frozenset(
    {"outlet", "publication", "newspaper", "agency", "channel", "broadcaster", "media"}
)


def _reference_kind(source: str) -> tuple[str | None, str]:
    """('PER' or 'ORG', head word) when ``source`` is a pronoun, or a definite role or body
    noun phrase without a name of its own; (None, '') otherwise."""
    words = source.lower().replace("’", "'").split()
    if len(words) == 1 and words[0] in _PERSON_PRONOUNS:
        return "PER", words[0]
    if len(words) == 1 and words[0] in _BODY_PRONOUNS:
        return "ORG", words[0]
    if len(words) < 2 or words[0] not in _DEFINITE or len(words) > 6:
        return None, ""
    core = words[1 : words.index("of")] if "of" in words[1:] else words[1:]
    if len(core) != 1:
        return None, ""  # "the Justice Ministry" names a body of its own
    head = core[-1].strip(",.")
    if head in lex.LEADER_NOUNS or head in lex.UNIQUE_TITLES or head in _ROLE_NOUNS:
        return "PER", head
    if head in lex.ORG_NOUNS or head in _MEDIA_NOUNS or head in _BODY_NOUNS:
        return "ORG", head
    return None, ""


#: Singular nouns for one person's role that point back to a named person ("the minister",
#: "the businessman", "the MP", "the lawmaker").
_ROLE_NOUNS = frozenset(
    {
        "minister",
        "businessman",
        "businesswoman",
        "mp",
        "lawmaker",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "activist",
        "politician",
        "prosecutor",
        "ombudsman",
        "deputy",
        "senator",
        "general",
        "colonel",
        "commander",
    }
)

#: Body nouns that are not in the lexicon's organisation list but name one ("the Center").
_BODY_NOUNS = frozenset({"center", "centre", "staff", "office", "council"})


def carry_to_events(events: Sequence[Event], mentions: Sequence[Mention]) -> list[Event]:
    """Put each source's entity on the ``source`` role fillers that point at its mention."""
    entity_of = {
        m.id: m.entity for m in mentions if isinstance(m, SourceMention) and m.entity is not None
    }
    if not entity_of:
        return list(events)
    out = []
    for event in events:
        fillers = event.roles.get("source")
        if not fillers:
            out.append(event)
            continue
        carried = tuple(
            dataclasses.replace(f, entity=entity_of[f.mention])
            if f.entity is None and f.mention in entity_of
            else f
            for f in fillers
        )
        out.append(dataclasses.replace(event, roles={**event.roles, "source": carried}))
    return out
