"""Resolve a document's LOC and FAC entities to places on the map, using the document itself.

Why a score and not a lookup: names are ambiguous ("St. Petersburg" is in Russia and in
Florida, "Georgia" a country and a US state) and news texts, ours included, name invented
or unknown towns whose names a real town somewhere happens to share ("Riverton"). The
document settles most of this: a Russia story's St. Petersburg is the Russian one. So each
candidate place gets a score, in log10-population units, from what it is and from what the
rest of the document says, and a place is accepted only above :data:`ACCEPT`:

* **prior** — a city's log10 population; a country :data:`COUNTRY_PRIOR`; a region
  :data:`REGION_PRIOR` (named with a region word, or by a name that means only the region)
  or :data:`LOOSE_REGION_PRIOR` (a bare name matching a subdivision's local name);
* **name** — minus :data:`ALIAS_PENALTY` when the name is another name of the place
  (historic, translated: "Sverdlovsk" for Yekaterinburg) rather than its own or a spelling
  of it; plus :data:`LEXICON_BONUS` when the extractor's place lexicon lists the name (a
  vetted place name of the project's domain, not a namesake);
* **context** — plus :data:`CONTEXT_WEIGHT` times the share of the document's confidently
  placed mentions (countries, demonyms, unambiguous cities: *anchors*) that lie in the
  candidate's country; plus :data:`ADMIN_BONUS` when an anchor lies in the same first-level
  region ("Serov" beside "Sverdlovsk region"); plus :data:`CONTAINER_BONUS` when the text
  puts the name in a place of the candidate's country ("St. Petersburg, Florida").

Calibration (set by reasoning about populations, then checked on ``tests/gold``; see
docs/places.md for the figures): :data:`ACCEPT` of 5 means a city known only by its name
needs 100,000 people, the usual line between a city and a town; a town of 15,000 in a
document otherwise all about its country reaches 4.2 + 3 and is accepted; a namesake of
40,000 abroad (4.6) is not. A context share of one half (+1.5) prefers a country's city to
a namesake abroad up to 30 times larger.

Fictional settings: when the document names an unknown place as an owner ("Estavia's
economy", "Kestria's disaster agency") it is set in a country the gazetteer lacks, so the
country context is not used — a town there that shares a real town's name stays
unresolved unless the text ties it to a real place.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.extract import entity_lexicon as lex
from storyline.model import Entity, EntityMention, Mention
from storyline.places import facilities
from storyline.places.cyrillic import latin_candidates
from storyline.places.gazetteer import Candidate, Place, gazetteer, normalise

COUNTRY_PRIOR = 7.0
REGION_PRIOR = 5.5
LOOSE_REGION_PRIOR = 4.5
MIN_POPULATION = 1_000
ALIAS_PENALTY = 1.5
LEXICON_BONUS = 1.0
CONTEXT_WEIGHT = 3.0
ADMIN_BONUS = 2.0
CONTAINER_BONUS = 3.0
ACCEPT = 5.0
#: An anchor's best candidate must beat every candidate elsewhere by this much.
ANCHOR_MARGIN = 2.0

_LEXICON = frozenset(
    normalise(name)
    for name in (
        *lex.PLACES,
        *lex.COUNTRY_DEMONYMS,
        *lex.REGION_DEMONYMS,
        *lex.PLACE_ALIASES,
        *lex.PLACE_ALIASES.values(),
    )
)
_OWNER = re.compile(r"['’]s\s+[A-Za-z]")


@dataclass
class Evidence:
    """What the rest of the document says about one entity's place."""

    share: dict[str, float] = field(default_factory=dict)  # country → share of anchors
    admins: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1) of anchors
    containers: list[Place] = field(default_factory=list)  # "X, <container>"


def resolve_places(
    text: str, mentions: Sequence[Mention], entities: Sequence[Entity]
) -> tuple[Entity, ...]:
    """Fill ``geo`` for the LOC and FAC entities that resolve; return all entities.

    Args:
        text: the document text the mentions' offsets index.
        mentions: the document's mentions (entity mentions are used, others ignored).
        entities: the document's entities; PER, ORG and GROUP pass through unchanged.

    Returns:
        The entities in the same order, LOC and FAC ones with ``geo`` set when a place
        was found (see docs/places.md for the fields) and ``None`` otherwise.

    Example:
        >>> from storyline.model import Entity, EntityMention
        >>> text = "Floods hit St. Petersburg, Florida."
        >>> ms = [EntityMention(11, 25, "St. Petersburg", type="LOC", entity="E1"),
        ...       EntityMention(27, 34, "Florida", type="LOC", entity="E2")]
        >>> es = [Entity("E1", "Saint Petersburg", "LOC"), Entity("E2", "Florida", "LOC")]
        >>> resolve_places(text, ms, es)[0].geo["country"]
        'US'
    """
    if not any(e.type in {"LOC", "FAC"} for e in entities):
        return tuple(entities)
    by_entity: dict[str, list[EntityMention]] = {}
    for mention in mentions:
        if isinstance(mention, EntityMention) and mention.entity:
            by_entity.setdefault(mention.entity, []).append(mention)
    for found in by_entity.values():
        found.sort(key=lambda m: m.start)
    places = [e for e in entities if e.type == "LOC"]
    candidates = {e.id: _candidates(e, by_entity.get(e.id, [])) for e in places}
    lexical = {e.id: _lexical(e, by_entity.get(e.id, [])) for e in places}
    weight = {e.id: float(len(by_entity.get(e.id, ())) or 1) for e in places}

    first = {
        e.id: _best(candidates[e.id], lexical[e.id], Evidence()) for e in places
    }  # without context: the anchors, and the containers of "X, Y"
    anchors = {
        eid: result[0]
        for eid, result in first.items()
        if result is not None and result[2] >= ANCHOR_MARGIN
    }
    containers = _containers(text, by_entity, first)
    fictional = _unknown_owner(text, by_entity, candidates)
    resolved: dict[str, Place] = {}
    for entity in places:
        evidence = _evidence(entity.id, anchors, weight, containers, use_share=not fictional)
        best = _best(candidates[entity.id], lexical[entity.id], evidence)
        if best is not None:
            resolved[entity.id] = best[0]
    geos: dict[str, dict[str, Any]] = {eid: place_geo(p) for eid, p in resolved.items()}
    geos.update(facilities.link(text, by_entity, entities, geos))
    return tuple(
        dataclasses.replace(e, geo=geos.get(e.id)) if e.type in {"LOC", "FAC"} else e
        for e in entities
    )


