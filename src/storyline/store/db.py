"""Open the store: engine, schema migrations, sessions and the blob directory together.

Every command opens the store through :func:`open_store`, which brings the schema to the
newest Alembic revision first, so a user never runs a migration by hand and tests always
run on the schema the real migrations build.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from storyline.errors import StoreError, disk_full
from storyline.store.blobs import BlobStore
from storyline.store.sealing import Sealer, key_path

_MIGRATIONS = Path(__file__).parent / "migrations"
#: Alembic's command context is process-global, so threads migrate one at a time.
_MIGRATING = threading.Lock()
#: What an error says when another process is creating the same schema right now.
_RACE_WORDS = ("already exists", "duplicate", "locked")
#: PostgreSQL advisory lock key held while migrating ("storylin" in ASCII).
_MIGRATION_LOCK = 0x73746F72796C696E


@dataclass
class Store:
    """A migrated database plus the blob directory that holds raw captures."""

    engine: Engine
    sessions: sessionmaker[Session]
    blobs: BlobStore
    url: str
    #: Seals protected witnesses with the key kept outside the database (store/sealing.py).
    sealer: Sealer | None = None

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release pooled connections."""
        self.engine.dispose()


def normalise_url(url: str) -> str:
    """Accept plain paths and ``postgresql://`` URLs; pick the psycopg 3 driver."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def open_store(url: str, data_dir: Path, key_file: Path | None = None) -> Store:
    """Open (and create or migrate) the store at ``url``.

    ``key_file`` holds the key of protected witnesses (default: ``$STORYLINE_KEY_FILE``,
    else ``<data_dir>.key``).

    Raises:
        StoreError: the database cannot be reached or migrated; the message names it.
    """
    url = normalise_url(url)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        parent = Path(url[len("sqlite:///") :]).parent
        if not parent.exists():
            raise StoreError(f"{url}: the folder {parent} does not exist")
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"{url}: not a usable database URL ({exc})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        _upgrade_patiently(engine)
    except SQLAlchemyError as exc:
        full = disk_full(exc)
        if full:
            raise StoreError(full) from None
        raise StoreError(f"{_safe(url)}: cannot open the database ({_first_line(exc)})") from None
    sealer = Sealer(key_path(data_dir, key_file))
    store = Store(
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        blobs=BlobStore(data_dir, sealer),
        url=url,
        sealer=sealer,
    )
    return store


def _upgrade_patiently(engine: Engine, tries: int = 20) -> None:
    """:func:`upgrade`, looking again when another process was migrating the same database.

    PostgreSQL waits on a lock (see :func:`upgrade`); SQLite commits each ``CREATE TABLE``
    on its own, so a second process can meet a half-made schema — it waits a moment and
    finds the finished one.
    """
    for attempt in range(tries):
        try:
            upgrade(engine)
            return
        except SQLAlchemyError as exc:
            racing = any(word in str(exc).lower() for word in _RACE_WORDS)
            if not racing or attempt == tries - 1:
                raise
            time.sleep(0.25)


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revisions (a no-op when it is there already)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    # Independent features add migrations on their own branches off a shared revision, so
    # there may be several heads; all of them are applied.
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with _MIGRATING, engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two servers or commands opening a new database at once: the second waits
            # here until the first has created the schema, instead of failing half-way.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = set(MigrationContext.configure(connection).get_current_heads())
        if current == heads:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in credentials else url
    return url


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
