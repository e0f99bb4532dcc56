"""Read-only queries behind the web pages and the JSON API: documents, entities, counts.

Why a module of its own: every page has a JSON twin (DESIGN §9.13), and both must show
the same rows, so both call these functions. They select only the columns a list needs
(never a 10,000-document text column for a list of 50), page with LIMIT/OFFSET over
indexed orderings, and push filters into SQL so the pages stay fast at 10,000 documents.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, distinct, func, select, text
from sqlalchemy.orm import Session, selectinload

from storyline.errors import FilterError, NotFoundInStoreError
from storyline.store import search
from storyline.store.db import Store
from storyline.store.schema import DocumentRow, EntityRow, EventRow, MentionRow
from storyline.store.search import search_condition, search_terms

T = TypeVar("T")
#: Largest page any list or API call returns.
MAX_LIMIT = 500

#: The longest name an entity filter searches for (SQLite refuses LIKE patterns over
#: 50,000 bytes; no name is near this).
MAX_NAME_FILTER = 500


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer result: its items, the total, and where it starts."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        """The offset of the next page, or ``None`` on the last one."""
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def prev_offset(self) -> int | None:
        """The offset of the previous page, or ``None`` on the first one."""
        return max(self.offset - self.limit, 0) if self.offset > 0 else None


def clamp(limit: int, offset: int) -> tuple[int, int]:
    """A sane limit (1..MAX_LIMIT) and offset (≥ 0)."""
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


# ------------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class DocumentFilters:
    """What the documents list can be narrowed by; every field is optional."""

    q: str | None = None
    outlet: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None
    story: int | None = None
    sort: str = "added"


DOCUMENT_SORTS = {
    "added": (DocumentRow.id.desc(),),
    "published": (DocumentRow.published.desc().nulls_last(), DocumentRow.id.desc()),
    "oldest": (DocumentRow.published.asc().nulls_last(), DocumentRow.id.asc()),
}


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the documents list."""

    id: int
    title: str | None
    outlet: str | None
    published: date | None
    language: str | None
    words: int
    added_at: datetime
    story_id: int | None
    snippet: str
    events: int = 0
    #: ``(start, end)`` of each searched word inside :attr:`snippet` (empty unless searched).
    matches: tuple[tuple[int, int], ...] = ()

    @property
    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet cut into ``(text, matched)`` pieces, for the page to mark the hits."""
        parts, at = [], 0
        for start, end in self.matches:
            parts += [(self.snippet[at:start], False), (self.snippet[start:end], True)]
            at = end
        return [p for p in [*parts, (self.snippet[at:], False)] if p[0]]

    def as_json(self) -> dict[str, Any]:
        """The API's form of this row."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "words": self.words,
            "added_at": self.added_at.isoformat(),
            "story_id": self.story_id,
            "snippet": self.snippet,
            "matches": [list(m) for m in self.matches],
            "events": self.events,
        }


def _document_where(
    query: Select[Any], dialect: str, f: DocumentFilters, *, most_documents: bool = False
) -> Select[Any]:
    if f.q:
        condition = search_condition(dialect, f.q, most_documents=most_documents)
        query = query.where(condition if condition is not None else DocumentRow.id < 0)
    if f.outlet:
        query = query.where(DocumentRow.outlet == f.outlet)
    if f.language:
        query = query.where(DocumentRow.language == f.language)
    if f.since:
        query = query.where(DocumentRow.published >= f.since)
    if f.until:
        query = query.where(DocumentRow.published <= f.until)
    if f.story is not None:
        query = query.where(DocumentRow.story_id == f.story)
    return query


#: The WHERE of a documents selection, for queries elsewhere that count the same rows.
document_where = _document_where


