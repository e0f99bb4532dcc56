"""Contradicted claims: kept counts (migration 0016) against computing every claim's standing.

Usage::

    python benchmarks/claim_counts.py --db URL [--change 100]

Over a store that already holds claims (e.g. ``benchmarks/web.py --keep`` followed by some
``storyline claims`` catch-up), each measurement in a process of its own (time, and that
process's peak RSS from ``wait4``):

* **baseline** — read every claim several documents make with its contradictions computed
  (``stored_groups(min_documents=2)``), what the web app's claim cache did once per change
  of the store in every process before the counts were kept;
* **refresh, all** — count every claim several documents make (what a store upgraded to
  0016 does once, on its first ingest run or ``storyline claims``);
* **contradicted** — the dashboard's count and the contradiction filter's first page with
  every count known (``claim_standing.contradicted_count`` and ``contradicted_page``);
* **after a change** — ``--change`` random claimed events rejected (their claims' counts
  become unknown): the same read, which now checks up to 200 unknown claims itself, then
  the refresh that counts them (what the web app does after a write, ingest after a run).
  The rejections are undone at the end (and counted again).

The store is changed (counts reset, events rejected and restored); use a benchmark store.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select, update

from storyline.store import claim_standing
from storyline.store.claim_members import claims_made_by, stored_groups
from storyline.store.db import Store, open_store
from storyline.store.schema import ClaimMemberRow, ClaimRow, EventRow

ROOT = Path(__file__).resolve().parent.parent


def _step(store: Store, name: str) -> str:
    """Run one measured step in this process; a note for the table."""
    if name == "baseline":
        groups = stored_groups(store, min_documents=2, catch_up_first=False)
        contradicted = sum(1 for g in groups if g.contradictions)
        return f"{len(groups):,} claims read, {contradicted:,} contradicted"
    if name == "refresh":
        return f"{claim_standing.refresh(store):,} claims counted"
    if name == "contradicted":
        found = claim_standing.contradicted_count(store)
        _page, total, _ = claim_standing.contradicted_page(store, None, 50, 0)
        return (
            f"dashboard count and first page: {found.count:,} contradicted"
            f" ({total:,} listed), {found.unchecked:,} left unchecked"
        )
    raise SystemExit(f"unknown step {name}")


def _measure(url: str, name: str) -> tuple[float, float, str]:
    """Seconds (of the step itself, not the process's start), peak RSS (MiB) and the note
    of one step, in a process of its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(
            [sys.executable, __file__, "--db", url, "--step", name], stdout=output, env=env
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"step {name} failed")
        output.seek(0)
        result = json.loads(output.read().strip().splitlines()[-1])
    return result["inner"], usage.ru_maxrss / 1024, result["note"]


def _several(store: Store) -> int:
    with store.sessions() as session:
        return int(
            session.scalar(select(func.count()).select_from(claims_made_by(2, None).subquery()))
            or 0
        )


def main() -> None:
    """Measure each step; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database URL of a store holding claims")
    parser.add_argument("--change", type=int, default=100, help="events rejected")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="storyline-claim-counts-")) / "blobs"
    store = open_store(args.db, data)
    if args.step:
        began = time.perf_counter()
        note = _step(store, args.step)
        print(json.dumps({"note": note, "inner": time.perf_counter() - began}))
        return
    several = _several(store)
    if not several:
        raise SystemExit("no claim is made by several documents: run `storyline claims` first")
    claim_standing.refresh(store)  # unmeasured: claims a bare catch-up left uncounted
    rows = [("baseline: every claim's standing", *_measure(args.db, "baseline"))]
    with store.sessions.begin() as session:  # as migration 0016 leaves an upgraded store
        session.execute(
            update(ClaimRow)
            .where(ClaimRow.id.in_(claims_made_by(2, None)))
            .values(contradictions=None)
        )
    rows.append(("refresh, all (one-off after upgrade)", *_measure(args.db, "refresh")))
    rows.append(("contradicted, every count known", *_measure(args.db, "contradicted")))
    with store.sessions() as session:
        claimed = list(session.scalars(select(ClaimMemberRow.event_id)))
    chosen = random.Random(7).sample(claimed, min(args.change, len(claimed)))
    with store.sessions.begin() as session:
        before = dict(
            session.execute(
                select(EventRow.id, EventRow.review_status).where(EventRow.id.in_(chosen))
            ).all()
        )
        session.execute(
            update(EventRow).where(EventRow.id.in_(chosen)).values(review_status="rejected")
        )
    changed = claim_standing.unknown(store)
    rows.append((f"contradicted, {changed} claims changed", *_measure(args.db, "contradicted")))
    rows.append((f"refresh, {changed} claims changed", *_measure(args.db, "refresh")))
    with store.sessions.begin() as session:
        for event, status in before.items():
            session.execute(
                update(EventRow).where(EventRow.id == event).values(review_status=status)
            )
    claim_standing.refresh(store)
    with store.sessions() as session:
        events = session.scalar(select(func.count(EventRow.id)))
        claimed_count = session.scalar(select(func.count(ClaimMemberRow.event_id)))
    print(
        f"\n{store.dialect}: {events:,} events, {claimed_count:,} in claims, "
        f"{several:,} claims made by several documents; {os.cpu_count()} CPUs\n"
    )
    print("| what | seconds | peak RSS MiB | note |")
    print("|---|---:|---:|---|")
    for label, seconds, rss, note in rows:
        print(f"| {label} | {seconds:.2f} | {rss:,.0f} | {note} |")
    store.close()


if __name__ == "__main__":
    main()
