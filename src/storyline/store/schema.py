"""SQLAlchemy 2 table models: the store's schema.

The first migration already holds what later work needs (DESIGN §8): a sensitivity level
per document and per mention (protected witnesses), the version of every stage that
produced a row (so ``storyline reprocess`` knows what is stale), and an audit table with a
hash chain. Changing a model means adding an Alembic migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base shared by all tables."""


class CaptureRow(Base):
    """One captured input: the bytes live in the blob store under ``sha256``."""

    __tablename__ = "captures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    input: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    captured_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    content_type: Mapped[str | None] = mapped_column(String(200))
    charset: Mapped[str | None] = mapped_column(String(64))
    http_date: Mapped[str | None] = mapped_column(String(100))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    #: Where the bytes are when they came from a web archive (then not in the blob store).
    archive: Mapped[str | None] = mapped_column(Text)
    archive_member: Mapped[str | None] = mapped_column(Text)
    archive_offset: Mapped[int | None] = mapped_column(BigInteger)
    archive_length: Mapped[int | None] = mapped_column(BigInteger)

    document: Mapped[DocumentRow] = relationship(back_populates="capture")


class DocumentRow(Base):
    """A parsed report. ``text`` is headline + blank line + main text; offsets refer to it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    capture_id: Mapped[int] = mapped_column(ForeignKey("captures.id"), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    body_start: Mapped[int] = mapped_column(Integer, default=0)
    byline: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[date | None] = mapped_column(Date)
    published_source: Mapped[str | None] = mapped_column(String(20))
    url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: ``normal`` or ``protected`` (DESIGN §1.5: protected identities are redacted).
    sensitivity: Mapped[str] = mapped_column(String(20), default="normal")
    parser_version: Mapped[str] = mapped_column(String(40))
    extractor_version: Mapped[str | None] = mapped_column(String(200))
    codebook_version: Mapped[str | None] = mapped_column(String(100))
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)

    capture: Mapped[CaptureRow] = relationship(back_populates="document")
    # Ties on ``start`` are broken by id (insertion order): without it PostgreSQL returns
    # them in physical order, which an update after a VACUUM changes.
    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="[MentionRow.start, MentionRow.id]",
    )
    entities: Mapped[list[EntityRow]] = relationship(
        cascade="all, delete-orphan", order_by="EntityRow.id"
    )
    events: Mapped[list[EventRow]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="[EventRow.start, EventRow.id]",
    )

    __table_args__ = (Index("ix_documents_published", "published"),)


class MentionRow(Base):
    """A mention (quantity, time, source, hedge, entity) with its span and its fields."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    extractor: Mapped[str] = mapped_column(String(40))
    sensitivity: Mapped[str] = mapped_column(String(20), default="normal")

    document: Mapped[DocumentRow] = relationship(back_populates="mentions")

    __table_args__ = (
        UniqueConstraint("document_id", "key"),
        Index("ix_mentions_kind", "kind"),
        # Partial: almost every mention is "normal", so an index over the column is one
        # value millions of times, and SQLite's planner (after ANALYZE) rightly scans the
        # table instead; over the protected rows alone it is tiny and always chosen.
        Index(
            "ix_mentions_protected",
            "document_id",
            "start",
            "end",
            sqlite_where=sql_text("sensitivity = 'protected'"),
            postgresql_where=sql_text("sensitivity = 'protected'"),
        ),
    )


