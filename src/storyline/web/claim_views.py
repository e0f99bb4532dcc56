"""What the claim pages and their API twins show of a claim group, read from the store.

A :class:`~storyline.link.claims.ClaimGroup` holds what grouping needs (ids, spans,
figures); a reader also needs each document's title, the event's key (the document page
marks an event's evidence by it, ``/documents/N?event=v1``), the quantity mention's key
(its anchor, ``#m-q1``) and the evidence sentence. Those are read here for the events on
screen only — a claim reported a thousand times is shown a page of events at a time.

Report text is untrusted: excerpts are built by :func:`storyline.web.highlight.render`
from escaped pieces, and for readers below the editor role every text overlapping a
protected mention (a witness) is blacked out, as on the document page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup
from sqlalchemy import select

from storyline.link.claims import ClaimEvent, ClaimGroup, Contradiction, Figure
from storyline.store.claims import group_json
from storyline.store.db import Store
from storyline.store.outlets import outlet_name
from storyline.store.queries import Page, protected_spans
from storyline.store.schema import DocumentRow, EventRow, MentionRow
from storyline.web.highlight import REDACTED, Span, render

#: Admiralty claim grades: a word and what earns it (docs/claims.md).
CREDIBILITY: dict[int, tuple[str, str]] = {
    1: ("confirmed", "two or more independent stories report it and none contradicts it"),
    2: ("probably true", "one story, from an outlet graded A or B, stated as fact"),
    3: ("possibly true", "one story, hedged or from an outlet graded C to E"),
    4: ("doubtful", "independent stories contradict each other"),
    5: ("improbable", "the reports only deny it"),
    6: ("cannot be judged", "one story, from an ungraded outlet or one graded F"),
}
#: Characters of an evidence excerpt at most (a longer one is cut around the trigger).
EXCERPT = 600

Spans = dict[int, list[tuple[int, int]]]


def meaning(credibility: int) -> str:
    """The word for a credibility grade ("confirmed"…)."""
    return CREDIBILITY.get(credibility, ("unknown", ""))[0]


def documents_of(group: ClaimGroup) -> list[int]:
    """The ids of the documents reporting the claim."""
    return sorted({e.document for e in group.events})


@dataclass(frozen=True)
class GroupSummary:
    """What a list row shows of a group, computed once: a group's standing is a set of
    properties that each walk its events, and a claim may be reported thousands of times."""

    documents: int
    place: str | None
    start: date | None
    end: date | None
    independent_sources: int
    best_grade: str | None
    strongest_certainty: str
    credibility: int
    contradictions: int


def summarise(group: ClaimGroup) -> GroupSummary:
    """The group's document count, the place most of its events name, and the earliest
    start and latest end of their resolved times."""
    names = Counter(e.place for e in group.events if e.place)
    starts = [e.time_start for e in group.events if e.time_start]
    ends = [e.time_end or e.time_start for e in group.events if e.time_start]
    return GroupSummary(
        documents=len({e.document for e in group.events}),
        place=names.most_common(1)[0][0] if names else None,
        start=min(starts) if starts else None,
        end=max(e for e in ends if e) if starts else None,
        independent_sources=group.independent_sources,
        best_grade=group.best_grade,
        strongest_certainty=group.strongest_certainty,
        credibility=group.credibility,
        contradictions=len(group.contradictions),
    )


def summary_json(group: ClaimGroup, summary: GroupSummary | None = None) -> dict[str, Any]:
    """One row of ``/api/claims``: the group's standing without its events."""
    summary = summary or summarise(group)
    return {
        "claim": group.id,
        "first_event": group.events[0].event,
        "type": group.type,
        "documents": summary.documents,
        "events": len(group.events),
        "independent_sources": summary.independent_sources,
        "best_grade": summary.best_grade,
        "strongest_certainty": summary.strongest_certainty,
        "credibility": summary.credibility,
        "credibility_meaning": meaning(summary.credibility),
        "contradiction": summary.contradictions > 0,
        "contradictions": summary.contradictions,
        "place": summary.place,
        "time_start": summary.start.isoformat() if summary.start else None,
        "time_end": summary.end.isoformat() if summary.end else None,
    }


# ------------------------------------------------------------------------ the group page


@dataclass(frozen=True)
class FigureView:
    """A figure of one event, as written, with a link to it in its document."""

    role: str
    unit: str | None
    text: str
    href: str


@dataclass(frozen=True)
class EventCard:
    """One event of the group as the group page shows it."""

    claim: ClaimEvent
    key: str
    title: str | None
    outlet: str | None
    published: date | None
    href: str
    trigger: str
    excerpt: Markup
    figures: tuple[FigureView, ...]


