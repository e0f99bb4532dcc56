"""Review decisions on machine-made events, and the audit log's hash chain.

DESIGN §1.4: machine output is a proposal; people verify, correct or reject it, and the
record shows who decided what. Each decision updates the event row *and* appends an audit
row in the same transaction, so neither exists without the other. The machine's original
output stays in ``data["machine"]`` whatever people change.

The audit log is a hash chain: each row's ``hash`` is
``sha256(prev_hash + canonical JSON of the row)`` (``prev_hash`` empty for the first row),
so editing or deleting any past row breaks every hash after it; :func:`verify_chain`
finds the first broken row. A unique index on ``prev_hash`` (migration ``0004_accounts``)
makes a fork impossible: when two decisions race, the loser's transaction fails and is
retried on top of the winner's row.

A chain alone cannot show that its newest rows were cut off, or that someone edited a row
and re-computed every hash after it. So the chain is *anchored*: ``audit_head`` holds the
row count and newest hash, written in the same transaction as each row (it catches rows
deleted from the end, or all of them, by anyone who edits only the audit table), and
:func:`head` gives the same two values to keep outside the database (``storyline audit
head``, mailed or committed somewhere else); :func:`verify_chain` with that anchor catches
a chain re-hashed after an edit, since the anchored row's hash no longer matches.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeGuard, TypeVar

from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from storyline.errors import NotFoundInStoreError, ReviewError, StoreError, disk_full
from storyline.store import masked_fields
from storyline.store.claim_members import reassign
from storyline.store.db import Store
from storyline.store.redaction import mask_names, protected_names
from storyline.store.schema import AuditHeadRow, AuditRow, EventRow

CERTAINTIES = ("asserted", "reported", "possible", "negated", "unknown")
STATUSES = ("machine", "verified", "corrected", "rejected")
#: What a correction may change. ``roles`` maps a role to the texts that fill it.
FIELDS = ("type", "certainty", "time_start", "time_end", "place", "country", "lat", "lon", "roles")
#: Retries when a concurrent decision won the race for the next audit row.
_ATTEMPTS = 8

T = TypeVar("T")


# ------------------------------------------------------------------------------ audit chain


def _utc(value: datetime) -> datetime:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def canonical(row: AuditRow) -> str:
    """The JSON an audit row's hash covers: every field but ``id`` and the hashes."""
    body = {
        "at": _utc(row.at).isoformat(timespec="microseconds"),
        "actor": row.actor,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "detail": row.detail,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(prev_hash: str | None, row: AuditRow) -> str:
    """``sha256(prev_hash + canonical JSON)``; the first row's ``prev_hash`` is empty."""
    return hashlib.sha256(((prev_hash or "") + canonical(row)).encode()).hexdigest()


def append_audit(
    session: Session,
    actor: str,
    action: str,
    object_type: str,
    object_id: int | None,
    detail: dict[str, Any],
) -> AuditRow:
    """Append one row to the chain inside the caller's transaction.

    On PostgreSQL the table is locked for the rest of the transaction so appenders queue
    instead of racing; on SQLite the single writer does the same. Either way the unique
    index on ``prev_hash`` is the guarantee, and :func:`in_transaction` retries a loser.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"))
    prev = session.scalar(select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1))
    row = AuditRow(
        at=datetime.now(UTC),
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=json.loads(json.dumps(detail, default=str)),
        prev_hash=prev,
    )
    row.hash = row_hash(prev, row)
    session.add(row)
    session.flush()
    # Never re-created when missing: a deleted head is itself what verification reports.
    session.execute(
        update(AuditHeadRow)
        .where(AuditHeadRow.id == 1)
        .values(rows=AuditHeadRow.rows + 1, hash=row.hash)
    )
    return row


def in_transaction(store: Store, work: Callable[[Session], T]) -> T:
    """Run ``work`` in one transaction, retrying when a concurrent audit append won.

    Raises:
        StoreError: still conflicting after several attempts.
    """
    for attempt in range(_ATTEMPTS):
        try:
            with store.sessions.begin() as session:
                return work(session)
        except (IntegrityError, OperationalError) as exc:
            full = disk_full(exc)
            if full:  # rolled back; trying again cannot make room
                raise StoreError(full) from None
            if attempt == _ATTEMPTS - 1:
                raise StoreError(f"could not write the audit log ({_first_line(exc)})") from None
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _masked(
    session: Session, store: Store, row: EventRow, field: str, before: Any, after: Any
) -> Any:
    """``after`` (a typed value with protected names blacked out), its runs sealed so that
    unprotecting the witness brings the typed text back (issue 15, finding 10)."""
    if after != before:
        runs = masked_fields.runs_between(before, after)
        masked_fields.record(session, store, row.document_id, f"event:{row.key}", field, runs)
    return after


def record(
    store: Store,
    actor: str,
    action: str,
    object_type: str,
    object_id: int | None,
    detail: dict[str, Any],
) -> None:
    """Append one audit row in its own transaction (for actions with no other write)."""
    in_transaction(store, lambda s: append_audit(s, actor, action, object_type, object_id, detail))


@dataclass(frozen=True)
class Anchor:
    """A point of the chain to check it against later: how many rows, and the newest hash."""

    rows: int
    hash: str | None

    def as_json(self) -> dict[str, Any]:
        """The anchor as ``storyline audit head`` prints it."""
        return {"rows": self.rows, "hash": self.hash}

    @classmethod
    def from_json(cls, data: Any) -> Anchor:
        """Read an anchor printed by ``storyline audit head --format json``.

        Raises:
            StoreError: not such an anchor.
        """
        fields = data if isinstance(data, dict) else {}
        rows, digest = fields.get("rows"), fields.get("hash")
        valid_hash = digest is None or (isinstance(digest, str) and len(digest) == 64)
        if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0 or not valid_hash:
            raise StoreError('not an audit anchor: expected {"rows": N, "hash": "<64 hex>"}')
        if (rows > 0) != (digest is not None):
            raise StoreError("not an audit anchor: a hash goes with one row or more")
        return cls(rows, digest)


@dataclass(frozen=True)
class ChainReport:
    """The result of :func:`verify_chain`: ``broken_at`` is the first bad row's id, if any."""

    rows: int
    broken_at: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        """Whether every row's hash matched and the chain ends where its anchors say."""
        return self.reason is None


def head(store: Store) -> Anchor:
    """The chain's anchor as it stands: its row count and its newest row's hash."""
    with store.sessions() as session:
        rows = session.scalar(select(func.count(AuditRow.id))) or 0
        newest = session.scalar(select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1))
    return Anchor(rows, newest)


