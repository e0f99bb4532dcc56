"""Stories in the database: each new document joins the reprints already stored.

Why here and why this way: a report reposted on ten sites is one source, not ten
(DESIGN §1.3), and that must hold the moment a report is stored, so :func:`link_document`
runs inside the document's own ingest transaction. It is incremental: the new document's
fingerprint and LSH band keys are stored, the keys find the few stored documents that may be
copies (one indexed ``key IN (…)`` query), those are verified exactly on their shingles
(re-read from their stored text), the stories they belong to are merged into one, and the
original of that one story is chosen again. Nothing else is rescanned. A text identical to
a stored one after normalisation (same digest) joins its story without touching the index,
so thousands of copies of one report in different wrappers cost one lookup each.

:func:`rebuild` links every stored document again (stores created before this stage, or
after the linking version changed), with the same steps, committing every few hundred
documents and resuming after a kill (:mod:`storyline.store.jobs`); it keeps what it has read
in memory (:class:`_RebuildIndex`) so that each text is shingled once and the
candidate query reads only the bucket table. Outlet reliability grades are in
:mod:`storyline.store.outlets`; they are shown beside each copy of a story.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import cast

import numpy as np
from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from storyline.link import VERSION
from storyline.link.credits import Credit, find_credits, is_translation_credit, name_keys
from storyline.link.original import (
    SINGLE_REASON,
    Choice,
    Copy,
    choose_original,
    evidence_keys,
    keeps_original,
    target_keys,
)
from storyline.link.reprints import (
    MIN_SHARED,
    Candidate,
    Fingerprint,
    band_keys,
    fingerprint,
    shortlist,
    signature_bytes,
    signature_from_bytes,
    verify,
)
from storyline.link.shingles import main_text, shingles, words
from storyline.store import jobs
from storyline.store.db import Store
from storyline.store.planner_stats import after_bulk_write
from storyline.store.schema import (
    CaptureRow,
    DocumentRow,
    FingerprintRow,
    LshBucketRow,
    StoryRow,
)

#: Candidates read per new document, most shared bands first. Bounds the work when one
#: story has thousands of near-identical (not identical) copies; a story with fewer shared
#: bands than the thousandth candidate is not considered.
MAX_CANDIDATES = 1000
_REBUILD_CHUNK = 500
#: Documents whose signature and shingles a rebuild keeps in memory (about 3 KB each for a
#: 500-word article); older candidates are read from the store again.
_REBUILD_CACHE = 10_000


# ---------------------------------------------------------------------------- linking


def link_document(session: Session, row: DocumentRow) -> int:
    """Link a just-flushed document to its story, inside the caller's transaction.

    Returns:
        The id of the story the document now belongs to.
    """
    copy = Copy(
        document_id=row.id,
        outlet=row.outlet,
        url=row.url,
        canonical_url=row.canonical_url,
        published=row.published,
        captured_at=row.capture.captured_at,
    )
    story_id = _link(session, copy, row.text, row.body_start, language=row.language)
    session.expire(row, ["story_id"])  # written by a Core UPDATE; reloaded on access
    return story_id


# Linking runs a handful of statements per new document; they are Core statements with
# bound parameters, built once, so SQLAlchemy compiles each of them only once.
_DOCS = cast(Table, DocumentRow.__table__)
_PRINTS = cast(Table, FingerprintRow.__table__)
_BUCKETS = cast(Table, LshBucketRow.__table__)
_CAPTURES = cast(Table, CaptureRow.__table__)
_STORIES = cast(Table, StoryRow.__table__)
_SAME_TEXT = (
    select(_DOCS.c.story_id)
    .join(_PRINTS, _PRINTS.c.document_id == _DOCS.c.id)
    .where(
        _PRINTS.c.digest == bindparam("digest"),
        _PRINTS.c.document_id != bindparam("doc"),
        _DOCS.c.story_id.is_not(None),
    )
    .limit(1)
)
_HITS = (
    select(_BUCKETS.c.document_id, func.count().label("hits"))
    .where(_BUCKETS.c.key.in_(bindparam("keys", expanding=True)))
    .where(_BUCKETS.c.document_id != bindparam("doc"))
    .group_by(_BUCKETS.c.document_id)
    .subquery()
)
_CANDIDATES = (
    select(_HITS.c.document_id, _HITS.c.hits, _DOCS.c.story_id, _PRINTS.c.size, _PRINTS.c.signature)
    .join(_DOCS, _DOCS.c.id == _HITS.c.document_id)
    .join(_PRINTS, _PRINTS.c.document_id == _HITS.c.document_id)
    .where(_DOCS.c.story_id.is_not(None))
    .order_by(_HITS.c.hits.desc(), _HITS.c.document_id)
    .limit(MAX_CANDIDATES)
)
_TEXTS = select(_DOCS.c.id, _DOCS.c.text, _DOCS.c.body_start).where(
    _DOCS.c.id.in_(bindparam("ids", expanding=True))
)
_COPY_COLUMNS = (
    _DOCS.c.id,
    _DOCS.c.outlet,
    _DOCS.c.url,
    _DOCS.c.canonical_url,
    _DOCS.c.published,
    _CAPTURES.c.captured_at,
)
_COPIES = (
    select(*_COPY_COLUMNS, _PRINTS.c.credits)
    .join(_CAPTURES, _CAPTURES.c.id == _DOCS.c.capture_id)
    .outerjoin(_PRINTS, _PRINTS.c.document_id == _DOCS.c.id)
)
_STORY_AND_ORIGINAL = (
    select(
        _STORIES.c.basis, _STORIES.c.reason, _STORIES.c.credited, *_COPY_COLUMNS, _PRINTS.c.credits
    )
    .join(_DOCS, _DOCS.c.id == _STORIES.c.original_document_id)
    .join(_CAPTURES, _CAPTURES.c.id == _DOCS.c.capture_id)
    .outerjoin(_PRINTS, _PRINTS.c.document_id == _DOCS.c.id)
    .where(_STORIES.c.id == bindparam("story"))
)
_STORY_COPIES = _COPIES.where(_DOCS.c.story_id == bindparam("story"))
_SET_ORIGINAL = (
    update(_STORIES)
    .where(_STORIES.c.id == bindparam("story"))
    .values(
        original_document_id=bindparam("original"),
        basis=bindparam("new_basis"),
        reason=bindparam("new_reason"),
        credited=bindparam("new_credited", type_=_STORIES.c.credited.type),
        updated_at=bindparam("now", type_=_STORIES.c.updated_at.type),
    )
)
_INSERT_PRINT = insert(_PRINTS)
_INSERT_STORY = insert(_STORIES).returning(_STORIES.c.id)
#: A rebuild's candidate query: every document with buckets has a story then, and their
#: stories, sizes and signatures are in memory (:class:`_RebuildIndex`).
_REBUILD_HITS = (
    select(_BUCKETS.c.document_id, func.count().label("hits"))
    .where(_BUCKETS.c.key.in_(bindparam("keys", expanding=True)))
    .where(_BUCKETS.c.document_id != bindparam("doc"))
    .group_by(_BUCKETS.c.document_id)
    .order_by(func.count().desc(), _BUCKETS.c.document_id)
    .limit(MAX_CANDIDATES)
)
_PRINT_SIGNATURES = select(_PRINTS.c.document_id, _PRINTS.c.size, _PRINTS.c.signature).where(
    _PRINTS.c.document_id.in_(bindparam("ids", expanding=True))
)
_SET_STORY = update(_DOCS).where(_DOCS.c.id == bindparam("doc")).values(story_id=bindparam("story"))
_REBUILD_ROWS = (
    select(*_COPY_COLUMNS, _DOCS.c.text, _DOCS.c.body_start)
    .join(_CAPTURES, _CAPTURES.c.id == _DOCS.c.capture_id)
    .where(_DOCS.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_DOCS.c.id)
)


def _link(
    session: Session,
    copy: Copy,
    text: str,
    body_start: int,
    index: _RebuildIndex | None = None,
    language: str | None = None,
) -> int:
    document_id = copy.document_id
    print_ = fingerprint(text, body_start)
    copy = replace(copy, credits=find_credits(text))
    _insert_print(session, document_id, print_, copy.credits)
    stories: set[int] = set()
    indexed = False
    if print_.linkable:
        if index is not None:
            same = index.same_text(print_.digest)
        else:
            same = session.scalar(_SAME_TEXT, {"digest": print_.digest, "doc": document_id})
        if same is not None:
            stories.add(same)
        else:
            keys = sorted(set(band_keys(print_.signature)))
            if index is not None:
                candidates = index.candidates(session, keys, document_id)
                shingles_of = partial(index.shingle_sets, session)
            else:
                rows = session.execute(_CANDIDATES, {"keys": keys, "doc": document_id})
                candidates = [
                    Candidate(other, story, count, signature_from_bytes(signature), size)
                    for other, count, story, size, signature in rows
                ]
                shingles_of = partial(_shingle_sets, session)
            matches = verify(print_, shortlist(print_, candidates), shingles_of)
            stories = {candidate.story_id for candidate, _overlap in matches}
            _insert_buckets(session, document_id, keys)
            indexed = True
    if not stories:
        translated = _translated_from(session, copy, language)
        if translated is not None:
            stories.add(translated)
    if not stories:
        story_id = session.execute(
            _INSERT_STORY,
            {
                "original_document_id": document_id,
                "basis": "single",
                "reason": SINGLE_REASON,
                "credited": sorted(evidence_keys(copy)),
                "updated_at": datetime.now(UTC),
            },
        ).scalar_one()
        session.execute(_SET_STORY, {"doc": document_id, "story": story_id})
        if index is not None and indexed:
            index.add(document_id, print_, story_id, [])
        return story_id
    story_id = min(stories)
    others = sorted(stories - {story_id})
    if others:
        session.execute(update(_DOCS).where(_DOCS.c.story_id.in_(others)).values(story_id=story_id))
        session.execute(delete(_STORIES).where(_STORIES.c.id.in_(others)))
    session.execute(_SET_STORY, {"doc": document_id, "story": story_id})
    if index is not None and indexed:
        index.add(document_id, print_, story_id, others)
    if others or not _keeps_original(session, story_id, copy):
        refresh_original(session, story_id)
    return story_id


#: A translation and its original are published at most this many days apart.
TRANSLATION_DAYS = 7


def _translated_from(session: Session, copy: Copy, language: str | None) -> int | None:
    """The story of the report a translation credits, else ``None``.

    A translation shares no text with its original, so reprint detection cannot find it;
    its credit can ("Translated from Severny Vestnik", "translation of a report by …"). It
    joins the story of the credited outlet's report in another language published within
    :data:`TRANSLATION_DAYS` days (the closest in date). Without such a credit a report in
    another language is an independent story, however alike.
    """
    credits = [c for c in copy.credits if is_translation_credit(c.text)]
    if not credits or language is None:
        return None
    keys = set().union(*(name_keys(c.name) for c in credits))
    query = (
        select(*_COPY_COLUMNS, _DOCS.c.story_id)
        .join(_CAPTURES, _CAPTURES.c.id == _DOCS.c.capture_id)
        .where(
            _DOCS.c.id != copy.document_id,
            _DOCS.c.story_id.is_not(None),
            _DOCS.c.language.is_not(None),
            _DOCS.c.language != language,
        )
    )
    if copy.published is not None:
        window = timedelta(days=TRANSLATION_DAYS)
        query = query.where(
            _DOCS.c.published.between(copy.published - window, copy.published + window)
        )
    found = []
    for doc_id, outlet, url, canonical, published, captured, story in session.execute(query):
        other = _copy(doc_id, outlet, url, canonical, published, captured, None)
        if target_keys(other) & keys:
            distance = abs((published - copy.published).days) if published and copy.published else 0
            found.append((distance, doc_id, story))
    return min(found)[2] if found else None


def refresh_fingerprint(session: Session, document_id: int, text: str, body_start: int) -> None:
    """Compute a document's fingerprint (digest, MinHash, bands, credits) from its text now.

    Protecting a witness rewrites the text; a fingerprint of the old text let anyone with
    the database file confirm a guessed name offline (hash the guessed report and compare;
    issue 15, finding 7). The story the document belongs to is kept: the copies are still
    the same report, and the next report added is compared with the text as stored.
    """
    print_ = fingerprint(text, body_start)
    session.execute(delete(_PRINTS).where(_PRINTS.c.document_id == document_id))
    session.execute(delete(_BUCKETS).where(_BUCKETS.c.document_id == document_id))
    _insert_print(session, document_id, print_, find_credits(text))
    if print_.linkable:
        _insert_buckets(session, document_id, sorted(set(band_keys(print_.signature))))


def _insert_print(
    session: Session, document_id: int, print_: Fingerprint, credits: Iterable[Credit]
) -> None:
    """The document's fingerprint row (size, digest, MinHash signature and credits)."""
    session.execute(
        _INSERT_PRINT,
        {
            "document_id": document_id,
            "version": VERSION,
            "size": print_.size,
            "digest": print_.digest,
            "signature": signature_bytes(print_.signature),
            "credits": [[credit.name, credit.text] for credit in credits],
        },
    )


