"""Local accounts of the web app: users with roles, browser sessions and API tokens.

Why this shape: a team of three to thirty people needs names, roles and a way to sign in,
not an identity provider. Passwords are argon2 hashes (argon2-cffi's defaults, tuned for
interactive logins); session and API tokens are 32 random bytes, and only their SHA-256 is
stored — they are unguessable, so a fast hash is enough, and a stolen database copy does not
sign anyone in. API tokens expire (:data:`TOKEN_LIFETIME` unless told otherwise) and a new
password revokes them, so a token that leaked with an old password stops working with it.
Passwords must pass :func:`storyline.store.passwords.check_password`, and the last active
admin cannot be demoted or disabled, so a team can never lock itself out of user management.
Functions return :class:`Account` values, never ORM rows, so the web layer cannot write to
the database by accident.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storyline.errors import AccountError, NotFoundInStoreError
from storyline.store import login_limits
from storyline.store.db import Store
from storyline.store.passwords import check_password
from storyline.store.schema import ApiTokenRow, SessionRow, UserRow

#: Roles from least to most power; each includes what the ones before it may do.
ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
#: Sessions last two weeks; signing out or disabling the user ends them sooner.
SESSION_TTL = timedelta(days=14)
#: How long a new API token works unless its creator says otherwise.
TOKEN_LIFETIME = timedelta(days=90)
#: ``last_used_at`` of an API token is written at most this often (a write per read request
#: would serialise SQLite under load for a field people look at once a month).
_TOKEN_TOUCH = timedelta(minutes=5)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_hasher = PasswordHasher()
#: Verified against when the user does not exist, so timing does not reveal which names do.
_DUMMY_HASH = _hasher.hash("storyline-no-such-user")


@dataclass(frozen=True)
class Account:
    """Who is acting: a stored user, or the single-user local admin (``id`` 0)."""

    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this account holds ``role`` or a stronger one."""
        return ROLES.index(self.role) >= ROLES.index(role)


#: The account used when nobody has signed in and the store has no users (localhost only).
LOCAL_ADMIN = Account(id=0, name="local", role="admin")


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes for UTC values; make them comparable."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def token_hash(token: str) -> str:
    """The stored form of a session or API token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")


def add_user(store: Store, name: str, password: str, role: str) -> Account:
    """Create a user.

    Raises:
        AccountError: a bad name, role or too short a password, or the name is taken.
    """
    if not _NAME.match(name):
        raise AccountError(
            f"{name!r} is not a usable user name (letters, digits, . _ @ -; at most 100)"
        )
    _check_role(role)
    check_password(password, name)
    row = UserRow(name=name, password_hash=_hasher.hash(password), role=role, created_at=_now())
    try:
        with store.sessions.begin() as session:
            session.add(row)
    except IntegrityError:
        raise AccountError(f"a user named {name!r} already exists") from None
    return Account(row.id, row.name, row.role)


def list_users(store: Store) -> list[tuple[Account, datetime, bool]]:
    """Every user with when they were created and whether they are disabled, by name."""
    with store.sessions() as session:
        rows = session.scalars(select(UserRow).order_by(UserRow.name))
        return [(Account(r.id, r.name, r.role), _aware(r.created_at), r.disabled) for r in rows]


def count_users(store: Store) -> int:
    """How many users exist (zero means single-user mode on localhost)."""
    with store.sessions() as session:
        return session.scalar(select(func.count(UserRow.id))) or 0


def admin_exists(store: Store) -> bool:
    """Whether some enabled account holds the admin role (single-user mode aside)."""
    with store.sessions() as session:
        return session.scalar(_active_admins().limit(1)) is not None


def _active_admins() -> Select[int]:
    return select(UserRow.id).where(UserRow.role == "admin", UserRow.disabled.is_(False))


def _user(session: Session, name: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is None:
        raise NotFoundInStoreError(f"no user named {name!r}")
    return row


def update_user(
    store: Store,
    name: str,
    *,
    role: str | None = None,
    disabled: bool | None = None,
    password: str | None = None,
) -> Account:
    """Change a user's role, disabled flag or password.

    Disabling ends the user's sessions; a new password ends them too, revokes the user's
    API tokens and clears failed sign-ins (it is how an admin unlocks a locked account).

    Raises:
        NotFoundInStoreError: no such user.
        AccountError: a bad role or weak password, or the change would leave no admin.
    """
    if role is not None:
        _check_role(role)
    if password is not None:
        check_password(password, name)
    with store.sessions.begin() as session:
        if store.dialect == "sqlite":
            # Write first: SQLite then takes its write lock before anything is read, so two
            # admins demoting each other at once take turns instead of both passing the
            # check (PostgreSQL takes turns on the admin rows' locks below).
            session.execute(update(UserRow).where(UserRow.name == name).values(name=UserRow.name))
        row = _user(session, name)
        loses_admin = row.role == "admin" and not row.disabled
        loses_admin = loses_admin and ((role is not None and role != "admin") or bool(disabled))
        if loses_admin:
            # Locking every admin row (in id order) makes two admins demoting each other at
            # once on PostgreSQL take turns; the second then sees it is the last one.
            admins = session.scalars(_active_admins().order_by(UserRow.id).with_for_update())
            if not [admin for admin in admins if admin != row.id]:
                raise AccountError(
                    f"{name} is the last admin: make another account admin first, "
                    "or nobody could manage users"
                )
        if role is not None:
            row.role = role
        if password is not None:
            row.password_hash = _hasher.hash(password)
            session.execute(
                update(ApiTokenRow).where(ApiTokenRow.user_id == row.id).values(revoked=True)
            )
        if disabled is not None:
            row.disabled = disabled
        if disabled or password is not None:
            session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
        changed = Account(row.id, row.name, row.role)
    if password is not None:
        login_limits.clear(store, name)
    return changed


def authenticate(store: Store, name: str, password: str) -> Account | None:
    """The account whose name and password these are, or ``None`` (disabled users too)."""
    with store.sessions() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name))
    stored = row.password_hash if row is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    if _hasher.check_needs_rehash(stored):
        _rehash(store, row.id, password)
    return Account(row.id, row.name, row.role)


def _rehash(store: Store, user_id: int, password: str) -> None:
    """Store a stronger hash of the same password (its tokens and sessions stay valid)."""
    with store.sessions.begin() as session:
        session.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(password_hash=_hasher.hash(password))
        )


def create_session(store: Store, account: Account) -> str:
    """Start a browser session and return its token (the cookie value; shown only once)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with store.sessions.begin() as session:
        session.add(
            SessionRow(
                token_hash=token_hash(token),
                user_id=account.id,
                created_at=now,
                expires_at=now + SESSION_TTL,
            )
        )
        session.execute(delete(SessionRow).where(SessionRow.expires_at < now))
    return token


