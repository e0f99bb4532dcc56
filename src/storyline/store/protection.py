"""Protecting a witness: black out their name everywhere it is stored, sealed for editors.

Why at rest and not only on display: a redaction applied by each page, API route and export
leaks wherever one of them forgets (the capture download, a list snippet, a statistic, a
``?source=`` filter, full-text search…). Protecting a mention therefore *rewrites the
store*: every character of the witness's name — in the document text and title, the
mentions, the entities, the events (roles, sources, the machine's copy) — becomes a black
square (:data:`MASK`), one per character so every offset stays valid. The original
characters are kept only in ``protected_texts``, encrypted with the key outside the
database (:mod:`storyline.store.sealing`), and the raw capture is encrypted too. No output
can leak what the database no longer holds; editors get the name back through
:func:`reveal` on the document page, its API and the capture download.

Protecting and unprotecting are editor actions, audited (the audit row names the mention
keys, never the name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, or_, select, text, update
from sqlalchemy.orm import Session

from storyline.errors import NotFoundInStoreError, ReviewError
from storyline.store import masked_fields as fields
from storyline.store.db import Store
from storyline.store.redaction import (
    MASK,
    Interval,
    mask,
    open_sealed,
    overlaps,
    pattern,
    sealed_rows,
)
from storyline.store.schema import CaptureRow, DocumentRow, MentionRow, ProtectedTextRow
from storyline.store.stories import refresh_fingerprint

#: Shortest text searched for across the whole document (shorter ones only at their span).
MIN_SEARCH = 3


@dataclass(frozen=True)
class ProtectOutcome:
    """What one protect/unprotect did: the mentions now protected, the spans changed."""

    document_id: int
    mentions: tuple[str, ...]
    spans: int


# ----------------------------------------------------------------------------- protect


def protect(store: Store, document_id: int, keys: Iterable[str], actor: str) -> ProtectOutcome:
    """Black out the mentions (``s1``) or entities (``E1``) named by ``keys``, sealed.

    Every occurrence of each protected name in the document is blacked out, not only the
    chosen span, and every mention overlapping a blacked-out span becomes protected. The
    same names are blacked out in the document's reprints (its story), which carry them too.

    Raises:
        NotFoundInStoreError: no such document.
        ReviewError: a key names no mention or entity of the document.
    """
    from storyline.store.review import append_audit, in_transaction

    wanted = _keys(keys)

    def work(session: Session) -> tuple[ProtectOutcome, list[str]]:
        _lock(session, store, document_id)
        _scrub_deleted(session, store)
        row = _document(session, document_id)
        spans, names = _targets(row, wanted)
        outcome = _seal(session, row, spans, names, store, actor)
        copies = _story_copies(session, row)
        for copy in copies:
            _seal(session, copy, [], names, store, actor)
        append_audit(
            session,
            actor,
            "document.protect",
            "document",
            document_id,
            {
                "keys": sorted(wanted),
                "mentions": list(outcome.mentions),
                "spans": outcome.spans,
                "reprints": [c.id for c in copies],
            },
        )
        session.flush()
        for changed in (row, *copies):
            refresh_fingerprint(session, changed.id, changed.text, changed.body_start)
        _drop_old_index_entries(session, store)
        blobs = [row.capture.sha256]
        blobs += [c.capture.sha256 for c in copies if sealed_rows(session, c.id)]
        return outcome, blobs

    outcome, sha256s = in_transaction(store, work)
    for sha256 in sha256s:
        store.blobs.seal(sha256)
    _truncate_journal(store)
    return outcome


def unprotect(store: Store, document_id: int, keys: Iterable[str], actor: str) -> ProtectOutcome:
    """Bring back the names that :func:`protect` sealed for these mentions or entities
    (in the document and its reprints).

    Raises:
        NotFoundInStoreError: no such document.
        ReviewError: a key names no mention or entity of the document, or nothing of it
            is protected.
    """
    from storyline.store.review import append_audit, in_transaction

    wanted = _keys(keys)

    def work(session: Session) -> tuple[ProtectOutcome, list[str]]:
        _lock(session, store, document_id)
        row = _document(session, document_id)
        sealed = sealed_rows(session, document_id)
        spans = _span_keys(row.id, sealed, wanted)
        if wanted - _span_key_names(wanted):
            spans += _targets(row, wanted - _span_key_names(wanted))[0]
        chosen = [r for r in sealed if any(overlaps((r.start, r.end), s) for s in spans)]
        if not chosen:
            raise ReviewError(f"nothing of {', '.join(sorted(wanted))} is protected")
        others = {open_sealed(store, r) for r in sealed if r not in chosen}
        names = _with_parts({open_sealed(store, r) for r in chosen}, others)
        names |= _aliases_of(names, others)
        freed, restored, clear = _restore(session, row, names, store)
        copies = _story_copies(session, row)
        for copy in copies:
            clear += _restore(session, copy, names, store)[2]
        session.flush()
        for changed in (row, *copies):
            refresh_fingerprint(session, changed.id, changed.text, changed.body_start)
        append_audit(
            session,
            actor,
            "document.unprotect",
            "document",
            document_id,
            {
                "keys": sorted(wanted),
                "mentions": freed,
                "spans": restored,
                "reprints": [c.id for c in copies],
            },
        )
        return ProtectOutcome(document_id, tuple(freed), restored), clear

    outcome, clear = in_transaction(store, work)
    for sha256 in clear:
        store.blobs.unseal(sha256)
    if clear and _still_sealed(store, sha256s=clear):
        # A protect that committed between our commit and the unseal found the capture
        # still sealed and left it; seal it again rather than leave it in clear.
        for sha256 in clear:
            store.blobs.seal(sha256)
    return outcome


#: Keys of blacked-out spans, in text order (``P1``): what unprotect can name when no
#: mention covers a span any more (a re-extraction reads black squares, issue 15 finding 9).
_SPAN_KEY = re.compile(r"[Pp]([1-9][0-9]{0,8})")


def _span_key_names(keys: set[str]) -> set[str]:
    """The keys among ``keys`` that name blacked-out spans (``P1``)."""
    return {k for k in keys if _SPAN_KEY.fullmatch(k)}


def _span_keys(document_id: int, sealed: list[ProtectedTextRow], keys: set[str]) -> list[Interval]:
    """The spans of the blacked-out runs named ``P1``, ``P2``… (text order) in ``keys``."""
    spans: list[Interval] = []
    for key in sorted(_span_key_names(keys)):
        match = _SPAN_KEY.fullmatch(key)
        assert match is not None
        number = int(match.group(1))
        if number > len(sealed):
            raise ReviewError(
                f"document {document_id} has no blacked-out span {key} "
                f"({len(sealed)} blacked out: P1 to P{len(sealed)} in text order)"
                if sealed
                else f"nothing of document {document_id} is protected"
            )
        spans.append((sealed[number - 1].start, sealed[number - 1].end))
    return spans


def _lock(session: Session, store: Store, document_id: int) -> None:
    """Serialise protect/unprotect of a document (and its reprints) before reading it.

    Each reads the document, its sealed rows and fields, then rewrites them: two of them
    interleaved used to commit over each other and drop the sealed rows of the first — a
    name blacked out for good (issue 15, finding 8). PostgreSQL: ``SELECT … FOR UPDATE`` on
    the rows of the document's story, in id order (no deadlock between two documents of one
    story). SQLite has no row locks and Python's driver starts a transaction only at the
    first write, so a no-op ``UPDATE`` is that first write: it takes the database's write
    lock before anything is read, and the reads after it see the other writer's commit.
    """
    story = session.scalar(select(DocumentRow.story_id).where(DocumentRow.id == document_id))
    members = DocumentRow.id == document_id
    if story is not None:
        members = or_(members, DocumentRow.story_id == story)
    if store.dialect == "sqlite":
        session.execute(update(DocumentRow).where(members).values(id=DocumentRow.id))
        return
    session.execute(
        select(DocumentRow.id).where(members).order_by(DocumentRow.id).with_for_update()
    ).all()


def _still_sealed(store: Store, sha256s: list[str]) -> bool:
    """Whether any document whose capture is one of ``sha256s`` has sealed text now."""
    with store.sessions() as session:
        found = session.scalar(
            select(ProtectedTextRow.id)
            .join(DocumentRow, DocumentRow.id == ProtectedTextRow.document_id)
            .join(DocumentRow.capture)
            .where(CaptureRow.sha256.in_(sha256s))
            .limit(1)
        )
    return found is not None


def _with_parts(names: set[str], others: set[str]) -> set[str]:
    """``names`` and the parts of each that protecting blacked out on their own.

    Protecting "Vera Nowinski" also blacks out a later bare "Nowinski said…" (its own
    sealed row); freeing her must free that row too, or it stays blacked out for good. A
    part that is also a part of another still-sealed name stays sealed (it may be theirs).
    """
    parts = {p for n in names for p in n.split() if len(p) >= MIN_SEARCH and p[:1].isupper()}
    taken = {p for other in others - names - parts for p in other.split()}
    return names | (parts - taken)


def _aliases_of(names: set[str], others: set[str]) -> set[str]:
    """Sealed names that were blacked out whole because they contain one of ``names``
    ("Ksenia Melnyk-Ortiz" for "Melnyk"; see :func:`_whole_names`), freed with it — unless
    they contain another still-sealed name as well."""
    freed = pattern(sorted(names, key=len, reverse=True))
    if freed is None:
        return set()
    out = set()
    for other in others - names:
        if not freed.search(other):
            continue
        kept = pattern(sorted(others - names - {other}, key=len, reverse=True))
        if kept is None or not kept.search(other):
            out.add(other)
    return out


def _restore(
    session: Session, row: DocumentRow, names: set[str], store: Store
) -> tuple[list[str], int, list[str]]:
    """Put ``names`` back wherever they were sealed in one document.

    Returns the mentions no longer protected, how many spans came back, and the capture to
    decrypt (when nothing of the document stays sealed).
    """
    sealed = sealed_rows(session, row.id)
    originals = {r.id: open_sealed(store, r) for r in sealed}
    restore = [r for r in sealed if originals[r.id] in names]
    if not restore:
        return [], 0, []
    text = list(row.text)
    for r in restore:
        text[r.start : r.end] = originals[r.id]
        session.delete(r)
    masked_headline = bool(row.title) and row.text.startswith(row.title or "")
    row.text = "".join(text)
    remaining_rows = [r for r in sealed if r not in restore]
    remaining = [(r.start, r.end) for r in remaining_rows]
    recorded = fields.recorded(session, store, row.id)
    if not recorded:  # protected before runs were recorded (migration 0008): by length
        return _restore_by_length(row, names, masked_headline, remaining, restore)
    reextracted = recorded.get(fields.REEXTRACTED, [])
    if reextracted:
        # Mentions, entities and events were read from black squares: the text comes back
        # exactly, and `storyline reprocess` reads it again (the document is stale now).
        row.extractor_version = None
        if not remaining:
            for marker in reextracted:
                session.delete(marker.row)
    still = {originals[r.id] for r in remaining_rows}

    def freed_name(run: fields.Run) -> bool:
        return not remaining or (run.original in names and run.original not in still)

    if row.title:
        if masked_headline:
            row.title = row.text[: len(row.title)]
        else:
            row.title = fields.release(
                session, store, recorded.get(("document", "title"), []), row.title, freed_name
            )
    _release_metadata(session, store, row, recorded, freed_name)
    freed = []
    for mention in row.mentions:
        mention.text = row.text[mention.start : mention.end]
        mention.data = fields.release(
            session,
            store,
            recorded.get((f"mention:{mention.key}", "data"), []),
            mention.data or {},
            freed_name,
        )
        still_hidden = any(overlaps((mention.start, mention.end), s) for s in remaining)
        if mention.sensitivity == "protected" and not still_hidden:
            mention.sensitivity = "normal"
            freed.append(mention.key)
    hidden_entities = _hidden_entities(row)
    for entity in row.entities:
        shown = entity.key not in hidden_entities

        def freed_entity(run: fields.Run, shown: bool = shown) -> bool:
            return shown and (run.whole or freed_name(run))

        entity.name = fields.release(
            session,
            store,
            recorded.get((f"entity:{entity.key}", "name"), []),
            entity.name,
            freed_entity,
        )
    for event in row.events:
        event.data = fields.release(
            session,
            store,
            recorded.get((f"event:{event.key}", "data"), []),
            _refill(event.data or {}, row.text),
            freed_name,
        )
        event.text = row.text[event.start : event.end]
        event.place = fields.release(
            session,
            store,
            recorded.get((f"event:{event.key}", "place"), []),
            event.place,
            freed_name,
        )
    return sorted(freed), len(restore), [] if remaining else [row.capture.sha256]


def _restore_by_length(
    row: DocumentRow,
    names: set[str],
    masked_headline: bool,
    remaining: list[Interval],
    restore: list[ProtectedTextRow],
) -> tuple[list[str], int, list[str]]:
    """Unprotect a document protected before field runs were recorded: a freed name goes
    back into every masked run of its length (two same-length names can be confused)."""
    if row.title and masked_headline:
        row.title = row.text[: len(row.title)]
    back = sorted(names, key=len, reverse=True)
    freed = []
    for mention in row.mentions:
        mention.text = row.text[mention.start : mention.end]
        mention.data = _unmask(mention.data or {}, back)
        still = any(overlaps((mention.start, mention.end), s) for s in remaining)
        if mention.sensitivity == "protected" and not still:
            mention.sensitivity = "normal"
            freed.append(mention.key)
    for entity in row.entities:
        entity.name = _unmask(entity.name, back)
    for event in row.events:
        event.data = _unmask(_refill(event.data or {}, row.text), back)
        event.text = row.text[event.start : event.end]
        event.place = _unmask(event.place, back)
    return sorted(freed), len(restore), [] if remaining else [row.capture.sha256]


def _hidden_entities(row: DocumentRow) -> set[Any]:
    """Entities with a protected mention: their whole name stays blacked out."""
    return {
        (m.data or {}).get("entity")
        for m in row.mentions
        if m.sensitivity == "protected" and m.kind == "entity"
    }


def _story_copies(session: Session, row: DocumentRow) -> list[DocumentRow]:
    """The other documents of the row's story (reprints carry the same names)."""
    if row.story_id is None:
        return []
    return list(
        session.scalars(
            select(DocumentRow)
            .where(DocumentRow.story_id == row.story_id, DocumentRow.id != row.id)
            .order_by(DocumentRow.id)
        )
    )


