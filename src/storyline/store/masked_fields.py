"""The runs of black squares that protecting wrote inside stored fields, and putting them back.

A protected name is blacked out in the text by span (``protected_texts``), but also inside
fields that carry copies of it — a title that is not the headline, the JSON of a mention or
an event, an entity's name, an event's place — where no text offset says which characters
were which name. Matching runs of black squares by length on unprotect gave a freed name
back to *any* run of its length, including one that hid another witness of the same length.
So protecting records, per field, each run it blacked out (its path in the JSON, start, end
and the original characters, sealed with the store's key), and unprotecting restores only
the runs whose original it frees, and only while the run is still all black squares (a
reviewer may have rewritten the field since).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storyline.store.db import Store
from storyline.store.redaction import MASK
from storyline.store.schema import ProtectedFieldRow

#: A path to one string inside a field's value: dict keys and list indices.
Path = tuple[str | int, ...]

#: The ``(owner, field)`` of the marker left by a re-extraction of a document with
#: blacked-out text (:func:`forget_replaced`): its mentions, entities and machine events
#: were read from black squares, so unprotecting cannot bring names back into them.
REEXTRACTED = ("document", "reextracted")


@dataclass(frozen=True)
class Run:
    """One blacked-out run inside a field: where, and the characters that were there."""

    path: Path
    start: int
    end: int
    original: str
    #: The whole value was blacked out because its entity is protected (not a name match).
    whole: bool = False


def runs_between(before: Any, after: Any, *, whole: bool = False) -> list[Run]:
    """The runs of :data:`MASK` that are in ``after`` but not in ``before``.

    Masking keeps every string's length, so the two values have the same shape and each
    string can be compared character by character.
    """
    runs: list[Run] = []
    for path, old, new in _leaves(before, after, ()):
        i = 0
        while i < len(new):
            if new[i] == MASK and old[i] != MASK:
                j = i
                while j < len(new) and new[j] == MASK and old[j] != MASK:
                    j += 1
                runs.append(Run(path, i, j, old[i:j], whole))
                i = j
            else:
                i += 1
    return runs


def restore_runs(value: Any, runs: list[Run]) -> Any:
    """``value`` with each run's original characters back where it is still all black."""
    for run in runs:
        value = _at(value, run.path, functools.partial(_put, run=run))
    return value


def record(
    session: Session, store: Store, document_id: int, owner: str, field: str, runs: list[Run]
) -> None:
    """Seal ``runs`` of one field (``owner`` like ``event:12``, ``field`` like ``data``)."""
    if not runs:
        return
    assert store.sealer is not None
    payload = json.dumps([[list(r.path), r.start, r.end, r.original, r.whole] for r in runs])
    session.add(
        ProtectedFieldRow(
            document_id=document_id,
            owner=owner,
            field=field,
            sealed=store.sealer.seal_text(payload),
        )
    )


@dataclass
class SealedField:
    """The recorded runs of one field, opened, with the row that holds them."""

    row: ProtectedFieldRow
    runs: list[Run]


def recorded(
    session: Session, store: Store, document_id: int
) -> dict[tuple[str, str], list[SealedField]]:
    """Every recorded field of a document, by ``(owner, field)``, opened."""
    assert store.sealer is not None
    found: dict[tuple[str, str], list[SealedField]] = {}
    rows = session.scalars(
        select(ProtectedFieldRow)
        .where(ProtectedFieldRow.document_id == document_id)
        .order_by(ProtectedFieldRow.id)
    )
    for row in rows:
        runs = [
            Run(tuple(path), start, end, original, bool(whole))
            for path, start, end, original, whole in json.loads(store.sealer.open_text(row.sealed))
        ]
        found.setdefault((row.owner, row.field), []).append(SealedField(row, runs))
    return found


def release(
    session: Session,
    store: Store,
    fields: list[SealedField],
    value: Any,
    freed: Callable[[Run], bool],
) -> Any:
    """``value`` with the runs ``freed`` accepts put back; those rows shrink or go."""
    assert store.sealer is not None
    for sealed in fields:
        back = [r for r in sealed.runs if freed(r)]
        if not back:
            continue
        value = restore_runs(value, back)
        kept = [r for r in sealed.runs if not freed(r)]
        if kept:
            payload = [[list(r.path), r.start, r.end, r.original, r.whole] for r in kept]
            sealed.row.sealed = store.sealer.seal_text(json.dumps(payload))
            sealed.runs = kept
        else:
            session.delete(sealed.row)
            sealed.runs = []
    return value


def forget_replaced(
    session: Session, store: Store, document_id: int, kept_events: set[str]
) -> None:
    """After re-extracting a document whose text has blacked-out names: drop the runs
    recorded for the mentions, entities and machine events the re-extraction replaced, and
    leave the :data:`REEXTRACTED` marker.

    Why: those records name rows by key (``mention:s1``), and the new rows reuse the keys
    for other mentions; released later, a run could put a witness's name into a mention it
    never was in. The new rows were read from black squares, so they hold no name to put
    back; the text, title and metadata keep their records and come back exactly, and the
    marker tells unprotecting to mark the document for re-extraction
    (:func:`storyline.store.protection.unprotect`). Reviewed events are kept by a
    re-extraction with their data, so their records stay.
    """
    assert store.sealer is not None
    rows = session.scalars(
        select(ProtectedFieldRow).where(ProtectedFieldRow.document_id == document_id)
    )
    marked = False
    for row in rows:
        kind, _, key = row.owner.partition(":")
        if kind in {"mention", "entity"} or (kind == "event" and key not in kept_events):
            session.delete(row)
        marked = marked or (row.owner, row.field) == REEXTRACTED
    if not marked:
        owner, field = REEXTRACTED
        session.add(
            ProtectedFieldRow(
                document_id=document_id,
                owner=owner,
                field=field,
                sealed=store.sealer.seal_text("[]"),
            )
        )


def _leaves(before: Any, after: Any, path: Path) -> Iterator[tuple[Path, str, str]]:
    if isinstance(before, str) and isinstance(after, str):
        if before != after and len(before) == len(after):
            yield path, before, after
    elif isinstance(before, dict) and isinstance(after, dict):
        for key in after:
            if key in before:
                yield from _leaves(before[key], after[key], (*path, key))
    elif isinstance(before, list) and isinstance(after, list):
        for index, (old, new) in enumerate(zip(before, after, strict=False)):
            yield from _leaves(old, new, (*path, index))


def _at(value: Any, path: Path, change: Callable[[str], str]) -> Any:
    """A copy of ``value`` with the string at ``path`` changed (unchanged if it is gone)."""
    if not path:
        return change(value) if isinstance(value, str) else value
    head, rest = path[0], path[1:]
    if isinstance(value, dict) and isinstance(head, str) and head in value:
        return {**value, head: _at(value[head], rest, change)}
    if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value):
        copy = list(value)
        copy[head] = _at(value[head], rest, change)
        return copy
    return value


def _put(text: str, run: Run) -> str:
    if text[run.start : run.end] != MASK * (run.end - run.start):
        return text
    return text[: run.start] + run.original + text[run.end :]
