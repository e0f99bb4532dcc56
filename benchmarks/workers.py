"""``--workers``: documents per second stored by ``add`` with 1 and N extraction processes,
against one plain spaCy ``nlp.pipe`` pass over the same texts (the floor for this design).

Usage::

    python benchmarks/workers.py [--documents N] [--workers N] [--cluster N]

The texts are the example reports (``examples/``), each copied ``N / 7`` times with a
numbered line added so every copy is new to the store. Each configuration adds the same
folder into a fresh SQLite store through the real pipeline (capture, parse, extract, link,
store), in the same run; the spaCy pass runs ``en_core_web_sm`` (as loaded by Storyline)
over the same parsed texts in one process, with nothing else. Times are wall clock,
including starting the worker processes (each loads its own spaCy). CPU seconds (this
process and its worker processes) are printed too: on a machine others are using, wall
time says little, while documents per CPU-second show what each core does.

``--cluster N`` adds the cluster path (``storyline add --scheduler local:N``): a Dask
``LocalCluster`` of ``N`` worker processes, started, used and stopped inside the timing,
as ``--workers`` starts its processes inside it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from storyline import nlp
from storyline.capture import expand_inputs, read_file
from storyline.parse import ParseOptions, parse
from storyline.pipeline import ingest
from storyline.settings import load_settings
from storyline.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent


def build_folder(target: Path, documents: int) -> list[Path]:
    """``documents`` distinct report files made from the examples."""
    examples = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in {".html", ".txt"})
    made = []
    for number in range(documents):
        example = examples[number % len(examples)]
        data = example.read_bytes()
        marker = f"\n<p>Archive copy {number}.</p>\n" if example.suffix == ".html" else ""
        copy = target / f"{number:05d}{example.suffix}"
        if example.suffix == ".html":
            copy.write_bytes(data.replace(b"</body>", marker.encode() + b"</body>", 1))
        else:
            copy.write_bytes(data + f"\n\nArchive copy {number}.\n".encode())
        made.append(copy)
    return made


def cpu_seconds() -> float:
    """CPU time of this process, of its finished children and of every live descendant.

    Why the descendants: the extraction workers are forked by a fork server (a child of
    this process), so they are not this process's children; while the pool lives they are
    counted from ``/proc`` (their own time and what they reaped), or not at all.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return total + live_descendants_cpu(os.getpid())


def live_descendants_cpu(root: int) -> float:
    """CPU seconds of the live processes under ``root`` (Linux ``/proc``; 0 elsewhere),
    each with the time of the children it has reaped."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rindex(")") + 2 :].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
    below: set[int] = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in below and pid not in below:
                below.add(pid)
                grew = True
    return sum(times[pid] for pid in below - {root})


def run_add(folder: Path, workers: int, scratch: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds to add the folder into a fresh store, and documents added."""
    store = open_store(f"sqlite:///{scratch / f'w{workers}.db'}", scratch / f"blobs{workers}")
    settings = load_settings()
    items = list(expand_inputs([str(folder)]))
    started, cpu = time.perf_counter(), cpu_seconds()
    outcomes = ingest(store, items, settings, ParseOptions(), workers=workers)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    store.close()
    return seconds, cpu, sum(1 for o in outcomes if o.status == "added")


def run_cluster(folder: Path, workers: int, scratch: Path) -> tuple[float, float, int]:
    """As :func:`run_add`, with extraction on a local Dask cluster of ``workers`` processes
    (its CPU time is counted once the cluster has stopped and its processes were reaped)."""
    from storyline.cluster import connect

    store = open_store(f"sqlite:///{scratch / f'c{workers}.db'}", scratch / f"cblobs{workers}")
    settings = load_settings()
    items = list(expand_inputs([str(folder)]))
    started, cpu = time.perf_counter(), cpu_seconds()
    with connect(f"local:{workers}", None) as pool:
        outcomes = ingest(store, items, settings, ParseOptions(), pool=pool)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    store.close()
    return seconds, cpu, sum(1 for o in outcomes if o.status == "added")


def run_spacy(folder: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds for one ``nlp.pipe`` pass over the parsed texts (parsing and
    loading the model not timed)."""
    settings = load_settings()
    texts = [
        parse(read_file(path, settings.max_bytes)).text for path in expand_inputs([str(folder)])
    ]
    model = nlp.load("en")
    started, cpu = time.perf_counter(), cpu_seconds()
    for _doc in model.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started, cpu_seconds() - cpu, len(texts)


def run_extraction_only(folder: Path, workers: int) -> tuple[float, float, int]:
    """Wall seconds to extract the parsed texts in this process (groups of 16, as ``add``
    does) and in ``workers`` worker processes, with no capture, parse or store timed.

    Why: this is the most ``--workers N`` can gain on this machine whatever the writer
    does. Two processes extracting at once each run slower than one alone (they share the
    caches and memory bandwidth of the cores), so the ratio of these two rows is the
    ceiling for ``add --workers N`` against serial. Models are loaded before the timing.
    """
    from storyline.extraction_runs import extract_each
    from storyline.model import Document
    from storyline.worker_process import warm_up
    from storyline.workers import ExtractionPool, Limits

    settings = load_settings()
    documents: list[Document] = [
        parse(read_file(path, settings.max_bytes)) for path in expand_inputs([str(folder)])
    ]
    groups = [documents[i : i + 16] for i in range(0, len(documents), 16)]
    warm_up()
    started = time.perf_counter()
    for group in groups:
        list(extract_each(group, None))
    alone = time.perf_counter() - started
    pool = ExtractionPool()
    try:
        pool.grow(workers)  # forked from the server that loaded spaCy: ready now
        started = time.perf_counter()
        for _group in pool.extract_groups(iter(enumerate(groups)), None, Limits(), workers):
            pass
        parallel = time.perf_counter() - started
    finally:
        pool.close()
    return alone, parallel, len(documents)


def main() -> None:
    """Print one table row per configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cluster", type=int, default=0, help="Dask workers (0: skip).")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    scratch = Path(tempfile.mkdtemp(prefix="storyline-workers-"))
    try:
        folder = scratch / "reports"
        folder.mkdir()
        build_folder(folder, args.documents)
        words = sum(len(p.read_text(errors="ignore").split()) for p in folder.iterdir())
        rows = [
            ("plain spaCy nlp.pipe, 1 process (floor)", *run_spacy(folder)),
            ("storyline add, --workers 1", *run_add(folder, 1, scratch)),
            (f"storyline add, --workers {args.workers}", *run_add(folder, args.workers, scratch)),
        ]
        if args.cluster:
            name = f"storyline add, --scheduler local:{args.cluster}"
            rows.append((name, *run_cluster(folder, args.cluster, scratch)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{args.documents} documents, about {words:,} words (raw files)\n")
    print(f"load average before: {load:.1f} on {os.cpu_count()} CPUs\n")
    print("| configuration | documents | wall s | docs/s | words/s | CPU s | docs per CPU-s |")
    print("|---|---|---|---|---|---|---|")
    for name, seconds, cpu, count in rows:
        print(
            f"| {name} | {count} | {seconds:.1f} | {count / seconds:.2f} | "
            f"{words / seconds:,.0f} | {cpu:.1f} | {count / cpu:.2f} |"
        )


if __name__ == "__main__":
    main()