def _insert_buckets(session: Session, document_id: int, keys: list[int]) -> None:
    """One row per band, written with the driver's ``executemany`` directly.

    128 rows per document are most of linking's writes; SQLAlchemy's per-row parameter
    processing cost more than SQLite's own insert, so the statement goes to the driver.
    """
    connection = session.connection()
    dialect = connection.dialect
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    table = dialect.identifier_preparer.format_table(_BUCKETS)
    key = dialect.identifier_preparer.quote("key")
    connection.exec_driver_sql(
        f"INSERT INTO {table} ({key}, document_id) VALUES ({mark}, {mark})",
        [(value, document_id) for value in keys],
    )


def _shingle_sets(session: Session, ids: list[int]) -> dict[int, frozenset[int]]:
    rows = session.execute(_TEXTS, {"ids": ids}).all()
    return {i: shingles(words(main_text(text, start))) for i, text, start in rows}


#: A recent document's shingle count, signature and shingles (``None``: not read).
_Recent = tuple[int, np.ndarray, np.ndarray | None]


class _RebuildIndex:
    """What a rebuild keeps in memory between documents, so that each is read only once.

    A rebuild links every document in id order into emptied tables, so every document it
    has indexed has a story and every candidate is one of them. It keeps their stories
    (ids only: merges are applied here as in the table), the digests of their texts, and
    for the most recent ``capacity`` of them the signature, size and shingle set (as compact
    arrays: 4 bytes a shingle against about 70 in a frozenset). The candidate query then
    reads only the bucket table, and verification shingles no stored text again unless it
    fell out of the cache. Ingest (:func:`link_document`) reads all of this from the store.
    """

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._recent: OrderedDict[int, _Recent] = OrderedDict()
        self._story_of: dict[int, int] = {}
        self._members: dict[int, list[int]] = {}
        self._digests: dict[str, int] = {}

    def restore(self, session: Session, last: int) -> None:
        """Take up an interrupted rebuild: the stories of the documents up to ``last`` and
        the first linkable document of each text digest, as committed (what :meth:`add`
        would have recorded had the run not been stopped)."""
        for document_id, story_id in session.execute(
            select(_DOCS.c.id, _DOCS.c.story_id).where(
                _DOCS.c.id <= last, _DOCS.c.story_id.is_not(None)
            )
        ):
            self._story_of[document_id] = story_id
            self._members.setdefault(story_id, []).append(document_id)
        first_of_digest = (
            select(_PRINTS.c.digest, func.min(_PRINTS.c.document_id))
            .where(_PRINTS.c.size >= MIN_SHARED, _PRINTS.c.document_id <= last)
            .group_by(_PRINTS.c.digest)
        )
        for digest, document_id in session.execute(first_of_digest):
            self._digests[digest] = document_id

    def same_text(self, digest: str) -> int | None:
        """The story of an indexed document with this digest, if there is one."""
        document_id = self._digests.get(digest)
        return None if document_id is None else self._story_of[document_id]

    def add(self, document_id: int, print_: Fingerprint, story_id: int, merged: list[int]) -> None:
        """Record an indexed document's story, after the stories in ``merged`` joined it."""
        members = self._members.setdefault(story_id, [])
        for other in merged:
            moved = self._members.pop(other, [])
            for member in moved:
                self._story_of[member] = story_id
            members.extend(moved)
        members.append(document_id)
        self._story_of[document_id] = story_id
        self._digests.setdefault(print_.digest, document_id)
        self._remember(document_id, print_.size, print_.signature, print_.shingles)

    def candidates(self, session: Session, keys: list[int], document_id: int) -> list[Candidate]:
        """:data:`_CANDIDATES` for a rebuild: band hits from the table, the rest from here."""
        hits = session.execute(_REBUILD_HITS, {"keys": keys, "doc": document_id}).all()
        known: dict[int, _Recent] = {}
        for other, _count in hits:
            entry = self._recent.get(other)
            if entry is not None:
                self._recent.move_to_end(other)
                known[other] = entry
        missing = [other for other, _count in hits if other not in known]
        if missing:
            for other, size, data in session.execute(_PRINT_SIGNATURES, {"ids": missing}):
                known[other] = self._remember(other, size, signature_from_bytes(data), None)
        return [
            Candidate(other, self._story_of[other], count, known[other][1], known[other][0])
            for other, count in hits
        ]

    def shingle_sets(self, session: Session, ids: list[int]) -> dict[int, frozenset[int]]:
        """The shingle sets of indexed documents (re-read from their text when not cached)."""
        found: dict[int, frozenset[int]] = {}
        for document_id in ids:
            entry = self._recent.get(document_id)
            if entry is not None and entry[2] is not None:
                found[document_id] = frozenset(entry[2].tolist())
        missing = [document_id for document_id in ids if document_id not in found]
        if missing:
            found.update(_shingle_sets(session, missing))
        return found

    def _remember(
        self,
        document_id: int,
        size: int,
        signature_: np.ndarray,
        shingle_set: frozenset[int] | None,
    ) -> _Recent:
        values = None
        if shingle_set is not None:
            values = np.fromiter(shingle_set, dtype=np.uint32, count=len(shingle_set))
        entry = (size, signature_, values)
        self._recent[document_id] = entry
        self._recent.move_to_end(document_id)
        if len(self._recent) > self._capacity:
            self._recent.popitem(last=False)
        return entry