def unsealed_mark() -> Select[int]:
    """A mention marked ``protected`` that no sealed range covers (at most one id).

    Run before every web request, so it must read only the protected rows: the partial
    index ``ix_mentions_protected`` (migration 0010) is what keeps it at a fraction of a
    millisecond however many mentions the store holds.
    """
    sealed = ProtectedTextRow
    return (
        select(MentionRow.id)
        .where(
            MentionRow.sensitivity == "protected",
            ~select(sealed.id)
            .where(
                sealed.document_id == MentionRow.document_id,
                sealed.start < MentionRow.end,
                MentionRow.start < sealed.end,
            )
            .exists(),
        )
        .limit(1)
    )


def seal_pending(store: Store) -> int:
    """Seal mentions marked ``protected`` without going through :func:`protect` (by SQL).

    Called whenever the store is opened and before each web request (one indexed query when
    nothing is pending), so a hand-made mark is sealed before anyone reads past it. Returns
    how many documents were sealed.
    """
    with store.sessions() as session:
        if session.scalar(unsealed_mark()) is None:
            return 0
        marked = session.execute(
            select(MentionRow.document_id, MentionRow.key, MentionRow.start, MentionRow.end).where(
                MentionRow.sensitivity == "protected"
            )
        ).all()
        if not marked:
            return 0
        covered: dict[int, list[Interval]] = {}
        for document_id, start, end in session.execute(
            select(ProtectedTextRow.document_id, ProtectedTextRow.start, ProtectedTextRow.end)
        ):
            covered.setdefault(document_id, []).append((start, end))
    pending: dict[int, set[str]] = {}
    for document_id, key, start, end in marked:
        if not any(overlaps((start, end), s) for s in covered.get(document_id, [])):
            pending.setdefault(document_id, set()).add(key)
    for document_id, keys in sorted(pending.items()):
        protect(store, document_id, keys, "system:sealed-on-open")
    return len(pending)


