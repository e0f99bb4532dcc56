"""A job that wrote many rows leaves PostgreSQL fresh planner statistics (docs/web.md): a
store just filled reads claim pages by index, not by scanning every event, before
autovacuum comes round. SQLite keeps planning without statistics, as the query-plan tests
expect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from storyline.store import planner_stats
from storyline.store.db import Store

REPORT = (
    "Colony {n} sends inmates to the front\n\n"
    "Officials at Penal Colony No. {n} in the Kamsk district said on 2 May 2024 that "
    "{count} inmates had signed contracts to fight in Ukraine."
)


def _analyzed(store: Store) -> bool:
    """Whether the store's planner has statistics for ``events``."""
    with store.engine.connect() as connection:
        if store.dialect == "postgresql":
            tuples = connection.execute(
                text(
                    "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n "
                    "ON n.oid = c.relnamespace "
                    "WHERE c.relname = 'events' AND n.nspname = current_schema()"
                )
            ).scalar_one()
            return bool(tuples >= 0)  # -1: never analysed
        return bool(
            connection.execute(
                text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            ).scalar_one()
        )


def _add_reports(cli: Callable[..., Any], write: Callable[..., Path], count: int) -> None:
    paths = [
        str(write(f"colony-{n}.txt", REPORT.format(n=n, count=10 * n + 7)))
        for n in range(1, count + 1)
    ]
    result = cli("add", *paths, "--published", "2024-05-02")
    assert result.exit_code == 0, result.stderr


def test_a_large_ingest_run_refreshes_postgresql_statistics(
    cli: Callable[..., Any],
    write: Callable[..., Path],
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(planner_stats, "BULK", 3)
    _add_reports(cli, write, 3)
    assert _analyzed(store) is (store.dialect == "postgresql")


def test_a_small_run_leaves_the_statistics_to_autovacuum(
    cli: Callable[..., Any], write: Callable[..., Path], store: Store
) -> None:
    _add_reports(cli, write, 2)
    assert not _analyzed(store)


@pytest.mark.parametrize("job", [("stories", "--rebuild"), ("claims", "--rebuild")])
def test_rebuilding_stories_or_claims_refreshes_them_too(
    cli: Callable[..., Any],
    write: Callable[..., Path],
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    job: tuple[str, ...],
) -> None:
    _add_reports(cli, write, 2)
    assert not _analyzed(store)
    monkeypatch.setattr(planner_stats, "BULK", 2)
    result = cli(*job)
    assert result.exit_code == 0, result.stderr
    assert _analyzed(store) is (store.dialect == "postgresql")


def test_statistics_that_cannot_be_refreshed_do_not_fail_a_finished_job(
    cli: Callable[..., Any],
    write: Callable[..., Path],
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The job's documents are committed before ANALYZE runs: its failure (here a table
    that is not there; a lock timeout in life) is logged, and the run reports success."""
    monkeypatch.setattr(planner_stats, "BULK", 2)
    monkeypatch.setattr(planner_stats, "TABLES", ("no_such_table",))
    _add_reports(cli, write, 2)
    result = cli("list", "--format", "json")
    assert result.exit_code == 0 and result.stdout.count('"id"') >= 2, result.stdout