@dataclass(frozen=True)
class Side:
    """One side of a contradiction: the event, the value it gives (a figure, or the
    trigger of a fact), and a note (the report's certainty, for facts)."""

    card: EventCard
    value: str
    href: str
    note: str = ""


@dataclass(frozen=True)
class ContradictionView:
    """A contradiction with both values quoted and linked."""

    kind: str
    role: str | None
    sides: tuple[Side, Side]


@dataclass(frozen=True)
class GroupDetail:
    """Everything the group page shows."""

    group: ClaimGroup
    cards: Page[EventCard]
    contradictions: list[ContradictionView]
    documents: list[int]
    meaning: str
    summary: GroupSummary


def group_detail(
    store: Store,
    group: ClaimGroup,
    redact: bool,
    limit: int,
    offset: int,
    summary: GroupSummary | None = None,
) -> GroupDetail:
    """The group page's content: a page of event cards and every listed contradiction."""
    shown = group.events[offset : offset + limit]
    involved = [e for c in group.contradictions for e in (c.first, c.second)]
    cards = _cards(store, [*shown, *involved], redact)
    return GroupDetail(
        group=group,
        # An event deleted since the groups were computed (a re-extraction, seconds ago)
        # is left out rather than failing the page; the next computation drops it.
        cards=Page(
            [cards[e.event] for e in shown if e.event in cards], len(group.events), limit, offset
        ),
        contradictions=[
            _contradiction(c, cards)
            for c in group.contradictions
            if c.first.event in cards and c.second.event in cards
        ],
        documents=documents_of(group),
        meaning=meaning(group.credibility),
        summary=summary or summarise(group),
    )


def _cards(store: Store, events: Sequence[ClaimEvent], redact: bool) -> dict[int, EventCard]:
    by_id = {e.event: e for e in events}
    documents = {e.document for e in events}
    with store.sessions() as session:
        rows = session.execute(
            select(
                EventRow.id,
                EventRow.key,
                EventRow.data,
                DocumentRow.title,
                DocumentRow.published,
                DocumentRow.url,
                DocumentRow.text,
            )
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(EventRow.id.in_(by_id))
        ).all()
        anchors = _quantity_keys(session, documents)
    hidden = _hidden(store, documents, redact)
    cards = {}
    for event_id, key, data, title, published, url, text in rows:
        event = by_id[event_id]
        spans = hidden.get(event.document, [])
        href = f"/documents/{event.document}?event={quote(key)}"
        figures = tuple(
            FigureView(
                f.role,
                f.unit,
                masked(f.text, f.start, f.end, spans),
                _anchored(href, anchors.get((f.document, f.start, f.end))),
            )
            for f in event.figures
        )
        cards[event_id] = EventCard(
            claim=event,
            key=key,
            title=title,
            outlet=event.outlet or (outlet_name(url) if url else None),
            published=published,
            href=href,
            trigger=masked(event.text, event.start, event.end, spans),
            excerpt=excerpt(text, event, (data or {}).get("evidence", []), spans),
            figures=figures,
        )
    return cards


def _quantity_keys(session: Any, documents: Iterable[int]) -> dict[tuple[int, int, int], str]:
    rows = session.execute(
        select(MentionRow.document_id, MentionRow.start, MentionRow.end, MentionRow.key).where(
            MentionRow.document_id.in_(sorted(documents)), MentionRow.kind == "quantity"
        )
    )
    return {(d, s, e): k for d, s, e, k in rows}


def _anchored(href: str, key: str | None) -> str:
    return f"{href}#m-{quote(key)}" if key else href


def _hidden(store: Store, documents: Iterable[int], redact: bool) -> Spans:
    if not redact:
        return {}
    found = protected_spans(store, set(documents))
    return {document: [span for span, _ in spans] for document, spans in found.items()}


