"""Claims and search at archive size: ``storyline claims`` time and peak RSS, ``list
--search`` on a word every report holds, and the cost of adding 1,000 documents with
their claims, on SQLite or PostgreSQL.

Usage::

    python benchmarks/claims_scale.py [--db URL] [--documents 10000] [--events 100000]
                                      [--add 1000]

It builds (once) a store of synthetic reports with ``benchmarks/web.py``'s generator
(written straight into the tables, without claims), then measures, each CLI command in a
process of its own (time and that process's peak RSS, from ``wait4``):

* **catch-up** — the first ``storyline claims`` of a store whose events are not yet in
  claims assigns every event (``claim_members.catch_up``: bounded batches, document
  order); a one-off, skipped when the store's claims are already assigned;
* **claims** — ``storyline claims --format json`` (every claim several documents make,
  read and printed 500 at a time);
* **search** — ``storyline list --search inmates`` (a word in every generated report);
* **add** — ``--add`` more documents, each stored in its own transaction with its events
  and their claims (``claim_members.assign``: the call ``storyline add`` makes), copied
  from the newest documents of the store, then the contradictions of the claims they
  changed counted once (as an ingest run ends); seconds per document and per event.

``--db`` defaults to a SQLite file in a temporary folder; pass the same file again to
reuse a built store. All texts are generated nonsense about fictional places.

``--generator growth`` builds the store with ``benchmarks/store_growth.py``'s generator
instead: three events per report, **claims already assigned** by the generator (each event
its own claim, a reprint's events in its original's) and their keys written by the store's
own backfill — so a million-event store can be measured without the one-off catch-up,
which assigns about 22 events/s here (12 hours for a million). ``--events`` is then
``3 × --documents``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).parent))

from store_growth import fill
from storyline.store import claim_standing
from storyline.store.claim_members import assign, catch_up, pending
from storyline.store.db import Store, open_store
from storyline.store.schema import CaptureRow, DocumentRow, EventRow
from web import build

ROOT = Path(__file__).resolve().parent.parent


def _cli(url: str, data: Path, *args: str) -> tuple[float, float, int]:
    """Seconds, peak RSS (MiB) and exit code of one ``storyline`` command in its own
    process (output discarded)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "storyline.cli", "--db", url, "--data-dir", str(data)]
    began = time.perf_counter()
    process = subprocess.Popen(
        [*command, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _add_documents(store: Store, count: int) -> tuple[float, int]:
    """Copy the newest ``count`` documents (and their events) as new documents, each in
    one transaction with its claims; seconds in all and events added."""
    with store.sessions() as session:
        top = session.scalar(select(func.max(DocumentRow.id))) or 0
        template = list(
            session.scalars(select(DocumentRow).order_by(DocumentRow.id.desc()).limit(count))
        )
        capture_top = session.scalar(select(func.max(CaptureRow.id))) or 0
        events_of: dict[int, list[EventRow]] = {}
        for event in session.scalars(
            select(EventRow).where(EventRow.document_id > top - count).order_by(EventRow.id)
        ):
            events_of.setdefault(event.document_id, []).append(event)
    skip = {"id", "capture_id", "search", "story_id"}
    now = datetime.now(UTC)
    added = 0
    began = time.perf_counter()
    for offset, document in enumerate(template, 1):
        new_id, capture_id = top + offset, capture_top + offset
        with store.sessions.begin() as session:
            session.execute(
                insert(CaptureRow),
                [
                    {
                        "id": capture_id,
                        "sha256": f"{capture_id:064x}",
                        "size": len(document.text),
                        "input": f"copy-{capture_id}.html",
                        "captured_at": now,
                        "content_type": "text/html",
                    }
                ],
            )
            values = {
                c.key: getattr(document, c.key)
                for c in DocumentRow.__table__.columns
                if c.key not in skip
            }
            session.execute(
                insert(DocumentRow), [{**values, "id": new_id, "capture_id": capture_id}]
            )
            rows = [
                {c.key: getattr(e, c.key) for c in EventRow.__table__.columns if c.key != "id"}
                | {"document_id": new_id}
                for e in events_of.get(document.id, [])
            ]
            ids = [
                session.execute(insert(EventRow).returning(EventRow.id), [row]).scalar_one()
                for row in rows
            ]
            assign(session, ids)
            added += len(ids)
    # The claims the run changed get their contradictions counted once, as an ingest run
    # does after its last document (storyline.pipeline).
    claim_standing.refresh(store)
    return time.perf_counter() - began, added


def main() -> None:
    """Build (or reuse) the store, run each measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL or SQLite path (default: a temporary file)")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--add", type=int, default=1_000, help="documents added at the end")
    parser.add_argument(
        "--generator",
        choices=["web", "growth"],
        default="web",
        help="web: 10 events per report, no claims (catch-up measured); growth: 3 per report, "
        "claims assigned by the generator",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="storyline-claims-scale-"))
    url = args.db or f"sqlite:///{workdir / 'bench.db'}"
    data = workdir / "blobs"
    store = open_store(url, data)
    with store.sessions() as session:
        present = session.scalar(select(func.count(EventRow.id))) or 0
    if present == 0:
        events = 3 * args.documents if args.generator == "growth" else args.events
        print(f"building {args.documents:,} documents, {events:,} events…", file=sys.stderr)
        if args.generator == "growth":
            fill(store, args.documents)
            catch_up(store)  # the claim keys only: every event is in a claim already
        else:
            build(store, args.documents, args.events)
    with store.sessions() as session:
        events = session.scalar(select(func.count(EventRow.id))) or 0
        documents = session.scalar(select(func.count(DocumentRow.id))) or 0
    rows: list[tuple[str, float, float, str]] = []
    if pending(store):
        seconds, rss, code = _cli(url, data, "claims", "--format", "json")
        rows.append(("catch-up + first claims", seconds, rss, f"exit {code}, one-off"))
    seconds, rss, code = _cli(url, data, "claims", "--format", "json")
    rows.append(("storyline claims --format json", seconds, rss, f"exit {code}"))
    seconds, rss, code = _cli(url, data, "list", "--search", "inmates", "--limit", "50")
    rows.append(("storyline list --search inmates", seconds, rss, f"exit {code}"))
    seconds, added = _add_documents(store, args.add)
    per_document, per_event = seconds / args.add * 1000, seconds / max(added, 1) * 1000
    note = f"{per_document:.0f} ms/document, {per_event:.1f} ms/event"
    rows.append((f"add {args.add:,} documents with claims", seconds, 0.0, note))
    print(f"\n{store.dialect}: {documents:,} documents, {events:,} events\n")
    print(f"| {'what':<38} | {'seconds':>8} | {'peak RSS MiB':>12} | note |")
    print(f"|{'-' * 40}|{'-' * 10}|{'-' * 14}|------|")
    for label, seconds, rss, note in rows:
        shown = f"{rss:12,.0f}" if rss else f"{'-':>12}"
        print(f"| {label:<38} | {seconds:8.1f} | {shown} | {note} |")
    store.close()


if __name__ == "__main__":
    main()