def verify_chain(store: Store, anchor: Anchor | None = None) -> ChainReport:
    """Recompute every audit hash in order and check the chain against its anchors.

    Reports the first row that does not match; else a chain shorter or other than its head
    record in ``audit_head`` says (rows deleted from the end); else, given ``anchor`` (kept
    outside the database), a chain that no longer holds that row and hash (rows deleted,
    or edited and re-hashed).
    """
    prev: str | None = None
    count = 0
    anchored: str | None = None
    with store.sessions() as session:
        for row in session.scalars(select(AuditRow).order_by(AuditRow.id)).yield_per(500):
            count += 1
            if row.prev_hash != prev:
                return ChainReport(count, row.id, "prev_hash does not match the row before")
            if row.hash != row_hash(prev, row):
                return ChainReport(count, row.id, "hash does not match the row's content")
            prev = row.hash
            if anchor is not None and count == anchor.rows:
                anchored = row.hash
        recorded = session.get(AuditHeadRow, 1)
    if recorded is None:
        return ChainReport(count, None, "the chain's head record (audit_head) is missing")
    if (recorded.rows, recorded.hash) != (count, prev):
        return ChainReport(
            count,
            None,
            f"the chain has {count} rows but its head record says {recorded.rows}: "
            "rows were deleted or the head was changed",
        )
    if anchor is not None and anchored != anchor.hash:
        if count < anchor.rows:
            why = f"the chain has {count} rows, fewer than the {anchor.rows} anchored"
        else:
            why = f"row {anchor.rows} no longer has the anchored hash {anchor.hash}"
        return ChainReport(count, None, why + ": the log was cut or re-written")
    return ChainReport(count)


