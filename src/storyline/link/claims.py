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
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from storyline.link.names import alias, is_cyrillic, latin_forms
from storyline.link.people import people_noun, same_people
from storyline.link.sides import is_state
from storyline.link.stages import stages_clash

#: The version of the rules that decide contradictions (this module, people.yaml,
#: sides.yaml, and how storyline.store.claims reads events): bump it when a change makes
#: :func:`contradictions` give other results for stored claims, so stores recount the
#: contradictions they keep (storyline.store.claim_standing).
RULES = "contradictions/1"
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
#: Untimed events of reports published further apart than this are not one claim.
NEWS_DAYS = 14
#: A closed time range of at most this many days (a season) makes an event specific.
SPECIFIC_DAYS = 93
#: Figures further apart than this factor count different scopes unless one place is named.
SCOPE_RATIO = 10.0
#: Stories of one group compared for links between reports (:func:`tells_same_happening`).
LINK_STORIES = 50
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
    #: The country whose side the event is on (whose prisoners, whose forces), from the
    #: actor, subject and target words (:func:`side_of`); None when they name none.
    side: str | None = None
    #: Whether the event's source is anonymous (None: no source role; the outlet states it).
    anonymous: bool | None = None
    #: The report's main place (its most-mentioned place below country level), for an
    #: event that names none: weak evidence, used only together with a precise time.
    home: str | None = None
    home_lat: float | None = None
    home_lon: float | None = None
    #: When the report was published: events that give no time of their own are
    #: compared by it (reports weeks apart do not tell the same untimed happening).
    published: date | None = None
    #: What a figure of the event counts beyond its unit: "killed or wounded" totals are
    #: not "killed" totals (``"wounded"``), else None.
    scope: str | None = None
    #: The report's language: copies of one story in two languages are a translation and
    #: its original, whose triggers are different words for one event.
    language: str | None = None
    #: The report's distinctive counts, anywhere in it (:func:`figure_key`: "350 person",
    #: "4300 application"): two reports that give one of them retell one happening.
    report_figures: frozenset[str] = frozenset()

    @property
    def specific(self) -> bool:
        """Whether the event says where or when precisely enough to be one happening.

        A place below country level, or a closed time of at most :data:`SPECIFIC_DAYS`
        days. "Prisoners have signed contracts in Russia since 2022" is not specific: it
        would agree with every enlistment in Russia and chain them into one claim.
        """
        if self.place is not None and not self.country_level:
            return True
        if self.time_start is None or self.time_end is None:
            return False
        return (self.time_end - self.time_start).days <= SPECIFIC_DAYS


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
    def stating_stories(self) -> set[int]:
        """Stories that state the claim (asserted or reported), not merely hedge it, with an
        event that says where or when precisely: a claim of vague reports only ("prisoners
        were pardoned") cannot be shown to be one happening, so it is never confirmed."""
        return {
            e.story for e in self.events if e.specific and e.certainty in {"asserted", "reported"}
        }

    @property
    def summary(self) -> str:
        """One line a reader can check: figure, what, where, when, how many stories.

        ("About 40 · enlistment · a prison near St. Petersburg · 2023 — 2 independent
        stories"); the place and time are the most specific any member gives.
        """
        lead = max(self.events, key=_specificity)
        figure = next(
            (f.text for e in self.events for f in e.figures if f.role == "quantity"), None
        )
        parts = [figure, self.type.replace("_", " "), lead.place, _when(lead)]
        count = self.independent_sources
        stories = f"{count} independent stor{'y' if count == 1 else 'ies'}"
        return " · ".join(p for p in parts if p) + f" — {stories}"

    @property
    def why(self) -> list[str]:
        """Why these events are one claim: what they share (empty for a single event)."""
        if len(self.events) < 2:
            return []
        reasons = [f"same type ({self.type})"]
        places = sorted({e.place for e in self.events if e.place})
        if places:
            reasons.append("places agree: " + ", ".join(places))
        times = sorted({when for e in self.events if (when := _when(e))})
        if times:
            reasons.append("times overlap: " + ", ".join(times))
        sides = sorted({e.side for e in self.events if e.side})
        if sides:
            reasons.append("same side: " + ", ".join(sides))
        actors = sorted({e.actor for e in self.events if e.actor})
        if actors:
            reasons.append("actors: " + ", ".join(actors))
        if len(self.stories) < len({e.document for e in self.events}):
            reasons.append("reprints of one story count once")
        return reasons

    @property
    def anonymous_only(self) -> bool:
        """Whether every event that states the claim rests on an anonymous source (unnamed
        witnesses, "reportedly"): a researcher must see that before relying on it."""
        stated = [e for e in self.events if e.certainty in {"asserted", "reported"}]
        return bool(stated) and all(e.anonymous is True for e in stated)

    @property
    def standing(self) -> str:
        """Why the credibility is what it is, in words (and whether it rests on anonymous
        sources only)."""
        text = self._standing()
        return text + "; only anonymous sources" if self.anonymous_only else text

    def _standing(self) -> str:
        grade = self.credibility
        if grade == 4:
            return (
                f"doubtful: {len(self.contradictions)} contradiction(s) between independent stories"
            )
        if grade == 5:
            return "improbable: every report says it did not happen"
        if grade == 1:
            return f"confirmed: {len(self.stating_stories)} independent stories state it"
        several = self.independent_sources >= 2
        basis = (
            "only one independent story states it precisely (the others hedge it or say "
            "neither where nor when)"
            if several
            else "one independent story"
        )
        if grade == 6:
            return f"cannot be judged: {basis}, from an ungraded or F outlet"
        if grade == 2:
            return f"probably true: {basis}, stated, outlet graded {self.best_grade}"
        return f"possibly true: {basis}, hedged or outlet graded C-E"

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
        if len(self.stating_stories) >= 2:
            return 1
        if self.best_grade in {None, "F"}:
            return 6
        stated = self.strongest_certainty in {"asserted", "reported"}
        return 2 if stated and self.best_grade in {"A", "B"} else 3


