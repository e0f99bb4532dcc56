"""Claims benchmark: stored claims (read what a page lists) vs recomputing every group.

Usage::

    python benchmarks/claims.py [--documents 10000] [--events 100000] [--keep PATH]

Builds a store of synthetic reports with ``benchmarks/web.py``'s generator (written straight
into the tables), then measures, in the same run and process:

* **baseline** — the first wave's way: load every event and group them all
  (``group_claims(claim_events(store))``), what ``/claims`` cost per change of the store;
* **catch-up** — assigning every event of the generated store to a stored claim, once (a
  store from before claims were stored; new documents are assigned as they are added);
* **read** — ``stored_groups(store, min_documents=2)``: the claims made by several
  documents, what ``storyline claims`` and the claims page list;
* **first page** — one page of those claims and their count (``/claims`` as it reads now),
  and ``GET /claims`` from a freshly started app;
* **add** — adding 200 more events one document at a time into the full store (the
  incremental path every ``storyline add`` takes), per event.

Peak RSS of the process is printed last. All texts are generated nonsense.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).parent))

from storyline.link.claims import group_claims
from storyline.store.claim_members import assign, catch_up, stored_groups, stored_page
from storyline.store.claims import claim_events
from storyline.store.db import open_store
from storyline.store.schema import ClaimMemberRow, EventRow
from web import build


def _timed(label: str, work, rows: list[tuple[str, float, str]], note: str = "") -> object:
    began = time.perf_counter()
    result = work()
    rows.append((label, time.perf_counter() - began, note))
    return result


def _first_claims_page(store) -> float:
    """Seconds for the first ``GET /claims`` of a freshly started app (in-process), after
    one request to its dashboard."""
    from fastapi.testclient import TestClient

    from storyline.settings import Settings
    from storyline.web.app import create_app
    from storyline.web.config import WebOptions

    app = create_app(store, Settings(), WebOptions(local=True))
    with TestClient(app, base_url="https://127.0.0.1") as client:
        client.get("/")  # the app is up (templates, session); the claims are not read yet
        began = time.perf_counter()
        response = client.get("/claims")
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - began


def main() -> None:
    """Build (or reuse) the store, run each measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="SQLite file to reuse or leave behind")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="storyline-claims-bench-"))
    store = open_store(f"sqlite:///{args.keep or workdir / 'bench.db'}", workdir / "blobs")
    with store.sessions() as session:
        present = session.scalar(select(func.count(EventRow.id))) or 0
    if present == 0:
        print(f"building {args.documents:,} documents, {args.events:,} events…", file=sys.stderr)
        build(store, args.documents, args.events)
    rows: list[tuple[str, float, str]] = []
    groups = _timed("baseline: group every event", lambda: group_claims(claim_events(store)), rows)
    multi = sum(1 for g in groups if len({e.document for e in g.events}) > 1)  # type: ignore[union-attr]
    rows[-1] = (*rows[-1][:2], f"{len(groups):,} groups, {multi:,} by several documents")  # type: ignore[arg-type]
    with store.sessions() as session:
        assigned = session.scalar(select(func.count(ClaimMemberRow.event_id))) or 0
    if not assigned:
        _timed("catch-up: assign every event once", lambda: catch_up(store), rows)
    listed = _timed(
        "read: claims by several documents", lambda: stored_groups(store, min_documents=2), rows
    )
    rows[-1] = (*rows[-1][:2], f"{len(listed):,} claims")  # type: ignore[arg-type]
    _timed("first page: 50 claims and the count", lambda: stored_page(store, None, 50, 0), rows)
    rows.append(("first GET /claims of a fresh app", _first_claims_page(store), "in-process"))
    with store.sessions() as session:
        template = session.scalars(select(EventRow).order_by(EventRow.id.desc()).limit(200)).all()
        copies = [
            {c.name: getattr(event, c.key) for c in EventRow.__table__.columns if c.name != "id"}
            | {"key": f"x{event.id}"}
            for event in template
        ]
    began = time.perf_counter()
    for copy in copies:
        with store.sessions.begin() as session:
            new_id = session.execute(insert(EventRow).returning(EventRow.id), [copy]).scalar_one()
            assign(session, [new_id])
    per = (time.perf_counter() - began) / len(copies)
    rows.append(("add: one event into the full store", per, "per event, assignment included"))
    with store.sessions() as session:
        total = session.scalar(select(func.count(EventRow.id)))
    print(f"\nclaims on SQLite, {total:,} events\n")
    print(f"| {'what':<40} | {'seconds':>9} | note |")
    print(f"|{'-' * 42}|{'-' * 11}|------|")
    for label, seconds, note in rows:
        print(f"| {label:<40} | {seconds:9.3f} | {note} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:,.0f} MiB")
    store.close()


if __name__ == "__main__":
    main()
