"""Fresh planner statistics after a job that wrote many rows (PostgreSQL).

Why: PostgreSQL plans each query from per-table statistics that autovacuum refreshes only
once enough of a table has changed and its worker comes round. A store just filled by a
large ingest run, a re-extraction or a claims rebuild has none for its new rows, and a
claims page then reads its events by a parallel scan of every event (26 ms instead of 2 ms
at 100k events, docs/web.md "Measurements"). So a job that wrote at least :data:`BULK`
documents runs ``ANALYZE`` on the tables the pages read, once, at its end: a few hundred
milliseconds at 100k events, against a run of minutes.

SQLite is left alone: without ``sqlite_stat1`` its planner picks the indexes these queries
were written for, and the query-plan tests (``tests/store/test_query_plans.py``) pin them.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from storyline.store.db import Store

_log = logging.getLogger(__name__)

#: Documents (or, for a claims rebuild, events) a job must write before it refreshes the
#: statistics: below this autovacuum's own threshold (50 rows and a tenth of the table)
#: keeps up well enough.
BULK = 500
#: The tables the web pages and the claims queries read.
TABLES = (
    "documents",
    "events",
    "mentions",
    "entities",
    "stories",
    "claims",
    "claim_members",
    "claim_keys",
    "event_cells",
    "event_facet_counts",
)


def after_bulk_write(store: Store, written: int) -> bool:
    """Run ``ANALYZE`` on :data:`TABLES` when the ``written`` documents (or events) reach
    :data:`BULK` on PostgreSQL; whether it ran. The job's work is committed by then, so a
    failure here (a lock or statement timeout) is logged, never raised: autovacuum will
    analyze the tables later."""
    if store.dialect != "postgresql" or written < BULK:
        return False
    try:
        with store.engine.begin() as connection:
            connection.execute(text(f"ANALYZE {', '.join(TABLES)}"))
    except SQLAlchemyError as error:
        _log.warning("planner statistics not refreshed: %s", error)
        return False
    return True
