"""The documents' facet counts under a search: right for a word in nearly every report and
for a rare one, whichever way SQLite is told to read them.

A search that matches most of the store is counted by scanning the facet's covering index
and testing each entry against the matches (``search.search_condition(most_documents=…)``),
since looking every match up by id reads the whole row, text included; a rare word still
looks its few matches up. Both must count exactly what the table shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select, text

from storyline.store import facets, queries
from storyline.store.db import Store
from storyline.store.queries import DocumentFilters
from storyline.store.schema import DocumentRow

DOCUMENTS = 60


def _text(n: int) -> str:
    rare = " beta" if n % 10 == 0 else ""
    common = " alpha" if n % 7 != 0 else ""
    return f"Report {n}\n\nWords of report{common}{rare} gamma."


def _outlet(n: int) -> str | None:
    return None if n % 11 == 0 else f"outlet-{n % 3}.example"


def _language(n: int) -> str:
    return "ru" if n % 4 == 0 else "en"


def _fill(store: Store, add_documents: Callable[..., None]) -> None:
    with store.engine.begin() as connection:
        add_documents(connection, range(1, DOCUMENTS + 1), _text)
        for n in range(1, DOCUMENTS + 1):
            connection.execute(
                text("UPDATE documents SET outlet = :o, language = :l WHERE id = :n"),
                {"o": _outlet(n), "l": _language(n), "n": n},
            )


def _expected(word: str, outlet: str | None = None) -> dict[str, list[tuple[str, int]]]:
    chosen = [
        n
        for n in range(1, DOCUMENTS + 1)
        if f" {word}" in _text(n) and (outlet is None or _outlet(n) == outlet)
    ]

    def ranked(values: list[str | None]) -> list[tuple[str, int]]:
        counts = Counter(v for v in values if v)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    return {
        "outlet": ranked([_outlet(n) for n in chosen]),
        "language": ranked([_language(n) for n in chosen]),
    }


def test_facets_of_a_common_and_a_rare_word_count_what_the_table_shows(
    store: Store, add_documents: Callable[..., None]
) -> None:
    _fill(store, add_documents)
    for word, outlet in [("alpha", None), ("beta", None), ("alpha", "outlet-1.example")]:
        found = facets.document_facets(store, DocumentFilters(q=word, outlet=outlet))
        assert {f.param: f.values for f in found} == _expected(word, outlet), (word, outlet)
        listed = queries.list_documents(store, DocumentFilters(q=word, outlet=outlet))
        language_total = sum(n for _, n in next(f for f in found if f.param == "language").values)
        assert language_total == listed.total


def test_sqlite_scans_the_covering_index_only_for_a_word_in_most_reports(
    store: Store, add_documents: Callable[..., None]
) -> None:
    _fill(store, add_documents)
    if store.dialect != "sqlite":
        return  # PostgreSQL searches its own index; the counts are checked above
    with store.sessions() as session:
        assert facets._matches_most_documents(session, store.dialect, "alpha")  # 52 of 60
        assert not facets._matches_most_documents(session, store.dialect, "beta")  # 6 of 60
        assert not facets._matches_most_documents(session, store.dialect, "")
    for most, reads in [(True, "COVERING INDEX ix_documents_outlet"), (False, "PRIMARY KEY")]:
        query = queries.document_where(
            select(DocumentRow.outlet, func.count(DocumentRow.id)).group_by(DocumentRow.outlet),
            store.dialect,
            DocumentFilters(q="alpha"),
            most_documents=most,
        ).compile(store.engine, compile_kwargs={"literal_binds": True})
        with store.engine.connect() as connection:
            plan = " ".join(
                str(row[3]) for row in connection.execute(text(f"EXPLAIN QUERY PLAN {query}"))
            )
        assert reads in plan, (most, plan)


def test_postgresql_searches_read_the_full_text_index_not_the_table(
    store: Store, add_documents: Callable[..., None]
) -> None:
    """PostgreSQL costs a table scan without un-TOASTing each tsvector, so for a word in most
    reports it scanned the table (0.3-0.5 s at 100,000 reports) where the GIN index alone
    answers; a search's transaction now reads the index."""
    _fill(store, add_documents)
    if store.dialect != "postgresql":
        return  # SQLite's full-text index is its own table
    from storyline.store import search

    query = queries.document_where(
        select(func.count(DocumentRow.id)), store.dialect, DocumentFilters(q="alpha")
    )
    with store.sessions() as session:
        search.read_by_index(session, store.dialect, "alpha")
        plan = _explain(session, query)
    assert "ix_documents_search" in plan, plan
    with store.sessions() as session:  # SET LOCAL: gone with the transaction
        assert session.scalar(text("SHOW enable_seqscan")) == "on"


def _explain(session: Any, query: Any) -> str:
    """PostgreSQL's plan of ``query``, run with its bound parameters."""
    compiled = query.compile(session.get_bind())
    rows = session.connection().exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
    return " ".join(row[0] for row in rows)