def history(store: Store, object_type: str, object_id: int) -> list[dict[str, Any]]:
    """The audit rows about one object, oldest first, as plain dicts.

    A row written before a witness was protected may hold their name (the hash chain forbids
    rewriting it), so names protected since are blacked out in every detail shown.
    """
    with store.sessions() as session:
        rows = list(
            session.scalars(
                select(AuditRow)
                .where(AuditRow.object_type == object_type, AuditRow.object_id == object_id)
                .order_by(AuditRow.id)
            )
        )
    names: dict[int, list[str]] = {}
    for r in rows:
        document_id = (r.detail or {}).get("document_id")
        if isinstance(document_id, int) and document_id not in names:
            names[document_id] = protected_names(store, document_id)
    return [
        {
            "id": r.id,
            "at": _utc(r.at),
            "actor": r.actor,
            "action": r.action,
            "detail": mask_names(r.detail, names.get((r.detail or {}).get("document_id", -1), [])),
            "hash": r.hash,
        }
        for r in rows
    ]


def recent(store: Store, limit: int = 100, offset: int = 0) -> tuple[list[AuditRow], int]:
    """The newest audit rows (a page of them) and how many there are."""
    with store.sessions() as session:
        total = session.scalar(select(func.count(AuditRow.id))) or 0
        rows = session.scalars(
            select(AuditRow).order_by(AuditRow.id.desc()).limit(limit).offset(max(0, offset))
        )
        return list(rows), total


# ---------------------------------------------------------------------------------- review


