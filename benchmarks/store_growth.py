"""Ingest throughput as the store grows: ``storyline add`` serial and ``--workers N`` into
stores already holding 1k / 10k / 100k documents, against one plain spaCy pass.

Usage::

    python benchmarks/store_growth.py [--sizes 1000,10000,100000] [--docs 100]
                                      [--workers 2] [--cluster 2] [--keep DIR]

For each size a SQLite store is **pre-filled by a generator** that writes stored documents
straight into the tables (like ``benchmarks/web.py``'s generator, which this one borrows
its vocabulary and places from): each document has a title and about 250 words of text,
place and figure mentions, entities with coordinates, three events (types of the
prison-recruitment codebook, places, times, figures), a fingerprint and its 128 LSH band
keys, a story (every fifth document a reprint of the one before) and a claim per event
(a reprint's events in its original's claims). Nothing of the pipeline runs for them, so a
100k store takes about two minutes instead of hours. ``--keep DIR`` keeps the filled
stores there and reuses them on the next run.

Then, on a copy of that store for each configuration, ``storyline add FOLDER`` runs in its
own process (so each configuration loads its own spaCy, as a user's command does) over
``--docs`` new reports: the example reports (``examples/``) copied with a numbered line,
as ``benchmarks/workers.py`` makes them. Wall and CPU seconds include starting the process
and its workers. The floor is one ``nlp.pipe`` pass of ``en_core_web_sm`` over the same
parsed texts in one process (loading the model not timed). "Per core" divides words by the
CPU seconds of the command and all its workers ("words per CPU-s"). Configurations:
serial (extraction in the command's own process, ``--extract-timeout 0 --extract-max-mb
0``: one core), ``--workers 1`` as shipped (one extraction process under the per-input
work limit, beside the command's own process that parses and stores), ``--workers N``,
and the cluster path (``--cluster N``: ``add --scheduler local:N``, a Dask ``LocalCluster``
of ``N`` single-threaded worker processes started and stopped inside the timing).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert, update

from storyline.link import VERSION as LINK_VERSION
from storyline.link.reprints import band_keys, signature_bytes
from storyline.store import jobs
from storyline.store.claim_members import KEYS_JOB, catch_up
from storyline.store.db import Store, open_store
from storyline.store.schema import (
    CaptureRow,
    ClaimMemberRow,
    ClaimRow,
    DocumentRow,
    EntityRow,
    EventRow,
    FingerprintRow,
    MentionRow,
    StoryRow,
)
from storyline.store.stories import _insert_buckets
from synthetic import Span, event_row, mention_row, report_text
from web import PLACES, TYPES, WORDS
from workers import build_folder, run_extraction_only, run_spacy

ROOT = Path(__file__).resolve().parent.parent
#: Real places too, so the new reports' events (Russia, Ukraine, Moscow…) meet stored ones.
REAL_PLACES = [
    ("Russia", "RU", 61.5, 105.3),
    ("Ukraine", "UA", 49.0, 32.0),
    ("Moscow", "RU", 55.75, 37.62),
    ("Bakhmut", "UA", 48.6, 38.0),
    ("Rostov-on-Don", "RU", 47.23, 39.72),
]
ALL_PLACES = PLACES + REAL_PLACES
EVENTS_PER_DOCUMENT = 3
BATCH = 1000


# ------------------------------------------------------------------------- generator


def _document(rng: random.Random, n: int) -> tuple[str, str, list[Span]]:
    """A title, about 250 words, and (kind, start, end, text) mentions of places and figures."""
    return report_text(
        rng, n, ALL_PLACES, WORDS, sentences=20, words_per_sentence=8, quantity_every=5
    )


def fill(store: Store, documents: int, seed: int = 7) -> None:
    """Write ``documents`` generated stored documents into an empty store (ids from 1)."""
    rng = random.Random(seed)
    signatures = np.random.default_rng(seed)
    now = datetime.now(UTC)
    event_id = claim_id = 0
    claims_of: dict[int, list[int]] = {}  # a document's claims, for its reprint
    for first in range(1, documents + 1, BATCH):
        rows: dict[Any, list[dict[str, Any]]] = {
            t: []
            for t in (
                StoryRow,
                CaptureRow,
                DocumentRow,
                MentionRow,
                EntityRow,
                EventRow,
                FingerprintRow,
                ClaimRow,
                ClaimMemberRow,
            )
        }
        buckets: list[tuple[int, list[int]]] = []
        for n in range(first, min(first + BATCH, documents + 1)):
            title, text, spans = _document(rng, n)
            published = date(2022, 6, 1) + timedelta(days=rng.randint(0, 900))
            reprint = n % 5 == 0
            story = n - 1 if reprint else n
            if not reprint:
                rows[StoryRow].append(
                    {
                        "id": n,
                        "original_document_id": None,
                        "basis": "single",
                        "reason": "generated",
                        "credited": [],
                        "updated_at": now,
                    }
                )
            rows[CaptureRow].append(
                {
                    "id": n,
                    "sha256": f"{n:064x}",
                    "size": len(text),
                    "input": f"report-{n}.html",
                    "url": f"https://outlet-{n % 40}.example/{n}",
                    "captured_at": now,
                    "content_type": "text/html",
                }
            )
            rows[DocumentRow].append(
                {
                    "id": n,
                    "capture_id": n,
                    "title": title,
                    "text": text,
                    "body_start": len(title) + 2,
                    "outlet": f"outlet-{n % 40}.example",
                    "published": published,
                    "language": "en",
                    "tags": [],
                    "word_count": len(text.split()),
                    "added_at": now,
                    "sensitivity": "normal",
                    "parser_version": "generated/1",
                    "story_id": story,
                }
            )
            keys: dict[str, str] = {}
            for index, span in enumerate(spans, 1):
                kind, _start, _end, phrase = span
                data: dict[str, Any]
                if kind == "entity":
                    if phrase not in keys:
                        keys[phrase] = f"E{len(keys) + 1}"
                        _name, country, lat, lon = next(p for p in ALL_PLACES if p[0] == phrase)
                        rows[EntityRow].append(
                            {
                                "document_id": n,
                                "key": keys[phrase],
                                "name": phrase,
                                "type": "LOC",
                                "geo": {"lat": lat, "lon": lon, "country": country},
                            }
                        )
                    data = {"type": "LOC", "entity": keys[phrase]}
                else:
                    data = {"value": int(phrase.split()[1]), "unit": "person"}
                rows[MentionRow].append(
                    mention_row(n, f"{kind[0]}{index}", span, data, "generated/1")
                )
            figures = [(i, s) for i, s in enumerate(spans, 1) if s[0] == "quantity"]
            mine = []
            for index in range(EVENTS_PER_DOCUMENT):
                key, span = figures[index % len(figures)]
                _kind, start, end, phrase = span
                place = rng.choice(ALL_PLACES)
                day = published - timedelta(days=rng.randint(0, 60))
                kind_of = rng.choice(TYPES)
                body = {
                    "id": f"v{index + 1}",
                    "type": kind_of,
                    "evidence": [[max(0, start - 60), end + 20]],
                    "roles": {
                        "quantity": [
                            {"start": start, "end": end, "text": phrase, "mention": f"q{key}"}
                        ]
                    },
                    "source": None,
                }
                event_id += 1
                days = (day, day + timedelta(days=rng.choice([0, 6, 30])))
                row = event_row(n, body, span, days, place, certainty="reported", status="machine")
                rows[EventRow].append({"id": event_id, **row})
                original = claims_of.get(n - 1, []) if reprint else []
                if index < len(original):
                    claim = original[index]
                else:
                    claim_id += 1
                    claim = claim_id
                    rows[ClaimRow].append(
                        {"id": claim, "type": kind_of, "created_at": now, "updated_at": now}
                    )
                mine.append(claim)
                rows[ClaimMemberRow].append(
                    {"event_id": event_id, "claim_id": claim, "document_id": n, "pinned": False}
                )
            claims_of = {n: mine}
            signature = signatures.integers(0, 2**32, 256, dtype=np.uint32)
            rows[FingerprintRow].append(
                {
                    "document_id": n,
                    "version": LINK_VERSION,
                    "size": 240,
                    "digest": f"{n:064x}",
                    "signature": signature_bytes(signature),
                    "credits": [],
                }
            )
            buckets.append((n, sorted(set(band_keys(signature)))))
        with store.sessions.begin() as session:
            connection = session.connection()  # Core inserts: no ORM bookkeeping per row
            for table, values in rows.items():
                if values:
                    connection.execute(insert(table.__table__), values)
            for document, keys_ in buckets:
                _insert_buckets(session, document, keys_)
        print(f"  {min(first + BATCH - 1, documents):>7} documents", end="\r", file=sys.stderr)
    with store.sessions.begin() as session:
        session.execute(update(StoryRow).values(original_document_id=StoryRow.id))
        # The claim keys are written by the store's own backfill (the job a store that held
        # claims before keys existed gets), when the benchmark first opens the store.
        jobs.start(session, KEYS_JOB)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def filled_store(folder: Path, size: int) -> Path:
    """The path of a store pre-filled with ``size`` documents (made now if missing)."""
    path = folder / f"store-{size}.db"
    if path.exists():
        return path
    partial = folder / f"store-{size}.partial.db"
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    store = open_store(f"sqlite:///{partial}", folder / "blobs")
    fill(store, size)
    store.close()
    partial.rename(path)
    print(f"filled {size:,} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


# ----------------------------------------------------------------------------- runs


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _adopt_orphans() -> None:
    """Become the subreaper of every process the runs start (Linux ``prctl``).

    Why: ``storyline add --workers N`` forks its workers from a fork server; when the
    command exits, the server and its workers are orphaned, and without this their CPU
    time would go to ``init`` instead of into this process's children's time."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def _children() -> set[int]:
    """The live processes whose parent is this one (Linux ``/proc``)."""
    found = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == os.getpid():
            found.add(int(entry.name))
    return found


