"""Web app benchmark: latency of the main pages and the API under 20 concurrent clients.

Usage::

    python benchmarks/web.py [--db URL] [--documents 10000] [--events 100000]
                             [--clients 20] [--requests 300] [--workers 1] [--threads 4]
                             [--keep PATH] [--only NAME]...

It builds a store of synthetic reports (10,000 documents, 100,000 events, with mentions,
entities and stories; written straight into the tables, since the pipeline is not what is
measured), starts ``storyline``'s app under uvicorn on 127.0.0.1 in a separate process,
signs a user in, then sends each kind of request from ``--clients`` concurrent
keep-alive clients and prints p50/p95/max latency per kind, then the peak resident memory
of the server's processes. The target is a p95 under 200 ms for every page. ``--keep
PATH`` reuses (or leaves) the SQLite file, so the generation (about a minute) is paid once.
All texts are generated nonsense about fictional places.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select

from storyline.store import accounts
from storyline.store.claim_members import claims_made_by
from storyline.store.db import Store, open_store
from storyline.store.schema import (
    CaptureRow,
    DocumentRow,
    EntityRow,
    EventRow,
    MentionRow,
    StoryRow,
)
from synthetic import Span, event_row, mention_row, report_text

PLACES = [
    ("Kessel", "RU", 56.1, 40.4),
    ("Marsk", "RU", 47.2, 39.7),
    ("Orlov", "RU", 52.9, 36.1),
    ("Tverskaya", "RU", 56.9, 35.9),
    ("Luga-Nova", "RU", 58.7, 29.8),
    ("Dnistria", "UA", 46.5, 30.7),
    ("Harkov Pole", "UA", 50.0, 36.2),
    ("Volnovo", "RU", 55.7, 37.6),
]
TYPES = [
    "recruitment_visit",
    "contract_offer",
    "enlistment",
    "pardon_or_release",
    "deployment",
    "casualty",
    "return_home",
    "crime_after_return",
    "policy_change",
    "official_statement",
]
OUTLETS = [f"outlet-{n}.example" for n in range(40)]
WORDS = [
    "the",
    "colony",
    "officials",
    "inmates",
    "families",
    "lawyers",
    "recruiters",
    "contract",
    "front",
    "region",
    "court",
    "pardon",
    "service",
    "unit",
    "ministry",
    "reports",
    "said",
    "according",
    "statement",
    "village",
    "prison",
    "wives",
    "medics",
    "convoy",
    "weeks",
    "months",
    "letter",
    "hearing",
    "appeal",
    "volunteers",
    "returned",
]
CERTAINTIES = ["asserted", "reported", "possible", "negated", "unknown"]
STATUSES = ["machine"] * 6 + ["verified", "corrected", "rejected"]


# --------------------------------------------------------------------------- the store


def _text(rng: random.Random, n: int) -> tuple[str, str, list[Span]]:
    """A title, a text of about 350 words, and (kind, start, end, text) mentions in it."""
    return report_text(rng, n, PLACES, WORDS, sentences=28, words_per_sentence=10, time_every=4)


def build(store: Store, documents: int, events: int, seed: int = 7) -> None:
    """Fill an empty store with synthetic reports, mentions, entities, stories and events."""
    rng = random.Random(seed)
    per_doc = max(1, events // documents)
    now = datetime.now(UTC)
    started = time.perf_counter()
    with store.engine.begin() as connection:
        connection.execute(
            insert(StoryRow),
            [
                {
                    "id": s,
                    "basis": "single",
                    "reason": "generated",
                    "credited": [],
                    "updated_at": now,
                }
                for s in range(1, documents + 1)
            ],
        )
    batch = 500
    for first in range(1, documents + 1, batch):
        captures, docs, mentions, entities, event_rows = [], [], [], [], []
        for n in range(first, min(first + batch, documents + 1)):
            title, text, spans = _text(rng, n)
            published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 700))
            captures.append(
                {
                    "id": n,
                    "sha256": f"{n:064x}",
                    "size": len(text),
                    "input": f"report-{n}.html",
                    "url": f"https://{rng.choice(OUTLETS)}/{n}",
                    "captured_at": now,
                    "content_type": "text/html",
                }
            )
            docs.append(
                {
                    "id": n,
                    "capture_id": n,
                    "title": title,
                    "text": text,
                    "body_start": len(title) + 2,
                    "outlet": rng.choice(OUTLETS),
                    "published": published,
                    "language": "en" if n % 10 else "ru",
                    "tags": [],
                    "word_count": len(text.split()),
                    "added_at": now,
                    "sensitivity": "normal",
                    "parser_version": "bench/1",
                    # every fifth report is a reprint of the one before it
                    "story_id": n - 1 if n % 5 == 0 else n,
                }
            )
            keys: dict[str, int] = {}
            entity_keys: dict[str, str] = {}
            for kind, start, end, phrase in spans:
                keys[kind] = keys.get(kind, 0) + 1
                key = f"{kind[0]}{keys[kind]}"
                data: dict[str, Any] = {}
                if kind == "entity":
                    if phrase not in entity_keys:
                        entity_keys[phrase] = f"E{len(entity_keys) + 1}"
                        lat, lon = next((p[2], p[3]) for p in PLACES if p[0] == phrase)
                        entities.append(
                            {
                                "document_id": n,
                                "key": entity_keys[phrase],
                                "name": phrase,
                                "type": "LOC",
                                "geo": {"lat": lat, "lon": lon},
                            }
                        )
                    data = {"type": "LOC", "entity": entity_keys[phrase]}
                elif kind == "quantity":
                    data = {"value": int(phrase.split()[1]), "unit": "person"}
                mentions.append(mention_row(n, key, (kind, start, end, phrase), data, "bench/1"))
            quantities = [s for s in spans if s[0] == "quantity"]
            for index in range(per_doc):
                span = quantities[index % len(quantities)]
                _kind, start, end, phrase = span
                place = rng.choice(PLACES)
                day = published - timedelta(days=rng.randint(0, 60))
                roles = {"quantity": [{"start": start, "end": end, "text": phrase}]}
                body = {
                    "id": f"v{index + 1}",
                    "type": rng.choice(TYPES),
                    "evidence": [[max(0, start - 60), end + 20]],
                    "roles": roles,
                    "source": None,
                }
                certainty = rng.choice(CERTAINTIES)
                days = (day, day + timedelta(days=rng.choice([0, 6, 30])))
                status = rng.choice(STATUSES)
                # One event in ten is placed only at a country (no point on the map), as
                # "in Russia" is in real reports.
                event_rows.append(
                    event_row(
                        n,
                        body,
                        span,
                        days,
                        place,
                        certainty=certainty,
                        status=status,
                        country_only=rng.random() < 0.1,
                    )
                )
        with store.engine.begin() as connection:
            connection.execute(insert(CaptureRow), captures)
            connection.execute(insert(DocumentRow), docs)
            connection.execute(insert(MentionRow), mentions)
            connection.execute(insert(EntityRow), entities)
            connection.execute(insert(EventRow), event_rows)
        print(f"  {min(first + batch - 1, documents):>6} documents", end="\r", file=sys.stderr)
    if store.dialect == "postgresql":
        with store.engine.begin() as connection:
            for table in ("captures", "documents", "stories"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        # A steady-state database: the visibility map lets PostgreSQL answer filtered counts
        # from the covering indexes alone (autovacuum does this in a live store).
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with store.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)


# -------------------------------------------------------------------------------- server


def _peak_rss_mib(pid: int) -> float | None:
    """The peak resident memory (``VmHWM``) of ``pid`` and its descendants, summed, in MiB;
    ``None`` where ``/proc`` does not say (not Linux)."""
    total_kib, pending, seen = 0, [pid], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            if current == pid:
                return None
            continue
        total_kib += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")),
            0,
        )
    return total_kib / 1024


def _server(
    db: str, data_dir: Path, port: int, workers: int, threads: int
) -> subprocess.Popen[bytes]:
    """Start ``workers`` uvicorn processes serving the app, as ``storyline serve`` does."""
    env = {
        **os.environ,
        "STORYLINE_DB": db,
        "STORYLINE_DATA_DIR": str(data_dir),
        "STORYLINE_WEB_LOCAL": "1",
        "STORYLINE_WEB_THREADS": str(threads),
        "PYTHONWARNINGS": "ignore",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "storyline.web.app:app_from_environment",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return subprocess.Popen(command, env=env)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -------------------------------------------------------------------------------- client


def _requests(
    rng: random.Random, documents: int, total: int, claims: list[int] | None = None
) -> dict[str, list[str]]:
    """The URLs of each kind of request, varied so caches do not flatter the result
    (``claims``: ids of claims several documents make, for the claim pages)."""
    pages = documents // 50
    word = lambda: rng.choice(["inmates", "pardon", "medics", "appeal", "convoy"])  # noqa: E731
    return {
        "documents list": [f"/documents?offset={rng.randrange(pages) * 50}" for _ in range(total)],
        "documents search": [f"/documents?q={word()}+{word()}" for _ in range(total)],
        "documents facets (search)": [
            f"/documents/facets?q={word()}+{word()}" for _ in range(total)
        ],
        "document page": [f"/documents/{rng.randint(1, documents)}" for _ in range(total)],
        "document + event": [
            f"/documents/{rng.randint(1, documents)}?event=v{rng.randint(1, 5)}"
            for _ in range(total)
        ],
        "events table, filtered": [
            f"/events?type={rng.choice(TYPES)}&country=RU&status=machine"
            f"&sort={rng.choice(['time', 'place', 'certainty'])}&offset={rng.randrange(20) * 50}"
            for _ in range(total)
        ],
        "events timeline": [f"/events/timeline?type={rng.choice(TYPES)}" for _ in range(total)],
        "events map": [f"/events/map?type={rng.choice(TYPES)}" for _ in range(total)],
        "events facets": [f"/events/facets?type={rng.choice(TYPES)}" for _ in range(total)],
        "review page": [f"/review?event={rng.randint(1, documents * 10)}" for _ in range(total)],
        "API /api/events": [
            f"/api/events?type={rng.choice(TYPES)}&since=2024-01-01&limit=50"
            f"&offset={rng.randrange(20) * 50}"
            for _ in range(total)
        ],
        "API /api/documents/{id}": [
            f"/api/documents/{rng.randint(1, documents)}" for _ in range(total)
        ],
        "claims list (one type)": [
            f"/claims?type={rng.choice(TYPES)}&offset={rng.randrange(10) * 50}"
            for _ in range(total)
        ],
        **(
            {
                "claim page": [f"/claims/{rng.choice(claims)}" for _ in range(total)],
                "contradiction filter": [
                    f"/claims?contradictions=1&offset={rng.randrange(10) * 50}"
                    for _ in range(total)
                ],
                "dashboard count (/claims/summary)": ["/claims/summary"] * total,
            }
            if claims
            else {}
        ),
    }


async def _measure(
    base: str, urls: list[str], clients: int, headers: dict[str, str], raw: bool = True
) -> list[float]:
    """Latency of each request, ``clients`` at a time, each client on one kept-alive
    connection. ``raw`` uses a minimal HTTP/1.1 client on asyncio streams: on a 2-core
    machine the load generator shares the cores with the server, and httpx spends about a
    millisecond of CPU per request that the server then lacks (``--client httpx`` to compare).
    """
    queue = list(urls)
    timings: list[float] = []
    failures: list[str] = []

    async def httpx_worker() -> None:
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
            while queue:
                url = queue.pop()
                started = time.perf_counter()
                response = await client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {url}")

    host, port = base.split("://", 1)[1].split(":")
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())

    async def raw_worker() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while queue:
                url = queue.pop()
                started = time.perf_counter()
                writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode())
                status = await _read_response(reader)
                timings.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    failures.append(f"{status} {url}")
        finally:
            writer.close()

    worker = raw_worker if raw else httpx_worker
    await asyncio.gather(*(worker() for _ in range(clients)))
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    return timings


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response (Content-Length or chunked body); its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    fields = {
        k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])
    }
    if "content-length" in fields:
        await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Build (or reuse) the store, serve it, load it, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a SQLite file)")
    parser.add_argument("--keep", type=Path, help="SQLite file to reuse or leave behind")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=300, help="per kind of request")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="handler threads per worker")
    parser.add_argument(
        "--client",
        choices=["raw", "httpx"],
        default="raw",
        help="load generator: a minimal HTTP/1.1 client (default) or httpx",
    )
    parser.add_argument(
        "--only",
        action="append",
        help="measure only the rows whose name contains this (repeatable), e.g. --only claim",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    db = args.db or f"sqlite:///{args.keep or workdir / 'bench.db'}"
    store = open_store(db, workdir / "blobs")
    with store.sessions() as session:
        present = session.scalar(select(func.count(DocumentRow.id))) or 0
    if present == 0:
        print(f"building {args.documents:,} documents and {args.events:,} events…", file=sys.stderr)
        build(store, args.documents, args.events)
    documents = present or args.documents
    if accounts.count_users(store) == 0:
        accounts.add_user(store, "bench", "benchmark-password", "editor")
    account = accounts.authenticate(store, "bench", "benchmark-password")
    assert account is not None
    session_token = accounts.create_session(store, account)
    api_token = accounts.create_api_token(store, "bench", "benchmark")
    with store.sessions() as session:
        counts = (
            session.scalar(select(func.count(DocumentRow.id))),
            session.scalar(select(func.count(EventRow.id))),
            session.scalar(select(func.count(MentionRow.id))),
        )
        # Claims several documents make: what the claims list shows and a claim page opens.
        claim_ids = list(session.scalars(claims_made_by(2, None).limit(5000)))
    store.close()

    port = _free_port()
    server = _server(db, workdir / "blobs", port, args.workers, args.threads)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        cookie = {"Cookie": f"storyline_session={session_token}"}
        bearer = {"Authorization": f"Bearer {api_token}"}
        rng = random.Random(11)
        raw = args.client == "raw"
        print(
            f"\n{counts[0]:,} documents, {counts[1]:,} events, {counts[2]:,} mentions; "
            f"{args.clients} concurrent clients, {args.requests} requests per row; "
            f"{'PostgreSQL' if db.startswith('postgres') else 'SQLite'}, "
            f"{args.workers} uvicorn worker(s) × {args.threads} threads, {os.cpu_count()} CPUs, "
            f"{args.client} load generator\n"
        )
        print("| request | p50 ms | p95 ms | max ms | req/s | p95 < 200 ms |")
        print("|---|---:|---:|---:|---:|:---:|")
        for name, urls in _requests(rng, documents, args.requests, claim_ids).items():
            if args.only and not any(part in name for part in args.only):
                continue
            headers = bearer if name.startswith("API") else cookie
            asyncio.run(_measure(base, urls[: args.clients], args.clients, headers, raw))  # warm up
            started = time.perf_counter()
            timings = asyncio.run(_measure(base, urls, args.clients, headers, raw))
            rate = len(timings) / (time.perf_counter() - started)
            p95 = _percentile(timings, 0.95)
            print(
                f"| {name} | {statistics.median(timings):.0f} | {p95:.0f} | "
                f"{max(timings):.0f} | {rate:.0f} | {'yes' if p95 < 200 else 'no'} |"
            )
        peak = _peak_rss_mib(server.pid)
        if peak is not None:
            print(f"\npeak resident memory of the server (all its processes): {peak:,.0f} MiB")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