def _keeps_original(session: Session, story_id: int, new: Copy) -> bool:
    """Whether ``new`` joining the story provably leaves its original and reason as they are."""
    row = session.execute(_STORY_AND_ORIGINAL, {"story": story_id}).first()
    if row is None:
        return False
    basis, reason, credited, *fields = row
    original = _copy(*fields)
    current = Choice(original.document_id, basis, reason)
    return keeps_original(new, current, original, set(credited or []))


def refresh_original(session: Session, story_id: int) -> None:
    """Choose the story's original again from all its copies' stored evidence."""
    rows = session.execute(_STORY_COPIES, {"story": story_id}).all()
    if not rows:
        return
    copies = [_copy(*row) for row in rows]
    choice = choose_original(copies)
    session.execute(
        _SET_ORIGINAL,
        {
            "story": story_id,
            "original": choice.document_id,
            "new_basis": choice.basis,
            "new_reason": choice.reason,
            "new_credited": sorted(set().union(*(evidence_keys(copy) for copy in copies))),
            "now": datetime.now(UTC),
        },
    )


def _copy(
    document_id: int,
    outlet: str | None,
    url: str | None,
    canonical_url: str | None,
    published: date | None,
    captured_at: datetime,
    credits: list[list[str]] | None,
) -> Copy:
    return Copy(
        document_id=document_id,
        outlet=outlet,
        url=url,
        canonical_url=canonical_url,
        published=published,
        captured_at=captured_at,
        credits=tuple(Credit(name, phrase) for name, phrase in (credits or [])),
    )