def list_documents(
    store: Store, filters: DocumentFilters, limit: int = 50, offset: int = 0
) -> Page[DocumentSummary]:
    """A page of documents matching ``filters``, in the chosen order."""
    limit, offset = clamp(limit, offset)
    events = (
        select(func.count(EventRow.id))
        .where(EventRow.document_id == DocumentRow.id)
        .scalar_subquery()
    )
    columns = select(
        DocumentRow.id,
        DocumentRow.title,
        DocumentRow.outlet,
        DocumentRow.published,
        DocumentRow.language,
        DocumentRow.word_count,
        DocumentRow.added_at,
        DocumentRow.story_id,
        func.substr(DocumentRow.text, DocumentRow.body_start + 1, 240),
        events,
    )
    order = DOCUMENT_SORTS.get(filters.sort, DOCUMENT_SORTS["added"])
    words_only = bool(filters.q) and filters == DocumentFilters(q=filters.q, sort="added")
    with store.sessions() as session:
        search.read_by_index(session, store.dialect, filters.q)
        # Page over ids alone (index order, no text read for skipped rows), then read the
        # columns of the 50 rows shown: deep pages of 10,000 documents stay cheap. A plain
        # search, newest first, reads the full-text index alone (SQLite).
        found = (
            search.newest_matches(session, store.dialect, filters.q or "", limit, offset)
            if words_only
            else None
        )
        ids = (
            found
            if found is not None
            else list(
                session.scalars(
                    _document_where(select(DocumentRow.id), store.dialect, filters)
                    .order_by(*order)
                    .limit(limit)
                    .offset(offset)
                )
            )
        )
        rows = session.execute(columns.where(DocumentRow.id.in_(ids))).all() if ids else []
        total = (
            search.count_matches(session, store.dialect, filters.q or "") if words_only else None
        )
        if total is None:
            total = session.scalar(
                _document_where(select(func.count(DocumentRow.id)), store.dialect, filters)
            )
        passages = _passages(session, store.dialect, filters.q, ids) if filters.q and ids else {}
    by_id = {row[0]: row for row in rows}
    items = []
    for row in (by_id[i] for i in ids if i in by_id):
        marked = passages.get(row[0])
        snippet, matches = (
            unmark(marked) if marked and HIT_START in marked else (_snippet(row[8]), ())
        )
        items.append(replace(_summary(row, snippet, row[9]), matches=matches))
    return Page(items, total or 0, limit, offset)


#: Private-use characters the database puts around each hit: no report text contains
#: them in practice, and :func:`unmark` drops any that do, so they never reach a page.
HIT_START, HIT_END = "\ue000", "\ue001"
#: Words of context in a search result's passage.
PASSAGE_WORDS = 28


def _passages(session: Session, dialect: str, q: str, ids: list[int]) -> dict[int, str]:
    """The passage of each document that matches ``q``, hits between the markers.

    Why the database does it: FTS5's ``snippet()`` and PostgreSQL's ``ts_headline`` pick
    the best-matching fragment with the same tokenizer that found the document, so the
    passage shown is the one that made it a result (run only for the page's rows).
    """
    terms = search_terms(q)
    if not terms:
        return {}
    if dialect == "postgresql":
        options = (
            f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords={PASSAGE_WORDS}, "
            f'MinWords={PASSAGE_WORDS // 2}, MaxFragments=2, FragmentDelimiter=" … "'
        )
        query = select(
            DocumentRow.id,
            func.ts_headline(
                "simple",
                DocumentRow.text,
                func.plainto_tsquery("simple", " ".join(terms)),
                options,
            ),
        ).where(DocumentRow.id.in_(ids))
        return {i: p for i, p in session.execute(query).all()}
    rows = session.execute(
        text(
            "SELECT rowid, snippet(documents_fts, 1, :a, :b, '…', :n) FROM documents_fts "
            "WHERE documents_fts MATCH :q AND rowid IN (SELECT value FROM json_each(:ids))"
        ),
        {
            "a": HIT_START,
            "b": HIT_END,
            "n": PASSAGE_WORDS,
            "q": " ".join(f'"{term}"' for term in terms),
            "ids": json.dumps(ids),
        },
    ).all()
    return {i: p for i, p in rows}


def unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A passage with hit markers → its plain text and the ``(start, end)`` of each hit."""
    plain: list[str] = []
    matches: list[tuple[int, int]] = []
    size, start = 0, None
    for piece in re.split(f"({HIT_START}|{HIT_END})", " ".join(marked.split())):
        if piece == HIT_START:
            start = size
        elif piece == HIT_END:
            if start is not None and size > start:
                matches.append((start, size))
            start = None
        else:
            plain.append(piece)
            size += len(piece)
    return "".join(plain), tuple(matches)


def _summary(row: Any, snippet: str = "", events: int = 0) -> DocumentSummary:
    """A list row from the first eight columns of a documents query (see the selects)."""
    return DocumentSummary(
        id=row[0],
        title=row[1],
        outlet=row[2],
        published=row[3],
        language=row[4],
        words=row[5],
        added_at=row[6],
        story_id=row[7],
        snippet=snippet,
        events=events,
    )


def _snippet(body: str | None) -> str:
    words = " ".join((body or "").split())
    return words if len(words) < 200 else words[:200].rsplit(" ", 1)[0] + " …"


#: Seconds a filter menu's list of values may be reused. The menus only offer choices, a
#: minute-old list is harmless, and on PostgreSQL a DISTINCT over 100,000 events costs
#: ~15 ms per page (no skip scan), more than the rest of the page's queries together.
FACET_TTL = 60.0


def cached_facets(store: Store, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, reused for :data:`FACET_TTL` seconds (kept on the store object)."""
    cache: dict[str, tuple[float, Any]] = store.__dict__.setdefault("_facet_cache", {})
    now = time.monotonic()
    hit = cache.get(name)
    if hit is not None and now - hit[0] < FACET_TTL:
        return hit[1]  # type: ignore[no-any-return]
    value = compute()
    cache[name] = (now, value)
    return value


