"""Facilities (prisons, penal colonies, camps, mines) placed by the places named with them.

Why link rather than look up: a penal colony, a cemetery or a field hospital is not in any
gazetteer, but reports say where it is — "a prison outside St. Petersburg", "Penal Colony
No. 6 in the Vladimir region", "the Wieczorek Deep mine near Katowice". A facility keeps
its own name and gets the point of the place it is tied to, with the precision stated, so
a map never shows a colony "in St. Petersburg" that the text put outside it. The tie is
looked for in three places, the first that gives a resolved place wins:

1. ``phrase`` — a place inside the facility's mention ("prison outside St. Petersburg") or
   right after it ("Penal Colony No. 11 near Perm", "Halden Works in Ostrava"), with the
   preposition as the ``relation``;
2. ``sentence`` — the nearest resolved place in the same sentence ("Prison officials in the
   Irkutsk region denied that inmates at Penal Colony No. 15 …"), relation unknown;
3. ``document`` — the document's most-mentioned resolved place, relation unknown: the
   report is about that place, so the facility is in or around it, no more precisely.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from storyline.model import Entity, EntityMention

#: How a facility was tied to its place, strongest first.
VIA = ("phrase", "sentence", "document")
_SETTLEMENT = r"(?:(?:town|city|village|region|province|district|settlement|port)\s+of\s+)?"
# Words between a facility and the place named after it: "… mine near Katowice".
_AFTER = re.compile(
    r"\s+(?:[a-z][\w'’-]*\s+){0,2}?(in|near|outside|at)\s+(?:the\s+)?" + _SETTLEMENT
)
# The preposition before a place nested in the facility's mention.
_BEFORE = re.compile(r"\b(in|near|outside|at|of)\s+(?:the\s+)?" + _SETTLEMENT + r"$")
_BOUNDARY = re.compile(r"[.!?…][\"”’)\]]*\s+|\n+")
_ABBREVIATIONS = frozenset(
    {"st", "no", "nos", "dr", "mr", "mrs", "ms", "gen", "col", "lt", "sgt", "capt", "jr", "sr",
     "prof", "gov", "sen", "rep", "mt", "ft", "vs", "inc", "co", "corp", "ltd", "jan", "feb",
     "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e",
     "approx", "dept", "est"}
)  # fmt: skip
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def link(
    text: str,
    by_entity: dict[str, list[EntityMention]],
    entities: Sequence[Entity],
    geos: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """``geo`` objects for the FAC entities that can be tied to a resolved place.

    Args:
        text: the document text.
        by_entity: entity mentions by entity id, each list sorted by start.
        entities: the document's entities.
        geos: the resolved LOC entities' ``geo`` objects by entity id.

    Returns:
        ``geo`` by FAC entity id, only for those tied to a place.
    """
    facilities = [e for e in entities if e.type == "FAC"]
    places = sorted(
        (m for eid in geos for m in by_entity.get(eid, ())), key=lambda m: (m.start, m.end)
    )
    if not facilities or not places:
        return {}
    starts = sentence_starts(text)
    main = _main_place(places)
    linked: dict[str, dict[str, Any]] = {}
    for facility in facilities:
        options = [
            option
            for mention in by_entity.get(facility.id, ())
            for option in _options(text, mention, places, starts)
        ]
        options.append(("document", None, main))
        via, relation, place_id = min(options, key=lambda o: VIA.index(o[0]))
        linked[facility.id] = facility_geo(geos[place_id], place_id, relation, via)
    return linked


def facility_geo(
    place: dict[str, Any], place_id: str, relation: str | None, via: str
) -> dict[str, Any]:
    """A facility's ``geo``: the linked place's point and country, the precision stated."""
    precision = f"{relation} {place['feature']}" if relation else place["feature"]
    return {
        **place,
        "feature": "facility",
        "geonameid": None,
        "code": None,
        "precision": precision,
        "near": place_id,
        "relation": relation,
        "via": via,
    }


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start, ignoring periods of abbreviations ("St. Petersburg")."""
    starts = [0]
    for match in _BOUNDARY.finditer(text):
        if text[match.start()] == ".":
            word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
            before = word.group(1) if word else ""
            if before.lower() in _ABBREVIATIONS or (len(before) == 1 and before.isupper()):
                continue  # "St. Petersburg", "No. 4", an initial: "J. Smith"
        starts.append(match.end())
    return starts


def _options(
    text: str, mention: EntityMention, places: list[EntityMention], starts: list[int]
) -> list[tuple[str, str | None, str]]:
    """Ways one facility mention ties to a resolved place: (via, relation, entity id)."""
    options: list[tuple[str, str | None, str]] = []
    for place in places:  # nested: "prison outside St. Petersburg"
        if mention.start <= place.start and place.end <= mention.end and place.entity:
            before = _BEFORE.search(text, mention.start, place.start)
            relation = before.group(1) if before else None
            options.append(("phrase", "in" if relation == "of" else relation, place.entity))
    after = _AFTER.match(text, mention.end)
    if after:
        for place in places:
            if place.start == after.end() and place.entity:
                options.append(("phrase", after.group(1), place.entity))
    sentence = bisect.bisect_right(starts, mention.start) - 1
    same = [
        p
        for p in places
        if bisect.bisect_right(starts, p.start) - 1 == sentence
        and not (mention.start <= p.start and p.end <= mention.end)
    ]
    if same:
        nearest = min(
            same, key=lambda p: min(abs(p.start - mention.end), abs(mention.start - p.end))
        )
        if nearest.entity:
            options.append(("sentence", None, nearest.entity))
    return options


def _main_place(places: list[EntityMention]) -> str:
    """The most-mentioned resolved place (the first mentioned among equals)."""
    counts: dict[str, int] = {}
    for mention in places:
        if mention.entity:
            counts[mention.entity] = counts.get(mention.entity, 0) + 1
    return max(counts, key=lambda eid: counts[eid])  # dicts keep first-mention order