class EntityRow(Base):
    """A document-level entity (one distinct referent) that entity mentions point to."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(20))
    geo: Mapped[dict[str, float] | None] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("document_id", "key"),)


class EventRow(Base):
    """An event assembled through a codebook: type, certainty, roles and evidence spans.

    ``data`` holds the contract's event object (roles, evidence, source); the flat columns
    copy what filters need. ``review_status`` is ``machine``, ``verified``, ``corrected`` or
    ``rejected``.
    """

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(20))
    type: Mapped[str] = mapped_column(String(80))
    codebook: Mapped[str] = mapped_column(String(100))
    certainty: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    time_start: Mapped[date | None] = mapped_column(Date)
    time_end: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    #: How exact the place's point is: facility, city, region or country (no point).
    precision: Mapped[str | None] = mapped_column(String(20))
    #: The GeoNames id of the city the place is or lies in (place filters).
    geonameid: Mapped[int | None] = mapped_column(Integer)
    #: ``COUNTRY.ADMIN1`` of the region the place is or lies in (place filters).
    region: Mapped[str | None] = mapped_column(String(40))
    #: ``day``, ``month``, ``year``, ``open`` (a range with no end: "since 2022")…
    time_granularity: Mapped[str | None] = mapped_column(String(20))
    #: The event's figure (its quantity filler), typed, so exports and filters need no JSON.
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    approximate: Mapped[bool | None] = mapped_column(Boolean)
    unit: Mapped[str | None] = mapped_column(String(60))
    counts: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    review_status: Mapped[str] = mapped_column(String(20), default="machine")
    sensitivity: Mapped[str] = mapped_column(String(20), default="normal")

    document: Mapped[DocumentRow] = relationship(back_populates="events")

    __table_args__ = (UniqueConstraint("document_id", "key"),)


class ProtectedTextRow(Base):
    """The encrypted original of one blacked-out span of a document's text.

    Protecting a witness replaces their name with black squares of the same length in the
    stored text, mentions, entities and events; only this row (sealed with the key outside
    the database, ``store/sealing.py``) can bring it back, for editors.
    """

    __tablename__ = "protected_texts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProtectedFieldRow(Base):
    """Where protecting blacked out a name inside a stored field, and what was there, sealed.

    A name is blacked out not only in the text (:class:`ProtectedTextRow`) but inside fields
    that hold copies of it: a title that is not the headline, a mention's or event's JSON, an
    entity's name, an event's place. Offsets inside those fields cannot be read back from the
    text, so each row keeps the runs it blacked out (``owner``/``field`` name the field; the
    sealed JSON holds each run's path, start, end and original characters). Unprotecting puts
    back exactly the runs of the names it frees, never a same-length name that stays protected.
    """

    __tablename__ = "protected_fields"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    owner: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(20))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class AuditRow(Base):
    """Who did what, when. ``hash`` chains each row to the previous one (DESIGN §8)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The audit chain's row count and newest hash (one row, ``id`` 1).

    Written in the same transaction as every audit row, so a chain cut short (the newest
    rows or all rows deleted) no longer matches it; copies kept outside the database
    (``storyline audit head``) catch a chain re-hashed from an edited row onwards.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    rows: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str | None] = mapped_column(String(64))


class LoginLimitRow(Base):
    """Failed sign-ins for one key (``user:NAME`` or ``addr:IP``) since it was last forgotten.

    Kept in the database rather than in memory so several web workers share the count.
    """

    __tablename__ = "login_limits"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """A local account of the web app: a name, an argon2 password hash and one role.

    ``role`` is ``viewer`` (read), ``editor`` (review and add) or ``admin`` (users too).
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    disabled: Mapped[bool] = mapped_column(default=False)


class SessionRow(Base):
    """A signed-in browser: only the SHA-256 of its random cookie token is stored."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    user: Mapped[UserRow] = relationship()