def document_facets(store: Store) -> dict[str, list[str]]:
    """The outlets and languages present, for the filter menus (cached a minute)."""
    return cached_facets(store, "documents", lambda: _document_facets(store))


def _document_facets(store: Store) -> dict[str, list[str]]:
    with store.sessions() as session:
        outlets = session.scalars(
            select(DocumentRow.outlet)
            .distinct()
            .where(DocumentRow.outlet.is_not(None))
            .order_by(DocumentRow.outlet)
        )
        languages = session.scalars(
            select(DocumentRow.language)
            .distinct()
            .where(DocumentRow.language.is_not(None))
            .order_by(DocumentRow.language)
        )
        return {
            "outlets": [o for o in outlets if o],
            "languages": [lang for lang in languages if lang],
        }


def load_document(store: Store, document_id: int) -> DocumentRow:
    """One document with its capture, mentions, entities and events loaded.

    Raises:
        NotFoundInStoreError: no document with that id.
    """
    with store.sessions() as session:
        row = session.scalar(
            select(DocumentRow)
            .where(DocumentRow.id == document_id)
            .options(
                selectinload(DocumentRow.capture),
                selectinload(DocumentRow.mentions),
                selectinload(DocumentRow.entities),
                selectinload(DocumentRow.events),
            )
        )
        if row is None:
            raise NotFoundInStoreError(f"no document with id {document_id}")
        return row


def document_events(store: Store, document_id: int) -> list[EventRow]:
    """A document's events in text order."""
    with store.sessions() as session:
        return list(
            session.scalars(
                select(EventRow)
                .where(EventRow.document_id == document_id)
                .order_by(EventRow.start, EventRow.id)
            )
        )