def _specificity(event: ClaimEvent) -> tuple[int, int]:
    """Rank for the most specific member: a place below country level, then a short time."""
    placed = 2 if event.place and not event.country_level else (1 if event.place else 0)
    days = (
        (event.time_end - event.time_start).days if event.time_start and event.time_end else 10**6
    )
    return placed, -days


def _when(event: ClaimEvent) -> str | None:
    """A readable time: a day, a month, a year, a range or "since"."""
    start, end = event.time_start, event.time_end
    if start is None:
        return None
    if end is None:
        return f"since {start.isoformat()}"
    if start == end:
        return start.isoformat()
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.day == 1 and (start.year, start.month) == (end.year, end.month):
        return start.strftime("%B %Y")
    return f"{start.isoformat()}..{end.isoformat()}"


def _certainty_rank(certainty: str) -> int:
    return (
        CERTAINTY_ORDER.index(certainty) if certainty in CERTAINTY_ORDER else len(CERTAINTY_ORDER)
    )


def group_claims(events: Iterable[ClaimEvent]) -> list[ClaimGroup]:
    """Group events into claims (single events are groups of one), with contradictions.

    Events are compared only within their type and only as :func:`candidate_pairs` proposes
    (what keeps this fast for 100,000 events). Grouping is *complete-linkage*: two groups
    join only when every pair of their events agrees and no document would be in the group
    twice, so a vague event can never chain two different happenings together. Specific
    events (:attr:`ClaimEvent.specific`) agree by :func:`same_claim`; a vague one joins
    only through :func:`same_vague_claim` (the same actor, figure or report place), so it
    can join one specific claim but never two, and it never counts towards "confirmed".
    """
    by_type: dict[str, list[ClaimEvent]] = {}
    for event in events:
        by_type.setdefault(event.type, []).append(event)
    components = [c for _, members in sorted(by_type.items()) for c in _components(members)]
    components = _join_linked_components(components)
    groups: list[ClaimGroup] = []
    for component in components:
        component.sort(key=lambda e: (e.document, e.event))
        groups.append(ClaimGroup(0, component[0].type, component, contradictions(component)))
    groups.sort(key=lambda g: (g.events[0].document, g.events[0].event))
    for number, group in enumerate(groups, 1):
        group.id = number
    return groups


