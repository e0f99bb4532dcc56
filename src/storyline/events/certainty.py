"""How certain an event is, as the report presents it.

The order of precedence is the one researchers use when coding: a negation outranks
everything ("officials denied that inmates were beaten" is not a beating), then an open
question ("It is unclear if their release represents…"), then a hedge ("potentially",
"may"), then attribution ("according to two former inmates"); only a claim the outlet makes
in its own voice is ``asserted``.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.events.syntax import Parse
from storyline.events.triggers import Trigger
from storyline.model import Certainty, HedgeMention, Mention

#: Auxiliaries that make the clause a possibility rather than a fact.
MODALS = frozenset({"may", "might", "could"})
#: Auxiliaries that make a passive clause a possibility: "up to 20,000 convicts *can be
#: drafted*" says who is eligible, not who was drafted (an active "can" is often a rule
#: the outlet states: "inmates can sign a contract").
PASSIVE_MODALS = frozenset({"can"})
_RANK: dict[str, int] = {"negated": 0, "unknown": 1, "possible": 2}


def certainty_of(
    parse: Parse, trigger: Trigger, mentions: Sequence[Mention], attributed: bool
) -> Certainty:
    """The event's certainty from negation, hedges in scope, modals and attribution."""
    token = parse.tokens[trigger.head]
    verb = parse.governing_verb(trigger.head)
    found: list[Certainty] = []
    trigger_start, trigger_end = token.start, parse.tokens[trigger.last].end
    for mention in mentions:
        if not isinstance(mention, HedgeMention):
            continue
        if mention.start < trigger_end and trigger_start < mention.end:
            continue  # the hedge word is the trigger itself ("denied", "refused")
        lo = mention.scope_start if mention.scope_start is not None else mention.start
        hi = mention.scope_end if mention.scope_end is not None else mention.end
        if lo <= token.start < hi:
            found.append(mention.certainty)
    passive = any(parse.tokens[c].dep == "auxpass" for c in parse.children[verb])
    for head in {trigger.head, verb}:
        for child in parse.children[head]:
            dependant = parse.tokens[child]
            if trigger.first <= child <= trigger.last:
                continue  # "did *not respond* to requests" is a refusal, not a negation
            if dependant.dep == "neg":
                found.append("negated")
            elif dependant.dep == "aux" and (
                dependant.lemma in MODALS or (passive and dependant.lemma in PASSIVE_MODALS)
            ):
                found.append("possible")
    if _refused(parse, verb):
        found.append("negated")
    if found:
        return min(found, key=lambda c: _RANK.get(c, 3))
    return "reported" if attributed else "asserted"


#: Verbs whose infinitive did not happen: "refusing *to sign*", "failed to return".
REFUSALS = frozenset({"refuse", "decline", "fail"})


#: Verbs after which a gerund no longer happens: "had *stopped recruiting* prisoners".
STOPS = frozenset({"stop", "cease", "halt", "quit", "suspend", "end"})


def _refused(parse: Parse, verb: int) -> bool:
    token = parse.tokens[verb]
    if (
        token.dep == "xcomp"
        and token.tag == "VBG"
        and token.head != verb
        and parse.tokens[token.head].lemma in STOPS
    ):
        return True
    return (
        token.dep == "xcomp"
        and token.head != verb
        and parse.tokens[token.head].lemma in REFUSALS
        and any(parse.tokens[c].lemma == "to" for c in parse.children[verb])
    )