def masked(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` (found at ``start``–``end``) blacked out if it overlaps a protected span."""
    if any(start < e and s < end for s, e in spans):
        return REDACTED * len(text)
    return text


def excerpt(
    text: str, event: ClaimEvent, evidence: Any, hidden: Sequence[tuple[int, int]]
) -> Markup:
    """The event's evidence with its trigger and figures marked, protected spans hidden."""
    bounds = [(event.start, event.end)]
    for item in evidence if isinstance(evidence, list) else []:
        pair = (item.get("start"), item.get("end")) if isinstance(item, dict) else item
        if (
            isinstance(pair, (list, tuple))
            and len(pair) == 2
            and all(isinstance(v, int) for v in pair)
        ):
            bounds.append((pair[0], pair[1]))
    left = max(0, min(s for s, _ in bounds))
    right = min(len(text), max(e for _, e in bounds))
    if right - left > EXCERPT:
        left = max(left, event.start - EXCERPT // 2)
        right = min(right, left + EXCERPT)
    spans = [Span(event.start, event.end, 1, "strong", "trigger", title=event.type)]
    spans += [Span(f.start, f.end, 2, "mark", "figure", title=f.role) for f in event.figures]
    shifted = [
        Span(max(s.start, left) - left, min(s.end, right) - left, s.layer, s.tag, s.cls, s.title)
        for s in spans
        if s.start < right and left < s.end
    ]
    redact = [
        (max(s, left) - left, min(e, right) - left) for s, e in hidden if s < right and left < e
    ]
    body = render(text[left:right], shifted, redact=redact)
    before = Markup("… ") if left > 0 else Markup("")
    after = Markup(" …") if right < len(text) else Markup("")
    return before + body + after


def _contradiction(c: Contradiction, cards: dict[int, EventCard]) -> ContradictionView:
    first, second = cards[c.first.event], cards[c.second.event]
    if c.kind == "figure" and len(c.figures) == 2:
        return ContradictionView(
            c.kind, c.role, (_figure_side(first, c.figures[0]), _figure_side(second, c.figures[1]))
        )
    return ContradictionView(
        c.kind,
        c.role,
        (
            Side(first, first.trigger, first.href, _stance(c.first)),
            Side(second, second.trigger, second.href, _stance(c.second)),
        ),
    )


def _stance(event: ClaimEvent) -> str:
    if event.certainty == "negated":
        return "says it did not happen"
    return f"reports it ({event.certainty})"


def _figure_side(card: EventCard, figure: Figure) -> Side:
    """The side of a figure contradiction: the figure as shown on the card (masked, linked)."""
    if figure in card.claim.figures:
        view = card.figures[card.claim.figures.index(figure)]
        return Side(card, view.text, view.href)
    return Side(card, card.trigger, card.href)  # a figure is always its event's own


# ------------------------------------------------------------------------------- the API


def group_payload(store: Store, group: ClaimGroup, redact: bool) -> dict[str, Any]:
    """``/api/claims/event/{id}``: the CLI's JSON of the group (``group_json``) plus each
    event's key and document title, both values of each contradiction with their spans,
    and protected texts blacked out for viewers."""
    payload = group_json(group)
    payload["first_event"] = group.events[0].event
    payload["credibility_meaning"] = meaning(group.credibility)
    documents = documents_of(group)
    hidden = _hidden(store, documents, redact)
    keys: dict[int, tuple[str, str | None]] = {}
    with store.sessions() as session:
        ids = [e.event for e in group.events]
        for start in range(0, len(ids), 500):
            keys.update(
                (event_id, (key, title))
                for event_id, key, title in session.execute(
                    select(EventRow.id, EventRow.key, DocumentRow.title)
                    .join(DocumentRow, DocumentRow.id == EventRow.document_id)
                    .where(EventRow.id.in_(ids[start : start + 500]))
                )
            )
    for item, event in zip(payload["events"], group.events, strict=True):
        spans = hidden.get(event.document, [])
        item["key"], item["title"] = keys.get(event.event, (None, None))
        item["trigger"] = masked(event.text, event.start, event.end, spans)
        for shown, figure in zip(item["figures"], event.figures, strict=True):
            shown["text"] = masked(figure.text, figure.start, figure.end, spans)
    for item, c in zip(payload["contradictions"], group.contradictions, strict=True):
        item["values"] = _values(c, hidden)
        for value, original in zip(item["values"], _originals(c), strict=True):
            if value["text"] != original:
                item["detail"] = item["detail"].replace(original, value["text"])
    return payload


def _originals(c: Contradiction) -> list[str]:
    if c.kind == "figure" and len(c.figures) == 2:
        return [f.text for f in c.figures]
    return [c.first.text, c.second.text]


def _values(c: Contradiction, hidden: Spans) -> list[dict[str, Any]]:
    if c.kind == "figure" and len(c.figures) == 2:
        pairs = [(c.first, c.figures[0]), (c.second, c.figures[1])]
        return [
            {
                "event": e.event,
                "document": f.document,
                "text": masked(f.text, f.start, f.end, hidden.get(f.document, [])),
                "unit": f.unit,
                "start": f.start,
                "end": f.end,
            }
            for e, f in pairs
        ]
    return [
        {
            "event": e.event,
            "document": e.document,
            "text": masked(e.text, e.start, e.end, hidden.get(e.document, [])),
            "certainty": e.certainty,
            "start": e.start,
            "end": e.end,
        }
        for e in (c.first, c.second)
    ]
