"""Score place resolution against gold: is each LOC/FAC entity placed right, or rightly not?

Why a score of its own: extraction F1 says whether "St. Petersburg" was found; a map needs
to know whether it was put in Russia or in Florida, and whether "Riverton" (an invented
town) was rightly left off the map. Gold documents (docs/eval.md) carry that judgement as
a ``geo`` key on their LOC and FAC entities: ``null`` for a place that cannot be placed
(fictional, unknown, or a village the text does not identify), or an object with the
ISO ``country`` and, when the place is a point, its ``lat``/``lon`` — for a facility, the
country and point of the place it is near (docs/places.md).

A prediction is right when

* gold is ``null`` and the predicted ``geo`` is ``None``; or
* both are set, the countries agree and, if gold gives coordinates, the predicted point is
  within :data:`TOLERANCE_KM` of it (a city's centre, a region's capital).

Two ways to run it, both reported by ``storyline eval --places``:

* ``resolver`` — :func:`storyline.places.resolve_places` on the *gold* entities and
  mentions: the resolver's own accuracy, whatever the extractor finds;
* ``pipeline`` — the entities extraction produced, each gold entity matched to the
  predicted entity whose mentions overlap most of its gold mentions (none: predicted
  ``None``): what a user gets.

Besides accuracy: resolved precision (of the entities given a place, the share placed
right) and resolved recall (of the gold entities that have a place, the share placed right).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.errors import InputError
from storyline.evaluation.mentions import GoldDoc
from storyline.model import Entity, EntityMention, Extraction
from storyline.places.resolve import resolve_places

#: A predicted point this close to the gold point is the same place (a city's extent, the
#: distance from a region's capital to a facility said to be in that region's centre).
TOLERANCE_KM = 50.0
_EARTH_KM = 6371.0


@dataclass(frozen=True)
class GoldPlace:
    """One gold LOC/FAC entity that carries a ``geo`` judgement."""

    document: str
    entity: str
    name: str
    type: str
    geo: dict[str, Any] | None
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Outcome:
    """A gold place and what was predicted for it."""

    gold: GoldPlace
    predicted: dict[str, Any] | None
    correct: bool


@dataclass(frozen=True)
class PlaceScores:
    """Outcomes over a gold set, with the rates derived from them."""

    outcomes: tuple[Outcome, ...]

    @property
    def total(self) -> int:
        """Gold places scored."""
        return len(self.outcomes)

    @property
    def correct(self) -> int:
        """Gold places predicted right (placed right, or rightly left unplaced)."""
        return sum(o.correct for o in self.outcomes)

    @property
    def accuracy(self) -> float | None:
        """Share of gold places predicted right."""
        return self.correct / self.total if self.total else None

    @property
    def precision(self) -> float | None:
        """Of the entities given a place, the share placed right."""
        placed = [o for o in self.outcomes if o.predicted is not None]
        return sum(o.correct for o in placed) / len(placed) if placed else None

    @property
    def recall(self) -> float | None:
        """Of the gold entities that have a place, the share placed right."""
        real = [o for o in self.outcomes if o.gold.geo is not None]
        return sum(o.correct for o in real) / len(real) if real else None

    @property
    def wrong(self) -> tuple[Outcome, ...]:
        """The outcomes that are not right."""
        return tuple(o for o in self.outcomes if not o.correct)


def gold_places(doc: GoldDoc) -> list[GoldPlace]:
    """The gold places of one document (LOC/FAC entities with a ``geo`` key).

    Raises:
        InputError: a ``geo`` that is neither null nor ``{"country": "XX", …}`` with both
            or neither of ``lat``/``lon``.
    """
    data = _raw(doc)
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in doc.mentions:
        if mention.get("kind") == "entity" and mention.get("entity"):
            spans.setdefault(mention["entity"], []).append((mention["start"], mention["end"]))
    found = []
    for entity in data.get("entities", []):
        if entity.get("type") not in {"LOC", "FAC"} or "geo" not in entity:
            continue
        geo = entity["geo"]
        problem = _geo_problem(geo)
        if problem:
            raise InputError(str(doc.path or doc.name), f"entity {entity.get('id')}: {problem}")
        found.append(
            GoldPlace(
                doc.name,
                entity["id"],
                entity.get("name", ""),
                entity["type"],
                geo,
                tuple(spans.get(entity["id"], ())),
            )
        )
    return found


def score_resolver(docs: Sequence[GoldDoc]) -> PlaceScores:
    """Resolve the gold entities themselves and score the result (the resolver alone)."""
    outcomes: list[Outcome] = []
    for doc in docs:
        data = _raw(doc)
        mentions = [
            EntityMention(m["start"], m["end"], m["text"], type=m["type"], entity=m["entity"])
            for m in doc.mentions
            if m.get("kind") == "entity" and m.get("entity")
        ]
        entities = [Entity(e["id"], e.get("name", ""), e["type"]) for e in data.get("entities", [])]
        resolved = {e.id: e.geo for e in resolve_places(doc.text, mentions, entities)}
        outcomes += [_outcome(g, resolved.get(g.entity)) for g in gold_places(doc)]
    return PlaceScores(tuple(outcomes))


def score_extractions(docs: Sequence[GoldDoc], extractions: Iterable[Extraction]) -> PlaceScores:
    """Score the places of extraction results (one per gold document, in the same order)."""
    outcomes: list[Outcome] = []
    for doc, extraction in zip(docs, extractions, strict=True):
        geo = {e.id: e.geo for e in extraction.entities}
        predicted = [m for m in extraction.mentions if isinstance(m, EntityMention) and m.entity]
        for gold in gold_places(doc):
            match = _matching_entity(gold, predicted)
            outcomes.append(_outcome(gold, geo.get(match) if match else None))
    return PlaceScores(tuple(outcomes))


def is_correct(gold: Mapping[str, Any] | None, predicted: Mapping[str, Any] | None) -> bool:
    """Whether a predicted ``geo`` agrees with a gold one (see the module docstring)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if predicted.get("country") != gold.get("country"):
        return False
    if gold.get("lat") is None:
        return True
    if predicted.get("lat") is None or predicted.get("lon") is None:
        return False
    return distance_km(gold["lat"], gold["lon"], predicted["lat"], predicted["lon"]) <= (
        TOLERANCE_KM
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(a))