class ApiTokenRow(Base):
    """A token for scripts using the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(default=False)
    #: When the token stops working (``None``: tokens issued before lifetimes existed).
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[UserRow] = relationship()


class StoryRow(Base):
    """A story: one report and its reprints (``documents.story_id`` points here).

    ``basis`` is the kind of evidence that chose the original (``credit``, ``canonical``,
    ``published``, ``captured`` or ``single``); ``reason`` says it in a sentence.
    """

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    original_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    basis: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    #: Outlet keys and ``url:`` addresses that the copies' credits and canonical links name.
    credited: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FingerprintRow(Base):
    """What reprint detection keeps of a document: MinHash signature, size, digest, credits."""

    __tablename__ = "fingerprints"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[str] = mapped_column(String(20))
    size: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64), index=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    #: ``[[name, phrase], …]``: outlets the text credits ("originally appeared in …").
    credits: Mapped[list[list[str]]] = mapped_column(JSON, default=list)


class LshBucketRow(Base):
    """One LSH band of one document; ``key`` mixes the band number and its values."""

    __tablename__ = "lsh_buckets"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    __table_args__ = ({"sqlite_with_rowid": False},)


class OutletRow(Base):
    """An outlet (web domain or name) with an Admiralty-style reliability grade A-F."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    reliability: Mapped[str | None] = mapped_column(String(1))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClaimRow(Base):
    """A claim with a stable id: the events of :class:`ClaimMemberRow` state it."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: Open contradictions (not dismissed), or None while unknown: triggers set it to None
    #: when anything they are computed from changes (migration 0016,
    #: storyline.store.claim_standing).
    contradictions: Mapped[int | None] = mapped_column(Integer, index=True)


class ClaimCountRulesRow(Base):
    """Which rules made the kept contradiction counts (migration 0017; one row, or none
    before the first count): counts made by other rules are unknown."""

    __tablename__ = "claim_count_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(100))


class ClaimMemberRow(Base):
    """An event's claim; ``pinned`` when an editor put it there (never moved automatically)."""

    __tablename__ = "claim_members"
    __table_args__ = (
        Index("ix_claim_members_claim", "claim_id", "document_id"),
        Index("ix_claim_members_document", "document_id"),
    )

    event_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    claim_id: Mapped[int] = mapped_column(Integer, ForeignKey("claims.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(Integer)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)


class ClaimDismissalRow(Base):
    """A contradiction an editor marked as not real, by its key (survives recomputation)."""

    __tablename__ = "claim_dismissals"
    __table_args__ = (UniqueConstraint("claim_id", "key", name="uq_claim_dismissals_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(Integer, ForeignKey("claims.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FeedRow(Base):
    """A followed RSS/Atom feed: the validators of its last answer and when it was polled."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The last poll's result in words ("200: 3 new items", "304 not modified", an error).
    status: Mapped[str | None] = mapped_column(String(300))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FeedItemRow(Base):
    """An item of a feed already seen (``key``: SHA-256 of its id or link)."""

    __tablename__ = "feed_items"

    feed_id: Mapped[int] = mapped_column(
        ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    link: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    document_id: Mapped[int | None] = mapped_column(Integer)


class BatchJobRow(Base):
    """A whole-store job under way: the last document id it committed (migration 0008)."""

    __tablename__ = "batch_jobs"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClaimKeyRow(Base):
    """A value an assigned event is found by as a candidate claim member (migration 0009):
    ``p:`` place, ``c:`` map cell, ``m:`` month, ``w:`` week of publication, ``s:`` story,
    ``t`` its type alone (storyline.store.claim_keys)."""

    __tablename__ = "claim_keys"
    __table_args__ = (Index("ix_claim_keys_lookup", "type", "key", "event_id"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    type: Mapped[str] = mapped_column(String(80))


class EventCellRow(Base):
    """How many events share one chart cell: the timeline's month or period, the map's
    tenth of a degree and place, a country-level place, under the commonest filters.

    Kept by database triggers (migration 0011), never written by code: every insert,
    delete and update of ``events`` moves its count in the same transaction. Read by
    :mod:`storyline.store.event_cells`. Empty strings stand for NULL (and ``-9999`` for
    no map point) because a unique key cannot match NULLs.
    """

    __tablename__ = "event_cells"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(80))
    review_status: Mapped[str] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2))
    certainty: Mapped[str] = mapped_column(String(20))
    precision: Mapped[str] = mapped_column(String(20))
    month: Mapped[str] = mapped_column(String(7))
    period_start: Mapped[str] = mapped_column(String(4))
    period_end: Mapped[str] = mapped_column(String(4))
    granularity: Mapped[str] = mapped_column(String(20))
    glat: Mapped[int] = mapped_column(Integer)
    glon: Mapped[int] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(Text)
    n: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "type",
            "review_status",
            "country",
            "certainty",
            "precision",
            "month",
            "period_start",
            "period_end",
            "granularity",
            "glat",
            "glon",
            "place",
            name="uq_event_cells",
        ),
        Index("ix_event_cells_status", "review_status", "n"),
    )


class EventFacetCountRow(Base):
    """How many events of each place and of each outlet, under the commonest filters.

    Kept by database triggers (migration 0013), never written by code, like
    :class:`EventCellRow`. Every event is counted in one ``facet='place'`` row and one
    ``facet='outlet'`` row (value ``''`` for none), so the outlet rows also split the
    selection by type, certainty and review status. Read by :mod:`storyline.store.facets`.
    """

    __tablename__ = "event_facet_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    facet: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(80))
    review_status: Mapped[str] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2))
    certainty: Mapped[str] = mapped_column(String(20))
    n: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "facet",
            "value",
            "type",
            "review_status",
            "country",
            "certainty",
            name="uq_event_facet_counts",
        ),
    )
