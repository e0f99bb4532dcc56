"""Sign-in limits: a few wrong passwords lock an account (and a client address) for a while.

Why: without a limit anyone can try passwords as fast as the server answers, and since
every try runs argon2 (deliberately slow) a flood of tries is also a way to exhaust the
CPU. So a lock is checked *before* any password is hashed, and failures are counted per
account name (``user:NAME``, also for names that do not exist, so they reveal nothing) and
per client address (``addr:IP``, which catches one client trying many names).

After :data:`ACCOUNT_LIMIT` failures in a row an account is locked for
:data:`FIRST_LOCK`, and each further failure after a lock doubles it, up to
:data:`LONGEST_LOCK`; a client address gets :data:`ADDRESS_LIMIT` failures before the same.
A successful sign-in clears its account's count; counts are forgotten after
:data:`FORGET_AFTER` with no failure. So ten thousand guesses at one password take years,
while someone mistyping twice a day never notices.

The counts live in the database (``login_limits``), not in memory, so every web worker
process sees them; each failure is one atomic ``UPDATE … SET failures = failures + 1``.
No library was used: the installed ones keep state in memory or need Redis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, delete, select, update
from sqlalchemy.exc import IntegrityError

from storyline.store.db import Store
from storyline.store.schema import LoginLimitRow

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
FORGET_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class Locked:
    """A refusal: what is locked and for how many more seconds."""

    what: str
    seconds: int

    @property
    def message(self) -> str:
        """The one line shown to whoever is signing in."""
        minutes = max(1, -(-self.seconds // 60))
        unit = "minute" if minutes == 1 else "minutes"
        return (
            f"Too many failed sign-ins for this {self.what}; try again in {minutes} {unit} "
            "(or ask an admin to set a new password)."
        )


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def account_key(name: str) -> str:
    """The counter key of an account name (as typed: unknown names are counted too)."""
    return "user:" + name.strip().casefold()[:150]


def address_key(address: str) -> str:
    """The counter key of a client address."""
    return "addr:" + address[:150]


def check(store: Store, name: str, address: str) -> Locked | None:
    """Whether a sign-in as ``name`` from ``address`` must be refused now (no hashing)."""
    keys = {account_key(name): "account", address_key(address): "address"}
    now = _now()
    with store.sessions() as session:
        rows = session.execute(
            select(LoginLimitRow.key, LoginLimitRow.locked_until).where(LoginLimitRow.key.in_(keys))
        ).all()
    longest: Locked | None = None
    for key, until in rows:
        if until is not None and _aware(until) > now:
            seconds = int((_aware(until) - now).total_seconds()) + 1
            if longest is None or seconds > longest.seconds:
                longest = Locked(keys[key], seconds)
    return longest


def record_failure(store: Store, name: str, address: str) -> None:
    """Count a failed sign-in for the account and the address, locking those over the limit."""
    now = _now()
    for key, limit in ((account_key(name), ACCOUNT_LIMIT), (address_key(address), ADDRESS_LIMIT)):
        _count(store, key, limit, now)


def _count(store: Store, key: str, limit: int, now: datetime) -> None:
    for _ in range(3):
        with store.sessions.begin() as session:
            # A write first, so SQLite takes its write lock at once and PostgreSQL locks the
            # row: concurrent failures from several workers all count.
            failures = session.scalar(
                update(LoginLimitRow)
                .where(LoginLimitRow.key == key)
                .values(
                    failures=case(
                        (LoginLimitRow.last_failure < now - FORGET_AFTER, 1),
                        else_=LoginLimitRow.failures + 1,
                    ),
                    last_failure=now,
                )
                .returning(LoginLimitRow.failures)
            )
            if failures is None:
                try:
                    with session.begin_nested():
                        session.add(LoginLimitRow(key=key, failures=1, last_failure=now))
                except IntegrityError:
                    continue  # another worker inserted it first: count on top of theirs
                failures = 1
            if failures >= limit:
                lock = min(LONGEST_LOCK, FIRST_LOCK * 2 ** (failures - limit))
                session.execute(
                    update(LoginLimitRow)
                    .where(LoginLimitRow.key == key)
                    .values(locked_until=now + lock)
                )
            return


def clear(store: Store, name: str) -> None:
    """Forget an account's failures: after a good sign-in, or when an admin resets it."""
    with store.sessions.begin() as session:
        session.execute(delete(LoginLimitRow).where(LoginLimitRow.key == account_key(name)))
