"""Claims across documents: group events that report the same thing, count independent
sources, compare their figures, flag contradictions.

A *claim group* is a set of events of one type, from any documents, whose roles agree:
the same place (or one inside the other, or within :data:`NEAR_KM`), overlapping times,
and no clash of who was involved. Independence is counted by *story* (a report and its
reprints are one story, :mod:`storyline.link.reprints`), never by document.

A contradiction is what a researcher must see:

* **figures** — two independent stories give the same role (``quantity``, ``money``) in
  the same unit with ranges that do not overlap ("about 40 signed up" vs "90 signed up");
  an approximate figure counts as ±:data:`APPROXIMATE` of its value, so "about 40" and
  "some 45" agree;
* **facts** — one story reports the event and an independent one says it did not happen
  (a ``negated`` event).

Everything here is pure: :class:`ClaimEvent` records in, :class:`ClaimGroup` records out;
``storyline.store.claims`` reads the records from the store.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

#: An approximate figure ("about 40") stands for this share either side of its value.
APPROXIMATE = 0.10
#: Places closer than this (km) are the same place: a colony "outside" a city and the city.
NEAR_KM = 60.0
#: Within one bucket of candidates (a place, a month…), each event is compared with the
#: next this many in time order (see :func:`candidate_pairs`).
WINDOW = 64
#: At most this many contradictions of one kind and role are listed per claim group.
MAX_SHOWN = 10
#: Roles whose figures are compared.
FIGURE_ROLES = ("quantity", "money")
#: Certainty from strongest to weakest, for a group's standing.
CERTAINTY_ORDER = ("asserted", "reported", "possible", "unknown", "negated")
#: Admiralty source reliability, best first.
GRADES = ("A", "B", "C", "D", "E", "F")
#: Words for people of one sex only: "women" never groups with "men".
_SEXED = ({"woman", "women", "female", "girl", "girls"}, {"man", "men", "male", "boy", "boys"})


@dataclass(frozen=True)
class Figure:
    """A figure of an event's role: what it says and where it is written."""

    role: str
    unit: str | None
    low: float | None
    high: float | None
    approximate: bool
    text: str
    document: int
    start: int
    end: int

    def interval(self) -> tuple[float, float]:
        """The range the figure allows; approximate points are widened, open ends infinite."""
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        if self.approximate:
            low, high = low * (1 - APPROXIMATE), high * (1 + APPROXIMATE)
        return low, high


@dataclass(frozen=True)
class ClaimEvent:
    """One stored event with what grouping needs (built by ``storyline.store.claims``)."""

    event: int
    document: int
    story: int
    type: str
    certainty: str
    text: str
    start: int = 0
    end: int = 0
    time_start: date | None = None
    time_end: date | None = None
    place: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_level: bool = False
    facility: bool = False
    subject: str | None = None
    actor: str | None = None
    speech: bool = False
    figures: tuple[Figure, ...] = ()
    grade: str | None = None
    source: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Contradiction:
    """Two statements of independent stories that cannot both be true."""

    kind: str  # "figure" or "fact"
    role: str | None
    first: ClaimEvent
    second: ClaimEvent
    detail: str
    figures: tuple[Figure, ...] = ()


@dataclass
class ClaimGroup:
    """Events reporting one thing, and its computed standing."""

    id: int
    type: str
    events: list[ClaimEvent]
    contradictions: list[Contradiction] = field(default_factory=list)

    @property
    def stories(self) -> set[int]:
        """The distinct stories among the events."""
        return {e.story for e in self.events}

    @property
    def independent_sources(self) -> int:
        """How many independent stories report it (reprints count once)."""
        return len(self.stories)

    @property
    def best_grade(self) -> str | None:
        """The best Admiralty reliability grade of the outlets reporting it."""
        grades = [e.grade for e in self.events if e.grade in GRADES]
        return min(grades, key=GRADES.index) if grades else None

    @property
    def strongest_certainty(self) -> str:
        """The strongest certainty any report gives it."""
        return min((e.certainty for e in self.events), key=_certainty_rank)

    @property
    def credibility(self) -> int:
        """Admiralty-style claim grade, computed (docs/claims.md):

        1 confirmed by independent stories · 2 probably true (one story, outlet A/B,
        stated) · 3 possibly true (one story, hedged or outlet C-E) · 4 doubtful
        (contradicted) · 5 improbable (only denials) · 6 cannot be judged (one story from
        an ungraded or F outlet).
        """
        if self.contradictions:
            return 4
        if all(e.certainty == "negated" for e in self.events):
            return 5
        if self.independent_sources >= 2:
            return 1
        if self.best_grade in {None, "F"}:
            return 6
        stated = self.strongest_certainty in {"asserted", "reported"}
        return 2 if stated and self.best_grade in {"A", "B"} else 3


