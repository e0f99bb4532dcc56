"""Report text as HTML with its mentions, and one event's evidence, marked up — safely.

Report text is untrusted: the markup is built only from :func:`markupsafe.escape`-d
pieces of the text plus tags and attributes this module writes itself, so no character
of a report can open a tag. Spans may nest or cross (an entity inside a source's cue, an
evidence sentence cutting a mention), so the text is cut at every span boundary and each
piece is wrapped in the spans covering it; a mention cut in pieces gets its opening
bracket on the first piece and its closing bracket on the last (CSS draws the brackets,
one pair per kind, so kinds differ without colour too).

Mentions themselves never nest in the output: a long report marks the same words as an
entity, inside a source's cue, inside a figure, and brackets within brackets
(``««Russian» servicewomen»``) are unreadable. :func:`mention_spans` keeps one mark per
stretch of text and folds what it covers into that mark's details, which readers reach by
keyboard or touch (the mark is focusable and carries ``data-detail``), not only by hovering.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup, escape

from storyline.store.schema import EventRow, MentionRow

#: Display order, label and bracket pair per mention kind (the CLI's pairs, views.py).
KINDS: dict[str, tuple[str, str, str]] = {
    "quantity": ("quantity", "[", "]"),
    "time": ("time", "{", "}"),
    "source": ("source", "<", ">"),
    "hedge": ("hedge", "~", "~"),
    "entity": ("entity", "«", "»"),
}
#: Replaces the characters of a protected mention for readers without the editor role.
REDACTED = "█"


@dataclass(frozen=True)
class Span:
    """One annotation over ``[start, end)``: a tag, its classes and attributes."""

    start: int
    end: int
    layer: int  # outer layers wrap inner ones
    tag: str
    cls: str
    title: str = ""
    anchor: str = ""
    bracketed: bool = False
    #: Lines shown in the details panel when the mark is focused or tapped.
    detail: tuple[str, ...] = ()
    #: Anchors of mentions folded into this one, so links to them still land here.
    also: tuple[str, ...] = ()


def mention_title(mention: MentionRow) -> str:
    """A one-line description of a mention for its tooltip."""
    data = mention.data or {}
    if mention.kind == "quantity":
        value = data.get("value")
        if value is None:
            value = f"{data.get('low')}–{data.get('high')}"
        parts = [f"quantity {mention.key}: {value}", data.get("unit") or ""]
        if data.get("counts"):
            parts.append(f"({data['counts']})")
        return " ".join(p for p in parts if p)
    if mention.kind == "time":
        if data.get("start_date"):
            return f"time {mention.key}: {data.get('start_date')} – {data.get('end_date') or '…'}"
        return f"time {mention.key}: " + (data.get("duration") or "unresolved")
    if mention.kind == "source":
        anonymous = " (anonymous)" if data.get("anonymous") else ""
        return f"source {mention.key}: {data.get('source', '')}{anonymous}"
    if mention.kind == "hedge":
        return f"hedge {mention.key}: {data.get('certainty', '')}"
    return f"entity {mention.key}: {data.get('type', '')} {data.get('entity') or ''}".strip()


#: Which mention keeps its mark where two overlap: a source's cue or a figure says more
#: than an entity name inside it; then the longer mention (the outer one) wins.
PRECEDENCE = {"source": 0, "quantity": 1, "time": 2, "hedge": 3, "entity": 4}


def _fold(mentions: Iterable[MentionRow]) -> list[tuple[MentionRow, list[MentionRow]]]:
    """The mentions kept as marks, in text order, each with those folded into it.

    By rank (:data:`PRECEDENCE`, then the longer, then the earlier), a mention is kept when
    it overlaps no mention kept before; otherwise it folds into the first-kept one it
    overlaps. Kept marks never overlap each other, so those a mention overlaps are
    neighbours in text order, found by bisection: a long report's hundreds of mentions
    cost n log n, not the n² of comparing each with every mark (a third of a document
    page's time at 60 mentions, when every comparison read ORM attributes).
    """
    ranked = sorted(
        (PRECEDENCE.get(m.kind, 5), m.start - m.end, m.start, m.end, n, m)
        for n, m in enumerate(mentions)
        if m.start < m.end
    )
    starts: list[int] = []  # kept marks' starts, in text order
    marks: list[tuple[int, int, list[MentionRow]]] = []  # (end, rank order, folded)
    kept: list[tuple[int, MentionRow, list[MentionRow]]] = []
    for order, (_, _, start, end, _, mention) in enumerate(ranked):
        at = bisect_left(starts, end)  # marks starting before this mention ends
        hosts = []
        for i in range(at - 1, -1, -1):
            if marks[i][0] <= start:
                break  # ends only fall further back: no earlier mark reaches it
            hosts.append(marks[i])
        if hosts:
            min(hosts, key=lambda h: h[1])[2].append(mention)
            continue
        folded: list[MentionRow] = []
        starts.insert(at, start)
        marks.insert(at, (end, order, folded))
        kept.append((start, mention, folded))
    kept.sort(key=lambda k: k[0])
    return [(mention, folded) for _, mention, folded in kept]


def mention_spans(mentions: Iterable[MentionRow]) -> list[Span]:
    """One span per stretch of marked text: overlapping mentions fold into the one kept."""
    kept = _fold(mentions)
    spans, named = [], set()
    for m, folded in kept:
        referent = _referent(m)
        if referent is not None and referent in named and not folded:
            # The same name again: marked once, at its first mention, so a long report is
            # not a wall of brackets; it keeps its anchor (entity pages link to each mention).
            spans.append(
                Span(
                    m.start,
                    m.end,
                    3,
                    "span",
                    "m-again",
                    title=mention_title(m),
                    anchor=f"m-{m.key}",
                    bracketed=True,
                )
            )
            continue
        if referent is not None:
            named.add(referent)
        spans.append(
            Span(
                m.start,
                m.end,
                3,
                "span",
                f"m m-{m.kind if m.kind in KINDS else 'other'}",
                title=mention_title(m),
                anchor=f"m-{m.key}",
                bracketed=True,
                detail=(mention_title(m), *(_folded(f) for f in sorted(folded, key=_order))),
                also=tuple(f"m-{f.key}" for f in folded),
            )
        )
    return spans


def _referent(mention: MentionRow) -> str | None:
    """What an entity mention names (its entity, else its words), or ``None`` for others."""
    if mention.kind != "entity":
        return None
    return str((mention.data or {}).get("entity") or mention.text.casefold())


def _order(mention: MentionRow) -> tuple[int, int]:
    return mention.start, -mention.end


def _folded(mention: MentionRow) -> str:
    """A folded mention's details line, naming the words it covers."""
    return f"{mention_title(mention)} — “{mention.text}”"


def event_spans(event: EventRow) -> list[Span]:
    """The evidence, trigger and role fillers of one event."""
    data = event.data or {}
    spans = [
        Span(int(s), int(e), 0, "mark", "evidence", title=f"evidence of {event.type}")
        for s, e in _pairs(data.get("evidence", []))
    ]
    spans.append(Span(event.start, event.end, 1, "strong", "trigger", title=f"{event.type}"))
    for role, fillers in data.get("roles", {}).items():
        for filler in fillers:
            if isinstance(filler.get("start"), int) and isinstance(filler.get("end"), int):
                spans.append(Span(filler["start"], filler["end"], 2, "span", "role", title=role))
    return spans


def _pairs(evidence: Sequence[Any]) -> list[tuple[int, int]]:
    pairs = []
    for item in evidence:
        if isinstance(item, dict):
            pairs.append((item.get("start"), item.get("end")))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            pairs.append((item[0], item[1]))
    return [(s, e) for s, e in pairs if isinstance(s, int) and isinstance(e, int) and s < e]


def render(
    text: str,
    spans: Sequence[Span],
    headline_end: int = 0,
    redact: Sequence[tuple[int, int]] = (),
) -> Markup:
    """The whole text as HTML with every span applied (and ``redact`` ranges blacked out)."""
    size = len(text)
    all_spans = [
        # A tooltip may quote what a redacted range hides (a source's name): drop it.
        replace(s, title="protected", detail=("protected",))
        if s.title and any(s.start < end and start < s.end for start, end in redact)
        else s
        for s in spans
        if 0 <= s.start < s.end <= size
    ]
    if headline_end > 0:
        all_spans.append(Span(0, min(headline_end, size), -1, "span", "headline"))
    cuts = sorted({0, size, *(s.start for s in all_spans), *(s.end for s in all_spans)})
    for start, end in redact:
        cuts = sorted({*cuts, max(0, start), min(size, end)})
    by_start = sorted(all_spans, key=lambda s: s.start)
    waiting = 0
    active: list[Span] = []
    out: list[str] = []
    # A sweep: every span boundary is a cut, so a span active at a piece's left edge covers
    # the whole piece, and only the few spans open at a point are ever looked at.
    for left, right in itertools.pairwise(cuts):
        while waiting < len(by_start) and by_start[waiting].start <= left:
            active.append(by_start[waiting])
            waiting += 1
        active = [s for s in active if s.end > left]
        active.sort(key=lambda s: (s.layer, s.start, -(s.end - s.start)))
        piece = text[left:right]
        if any(s <= left and e >= right for s, e in redact):
            inner = f'<span class="redacted" title="protected">{REDACTED * len(piece)}</span>'
        else:
            inner = str(escape(piece))
        for span in reversed(active):
            inner = _open(span, left, right) + inner + f"</{span.tag}>"
        out.append(inner)
    return Markup("".join(out))


def _open(span: Span, left: int, right: int) -> str:
    classes = [span.cls]
    attributes = ""
    extra = ""
    if span.bracketed and left == span.start:
        classes.append("first")
        if span.anchor:
            attributes += f' id="{escape(span.anchor)}"'
        if span.detail:
            # Focusable, with its details as data: storyline.js shows them in a panel on
            # focus or tap, so keyboard and touch readers get what a tooltip shows.
            attributes += f' tabindex="0" data-detail="{escape(chr(10).join(span.detail))}"'
        extra = "".join(f'<span id="{escape(anchor)}"></span>' for anchor in span.also)
    if span.bracketed and right == span.end:
        classes.append("last")
    if span.title:
        attributes += f' title="{escape(span.title)}"'
    return f'<{span.tag} class="{" ".join(classes)}"{attributes}>{extra}'


#: Characters of context shown around an event's evidence in the review page, at most.
CONTEXT = 400


def window(text: str, spans: Sequence[Span], event: EventRow) -> Markup:
    """The paragraph(s) around an event's evidence, marked up, with ``…`` where cut."""
    bounds = _pairs((event.data or {}).get("evidence", [])) or [(event.start, event.end)]
    start = min(s for s, _ in bounds)
    end = max(e for _, e in bounds)
    left = max(text.rfind("\n\n", 0, start) + 2, start - CONTEXT, 0)
    right_break = text.find("\n\n", end)
    right = min(right_break if right_break != -1 else len(text), end + CONTEXT)
    shifted = [
        replace(
            s,
            start=max(s.start, left) - left,
            end=min(s.end, right) - left,
            anchor="",
            also=(),
            bracketed=s.bracketed and s.start >= left and s.end <= right,
        )
        for s in spans
        if s.end > left and s.start < right
    ]
    body = render(text[left:right], shifted)
    before = Markup("… ") if left > 0 and text[left - 2 : left] != "\n\n" else Markup("")
    after = Markup(" …") if right < len(text) and text[right : right + 2] != "\n\n" else Markup("")
    return before + body + after