def source_texts(store: Store, pairs: Sequence[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """The ``source`` text of source mentions, by (document id, mention key)."""
    if not pairs:
        return {}
    documents = {doc for doc, _ in pairs}
    keys = {key for _, key in pairs}
    with store.sessions() as session:
        rows = session.execute(
            select(MentionRow.document_id, MentionRow.key, MentionRow.data).where(
                MentionRow.document_id.in_(documents),
                MentionRow.key.in_(keys),
                MentionRow.kind == "source",
            )
        ).all()
    return {(d, k): (data or {}).get("source") or "" for d, k, data in rows}


def protected_spans(
    store: Store, documents: set[int]
) -> dict[int, list[tuple[tuple[int, int], str]]]:
    """Per document, the (span, key) of each protected mention (usually none at all)."""
    if not documents:
        return {}
    found: dict[int, list[tuple[tuple[int, int], str]]] = {}
    with store.sessions() as session:
        rows = session.execute(
            select(MentionRow.document_id, MentionRow.start, MentionRow.end, MentionRow.key).where(
                MentionRow.document_id.in_(documents), MentionRow.sensitivity == "protected"
            )
        ).all()
    for document, start, end, key in rows:
        found.setdefault(document, []).append(((start, end), key))
    return found


# -------------------------------------------------------------------------------- entities


@dataclass(frozen=True)
class EntitySummary:
    """One named referent across documents (entities are grouped by name and type)."""

    name: str
    type: str
    documents: int

    def as_json(self) -> dict[str, Any]:
        """The API's form of this row."""
        return {"name": self.name, "type": self.type, "documents": self.documents}


def _shown(redact: bool) -> list[ColumnElement[bool]]:
    """For viewers (``redact``): only entities with at least one mention that is not
    protected, so a protected witness's name never appears through the entity pages."""
    if not redact:
        return []
    open_mention = (
        select(MentionRow.id)
        .where(
            MentionRow.document_id == EntityRow.document_id,
            MentionRow.kind == "entity",
            MentionRow.data["entity"].as_string() == EntityRow.key,
            MentionRow.sensitivity != "protected",
        )
        .exists()
    )
    return [open_mention]


def list_entities(
    store: Store,
    q: str | None = None,
    type: str | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    redact: bool = False,
) -> Page[EntitySummary]:
    """Entities grouped by name and type, the most widely reported first (``redact``: as a
    viewer sees them, without protected witnesses)."""
    limit, offset = clamp(limit, offset)
    count = func.count(distinct(EntityRow.document_id))
    query = (
        select(EntityRow.name, EntityRow.type, count.label("n"))
        .where(*_shown(redact))
        .group_by(EntityRow.name, EntityRow.type)
    )
    if q:
        if len(q) > MAX_NAME_FILTER:
            raise FilterError(f"q: a name filter may be at most {MAX_NAME_FILTER} characters")
        query = query.where(func.lower(EntityRow.name).contains(q.lower().strip()))
    if type:
        query = query.where(EntityRow.type == type)
    with store.sessions() as session:
        rows = session.execute(
            query.order_by(count.desc(), EntityRow.name).limit(limit).offset(offset)
        ).all()
        total = session.scalar(select(func.count()).select_from(query.subquery()))
    return Page([EntitySummary(*row) for row in rows], total or 0, limit, offset)


@dataclass
class EntityAppearance:
    """One document's mentions of an entity and the events it plays a role in."""

    document: DocumentSummary
    key: str
    mentions: list[MentionRow] = field(default_factory=list)
    events: list[tuple[EventRow, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class EntityDetail:
    """An entity across the record: where it appears and how independently it is reported."""

    name: str
    type: str
    geo: dict[str, Any] | None
    documents: int
    independent: int
    appearances: Page[EntityAppearance]


def entity_detail(
    store: Store,
    type: str,
    name: str,
    limit: int = 20,
    offset: int = 0,
    *,
    redact: bool = False,
) -> EntityDetail | None:
    """Every mention and event of the entity, a page of documents at a time.

    ``independent`` counts distinct stories: reprints of one story count once (a document
    not yet grouped into a story counts as its own). ``redact`` (viewers): a protected
    witness is no entity at all, and protected mentions are left out.
    """
    limit, offset = clamp(limit, offset)
    where = (EntityRow.name == name, EntityRow.type == type, *_shown(redact))
    story = func.coalesce(DocumentRow.story_id, -DocumentRow.id)
    with store.sessions() as session:
        stats = session.execute(
            select(
                func.count(distinct(EntityRow.document_id)),
                func.count(distinct(story)),
                func.max(EntityRow.id),
            )
            .join(DocumentRow, DocumentRow.id == EntityRow.document_id)
            .where(*where)
        ).one()
        if not stats[0]:
            return None
        geo = session.scalar(select(EntityRow.geo).where(EntityRow.id == stats[2]))
        links = session.execute(
            select(EntityRow.document_id, EntityRow.key)
            .where(*where)
            .order_by(EntityRow.document_id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        appearances = _appearances(session, links)
    if redact:
        for appearance in appearances:
            appearance.mentions = [m for m in appearance.mentions if m.sensitivity != "protected"]
    page = Page(appearances, stats[0], limit, offset)
    return EntityDetail(name, type, geo, stats[0], stats[1], page)


def _appearances(session: Session, links: Sequence[Any]) -> list[EntityAppearance]:
    keys = {doc: key for doc, key in links}
    if not keys:
        return []
    rows = session.execute(
        select(
            DocumentRow.id,
            DocumentRow.title,
            DocumentRow.outlet,
            DocumentRow.published,
            DocumentRow.language,
            DocumentRow.word_count,
            DocumentRow.added_at,
            DocumentRow.story_id,
        ).where(DocumentRow.id.in_(keys))
    ).all()
    found = {row[0]: EntityAppearance(_summary(row), keys[row[0]]) for row in rows}
    mentions = session.scalars(
        select(MentionRow)
        .where(MentionRow.document_id.in_(keys), MentionRow.kind == "entity")
        .order_by(MentionRow.document_id, MentionRow.start, MentionRow.id)
    )
    for mention in mentions:
        if (mention.data or {}).get("entity") == keys[mention.document_id]:
            found[mention.document_id].mentions.append(mention)
    events = session.scalars(
        select(EventRow).where(EventRow.document_id.in_(keys)).order_by(EventRow.start)
    )
    for event in events:
        key = keys[event.document_id]
        roles = [
            role
            for role, fillers in (event.data or {}).get("roles", {}).items()
            if any(filler.get("entity") == key for filler in fillers)
        ]
        if roles:
            found[event.document_id].events.append((event, roles))
    return [found[doc] for doc, _ in links if doc in found]


# ------------------------------------------------------------------------------- dashboard


def dashboard(store: Store, newest: int = 8) -> dict[str, Any]:
    """Counts of everything, the newest documents, and events awaiting review."""
    with store.sessions() as session:
        counts = {
            "documents": session.scalar(select(func.count(DocumentRow.id))) or 0,
            "mentions": session.scalar(select(func.count(MentionRow.id))) or 0,
            "entities": session.scalar(
                select(func.count()).select_from(
                    select(EntityRow.name, EntityRow.type).distinct().subquery()
                )
            )
            or 0,
            "events": session.scalar(select(func.count(EventRow.id))) or 0,
        }
        by_status = dict(
            session.execute(
                select(EventRow.review_status, func.count(EventRow.id)).group_by(
                    EventRow.review_status
                )
            ).all()
        )
    return {
        "counts": counts,
        "review": {status: by_status.get(status, 0) for status in _STATUSES},
        "newest": list_documents(store, DocumentFilters(), newest).items,
    }


_STATUSES = ("machine", "verified", "corrected", "rejected")