# ----------------------------------------------------------------------------- helpers


def _scrub_deleted(session: Session, store: Store) -> None:
    """SQLite: overwrite the bytes of replaced rows with zeros instead of leaving them free."""
    if store.dialect == "sqlite":
        session.execute(text("PRAGMA secure_delete=ON"))


def _drop_old_index_entries(session: Session, store: Store) -> None:
    """SQLite: merge the full-text index so the blacked-out words leave its segments.

    An FTS5 update only adds a deletion marker; the old terms stay in the index's pages
    until the segments are merged. PostgreSQL's generated ``tsvector`` is rewritten with
    the row (old row versions remain until VACUUM; see docs/web.md).
    """
    if store.dialect == "sqlite":
        session.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')"))


#: The PostgreSQL tables whose rows protecting rewrites (their TOAST tables come along).
_REWRITTEN = ("documents", "mentions", "entities", "events")


def _truncate_journal(store: Store) -> None:
    """Leave no readable copy of the replaced rows in the database's own files.

    SQLite: move the write-ahead log into the database and empty it (with
    ``secure_delete`` on, the replaced pages were zeroed). PostgreSQL: an update leaves
    the old row version in the table (and its TOAST table) until ``VACUUM`` removes it, so
    the rewritten tables are vacuumed now (outside a transaction, as VACUUM must be). It
    removes the versions no open transaction can still see; what it cannot reach — the
    WAL until it is recycled, replicas, backups, a long-open transaction's snapshot — is
    in docs/web.md.
    """
    if store.dialect == "sqlite":
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    elif store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM " + ", ".join(_REWRITTEN))


