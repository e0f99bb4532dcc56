"""Facet counts beside the events table: kept counts vs grouping the events, same run.

Usage::

    python benchmarks/facets.py --db sqlite:////tmp/web1m.db [--repeat 5]
    python benchmarks/facets.py --db postgresql://…/bench100k

Opens an existing store (build one with ``benchmarks/web.py --keep PATH``), then for a few
selections times :func:`storyline.store.facets.event_facets` reading ``event_facet_counts``
(migration 0013) and the same call with ``counts=False`` — the five GROUP BYs over the
selected events that every request ran before — and checks that both give the same
facets. One client, no load: the web benchmark measures the page under 20 clients.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from storyline.store import facets
from storyline.store.db import open_store
from storyline.store.event_queries import EventFilters
from storyline.store.schema import EventFacetCountRow, EventRow

SELECTIONS = [
    ("all (the table as opened)", EventFilters()),
    ("one type", EventFilters(type="casualty")),
    ("verified only", EventFilters(status="verified")),
    ("one country and certainty", EventFilters(country="RU", certainty="reported")),
    ("a place (not kept: grouped)", EventFilters(place="Kessel")),
]


def _median_ms(call: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Time both ways for each selection and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database URL of a built store")
    parser.add_argument("--repeat", type=int, default=5, help="runs per cell (median shown)")
    args = parser.parse_args()
    store = open_store(args.db, Path(tempfile.mkdtemp(prefix="storyline-facets-")) / "blobs")
    with store.sessions() as session:
        events = session.scalar(select(func.count(EventRow.id))) or 0
        kept = session.scalar(select(func.count(EventFacetCountRow.id))) or 0
    table = Table(title=f"event facets, {events:,} events, {kept:,} kept count rows")
    for column in ("selection", "kept counts ms", "grouping events ms", "speed-up", "same"):
        table.add_column(column, justify="left" if column == "selection" else "right")
    disagree = []
    for label, selection in SELECTIONS:
        counted = facets.event_facets(store, selection)
        live = facets.event_facets(store, selection, counts=False)
        ours = _median_ms(lambda s=selection: facets.event_facets(store, s), args.repeat)
        base = _median_ms(
            lambda s=selection: facets.event_facets(store, s, counts=False), args.repeat
        )
        if counted != live:
            disagree.append(label)
        table.add_row(
            label,
            f"{ours:,.1f}",
            f"{base:,.1f}",
            f"{base / ours:,.1f}×",
            "yes" if counted == live else "NO",
        )
    Console().print(table)
    store.close()
    if disagree:
        sys.exit(f"the kept counts disagree with grouping the events: {', '.join(disagree)}")


if __name__ == "__main__":
    main()
