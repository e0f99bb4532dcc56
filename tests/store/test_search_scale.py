"""Search at any size: a word that matches more documents than SQLite binds as variables.

The old ``storyline list --search`` built an ``IN (…)`` list of every matching id in
Python, which SQLite refuses past its variable limit (250,000 by default; lower where the
library was built so). Here every SQLite connection gets a limit of 999 variables, so
40,000 matches are far past it; the search must still work through the CLI, the
repository and the web app's query, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import OperationalError

from storyline.store import queries, repository
from storyline.store.db import Store
from storyline.store.schema import DocumentRow
from storyline.store.search import search_condition

DOCUMENTS = 40_000
LOW_LIMIT = 999


def _low_variable_limit(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, LOW_LIMIT)


@pytest.fixture
def low_limit() -> Iterator[None]:
    """Every SQLite connection opened during the test binds at most 999 variables."""
    event.listen(Engine, "connect", _low_variable_limit)
    yield
    event.remove(Engine, "connect", _low_variable_limit)


def _harbour(n: int) -> str:
    return " the harbour" if n % 10 == 0 else ""


def _fill(store: Store, add_documents: Callable[..., None]) -> None:
    """40,000 documents that all contain "convoy"; every tenth also "harbour"."""
    for first in range(1, DOCUMENTS + 1, 5_000):
        with store.engine.begin() as connection:
            add_documents(
                connection,
                range(first, min(first + 5_000, DOCUMENTS + 1)),
                lambda n: f"Report {n}\n\nA convoy left{_harbour(n)}.",
            )


def test_search_matching_more_ids_than_sqlite_binds(
    low_limit: None, store: Store, cli: Callable[..., Any], add_documents: Callable[..., None]
) -> None:
    store.engine.dispose()  # reconnect under the low limit
    _fill(store, add_documents)
    if store.dialect == "sqlite":  # the old way: every matching id bound as a variable
        with store.sessions() as session, pytest.raises(OperationalError, match="too many"):
            session.scalars(
                select(DocumentRow.id).where(DocumentRow.id.in_(list(range(1, DOCUMENTS + 1))))
            ).all()

    first = repository.list_documents(store, search="convoy", limit=3)
    assert [row.id for row in first] == [40_000, 39_999, 39_998]
    after = repository.list_documents(store, search="convoy", limit=3, before=first[-1].id)
    assert [row.id for row in after] == [39_997, 39_996, 39_995]
    harbour = repository.list_documents(store, search="harbour convoy", limit=2, before=35)
    assert [row.id for row in harbour] == [30, 20]
    assert repository.list_documents(store, search="convoy", before=1) == []

    result = cli("list", "--search", "convoy", "--limit", "2", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == ["id", "40000", "39999"]
    result = cli("list", "--search", "harbour", "--limit", "2", "--before", "40000")
    assert result.exit_code == 0, result.stderr
    assert "39990" in result.stdout and "39980" in result.stdout
    assert "next page: --before 39980" in result.stderr

    page = queries.list_documents(store, queries.DocumentFilters(q="convoy"), limit=50)
    assert page.total == DOCUMENTS
    assert page.items[0].id == 40_000
    assert queries.list_documents(store, queries.DocumentFilters(q="harbour")).total == 4_000
    # Deeper pages of a plain search come from the full-text index in order (SQLite), and
    # agree with the general condition every other selection uses.
    deep = queries.list_documents(store, queries.DocumentFilters(q="harbour"), limit=3, offset=3)
    assert [row.id for row in deep.items] == [39_970, 39_960, 39_950]
    assert deep.total == 4_000
    condition = search_condition(store.dialect, "harbour")
    with store.sessions() as session:
        general = session.scalars(
            select(DocumentRow.id)
            .where(condition)
            .order_by(DocumentRow.id.desc())
            .limit(3)
            .offset(3)
        ).all()
    assert general == [row.id for row in deep.items]
    assert queries.list_documents(store, queries.DocumentFilters(q="!!")).total == 0