def _reap_orphans(keep: set[int], wait: float = 30.0) -> None:
    """Reap the orphaned fork server and workers of a finished run as they exit (they stop
    when the command's pipes close) so that their CPU time is counted; ``keep`` are this
    process's own children from before the run (its own fork server), never waited for."""
    deadline = time.monotonic() + wait
    while True:
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                break
        if not (_children() - keep) or time.monotonic() > deadline:
            return
        time.sleep(0.05)


#: Options of a configuration: before the command (global) and after ``add``.
How = tuple[list[str], list[str]]


def run_add(base: Path, reports: Path, how: How, scratch: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``storyline add`` (its own process) on a copy of ``base``,
    extracting as ``how`` says (``--workers N`` or ``--scheduler local:N``)."""
    db = scratch / "run.db"
    shutil.copyfile(base, db)
    command = [
        sys.executable,
        "-c",
        "from storyline.cli import main; main()",
        "--db",
        f"sqlite:///{db}",
        "--data-dir",
        str(scratch / "blobs"),
        *how[0],
        "add",
        str(reports),
        *how[1],
        "--format",
        "json",
    ]
    keep = _children()
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    _reap_orphans(keep)
    cpu = _children_cpu() - cpu
    db.unlink()
    shutil.rmtree(scratch / "blobs", ignore_errors=True)
    if done.returncode != 0:
        raise SystemExit(f"storyline add failed: {done.stderr.strip()[-500:]}")
    return seconds, cpu, done.stdout.count('"status": "added"')


def main() -> None:
    """Print one table row per store size and configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="stored documents")
    parser.add_argument("--docs", type=int, default=100, help="new reports added per run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cluster", type=int, default=0, help="also the cluster path: a Dask LocalCluster of N"
    )
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the filled stores here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    _adopt_orphans()
    load = os.getloadavg()[0]
    scratch = Path(tempfile.mkdtemp(prefix="storyline-growth-"))
    stores = args.keep or scratch / "stores"
    stores.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    rows = []
    try:
        reports = scratch / "reports"
        reports.mkdir()
        build_folder(reports, args.docs)
        words = sum(len(p.read_text(errors="ignore").split()) for p in reports.iterdir())
        floor = run_spacy(reports)
        ceiling = run_extraction_only(reports, args.workers)
        for size in sizes:
            base = filled_store(stores, size)
            # Migrations and the claim-key backfill run now, untimed, not in each run's copy
            # (a kept store may be older than the code).
            prepared = open_store(f"sqlite:///{base}", stores / "blobs")
            catch_up(prepared)
            prepared.close()
            unlimited = ["--extract-timeout", "0", "--extract-max-mb", "0"]
            configurations: list[tuple[str, tuple[list[str], list[str]]]] = [
                ("serial (one process, no work limit)", (unlimited, ["--workers", "1"])),
                ("--workers 1 (default: one limited worker)", ([], ["--workers", "1"])),
                (f"--workers {args.workers}", ([], ["--workers", str(args.workers)])),
            ]
            if args.cluster:
                how: How = ([], ["--scheduler", f"local:{args.cluster}"])
                configurations.append((f"--scheduler local:{args.cluster}", how))
            for name, how in configurations:
                seconds, cpu, count = run_add(base, reports, how, scratch)
                rows.append((size, name, seconds, cpu, count))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{args.docs} new reports, about {words:,} words; SQLite stores pre-filled by the")
    print(f"generator; load average before: {load:.1f}, after: {os.getloadavg()[0]:.1f}")
    print(f"on {cores} CPUs. 'x serial' compares docs/s with the serial row of the same size;")
    print("'words per CPU-s' is what each core used did (the command and all its workers).\n")
    alone, parallel, extracted = ceiling
    print(
        f"Extraction alone (no capture, parse or store), {extracted} reports: 1 process "
        f"{extracted / alone:.2f} docs/s, {args.workers} worker processes "
        f"{extracted / parallel:.2f} docs/s ({alone / parallel:.2f}x): the most "
        f"--workers {args.workers} can give on this machine.\n"
    )
    print(
        "| stored docs | configuration | wall s | docs/s | x serial | words/s "
        "| words per CPU-s | CPU s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    spacy_s, spacy_cpu, spacy_docs = floor
    print(
        f"| — | plain spaCy nlp.pipe (floor) | {spacy_s:.1f} | {spacy_docs / spacy_s:.2f} | — | "
        f"{words / spacy_s:,.0f} | {words / spacy_cpu:,.0f} | {spacy_cpu:.1f} |"
    )
    serial = {
        size: count / seconds
        for size, name, seconds, _c, count in rows
        if name.startswith("serial")
    }
    for size, name, seconds, cpu, count in rows:
        rate = count / seconds
        print(
            f"| {size:,} | {name} | {seconds:.1f} | {rate:.2f} | {rate / serial[size]:.2f} | "
            f"{words / seconds:,.0f} | {words / cpu:,.0f} | {cpu:.1f} |"
        )


if __name__ == "__main__":
    main()
