"""Read stored events as claim records and group them (``storyline claims``, the web app).

Claims are computed from the record every time, never stored or typed in: a reviewer's
correction, a new reprint or a new outlet grade changes the standing at once. The grouping
itself is pure (:mod:`storyline.link.claims`); this module only gathers what it needs —
each event's story, outlet grade, place coordinates and figures — in a few bulk queries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from storyline.link.claims import (
    ClaimEvent,
    ClaimGroup,
    Contradiction,
    Figure,
    figure_key,
    group_claims,
)
from storyline.link.sides import side_of
from storyline.store.db import Store
from storyline.store.outlets import outlet_name
from storyline.store.schema import (
    DocumentRow,
    EntityRow,
    EventRow,
    MentionRow,
    OutletRow,
)

#: Reviewed-away events are no claims.
EXCLUDED_STATUSES = ("rejected",)


def claim_events(store: Store, type: str | None = None) -> list[ClaimEvent]:
    """Every stored event (of ``type``) as a :class:`ClaimEvent`."""
    with store.sessions() as session:
        return load_claim_events(session, EventRow.type == type if type else None)


def load_claim_events(session: Any, where: Any = None, homes: bool = True) -> list[ClaimEvent]:
    """The stored events matching ``where`` (a SQLAlchemy condition on ``EventRow``; all
    when None), rejected ones left out, as :class:`ClaimEvent` records.

    ``homes=False`` skips each report's main place, which only grouping needs (reading a
    claim's standing does not), and which costs a look at every entity mention.
    """
    query = (
        select(
            EventRow,
            DocumentRow.story_id,
            DocumentRow.outlet,
            DocumentRow.url,
            DocumentRow.canonical_url,
            DocumentRow.published,
            DocumentRow.language,
        )
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .where(EventRow.review_status.not_in(EXCLUDED_STATUSES))
        .order_by(EventRow.document_id, EventRow.id)
    )
    if where is not None:
        query = query.where(where)
    rows = session.execute(query).all()
    # Only what some event needs: figures of documents whose events hold one, places
    # of documents whose events name one, main places where an event names none.
    counted = {
        (e.document_id, filler.get("mention") or "")
        for e, *_ in rows
        for role in ("quantity", "money")
        for filler in _roles(e).get(role, [])
    }
    figures = _mentions(session, counted, "quantity")
    attributed = {
        (e.document_id, filler.get("mention") or "")
        for e, *_ in rows
        for filler in _roles(e).get("source", [])[:1]
    }
    sources = _mentions(session, attributed, "source")
    documents = sorted({e.document_id for e, *_ in rows})
    report_figures: dict[int, frozenset[str]] = {}
    if homes:
        places = _place_geo(session, documents)
        main_places = _main_places(session, documents, places)
        report_figures = _report_figures(session, documents)
    else:
        named = {
            (e.document_id, filler.get("entity") or "")
            for e, *_ in rows
            for filler in _roles(e).get("place", [])[:1]
        }
        places = _place_geo(session, documents, named)
        main_places = {}
    speakers = _speaker_names(
        session,
        documents,
        {
            (e.document_id, filler.get("entity") or "")
            for e, *_ in rows
            for filler in _roles(e).get("actor", [])[:1]
            if filler.get("entity")
        },
    )
    grades = {
        name: grade
        for name, grade in session.execute(select(OutletRow.name, OutletRow.reliability))
        if grade
    }
    result = []
    for event, story, outlet, url, canonical, published, language in rows:
        data: dict[str, Any] = event.data or {}
        roles: dict[str, list[dict[str, Any]]] = data.get("roles", {})
        place_fill: dict[str, Any] = (roles.get("place") or [{}])[0]
        geo = places.get((event.document_id, place_fill.get("entity") or ""), {})
        place = (event.place, event.country, event.lat, event.lon)
        subject = (roles.get("subject") or [{}])[0].get("text")
        actor_fill: dict[str, Any] = (roles.get("actor") or [{}])[0]
        actor = actor_fill.get("text")
        if language not in (None, "en"):
            # "Пригожина", "основатель ЧВК Евгений Пригожин": the entity's nominative name
            actor = speakers.get((event.document_id, actor_fill.get("entity") or ""), actor)
        target = (roles.get("target") or [{}])[0].get("text")
        # A report's main place is not pushed onto events that name none (it made
        # different happenings agree); its country still tells whose side they are on.
        home_geo = main_places.get(event.document_id, {})
        # A country-level place is too often the front ("pardoned after fighting in
        # Ukraine") to say whose side an event is on, and so is a report's main place
        # (reports on Wagner's convicts are mostly about Bakhmut).
        local = place[1] if place[0] and geo.get("feature") != "country" else None
        side = side_of(
            event.type,
            {"actor": actor, "subject": subject, "target": target},
            local or main_places.get(event.document_id, {}).get("side"),
        )
        result.append(
            ClaimEvent(
                event=event.id,
                document=event.document_id,
                story=story if story is not None else -event.document_id,
                type=event.type,
                certainty=event.certainty,
                text=event.text,
                start=event.start,
                end=event.end,
                time_start=event.time_start,
                time_end=event.time_end,
                place=place[0],
                country=place[1],
                lat=place[2],
                lon=place[3],
                country_level=geo.get("feature") == "country",
                facility=geo.get("feature") == "facility",
                subject=subject,
                actor=actor,
                speech=_is_speech(event.codebook, event.type),
                figures=tuple(_figures(event.document_id, roles, figures)),
                anonymous=_anonymous(event.document_id, roles, sources),
                grade=_grade(grades, outlet, url, canonical),
                source=data.get("source"),
                outlet=outlet,
                side=side,
                published=published,
                home=home_geo.get("name"),
                home_lat=home_geo.get("lat"),
                home_lon=home_geo.get("lon"),
                scope=_scope(event.text, data),
                language=language,
                report_figures=report_figures.get(event.document_id, frozenset()),
            )
        )
    return result


def claims(store: Store, type: str | None = None) -> list[ClaimGroup]:
    """Claim groups over the stored events (groups of one included)."""
    return group_claims(claim_events(store, type))


@lru_cache(maxsize=64)
def _speech_types(codebook: str) -> frozenset[str]:
    """The speech types (statements, denials) of a codebook id such as ``prison-recruitment/1``;
    none for a codebook that is not built in (a user's file is not at hand here)."""
    from storyline.errors import CodebookError
    from storyline.events import BUILTIN, load_codebook

    name = codebook.split("/", 1)[0]
    if name not in BUILTIN:
        return frozenset()
    try:
        return frozenset(t.name for t in load_codebook(name).types if t.speech)
    except CodebookError:
        return frozenset()


def _is_speech(codebook: str, type: str) -> bool:
    return type in _speech_types(codebook)


def _scope(trigger: str, data: dict[str, Any]) -> str | None:
    """What a count includes beyond its unit: "killed or wounded" is not "killed"."""
    words = f"{trigger} {data.get('scope') or ''}".casefold()
    return "wounded" if ("wound" in words or "injur" in words) else None


def _roles(event: EventRow) -> dict[str, Any]:
    roles = (event.data or {}).get("roles")
    return roles if isinstance(roles, dict) else {}


def _anonymous(
    document: int, roles: dict[str, list[dict[str, Any]]], sources: dict[tuple[int, str], Any]
) -> bool | None:
    """Whether the event's source (its ``source`` role) is anonymous; None without one."""
    filler = (roles.get("source") or [{}])[0]
    row = sources.get((document, filler.get("mention") or ""))
    if row is None:
        return None
    return bool((row.data or {}).get("anonymous"))


def _mentions(session: Any, wanted: set[tuple[int, str]], kind: str) -> dict[tuple[int, str], Any]:
    """The mentions of ``kind`` some event's role names (only those: a report holds
    many), as plain rows of ``document_id, key, text, start, end, data``."""
    by_document: dict[int, set[str]] = {}
    for document, key in wanted:
        by_document.setdefault(document, set()).add(key)
    found: dict[tuple[int, str], Any] = {}
    for chunk in _chunks(sorted(by_document), 300):
        keys = sorted({key for document in chunk for key in by_document[document]})
        rows = session.execute(
            select(
                MentionRow.document_id,
                MentionRow.key,
                MentionRow.text,
                MentionRow.start,
                MentionRow.end,
                MentionRow.data,
            ).where(
                MentionRow.document_id.in_(chunk),
                MentionRow.kind == kind,
                MentionRow.key.in_(keys),
            )
        )
        found.update({(row.document_id, row.key): row for row in rows})
    return found


#: Distinctive counts kept per report, the first in its text: a report's own counts come
#: first (headline, lede); a long report's tables would make it "share" counts with many.
REPORT_COUNTS = 3


def _report_figures(session: Any, documents: list[int]) -> dict[int, frozenset[str]]:
    """Each document's first :data:`REPORT_COUNTS` distinctive counts
    (:func:`storyline.link.claims.figure_key`): what tells that two reports retell one
    happening."""
    found: dict[int, list[str]] = {}
    for chunk in _chunks(documents, 300):
        rows = session.execute(
            select(MentionRow.document_id, MentionRow.data)
            .where(MentionRow.document_id.in_(chunk), MentionRow.kind == "quantity")
            .order_by(MentionRow.document_id, MentionRow.start)
        )
        for document, data in rows:
            key = figure_key(data or {})
            keys = found.setdefault(document, [])
            if key and key not in keys and len(keys) < REPORT_COUNTS:
                keys.append(key)
    return {document: frozenset(keys) for document, keys in found.items() if keys}


def _place_geo(
    session: Any, documents: list[int], wanted: set[tuple[int, str]] | None = None
) -> dict[tuple[int, str], dict[str, Any]]:
    """The geo of the documents' entities (only the ``wanted`` (document, key) pairs when
    given)."""
    found: dict[tuple[int, str], dict[str, Any]] = {}
    for chunk in _chunks(documents, 300):
        query = select(EntityRow.document_id, EntityRow.key, EntityRow.geo).where(
            EntityRow.document_id.in_(chunk), EntityRow.geo.is_not(None)
        )
        if wanted is not None:
            keys = sorted({key for document, key in wanted if document in set(chunk)})
            if not keys:
                continue
            query = query.where(EntityRow.key.in_(keys))
        found.update({(row.document_id, row.key): row.geo or {} for row in session.execute(query)})
    return found


def _speaker_names(
    session: Any, documents: list[int], wanted: set[tuple[int, str]]
) -> dict[tuple[int, str], str]:
    """The canonical names of the PER/ORG entities that fill actor roles, by (document, key):
    a Russian or Ukrainian actor is written in any case, its entity in the nominative."""
    found: dict[tuple[int, str], str] = {}
    for chunk in _chunks(documents, 300):
        keys = sorted({key for document, key in wanted if document in set(chunk)})
        if not keys:
            continue
        query = select(EntityRow.document_id, EntityRow.key, EntityRow.name).where(
            EntityRow.document_id.in_(chunk),
            EntityRow.key.in_(keys),
            EntityRow.type.in_(("PER", "ORG")),
        )
        found.update({(row.document_id, row.key): row.name for row in session.execute(query)})
    return found


def _main_places(
    session: Any, documents: list[int], places: dict[tuple[int, str], dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """Each document's most-mentioned place below country level that has coordinates
    (``places``: the entities' geo, as :func:`_place_geo` read it)."""
    counts: dict[int, Counter[str]] = {}
    geos = {
        key: geo
        for key, geo in places.items()
        if geo.get("lat") is not None and geo.get("feature") not in {"country", "facility"}
    }
    for chunk in _chunks(documents, 500):
        rows = session.execute(
            select(MentionRow.document_id, MentionRow.data).where(
                MentionRow.document_id.in_(chunk), MentionRow.kind == "entity"
            )
        )
        for document, data in rows:
            if (data or {}).get("type") in {"LOC", "FAC"} and data.get("entity"):
                counts.setdefault(document, Counter())[data["entity"]] += 1
    main: dict[int, dict[str, Any]] = {}
    for document, counter in counts.items():
        for key, _ in counter.most_common():
            if (document, key) in geos:
                main[document] = dict(geos[(document, key)])
                break
        main.setdefault(document, {})["side"] = _document_side(document, counter, places)
    return main


def _document_side(
    document: int, counter: Counter[str], places: dict[tuple[int, str], dict[str, Any]]
) -> str | None:
    """The country a report is mostly about, by its place mentions ("Russian", "Moscow",
    "Yaroslavl" count for RU), when one country has at least twice the mentions of any
    other (a report on Wagner's convicts names Bakhmut too, but Russia more)."""
    by_country: Counter[str] = Counter()
    for key, count in counter.items():
        country = places.get((document, key), {}).get("country")
        if country:
            by_country[country] += count
    ranked = by_country.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _figures(
    document: int,
    roles: dict[str, list[dict[str, Any]]],
    quantities: dict[tuple[int, str], Any],
) -> Iterable[Figure]:
    for role in ("quantity", "money"):
        for filler in roles.get(role, []):
            row = quantities.get((document, filler.get("mention") or ""))
            if row is None:
                continue
            fields = row.data or {}
            value, low, high = fields.get("value"), fields.get("low"), fields.get("high")
            if low is None and high is None:  # a point; a missing bound is open otherwise
                low = high = value
            yield Figure(
                role=role,
                unit=fields.get("unit"),
                low=low,
                high=high,
                approximate=bool(fields.get("approximate")),
                text=row.text,
                document=document,
                start=row.start,
                end=row.end,
            )


def _grade(grades: dict[str, str], *names: str | None) -> str | None:
    for name in names:
        key = outlet_name(name or "")
        if key and key in grades:
            return grades[key]
    return None


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def contradiction_key(contradiction: Contradiction) -> str:
    """A contradiction's name that survives recomputation: kind, role and the two stories
    (an editor's dismissal is stored under it)."""
    stories = sorted((contradiction.first.story, contradiction.second.story))
    return f"{contradiction.kind}:{contradiction.role or ''}:{stories[0]}:{stories[1]}"


def group_json(group: ClaimGroup) -> dict[str, Any]:
    """A claim group as JSON (``storyline claims --format json``, the API)."""
    return {
        "claim": group.id,
        "type": group.type,
        "independent_sources": group.independent_sources,
        "stories": sorted(group.stories),
        "best_grade": group.best_grade,
        "strongest_certainty": group.strongest_certainty,
        "credibility": group.credibility,
        "contradiction": bool(group.contradictions),
        "summary": group.summary,
        "why": group.why,
        "standing": group.standing,
        "anonymous_only": group.anonymous_only,
        "events": [
            {
                "event": e.event,
                "document": e.document,
                "story": e.story if e.story > 0 else None,
                "trigger": e.text,
                "certainty": e.certainty,
                "time_start": e.time_start.isoformat() if e.time_start else None,
                "time_end": e.time_end.isoformat() if e.time_end else None,
                "place": e.place,
                "outlet": e.outlet,
                "grade": e.grade,
                "figures": [
                    {"role": f.role, "text": f.text, "unit": f.unit, "start": f.start, "end": f.end}
                    for f in e.figures
                ],
            }
            for e in group.events
        ],
        "contradictions": [
            {
                "key": contradiction_key(c),
                "kind": c.kind,
                "role": c.role,
                "events": [c.first.event, c.second.event],
                "documents": [c.first.document, c.second.document],
                "detail": c.detail,
            }
            for c in group.contradictions
        ],
    }