def snapshot(row: EventRow, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The reviewable fields of an event (dates as ISO text, roles as texts).

    ``data`` stands in for ``row.data`` while a decision is being prepared.
    """
    data = row.data if data is None else data
    return {
        "type": row.type,
        "certainty": row.certainty,
        "time_start": row.time_start.isoformat() if row.time_start else None,
        "time_end": row.time_end.isoformat() if row.time_end else None,
        "place": row.place,
        "country": row.country,
        "lat": row.lat,
        "lon": row.lon,
        "roles": {
            role: [filler.get("text") for filler in fillers]
            for role, fillers in (data or {}).get("roles", {}).items()
        },
    }


def _keep_machine(row: EventRow, data: dict[str, Any]) -> None:
    """Make sure ``data["machine"]`` holds the machine's output before anyone changes it."""
    machine = data.get("machine")
    if not isinstance(machine, dict):
        machine = {k: copy.deepcopy(v) for k, v in data.items() if k not in {"machine", "review"}}
    if row.review_status == "machine":  # nothing human yet: the columns are the machine's
        for key, value in snapshot(row).items():
            if key != "roles":
                machine.setdefault(key, value)
    data["machine"] = machine


def _decide(
    store: Store, event_id: int, actor: str, status: str, changes: dict[str, Any], note: str | None
) -> dict[str, Any]:
    def work(session: Session) -> dict[str, Any]:
        row = session.get(EventRow, event_id)
        if row is None:
            raise NotFoundInStoreError(f"no event with id {event_id}")
        before = snapshot(row)
        data = copy.deepcopy(row.data or {})
        _keep_machine(row, data)
        _apply(row, data, changes, session)
        # A name typed by hand is blacked out if it is a protected witness of the document.
        names = protected_names(store, row.document_id, session)
        data = _masked(session, store, row, "data", data, mask_names(data, names))
        row.place = _masked(session, store, row, "place", row.place, mask_names(row.place, names))
        note_ = mask_names(note, names)
        if note_ != note:
            runs = masked_fields.runs_between(
                {"review": {"note": note}}, {"review": {"note": note_}}
            )
            masked_fields.record(session, store, row.document_id, f"event:{row.key}", "data", runs)
        after = snapshot(row, data)
        at = datetime.now(UTC)
        data["review"] = {"status": status, "by": actor, "at": at.isoformat(), "note": note_}
        row.data = data
        previous = row.review_status
        row.review_status = status
        changed = {k: {"from": before[k], "to": after[k]} for k in FIELDS if before[k] != after[k]}
        detail: dict[str, Any] = {
            "document_id": row.document_id,
            "event": row.key,
            "from_status": previous,
            "to_status": status,
            "changes": changed,
        }
        if note_:
            detail["note"] = note_
        append_audit(session, actor, f"event.{status}", "event", row.id, detail)
        if changed or status == "rejected":
            # A corrected place or time may make it another claim; a rejected event
            # leaves its claim (an editor's pin aside: that decision was about the claim).
            session.flush()
            reassign(session, [row.id])
        return detail

    return in_transaction(store, work)


def verify_event(store: Store, event_id: int, actor: str, note: str | None = None) -> None:
    """Mark an event as checked and right as the machine made it.

    Raises:
        NotFoundInStoreError: no such event.
    """
    _decide(store, event_id, actor, "verified", {}, note)


def reject_event(store: Store, event_id: int, actor: str, note: str | None = None) -> None:
    """Mark an event as wrong (it stays stored, with the machine output, but is flagged).

    Raises:
        NotFoundInStoreError: no such event.
    """
    _decide(store, event_id, actor, "rejected", {}, note)


def correct_event(
    store: Store, event_id: int, actor: str, changes: dict[str, Any], note: str | None = None
) -> dict[str, Any]:
    """Change some of an event's fields (see :data:`FIELDS`) and mark it ``corrected``.

    ``changes`` maps field names to new values: strings (empty means "none") or typed
    values; ``roles`` maps a role name to the list of texts filling it. Returns the audit
    detail (what changed from what to what).

    Raises:
        ReviewError: an unknown field, a bad value, or nothing actually changes.
        NotFoundInStoreError: no such event.
    """
    if not changes:
        raise ReviewError("nothing changed: use verify when the event is right as it is")
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ReviewError(f"cannot correct {', '.join(unknown)}: fields are {', '.join(FIELDS)}")
    return _decide(store, event_id, actor, "corrected", changes, note)


def _apply(row: EventRow, data: dict[str, Any], changes: dict[str, Any], session: Session) -> None:
    """Validate and apply corrections to the row's columns and its ``data``."""
    before = snapshot(row)
    for name, raw in changes.items():
        value = raw.strip() if isinstance(raw, str) else raw
        if value == "":
            value = None
        if name in _TEXT_FIELDS and value is not None and not isinstance(value, str):
            raise ReviewError(f"{name} must be text, not {_kind(value)}")
        if name == "type":
            if not value:
                raise ReviewError("an event needs a type")
            if len(value) > _TYPE_LENGTH:
                raise ReviewError(f"type must be at most {_TYPE_LENGTH} characters")
            row.type = data["type"] = str(value)
        elif name == "certainty":
            if value not in CERTAINTIES:
                raise ReviewError(f"certainty must be one of {', '.join(CERTAINTIES)}")
            row.certainty = data["certainty"] = value
        elif name in ("time_start", "time_end"):
            setattr(row, name, _date(name, value))
        elif name == "place":
            row.place = value
        elif name == "country":
            if value is not None and (len(value) != 2 or not value.isalpha()):
                raise ReviewError(f"country must be a two-letter code, not {value!r}")
            row.country = value.upper() if value else None
        elif name in ("lat", "lon"):
            setattr(row, name, _coordinate(name, value))
        elif name == "roles":
            if not _is_roles(value):
                raise ReviewError("roles must map role names to lists of texts")
            data["roles"] = _roles(row, data, value or {}, session)
    _follow(row, data, changes, before, session)
    if row.time_start and row.time_end and row.time_end < row.time_start:
        raise ReviewError("the time range ends before it starts")
    if changes and before == snapshot(row, data):
        raise ReviewError("nothing changed: use verify when the event is right as it is")


def _follow(
    row: EventRow,
    data: dict[str, Any],
    changes: dict[str, Any],
    before: dict[str, Any],
    session: Session,
) -> None:
    """Keep the event consistent with a correction (issue 14: decisions must stick).

    A corrected ``place`` replaces the place filler in the roles (no old place left behind)
    and is looked up again so the map, the precision and the place filters follow it
    (coordinates or a country the reviewer typed win over the lookup); a corrected
    ``place`` role sets the place column. Corrected roles re-read the figure columns from
    the quantity they now point at.
    """
    from storyline.store.corrections import figures_for, relocate, resolve_place

    roles = data.setdefault("roles", {})
    if "place" in changes and row.place != before["place"]:
        if row.place:
            roles["place"] = [relocate(session, row, row.place, roles.get("place", []))]
        else:
            roles.pop("place", None)
        given = {k: getattr(row, k) for k in ("lat", "lon", "country") if k in changes}
        resolve_place(row, row.place)
        for name, value in given.items():  # what the reviewer typed wins over the lookup
            setattr(row, name, value)
    elif "roles" in changes and "place" not in changes:
        fillers = roles.get("place") or []
        text_ = fillers[0].get("text") if fillers else None
        if text_ != row.place:
            row.place = text_
            resolve_place(row, text_)
    if "roles" in changes:
        figures_for(session, row, data)


#: Fields a correction gives as text (or empty); anything else is refused, not stringified.
_TEXT_FIELDS = ("type", "certainty", "time_start", "time_end", "place", "country")
#: The width of ``events.type``: a longer type would fail on PostgreSQL.
_TYPE_LENGTH = 80


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), "a number")