def format_table(rows: Mapping[str, PlaceScores]) -> str:
    """A plain-text table, one row per way of running (``resolver``, ``pipeline``)."""

    def fmt(x: float | None) -> str:
        return "    -" if x is None else f"{x:5.3f}"

    header = f"{'places':<10}{'gold':>6}{'right':>7} | {'accuracy':>8} {'placed P':>8} {'R':>5}"
    lines = [header, "-" * len(header)]
    for name, s in rows.items():
        lines.append(
            f"{name:<10}{s.total:>6}{s.correct:>7} | {fmt(s.accuracy):>8} "
            f"{fmt(s.precision):>8} {fmt(s.recall)}"
        )
    return "\n".join(lines)


def to_dict(rows: Mapping[str, PlaceScores]) -> dict[str, Any]:
    """Scores as plain data: ``{name: {"gold", "correct", "accuracy", "precision", "recall"}}``."""
    return {
        name: {
            "gold": s.total,
            "correct": s.correct,
            "accuracy": s.accuracy,
            "precision": s.precision,
            "recall": s.recall,
        }
        for name, s in rows.items()
    }


def _outcome(gold: GoldPlace, predicted: dict[str, Any] | None) -> Outcome:
    return Outcome(gold, predicted, is_correct(gold.geo, predicted))


def _matching_entity(gold: GoldPlace, predicted: list[EntityMention]) -> str | None:
    """The predicted entity whose mentions overlap most of the gold entity's mentions."""
    votes: dict[str, int] = {}
    for start, end in gold.spans:
        overlapping = [m for m in predicted if m.start < end and start < m.end]
        if overlapping:  # the closest span: a nested "St. Petersburg" over its facility
            best = min(overlapping, key=lambda m: abs(m.start - start) + abs(m.end - end))
            assert best.entity is not None
            votes[best.entity] = votes.get(best.entity, 0) + 1
    return max(votes, key=lambda eid: votes[eid]) if votes else None


def _raw(doc: GoldDoc) -> dict[str, Any]:
    """The gold file's JSON (the entities list is not kept on :class:`GoldDoc`)."""
    if doc.path is None:
        raise InputError(doc.name, "gold places need the gold file (its entities list)")
    data: dict[str, Any] = json.loads(doc.path.read_text(encoding="utf-8"))
    return data


def _geo_problem(geo: Any) -> str | None:
    if geo is None:
        return None
    if not isinstance(geo, dict):
        return '"geo" must be null or an object'
    country = geo.get("country")
    if not (isinstance(country, str) and len(country) == 2 and country.isupper()):
        return f'"geo" needs an ISO 3166-1 alpha-2 "country", not {country!r}'
    lat, lon = geo.get("lat"), geo.get("lon")
    if (lat is None) != (lon is None):
        return '"geo" needs both "lat" and "lon" or neither'
    if lat is not None and not (
        isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    ):
        return '"geo" "lat"/"lon" must be numbers in range'
    return None
