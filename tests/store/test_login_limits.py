"""Sign-in limits on SQLite and PostgreSQL: counted in the database, shared by workers."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from storyline.store import login_limits
from storyline.store.db import Store, open_store
from storyline.store.schema import LoginLimitRow


def _failures(store: Store, key: str) -> int:
    with store.sessions() as session:
        return session.scalar(select(LoginLimitRow.failures).where(LoginLimitRow.key == key)) or 0


def test_an_account_locks_after_five_failures_and_the_lock_doubles(store: Store) -> None:
    for _ in range(login_limits.ACCOUNT_LIMIT - 1):
        login_limits.record_failure(store, "Ana", "10.0.0.1")
    assert login_limits.check(store, "ana", "10.0.0.9") is None
    login_limits.record_failure(store, "ana ", "10.0.0.2")
    locked = login_limits.check(store, "ANA", "10.0.0.9")  # any address, any spelling
    assert locked is not None and locked.what == "account"
    assert 50 <= locked.seconds <= 61
    assert "try again in 1 minute" in locked.message
    # The lock passes; the next failure locks for twice as long.
    with store.sessions.begin() as session:
        session.execute(update(LoginLimitRow).values(locked_until=datetime.now(UTC)))
    assert login_limits.check(store, "ana", "10.0.0.9") is None
    login_limits.record_failure(store, "ana", "10.0.0.3")
    again = login_limits.check(store, "ana", "10.0.0.9")
    assert again is not None and 110 <= again.seconds <= 121
    login_limits.clear(store, "ana")
    assert login_limits.check(store, "ana", "10.0.0.9") is None


def test_one_address_trying_many_names_is_locked(store: Store) -> None:
    for number in range(login_limits.ADDRESS_LIMIT):
        login_limits.record_failure(store, f"user{number}", "203.0.113.7")
    locked = login_limits.check(store, "someone-else", "203.0.113.7")
    assert locked is not None and locked.what == "address"
    assert login_limits.check(store, "someone-else", "203.0.113.8") is None


def test_failures_are_forgotten_after_a_quiet_day(store: Store) -> None:
    for _ in range(3):
        login_limits.record_failure(store, "ana", "10.0.0.1")
    with store.sessions.begin() as session:
        session.execute(
            update(LoginLimitRow).values(last_failure=datetime.now(UTC) - timedelta(days=2))
        )
    login_limits.record_failure(store, "ana", "10.0.0.1")
    assert _failures(store, "user:ana") == 1


def test_workers_sharing_the_database_count_every_failure(db_url: str, tmp_path: Path) -> None:
    workers = [open_store(db_url, tmp_path / "blobs") for _ in range(4)]
    try:

        def fail(worker: Store) -> None:
            for _ in range(5):
                login_limits.record_failure(worker, "ana", "10.0.0.1")

        threads = [threading.Thread(target=fail, args=(w,)) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert _failures(workers[0], "user:ana") == 20
        assert login_limits.check(workers[1], "ana", "10.0.0.5") is not None
    finally:
        for worker in workers:
            worker.close()