def _certainty_rank(certainty: str) -> int:
    return (
        CERTAINTY_ORDER.index(certainty) if certainty in CERTAINTY_ORDER else len(CERTAINTY_ORDER)
    )


def group_claims(events: Iterable[ClaimEvent]) -> list[ClaimGroup]:
    """Group events into claims (single events are groups of one), with contradictions.

    Events are compared only within their type and only as :func:`candidate_pairs` proposes
    (what keeps this fast for 100,000 events); agreeing pairs are joined transitively.
    """
    by_type: dict[str, list[ClaimEvent]] = {}
    for event in events:
        by_type.setdefault(event.type, []).append(event)
    groups: list[ClaimGroup] = []
    for type_, members in sorted(by_type.items()):
        for component in _components(members):
            component.sort(key=lambda e: (e.document, e.event))
            groups.append(ClaimGroup(0, type_, component, contradictions(component)))
    groups.sort(key=lambda g: (g.events[0].document, g.events[0].event))
    for number, group in enumerate(groups, 1):
        group.id = number
    return groups


def _components(events: Sequence[ClaimEvent]) -> list[list[ClaimEvent]]:
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in candidate_pairs(events):
        if find(i) != find(j) and same_claim(events[i], events[j]):
            parent[find(i)] = find(j)
    components: dict[int, list[ClaimEvent]] = {}
    for i, event in enumerate(events):
        components.setdefault(find(i), []).append(event)
    return list(components.values())


def candidate_pairs(events: Sequence[ClaimEvent]) -> Iterator[tuple[int, int]]:
    """Pairs that :func:`same_claim` could accept, without comparing every pair.

    Events with coordinates meet those of their own and the neighbouring 1° cells (more
    than :data:`NEAR_KM` apart otherwise); events with a place name meet events of the same
    name; country-level places meet the placed events of the block; events without a place
    meet each other by calendar month; copies of one story meet each other. Within such a
    bucket events are taken in time order and each meets the next :data:`WINDOW`: a claim
    reported many times is still joined (through its neighbours in time), while a bucket of
    10,000 events costs 640,000 comparisons, not 50 million. A pair may be yielded twice.
    """
    cells: dict[tuple[int, int], list[int]] = {}
    names: dict[str, list[int]] = {}
    months: dict[tuple[int, int], list[int]] = {}
    stories: dict[int, list[int]] = {}
    countries: dict[str | None, list[int]] = {}
    for index, event in enumerate(events):
        stories.setdefault(event.story, []).append(index)
        if event.place is None:
            for month in _months(event):
                months.setdefault(month, []).append(index)
            continue
        names.setdefault(event.place.casefold(), []).append(index)
        countries.setdefault(event.country, []).append(index)
        if event.lat is not None and event.lon is not None and not event.country_level:
            cells.setdefault((math.floor(event.lat), math.floor(event.lon)), []).append(index)

    def when(index: int) -> tuple[date, int]:
        return events[index].time_start or date.min, index

    def windowed(members: Iterable[int]) -> Iterator[tuple[int, int]]:
        ordered = sorted(set(members), key=when)
        for position, i in enumerate(ordered):
            for j in ordered[position + 1 : position + 1 + WINDOW]:
                yield i, j

    for members in (*stories.values(), *names.values(), *months.values()):
        yield from windowed(members)
    for lat, lon in cells:
        yield from windowed(
            j
            for dlat in (-1, 0, 1)
            for dlon in (-1, 0, 1)
            for j in cells.get((lat + dlat, lon + dlon), ())
        )
    for members in countries.values():
        if any(events[i].country_level for i in members):
            yield from windowed(members)