def refresh_document_story(session: Session, document_id: int) -> None:
    """Choose the original again for a document's story (after its metadata changed)."""
    session.flush()
    story_id = session.scalar(select(_DOCS.c.story_id).where(_DOCS.c.id == document_id))
    if story_id is not None:
        refresh_original(session, story_id)


#: The name under which a rebuild records its progress (:mod:`storyline.store.jobs`).
REBUILD_JOB = "stories.rebuild"
#: Documents linked per transaction by :func:`rebuild`.
REBUILD_BATCH = 500


def rebuild(
    store: Store,
    on_document: Callable[[], None] | None = None,
    batch: int = REBUILD_BATCH,
) -> int:
    """Forget every story and link all stored documents again, in id order, committing
    every ``batch`` documents; a rebuild that was killed resumes where it stopped.

    The first transaction empties the story tables and records the job; each later one
    links ``batch`` documents and records the last id it linked (:mod:`storyline.store.jobs`),
    so a kill loses at most one batch and the next call goes on from there with the same
    result as an uninterrupted run: documents are linked in id order against exactly the
    documents before them, whose stories are all committed (:func:`rebuild_position` says
    where an unfinished one stands). Documents added while a rebuild is unfinished are
    linked by it again, so finish it first.

    Returns:
        How many documents were linked by this call.
    """
    with store.sessions.begin() as session:
        last = jobs.position(session, REBUILD_JOB)
        if last is None:
            _clear_stories(session)
            jobs.start(session, REBUILD_JOB)
            last = 0
    index = _RebuildIndex(_REBUILD_CACHE)
    if last:
        with store.sessions() as session:
            index.restore(session, last)
    linked = 0
    while True:
        with store.sessions.begin() as session:
            ids = list(
                session.scalars(
                    select(_DOCS.c.id).where(_DOCS.c.id > last).order_by(_DOCS.c.id).limit(batch)
                )
            )
            if not ids:
                break
            for first in range(0, len(ids), _REBUILD_CHUNK):
                rows = session.execute(_REBUILD_ROWS, {"ids": ids[first : first + _REBUILD_CHUNK]})
                for doc_id, outlet, url, canonical, published, captured, text, body in rows:
                    copy = _copy(doc_id, outlet, url, canonical, published, captured, None)
                    _link(session, copy, text, body, index)
                    if on_document:
                        on_document()
            last = ids[-1]
            jobs.advance(session, REBUILD_JOB, last)
        linked += len(ids)
    with store.sessions.begin() as session:
        connection = session.connection()
        for bucket_index in _BUCKETS.indexes:
            bucket_index.create(connection, checkfirst=True)
        jobs.finish(session, REBUILD_JOB)
    after_bulk_write(store, linked)
    return linked