def agree(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether two events may be in one claim: :func:`same_claim`, or for a pair with a
    vague event, :func:`same_vague_claim`."""
    if same_claim(a, b):
        return True
    return not (a.specific and b.specific) and same_vague_claim(a, b)


def _components(events: Sequence[ClaimEvent]) -> list[list[ClaimEvent]]:
    """Complete-linkage groups: each candidate pair that agrees joins its two groups when
    every cross pair agrees too and the groups share no document (pairs that share place
    and time come first, then the rest in time order within their bucket)."""
    group_of = list(range(len(events)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    for i, j in _two_passes(events):
        a, b = group_of[i], group_of[j]
        if a == b or not agree(events[i], events[j]):
            continue
        left, right = members[a], members[b]
        if {events[k].document for k in left} & {events[k].document for k in right}:
            continue
        if not all(agree(events[x], events[y]) for x in left for y in right if (x, y) != (i, j)):
            continue
        if len(left) < len(right):
            a, b, left, right = b, a, right, left
        left.extend(right)
        for k in right:
            group_of[k] = a
        del members[b]
    return [[events[k] for k in group] for group in members.values()]


def _join_linked_components(components: list[list[ClaimEvent]]) -> list[list[ClaimEvent]]:
    """The second pass: reports that a group shows to tell one happening
    (:func:`tells_same_happening`) are linked, and groups whose every cross pair agrees
    with the links (:func:`agree_linked`, no document twice) are joined, as the stored
    assignment does for each new report (:mod:`storyline.store.claim_members`)."""
    links = report_links(components)
    # Reports to try: linked ones, and those giving one distinctive count (which
    # :func:`agree_linked` checks for the news cycle).
    partners = {document: set(others) for document, others in links.items()}
    counted: dict[str, set[int]] = {}
    for component in components:
        for event in component:
            for key in event.report_figures:
                counted.setdefault(key, set()).add(event.document)
    for documents in counted.values():
        if len(documents) > LINK_STORIES:
            continue  # a count a crowd of reports gives is no longer distinctive
        for document in documents:
            partners.setdefault(document, set()).update(documents - {document})
    if not partners:
        return components
    members = dict(enumerate(components))
    group_of = {e.event: n for n, component in members.items() for e in component}
    by_document: dict[int, list[ClaimEvent]] = {}
    for component in components:
        for event in component:
            by_document.setdefault(event.document, []).append(event)
    # As stored assignment does: only an event its own evidence joined to nothing is tried.
    alone = {e.event for component in components if len(component) == 1 for e in component}
    for document in sorted(partners):
        for x in by_document.get(document, []):
            if x.event not in alone:
                continue
            for other in sorted(partners[document]):
                for y in by_document.get(other, []):
                    a, b = group_of[x.event], group_of[y.event]
                    if a == b or x.type != y.type:
                        continue
                    left, right = members[a], members[b]
                    if {e.document for e in left} & {e.document for e in right}:
                        continue
                    if not all(
                        agree_linked(p, q, links.get(p.document, set()))
                        for p in left
                        for q in right
                    ):
                        continue
                    left.extend(right)
                    for e in right:
                        group_of[e.event] = a
                    del members[b]
    return list(members.values())


def report_links(groups: Iterable[Sequence[ClaimEvent]]) -> dict[int, set[int]]:
    """The reports each report is shown to tell one happening with, by pairs of events in
    one group (:func:`tells_same_happening`), both ways."""
    links: dict[int, set[int]] = {}
    for group in groups:
        # One event per story, at most LINK_STORIES of them: reprints link nothing new, and
        # a claim told a thousand times must not cost a million comparisons.
        stories = list({e.story: e for e in reversed(group)}.values())[:LINK_STORIES]
        for x, y in combinations(stories, 2):
            if tells_same_happening(x, y):
                links.setdefault(x.document, set()).add(y.document)
                links.setdefault(y.document, set()).add(x.document)
    return links


def _two_passes(events: Sequence[ClaimEvent]) -> Iterator[tuple[int, int]]:
    """The candidate pairs twice: first those that share both a place and a precise time
    (the closest matches should form the groups), then all of them."""
    for i, j in candidate_pairs(events):
        a, b = events[i], events[j]
        if _same_place(a, b) is True and _same_time(a, b) is True and _closed(a) and _closed(b):
            yield i, j
    yield from candidate_pairs(events)


def candidate_pairs(events: Sequence[ClaimEvent]) -> Iterator[tuple[int, int]]:
    """Pairs that :func:`same_claim` could accept, without comparing every pair.

    Events with coordinates meet those of their own and the neighbouring 1° cells (more
    than :data:`NEAR_KM` apart otherwise); events with a place name meet events of the same
    name; country-level places meet the placed events of the block; events without a place
    meet each other by calendar month, as do all events with a time; events with the same
    actor meet each other, as do events of reports about the same main place and events
    with figures of the same role, unit and order of magnitude; copies of one story meet
    each other. Within such a
    bucket events are taken in time order and each meets the next :data:`WINDOW`: a claim
    reported many times is still joined (through its neighbours in time), while a bucket of
    10,000 events costs 640,000 comparisons, not 50 million. A pair may be yielded twice.
    """
    cells: dict[tuple[int, int], list[int]] = {}
    names: dict[str, list[int]] = {}
    months: dict[tuple[int, int], list[int]] = {}
    stories: dict[int, list[int]] = {}
    countries: dict[str | None, list[int]] = {}
    actors: dict[str, list[int]] = {}
    homes: dict[str, list[int]] = {}
    counts: dict[tuple[str, str | None, int], list[int]] = {}
    for index, event in enumerate(events):
        stories.setdefault(event.story, []).append(index)
        for month in _months(event):
            months.setdefault(month, []).append(index)
        for party in party_keys(event):
            actors.setdefault(party, []).append(index)
        if event.home:
            homes.setdefault(event.home.casefold(), []).append(index)
        for figure in event.figures:
            for key in _figure_keys(figure):
                counts.setdefault(key, []).append(index)
        if event.place is None:
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

    for members in (
        *stories.values(),
        *names.values(),
        *months.values(),
        *actors.values(),
        *homes.values(),
        *counts.values(),
    ):
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


def party_keys(event: ClaimEvent) -> list[str]:
    """Who the event is by or about, as keys that events which may agree for it share:
    its actor's name ("actor:volodymyr zelensky") and particular people it is about
    ("party:khadzhikurbanov"). :func:`same_vague_claim` joins a vague event to another by
    these (or by a figure), whatever their places and times, so candidates must meet by
    them too, here and in the stored claims' keys (:mod:`storyline.store.claim_keys`)."""
    keys = []
    if event.actor:
        keys.append("actor:" + _speaker_key(event.actor))
    if event.subject and _particular(event.subject):
        keys.append("party:" + _party_key(event.subject))
    return keys


def _figure_keys(figure: Figure) -> list[tuple[str, str | None, int]]:
    """Buckets of a figure by role, unit and order of magnitude of its bounds, so figures
    that could agree meet (neighbouring magnitudes too: 95 and 105)."""
    keys = []
    for bound in (figure.low, figure.high):
        if bound is not None and math.isfinite(bound) and bound > 0:
            magnitude = math.floor(math.log10(bound))
            keys += [
                (figure.role, figure.unit, magnitude),
                (figure.role, figure.unit, magnitude + 1),
            ]
    return sorted(set(keys))


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
    """Whether two events of one type report the same thing.

    They must not disagree on anything they both state — side (whose prisoners), place,
    time, the sex of those involved, the speaker of a statement, and (for events without a
    time of their own) the news cycle of their reports — and must positively share
    where or when: a place below country level that is the same or one inside the other, or
    a country and a time within the same season, or (one side naming no place) a precise
    time together with the same actor or an agreeing figure.
    """
    if a.type != b.type or a.document == b.document:
        return False
    if a.story == b.story and not _translation(a, b):
        return a.text.casefold() == b.text.casefold()  # a reprint's copy of the same event
    if (a.speech or b.speech) and not _same_speaker(a.actor, b.actor):
        return False  # two statements are one claim only when one speaker made them
    if a.side and b.side and a.side != b.side:
        return False  # Russia's convicts and Ukraine's are never one claim
    if stages_clash(a.type, a.text, b.text):
        return False  # a law passed and the same law signed are two facts
    place = _same_place(a, b)
    time = _same_time(a, b)
    if place is False or time is False or _sexes_clash(a.subject, b.subject):
        return False
    if not _same_news(a, b):
        return False  # untimed events of reports months apart: not one happening
    precise_time = time is True and _closed(a) and _closed(b)
    if place is True:
        if a.country_level or b.country_level:
            return precise_time  # "Ukraine" twice says little without the same season
        # A place and no time on either side ("sent to Bakhmut"): the same happening only
        # in one news cycle, which reports of unknown date cannot show.
        timed = a.time_start is not None or b.time_start is not None
        return timed or _dated_close(a, b)
    a_placed, b_placed = _located(a), _located(b)
    if not a_placed and not b_placed:
        return precise_time
    # One side names no place it can be found at: only a precise time plus the same actor,
    # an agreeing figure or the unplaced report being about the other's place will do.
    if not precise_time:
        return False
    unplaced, placed = (b, a) if a_placed else (a, b)
    return _same_speaker(a.actor, b.actor) or _figures_agree(a, b) or _home_agrees(unplaced, placed)


def _located(event: ClaimEvent) -> bool:
    """Whether the event names a place the gazetteer could find (a unit such as "Storm-Z"
    fills the place role of some events but says nowhere)."""
    return event.place is not None and (event.lat is not None or event.country is not None)


def _home_agrees(unplaced: ClaimEvent, placed: ClaimEvent) -> bool:
    """Whether the report of an unplaced event is mainly about the other event's place."""
    if unplaced.home is None or placed.place is None or placed.country_level:
        return False
    if unplaced.home.casefold() == placed.place.casefold():
        return True
    if None in (unplaced.home_lat, unplaced.home_lon, placed.lat, placed.lon):
        return False
    here = ClaimEvent(0, 0, 0, "", "", "", lat=unplaced.home_lat, lon=unplaced.home_lon)
    return _km(here, placed) <= NEAR_KM


def same_vague_claim(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Agreement with a vague event (no precise place or time).

    Nothing may clash, untimed events must come from reports published within
    :data:`NEWS_DAYS` of each other, and they must share something particular: the same
    named actor or speaker, or figures that agree on the same people. So "Wagner recruited
    prisoners" can join one claim about Wagner in the same news cycle, but any two
    enlistments "in Russia" are not one claim.
    """
    if a.type != b.type or a.document == b.document:
        return False
    if a.story == b.story and not _translation(a, b):
        return a.text.casefold() == b.text.casefold()
    if (a.speech or b.speech) and not (_same_speaker(a.actor, b.actor) and _dated_close(a, b)):
        return False  # "did not respond" to two reporters, undated, is no shared claim
    if not _nothing_clashes(a, b):
        return False
    return (
        (_same_speaker(a.actor, b.actor) and not is_state(a.actor))
        or _same_party(a.subject, b.subject)
        or (_figures_agree(a, b, exact=True) and same_scope(a, b, people=True) and _told(a, b))
    )


def _nothing_clashes(a: ClaimEvent, b: ClaimEvent) -> bool:
    """What two events of one claim may never disagree on, whatever joins them: the side,
    the step of a change, place, time, the sex of the people counted and the news cycle."""
    if a.side and b.side and a.side != b.side:
        return False
    if stages_clash(a.type, a.text, b.text):
        return False
    if _same_place(a, b) is False or _same_time(a, b) is False:
        return False
    return not _sexes_clash(a.subject, b.subject) and _same_news(a, b)


def _told(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether both events state what they report: a forecast's figure ("up to 20,000 could
    be recruited") is repeated for months, so agreeing on it shows no one happening."""
    return a.certainty in _STATED and b.certainty in _STATED


#: Words that single out one group among others: "the *first* group of recruits".
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "latest"})