def _months(event: ClaimEvent) -> list[tuple[int, int]]:
    """Calendar months an event's time touches (at most 24; none without a time)."""
    if event.time_start is None:
        return []
    end = event.time_end or event.time_start
    found: list[tuple[int, int]] = []
    year, month = event.time_start.year, event.time_start.month
    while (year, month) <= (end.year, end.month) and len(found) < 24:
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def same_claim(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether two events of one type report the same thing."""
    if a.type != b.type or a.document == b.document:
        return False
    if a.story == b.story:
        return a.text.casefold() == b.text.casefold()  # a reprint's copy of the same event
    if (a.speech or b.speech) and not _same_speaker(a.actor, b.actor):
        return False  # two statements are one claim only when one speaker made them
    place = _same_place(a, b)
    time = _same_time(a, b)
    if place is False or time is False or _sexes_clash(a.subject, b.subject):
        return False
    # Agreement needs something positive in common: a place, or a time both give.
    return place is True or (time is True and a.place is None and b.place is None)


def _same_place(a: ClaimEvent, b: ClaimEvent) -> bool | None:
    """True same place, False different places, None when one side names none."""
    if a.place is None or b.place is None:
        return None
    if a.country and b.country and a.country != b.country:
        return False
    if a.place.casefold() == b.place.casefold():
        return True
    if a.facility and b.facility and _numbered(a.place) and _numbered(b.place):
        return False  # "Penal Colony No. 4" and "No. 13" are two places, however close
    if a.country_level or b.country_level:
        return a.country is not None and a.country == b.country
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return _km(a, b) <= NEAR_KM
    return None  # a name the gazetteer does not know: no evidence either way


def _numbered(name: str) -> bool:
    """A facility named by its number ("Penal Colony No. 6"), not described ("a colony")."""
    return any(ch.isdigit() for ch in name)


def _same_time(a: ClaimEvent, b: ClaimEvent) -> bool | None:
    """True overlapping, False disjoint, None when one side gives no time."""
    if a.time_start is None or b.time_start is None:
        return None
    a_end = a.time_end or date.max
    b_end = b.time_end or date.max
    return a.time_start <= b_end and b.time_start <= a_end


def _same_speaker(a: str | None, b: str | None) -> bool:
    """Whether two speech acts have the same speaker ("the Justice Ministry" and "Justice
    Ministry"; not "a spokeswoman" and "the governor")."""
    if not a or not b:
        return False
    drop = {"the", "a", "an", "'s", "’s"}
    return [w for w in a.casefold().split() if w not in drop] == [
        w for w in b.casefold().split() if w not in drop
    ]


def _sexes_clash(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    words_a, words_b = set(a.casefold().split()), set(b.casefold().split())
    women, men = _SEXED
    return bool((words_a & women and words_b & men) or (words_a & men and words_b & women))


def _km(a: ClaimEvent, b: ClaimEvent) -> float:
    """Great-circle distance in kilometres."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def contradictions(events: Sequence[ClaimEvent]) -> list[Contradiction]:
    """Figure and fact contradictions between events of independent stories.

    One per pair of stories and role (a reprint repeats its original's figure, not the
    disagreement), at most :data:`MAX_SHOWN` of each kind and role: a claim reported a
    thousand times needs its disagreements shown, not listed a million times. Finding them
    sorts figures by their bounds instead of comparing every pair.
    """
    found: list[Contradiction] = []
    # A statement someone did not make ("did not confirm") contradicts no other statement.
    denied = [e for e in events if e.certainty == "negated" and not e.speech]
    told = [e for e in events if e.certainty != "negated"]
    seen: set[frozenset[int]] = set()
    for no in denied:
        other = next((e for e in told if e.story != no.story), None)
        if other is None:
            continue
        pair = frozenset({no.story, other.story})
        if pair in seen:
            continue
        seen.add(pair)
        found.append(
            Contradiction(
                "fact",
                None,
                other,
                no,
                f"document {other.document} reports it ({other.certainty}); "
                f"document {no.document} says it did not happen",
            )
        )
        if len(seen) >= MAX_SHOWN:
            break
    figures: dict[tuple[str, str | None], list[tuple[Figure, ClaimEvent]]] = {}
    for event in told:
        for figure in event.figures:
            if figure.role in FIGURE_ROLES:
                figures.setdefault((figure.role, figure.unit), []).append((figure, event))
    for (role, _), items in figures.items():
        found += _figure_clashes(role, items)
    return found


def _figure_clashes(role: str, items: list[tuple[Figure, ClaimEvent]]) -> list[Contradiction]:
    """Pairs whose ranges cannot overlap: each figure against the highest lower bound of
    another story, lowest upper bounds first."""
    by_low = sorted(items, key=lambda item: item[0].interval()[0], reverse=True)
    clashes: list[Contradiction] = []
    seen: set[frozenset[int]] = set()
    for figure, event in sorted(items, key=lambda item: item[0].interval()[1]):
        high = figure.interval()[1]
        for other, other_event in by_low:
            if other.interval()[0] <= high:
                break  # sorted: no later figure starts above this one's end
            pair = frozenset({event.story, other_event.story})
            if other_event.story == event.story or pair in seen:
                continue
            seen.add(pair)
            clashes.append(
                Contradiction(
                    "figure",
                    role,
                    event,
                    other_event,
                    f"{role}: “{figure.text}” (document {figure.document}) vs "
                    f"“{other.text}” (document {other.document})",
                    (figure, other),
                )
            )
            if len(clashes) >= MAX_SHOWN:
                return clashes
    return clashes
