"""The indexed keys that find the claims a new event could join.

Why a table of keys: candidate claims used to be found by one query joining every event of
the new event's type with its document and membership (place, map box, time overlap, news
cycle or story, OR-ed): SQLite and PostgreSQL can use no index for such an OR, so each new
event read every event of its type — 10,000 rows at 100,000 events, 100,000 at a million.
Here each assigned event stores the values it can be found by (:func:`member_keys`), and a
new event looks up the values that would find it (:func:`lookup_keys`) under one index
``(type, key, event_id)``: a few short index ranges at any store size.

The keys reproduce the old conditions or a superset of them (a map cell of 1° instead of a
box of ±1° around the point; whole months for a closed time; whole weeks for the ±14-day
news cycle): every candidate the old query found is found, and what is found beyond it is
rejected by :func:`storyline.link.claims.agree`, which needs places within 60 km, times
that overlap and reports within 14 days.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, insert, text

from storyline.link.claims import NEWS_DAYS, ClaimEvent, party_keys
from storyline.store.schema import ClaimKeyRow

#: A closed time longer than this many months is keyed as ``m:long`` (met by every timed
#: lookup) instead of month by month.
MAX_MONTHS = 36
#: The key of every event: what an undated vague event looks up (the newest claims of its
#: type, as before).
TYPE_KEY = "t"
LONG_KEY = "m:long"
#: Members read per lookup key, newest first (see :func:`candidate_claims`).
PER_KEY = 40
_EXCLUDED = ("rejected",)


def _place_key(place: str) -> str:
    name = place.casefold()
    return "p:" + (name if len(name) <= 150 else hashlib.sha256(name.encode()).hexdigest())


def _months(start: date, end: date) -> Iterator[str] | None:
    """``m:YYYY-MM`` for each month the closed time touches; None when it is too long."""
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    if count > MAX_MONTHS:
        return None
    year, month = start.year, start.month
    return (
        f"m:{(year * 12 + month - 1 + i) // 12:04d}-{(month - 1 + i) % 12 + 1:02d}"
        for i in range(count)
    )


def _week(day: date) -> str:
    return f"w:{day.toordinal() // 7}"


def _shifted(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def member_keys(event: ClaimEvent) -> set[str]:
    """The values an assigned event can be found by."""
    keys = {TYPE_KEY}
    if event.place:
        keys.add(_place_key(event.place))
    if event.lat is not None and event.lon is not None:
        keys.add(f"c:{math.floor(event.lat)}:{math.floor(event.lon)}")
    if event.time_start is not None and event.time_end is not None:
        months = _months(event.time_start, event.time_end)
        keys.update(months if months is not None else [LONG_KEY])
    if event.published is not None:
        keys.add(_week(event.published))
    if event.story > 0:
        keys.add(f"s:{event.story}")
    keys.update(_count_keys(event))
    keys.update(_party_keys(event))
    return keys


def _party_keys(event: ClaimEvent) -> list[str]:
    """``a:actor:NAME`` and ``a:party:NAME`` (:func:`storyline.link.claims.party_keys`):
    a vague event agrees with one of the same actor or particular people wherever and
    whenever each is told, so it must meet them whatever its place and time keys are."""
    return [f"a:{key}"[:200] for key in party_keys(event)]


def _count_keys(event: ClaimEvent) -> list[str]:
    """``f:COUNT UNIT`` for each distinctive count of the event's report: a report giving
    the same count may tell the same happening (:func:`storyline.link.claims.share_a_count`)."""
    return [f"f:{key}"[:200] for key in sorted(event.report_figures)]


def lookup_keys(event: ClaimEvent) -> list[str]:
    """The values whose members a new event may join: the same place or nearby map cells
    when it names a place; else months that overlap its closed time; else weeks of its
    news cycle; and always its own story. An undated vague event meets the newest claims of
    its type (nothing narrows it; agreement still needs the same actor or figure)."""
    if not event.specific and event.published is None:
        return [TYPE_KEY, *_count_keys(event), *_party_keys(event)]
    keys: list[str] = []
    if event.place:
        keys.append(_place_key(event.place))
        if event.lat is not None and event.lon is not None and not event.country_level:
            lat, lon = math.floor(event.lat), math.floor(event.lon)
            keys += [f"c:{lat + a}:{lon + b}" for a in (-1, 0, 1) for b in (-1, 0, 1)]
    elif event.time_start is not None and event.time_end is not None:
        months = _months(event.time_start, event.time_end)
        if months is None:  # a time of years overlaps most members: all of its type
            return [TYPE_KEY, *_count_keys(event), *_party_keys(event)]
        keys += [*months, LONG_KEY]
    elif event.published is not None:
        first = _shifted(event.published, -NEWS_DAYS).toordinal() // 7
        last = _shifted(event.published, NEWS_DAYS).toordinal() // 7
        keys += [f"w:{week}" for week in range(first, last + 1)]
    if event.story > 0:
        keys.append(f"s:{event.story}")
    return keys + _count_keys(event) + _party_keys(event)


def write_keys(session: Any, events: Iterable[ClaimEvent]) -> None:
    """Store (again) the keys of ``events``, replacing any they had."""
    events = list(events)
    if not events:
        return
    session.execute(delete(ClaimKeyRow).where(ClaimKeyRow.event_id.in_([e.event for e in events])))
    session.execute(
        insert(ClaimKeyRow),
        [
            {"event_id": e.event, "key": key, "type": e.type}
            for e in events
            for key in sorted(member_keys(e))
        ],
    )


def candidate_claims(session: Any, event: ClaimEvent, limit: int) -> list[int]:
    """The newest ``limit`` claims with a member (of another document, not rejected) among
    the newest :data:`PER_KEY` members that share each of the event's lookup keys.

    Why per key and bounded: a key such as a country's name or an undated event's type key
    is shared by a growing part of the archive; asking for the newest claims over all its
    members made the database gather and sort every one of them for each new event, so
    adding a report grew slower as the store grew. Each key is read backwards along the
    index ``(type, key, event_id)`` and stops after :data:`PER_KEY` rows, whatever the
    size of the store; the newest claims are among the claims of the newest members.
    """
    keys = lookup_keys(event)
    if not keys:
        return []
    values: dict[str, Any] = {
        "type": event.type,
        "document": event.document,
        "per_key": PER_KEY,
        "limit": limit,
        "excluded": _EXCLUDED[0],
    }
    values.update((f"key{i}", key) for i, key in enumerate(keys))
    return list(session.scalars(_candidates_sql(len(keys)), values))


@lru_cache(maxsize=64)
def _candidates_sql(keys: int) -> Any:
    """The look-up of :func:`candidate_claims` for ``keys`` keys, as SQL text.

    Written out rather than built with SQLAlchemy's expression language: building a union
    of one limited subquery per key cost 1.3 ms per look-up in Python against 0.26 ms in
    the database, and ingest makes one look-up per event."""
    newest = " UNION ALL ".join(
        f"SELECT event_id FROM (SELECT event_id FROM claim_keys WHERE type = :type "
        f"AND key = :key{i} ORDER BY event_id DESC LIMIT :per_key) AS newest{i}"
        for i in range(keys)
    )
    return text(
        "SELECT DISTINCT m.claim_id FROM claim_members AS m "
        "JOIN events AS e ON e.id = m.event_id "
        f"WHERE m.event_id IN ({newest}) AND m.document_id != :document "
        "AND e.review_status != :excluded "
        "ORDER BY m.claim_id DESC LIMIT :limit"
    )
