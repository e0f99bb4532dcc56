"""Which copy of a story is the original, and why: evidence in a fixed order.

Why an order and not a score: a reader must be able to check the choice, so it rests on the
first kind of evidence that decides it, and the reason names it:

1. **credit** — a copy says where the report came from ("This article originally appeared
   in The Calder Courier", "told The New York Times", "(Reuters) —") and an outlet of that
   name has a copy in the story;
2. **canonical** — a copy's ``<link rel="canonical">`` points at another copy's address;
3. **published** — the earliest publication date;
4. **captured** — the earliest capture, then the lowest document id.

Credits and canonical links form a graph from copy to credited copy. The original is a
*sink*: credited by others, crediting nobody else in the story. A copy that credits its own
outlet ("originally appeared in" on that outlet's own site) or its own address is no
evidence either way; a chain (A credits B, B credits C) ends at C; a circle (A credits B,
B credits A) has no sink, so that kind of evidence is set aside, the reason says so, and
the next kind decides. Nothing is followed step by step, so no input can loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from storyline.link.credits import Credit, host_keys, name_keys, outlet_key

Basis = str  # "credit" | "canonical" | "published" | "captured" | "single"
#: The reason given for a story of one document.
SINGLE_REASON = "the only copy: no reprints found"


@dataclass(frozen=True)
class Copy:
    """One document of a story, as far as choosing the original needs it.

    Attributes:
        document_id: the stored document's id.
        outlet: the outlet's name (the page's site name), if known.
        url: where the copy was captured from.
        canonical_url: the page's canonical link, if any.
        published: the publication date, if known.
        captured_at: when the bytes were captured.
        credits: outlets the text credits (:func:`storyline.link.credits.find_credits`).
    """

    document_id: int
    outlet: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    published: date | None = None
    captured_at: datetime | None = None
    credits: tuple[Credit, ...] = ()


@dataclass(frozen=True)
class Choice:
    """The original of a story: its document id, the kind of evidence, and the reason."""

    document_id: int
    basis: Basis
    reason: str


def choose_original(copies: Sequence[Copy]) -> Choice:
    """Choose the original among the copies of one story.

    Args:
        copies: the story's documents (at least one; order does not matter).

    Returns:
        The chosen document, the kind of evidence that decided (``credit``, ``canonical``,
        ``published``, ``captured`` or ``single``) and a one-sentence reason.

    Raises:
        ValueError: ``copies`` is empty.
    """
    if not copies:
        raise ValueError("a story has at least one document")
    copies = sorted(copies, key=lambda c: c.document_id)
    if len(copies) == 1:
        return Choice(copies[0].document_id, "single", SINGLE_REASON)
    notes: list[str] = []
    for basis, graph, describe in (
        ("credit", _credit_graph(copies), _describe_credit),
        ("canonical", _canonical_graph(copies), _describe_canonical),
    ):
        credited = {target for found in graph.values() for target in found}
        if not credited:
            continue
        sinks = [c for c in copies if c.document_id in credited and not graph[c.document_id]]
        if not sinks:
            notes.append(f"circular {basis} links ({_cycle(graph)}) set aside")
            continue
        votes: dict[int, list[int]] = {sink.document_id: [] for sink in sinks}
        for voter, found in sorted(graph.items()):
            for target in found:
                if target in votes:
                    votes[target].append(voter)
        best = min(sinks, key=lambda c: (-len(votes[c.document_id]), *_age(c)))
        reason = describe(best, votes[best.document_id], copies)
        return Choice(best.document_id, basis, _join(reason, notes))
    dated = [c for c in copies if c.published is not None]
    if dated:
        best = min(dated, key=_age)
        first = best.published
        assert first is not None
        tied = [c for c in dated if c.published == first and c is not best]
        reason = f"published first ({first.isoformat()})"
        if tied:
            reason = f"published first ({first.isoformat()}, the same day as {_ids(tied)}; "
            reason += "captured first)"
        return Choice(best.document_id, "published", _join(reason, notes))
    best = min(copies, key=_age)
    when = best.captured_at.isoformat(timespec="seconds") if best.captured_at else "unknown"
    reason = f"captured first ({when}); no copy has a publication date"
    return Choice(best.document_id, "captured", _join(reason, notes))


# ----------------------------------------------------------------------------- evidence


def _credit_graph(copies: Sequence[Copy]) -> dict[int, set[int]]:
    """For each copy, the copies of the outlets it credits, its own outlet's left out.

    Outlet keys are computed once per copy and indexed, so a story of thousands of copies
    that all carry the same credit line costs one pass, not one pass per pair.
    """
    keys = {copy.document_id: _outlet_keys(copy) for copy in copies}
    by_key: dict[str, set[int]] = {}
    for document_id, found in keys.items():
        for key in found:
            by_key.setdefault(key, set()).add(document_id)
    graph: dict[int, set[int]] = {}
    for copy in copies:
        named = set().union(*(name_keys(credit.name) for credit in copy.credits))
        own = keys[copy.document_id]
        own_copies = set().union(*(by_key.get(key, set()) for key in own))
        credited = set().union(*(by_key.get(key, set()) for key in named - own))
        graph[copy.document_id] = credited - own_copies - {copy.document_id}
    return graph


def _canonical_graph(copies: Sequence[Copy]) -> dict[int, set[int]]:
    """For each copy, the copies at the address of its canonical link (a self-link is none)."""
    by_address: dict[str, set[int]] = {}
    for copy in copies:
        for address in {_url_key(copy.url), _url_key(copy.canonical_url)}:
            if address:
                by_address.setdefault(address, set()).add(copy.document_id)
    graph: dict[int, set[int]] = {}
    for copy in copies:
        target = _url_key(copy.canonical_url)
        if not target or target == _url_key(copy.url):
            graph[copy.document_id] = set()
        else:
            graph[copy.document_id] = by_address.get(target, set()) - {copy.document_id}
    return graph


def _describe_credit(best: Copy, voters: list[int], copies: Sequence[Copy]) -> str:
    by_id = {c.document_id: c for c in copies}
    keys = _outlet_keys(best)
    phrases = [
        credit.text
        for voter in voters
        for credit in by_id[voter].credits
        if name_keys(credit.name) & keys
    ]
    quoted = f' ("{phrases[0]}")' if phrases else ""
    return f"credited as the source by {_plural('document', voters)}{quoted}"


def _describe_canonical(best: Copy, voters: list[int], copies: Sequence[Copy]) -> str:
    address = best.url or best.canonical_url or ""
    return f"the canonical link of {_plural('document', voters)} points to it ({address})"


# ------------------------------------------------------------------- incremental check


def evidence_keys(copy: Copy) -> set[str]:
    """What a copy's own evidence points at: credited outlet keys and ``url:`` addresses."""
    keys = set().union(*(name_keys(credit.name) for credit in copy.credits))
    target = _url_key(copy.canonical_url)
    if target and target != _url_key(copy.url):
        keys.add(f"url:{target}")
    return keys