def _keys(keys: Iterable[str]) -> set[str]:
    wanted = {k.strip() for k in keys if k and k.strip()}
    if not wanted:
        raise ReviewError("name at least one mention (s1) or entity (E1) to protect")
    return wanted


def _document(session: Session, document_id: int) -> DocumentRow:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFoundInStoreError(f"no document with id {document_id}")
    return row


def _targets(row: DocumentRow, wanted: set[str]) -> tuple[list[Interval], set[str]]:
    """Spans of the named mentions/entities and the names to search for everywhere."""
    entities = {e.key: e for e in row.entities}
    unknown = sorted(k for k in wanted if k not in entities and k not in _mention_keys(row))
    if unknown:
        raise ReviewError(
            f"document {row.id} has no mention or entity {', '.join(unknown)} "
            "(mention keys look like s1, entity keys like E1)"
        )
    # Protecting a source that names a person protects that person: all their mentions.
    wanted = wanted | {
        str(m.data["entity"])
        for m in row.mentions
        if m.key in wanted and (m.data or {}).get("entity") in entities
    }
    spans: list[Interval] = []
    names: set[str] = set()
    for mention in row.mentions:
        chosen = mention.key in wanted
        linked = (mention.data or {}).get("entity") in wanted
        if not (chosen or linked):
            continue
        source = (mention.data or {}).get("source")
        if mention.kind == "source" and isinstance(source, str) and source in mention.text:
            # A source's cue ("said …", "according to …") is no secret: only who it names.
            if chosen or any(c.isupper() for c in source):
                names.add(source)
            start = mention.start + mention.text.index(source)
            spans.append((start, start + len(source)))
            continue
        spans.append((mention.start, mention.end))
        if chosen or any(c.isupper() for c in mention.text):
            names.add(mention.text)
        if chosen and isinstance(source, str):
            names.add(source)
    speakers = {
        str((m.data or {}).get("entity"))
        for m in row.mentions
        if m.kind == "source" and (m.key in wanted or (m.data or {}).get("entity") in wanted)
    }
    for key in wanted & set(entities):
        names.add(entities[key].name)
        if _personal(entities[key].type, entities[key].name, key in speakers):
            # "Kowalski said…": each part of a person's name
            names.update(part for part in entities[key].name.split() if part[:1].isupper())
    return spans, {n for n in names if len(n.strip()) >= MIN_SEARCH and MASK not in n}