def _same_party(a: str | None, b: str | None) -> bool:
    """Whether two subjects name the same particular people: the same name ("Sergei
    Khadzhikurbanov", "Khadzhikurbanov") or the same ordinal group ("the first group" and
    "the first group of prisoners"). Plain class nouns ("prisoners") single out no one."""
    if not a or not b:
        return False
    if not (_particular(a) and _particular(b)):
        return False
    return _party_key(a) == _party_key(b)


def _party_key(subject: str) -> str:
    """What singles particular people out: a name's last word ("khadzhikurbanov"), or an
    ordinal group without what it is of ("first group")."""
    key = _speaker_key(subject)
    if _named(subject):
        return key.split()[-1]
    return key.split(" of ")[0]


def _named(phrase: str) -> bool:
    """A proper name: every word capitalised, and not a class noun that merely opens a
    sentence ("Prisoners")."""
    words = [w for w in phrase.split() if w.casefold() != "the"]
    return bool(words) and all(w[:1].isupper() for w in words) and not people_noun(words[-1])


def _particular(phrase: str) -> bool:
    return _named(phrase) or bool(set(phrase.casefold().split()) & _ORDINALS)


def _dated_close(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Both reports dated, within :data:`NEWS_DAYS` of each other."""
    if a.published is None or b.published is None:
        return False
    return abs((a.published - b.published).days) <= NEWS_DAYS


def _same_news(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether two events can be of one news cycle: events with their own closed times are
    judged by them; otherwise the reports' publication dates must be close (unknown dates
    do not object)."""
    if _closed(a) and _closed(b):
        return True
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= NEWS_DAYS


def _closed(event: ClaimEvent) -> bool:
    """A time with both ends, at most :data:`SPECIFIC_DAYS` long."""
    if event.time_start is None or event.time_end is None:
        return False
    return (event.time_end - event.time_start).days <= SPECIFIC_DAYS


#: A figure whose range is wider than this factor ("thousands", "10,000 to 20,000") is
#: no particular count: agreeing with it shows nothing particular.
EXACT_RATIO = 1.5


def _figures_agree(a: ClaimEvent, b: ClaimEvent, exact: bool = False) -> bool:
    """Whether the two events give bounded figures of the same role and unit that overlap
    (an open range such as "up to 20,000" is evidence only against the same bound);
    ``exact`` asks for particular counts (ranges at most :data:`EXACT_RATIO` wide)."""
    for x in a.figures:
        for y in b.figures:
            if x.role == y.role and x.unit == y.unit:
                (x_low, x_high), (y_low, y_high) = x.interval(), y.interval()
                if exact and (_wide(x_low, x_high) or _wide(y_low, y_high)):
                    continue
                if not all(map(math.isfinite, (x_low, x_high, y_low, y_high))):
                    # "up to 20,000" agrees with any smaller figure: evidence only when both
                    # state the same bound ("more than 5,000" and "over 5,000").
                    if (x.low, x.high) == (y.low, y.high):
                        return True
                    continue
                if x_low <= y_high and y_low <= x_high:
                    return True
    return False


def _wide(low: float, high: float) -> bool:
    """A finite range wider than :data:`EXACT_RATIO` ("thousands")."""
    finite = math.isfinite(low) and math.isfinite(high)
    return finite and (low <= 0 or high / low > EXACT_RATIO)


def _same_place(a: ClaimEvent, b: ClaimEvent) -> bool | None:
    """True same place, False different places, None when one side names none."""
    if a.place is None or b.place is None:
        return None
    if a.country and b.country and a.country != b.country:
        return False
    if a.place.casefold() == b.place.casefold():
        return True
    if a.facility and b.facility and _numbered(a.place) and _numbered(b.place):
        if _number(a.place) != _number(b.place):
            return False  # "Penal Colony No. 4" and "No. 13" are two places, however close
        # "ИК-7", "колонія № 7" and "Penal Colony No. 7": one colony in three languages,
        # when the places they are tied to agree.
        return None not in (a.lat, a.lon, b.lat, b.lon) and _km(a, b) <= NEAR_KM
    if a.country_level or b.country_level:
        return a.country is not None and a.country == b.country
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return _km(a, b) <= NEAR_KM
    return None  # a name the gazetteer does not know: no evidence either way


def _translation(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether two events of one story come from copies in different languages (a
    translation credited to its original): they are compared like independent reports'."""
    return a.language is not None and b.language is not None and a.language != b.language


def _numbered(name: str) -> bool:
    """A facility named by its number ("Penal Colony No. 6"), not described ("a colony")."""
    return any(ch.isdigit() for ch in name)


def _number(name: str) -> str:
    """The number a facility is named by, in any language ("ИК-7", "No. 7" → "7")."""
    return "".join(ch for ch in name if ch.isdigit())


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
    return _speaker_key(a) == _speaker_key(b)


def _speaker_key(name: str) -> str:
    """A speaker's name without articles or case ("the Justice Ministry" = "Justice Ministry"),
    in one script: a name on the shipped alias list is its English name, a Cyrillic one
    its transliteration ("Песков заявил" and "Peskov said" have one speaker)."""
    drop = {"the", "a", "an", "'s", "’s"}
    name = alias(name) or (latin_forms(name)[0] if is_cyrillic(name) else name)
    return " ".join(w for w in name.casefold().split() if w not in drop)


def _same_sex(a: str, b: str) -> bool:
    """Whether two phrases both name people of one sex ("about 100 women", "about a hundred
    female prisoners"): in a count, the sex is what the reports single out."""
    words_a, words_b = set(a.casefold().split()), set(b.casefold().split())
    return any(words_a & sexed and words_b & sexed for sexed in _SEXED)


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
        other = next(
            (e for e in told if e.story != no.story and same_scope(e, no, people=False)), None
        )
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


def same_scope(a: ClaimEvent, b: ClaimEvent, people: bool = True) -> bool:
    """Whether two events' figures count the same thing.

    The same place when both name one (the same name or within :data:`NEAR_KM`; a country
    is not the same as a place in it), the same kind of count ("killed" vs "killed or
    wounded") and, when both say and ``people`` asks, the same people ("women" vs
    "convicts" may be a part and its whole).
    """
    if a.scope != b.scope:
        return False
    if a.place and b.place and a.place.casefold() != b.place.casefold():
        close = None not in (a.lat, a.lon, b.lat, b.lon) and _km(a, b) <= NEAR_KM
        if a.country_level or b.country_level or not close:
            return False
    if people:
        here, there = _people(a), _people(b)
        if (
            here
            and there
            and not (same_people(_head(here), _head(there)) or _same_sex(here, there))
        ):
            return False
    return True


def _people(event: ClaimEvent) -> str | None:
    """Who is counted: the subject, unless it is only the count itself ("Forty")."""
    subject = event.subject
    if subject and any(f.text.casefold() == subject.casefold() for f in event.figures):
        return None
    return subject


def _same_place_named(a: ClaimEvent, b: ClaimEvent) -> bool:
    return bool(a.place and b.place and a.place.casefold() == b.place.casefold())


def _far_apart(a: Figure, b: Figure) -> bool:
    """Figures more than :data:`SCOPE_RATIO` times apart: a count of a part and of a whole
    (one colony's and the country's), unless both are said of the very same place."""
    (a_low, a_high), (b_low, b_high) = a.interval(), b.interval()
    low, high = (a_high, b_low) if a_high < b_low else (b_high, a_low)
    return low > 0 and high / low > SCOPE_RATIO


#: Words after which a noun phrase goes on with a modifier: its head is before them
#: ("people *with* criminal records" counts people, not records).
_POSTMODIFIERS = frozenset({"with", "of", "from", "in", "at", "who", "that", "which", "for"})


def _head(phrase: str) -> str:
    """The head noun of a noun phrase, singular-ish ("former prisoners" -> "prisoner",
    "people with criminal records" -> "people")."""
    words = phrase.casefold().split()
    cut = next((n for n, w in enumerate(words) if n and w in _POSTMODIFIERS), len(words))
    words = words[:cut]
    word = words[-1] if words else ""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


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
            if not same_scope(event, other_event):
                continue  # "about 40 at one colony" vs a region's total: no contradiction
            if not _same_place_named(event, other_event) and _far_apart(figure, other):
                continue  # "about 40" vs "tens of thousands": a part and a whole
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


# ------------------------------------------------------------------ reports of one happening


def tells_same_happening(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether two events that agree show that their reports tell one happening.

    Only particular evidence counts: the same particular people ("Khadzhikurbanov"), figures
    that agree on the same people and scope ("some 32,000 men", "32,000 persons"), or the same
    place below country level in the same closed time. Statements (one speaker talks about
    many things), hedged events ("up to 20,000 could be recruited" is repeated for months)
    and denials link nothing. Two linked reports may then join their vague events of one
    type (:func:`same_happening_claim`); a human groups "Wagner recruited inmates" in two
    retellings of one interview though neither says where or when.
    """
    if a.document == b.document or a.speech or b.speech:
        return False
    if a.certainty not in _STATED or b.certainty not in _STATED or not agree(a, b):
        return False
    if _same_party(a.subject, b.subject):
        return True
    if _figures_agree(a, b, exact=True) and same_scope(a, b, people=True) and _large(a, b):
        return True
    precise = _same_time(a, b) is True and _closed(a) and _closed(b)
    local = not (a.country_level or b.country_level)
    return _same_place(a, b) is True and local and precise


#: Certainties that state an event (not a hedge or a denial).
_STATED = frozenset({"asserted", "reported"})


#: Counts below this recur in many happenings ("about 25 inmates" at two colonies): they
#: link no reports.
LINK_COUNT = 100


def _large(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether both events give a count of at least :data:`LINK_COUNT`."""

    def large(event: ClaimEvent) -> bool:
        return any(
            f.role == "quantity" and max(f.low or 0, f.high or 0) >= LINK_COUNT
            for f in event.figures
        )

    return large(a) and large(b)


def same_happening_claim(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Agreement of two events whose reports tell one happening
    (:func:`tells_same_happening` of some other pair of their events).

    Nothing they both state may clash — type, side, place, time, sex, speaker, news cycle,
    the step of a change, the people counted, their figures — and both must state it or
    both deny it ("Wagner stopped recruiting" is not "Wagner recruited"). No positive place
    or time is needed: the reports' link is the evidence.
    """
    if a.type != b.type or a.document == b.document:
        return False
    if a.story == b.story and not _translation(a, b):
        return a.text.casefold() == b.text.casefold()
    if _stance(a) != _stance(b):
        return False  # "Wagner stopped recruiting" is not "Wagner recruited"; a forecast
    if a.speech or b.speech:
        return False  # one speaker speaks on many occasions: statements need a time
    if not _nothing_clashes(a, b):
        return False
    if (
        (_counted(a) or _counted(b) or _comparable(a, b))
        and not _figures_agree(a, b)
        and not _count_retold(a, b)
    ):
        # "250 people agreed to go" is one region's, "prisoners agreed" all; and a join
        # without positive evidence never makes a contradiction ("190,000 rubles" and
        # "200,000 rubles" in two regions' reports)
        return False
    named = _particular(a.subject or "") or _particular(b.subject or "")
    if named and not _same_party(a.subject, b.subject):
        return False  # one named man is not "prisoners"
    here, there = _people(a), _people(b)
    if here and there:
        head_a, head_b = _head(here), _head(there)
        if people_noun(head_a) and people_noun(head_b) and not same_people(head_a, head_b):
            return False
    return True


def _count_retold(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether one event gives a distinctive count (:func:`figure_key`) and the other gives
    no figure but belongs to a report that gives that very count among its first ones:
    "nearly 350 prisoners were released" and "the release of prisoners" in a report
    headlined "350 prisoners released" state one release; "250 people agreed to go" and
    "prisoners agreed" in a report that never gives 250 do not."""
    for counted, other in ((a, b), (b, a)):
        if other.figures or not counted.figures:
            continue
        keys = {_count_key(f) for f in counted.figures if f.role == "quantity"}
        if keys - {None} and keys <= other.report_figures:
            return True
    return False


def _count_key(figure: Figure) -> str | None:
    """A quantity figure's :func:`figure_key`, for an exact count."""
    if figure.low is None or figure.low != figure.high:
        return None
    return figure_key({"value": figure.low, "unit": figure.unit})


def _stance(event: ClaimEvent) -> str:
    """Whether an event is stated, hedged or denied."""
    if event.certainty == "negated":
        return "denied"
    return "stated" if event.certainty in _STATED else "hedged"


def _comparable(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether both events give a figure of one role and unit."""
    return any(x.role == y.role and x.unit == y.unit for x in a.figures for y in b.figures)


def _homes_apart(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether the two reports are mainly about places more than :data:`NEAR_KM` apart
    (one on a colony in Krasnoyarsk, one on a colony in Tver): not one happening."""
    if None in (a.home_lat, a.home_lon, b.home_lat, b.home_lon):
        return False
    here = ClaimEvent(0, 0, 0, "", "", "", lat=a.home_lat, lon=a.home_lon)
    there = ClaimEvent(0, 0, 0, "", "", "", lat=b.home_lat, lon=b.home_lon)
    return _km(here, there) > NEAR_KM


def _counted(event: ClaimEvent) -> bool:
    """Whether the event gives a count: a quantity figure, or a subject that is one the
    figures missed ("50,000")."""
    if any(f.role == "quantity" for f in event.figures):
        return True
    return any(ch.isdigit() for ch in event.subject or "")


def happening_links(event: ClaimEvent, members: Iterable[ClaimEvent]) -> set[int]:
    """The documents among ``members`` (a claim ``event`` joined) whose reports the pair
    shows to tell the same happening as ``event``'s (:func:`tells_same_happening`)."""
    return {m.document for m in members if tells_same_happening(event, m)}


def agree_linked(a: ClaimEvent, b: ClaimEvent, linked: Set[int]) -> bool:
    """:func:`agree`, or for an event of a report linked to ``a``'s (``linked``: the
    documents telling the same happening as ``a``'s; or one giving a distinctive count
    ``a``'s report gives, :func:`share_a_count`), :func:`same_happening_claim`."""
    if agree(a, b):
        return True
    return (b.document in linked or share_a_count(a, b)) and same_happening_claim(a, b)


#: Units of counts that are no count of people or things ("2023", "3 months", "25%").
_NOT_COUNTS = frozenset({"year", "percent", "day", "week", "month", "hour", "minute"})


def figure_key(fields: dict[str, Any]) -> str | None:
    """A quantity mention's key when it is a distinctive count: an exact count (not a
    range) of a counted unit with at least two significant digits and at least 100
    ("350 person", "4300 application", "32000 person"). Round counts ("5,000", "20,000")
    and small ones are said of many things; years, durations and shares are no counts."""
    value, unit = fields.get("value"), fields.get("unit")
    low, high = fields.get("low"), fields.get("high")
    if not isinstance(value, int | float) or not unit or unit in _NOT_COUNTS:
        return None
    if low is not None and high is not None and low != high:
        return None
    if value < 100 or value != int(value) or len(str(int(value)).rstrip("0")) < 2:
        return None
    return f"{int(value)} {unit}"


def share_a_count(a: ClaimEvent, b: ClaimEvent) -> bool:
    """Whether two events' reports give one distinctive count (:func:`figure_key`) and were
    published in one news cycle (unknown dates do not object): retellings of one happening
    ("nearly 350 prisoners released", "4,300 applications" in four reports of one week)."""
    if a.document == b.document or not a.report_figures & b.report_figures:
        return False
    if _homes_apart(a, b):
        return False
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= NEWS_DAYS