def target_keys(copy: Copy) -> set[str]:
    """The keys under which other copies' evidence could point at this copy."""
    keys = _outlet_keys(copy)
    for address in (_url_key(copy.url), _url_key(copy.canonical_url)):
        if address:
            keys.add(f"url:{address}")
    return keys


def keeps_original(new: Copy, choice: Choice, original: Copy, credited: set[str]) -> bool:
    """True when adding ``new`` to a story provably leaves its choice and reason unchanged.

    Lets the store skip re-reading every copy of a large story for each new one: a copy
    with no evidence of its own, that no copy's evidence points at (``credited`` is the
    union of the story's :func:`evidence_keys`), and that is younger than the original
    cannot change a choice made by credit, canonical link, date or capture.

    Args:
        new: the copy that joins the story.
        choice: the story's current choice.
        original: the current original's record.
        credited: the union of :func:`evidence_keys` over the story's copies.
    """
    if choice.basis == "single" or evidence_keys(new) or target_keys(new) & credited:
        return False
    if choice.basis in ("credit", "canonical"):
        return True
    if choice.basis == "published":
        return new.published is None or (
            original.published is not None and new.published > original.published
        )
    return new.published is None and _age(new) > _age(original)


# ------------------------------------------------------------------------------ helpers


def _outlet_keys(copy: Copy) -> set[str]:
    keys = {outlet_key(copy.outlet)} if copy.outlet else set()
    keys |= host_keys(_host(copy.url))
    return {key for key in keys if len(key) >= 3}


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url if "://" in url else f"//{url}").hostname
    except ValueError:
        return None


def _url_key(url: str | None) -> str | None:
    """An address without scheme, ``www.``, query, fragment or trailing slash."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip() if "://" in url else f"//{url.strip()}")
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" or None


def _age(copy: Copy) -> tuple[date, datetime, int]:
    """Sort key: earliest publication, then earliest capture, then lowest id."""
    return (
        copy.published or date.max,
        copy.captured_at.replace(tzinfo=None) if copy.captured_at else datetime.max,
        copy.document_id,
    )


def _cycle(graph: dict[int, set[int]]) -> str:
    pairs = sorted((a, b) for a, found in graph.items() for b in found)
    shown = ", ".join(f"{a}→{b}" for a, b in pairs[:4])
    return shown + (", …" if len(pairs) > 4 else "")


def _ids(copies: Sequence[Copy]) -> str:
    return _plural("document", [c.document_id for c in copies])


def _plural(noun: str, ids: Sequence[int]) -> str:
    if len(ids) == 1:
        return f"{noun} {ids[0]}"
    shown = ", ".join(str(i) for i in ids[:5]) + (
        f" and {len(ids) - 5} more" if len(ids) > 5 else ""
    )
    return f"{noun}s {shown}"


def _join(reason: str, notes: list[str]) -> str:
    return reason + (f" ({'; '.join(notes)})" if notes else "")