def _personal(kind: str, name: str, speaks: bool) -> bool:
    """Whether an entity's name is a person's, whose parts ("Nowinski said") name them too.

    The tagger's type is not enough: it calls some witnesses ORG ("Vera Nowinski"), and a
    protected witness whose surname stayed readable later in the report is not protected.
    So a protected source's entity whose name looks like a person's (two or three words,
    each capitalised, not a place or a group) counts as a person too.
    """
    if kind == "PER":
        return True
    words = name.split()
    return (
        speaks
        and kind not in {"LOC", "GPE", "FAC", "GROUP"}
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:].islower() for w in words)
    )


def _mention_keys(row: DocumentRow) -> set[str]:
    return {m.key for m in row.mentions}


def _whole_names(row: DocumentRow, blacked: list[Interval]) -> set[str]:
    """The whole text of each name mention that a blacked-out span cuts into.

    Protecting "Oksana Melnyk" blacks out "Melnyk" inside "Ksenia Melnyk-Ortiz"; the page
    hid the whole mention but the stored text and the index kept "Ksenia ██████-Ortiz"
    (issue 15, finding 6). Such a mention names the witness's family: all of it goes.
    """
    return {
        mention.text
        for mention in row.mentions
        if mention.kind == "entity"
        and MASK not in mention.text
        and len(mention.text.strip()) >= MIN_SEARCH
        and any(overlaps((mention.start, mention.end), s) for s in blacked)
    }


