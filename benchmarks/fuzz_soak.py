"""Fuzz soak: thousands of bad inputs through ``storyline add`` and ``POST /api/documents``.

Usage::

    python benchmarks/fuzz_soak.py [--count 2000] [--batch 50] [--limit 60]
                                   [--extract-timeout 60] [--extract-max-mb 1024]
                                   [--pg postgresql://postgres@127.0.0.1:5432/test]
                                   [--no-extract] [--only cli|api] [--backend sqlite|postgresql]

The corpus is generated (:mod:`fuzz_corpus`: binary, truncated, bombs, encodings, huge,
deep nesting, odd URLs and dates). Each backend (SQLite, and PostgreSQL with ``--pg``) gets
a fresh store. **CLI**: the real command line in a subprocess, ``--batch`` inputs at a
time (one batch per publication date), reading its outcome lines as they arrive.
**API**: the web app as a team server (so URLs must be public), an editor's token, one
request per input (text as the body, URLs as ``url``, plus malformed dates).

Both interfaces extract under the per-input work limit (``--extract-timeout`` seconds,
``--extract-max-mb`` megabytes: ``STORYLINE_EXTRACT_TIMEOUT``/``_MAX_MB``).

It prints one row per backend and interface: inputs, tracebacks (must be 0: a Python
traceback on stderr, an exit status other than 0/1, or an HTTP 500), lost outcomes (must
be 0: an input without its own outcome line or answer), how many inputs the work limit
stopped (over time, over memory), the peak RSS of the largest process (the CLI or the web
app, or one of their extraction workers), and the slowest input against ``--limit``
seconds: the longest wait for one extracted input in an extraction worker (from the task's
start or the previous result, which is what the per-input time limit bounds; an input the
limit stopped is counted under "over time" instead). Also shown: for the API the longest
request; for the CLI the longest wait between two outcome lines (a group of 16 inputs is
extracted and printed together, so it is a group's time); the wait for each batch's first
line (the command starting and its worker loading spaCy) is reported apart as "start", and
the API's worker is started before requests are timed.
A progress line every 100 inputs lets a run cut short still be read.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from fuzz_corpus import BAD_DATES, Case, corpus
from storyline.commands.batch import shown_input

#: The real command line, plus one line on stderr at exit: the longest wait for one
#: extracted input in its extraction worker (what the time limit bounds), so that the CLI
#: row can report a per-input time although outcomes are printed a group at a time.
CLI = (
    "import atexit, sys\n"
    "from storyline.workers import shared_pool\n"
    "pool = shared_pool()\n"  # registers its own close first, so this line runs before it
    "atexit.register(lambda: print('soak-longest-wait %.3f %s' % pool.longest_wait(),"
    " file=sys.stderr))\n"
    "from storyline.cli import main\n"
    "main()"
)
WAIT_LINE = "soak-longest-wait "
OK_STATUSES = {200, 201, 400, 401, 413, 422}


@dataclass
class Row:
    """What one backend × interface run found."""

    backend: str
    interface: str
    inputs: int = 0
    tracebacks: int = 0
    lost: int = 0
    peak_rss_mb: float = 0.0
    over_time: int = 0
    over_memory: int = 0
    #: CLI: the longest wait for a batch's first outcome line (process start, loading the
    #: model in its worker, the first group), kept out of ``slowest_s``.
    startup_s: float = 0.0
    #: CLI: the longest wait between two outcome lines (a group of 16 at a time); API: the
    #: longest request.
    slowest_s: float = 0.0
    slowest: str = ""
    #: The longest wait for one extracted input in an extraction worker (see ``CLI``).
    input_s: float = 0.0
    input_name: str = ""
    problems: list[str] = field(default_factory=list)


def write_files(cases: list[Case], folder: Path) -> dict[str, str]:
    """Write file cases; return case name → the input argument (path or URL)."""
    items: dict[str, str] = {}
    for case in cases:
        if case.is_url:
            items[case.name] = str(case.url).replace("\x00", "%00")  # argv cannot hold NUL
        else:
            path = folder / f"{case.name}.txt"
            path.write_bytes(case.data or b"")
            items[case.name] = str(path)
    return items


def batches(cases: list[Case], size: int) -> Iterator[tuple[str | None, list[Case]]]:
    """Cases grouped by publication date, ``size`` at a time."""
    by_date: dict[str | None, list[Case]] = {}
    for case in cases:
        by_date.setdefault(case.published, []).append(case)
    for published, group in by_date.items():
        for start in range(0, len(group), size):
            yield published, group[start : start + size]


def run_cli(db: str, data_dir: Path, cases: list[Case], args: argparse.Namespace) -> Row:
    """Feed the cases to the real CLI in batches and check each input's outcome line."""
    row = Row(backend=db.split(":", 1)[0], interface="storyline add")
    folder = Path(tempfile.mkdtemp(prefix="fuzz-inputs-"))
    items = write_files(cases, folder)
    env = {
        **os.environ,
        "STORYLINE_MAX_BYTES": str(args.max_bytes),
        "STORYLINE_FETCH_TIMEOUT": "3",
        "STORYLINE_EXTRACT_TIMEOUT": str(args.extract_timeout),
        "STORYLINE_EXTRACT_MAX_MB": str(args.extract_max_mb),
    }
    names = _names_by_sha(cases)
    for published, group in batches(cases, args.batch):
        argv = [sys.executable, "-c", CLI, "--db", db, "--data-dir", str(data_dir), "add"]
        argv += ["--published", published] if published else []
        argv += [] if args.extract else ["--no-extract"]
        argv += [items[c.name] for c in group]
        row.inputs += len(group)
        _run_batch(argv, env, [shown_input(items[c.name]) for c in group], row, args.limit, names)
        _progress(row, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    row.peak_rss_mb = max(row.peak_rss_mb, usage.ru_maxrss / 1024)
    shutil.rmtree(folder, ignore_errors=True)
    return row


def _names_by_sha(cases: list[Case]) -> dict[str, str]:
    """sha256 of each case as a file and as the API's text → the case's name."""
    names: dict[str, str] = {}
    for case in cases:
        if case.data is not None:
            names[hashlib.sha256(case.data).hexdigest()] = case.name
            text = case.data.decode("utf-8", errors="replace").encode()
            names.setdefault(hashlib.sha256(text).hexdigest(), case.name)
    return names


def _input_wait(row: Row, seconds: float, sha: str, names: dict[str, str]) -> None:
    if seconds > row.input_s:
        row.input_s, row.input_name = seconds, names.get(sha, sha[:12])


def _run_batch(
    argv: list[str],
    env: dict[str, str],
    inputs: list[str],
    row: Row,
    limit: float,
    names: dict[str, str],
) -> None:
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace"
    )
    lines: list[tuple[float, str]] = []
    lock = threading.Lock()
    started = time.monotonic()

    def pump(stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            with lock:
                lines.append((time.monotonic(), line.rstrip("\n")))

    threads = [threading.Thread(target=pump, args=(s,)) for s in (process.stdout, process.stderr)]
    for thread in threads:
        thread.start()
    try:
        code = process.wait(timeout=limit * len(inputs) + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait()
        row.problems.append(f"batch killed after {limit * len(inputs) + 60:.0f} s")
    for thread in threads:
        thread.join()
    text = "\n".join(line for _, line in lines)
    if "Traceback" in text or code not in (0, 1):
        row.tracebacks += 1
        row.problems.append(f"exit {code}: {text[-300:]}")
    remaining = list(inputs)
    previous = started
    for when, line in sorted(lines):
        if line.startswith(WAIT_LINE):
            seconds, _, sha = line[len(WAIT_LINE) :].partition(" ")
            _input_wait(row, float(seconds), sha, names)
            continue
        body = line[len("error: ") :] if line.startswith("error: ") else line
        match = next(
            (i for i in sorted(remaining, key=len, reverse=True) if body.startswith(i + ": ")), None
        )
        if match is None:
            continue
        remaining.remove(match)
        _count_limited(row, body)
        if previous == started:  # the command's start and its worker loading spaCy
            row.startup_s = max(row.startup_s, when - started)
        elif when - previous > row.slowest_s:
            row.slowest_s, row.slowest = when - previous, match
        previous = when
    row.lost += len(remaining)
    if remaining:
        row.problems.append(f"no outcome for {remaining[:3]}")


def _count_limited(row: Row, outcome: str) -> None:
    """Count an outcome the per-input work limit decided."""
    if "not extracted: took longer than" in outcome:
        row.over_time += 1
    elif "not extracted: used more than" in outcome:
        row.over_memory += 1


def _progress(row: Row, peak_mb: float) -> None:
    """A line every 100 inputs (or batch), so that a run cut short can still be read."""
    row.peak_rss_mb = max(row.peak_rss_mb, peak_mb)
    print(
        f"    {time.strftime('%H:%M:%S')} {row.backend} {row.interface}: {row.inputs} inputs, "
        f"{row.tracebacks} tracebacks, {row.lost} lost, {row.over_time} over time, "
        f"{row.over_memory} over memory, peak RSS {row.peak_rss_mb:.0f} MB, "
        f"slowest {row.slowest_s:.1f} s ({row.slowest}), slowest input {row.input_s:.1f} s "
        f"({row.input_name}), longest start {row.startup_s:.1f} s",
        flush=True,
    )


def _worker_peak_mb() -> float:
    """The largest peak RSS of this process's extraction workers: the live ones (from /proc)
    and those killed and reaped (``RUSAGE_CHILDREN``; with ``--only api`` nothing else is a
    child of this process)."""
    from storyline.workers import shared_pool

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for worker in shared_pool()._workers:
        try:
            status = Path(f"/proc/{worker.process.pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def _warm_worker() -> None:
    """Start this process's extraction worker and wait until it has loaded spaCy."""
    from storyline.model import Document
    from storyline.workers import Limits, shared_pool

    pool = shared_pool()
    pool.grow(1)
    pool.extract([Document(text="Police detained 12 people.", sha256="0" * 64)], None, Limits())


def run_api(db: str, data_dir: Path, cases: list[Case], args: argparse.Namespace) -> Row:
    """Send every case to ``POST /api/documents`` of a team server, one request each."""
    from fastapi.testclient import TestClient

    from storyline.settings import Settings
    from storyline.store import accounts
    from storyline.store.db import open_store
    from storyline.web.app import create_app
    from storyline.web.config import WebOptions
    from storyline.workers import shared_pool

    row = Row(backend=db.split(":", 1)[0], interface="POST /api/documents")
    names = _names_by_sha(cases)
    store = open_store(db, data_dir)
    accounts.add_user(store, "fuzzer", "a long fuzzing passphrase", "editor")
    token = accounts.create_api_token(store, "fuzzer", "soak")
    settings = Settings(
        data_dir=data_dir,
        max_bytes=args.max_bytes,
        fetch_timeout=3,
        extract_timeout=args.extract_timeout if args.extract else 0,
        extract_max_mb=args.extract_max_mb if args.extract else 0,
    )
    app = create_app(store, settings, WebOptions(local=False))
    headers = {"Authorization": f"Bearer {token}"}
    if args.extract:  # a server's extraction worker is up before its requests are timed
        started = time.monotonic()
        _warm_worker()
        row.startup_s = time.monotonic() - started
    payloads: list[tuple[str, dict[str, object]]] = []
    for number, case in enumerate(cases):
        if case.is_url:
            payloads.append((case.name, {"url": case.url}))
            continue
        text = (case.data or b"").decode("utf-8", errors="replace")
        published = case.published or (
            BAD_DATES[number % len(BAD_DATES)] if number % 7 == 0 else None
        )
        payloads.append((case.name, {"text": text, "published": published, "title": case.name}))
    with TestClient(app, base_url="https://storyline.test") as client:
        for name, payload in payloads:
            row.inputs += 1
            started = time.monotonic()
            try:
                response = client.post("/api/documents", json=payload, headers=headers)
            except Exception as exc:  # a crash of the app reaches the client as an exception
                row.tracebacks += 1
                row.lost += 1
                row.problems.append(f"{name}: {exc.__class__.__name__}: {exc}")
                continue
            took = time.monotonic() - started
            if took > row.slowest_s:
                row.slowest_s, row.slowest = took, name
            if response.status_code == 500:
                row.tracebacks += 1
                row.problems.append(f"{name}: 500 {response.text[:200]}")
            elif response.status_code not in OK_STATUSES:
                row.lost += 1
                row.problems.append(f"{name}: unexpected {response.status_code}")
            elif not _has_outcome(response):
                row.lost += 1
                row.problems.append(f"{name}: answer without an outcome")
            else:
                _count_limited(row, response.text)
            if row.inputs % 100 == 0:
                _input_wait(row, *shared_pool().longest_wait(), names)
                own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                _progress(row, max(own, _worker_peak_mb()))
    store.close()
    _input_wait(row, *shared_pool().longest_wait(), names)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row.peak_rss_mb = max(own, _worker_peak_mb())
    return row


def _has_outcome(response: Any) -> bool:
    """Whether an answer says what happened: a status, a ``detail``, or a plain message."""
    try:
        body = response.json()
    except ValueError:
        return bool(response.text.strip())
    return bool(body.get("status") or body.get("detail"))


def fresh_pg(server: str) -> tuple[str, object]:
    """A URL of an empty schema on ``server`` and the engine that drops it afterwards."""
    from sqlalchemy import create_engine, text

    from storyline.store.db import normalise_url

    schema = f"fuzz_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(server))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in server else "?"
    return f"{server}{separator}options=-csearch_path%3D{schema}", (admin, schema)


def drop_pg(handle: object) -> None:
    from sqlalchemy import text

    admin, schema = handle  # type: ignore[misc]
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2_000, help="inputs generated")
    parser.add_argument("--batch", type=int, default=50, help="inputs per storyline add")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per input")
    parser.add_argument("--max-bytes", type=int, default=2_000_000, help="STORYLINE_MAX_BYTES")
    parser.add_argument("--pg", help="PostgreSQL server URL (a fresh schema is used)")
    parser.add_argument("--extract", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--only", choices=["cli", "api"])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], help="only this one")
    parser.add_argument(
        "--extract-timeout", type=float, default=60.0, help="STORYLINE_EXTRACT_TIMEOUT (s)"
    )
    parser.add_argument("--extract-max-mb", type=int, default=1024, help="STORYLINE_EXTRACT_MAX_MB")
    args = parser.parse_args()
    cases = corpus(args.count, max_bytes=args.max_bytes)
    print(
        f"{len(cases)} generated inputs; families: "
        + ", ".join(
            f"{family} {sum(1 for c in cases if c.family == family)}"
            for family in dict.fromkeys(c.family for c in cases)
        )
    )
    rows: list[Row] = []
    backends = ["sqlite"] + (["postgresql"] if args.pg else [])
    if args.backend:
        backends = [b for b in backends if b == args.backend]
    for backend in backends:
        for interface in ("cli", "api"):
            if args.only and interface != args.only:
                continue
            work = Path(tempfile.mkdtemp(prefix="fuzz-store-"))
            handle = None
            if backend == "sqlite":
                db = f"sqlite:///{work / 'fuzz.db'}"
            else:
                db, handle = fresh_pg(args.pg)
            runner = run_cli if interface == "cli" else run_api
            started = time.monotonic()
            row = runner(db, work / "blobs", cases, args)
            row.backend = backend
            print(
                f"  {backend} {row.interface}: {time.monotonic() - started:.0f} s, "
                f"{row.inputs} inputs, {row.tracebacks} tracebacks, {row.lost} lost, "
                f"{row.over_time} over time, {row.over_memory} over memory, "
                f"peak RSS {row.peak_rss_mb:.0f} MB, slowest {row.slowest_s:.1f} s, "
                f"slowest input {row.input_s:.1f} s ({row.input_name})",
                flush=True,
            )
            rows.append(row)
            if handle is not None:
                drop_pg(handle)
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(
        f"{'backend':<11}{'interface':<22}{'inputs':>7}{'tracebacks':>11}{'lost':>6}"
        f"{'over time':>10}{'over mem':>9}{'peak RSS MB':>12}{'input s':>9}{'slowest s':>10}"
        f"{'start s':>8}  slowest input"
    )
    for row in rows:
        print(
            f"{row.backend:<11}{row.interface:<22}{row.inputs:>7}{row.tracebacks:>11}"
            f"{row.lost:>6}{row.over_time:>10}{row.over_memory:>9}{row.peak_rss_mb:>12.0f}"
            f"{row.input_s:>9.1f}{row.slowest_s:>10.1f}{row.startup_s:>8.1f}  {row.input_name}"
        )
    print(
        f"per-input work limit: {args.extract_timeout:g} s, {args.extract_max_mb:,} MB"
        if args.extract
        else "no extraction"
    )
    for row in rows:
        for problem in row.problems[:10]:
            print(f"{row.backend} {row.interface}: {problem}")
    # The limit bounds each input's extraction (``input s``); a CLI group's wait holds 16
    # inputs, and an API request also waits for capture, storage and a worker's restart.
    bad = any(r.tracebacks or r.lost or r.input_s > args.limit for r in rows)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