def session_account(store: Store, token: str) -> Account | None:
    """The signed-in account of a session cookie, or ``None`` (unknown, expired, disabled)."""
    with store.sessions() as session:
        found = session.execute(
            select(SessionRow.expires_at, UserRow.id, UserRow.name, UserRow.role, UserRow.disabled)
            .join(UserRow, SessionRow.user_id == UserRow.id)
            .where(SessionRow.token_hash == token_hash(token))
        ).first()
    if found is None or found.disabled or _aware(found.expires_at) < _now():
        return None
    return Account(found.id, found.name, found.role)


def end_session(store: Store, token: str) -> None:
    """Sign a browser out (a no-op for unknown tokens)."""
    with store.sessions.begin() as session:
        session.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash(token)))


def create_api_token(
    store: Store, user: str, name: str, lifetime: timedelta = TOKEN_LIFETIME
) -> str:
    """Create an API token for ``user`` that works for ``lifetime``; returned once, never stored.

    Raises:
        NotFoundInStoreError: no such user.
        AccountError: an empty token name or a lifetime under a day.
    """
    if not name.strip():
        raise AccountError("give the token a name (what script or person uses it)")
    if lifetime < timedelta(days=1):
        raise AccountError("a token must work for at least one day")
    token = "sl_" + secrets.token_urlsafe(32)
    now = _now()
    with store.sessions.begin() as session:
        row = _user(session, user)
        session.add(
            ApiTokenRow(
                token_hash=token_hash(token),
                user_id=row.id,
                name=name.strip()[:100],
                created_at=now,
                expires_at=now + lifetime,
            )
        )
    return token


def revoke_api_token(store: Store, token_id: int) -> None:
    """Revoke one API token by its id.

    Raises:
        NotFoundInStoreError: no token with that id.
    """
    with store.sessions.begin() as session:
        row = session.get(ApiTokenRow, token_id)
        if row is None:
            raise NotFoundInStoreError(f"no API token with id {token_id}")
        row.revoked = True


def list_api_tokens(store: Store) -> list[dict[str, object]]:
    """Every API token's id, owner, name, dates and state (never the token itself)."""
    with store.sessions() as session:
        rows = session.execute(
            select(ApiTokenRow, UserRow.name).join(UserRow).order_by(ApiTokenRow.id)
        ).all()
    now = _now()
    return [
        {
            "id": token.id,
            "user": user,
            "name": token.name,
            "created_at": _aware(token.created_at),
            "last_used_at": _aware(token.last_used_at) if token.last_used_at else None,
            "expires_at": _aware(token.expires_at) if token.expires_at else None,
            "revoked": token.revoked,
            "expired": token.expires_at is not None and _aware(token.expires_at) <= now,
        }
        for token, user in rows
    ]


def token_account(store: Store, token: str) -> Account | None:
    """The account an API token acts for, or ``None`` (unknown, revoked, expired, disabled)."""
    with store.sessions() as session:
        found = session.execute(
            select(
                ApiTokenRow.id,
                ApiTokenRow.last_used_at,
                ApiTokenRow.revoked,
                ApiTokenRow.expires_at,
                UserRow.id.label("user_id"),
                UserRow.name,
                UserRow.role,
                UserRow.disabled,
            )
            .join(UserRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.token_hash == token_hash(token))
        ).first()
    now = _now()
    if found is None or found.revoked or found.disabled:
        return None
    if found.expires_at is not None and _aware(found.expires_at) <= now:
        return None
    if found.last_used_at is None or now - _aware(found.last_used_at) > _TOKEN_TOUCH:
        with store.sessions.begin() as session:
            row = session.get(ApiTokenRow, found.id)
            if row is not None:
                row.last_used_at = now
    return Account(found.user_id, found.name, found.role)