def _seal(
    session: Session,
    row: DocumentRow,
    spans: list[Interval],
    names: set[str],
    store: Store,
    actor: str,
) -> ProtectOutcome:
    """Black out ``spans`` and every occurrence of ``names``; seal what was there."""
    assert store.sealer is not None
    existing = [(r.start, r.end) for r in sealed_rows(session, row.id)]
    compiled = pattern(sorted(names, key=len, reverse=True))
    found = list(spans)
    if compiled is not None:
        found += [(m.start(), m.end()) for m in compiled.finditer(row.text)]
    aliases = _whole_names(row, found + existing)
    if aliases - names:
        names = names | aliases
        compiled = pattern(sorted(names, key=len, reverse=True))
        if compiled is not None:
            found += [(m.start(), m.end()) for m in compiled.finditer(row.text)]
    fresh = _subtract(_merge(found), existing)
    at = datetime.now(UTC)
    text = list(row.text)
    for start, end in fresh:
        original = row.text[start:end]
        session.add(
            ProtectedTextRow(
                document_id=row.id,
                start=start,
                end=end,
                sealed=store.sealer.seal_text(original),
                actor=actor,
                at=at,
            )
        )
        text[start:end] = MASK * (end - start)
    headline = bool(row.title) and row.text.startswith(row.title or "")
    row.text = "".join(text)
    if row.title:
        before = row.title
        row.title = row.text[: len(row.title)] if headline else mask(row.title, compiled)
        fields.record(
            session, store, row.id, "document", "title", fields.runs_between(before, row.title)
        )
    _seal_metadata(session, store, row, compiled)
    blacked = _merge(existing + fresh)
    protected = []
    for mention in row.mentions:
        mention.text = row.text[mention.start : mention.end]
        old_data = mention.data or {}
        mention.data = mask(old_data, compiled)
        fields.record(
            session,
            store,
            row.id,
            f"mention:{mention.key}",
            "data",
            fields.runs_between(old_data, mention.data),
        )
        if any(overlaps((mention.start, mention.end), s) for s in blacked):
            mention.sensitivity = "protected"
            protected.append(mention.key)
    hidden_entities = _hidden_entities(row)
    for entity in row.entities:
        before = entity.name
        whole = entity.key in hidden_entities
        entity.name = MASK * len(entity.name) if whole else mask(entity.name, compiled)
        fields.record(
            session,
            store,
            row.id,
            f"entity:{entity.key}",
            "name",
            fields.runs_between(before, entity.name, whole=whole),
        )
    for event in row.events:
        old_event = event.data or {}
        event.data = mask(_refill(old_event, row.text), compiled)
        fields.record(
            session,
            store,
            row.id,
            f"event:{event.key}",
            "data",
            fields.runs_between(old_event, event.data),
        )
        event.text = row.text[event.start : event.end]
        before_place = event.place
        event.place = mask(event.place, compiled)
        fields.record(
            session,
            store,
            row.id,
            f"event:{event.key}",
            "place",
            fields.runs_between(before_place, event.place),
        )
    return ProtectOutcome(row.id, tuple(sorted(protected)), len(fresh))