def _is_roles(value: Any) -> TypeGuard[dict[str, list[str]] | None]:
    """``None`` or ``{role: [text, …]}`` — what a role correction must look like."""
    if value is None:
        return True
    if not isinstance(value, dict):
        return False
    return all(
        isinstance(role, str)
        and isinstance(texts, list)
        and all(isinstance(text_, str) for text_ in texts)
        for role, texts in value.items()
    )


def _date(name: str, value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReviewError(f"{name} must be a date like 2024-06-20, not {value!r}") from None


def _coordinate(name: str, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool | list | dict):
        raise ReviewError(f"{name} must be a number, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReviewError(f"{name} must be a number, not {value!r}") from None
    limit = 90 if name == "lat" else 180
    if not -limit <= number <= limit:
        raise ReviewError(f"{name} must lie between -{limit} and {limit}")
    return number


def _roles(
    row: EventRow, data: dict[str, Any], wanted: dict[str, list[str]], session: Session
) -> dict[str, list[dict[str, Any]]]:
    """New role fillers from texts, keeping spans and links of fillers that stay.

    A new text is located in the document (the occurrence nearest the trigger); a text that
    is not in the document is kept with no span, since a reviewer may name what the report
    implies.
    """
    from storyline.store.schema import DocumentRow

    document = session.get(DocumentRow, row.document_id)
    body = document.text if document is not None else ""
    old = data.get("roles", {})
    roles: dict[str, list[dict[str, Any]]] = {}
    for role, texts in wanted.items():
        name = role.strip().lower()
        if not name or not name.replace("_", "").isalnum():
            raise ReviewError(f"{role!r} is not a role name")
        fillers = []
        for text_ in (t.strip() for t in texts):
            if not text_:
                continue
            kept = next((f for f in old.get(name, []) if f.get("text") == text_), None)
            fillers.append(kept or _locate(body, text_, row.start))
        if fillers:
            roles[name] = fillers
    return roles


def _locate(body: str, wanted: str, near: int) -> dict[str, Any]:
    starts = []
    index = body.find(wanted)
    while index != -1:
        starts.append(index)
        index = body.find(wanted, index + 1)
    if not starts:
        return {"start": None, "end": None, "text": wanted, "mention": None, "entity": None}
    best = min(starts, key=lambda s: abs(s - near))
    return {
        "start": best,
        "end": best + len(wanted),
        "text": wanted,
        "mention": None,
        "entity": None,
    }


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
