"""Typed records passed between pipeline stages.

Why one module: every stage (capture → parse → annotate → extract → assemble → link → store)
is a pure function from one of these records to the next, so a stage can be tested alone and
the whole run can be moved to worker processes unchanged. Records are frozen dataclasses:
they are cheap, picklable and cannot be changed behind a later stage's back.

Offsets in every mention are Python string indices into :attr:`Document.text`, which is the
headline (when there is one), a blank line, then the main text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

# --------------------------------------------------------------------------- capture / parse


@dataclass(frozen=True)
class ArchiveRef:
    """Where a capture's bytes live in a web archive the user keeps (WARC or WACZ).

    ``path`` is the archive file (absolute), ``member`` the WARC inside a WACZ package,
    ``offset``/``length`` the record's place in that WARC (compressed bytes for
    ``.warc.gz``), so the record can be read again without scanning the archive.
    """

    path: str
    member: str | None = None
    offset: int | None = None
    length: int | None = None


@dataclass(frozen=True)
class Capture:
    """The raw bytes of one input, exactly as read, with where and when they came from.

    Attributes:
        data: the raw bytes (never decoded here: decoding is the parse stage's job).
        sha256: hex digest of ``data``; the content address of the stored blob.
        input: what the user gave (a path, a URL, ``-``), used in messages.
        url: the final URL after redirects, for fetched inputs.
        captured_at: when the bytes were read (UTC).
        content_type: the declared media type (HTTP header or sniffed), e.g. ``text/html``.
        charset: the declared charset from the HTTP header, if any.
        http_date: the ``Date`` response header, if any.
        last_modified: the ``Last-Modified`` response header, if any.
        etag: the ``ETag`` response header, if any (feeds are polled with it).
        archive: for a record of a web archive, where it is; its bytes are then read from
            the archive and not copied into the blob store.
    """

    data: bytes
    sha256: str
    input: str
    captured_at: datetime
    url: str | None = None
    content_type: str | None = None
    charset: str | None = None
    http_date: str | None = None
    last_modified: str | None = None
    etag: str | None = None
    archive: ArchiveRef | None = None


@dataclass(frozen=True)
class Document:
    """A parsed report: clean text plus metadata, ready for annotation.

    Attributes:
        text: headline, a blank line, then the main text (or just the main text when no
            headline is known). Every offset in later stages refers to this string.
        body_start: index in ``text`` where the main text begins (0 without a headline).
        title: the headline, if any.
        published: publication date; ``None`` means *unknown*, and later stages must not
            guess it.
        published_source: where ``published`` came from (``metadata``, ``user``, ``url``…).
        tags: the page's own subject tags/categories (never fed to entity extraction).
        charset: the character set the bytes were decoded with.
    """

    text: str
    sha256: str
    body_start: int = 0
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_source: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    charset: str | None = None
    content_type: str | None = None

    @property
    def word_count(self) -> int:
        """Whitespace-separated words of the main text (headline excluded)."""
        return len(self.text[self.body_start :].split())


# --------------------------------------------------------------------------------- mentions

MentionKind = Literal["quantity", "time", "source", "hedge", "entity"]
Certainty = Literal["asserted", "reported", "possible", "negated", "unknown"]


@dataclass(frozen=True)
class Mention:
    """A span of the document text that an extractor recognised.

    ``id`` is assigned by the extraction orchestrator (``q1``, ``t3``…) after all extractors
    ran, in order of ``start``; extractors leave it empty.
    """

    start: int
    end: int
    text: str
    id: str = ""

    kind: str = field(default="", init=False)


@dataclass(frozen=True)
class QuantityMention(Mention):
    """A figure and what it counts (DESIGN §4).

    ``value`` is the point value (``None`` for pure ranges such as "tens of thousands");
    ``low``/``high`` bound it (either may be ``None`` for open bounds: "more than 40" has
    ``low=40, high=None``). ``unit`` is ``person``, an ISO 4217 code, a duration unit,
    ``percent``, ``times``, an SI symbol, or the lemma of the counted noun. ``counts`` is the
    whole phrase of what is counted; ``part_of`` the id of the whole it is part of.
    """

    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None
    per: str | None = None
    counts: str | None = None
    part_of: str | None = None
    kind: str = field(default="quantity", init=False)


@dataclass(frozen=True)
class TimeMention(Mention):
    """A time expression, resolved to a date interval when an anchor is known.

    ``granularity`` is one of ``day``, ``week``, ``part-of-month``, ``month``, ``season``,
    ``quarter``, ``year``, ``decade``, ``range``, ``open`` ("since 2022", end left null) or
    ``duration``.
    Durations ("for one year") keep ``duration`` as ISO 8601 (``P1Y``) and no dates.
    ``relative`` is true when the interval depends on the publication date; such a mention
    is ``resolved=False`` until that date is known.
    """

    resolved: bool = False
    start_date: date | None = None
    end_date: date | None = None
    granularity: str | None = None
    relative: bool = False
    duration: str | None = None
    kind: str = field(default="time", init=False)


@dataclass(frozen=True)
class SourceMention(Mention):
    """An attribution: who says so, and the span of the claim it supports.

    ``start``/``end`` cover the attribution cue phrase ("according to two former inmates");
    ``source`` is the source as written ("two former inmates"), ``source_start``/``end``
    its span; ``claim_start``/``claim_end`` the supported claim. ``entity`` links a named
    person or organisation to its entity id.
    """

    source: str = ""
    source_start: int | None = None
    source_end: int | None = None
    anonymous: bool = False
    cue: str | None = None
    claim_start: int | None = None
    claim_end: int | None = None
    entity: str | None = None
    kind: str = field(default="source", init=False)


@dataclass(frozen=True)
class HedgeMention(Mention):
    """Uncertainty or negation that changes a claim's certainty.

    ``certainty`` is ``possible`` (may, potentially, allegedly), ``unknown`` (it is unclear
    if), or ``negated`` (denied, did not confirm); ``scope_start``/``scope_end`` the clause
    it governs.
    """

    certainty: Certainty = "possible"
    scope_start: int | None = None
    scope_end: int | None = None
    kind: str = field(default="hedge", init=False)


@dataclass(frozen=True)
class EntityMention(Mention):
    """A mention of a person, organisation, place, facility or group.

    ``type`` is ``PER``, ``ORG``, ``LOC``, ``FAC`` or ``GROUP``; ``entity`` is the id of the
    document-level :class:`Entity` it refers to (one per distinct referent).
    """

    type: str = "ORG"
    entity: str | None = None
    kind: str = field(default="entity", init=False)


@dataclass(frozen=True)
class Entity:
    """One distinct referent in a document ("Russia", "Russian" and "Russia's" → one).

    ``geo`` is where a LOC or FAC entity is, as the place resolver found it (a point, an
    ISO country, a precision: docs/places.md), or ``None``.
    """

    id: str
    name: str
    type: str
    geo: dict[str, Any] | None = None


# ----------------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Token:
    """One token of the dependency parse, kept so assembly needs no spaCy objects.

    ``head`` is the index (in the same token list: one chunk of the text) of the syntactic
    head; a root is its own head. ``sent`` numbers the sentence the token belongs to;
    ``tag`` is the fine-grained part of speech (``VBZ``: present tense).
    """

    start: int
    end: int
    lemma: str
    pos: str
    dep: str
    head: int
    sent: int
    tag: str = ""


@dataclass(frozen=True)
class RoleFiller:
    """What fills one role of an event: a span, and the mention/entity it is, if any."""

    start: int
    end: int
    text: str
    mention: str | None = None
    entity: str | None = None


@dataclass(frozen=True)
class Event:
    """An event of a codebook type: who did what to whom, where, when, how many, per whom.

    ``start``/``end``/``text`` are the trigger; ``evidence`` the spans that support the event
    (the clause or sentence). ``roles`` maps a role name to its fillers (a role may hold
    several: "sniper, combat medic or radio operator"). ``source`` is the id of the source
    mention the event is attributed to; ``certainty`` is ``asserted``, ``reported``
    (attributed), ``possible`` (hedged), ``negated`` or ``unknown``.
    """

    id: str
    type: str
    start: int
    end: int
    text: str
    evidence: tuple[tuple[int, int], ...]
    roles: dict[str, tuple[RoleFiller, ...]]
    certainty: Certainty = "asserted"
    source: str | None = None
    codebook: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything the extract and assemble stages return for one document."""

    document: Document
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