def place_geo(place: Place) -> dict[str, Any]:
    """The contract's ``geo`` object for a place resolved by its own name."""
    return {
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "name": place.name,
        "feature": place.feature,
        "geonameid": place.geonameid,
        "code": place.code,
        "precision": place.feature,
        "point": place.point,
        "near": None,
        "relation": None,
        "via": "name",
    }


def score(candidate: Candidate, lexical: bool, evidence: Evidence | None = None) -> float:
    """One candidate's score (see the module docstring for the terms)."""
    place = candidate.place
    if place.feature == "country":
        value = COUNTRY_PRIOR
    elif place.feature == "region":
        strong = candidate.hinted or place.source == "table"
        value = REGION_PRIOR if strong else LOOSE_REGION_PRIOR
    else:
        value = math.log10(max(place.population, MIN_POPULATION))
    if not candidate.exact:
        value -= ALIAS_PENALTY
    if lexical:
        value += LEXICON_BONUS
    if evidence is None:
        return value
    value += CONTEXT_WEIGHT * evidence.share.get(place.country, 0.0)
    if place.feature != "country" and (place.country, place.admin1) in evidence.admins:
        value += ADMIN_BONUS
    for container in evidence.containers:
        if place.feature != "country" and container.country == place.country:
            value += CONTAINER_BONUS
            if container.feature == "region" and container.admin1 == place.admin1:
                value += ADMIN_BONUS
            break
    return value


def _candidates(entity: Entity, mentions: list[EntityMention]) -> list[Candidate]:
    """Candidates for the entity's name, else for the forms its mentions take."""
    gaz = gazetteer()
    found = gaz.lookup(entity.name)
    for form in dict.fromkeys(m.text for m in mentions):
        if found:
            break
        found = gaz.lookup(form)
    for form in latin_candidates(entity.name):  # Russian and Ukrainian names
        if found:
            break
        found = gaz.lookup(form)
    return found


def _lexical(entity: Entity, mentions: list[EntityMention]) -> bool:
    forms = {entity.name, *(m.text for m in mentions), *latin_candidates(entity.name)[:1]}
    return any(normalise(form) in _LEXICON for form in forms)


def _best(
    candidates: list[Candidate], lexical: bool, evidence: Evidence
) -> tuple[Place, float, float] | None:
    """The accepted best place, its score, and its margin over places elsewhere.

    The margin is to the best candidate in another country, or (for the admin1 it
    contributes as an anchor) in another region; infinite when there is none.
    """
    if not candidates:
        return None
    scored = sorted(
        ((score(c, lexical, evidence), c.place) for c in candidates),
        key=lambda pair: -pair[0],
    )
    top, place = scored[0]
    if top < ACCEPT:
        return None
    others = [s for s, p in scored[1:] if (p.country, p.admin1) != (place.country, place.admin1)]
    margin = top - others[0] if others else math.inf
    return place, top, margin


def _evidence(
    eid: str,
    anchors: dict[str, Place],
    weight: dict[str, float],
    containers: dict[str, list[Place]],
    *,
    use_share: bool,
) -> Evidence:
    """Context for one entity from every anchor but itself."""
    evidence = Evidence(containers=containers.get(eid, []))
    total = sum(weight[other] for other in anchors if other != eid)
    for other, place in anchors.items():
        if other == eid:
            continue
        if use_share and total:
            evidence.share[place.country] = (
                evidence.share.get(place.country, 0.0) + weight[other] / total
            )
        if place.feature != "country" and place.admin1:
            evidence.admins.add((place.country, place.admin1))
    return evidence


def _containers(
    text: str,
    by_entity: dict[str, list[EntityMention]],
    first: dict[str, tuple[Place, float, float] | None],
) -> dict[str, list[Place]]:
    """Places the text puts a name in: "St. Petersburg, Florida" → Florida for E(St. P.)."""
    loc_starts = {m.start: eid for eid, ms in by_entity.items() if eid in first for m in ms}
    found: dict[str, list[Place]] = {}
    for eid, mentions in by_entity.items():
        if eid not in first:
            continue
        for mention in mentions:
            if not text.startswith(", ", mention.end):
                continue
            other = loc_starts.get(mention.end + 2)
            result = first.get(other) if other and other != eid else None
            if result is not None and result[0].feature in {"country", "region"}:
                found.setdefault(eid, []).append(result[0])
    return found


def _unknown_owner(
    text: str, by_entity: dict[str, list[EntityMention]], candidates: dict[str, list[Candidate]]
) -> bool:
    """Whether an unknown place owns something ("Estavia's economy"): a fictional setting."""
    for eid, found in candidates.items():
        if found or any(m.text.split()[-1] in lex.NATURAL_FEATURES for m in by_entity.get(eid, ())):
            continue  # known places, and rivers ("the Drava River's banks"), own nothing
        for mention in by_entity.get(eid, ()):
            if _OWNER.match(text, mention.end):
                return True
    return False