#: Document columns that may carry a name (an author, a slug, tags), blacked out like text.
DOCUMENT_FIELDS = ("byline", "outlet", "url", "canonical_url", "tags")
#: Capture columns: the file name or path it was added from, the address it was fetched at.
CAPTURE_FIELDS = ("input", "url")


def _seal_metadata(
    session: Session, store: Store, row: DocumentRow, compiled: re.Pattern[str] | None
) -> None:
    """Black out the names in the document's metadata and its capture's input, recorded.

    The byline, a URL slug and the file name a report was added from carried a protected
    name to every viewer (issue 15, findings 1 and 2); each is masked in place (same
    length) and its runs sealed so unprotecting puts back exactly what was there.
    """
    owners: list[tuple[str, Any, tuple[str, ...]]] = [("document", row, DOCUMENT_FIELDS)]
    if row.capture is not None:
        owners.append(("capture", row.capture, CAPTURE_FIELDS))
    for owner, target, names in owners:
        for name in names:
            before = getattr(target, name)
            if before is None:
                continue
            after = mask(before, compiled)
            if after != before:
                setattr(target, name, after)
                fields.record(
                    session, store, row.id, owner, name, fields.runs_between(before, after)
                )


def _release_metadata(
    session: Session,
    store: Store,
    row: DocumentRow,
    recorded: dict[tuple[str, str], list[fields.SealedField]],
    freed: Callable[[fields.Run], bool],
) -> None:
    """Put back the freed names in the metadata fields :func:`_seal_metadata` masked."""
    owners: list[tuple[str, Any, tuple[str, ...]]] = [("document", row, DOCUMENT_FIELDS)]
    if row.capture is not None:
        owners.append(("capture", row.capture, CAPTURE_FIELDS))
    for owner, target, names in owners:
        for name in names:
            runs = recorded.get((owner, name), [])
            if runs:
                value = fields.release(session, store, runs, getattr(target, name), freed)
                setattr(target, name, value)


def _refill(value: Any, text: str) -> Any:
    """Every ``{start, end, text}`` object's text re-read from the (re)written document."""
    if isinstance(value, dict):
        out = {k: _refill(v, text) for k, v in value.items()}
        start, end = out.get("start"), out.get("end")
        if isinstance(start, int) and isinstance(end, int) and isinstance(out.get("text"), str):
            out["text"] = text[start:end] if 0 <= start <= end <= len(text) else out["text"]
        return out
    if isinstance(value, list):
        return [_refill(v, text) for v in value]
    return value


def _unmask(value: Any, names: list[str]) -> Any:
    """Masked runs as long as a freed name become that name again (longest first)."""
    if isinstance(value, str):
        for name in names:
            value = re.sub(f"(?<!{MASK}){MASK}{{{len(name)}}}(?!{MASK})", name, value)
        return value
    if isinstance(value, dict):
        return {k: _unmask(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_unmask(v, names) for v in value]
    return value


def _merge(spans: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _subtract(spans: list[Interval], taken: list[Interval]) -> list[Interval]:
    """The parts of ``spans`` that no interval of ``taken`` covers."""
    out: list[Interval] = []
    for start, end in spans:
        pieces = [(start, end)]
        for t_start, t_end in taken:
            pieces = [
                part
                for s, e in pieces
                for part in ((s, min(e, t_start)), (max(s, t_end), e))
                if part[0] < part[1]
            ]
        out.extend(pieces)
    return out