def rebuild_position(store: Store) -> int | None:
    """The last document an unfinished rebuild linked, or ``None`` when none is under way."""
    with store.sessions() as session:
        return jobs.position(session, REBUILD_JOB)


def documents_after(store: Store, last: int) -> int:
    """How many documents have an id above ``last`` (what a resumed rebuild has left)."""
    with store.sessions() as session:
        return int(session.scalar(select(func.count(_DOCS.c.id)).where(_DOCS.c.id > last)) or 0)


def _clear_stories(session: Session) -> None:
    """Empty the story tables for a rebuild (inside its first transaction)."""
    # A data statement first: SQLite's driver opens the transaction on it, and the
    # DROP INDEX below must be inside the transaction to be undone on failure.
    session.execute(update(_DOCS).values(story_id=None))
    session.execute(delete(_STORIES))
    session.execute(delete(_PRINTS))
    # The bucket index by document (for deletes) is built again once at the end: keeping it
    # up to date row by row doubled the cost of clearing and refilling the buckets.
    connection = session.connection()
    for bucket_index in _BUCKETS.indexes:
        bucket_index.drop(connection, checkfirst=True)
    session.execute(delete(_BUCKETS))


# Reading stories lives in its own module; these names stay importable from here.
from storyline.store.story_views import (  # noqa: E402, F401
    CopyView,
    StoryView,
    list_stories,
    story_ids,
    story_of,
    unlinked_count,
)
